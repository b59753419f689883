// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;

namespace TeamFw.Tests;

/// <summary>The fuzz suites' knobs: TEAMFW_FUZZ_ITERATIONS raises the count (make bench), TEAMFW_FUZZ_SEED replays a run.</summary>
internal static class FuzzSettings
{
    public static int Iterations(int fallback) => Env("TEAMFW_FUZZ_ITERATIONS", fallback);

    public static int Seed() => Env("TEAMFW_FUZZ_SEED", Environment.TickCount);

    private static int Env(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
}
