// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Netlink;

namespace TeamFw.Ports;

/// <summary>Everything teamfw changes on a port, as it was before: restored exactly on release.</summary>
public sealed record PortSnapshot(
    string Name,
    int IfIndex,
    int Mtu,
    byte[] HwAddr,
    uint Flags,
    string? ArpIgnore,
    string? RpFilter,
    string? DisableIpv6,
    IReadOnlyList<SavedAddress> Addresses);
