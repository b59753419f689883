// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control;

/// <summary>The teamfw family's commands (README "Control socket"): what rtnetlink and teamd's control socket do for a kernel team.</summary>
public enum TeamfwCmd : byte
{
    Noop = 0,
    LinkGet = 1,
    LinkNew = 2,
    LinkDel = 3,
    PortAdd = 4,
    PortDel = 5,
    StateGet = 6,
    ConfigGet = 7,
    StateItemSet = 8,
    StatsGet = 9,
    McastJoin = 10,
    McastLeave = 11,
    PortConfigUpdate = 12,
}

/// <summary>The teamfw family's top-level attributes.</summary>
public enum TeamfwAttr : ushort
{
    Unspec = 0,
    Ifindex = 1,
    Ifname = 2,
    PortIfindex = 3,
    PortIfname = 4,
    Json = 5,
    Path = 6,
    Value = 7,
    McastGroup = 8,
    Stats = 9,
    ListPort = 10,
    Mode = 11,
    Flags = 12,
}

/// <summary>The STATS nest: 64-bit counters.</summary>
public enum TeamfwAttrStats : ushort
{
    Unspec = 0,
    RxPackets = 1,
    RxBytes = 2,
    RxMulticast = 3,
    RxDropped = 4,
    RxNohandler = 5,
    TxPackets = 6,
    TxBytes = 7,
    TxDropped = 8,
}

/// <summary>The entries of LIST_PORT: ITEM_PORT nests holding PORT_IFINDEX, PORT_IFNAME and STATS.</summary>
public enum TeamfwAttrItemPort : ushort
{
    Unspec = 0,
    ItemPort = 1,
}

/// <summary>CONFIG_GET FLAGS bits (teamdctl config dump noports / actual).</summary>
public static class TeamfwConfigFlags
{
    public const uint NoPorts = 1;
    public const uint Actual = 2;
}
