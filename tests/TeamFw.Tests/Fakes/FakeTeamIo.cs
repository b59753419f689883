// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Ports;
using TeamFw.State;
using Xunit;

namespace TeamFw.Tests.Fakes;

/// <summary>Ports as a table (name → ifindex, own MAC, MTU): records what the team applies and restores; a port in
/// <see cref="FailApply"/> refuses its settings as a driver would (EINVAL).</summary>
public sealed class FakePortSetup : IPortSetup
{
    private readonly FakeNetDevice _net;

    public FakePortSetup(FakeNetDevice net) => _net = net;

    public HashSet<string> FailApply { get; } = new(StringComparer.Ordinal);

    /// <summary>(port, MTU, MAC) of every Apply, refused ones included.</summary>
    public List<(string Port, int Mtu, byte[] Mac)> Applied { get; } = [];

    /// <summary>Ports restored, in order.</summary>
    public List<string> Restored { get; } = [];

    public string? CheckCanEnslave(string name, string teamName, Func<string, string?> ownerOf, out int ifIndex)
    {
        ifIndex = _net.TryGetIndex(name);
        return ownerOf(name) is string owner ? $"already a port of team {owner}" : ifIndex == 0 ? "no such interface" : null;
    }

    public PortSnapshot Record(string name, int ifIndex)
        => new(name, ifIndex, _net.GetMtu(name), _net.GetHwAddr(name), 0, null, null, null, []);

    public void Apply(PortSnapshot s, int mtu, ReadOnlySpan<byte> mac, bool live = false)
    {
        Applied.Add((s.Name, mtu, mac.ToArray()));
        if (FailApply.Contains(s.Name))
        {
            throw new ErrnoException(Errno.EINVAL, "SIOCSIFMTU", s.Name);
        }

        _net.Mtus[s.Name] = mtu;
        _net.Macs[s.Name] = mac.ToArray();
    }

    /// <summary>Ports whose bringing up fails (EPERM), as a driver may refuse.</summary>
    public HashSet<string> FailBringUp { get; } = new(StringComparer.Ordinal);

    public void BringUp(PortSnapshot s)
    {
        if (FailBringUp.Contains(s.Name))
        {
            throw new ErrnoException(Errno.EPERM, "SIOCSIFFLAGS", s.Name);
        }
    }

    public bool Restore(PortSnapshot s)
    {
        Restored.Add(s.Name);
        _net.Mtus[s.Name] = s.Mtu;
        _net.Macs[s.Name] = s.HwAddr;
        return true;
    }
}

/// <summary>Port sockets without rings: every socket and channel opened is kept, to be looked at.</summary>
public sealed class FakePortSockets : IPortSockets
{
    public Dictionary<string, FakePortSocket> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>(port, ethertype) → the last channel opened for it.</summary>
    public Dictionary<(string Port, ushort EtherType), FakeFrameChannel> Channels { get; } = [];

    public IPortSocket OpenData(TeamFwSettings tf, string team, string port, int ifIndex, ILogger log)
        => Data[port] = new FakePortSocket();

    /// <summary>port → the fanout receive sockets opened for it (teamfw.rx_fanout), in order.</summary>
    public Dictionary<string, List<FakePortSocket>> FanoutRx { get; } = new(StringComparer.Ordinal);

    /// <summary>Fails the n-th (from 1) fanout socket opened, as the kernel would (0: never).</summary>
    public int FailFanoutAt { get; set; }

    private int _fanoutOpened;

    public IPortSocket OpenFanoutRx(TeamFwSettings tf, string port, int ifIndex)
    {
        if (++_fanoutOpened == FailFanoutAt)
        {
            throw new ErrnoException(Errno.ENOMEM, "setsockopt(PACKET_RX_RING)", port);
        }

        var s = new FakePortSocket { Held = true };
        if (!FanoutRx.TryGetValue(port, out List<FakePortSocket>? list))
        {
            FanoutRx[port] = list = [];
        }

        list.Add(s);
        return s;
    }

    /// <summary>port → the transmit lane sockets opened for it (teamfw.tx_workers), in order.</summary>
    public Dictionary<string, List<FakeTxLaneSocket>> TxLanes { get; } = new(StringComparer.Ordinal);

    /// <summary>Fails the n-th (from 1) transmit lane socket opened, as the kernel would (0: never).</summary>
    public int FailTxLaneAt { get; set; }

    private int _lanesOpened;

    public ITxLaneSocket? OpenTxLane(TeamFwSettings tf, IPortSocket data, string port, int ifIndex)
    {
        if (++_lanesOpened == FailTxLaneAt)
        {
            throw new ErrnoException(Errno.ENOMEM, "setsockopt(PACKET_TX_RING)", port);
        }

        var s = new FakeTxLaneSocket();
        if (!TxLanes.TryGetValue(port, out List<FakeTxLaneSocket>? list))
        {
            TxLanes[port] = list = [];
        }

        list.Add(s);
        return s;
    }

    public IFrameChannel OpenChannel(string port, int ifIndex, ushort etherType, ReadOnlySpan<byte> filter = default)
        => Channels[(port, etherType)] = new FakeFrameChannel();

    public IFrameChannel OpenRunnerChannel(string port, int ifIndex, ushort etherType)
        => OpenChannel(port, ifIndex, etherType);
}

/// <summary>A transmit lane's socket the data path never sends on (there is none in unit tests): no ring.</summary>
public sealed class FakeTxLaneSocket : ITxLaneSocket
{
    public int Fd => -1;

    public int SendFd => -1;

    public TxRing TxRing => throw new NotSupportedException("a fake lane socket has no ring");

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

/// <summary>A data socket the data path never reads (there is none in unit tests): its ring is not there.</summary>
public sealed class FakePortSocket : IPortSocket
{
    public int Fd => -1;

    public int SendFd => -1;

    public RxRing Ring => throw new NotSupportedException("a fake port socket has no ring");

    public bool VnetHeader => false;

    public TxRing? TxRing => null;

    /// <summary>What the next <see cref="ReadStats"/> returns (then zero, as the kernel resets them).</summary>
    public PacketStats Stats { get; set; }

    public bool Disposed { get; private set; }

    public Errno ClearError() => Errno.OK;

    public PacketStats ReadStats()
    {
        PacketStats s = Stats;
        Stats = default;
        return s;
    }

    /// <summary>The fanout group the socket joined (0: none).</summary>
    public int FanoutGroup { get; private set; }

    /// <summary>The id the kernel gives a new group.</summary>
    public const int NewGroupId = 4242;

    public int JoinFanout(int group) => FanoutGroup = group == 0 ? NewGroupId : group;

    /// <summary>Opened held (a fanout socket of rx_fanout): it takes no frame until <see cref="Admit"/>.</summary>
    public bool Held { get; init; }

    /// <summary>Admitted after it joined its group.</summary>
    public bool Admitted { get; private set; }

    public void Admit()
    {
        Assert.NotEqual(0, FanoutGroup); // only once it is in the group: before, it would take a copy of every frame
        Admitted = true;
    }

    public void Dispose() => Disposed = true;
}

/// <summary>Team devices that are only records of what the team did to them, with a data path without threads.</summary>
public sealed class FakeTeamDevices : ITeamDeviceFactory
{
    private readonly FakeNetDevice _net;

    public FakeTeamDevices(FakeNetDevice net) => _net = net;

    public FakeTeamDevice? Device { get; private set; }

    public FakeDataPath? DataPath { get; private set; }

    public ITeamDevice Open(string name, TeamFwSettings settings, TeamRecord? previous, Action<string> warn)
    {
        int ifIndex = _net.TryGetIndex(name);
        if (ifIndex == 0)
        {
            ifIndex = 100;
            _net.Indexes[name] = ifIndex;
        }

        _net.Mtus.TryAdd(name, 1500);
        _net.Macs.TryAdd(name, new byte[6]);
        return Device = new FakeTeamDevice(name, ifIndex);
    }

    public string? Remove(TeamRecord record) => null;

    public IDataPath CreateDataPath(Team team, ILogger log) => DataPath = new FakeDataPath();
}

public sealed class FakeTeamDevice : ITeamDevice
{
    public FakeTeamDevice(string name, int ifIndex)
    {
        Name = name;
        IfIndex = ifIndex;
    }

    public string Kind => "fake";

    public string Name { get; }

    public int IfIndex { get; }

    public bool Reattached => false;

    /// <summary>Every carrier the team set, in order.</summary>
    public List<bool> CarrierSets { get; } = [];

    public bool? Carrier => CarrierSets.Count == 0 ? null : CarrierSets[^1];

    public IReadOnlyList<string> MtuFollowers => [];

    public ulong HostTxDropped => 0;

    public ulong HostRingDropped => 0;

    public bool? ReleasedKeep { get; private set; }

    public void SetCarrier(bool up) => CarrierSets.Add(up);

    public void Persist()
    {
    }

    public void Release(bool keep) => ReleasedKeep = keep;

    public void Dispose()
    {
    }
}

/// <summary>A data path with no threads: what is retired is disposed at once (no thread can hold it).</summary>
public sealed class FakeDataPath : IDataPath
{
    private readonly FrameArena _arena = new(1, 64, 64);

    public long AllocatedBytes => 0;

    public int RetiredCount => 0;

    public bool Started { get; private set; }

    public int Wakes { get; private set; }

    public List<string> Retired { get; } = [];

    /// <summary>What <see cref="IDataPathActivity.Moved"/> returns: the test moves frames by raising it.</summary>
    public long Moved { get; set; }

    /// <summary>Whether the carrier check asked to be woken (<see cref="Park"/>) and no frame has moved since.</summary>
    public bool Parked { get; private set; }

    public bool Park(long moved)
    {
        Parked = moved == Moved;
        return Parked;
    }

    public void Start() => Started = true;

    public void StopThreads() => Started = false;

    /// <summary>The lanes asked for, in order (every queue is over the one arena).</summary>
    public List<int> TxQueueLanes { get; } = [];

    public TxQueue CreateTxQueue(int lane)
    {
        TxQueueLanes.Add(lane);
        return new(_arena);
    }

    public void WakeAll() => Wakes++;

    public void Retire(string what, params IDisposable?[] objects)
    {
        Retired.Add(what);
        foreach (IDisposable? o in objects)
        {
            o?.Dispose();
        }
    }

    public void ReclaimRetired(long now)
    {
    }

    public void Dispose() => _arena.Dispose();
}
