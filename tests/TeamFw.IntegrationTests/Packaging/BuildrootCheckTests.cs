// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// Buildroot's utils/check-package -b over the BR2_EXTERNAL tree, through build/check-buildroot.sh.
/// Buildroot is not part of this repository: BUILDROOT_SRC names a checkout, else the test is
/// skipped with that reason (also under CI=true: the CI image has no Buildroot tree).
/// </summary>
public sealed class BuildrootCheckTests
{
    [BuildrootFact]
    public void CheckPackage_ExternalTree_NoWarnings()
    {
        var (code, stdout, stderr) = Repo.Run(Repo.Root, new Dictionary<string, string?>(), Repo.Path("build", "check-buildroot.sh"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("0 warnings generated", stdout, StringComparison.Ordinal);
        Assert.Contains("no warnings", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBuildroot_WithoutACheckout_SaysHowToRunIt()
    {
        var (code, stdout, _) = Repo.Run(Repo.Root, new Dictionary<string, string?> { ["BUILDROOT_SRC"] = null }, Repo.Path("build", "check-buildroot.sh"));
        Assert.Equal(77, code);
        Assert.Contains("set BUILDROOT_SRC", stdout, StringComparison.Ordinal);
    }

    private sealed class BuildrootFactAttribute : FactAttribute
    {
        public BuildrootFactAttribute()
        {
            string? src = Environment.GetEnvironmentVariable("BUILDROOT_SRC");
            if (string.IsNullOrEmpty(src))
            {
                Skip = "set BUILDROOT_SRC to a Buildroot checkout to run its utils/check-package on buildroot/ (README, Packaging)";
            }
            else if (!File.Exists(Path.Combine(src, "utils", "check-package")))
            {
                Skip = null; // runs, and fails with the script's message about the path
            }
        }
    }
}
