// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Modes;
using TeamFw.Modes.Bpf;
using TeamFw.Native.Interop;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>The loadbalance options' rules (reference §1.3), on the registry and through the control socket.</summary>
public sealed class LoadBalanceOptionsTests
{
    private const uint Pid = 4242;
    private const ushort TeamFamily = 0x13;

    private static (FakeControlTeam Team, OptionEventRecorder Events, LoadBalanceMode Lb) NewTeam()
    {
        var rec = new OptionEventRecorder();
        var team = new FakeControlTeam("team0", 7, "loadbalance", rec);
        team.AddPortRecord("eth1", 3);
        team.AddPortRecord("eth2", 4);
        rec.Lines.Clear();
        return (team, rec, (LoadBalanceMode)team.Mode!);
    }

    private static ControlError Set(FakeControlTeam t, string name, OptionValue v, uint port = 0, uint? index = null)
        => t.ControlState.ApplySet(new OptionSetItem(name, v.Type, port, index is not null, index ?? 0, v));

    [Fact]
    public void Registered_InKernelOrder_WithArraysAndPerPort()
    {
        (FakeControlTeam t, _, _) = NewTeam();
        var names = new List<string>();
        int mapping = 0, hashStats = 0, portStats = 0;
        foreach (OptionInstance i in t.ControlState.Instances)
        {
            if (!names.Contains(i.Option.Name) && (i.Option.Name.StartsWith("lb_", StringComparison.Ordinal) || i.Option.Name == "bpf_hash_func"))
            {
                names.Add(i.Option.Name);
            }

            mapping += i.Option.Name == "lb_tx_hash_to_port_mapping" ? 1 : 0;
            hashStats += i.Option.Name == "lb_hash_stats" ? 1 : 0;
            portStats += i.Option.Name == "lb_port_stats" ? 1 : 0;
        }

        // Per-port instances are added as ports join, after the team-wide ones: lb_port_stats comes last here.
        Assert.Equal(["bpf_hash_func", "lb_tx_method", "lb_tx_hash_to_port_mapping", "lb_hash_stats", "lb_stats_refresh_interval", "lb_port_stats"], names);
        Assert.Equal(LoadBalanceOptions.All, ModeOptions.For("loadbalance"));
        Assert.Equal(256, mapping);
        Assert.Equal(256, hashStats);
        Assert.Equal(2, portStats);
    }

    [Fact]
    public void TxMethod_HashOrMapping_ElseEinval()
    {
        (FakeControlTeam t, OptionEventRecorder ev, LoadBalanceMode lb) = NewTeam();
        Assert.Equal(Errno.EINVAL, Set(t, "lb_tx_method", OptionValue.FromString("roundrobin")).Errno);
        Assert.Equal(LbTxMethod.Hash, lb.TxMethod);
        Assert.False(Set(t, "lb_tx_method", OptionValue.FromString("hash_to_port_mapping")).IsError);
        Assert.Equal(LbTxMethod.HashToPortMapping, lb.TxMethod);
        Assert.Equal(["lb_tx_method"], ev.Lines);
    }

    [Fact]
    public void Mapping_EnabledPortOnly_ElseEnodev_ClearedWhenPortDisabled()
    {
        (FakeControlTeam t, OptionEventRecorder ev, LoadBalanceMode lb) = NewTeam();
        Assert.Equal(Errno.ENODEV, Set(t, "lb_tx_hash_to_port_mapping", OptionValue.FromU32(99), index: 5).Errno);
        Assert.Equal(Errno.ENODEV, Set(t, "lb_tx_hash_to_port_mapping", OptionValue.FromU32(0), index: 5).Errno);
        Assert.Equal(Errno.ENOENT, Set(t, "lb_tx_hash_to_port_mapping", OptionValue.FromU32(4)).Errno); // no ARRAY_INDEX
        Assert.False(Set(t, "lb_tx_hash_to_port_mapping", OptionValue.FromU32(4), index: 5).IsError);
        Assert.Equal(4, lb.MappedPort(5)!.IfIndex);
        Assert.Equal(["lb_tx_hash_to_port_mapping[5]"], ev.Lines);

        ev.Lines.Clear();
        PortRecord eth2 = t.ControlState.FindPort(4)!;
        Assert.False(Set(t, "enabled", OptionValue.FromBool(false), port: 4).IsError);
        Assert.Null(lb.MappedPort(5));
        t.ControlState.DetectChanges();
        Assert.Contains("lb_tx_hash_to_port_mapping[5]", string.Join("|", ev.Lines), StringComparison.Ordinal);
        Assert.Equal(Errno.ENODEV, Set(t, "lb_tx_hash_to_port_mapping", OptionValue.FromU32((uint)eth2.IfIndex), index: 5).Errno);
    }

    [Fact]
    public void Stats_ReadOnly_Eopnotsupp_And8BytesEach()
    {
        (FakeControlTeam t, _, _) = NewTeam();
        Assert.Equal(Errno.EOPNOTSUPP, Set(t, "lb_hash_stats", OptionValue.FromBinary(new byte[8]), index: 0).Errno);
        Assert.Equal(Errno.EOPNOTSUPP, Set(t, "lb_port_stats", OptionValue.FromBinary(new byte[8]), port: 3).Errno);
        foreach (OptionInstance i in t.ControlState.Instances)
        {
            if (i.Option.Name is "lb_hash_stats" or "lb_port_stats")
            {
                Assert.Equal(8, t.ControlState.Get(i).Binary.Length);
            }
        }
    }

    /// <summary>
    /// The kernel's lb_hash_stats and lb_port_stats are the bytes sent so far, summed at each refresh (the
    /// per-CPU counters are never reset), and teamd's balancer takes the difference of two readings itself.
    /// So steady traffic changes the value (and is announced) every interval, and no traffic changes nothing.
    /// </summary>
    [Fact]
    public void Stats_Refresh_ShowsBytesSentSoFar_MarksOnlyChanged()
    {
        (FakeControlTeam t, OptionEventRecorder ev, LoadBalanceMode lb) = NewTeam();
        Assert.False(Set(t, "lb_stats_refresh_interval", OptionValue.FromU32(10)).IsError);
        Assert.Equal(10u, lb.StatsRefreshInterval);
        byte[] f = TeamFw.Tests.Modes.LbFrames.V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        var view = new TeamView([(IPort)t.ControlState.Ports[0].Handle!, (IPort)t.ControlState.Ports[1].Handle!], null);
        lb.SelectTxPort(f, view);
        lb.CountTx(1500);
        int bucket = lb.LastBucket();

        var buckets = new List<int>();
        var ports = new List<int>();
        lb.RefreshStats(1000, [(3, 0ul), (4, 0ul)], buckets, ports);
        Assert.Equal([bucket], buckets);
        Assert.Equal(1500ul, lb.HashStat(bucket));
        Assert.Equal(2000, lb.NextStatsRefresh); // 10 tenths later

        // The same 1500 bytes again: the value grows and is announced (an interval delta would not change).
        buckets.Clear();
        lb.SelectTxPort(f, view);
        lb.CountTx(1500);
        lb.RefreshStats(2000, [(3, 1500ul), (4, 0ul)], buckets, ports);
        Assert.Equal([bucket], buckets);
        Assert.Equal(3000ul, lb.HashStat(bucket));
        Assert.Equal([3], ports);
        Assert.Equal(1500ul, lb.PortStat(3));
        Assert.Equal(1500ul, BinaryPrimitives.ReadUInt64LittleEndian(t.ControlState.Get(Instance(t, "lb_port_stats", 3)).Binary));
        Assert.Equal(3000ul, BinaryPrimitives.ReadUInt64LittleEndian(t.ControlState.Get(t.ControlState.Instances[IndexOf(t, "lb_hash_stats") + bucket]).Binary));

        // Nothing sent: nothing changes, nothing is announced.
        buckets.Clear();
        ports.Clear();
        lb.RefreshStats(3000, [(3, 1500ul), (4, 0ul)], buckets, ports);
        Assert.Empty(buckets);
        Assert.Empty(ports);
        Assert.Equal(3000ul, lb.HashStat(bucket));
        Assert.Equal(1500ul, lb.PortStat(3));
    }

    private static OptionInstance Instance(FakeControlTeam t, string name, int port)
    {
        foreach (OptionInstance i in t.ControlState.Instances)
        {
            if (i.Option.Name == name && i.Port?.IfIndex == port)
            {
                return i;
            }
        }

        throw new InvalidOperationException(name);
    }

    [Fact]
    public void BpfHashFunc_SetReadBackRemove_AndRefusals()
    {
        (FakeControlTeam t, _, LoadBalanceMode lb) = NewTeam();
        Assert.Equal(TxHashProgram.Encode(TxHash.Default), t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary); // native tx_hash in effect

        byte[] prog = BpfProgram.Encode([BpfInsn.Stmt(BpfOp.RET | BpfOp.K, 0x0000_0102)]);
        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary(prog)).IsError);
        Assert.Equal(prog, t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary);
        Assert.Equal(1 ^ 2, lb.BucketOf(new byte[60]));

        Assert.Equal(Errno.EINVAL, Set(t, "bpf_hash_func", OptionValue.FromBinary(new byte[12])).Errno);
        Assert.Equal(Errno.EINVAL, Set(t, "bpf_hash_func", OptionValue.FromBinary(BpfProgram.Encode([BpfInsn.Stmt(BpfOp.ALU | BpfOp.DIV | BpfOp.K, 0), BpfInsn.Stmt(BpfOp.RET | BpfOp.A, 0)]))).Errno);
        Assert.Equal(prog, lb.HashProgram!.Raw); // a refused program leaves the old one

        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary([])).IsError);
        Assert.True(lb.HashRemoved);
        Assert.Equal(0, lb.BucketOf(TeamFw.Tests.Modes.LbFrames.V4("10.0.0.1", "10.0.0.2", 6, 1, 2)));
        Assert.Empty(t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary);
    }

    /// <summary>
    /// While tx_hash is in effect, bpf_hash_func holds teamd's program for it. Writing those bytes back (what a
    /// client restoring a saved value does) keeps the native hasher, from any state; any other program runs.
    /// </summary>
    [Fact]
    public void BpfHashFunc_TxHashProgram_ReadsBack_AndWritingItKeepsTheNativeHasher()
    {
        (FakeControlTeam t, _, LoadBalanceMode lb) = NewTeam();
        lb.SetTxHash(TxHashFields.L3 | TxHashFields.L4);
        byte[] generated = TxHashProgram.Encode(TxHashFields.L3 | TxHashFields.L4);
        Assert.Equal(generated, t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary);
        Assert.NotEqual(TxHashProgram.Encode(TxHash.Default), generated);

        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary(generated)).IsError);
        Assert.Null(lb.HashProgram);
        Assert.False(lb.HashRemoved);
        Assert.Equal(TxHashFields.L3 | TxHashFields.L4, lb.HashFields);
        byte[] f = TeamFw.Tests.Modes.LbFrames.V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        Assert.Equal(FrameHasher.Bucket(FrameHasher.Hash(f, TxHashFields.L3 | TxHashFields.L4)), lb.BucketOf(f));

        // Another program (the default tx_hash's, which is not this team's) runs in the interpreter.
        byte[] other = TxHashProgram.Encode(TxHash.Default);
        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary(other)).IsError);
        Assert.Equal(other, lb.HashProgram!.Raw);
        Assert.Equal(other, t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary);
        Assert.Equal(FrameHasher.KernelFold(lb.HashProgram.Run(f)), lb.BucketOf(f));

        // The tx_hash program again: back to the native hasher.
        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary(generated)).IsError);
        Assert.Null(lb.HashProgram);
        Assert.Equal(generated, t.ControlState.Get(Instance0(t, "bpf_hash_func")).Binary);

        // Removed, then the tx_hash program: native again.
        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary([])).IsError);
        Assert.True(lb.HashRemoved);
        Assert.False(Set(t, "bpf_hash_func", OptionValue.FromBinary(generated)).IsError);
        Assert.False(lb.HashRemoved);
        Assert.Null(lb.HashProgram);
        Assert.Equal(FrameHasher.Bucket(FrameHasher.Hash(f, TxHashFields.L3 | TxHashFields.L4)), lb.BucketOf(f));
    }

    /// <summary>Through the socket: the dump carries the tx_hash program as bpf_hash_func's data, and setting it back is acked and stays native.</summary>
    [Fact]
    public void Socket_BpfHashFunc_DumpHoldsTxHashProgram_SetBackKeepsNative()
    {
        using var f = new ServerFixture();
        var team = new FakeControlTeam("team8", 8, "loadbalance", f.Server);
        f.Backend.Teams.Add(team);
        var lb = (LoadBalanceMode)team.Mode!;
        byte[] generated = TxHashProgram.Encode(TxHash.Default);

        byte[] get = Msg(TeamFamily, 0x5, 30, 0, Genl(2, 1), Attr(1, U32(8)));
        string dump = string.Concat(f.Exchange(get).ConvertAll(b => Hex(b)));
        Assert.Contains(Hex(Cat(Attr(1, Str("bpf_hash_func")), Attr(3, U8(11)), Attr(4, generated))), dump, StringComparison.Ordinal);

        byte[] set = Msg(TeamFamily, 0x5, 31, 0, Genl(1, 0), Attr(1, U32(8)),
            Attr(2, Attr(1, Attr(1, Str("bpf_hash_func")), Attr(3, U8(11)), Attr(4, generated))));
        Assert.Equal([Hex(Error(0, set, Pid))], f.Exchange(set).ConvertAll(b => Hex(b)));
        Assert.Null(lb.HashProgram);
        Assert.False(lb.HashRemoved);
    }

    private static OptionInstance Instance0(FakeControlTeam t, string name)
        => t.ControlState.Instances[IndexOf(t, name)];

    private static int IndexOf(FakeControlTeam t, string name)
    {
        for (int i = 0; i < t.ControlState.Instances.Count; i++)
        {
            if (t.ControlState.Instances[i].Option.Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>libteam's request for lb_tx_hash_to_port_mapping[7] = eth1 (3): ack, and the event names the array index.</summary>
    [Fact]
    public void Socket_MappingSet_AckAndEventWithArrayIndex_ThenEnodev()
    {
        using var f = new ServerFixture();
        var team = new FakeControlTeam("team8", 8, "loadbalance", f.Server);
        team.AddPortRecord("eth1", 3);
        f.Backend.Teams.Add(team);
        ControlConnection listener = f.Listener(2);
        byte[] req = Msg(TeamFamily, 0x5, 20, 0, Genl(1, 0), Attr(1, U32(8)),
            Attr(2, Attr(1, Attr(1, Str("lb_tx_hash_to_port_mapping")), Attr(7, U32(7)), Attr(3, U8(3)), Attr(4, U32(3)))));

        Assert.Equal([Hex(Error(0, req, Pid))], f.Exchange(req).ConvertAll(b => Hex(b)));
        byte[] item = Attr(1, Attr(1, Str("lb_tx_hash_to_port_mapping")), Attr(7, U32(7)), Attr(3, U8(3)), Attr(4, U32(3)), Flag(2));
        byte[] ev = Cat(Msg(TeamFamily, 0x2, 0, 0, Genl(2, 1), Attr(1, U32(8)), Attr(2, item)), Msg(3, 0x2, 0, 0));
        Assert.Equal([Hex(ev)], listener.TakeQueued().ConvertAll(b => Hex(b)));

        byte[] bad = Msg(TeamFamily, 0x5, 21, 0, Genl(1, 0), Attr(1, U32(8)),
            Attr(2, Attr(1, Attr(1, Str("lb_tx_hash_to_port_mapping")), Attr(7, U32(7)), Attr(3, U8(3)), Attr(4, U32(99)))));
        Assert.Equal(-19, BitConverter.ToInt32(Assert.Single(f.Exchange(bad)), 16)); // -ENODEV
    }

    [Theory]
    [InlineData("lb_tx_method", 5, "random", -22)]        // -EINVAL
    [InlineData("bpf_hash_func", 11, "xxxxxxxxx", -22)]   // 9 bytes: -EINVAL
    [InlineData("lb_hash_stats", 11, "xxxxxxxx", -95)]    // read-only: -EOPNOTSUPP
    public void Socket_Errors(string name, byte type, string data, int errno)
    {
        using var f = new ServerFixture();
        var team = new FakeControlTeam("team8", 8, "loadbalance", f.Server);
        f.Backend.Teams.Add(team);
        byte[] payload = type == 5 ? Str(data) : System.Text.Encoding.ASCII.GetBytes(data);
        byte[] item = name == "lb_hash_stats"
            ? Attr(1, Attr(1, Str(name)), Attr(7, U32(0)), Attr(3, U8(type)), Attr(4, payload))
            : Attr(1, Attr(1, Str(name)), Attr(3, U8(type)), Attr(4, payload));
        byte[] req = Msg(TeamFamily, 0x5, 22, 0, Genl(1, 0), Attr(1, U32(8)), Attr(2, item));
        Assert.Equal(errno, BitConverter.ToInt32(Assert.Single(f.Exchange(req)), 16));
    }
}
