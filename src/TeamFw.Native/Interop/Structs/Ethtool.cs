// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>struct ethtool_link_settings (linux/ethtool.h), followed in memory by 3 × link_mode_masks_nwords u32 masks.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ethtool_link_settings
{
    public uint cmd;
    public uint speed;
    public byte duplex;
    public byte port;
    public byte phy_address;
    public byte autoneg;
    public byte mdio_support;
    public byte eth_tp_mdix;
    public byte eth_tp_mdix_ctrl;
    public sbyte link_mode_masks_nwords;
    public byte transceiver;
    public byte master_slave_cfg;
    public byte master_slave_state;
    public byte rate_matching;
    public fixed uint reserved[7];
}

/// <summary>struct ethtool_cmd (deprecated ETHTOOL_GSET), kept as the fallback for old drivers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ethtool_cmd
{
    public uint cmd;
    public uint supported;
    public uint advertising;
    public ushort speed;
    public byte duplex;
    public byte port;
    public byte phy_address;
    public byte transceiver;
    public byte autoneg;
    public byte mdio_support;
    public uint maxtxpkt;
    public uint maxrxpkt;
    public ushort speed_hi;
    public byte eth_tp_mdix;
    public byte eth_tp_mdix_ctrl;
    public uint lp_advertising;
    public uint reserved0;
    public uint reserved1;
}

/// <summary>struct ethtool_value: ETHTOOL_GLINK and friends.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ethtool_value
{
    public uint cmd;
    public uint data;
}
