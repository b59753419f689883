// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;
using TeamFw.State;

namespace TeamFw.Daemon;

/// <summary>What every team shares: the ioctl socket, the rtnetlink client, the logger, the state file and who owns which port.</summary>
public sealed class DaemonContext : IDisposable
{
    public DaemonContext(ILogger log, DaemonState state)
    {
        Log = log;
        State = state;
        Dev = new NetDevice();
        Rtnl = new RtnlClient();
        Setup = new PortSetup(Dev, Rtnl, log);
    }

    public ILogger Log { get; }

    /// <summary>setup.daemonized and setup.pid_file of every team's state document.</summary>
    public StateSetup StateSetup { get; init; }

    public NetDevice Dev { get; }

    public RtnlClient Rtnl { get; }

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
