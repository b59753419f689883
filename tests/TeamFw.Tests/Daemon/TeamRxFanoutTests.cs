// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Daemon;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>teamfw.rx_fanout: a receive socket per worker on every port, in one fanout group per port.</summary>
public sealed class TeamRxFanoutTests
{
    private static TeamRig Started(int workers, bool fanout)
    {
        var rig = new TeamRig($$"""{ "device": "team0", "runner": { "name": "activebackup" }, "teamfw": { "workers": {{workers}}, "rx_fanout": {{(fanout ? "true" : "false")}} }, "ports": { "eth1": {}, "eth2": {} } }""");
        rig.SetCarrier("eth1", true);
        rig.SetCarrier("eth2", true);
        rig.Team.Start();
        return rig;
    }

    private static string[] Worker(Team team, int worker) => team.WorkerPorts(worker).Select(p => p.Name).ToArray();

    [Fact]
    public void ThreeWorkers_EveryWorkerReadsEveryPort_ThroughItsOwnSocketInThePortsGroup()
    {
        using TeamRig rig = Started(3, fanout: true);

        Assert.True(rig.Team.RxFanout);
        foreach (string name in new[] { "eth1", "eth2" })
        {
            Port port = rig.Team.FindPort(name)!;
            FakePortSocket data = rig.Sockets.Data[name];
            Assert.Equal(FakePortSocket.NewGroupId, data.FanoutGroup); // the data socket made the group
            Assert.Equal(2, rig.Sockets.FanoutRx[name].Count);        // the other two workers' sockets joined it
            Assert.All(rig.Sockets.FanoutRx[name], s => Assert.Equal(FakePortSocket.NewGroupId, s.FanoutGroup));
            Assert.All(rig.Sockets.FanoutRx[name], s => Assert.True(s.Held && s.Admitted)); // held until in the group
            Assert.Same(data, port.RxSocket(0));
            Assert.Same(rig.Sockets.FanoutRx[name][0], port.RxSocket(1));
            Assert.Same(rig.Sockets.FanoutRx[name][1], port.RxSocket(2));
        }

        for (int w = 0; w < 3; w++)
        {
            Assert.Equal(["eth1", "eth2"], Worker(rig.Team, w));
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void OneWorkerOrNoFanout_OneSocketPerPort_EachPortToOneWorker(int workers, bool fanout)
    {
        using TeamRig rig = Started(workers, fanout);

        Assert.False(rig.Team.RxFanout);
        Assert.Empty(rig.Sockets.FanoutRx);
        Assert.Equal(0, rig.Sockets.Data["eth1"].FanoutGroup);
        Assert.Null(rig.Team.FindPort("eth1")!.RxSockets);
        Assert.Same(rig.Sockets.Data["eth1"], rig.Team.FindPort("eth1")!.RxSocket(workers - 1));
        Assert.Equal(workers == 1 ? ["eth1", "eth2"] : ["eth1"], Worker(rig.Team, 0));
    }

    [Fact]
    public void PortRemoved_EveryOneOfItsSocketsClosed()
    {
        using TeamRig rig = Started(2, fanout: true);

        Assert.Equal(Errno.OK, rig.Team.RemovePort("eth1").Errno);

        Assert.True(rig.Sockets.Data["eth1"].Disposed);
        Assert.True(rig.Sockets.FanoutRx["eth1"].Single().Disposed);
        Assert.False(rig.Sockets.FanoutRx["eth2"].Single().Disposed);
        Assert.Equal(["eth2"], Worker(rig.Team, 1));
    }

    [Fact]
    public void FanoutSocketFails_PortNotAdded_WhatItOpenedClosed_PortRestored()
    {
        using TeamRig rig = Started(3, fanout: true);
        rig.Sockets.FailFanoutAt = 6; // eth1 and eth2 opened 2 each; eth3's second fails

        rig.AddPortFailsForWantOfMemory("eth3");

        Assert.True(rig.Sockets.FanoutRx["eth3"].Single().Disposed); // the first of its fanout sockets
    }

    [Fact]
    public void PortFailsToComeUp_NoSocketJoinedAGroup_AllClosed()
    {
        // The sockets join only once the port is up (kernels before 6.10 refuse a socket whose device is down).
        using TeamRig rig = Started(2, fanout: true);
        rig.Setup.FailBringUp.Add("eth3");

        rig.AddPortFails("eth3", "EPERM");

        Assert.Equal(0, rig.Sockets.Data["eth3"].FanoutGroup);
        FakePortSocket other = rig.Sockets.FanoutRx["eth3"].Single();
        Assert.True(other.Disposed && other.Held && !other.Admitted);
    }

    [Fact]
    public void RingStats_SummedOverThePortsSockets()
    {
        using TeamRig rig = Started(2, fanout: true);
        rig.Sockets.Data["eth1"].Stats = new PacketStats(100, 3, 0);
        rig.Sockets.FanoutRx["eth1"][0].Stats = new PacketStats(50, 2, 0);

        rig.Team.PollRingStats();

        Port port = rig.Team.FindPort("eth1")!;
        Assert.Equal(150UL, port.RingPackets);
        Assert.Equal(5UL, port.RingDrops);
    }
}
