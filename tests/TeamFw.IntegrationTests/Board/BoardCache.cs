// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.IntegrationTests.Packaging;

namespace TeamFw.IntegrationTests.Board;

/// <summary>Where the boards keep what they fetch and build, and how tests run make and dotnet for them.</summary>
internal static class BoardCache
{
    /// <summary>TEAMFW_BOARD_CACHE, else build/cache/board in the source tree (gitignored), as board.sh.</summary>
    public static string Path { get; } = Environment.GetEnvironmentVariable("TEAMFW_BOARD_CACHE") is { Length: > 0 } p
        ? p
        : Repo.Path("build", "cache", "board");

    /// <summary>
    /// The environment changes for a make or dotnet run from a test: `make test` exports its own
    /// MAKEFLAGS (job server descriptors this process does not have) to the test run.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> NoMake { get; } = new Dictionary<string, string?>
    {
        ["MAKEFLAGS"] = null,
        ["MFLAGS"] = null,
        ["MAKELEVEL"] = null,
        ["MAKEOVERRIDES"] = null,
    };
}
