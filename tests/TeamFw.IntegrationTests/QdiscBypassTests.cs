// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// "teamfw": {"qdisc_bypass": ...}: by default the ports' packet sockets skip the ports' qdiscs
/// (PACKET_QDISC_BYPASS), so tc on a port does not see teamfw's frames; false sends through them. A blackhole
/// qdisc on a1 (it drops everything it is given) tells the two apart on the wire.
/// </summary>
public sealed class QdiscBypassTests
{
    private const int Frames = 300;

    [NetnsTheory]
    [InlineData(true, "ring")]
    [InlineData(false, "ring")]
    [InlineData(false, "sendmmsg")]
    public void BlackholeQdiscOnAPort_DropsTeamfwsFramesOnlyWithoutBypass(bool bypass, string txMethod)
    {
        string config = "{\"device\":\"team0\",\"runner\":{\"name\":\"broadcast\"},\"ports\":{\"a1\":{},\"a2\":{}}," +
            $"\"teamfw\":{{\"tx_method\":\"{txMethod}\",\"qdisc_bypass\":{(bypass ? "true" : "false")}}}}}";
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, config);
        topo.TeamUp();
        Cmd.Run("tc", "-n", topo.Host, "qdisc", "add", "dev", "a1", "root", "blackhole");
        string peerMac = Cmd.Mac(topo.Peer, "b1");
        long b1 = Cmd.RxPackets(topo.Peer, "b1");
        long b2 = Cmd.RxPackets(topo.Peer, "b2");

        Assert.Equal(Frames, Topology.Inject(topo.Host, "team0", Frames, 60, peerMac, pps: 20_000));
        // broadcast sends every frame on both ports: b2 shows when all of them have left.
        Assert.True(Packaging.Daemonized.WaitFor(() => Cmd.RxPackets(topo.Peer, "b2") - b2 >= Frames), $"b2 got {Cmd.RxPackets(topo.Peer, "b2") - b2} of {Frames}");
        long onB1 = Cmd.RxPackets(topo.Peer, "b1") - b1;

        if (bypass)
        {
            Assert.True(onB1 >= Frames, $"bypassing a1's blackhole qdisc, b1 got {onB1} of {Frames}");
        }
        else
        {
            Assert.Equal(0, onB1);
        }

        Assert.Equal(0, d.Stop());
    }
}
