// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

// linux/if_packet.h. All fields are fixed-width, so the layout is the same on 32- and 64-bit ABIs
// (checked against gcc for x86_64, aarch64 and armhf in TeamFw.Native.Tests).

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_ll
{
    public ushort sll_family;
    public ushort sll_protocol; // network byte order
    public int sll_ifindex;
    public ushort sll_hatype;
    public byte sll_pkttype;
    public byte sll_halen;
    public fixed byte sll_addr[8];
}

[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_req3
{
    public uint tp_block_size;
    public uint tp_block_nr;
    public uint tp_frame_size;
    public uint tp_frame_nr;
    public uint tp_retire_blk_tov;
    public uint tp_sizeof_priv;
    public uint tp_feature_req_word;
}

[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_bd_ts
{
    public uint ts_sec;
    public uint ts_usec; // union with ts_nsec
}

/// <summary>struct tpacket_hdr_v1: the header of one TPACKET_V3 block.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_hdr_v1
{
    public uint block_status;
    public uint num_pkts;
    public uint offset_to_first_pkt;
    public uint blk_len;
    public ulong seq_num; // __aligned_u64
    public tpacket_bd_ts ts_first_pkt;
    public tpacket_bd_ts ts_last_pkt;
}

/// <summary>struct tpacket_block_desc { version; offset_to_priv; union { tpacket_hdr_v1 bh1; } hdr; }</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_block_desc
{
    public uint version;
    public uint offset_to_priv;
    public tpacket_hdr_v1 hdr;
}

[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_hdr_variant1
{
    public uint tp_rxhash;
    public uint tp_vlan_tci;
    public ushort tp_vlan_tpid;
    public ushort tp_padding;
}

/// <summary>struct tpacket3_hdr: one frame in a TPACKET_V3 block, also the TX ring frame header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tpacket3_hdr
{
    public uint tp_next_offset;
    public uint tp_sec;
    public uint tp_nsec;
    public uint tp_snaplen;
    public uint tp_len;
    public uint tp_status;
    public ushort tp_mac;
    public ushort tp_net;
    public tpacket_hdr_variant1 hv1;
    public unsafe fixed byte tp_padding[8];
}

[StructLayout(LayoutKind.Sequential)]
internal struct tpacket_stats_v3
{
    public uint tp_packets;
    public uint tp_drops;
    public uint tp_freeze_q_cnt;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct packet_mreq
{
    public int mr_ifindex;
    public ushort mr_type;
    public ushort mr_alen;
    public fixed byte mr_address[8];
}

/// <summary>struct virtio_net_hdr (linux/virtio_net.h), little-endian fields as used by PACKET_VNET_HDR and IFF_VNET_HDR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct virtio_net_hdr
{
    public byte flags;
    public byte gso_type;
    public ushort hdr_len;
    public ushort gso_size;
    public ushort csum_start;
    public ushort csum_offset;
}
