// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Modes;
using TeamFw.Runners;

namespace TeamFw.Tests.Fakes;

/// <summary>
/// An <see cref="IRunnerTeam"/> over <see cref="FakePort"/>s that records every call and applies it.
/// The helpers drive a runner the way Daemon/Team does: a port is in <see cref="Ports"/> before
/// PortAdded and already out of it (with Enabled and LinkUp cleared) when PortRemoved runs.
/// </summary>
public sealed class FakeTeam : IRunnerTeam
{
    private readonly List<FakePort> _ports = [];

    public FakeTeam(IRunner runner)
    {
        Runner = runner;
    }

    public IRunner Runner { get; }

    public string Name { get; set; } = "team0";

    public ListLogger Log { get; } = new();

    public ILogger Logger => Log;

    public byte[] Mac { get; set; } = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];

    public ReadOnlySpan<byte> TeamMac => Mac;

    /// <summary>Every control frame the runner sent, in order.</summary>
    public List<SentFrame> Sent { get; } = [];

    /// <summary>SendControlFrame's answer (false: the socket refused).</summary>
    public bool SendSucceeds { get; set; } = true;

    public IReadOnlyList<IRunnerPort> Ports => _ports;

    public IRunnerPort? ActivePort { get; private set; }

    /// <summary>The name of the active port, or null.</summary>
    public string? Active => ActivePort?.Name;

    public List<EnabledCall> EnabledCalls { get; } = [];

    public List<ActiveCall> ActiveCalls { get; } = [];

    public void SetEnabled(IRunnerPort port, bool enabled)
    {
        EnabledCalls.Add(new EnabledCall(port.Name, enabled));
        ((FakePort)port).Enabled = enabled;
    }

    public void SetActivePort(IRunnerPort? port, string reason)
    {
        ActiveCalls.Add(new ActiveCall(port?.Name, reason));
        ActivePort = port;
    }

    public bool SendControlFrame(IRunnerPort port, ReadOnlySpan<byte> frame)
    {
        Sent.Add(new SentFrame(port.Name, frame.ToArray()));
        return SendSucceeds;
    }

    /// <summary>The enabled-port count rule the team applies to its carrier.</summary>
    public bool Carrier => Runner.CarrierUp(this);

    public FakePort Add(FakePort port)
    {
        _ports.Add(port);
        Runner.PortAdded(this, port);
        return port;
    }

    /// <summary>Removes the port as Team.RemovePort does (clearing Enabled and LinkUp first unless told otherwise).</summary>
    public void Remove(FakePort port, bool clearState = true)
    {
        _ports.Remove(port);
        if (clearState)
        {
            port.Enabled = false;
            port.LinkUp = false;
        }

        Runner.PortRemoved(this, port);
    }

    /// <summary>The link watchers' verdict changed.</summary>
    public void Link(FakePort port, bool up)
    {
        port.LinkUp = up;
        Runner.PortLinkChanged(this, port);
    }

    /// <summary>Forgets the calls recorded so far.</summary>
    public void ClearCalls()
    {
        EnabledCalls.Clear();
        ActiveCalls.Clear();
        Sent.Clear();
        Log.Lines.Clear();
    }
}

public readonly record struct SentFrame(string Port, byte[] Frame);

/// <summary>Collects formatted log lines (Information and above by default).</summary>
public sealed class ListLogger : ILogger
{
    public List<string> Lines { get; } = [];

    public LogLevel MinLevel { get; set; } = LogLevel.Information;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= MinLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Lines.Add(formatter(state, exception));
        }
    }
}

public readonly record struct EnabledCall(string Port, bool Enabled);

public readonly record struct ActiveCall(string? Port, string Reason);
