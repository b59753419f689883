// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Host;

/// <summary>The daemon's monotonic clock in milliseconds (the time every timer and deadline is in).</summary>
public interface IClock
{
    long NowMs { get; }
}

/// <summary><see cref="Environment.TickCount64"/>: CLOCK_MONOTONIC (CLOCK_BOOTTIME on some runtimes) in ms.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long NowMs => Environment.TickCount64;
}
