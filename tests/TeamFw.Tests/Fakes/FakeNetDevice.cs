// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Tests.Fakes;

/// <summary>Interfaces as dictionaries: MTU and MAC per name; a device in <see cref="RefuseMtu"/> answers
/// SIOCSIFMTU with the errno given there, as a driver whose limit is lower would (EINVAL).</summary>
public sealed class FakeNetDevice : INetDevice
{
    public Dictionary<string, int> Mtus { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Macs { get; } = new(StringComparer.Ordinal);

    /// <summary>Device → the MTUs it refuses (with EINVAL).</summary>
    public Dictionary<string, HashSet<int>> RefuseMtu { get; } = new(StringComparer.Ordinal);

    /// <summary>Every SIOCSIFMTU asked, in order (refused ones included).</summary>
    public List<(string Device, int Mtu)> MtuCalls { get; } = [];

    /// <summary>Name → ifindex; a name not in it does not exist.</summary>
    public Dictionary<string, int> Indexes { get; } = new(StringComparer.Ordinal);

    public int TryGetIndex(string name) => Indexes.TryGetValue(name, out int i) ? i : 0;

    public int GetMtu(string name) => Mtus[name];

    public void SetMtu(string name, int mtu)
    {
        MtuCalls.Add((name, mtu));
        if (RefuseMtu.TryGetValue(name, out HashSet<int>? refused) && refused.Contains(mtu))
        {
            throw new ErrnoException(Errno.EINVAL, "SIOCSIFMTU", name);
        }

        Mtus[name] = mtu;
    }

    public uint GetFlags(string name) => 0;

    public byte[] GetHwAddr(string name) => Macs[name];

    public void SetHwAddr(string name, ReadOnlySpan<byte> mac) => Macs[name] = mac.ToArray();

    /// <summary>Name → what ETHTOOL_GLINK answers; a name not in it has no get_link (null).</summary>
    public Dictionary<string, bool> Carriers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every ETHTOOL_GLINK asked, by name.</summary>
    public List<string> LinkQueries { get; } = [];

    public bool? GetLink(string name)
    {
        LinkQueries.Add(name);
        return Carriers.TryGetValue(name, out bool up) ? up : null;
    }

    public LinkSettings GetLinkSettings(string name) => new(1000, 1);
}
