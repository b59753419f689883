// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Daemon;
using TeamFw.Native.Interop;
using TeamFw.Ports;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>teamfw.tx_workers: a transmit lane per thread, each with a TX socket and queue of its own on every port.</summary>
public sealed class TeamTxLanesTests
{
    private static TeamRig Started(int txWorkers, int workers = 1)
    {
        var rig = new TeamRig($$"""{ "device": "team0", "runner": { "name": "loadbalance" }, "teamfw": { "workers": {{workers}}, "tx_workers": {{txWorkers}} }, "ports": { "eth1": {}, "eth2": {} } }""");
        rig.SetCarrier("eth1", true);
        rig.SetCarrier("eth2", true);
        rig.Team.Start();
        return rig;
    }

    [Fact]
    public void ThreeTxWorkers_EveryPortHasTwoMoreLanes_EachWithItsOwnSocketAndQueue()
    {
        using TeamRig rig = Started(3);

        Assert.Equal(3, rig.Team.TxWorkers);
        foreach (string name in new[] { "eth1", "eth2" })
        {
            Port port = rig.Team.FindPort(name)!;
            ITxPort tx = port;
            Assert.Same(port, tx.Lane(0));
            Assert.Equal(2, port.TxLanes!.Length);
            Assert.Equal(2, rig.Sockets.TxLanes[name].Count);
            for (int lane = 1; lane < 3; lane++)
            {
                var l = (TxLane)tx.Lane(lane);
                Assert.Same(rig.Sockets.TxLanes[name][lane - 1], l.Socket);
                Assert.Equal(name, l.Name);
                Assert.Same(port.Counters, l.Counters);
                Assert.NotSame(port.TxQueue, l.TxQueue);
            }

            Assert.NotSame(port.TxLanes[0].TxQueue, port.TxLanes[1].TxQueue);
        }

        Assert.Equal([0, 1, 2, 0, 1, 2], rig.Devices.DataPath!.TxQueueLanes); // each queue over its lane's arena
    }

    [Fact]
    public void CounterSlots_OnePerThreadAndTheControlThreads_LanesAfterTheControlSlot()
    {
        using TeamRig rig = Started(3, workers: 2);

        Assert.Equal(0, rig.Team.TxSlot(0));
        Assert.Equal(3, rig.Team.ControlSlot); // receive workers are 1 and 2
        Assert.Equal(4, rig.Team.TxSlot(1));
        Assert.Equal(5, rig.Team.TxSlot(2));
        Assert.Equal(6, rig.Team.Counters.Slots);
        Assert.Equal(6, rig.Team.FindPort("eth1")!.Counters.Slots);
    }

    [Fact]
    public void OneTxWorker_NoLanes_NoMoreSockets()
    {
        using TeamRig rig = Started(1);

        Assert.Equal(1, rig.Team.TxWorkers);
        Assert.Null(rig.Team.FindPort("eth1")!.TxLanes);
        Assert.Empty(rig.Sockets.TxLanes);
        Assert.Equal(3, rig.Team.Counters.Slots);
    }

    [Fact]
    public void PortRemoved_ItsLaneSocketsClosed_TheOtherPortsKept()
    {
        using TeamRig rig = Started(2);

        Assert.Equal(Errno.OK, rig.Team.RemovePort("eth1").Errno);

        Assert.True(rig.Sockets.TxLanes["eth1"].Single().Disposed);
        Assert.False(rig.Sockets.TxLanes["eth2"].Single().Disposed);
    }

    [Fact]
    public void LaneSocketFails_PortNotAdded_WhatItOpenedClosed_PortRestored()
    {
        using TeamRig rig = Started(3);
        rig.Sockets.FailTxLaneAt = 6; // eth1 and eth2 opened 2 each; eth3's second fails

        rig.AddPortFailsForWantOfMemory("eth3");

        Assert.True(rig.Sockets.TxLanes["eth3"].Single().Disposed); // the first of its lane sockets
    }
}
