// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// A test that runs the built binary but needs no privileges. Skipped with the reason when the binary
/// is missing, except under CI=true, where it runs and fails loudly.
/// </summary>
public sealed class BinaryFactAttribute : FactAttribute
{
    public BinaryFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && TeamfwProcess.BinaryPath is null)
        {
            Skip = "the teamfw binary was not found: run 'make' first or set TEAMFW_BIN";
        }
    }
}
