// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Runners;

namespace TeamFw.Tests.Fakes;

/// <summary>
/// An <see cref="ITeamControl"/> over <see cref="FakePort"/>s that records every call and applies it.
/// The helpers drive a runner the way Daemon/Team does: a port is in <see cref="Ports"/> before
/// PortAdded and already out of it (with Enabled and LinkUp cleared) when PortRemoved runs.
/// </summary>
public sealed class FakeTeam : ITeamControl
{
    private readonly List<FakePort> _ports = [];

    public FakeTeam(IRunner runner)
    {
        Runner = runner;
    }

    public IRunner Runner { get; }

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
    }
}

public readonly record struct EnabledCall(string Port, bool Enabled);

public readonly record struct ActiveCall(string? Port, string Reason);
