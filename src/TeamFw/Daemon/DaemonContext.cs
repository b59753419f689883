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
/// What every team shares: the kernel (the ioctl socket, the rtnetlink client, the clock), the logger, the
/// state file and who owns which port. A running team asks the kernel only through <see cref="Net"/>,
/// <see cref="Links"/> and <see cref="Clock"/>, which are interfaces, so its parts can be tested with fakes.
/// </summary>
public sealed class DaemonContext : IDisposable
{
    public DaemonContext(ILogger log, DaemonState state)
    {
        Log = log;
        State = state;
        Dev = new NetDevice();
        Rtnl = new RtnlClient();
        Setup = new PortSetup(Dev, Rtnl, log);
        Net = Dev;
        Links = Rtnl;
        Clock = SystemClock.Instance;
    }

    public ILogger Log { get; }

    /// <summary>setup.daemonized and setup.pid_file of every team's state document.</summary>
    public StateSetup StateSetup { get; init; }

    /// <summary>The whole ioctl door: creating the team device and setting ports up and back (<see cref="Setup"/>).</summary>
    public NetDevice Dev { get; }

    /// <summary>The whole rtnetlink client (addresses saved and restored, link queries).</summary>
    public RtnlClient Rtnl { get; }

    /// <summary>The interface ioctls a running team makes (MTU, MAC, flags, carrier, speed): <see cref="Dev"/>.</summary>
    public INetDevice Net { get; }

    /// <summary>The rtnetlink queries a running team makes (a link, the team's addresses): <see cref="Rtnl"/>.</summary>
    public IRtnl Links { get; }

    /// <summary>The monotonic clock (ms) of every timer.</summary>
    public IClock Clock { get; }

    public PortSetup Setup { get; }

    /// <summary>The state file: every team device and taken port, with the ports' original state.</summary>
    public DaemonState State { get; }

    /// <summary>Port name → team name, across all teams of this daemon.</summary>
    public Dictionary<string, string> PortOwners { get; } = new(StringComparer.Ordinal);

    public string? OwnerOf(string port) => PortOwners.TryGetValue(port, out string? t) ? t : null;

    public void Dispose()
    {
        Rtnl.Dispose();
        Dev.Dispose();
    }
}
