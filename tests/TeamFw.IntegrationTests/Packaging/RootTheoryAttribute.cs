// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// A theory that needs root (a mount namespace, or make's step that installs Debian packages).
/// Skipped with the reason otherwise, except under CI=true, where it runs and fails loudly, as
/// <see cref="Infrastructure.NetnsFactAttribute"/> does.
/// </summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: make may install the Debian packages the build needs (run 'make test' as root)";
        }
    }
}
