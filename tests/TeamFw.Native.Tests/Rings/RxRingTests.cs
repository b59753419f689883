// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TeamFw.Native.Rings;
using Xunit;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Tests.Rings;

/// <summary>The receive ring's frame walk and VLAN tag restoration over private memory, the test playing tpacket_rcv.</summary>
public sealed class RxRingTests
{
    private const int Vnet = 10;
    private const int Reserve = 4; // what PacketSocket asks with PACKET_RESERVE
    private static readonly RingGeometry s_small = new(4096, 2, 1);

    // PCP 5, DEI 1, VID 100.
    private const ushort Tci = (5 << 13) | (1 << 12) | 100;

    /// <summary>dst 02:..:01, src 02:..:02, then <paramref name="rest"/> (ethertype onwards).</summary>
    private static byte[] Eth(params byte[] rest)
        => [0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, .. rest];

    private static readonly byte[] s_ipv4Payload = [0x08, 0x00, 0x45, 0, 0, 20, .. Enumerable.Range(0, 40).Select(i => (byte)i)];

    [Fact]
    public void Untagged_DataAsReceived()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        byte[] f = Eth(s_ipv4Payload);
        ring.KernelFill(0, Reserve, new KernelFrame(f));

        Assert.True(ring.TryNext(out RxFrame frame));
        Assert.False(frame.HasVlanTag);
        Assert.Equal(f, frame.Data.ToArray());
    }

    [Theory]
    [InlineData(ETH_P_8021Q, Reserve)]
    [InlineData(0x88a8, Reserve)]
    [InlineData(ETH_P_8021Q, 0)] // an Ethernet frame has 14 bytes of headroom of its own
    public void Tagged_RestoreVlanTag_PutsTheTagBackWithTpidPcpDei(ushort tpid, int reserve)
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        byte[] f = Eth(s_ipv4Payload);
        ring.KernelFill(0, reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, Tci, tpid));

        Assert.True(ring.TryNext(out RxFrame frame));
        Assert.True(frame.HasVlanTag);
        Assert.Equal(Tci, frame.VlanTci);
        Assert.Equal(tpid, frame.VlanTpid);
        ReadOnlySpan<byte> tagged = frame.RestoreVlanTag(withVnetHeader: false);

        byte[] expected = [.. f[..12], (byte)(tpid >> 8), (byte)tpid, 0xb0, 0x64, .. f[12..]];
        Assert.Equal(expected, tagged.ToArray());
    }

    [Fact]
    public void DoubleTagged_OuterTagRestored_InnerTagUntouched()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        // The kernel took the outer 802.1ad tag (VID 300) off; the inner 802.1Q tag (VID 100) is still in the frame.
        byte[] f = Eth([0x81, 0x00, 0x00, 0x64, .. s_ipv4Payload]);
        ring.KernelFill(0, Reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, 300, 0x88a8));

        Assert.True(ring.TryNext(out RxFrame frame));
        byte[] expected = [.. f[..12], 0x88, 0xa8, 0x01, 0x2c, .. f[12..]];
        Assert.Equal(expected, frame.RestoreVlanTag(false).ToArray());
    }

    [Fact]
    public void TpidNotReported_Is8021Q()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        byte[] f = Eth(s_ipv4Payload);
        ring.KernelFill(0, Reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID, 7, 0)); // before Linux 3.14

        Assert.True(ring.TryNext(out RxFrame frame));
        Assert.Equal(new byte[] { 0x81, 0x00, 0x00, 0x07 }, frame.RestoreVlanTag(false)[12..16].ToArray());
    }

    [Fact]
    public void RestoreVlanTag_InPlace_TheFrameIsNotCopied()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, Vnet);
        byte[] f = Eth(s_ipv4Payload);
        ring.KernelFill(0, Reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, Tci, ETH_P_8021Q));

        Assert.True(ring.TryNext(out RxFrame frame));
        ref byte lastBefore = ref Unsafe.Add(ref MemoryMarshal.GetReference(frame.Data), frame.Data.Length - 1);
        ref byte payloadBefore = ref Unsafe.Add(ref MemoryMarshal.GetReference(frame.Data), 12);
        ReadOnlySpan<byte> tagged = frame.RestoreVlanTag(withVnetHeader: true);

        // Same memory: the payload stays where the kernel wrote it, the headers moved 4 bytes into the headroom.
        Assert.True(Unsafe.AreSame(ref lastBefore, ref Unsafe.Add(ref MemoryMarshal.GetReference(tagged), tagged.Length - 1)));
        Assert.True(Unsafe.AreSame(ref payloadBefore, ref Unsafe.Add(ref MemoryMarshal.GetReference(tagged), Vnet + 16)));
        Assert.Equal(Vnet + f.Length + 4, tagged.Length);
    }

    [Fact]
    public void VnetHeader_CsumStartAndHdrLenGrowByTheTag()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, Vnet);
        byte[] f = Eth(s_ipv4Payload);
        byte[] vnet = new byte[Vnet];
        vnet[0] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        vnet[1] = 1; // VIRTIO_NET_HDR_GSO_TCPV4
        BinaryPrimitives.WriteUInt16LittleEndian(vnet.AsSpan(2), 54);   // hdr_len
        BinaryPrimitives.WriteUInt16LittleEndian(vnet.AsSpan(4), 1448); // gso_size
        BinaryPrimitives.WriteUInt16LittleEndian(vnet.AsSpan(6), 34);   // csum_start: the TCP header
        BinaryPrimitives.WriteUInt16LittleEndian(vnet.AsSpan(8), 16);   // csum_offset
        ring.KernelFill(0, Reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, Tci, ETH_P_8021Q, vnet));

        Assert.True(ring.TryNext(out RxFrame frame));
        Assert.Equal(vnet, frame.WithVnetHeader[..Vnet].ToArray());
        ReadOnlySpan<byte> tagged = frame.RestoreVlanTag(withVnetHeader: true);

        Assert.Equal(VIRTIO_NET_HDR_F_NEEDS_CSUM, tagged[0]);
        Assert.Equal(1, tagged[1]);
        Assert.Equal(58, BinaryPrimitives.ReadUInt16LittleEndian(tagged[2..]));
        Assert.Equal(1448, BinaryPrimitives.ReadUInt16LittleEndian(tagged[4..]));
        Assert.Equal(38, BinaryPrimitives.ReadUInt16LittleEndian(tagged[6..]));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(tagged[8..]));
        byte[] expected = [.. f[..12], 0x81, 0x00, 0xb0, 0x64, .. f[12..]];
        Assert.Equal(expected, tagged[Vnet..].ToArray());
    }

    [Fact]
    public void VnetHeader_NoChecksumNoGso_LeftAsItWas()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, Vnet);
        byte[] f = Eth(s_ipv4Payload);
        ring.KernelFill(0, Reserve, new KernelFrame(f, TP_STATUS_VLAN_VALID, Tci, 0, new byte[Vnet]));

        Assert.True(ring.TryNext(out RxFrame frame));
        ReadOnlySpan<byte> tagged = frame.RestoreVlanTag(withVnetHeader: true);

        Assert.Equal(new byte[Vnet], tagged[..Vnet].ToArray());
        Assert.Equal(f.Length + 4, tagged.Length - Vnet);
    }

    [Fact]
    public void ReleaseIfRead_KeepsABlockWithFramesLeft_HandsBackAReadOne()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        ring.KernelFill(0, Reserve, new KernelFrame(Eth(0x88, 0xb5, 1)), new KernelFrame(Eth(0x88, 0xb5, 2)), new KernelFrame(Eth(0x88, 0xb5, 3)));

        Assert.True(ring.TryNext(out RxFrame a));
        Assert.Equal(1, a.Data[14]);
        Assert.True(ring.TryNext(out RxFrame b));
        Assert.Equal(2, b.Data[14]);
        ring.ReleaseIfRead(); // a budget ran out: the third frame must still be there next time
        Assert.Equal(TP_STATUS_USER, ring.BlockStatus(0));
        Assert.True(ring.HasData);

        Assert.True(ring.TryNext(out RxFrame c));
        Assert.Equal(3, c.Data[14]);
        ring.ReleaseIfRead();
        Assert.Equal(TP_STATUS_KERNEL, ring.BlockStatus(0));
        Assert.False(ring.HasData);
        Assert.False(ring.TryNext(out _));
    }
}
