// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TeamFw.Netlink;

/// <summary>
/// Builds netlink messages (nlmsghdr, attributes, nests) into a caller-owned span, in host byte
/// order, every attribute padded to 4 with zeros (NLA_ALIGN). The room is fixed, like an skb's:
/// a writer made with the constructor throws <see cref="InvalidOperationException"/> when a write
/// does not fit (a request whose size the caller knows); one made with <see cref="Bounded"/> sets
/// <see cref="Overflowed"/> and writes nothing, so a reply can hold "as many items as fit" and
/// <see cref="Rollback"/> the one that did not (nla_nest_cancel). Generic netlink's genlmsghdr is
/// layered on top (TeamFw.Control.GenlMessage.BeginGenl).
/// Ownership: the span belongs to the caller and must outlive the writer; <see cref="Written"/> is a view of it.
/// </summary>
public ref partial struct NlWriter
{
    private readonly Span<byte> _buf;
    private readonly bool _bounded;
    private int _msgStart;

    /// <summary>A writer that throws when a write does not fit.</summary>
    public NlWriter(Span<byte> buffer)
        : this(buffer, bounded: false)
    {
    }

    private NlWriter(Span<byte> buffer, bool bounded)
    {
        _buf = buffer;
        _bounded = bounded;
        Length = 0;
        _msgStart = -1;
        Overflowed = false;
    }

    public int Length { get; private set; }

    /// <summary>A write did not fit (bounded writers only); nothing after it was written until <see cref="Rollback"/>.</summary>
    public bool Overflowed { get; private set; }

    public readonly int Capacity => _buf.Length;

    public readonly ReadOnlySpan<byte> Written => _buf[..Length];

    /// <summary>A writer whose writes that do not fit set <see cref="Overflowed"/> instead of throwing.</summary>
    public static NlWriter Bounded(Span<byte> buffer) => new(buffer, bounded: true);

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

    /// <summary>nlmsg_put: a 16-byte header whose length <see cref="EndMessage"/> fills in.</summary>
    public void BeginMessage(ushort type, ushort flags, uint seq, uint pid = 0)
    {
        int start = Length;
        Span<byte> h = Reserve(Nl.HeaderLength);
        if (h.IsEmpty)
        {
            return;
        }

        _msgStart = start;
        WriteU32(h, 0);
        WriteU16(h[4..], type);
        WriteU16(h[6..], flags);
        WriteU32(h[8..], seq);
        WriteU32(h[12..], pid);
    }

    /// <summary>nlmsg_end: patches nlmsg_len to cover everything written since the header.</summary>
    public void EndMessage()
    {
        if (!Overflowed && _msgStart >= 0)
        {
            WriteU32(_buf[_msgStart..], (uint)(Length - _msgStart));
        }

        _msgStart = -1;
    }

    /// <summary>Raw bytes (a fixed family header such as ifinfomsg, an echoed payload), zero-padded to 4.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Span<byte> s = Reserve(Nl.Align(bytes.Length));
        if (s.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(s);
        s[bytes.Length..].Clear();
    }

    /// <summary>A payload-less NLMSG_DONE (16 bytes), as the team family ends a multi-part reply.</summary>
    public void WriteDone(ushort flags, uint seq, uint pid)
    {
        BeginMessage(Nl.NlmsgDone, flags, seq, pid);
        EndMessage();
    }

    /// <summary>NLMSG_DONE with the int errno payload that ends a netlink dump (netlink_dump_done).</summary>
    public void WriteDumpDone(int error, ushort flags, uint seq, uint pid)
    {
        BeginMessage(Nl.NlmsgDone, flags, seq, pid);
        Span<byte> e = Reserve(4);
        if (!e.IsEmpty)
        {
            WriteU32(e, (uint)error);
        }

        EndMessage();
    }

    /// <summary>
    /// NLMSG_ERROR as netlink_ack builds it: error, the request's header, then (unless capped) the
    /// request's payload padded to 4, then NLMSGERR_ATTR_MSG when <paramref name="text"/> is given
    /// (and NLMSGERR_ATTR_OFFS, the offending attribute's offset in the request, when known).
    /// A success ack (error 0) is always capped.
    /// </summary>
    public void WriteError(int error, scoped ReadOnlySpan<byte> request, uint pid, string? text, bool capped = false, int attributeOffset = -1)
    {
        capped |= error == 0;
        ushort flags = (ushort)((capped ? Nl.FCapped : 0) | (text is null ? 0 : Nl.FAckTlvs));
        Span<byte> header = stackalloc byte[Nl.HeaderLength];
        header.Clear();
        request[..Math.Min(request.Length, header.Length)].CopyTo(header);
        uint seq = NlMessageReader.ReadU32(header[8..]);
        BeginMessage(Nl.NlmsgError, flags, seq, pid);
        Span<byte> e = Reserve(4 + Nl.HeaderLength);
        if (e.IsEmpty)
        {
            return;
        }

        WriteU32(e, (uint)error);
        header.CopyTo(e[4..]);
        if (!capped && request.Length > Nl.HeaderLength)
        {
            WriteRaw(request[Nl.HeaderLength..]);
        }

        if (text is not null)
        {
            WriteString((ushort)NlmsgErrAttr.Msg, text);
            if (attributeOffset >= 0)
            {
                WriteU32((ushort)NlmsgErrAttr.Offs, (uint)attributeOffset);
            }
        }

        EndMessage();
    }

    /// <summary>Stores <paramref name="v"/> in host byte order (a field of a fixed header such as ifinfomsg).</summary>
    internal static void WriteU16(Span<byte> s, ushort v)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(s, v);
        }
    }

    /// <summary>Stores <paramref name="v"/> in host byte order.</summary>
    internal static void WriteU32(Span<byte> s, uint v)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, v);
        }
    }

    /// <summary>Room for <paramref name="n"/> bytes, or an empty span (and <see cref="Overflowed"/>) when it does not fit.</summary>
    private Span<byte> Reserve(int n)
    {
        if (Overflowed || n > _buf.Length - Length)
        {
            Overflow();
            return Span<byte>.Empty;
        }

        Span<byte> s = _buf.Slice(Length, n);
        Length += n;
        return s;
    }

    private void Overflow()
    {
        if (!_bounded)
        {
            ThrowDoesNotFit();
        }

        Overflowed = true;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDoesNotFit() => throw new InvalidOperationException("netlink message does not fit the buffer");
}
