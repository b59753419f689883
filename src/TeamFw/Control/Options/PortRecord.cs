// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control.Options;

/// <summary>
/// A port as the team family shows it (struct team_port's netlink-visible state) plus the per-port
/// option values the kernel keeps in it. Owned by the team's control thread.
/// </summary>
public sealed class PortRecord
{
    public PortRecord(int ifIndex, string name, object? handle)
    {
        IfIndex = ifIndex;
        Name = name;
        Handle = handle;
    }

    public int IfIndex { get; }

    public string Name { get; }

    /// <summary>The daemon's port object this record stands for.</summary>
    public object? Handle { get; }

    /// <summary>TEAM_ATTR_PORT_LINKUP: the real oper state (not user_linkup).</summary>
    public bool Linkup { get; set; }

    /// <summary>Mb/s from ethtool while the link is up, else 0.</summary>
    public uint Speed { get; set; }

    /// <summary>0 half, 1 full, 0xff unknown; 0 while down.</summary>
    public byte Duplex { get; set; }

    public bool Changed { get; set; }

    public bool Removed { get; set; }

    public bool UserLinkup { get; set; }

    public bool UserLinkupEnabled { get; set; }

    public int Priority { get; set; }

    public uint QueueId { get; set; }

    /// <summary>The link verdict is being forced by user_linkup (user_linkup_enabled is on).</summary>
    public bool LinkForced { get; set; }
}
