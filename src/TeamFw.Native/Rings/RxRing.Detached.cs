// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Rings;

/// <summary>A receive ring over private memory with no socket behind it, for tests of the frame walk: the test
/// plays tpacket_rcv with <see cref="KernelFill"/>, laying frames out as net/packet/af_packet.c does.</summary>
public sealed unsafe partial class RxRing
{
    private readonly bool _ownsMemory;

    private RxRing(byte* map, nuint mapLength, RingGeometry geometry, int vnetHdrLen, bool ownsMemory)
        : this(map, mapLength, geometry, vnetHdrLen)
    {
        _ownsMemory = ownsMemory;
    }

    internal static RxRing CreateDetached(RingGeometry geometry, int vnetHdrLen)
    {
        nuint len = (nuint)geometry.TotalBytes;
        var mem = (byte*)NativeMemory.AlignedAlloc(len, (nuint)Environment.SystemPageSize);
        NativeMemory.Clear(mem, len);
        return new RxRing(mem, len, geometry, vnetHdrLen, ownsMemory: true);
    }

    /// <summary>
    /// Test hook playing tpacket_rcv for a SOCK_RAW TPACKET_V3 socket: puts <paramref name="frames"/> (the frame
    /// as the kernel hands it over, outer tag already taken off) into block <paramref name="block"/> and gives the
    /// block to user space. The MAC header lands where the kernel puts it: netoff = TPACKET_ALIGN(tp_hdrlen +
    /// max(maclen, 16)) + tp_reserve (+ the vnet header), macoff = netoff - maclen, the vnet header right before it.
    /// </summary>
    internal void KernelFill(int block, int reserve, params KernelFrame[] frames)
    {
        byte* desc = _map + (nuint)block * _blockSize;
        var bd = (tpacket_block_desc*)desc;
        uint offset = 64;
        bd->hdr.offset_to_first_pkt = offset;
        bd->hdr.num_pkts = (uint)frames.Length;
        for (int i = 0; i < frames.Length; i++)
        {
            KernelFrame f = frames[i];
            var hdr = (tpacket3_hdr*)(desc + offset);
            int maclen = ETH_HLEN;
            int netoff = ((TPACKET3_HDRLEN + Math.Max(maclen, 16) + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1)) + reserve + _vnetHdrLen;
            int macoff = netoff - maclen;
            hdr->tp_mac = (ushort)macoff;
            hdr->tp_net = (ushort)netoff;
            hdr->tp_snaplen = (uint)f.Data.Length;
            hdr->tp_len = Math.Max((uint)f.Data.Length, f.WireLength);
            hdr->tp_status = TP_STATUS_USER | f.Status;
            hdr->hv1.tp_vlan_tci = f.Tci;
            hdr->hv1.tp_vlan_tpid = f.Tpid;
            ((sockaddr_ll*)((byte*)hdr + HeaderLength))->sll_pkttype = f.PacketType;
            f.Data.CopyTo(new Span<byte>((byte*)hdr + macoff, f.Data.Length));
            if (_vnetHdrLen > 0)
            {
                f.Vnet.CopyTo(new Span<byte>((byte*)hdr + macoff - _vnetHdrLen, _vnetHdrLen));
            }

            uint next = (uint)((macoff + f.Data.Length + 7) & ~7); // TOTAL_PKT_LEN_INCL_ALIGN (V3_ALIGNMENT 8)
            hdr->tp_next_offset = i + 1 < frames.Length ? next : 0;
            offset += next;
        }

        bd->hdr.block_status = TP_STATUS_USER;
    }

    /// <summary>Test hook: the status word of block <paramref name="block"/> (TP_STATUS_KERNEL once handed back).</summary>
    internal uint BlockStatus(int block) => ((tpacket_block_desc*)(_map + (nuint)block * _blockSize))->hdr.block_status;
}

/// <summary>A frame for <see cref="RxRing.KernelFill"/>: its bytes, status bits (TP_STATUS_VLAN_VALID...), outer tag,
/// vnet header, sll_pkttype, and its length on the wire when the ring cut it short (tp_len &gt; tp_snaplen).</summary>
internal readonly record struct KernelFrame(byte[] Data, uint Status = 0, ushort Tci = 0, ushort Tpid = 0, byte[]? VnetHeader = null,
    byte PacketType = PACKET_HOST, uint WireLength = 0)
{
    public ReadOnlySpan<byte> Vnet => VnetHeader ?? new byte[10];
}
