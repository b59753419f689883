// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using Xunit;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Tests.Rings;

/// <summary>The transmit path's reader over the veth host peer's receive ring: frames copied out as the TAP hands
/// them over (vnet header first, the outer tag back in), overflow for long ones, EAGAIN when the ring is empty.</summary>
public sealed class RxRingReaderTests
{
    private const int Vnet = 10;
    private static readonly RingGeometry s_small = new(4096, 2, 1);

    private static byte[] Eth(int payload)
        => [0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x08, 0x00, .. Enumerable.Range(0, payload).Select(i => (byte)i)];

    [Fact]
    public void Frames_ComeOutWithTheirVnetHeader_ThenEagain()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, Vnet);
        byte[] a = Eth(46), b = Eth(100);
        byte[] vnet = [1, 0, 0, 0, 0, 0, 34, 0, 16, 0]; // NEEDS_CSUM, csum_start 34, csum_offset 16
        ring.KernelFill(0, 4, new KernelFrame(a, VnetHeader: vnet), new KernelFrame(b, VnetHeader: vnet));
        var reader = new RxRingReader(ring, vnetHeader: true);
        var slot = new byte[256];

        Assert.Equal(Vnet + a.Length, reader.Read(slot, Span<byte>.Empty));
        Assert.Equal([.. vnet, .. a], slot[..(Vnet + a.Length)]);
        Assert.Equal(Vnet + b.Length, reader.Read(slot, Span<byte>.Empty));
        Assert.Equal([.. vnet, .. b], slot[..(Vnet + b.Length)]);
        Assert.Equal(-(int)Errno.EAGAIN, reader.Read(slot, Span<byte>.Empty));
    }

    [Fact]
    public void TaggedFrame_TagPutBack_CsumStartGrows()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, Vnet);
        byte[] f = Eth(46);
        byte[] vnet = [1, 0, 0, 0, 0, 0, 34, 0, 16, 0];
        ring.KernelFill(0, 4, new KernelFrame(f, TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, 100, ETH_P_8021Q, vnet));
        var slot = new byte[256];

        int n = new RxRingReader(ring, vnetHeader: true).Read(slot, Span<byte>.Empty);

        Assert.Equal(Vnet + f.Length + 4, n);
        Assert.Equal(38, slot[6]); // csum_start 34 + the tag
        Assert.Equal([.. f[..12], 0x81, 0x00, 0x00, 100, .. f[12..]], slot[Vnet..n]);
    }

    [Fact]
    public void LongFrame_ContinuesInOverflow()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        byte[] f = Eth(500);
        ring.KernelFill(0, 4, new KernelFrame(f));
        var slot = new byte[128];
        var overflow = new byte[1024];

        Assert.Equal(f.Length, new RxRingReader(ring, vnetHeader: false).Read(slot, overflow));
        Assert.Equal(f, slot.Concat(overflow[..(f.Length - slot.Length)]).ToArray());
    }

    [Fact]
    public void FrameLongerThanBothBuffers_ReadsAsZero()
    {
        using RxRing ring = RxRing.CreateDetached(s_small, 0);
        ring.KernelFill(0, 4, new KernelFrame(Eth(500)));

        Assert.Equal(0, new RxRingReader(ring, vnetHeader: false).Read(new byte[128], new byte[128]));
    }
}
