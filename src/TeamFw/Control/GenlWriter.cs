// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TeamFw.Control;

/// <summary>
/// Builds netlink and generic-netlink messages into a caller-owned span, in host byte order, every
/// attribute padded to 4 (NLA_ALIGN). Like an skb it has a fixed room: a write that does not fit
/// sets <see cref="Overflowed"/> and writes nothing, so callers fill "as many items as fit" and
/// <see cref="Rollback"/> the item that did not (nla_nest_cancel).
/// Ownership: the span belongs to the caller and must outlive the writer; <see cref="Written"/> is a view of it.
/// </summary>
public ref partial struct GenlWriter
{
    private readonly Span<byte> _buf;
    private int _msgStart;

    public GenlWriter(Span<byte> buffer)
    {
        _buf = buffer;
        Length = 0;
        _msgStart = -1;
        Overflowed = false;
    }

    public int Length { get; private set; }

    /// <summary>A write did not fit; nothing after it was written until <see cref="Rollback"/>.</summary>
    public bool Overflowed { get; private set; }

    public readonly int Capacity => _buf.Length;

    public readonly ReadOnlySpan<byte> Written => _buf[..Length];

    /// <summary>NLA_ALIGN / NLMSG_ALIGN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Align(int len) => (len + 3) & ~3;

    public readonly int Mark() => Length;

    /// <summary>Drops everything written after <paramref name="mark"/> and clears <see cref="Overflowed"/>.</summary>
    public void Rollback(int mark)
    {
        Length = mark;
        Overflowed = false;
        if (_msgStart > mark)
        {
            _msgStart = -1;
        }
    }

    /// <summary>Room for <paramref name="n"/> bytes, or an empty span (and <see cref="Overflowed"/>) when it does not fit.</summary>
    private Span<byte> Reserve(int n)
    {
        if (Overflowed || n > _buf.Length - Length)
        {
            Overflowed = true;
            return Span<byte>.Empty;
        }

        Span<byte> s = _buf.Slice(Length, n);
        Length += n;
        return s;
    }

    internal static void PutU16(Span<byte> s, ushort v) => MemoryMarshal.Write(s, in v);

    internal static void PutU32(Span<byte> s, uint v) => MemoryMarshal.Write(s, in v);
}
