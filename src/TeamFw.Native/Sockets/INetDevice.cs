// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Native.Sockets;

/// <summary>
/// The interface ioctls a running team asks of the kernel (MTU, MAC, flags, carrier, speed): what
/// <see cref="NetDevice"/> does, as an interface so the team and its parts can be tested with a fake.
/// </summary>
public interface INetDevice
{
    /// <summary>The interface's index, or 0 when there is no such interface.</summary>
    int TryGetIndex(string name);

    int GetMtu(string name);

    void SetMtu(string name, int mtu);

    uint GetFlags(string name);

    byte[] GetHwAddr(string name);

    void SetHwAddr(string name, ReadOnlySpan<byte> mac);

    /// <summary>ETHTOOL_GLINK: the carrier, or null when the driver has no get_link.</summary>
    bool? GetLink(string name);

    /// <summary>Speed and duplex (ETHTOOL_GLINKSETTINGS / ETHTOOL_GSET).</summary>
    LinkSettings GetLinkSettings(string name);
}
