// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Modes.Bpf;
using TeamFw.Tests.Fakes;
using Xunit;
using static TeamFw.Tests.Modes.LbFrames;

namespace TeamFw.Tests.Modes;

public sealed class LoadBalanceModeTests
{
    private static LoadBalanceMode Mode(TxHashFields fields)
    {
        var m = new LoadBalanceMode();
        m.SetTxHash(fields);
        return m;
    }

    /// <summary>Flows per port name for these frames.</summary>
    private static Dictionary<string, int> Spread(LoadBalanceMode m, TeamView view, List<byte[]> frames)
    {
        var count = new Dictionary<string, int>();
        foreach (byte[] f in frames)
        {
            string p = m.SelectTxPort(f, view)!.Name;
            count[p] = count.GetValueOrDefault(p) + 1;
        }

        return count;
    }

    // Issue target: 1000 TCP/UDP flows with l3+l4 spread 50 % ± 5 % over 2 ports, 25 % ± 5 % over 4.
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Spread_1000Flows_L3L4_EvenWithin5Percent(int ports)
    {
        LoadBalanceMode m = Mode(TxHashFields.L3 | TxHashFields.L4);
        var view = new TeamView(FakePort.EnabledSet(new string('1', ports)), null);
        Dictionary<string, int> s = Spread(m, view, Flows(1000));

        Assert.Equal(ports, s.Count);
        foreach (int n in s.Values)
        {
            Assert.InRange(n, (1000 / ports) - 50, (1000 / ports) + 50);
        }
    }

    [Fact]
    public void Spread_FlowsDifferingOnlyInSourcePort_UseAllFourPorts()
    {
        // libteam#56's pattern: one client, one server, many connections. teamd's XOR of the fields,
        // folded b0^b1^b2^b3 and taken % 4, reads only the low two bits of each byte of the ports.
        LoadBalanceMode m = Mode(TxHashFields.L3 | TxHashFields.L4);
        var view = new TeamView(FakePort.EnabledSet("1111"), null);
        var frames = new List<byte[]>();
        for (int i = 0; i < 1000; i++)
        {
            frames.Add(V4("10.0.0.1", "10.0.0.2", 6, (ushort)(40000 + (i * 4)), 5201));
        }

        foreach (int n in Spread(m, view, frames).Values)
        {
            Assert.InRange(n, 200, 300);
        }
    }

    [Fact]
    public void SameFlow_AlwaysSamePort_AndFragmentsWithIt()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        var view = new TeamView(FakePort.EnabledSet("1111"), null);
        IPort? first = m.SelectTxPort(V4("10.0.0.1", "10.0.0.2", 17, 5000, 53), view);
        for (int i = 0; i < 10; i++)
        {
            Assert.Same(first, m.SelectTxPort(V4("10.0.0.1", "10.0.0.2", 17, 5000, 53), view));
            Assert.Same(first, m.SelectTxPort(V4("10.0.0.1", "10.0.0.2", 17, 5000, 53, fragField: (ushort)(0x2000 + i)), view));
        }
    }

    [Fact]
    public void Select_BucketModuloPorts_ThenFirstTxable()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        int bucket = m.BucketOf(f);
        FakePort[] ports = FakePort.EnabledSet("111");
        Assert.Same(ports[bucket % 3], m.SelectTxPort(f, new TeamView(ports, null)));

        ports[bucket % 3].LinkUp = false;
        Assert.Same(ports[((bucket % 3) + 1) % 3], m.SelectTxPort(f, new TeamView(ports, null)));
        Assert.Null(m.SelectTxPort(f, TeamView.Empty));
        Assert.Null(m.SelectTxPort(f, new TeamView(FakePort.EnabledSet("000"), null)));
    }

    [Fact]
    public void HashToPortMapping_UsesMappedTxablePort_ElseHash()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        int bucket = m.BucketOf(f);
        FakePort[] ports = FakePort.EnabledSet("111");
        var view = new TeamView(ports, null);
        FakePort other = ports[(bucket + 1) % 3];
        m.SetMapping(bucket, other);

        Assert.Same(ports[bucket % 3], m.SelectTxPort(f, view)); // lb_tx_method is still "hash"
        m.TxMethod = LbTxMethod.HashToPortMapping;
        Assert.Same(other, m.SelectTxPort(f, view));

        Assert.True(m.PortDisabled(other));
        Assert.Null(m.MappedPort(bucket));
        Assert.Same(ports[bucket % 3], m.SelectTxPort(f, view));
        Assert.False(m.PortDisabled(other));
    }

    /// <summary>
    /// The transmit thread flushes only the ports of the view it took for the batch. A port enabled (and
    /// mapped by the control thread) after that snapshot must not be chosen: its queued frame would outlive
    /// the batch and point at an arena slot the next batch overwrites.
    /// </summary>
    [Fact]
    public void HashToPortMapping_MappedPortOutsideTheView_NotChosen()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        m.TxMethod = LbTxMethod.HashToPortMapping;
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        int bucket = m.BucketOf(f);
        FakePort[] ports = FakePort.EnabledSet("111");
        var batchView = new TeamView(ports[..2], null); // c was enabled after the batch took its view
        m.SetMapping(bucket, ports[2]);

        IPort? p = m.SelectTxPort(f, batchView);
        Assert.Contains(p, batchView.Enabled);
        Assert.Same(ports[2], m.SelectTxPort(f, new TeamView(ports, null)));
    }

    [Fact]
    public void CountTx_AddsToTheLastBucket()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        var view = new TeamView(FakePort.EnabledSet("11"), null);
        m.SelectTxPort(f, view);
        m.CountTx(100);
        m.SelectTxPort(f, view);
        m.CountTx(50);
        Assert.Equal(150ul, m.BucketTxBytes(m.BucketOf(f)));
    }

    [Fact]
    public void CountTx_EachLaneCountsToTheBucketItLastChose()
    {
        // Two transmit threads: lane 1 selects between lane 0's select and count; lane 0's bytes still go to
        // lane 0's frame's bucket.
        LoadBalanceMode m = Mode(TxHashFields.L3);
        byte[] f0 = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        byte[] f1 = V4("10.0.0.3", "10.0.0.9", 6, 1, 2);
        Assert.NotEqual(m.BucketOf(f0), m.BucketOf(f1));
        var view = new TeamView(FakePort.EnabledSet("11"), null);

        m.SelectTxPort(f0, view, 0);
        m.SelectTxPort(f1, view, 1);
        m.CountTx(100, 0);
        m.CountTx(30, 1);

        Assert.Equal(m.BucketOf(f0), m.LastBucket(0));
        Assert.Equal(m.BucketOf(f1), m.LastBucket(1));
        Assert.Equal(100ul, m.BucketTxBytes(m.BucketOf(f0)));
        Assert.Equal(30ul, m.BucketTxBytes(m.BucketOf(f1)));
    }

    [Fact]
    public void CountTx_ThroughTheModeHook_OnlyLoadBalanceCounts()
    {
        foreach (ModeDescriptor d in ModeRegistry.All)
        {
            Assert.Equal(d.Name == LoadBalanceMode.KindName, d.Create().CountsTx);
        }

        ITeamMode m = Mode(TxHashFields.L3);
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        m.SelectTxPort(f, new TeamView(FakePort.EnabledSet("11"), null));
        m.CountTx(70);
        Assert.Equal(70ul, ((LoadBalanceMode)m).BucketTxBytes(((LoadBalanceMode)m).BucketOf(f)));
    }

    [Fact]
    public void HashRemoved_EveryFrameInBucketZero()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3 | TxHashFields.L4);
        m.SetHashProgram(null);
        Assert.True(m.HashRemoved);
        foreach (byte[] f in Flows(50))
        {
            Assert.Equal(0, m.BucketOf(f));
        }
    }

    [Fact]
    public void BpfProgram_ResultFoldedTheKernelWay()
    {
        LoadBalanceMode m = Mode(TxHashFields.L3);
        BpfProgram p = BpfProgram.Create([BpfInsn.Stmt(BpfOp.RET | BpfOp.K, 0x01020304)], out _)!;
        m.SetHashProgram(p);
        Assert.Equal(1 ^ 2 ^ 3 ^ 4, m.BucketOf(V4("10.0.0.1", "10.0.0.2", 6, 1, 2)));
    }

    /// <summary>SKF_AD_IFINDEX is skb->dev->ifindex at transmit on a kernel: the team device's, not 0.</summary>
    [Fact]
    public void BpfProgram_IfIndexAncillary_IsTheTeamsIfIndex()
    {
        var lb = new LoadBalanceMode();
        BpfProgram? p = BpfProgram.Create(
            [BpfInsn.Stmt(BpfOp.LD | BpfOp.W | BpfOp.ABS, BpfOp.AdOff + BpfOp.AdIfIndex), BpfInsn.Stmt(BpfOp.RET | BpfOp.A, 0)], out _);
        lb.SetHashProgram(p);
        lb.TeamIfIndex = 0x1234;
        Assert.Equal(0x12 ^ 0x34, lb.BucketOf(new byte[60]));
        Assert.Equal(0x1234u, p!.Run(new byte[60], 0x1234));
    }
}
