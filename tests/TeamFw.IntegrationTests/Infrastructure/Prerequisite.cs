// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Xunit;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// A prerequisite found missing while the test runs (a package the registry does not serve, a
/// kernel apt cannot fetch, an emulator that timed out): the test is skipped with the reason, or,
/// under CI=true, fails with it, so a CI image that lost a piece cannot turn a test green by
/// skipping it. Only a <see cref="SkippableFactAttribute"/> test turns the skip into a skip.
/// </summary>
public static class Prerequisite
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Missing(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason + " (CI=true: a missing prerequisite fails)");
        }

        throw new SkipTestException(reason + " (set CI=true to fail instead of skipping)");
    }
}

/// <summary>Thrown to skip the running test; see <see cref="Prerequisite.Missing"/>.</summary>
public sealed class SkipTestException : Exception
{
    public SkipTestException()
    {
    }

    public SkipTestException(string message)
        : base(message)
    {
    }

    public SkipTestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
