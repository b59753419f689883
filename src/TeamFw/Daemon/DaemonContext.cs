// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Host;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;
using TeamFw.State;

namespace TeamFw.Daemon;

/// <summary>
/// What every team shares: the kernel (the ioctl socket, the rtnetlink client, the clock, the port set-up, the
/// team devices and the port sockets), the logger, the state file and who owns which port. A team asks the
/// kernel only through these interfaces, so it can be tested with fakes (the second constructor).
/// </summary>
public sealed class DaemonContext : IDisposable
{
    private readonly IDisposable[] _owned;

    /// <summary>The daemon's: the kernel's ioctls, rtnetlink, devices and sockets.</summary>
    public DaemonContext(ILogger log, DaemonState state)
        : this(log, state, new NetDevice(), new RtnlClient())
    {
    }

    private DaemonContext(ILogger log, DaemonState state, NetDevice dev, RtnlClient rtnl)
        : this(log, state, dev, rtnl, SystemClock.Instance, new PortSetup(dev, rtnl, log), new TeamDevices(dev, rtnl), PortSockets.Instance)
    {
        _owned = [rtnl, dev];
    }

    /// <summary>Every piece given (tests: fakes); none of them is disposed with the context.</summary>
    public DaemonContext(ILogger log, DaemonState state, INetDevice net, IRtnl links, IClock clock, IPortSetup setup,
        ITeamDeviceFactory devices, IPortSockets sockets)
    {
        Log = log;
        State = state;
        Net = net;
        Links = links;
        Clock = clock;
        Setup = setup;
        Devices = devices;
        Sockets = sockets;
        _owned = [];
    }

    public ILogger Log { get; }

    /// <summary>setup.daemonized and setup.pid_file of every team's state document.</summary>
    public StateSetup StateSetup { get; init; }

    /// <summary>The interface ioctls a team makes (index, MTU, MAC, flags, carrier, speed).</summary>
    public INetDevice Net { get; }

    /// <summary>The rtnetlink queries a team makes (a link, the team's addresses).</summary>
    public IRtnl Links { get; }

    /// <summary>The monotonic clock (ms) of every timer.</summary>
    public IClock Clock { get; }

    /// <summary>Wakes the control thread's loop (any thread; must not allocate): a data path whose carrier check
    /// parked calls it at its next frame. Null in tests without a loop.</summary>
    public Action? WakeControl { get; init; }

    /// <summary>Taking a port over and giving it back.</summary>
    public IPortSetup Setup { get; }

    /// <summary>The team devices and their data paths.</summary>
    public ITeamDeviceFactory Devices { get; }

    /// <summary>The ports' sockets.</summary>
    public IPortSockets Sockets { get; }

    /// <summary>The state file: every team device and taken port, with the ports' original state.</summary>
    public DaemonState State { get; }

    /// <summary>Port name → team name, across all teams of this daemon.</summary>
    public Dictionary<string, string> PortOwners { get; } = new(StringComparer.Ordinal);

    public string? OwnerOf(string port) => PortOwners.TryGetValue(port, out string? t) ? t : null;

    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }
    }
}
