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
    public NetnsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            return;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: network namespaces, veth pairs and a TAP device (run 'make test' as root)";
        }
        else if (TeamfwProcess.BinaryPath is null)
        {
            Skip = "the teamfw binary was not found: run 'make' first or set TEAMFW_BIN";
        }
    }
}
