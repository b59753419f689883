// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Native.Rings;

/// <summary>
/// The transmit path's frame source over a receive ring (the veth team device's host peer): each
/// <see cref="Read"/> copies the next frame out of the ring as the TAP would hand it over — the virtio-net
/// header first when the socket has one, the outer VLAN tag the kernel took off put back (with csum_start and
/// hdr_len grown by it, <see cref="RxFrame.RestoreVlanTag"/>) — with no syscall. A frame the ring cut short, or
/// one whose tag cannot be put back, reads as length 0 (the caller counts it as dropped).
/// Call <see cref="RxRing.ReleaseIfRead"/> after a batch to hand finished blocks back.
/// </summary>
public sealed class RxRingReader : IFrameReader
{
    private readonly RxRing _ring;
    private readonly bool _vnet;

    public RxRingReader(RxRing ring, bool vnetHeader)
    {
        _ring = ring;
        _vnet = vnetHeader;
    }

    public int Read(Span<byte> first, Span<byte> overflow)
    {
        if (!_ring.TryNext(out RxFrame f))
        {
            return -(int)Errno.EAGAIN;
        }

        if (f.Truncated)
        {
            return 0;
        }

        ReadOnlySpan<byte> frame = f.HasVlanTag ? f.RestoreVlanTag(_vnet) : _vnet ? f.WithVnetHeader : f.Data;
        if (frame.Length > first.Length + overflow.Length)
        {
            return 0;
        }

        if (frame.Length <= first.Length)
        {
            frame.CopyTo(first);
        }
        else
        {
            frame[..first.Length].CopyTo(first);
            frame[first.Length..].CopyTo(overflow);
        }

        return frame.Length;
    }
}
