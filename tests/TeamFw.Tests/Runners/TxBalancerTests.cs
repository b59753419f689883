// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Runners;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

/// <summary>The basic tx balancer against fake load: bytes put straight into buckets through the mode.</summary>
public sealed class TxBalancerTests
{
    private static (LoadBalanceMode Lb, TxBalancer Tb, FakePort[] Ports, TeamView View) Setup(string txable = "11")
    {
        var lb = new LoadBalanceMode { TxMethod = LbTxMethod.HashToPortMapping };
        FakePort[] ports = FakePort.EnabledSet(txable);
        return (lb, new TxBalancer(lb, 50), ports, new TeamView(ports, null));
    }

    /// <summary>Sends <paramref name="bytes"/> in a bucket, as the transmit path would count them.</summary>
    private static void Load(LoadBalanceMode lb, TeamView view, int bucket, int bytes)
    {
        // A BPF program returning the bucket makes SelectTxPort choose it; CountTx then books the bytes.
        var prog = TeamFw.Modes.Bpf.BpfProgram.Create([TeamFw.Modes.Bpf.BpfInsn.Stmt(TeamFw.Modes.Bpf.BpfOp.RET | TeamFw.Modes.Bpf.BpfOp.K, (uint)bucket)], out _);
        lb.SetHashProgram(prog);
        lb.SelectTxPort(new byte[64], view);
        lb.CountTx(bytes);
    }

    private static ulong[] PortLoad(LoadBalanceMode lb, TeamView view, Dictionary<int, int> bytes)
    {
        var load = new ulong[view.Enabled.Length];
        foreach ((int b, int n) in bytes)
        {
            load[Array.IndexOf(view.Enabled, lb.EffectivePort(b, view)!)] += (ulong)n;
        }

        return load;
    }

    [Fact]
    public void AllLoadOnOnePort_HalfMovesToTheIdlePort()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup();

        // Buckets 0, 2, 4, 6 all hash to port a (bucket % 2 == 0): 4 × 1000 bytes on a, nothing on b.
        var bytes = new Dictionary<int, int> { [0] = 1000, [2] = 1000, [4] = 1000, [6] = 1000 };
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        Assert.Equal([4000ul, 0ul], PortLoad(lb, view, bytes));
        int moved = tb.Rebalance(ports);

        Assert.Equal(2, moved);
        Assert.Equal([2000ul, 2000ul], PortLoad(lb, view, bytes));
    }

    [Fact]
    public void UnevenBuckets_BestSplitTheBucketsAllow()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup("111");
        var bytes = new Dictionary<int, int> { [0] = 9000, [3] = 3000, [6] = 3000, [9] = 3000, [1] = 2000, [2] = 1000 };
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        tb.Rebalance(ports);
        ulong[] load = PortLoad(lb, view, bytes);

        // 21000 bytes over 3 ports, one bucket of 9000: the best split is 9000 / 6000 / 6000 (from 18000 / 2000 / 1000).
        System.Array.Sort(load);
        Assert.Equal([6000ul, 6000ul, 9000ul], load);
    }

    /// <summary>
    /// The busiest port carries one flow that cannot be split; the next busiest can still give to the idle
    /// port. Stopping at the busiest port would leave the third port idle for good.
    /// </summary>
    [Fact]
    public void BusiestPortHasOneUnsplittableBucket_OthersStillBalance()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup("111");

        // bucket % 3: bucket 0 on a (one 10000-byte flow), buckets 1 and 4 on b (3000 each), c idle.
        var bytes = new Dictionary<int, int> { [0] = 10000, [1] = 3000, [4] = 3000 };
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        Assert.Equal([10000ul, 6000ul, 0ul], PortLoad(lb, view, bytes));
        Assert.Equal(1, tb.Rebalance(ports));
        Assert.Equal([10000ul, 3000ul, 3000ul], PortLoad(lb, view, bytes));

        // The same traffic next interval: settled, nothing moves back.
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        Assert.Equal(0, tb.Rebalance(ports));
    }

    [Fact]
    public void BalancedLoad_NothingMoves_NextIntervalOnlyNewBytesCount()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup();
        Load(lb, view, 0, 1000);
        Load(lb, view, 1, 1000);
        Assert.Equal(0, tb.Rebalance(ports));

        // Next interval: only bucket 1 (port b) sends; a lone bucket cannot be split, so it stays.
        Load(lb, view, 1, 5000);
        Assert.Equal(0, tb.Rebalance(ports));
        Assert.Equal(0, tb.Rebalance(ports)); // idle interval
        Assert.Null(lb.MappedPort(0));
    }

    [Fact]
    public void OnlyTxablePortsReceiveBuckets()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup("101");
        Load(lb, view, 0, 1000);
        Load(lb, view, 3, 1000);
        tb.Rebalance(ports);
        for (int b = 0; b < LoadBalanceMode.Buckets; b++)
        {
            Assert.NotSame(ports[1], lb.MappedPort(b));
        }
    }

    [Fact]
    public void OnTimer_SchedulesByInterval()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, _) = Setup();
        var team = new FakeTeam(new BasicRunner(BasicRunner.LoadBalance) { Balancer = tb });
        foreach (FakePort p in ports)
        {
            team.Add(p);
        }

        team.Runner.OnTimer(team, 10_000);
        Assert.Equal(15_000, team.Runner.NextDeadline);
        Assert.Equal("basic", TxBalancer.Name);
        Assert.Same(lb, tb.Mode);
    }

    [Fact]
    public void IntervalZero_NeverRuns()
    {
        var b = new TxBalancer(new LoadBalanceMode(), 0);

        Assert.Equal(long.MaxValue, b.NextDeadline);
        Assert.Equal(0, b.IntervalTenths);
    }

    /// <summary>lb_tx_method set back to hash: the mapping is unused, so the balancer neither remaps nor counts moves;
    /// once hash_to_port_mapping is back, it balances the traffic of the latest interval only.</summary>
    [Fact]
    public void MethodHash_PassSkipped_NoMappingNoMoves()
    {
        (LoadBalanceMode lb, TxBalancer tb, FakePort[] ports, TeamView view) = Setup();
        var bytes = new Dictionary<int, int> { [0] = 1000, [2] = 1000, [4] = 1000, [6] = 1000 };
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        lb.TxMethod = LbTxMethod.Hash;
        Assert.Equal(0, tb.Rebalance(ports));
        Assert.Equal(0, tb.Moves);
        for (int b = 0; b < LoadBalanceMode.Buckets; b++)
        {
            Assert.Null(lb.MappedPort(b));
        }

        // Back to the mapping: the bytes of the skipped interval are not balanced again; the new ones are.
        lb.TxMethod = LbTxMethod.HashToPortMapping;
        Assert.Equal(0, tb.Rebalance(ports));
        foreach ((int b, int n) in bytes)
        {
            Load(lb, view, b, n);
        }

        Assert.Equal(2, tb.Rebalance(ports));
        Assert.Equal(2, tb.Moves);
    }
}
