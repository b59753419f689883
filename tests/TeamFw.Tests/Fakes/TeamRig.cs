// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using Microsoft.Extensions.Logging.Abstractions;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.Netlink;
using TeamFw.Ports;
using TeamFw.State;
using Xunit;

namespace TeamFw.Tests.Fakes;

/// <summary>
/// A <see cref="Team"/> over fakes: interfaces in a <see cref="FakeNetDevice"/> (eth1..eth4, ifindex 11..14,
/// MTU 1500), links in a <see cref="FakeRtnl"/>, a fake team device and a data path with no threads, and a state
/// file in a temporary directory of its own (removed on Dispose).
/// </summary>
public sealed class TeamRig : IDisposable
{
    private readonly string _dir;

    public TeamRig(string json)
    {
        for (int i = 1; i <= 4; i++)
        {
            string name = "eth" + i;
            Net.Indexes[name] = 10 + i;
            Net.Mtus[name] = 1500;
            Net.Macs[name] = [0x02, 0, 0, 0, 0, (byte)i];
        }

        Setup = new FakePortSetup(Net);
        Devices = new FakeTeamDevices(Net);
        _dir = Path.Combine(Path.GetTempPath(), $"teamfw-teamrig-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
        var state = new DaemonState(Path.Combine(_dir, "state.json"), new StateOrigin("boot", "netns", Environment.ProcessId), null);
        Context = new DaemonContext(NullLogger.Instance, state, Net, Rtnl, Clock, Setup, Devices, Sockets);
        Team = new Team(ConfigLoader.Load("test", json).Config, Context);
    }

    public FakeNetDevice Net { get; } = new();

    public FakeRtnl Rtnl { get; } = new();

    public FakeClock Clock { get; } = new() { NowMs = 1000 };

    public FakePortSetup Setup { get; }

    public FakeTeamDevices Devices { get; }

    public FakePortSockets Sockets { get; } = new();

    public DaemonContext Context { get; }

    public Team Team { get; }

    public FakeTeamDevice Device => Devices.Device!;

    /// <summary>Gives the port a carrier (or takes it away) in rtnetlink, as the kernel would before the team asks.</summary>
    public void SetCarrier(string port, bool up)
        => Rtnl.Links[Net.Indexes[port]] = Link(Net.Indexes[port], port, up);

    /// <summary>The RTM_NEWLINK the kernel sends when the port's carrier changes, handed to the team.</summary>
    public void CarrierEvent(string port, bool up)
    {
        SetCarrier(port, up);
        Team.OnLinkEvent(Rtnl.Links[Net.Indexes[port]], Clock.NowMs);
    }

    public static LinkInfo Link(int ifIndex, string name, bool up, int mtu = 0)
        => new(false, ifIndex, name, LinkInfo.IffUp | (up ? LinkInfo.IffLowerUp : 0), mtu, up ? (byte)6 : (byte)2, up);

    /// <summary>Adds <paramref name="port"/>, which must fail at a socket the kernel has no memory for (see
    /// <see cref="AddPortFails"/>). Each test then checks the sockets of its own step.</summary>
    public void AddPortFailsForWantOfMemory(string port) => AddPortFails(port, "ENOMEM");

    /// <summary>Adds <paramref name="port"/> (carrier up), which must fail with <paramref name="errno"/>: the error names
    /// both, the port is not in the team, its data socket is closed and the port is restored.</summary>
    public void AddPortFails(string port, string errno)
    {
        SetCarrier(port, true);

        var e = Assert.Throws<PortException>(() => Team.AddPort(new PortConfig { Name = port }));

        Assert.Contains(port, e.Message);
        Assert.Contains(errno, e.Message);
        Assert.Null(Team.FindPort(port));
        Assert.True(Sockets.Data[port].Disposed);
        Assert.Contains(port, Setup.Restored);
    }

    public void Dispose()
    {
        Team.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
