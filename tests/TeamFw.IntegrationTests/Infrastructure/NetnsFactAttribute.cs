// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs root (network namespaces, veth, TAP) and the built binary. Skipped with the reason
/// when either is missing, except under CI=true, where it runs and fails loudly instead of hiding.
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute() => Skip = SkipReason();

    /// <summary>Why a namespace test cannot run here, or null (always null under CI=true).</summary>
    internal static string? SkipReason()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            return null;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "needs root: network namespaces, veth pairs and a TAP device (run 'make test' as root)";
        }

        return TeamfwProcess.BinaryPath is null ? "the teamfw binary was not found: run 'make' first or set TEAMFW_BIN" : null;
    }
}

/// <summary>A <see cref="NetnsFactAttribute"/> with data rows.</summary>
public sealed class NetnsTheoryAttribute : TheoryAttribute
{
    public NetnsTheoryAttribute() => Skip = NetnsFactAttribute.SkipReason();
}
