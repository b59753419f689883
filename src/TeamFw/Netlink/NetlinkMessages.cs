// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TeamFw.Netlink;

/// <summary>Netlink framing facts (linux/netlink.h): 16-byte nlmsghdr, 4-byte attribute alignment, host byte order.</summary>
public static class Nl
{
    public const int HeaderLength = 16;
    public const int AttrHeaderLength = 4;
    public const ushort NlaTypeMask = 0x3fff; // ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)
    public const ushort NlaFNested = 0x8000;

    public const ushort NlmsgNoop = 1;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort FRequest = 0x1;
    public const ushort FMulti = 0x2;
    public const ushort FAck = 0x4;
    public const ushort FDump = 0x300;
    public const ushort FCreate = 0x400;
    public const ushort FExcl = 0x200;
    public const ushort FReplace = 0x100;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Align(int len) => (len + 3) & ~3;
}

/// <summary>A netlink message header as read.</summary>
public readonly record struct NlHeader(uint Length, ushort Type, ushort Flags, uint Seq, uint Pid);

/// <summary>Iterates the netlink messages in one datagram. Malformed lengths end the iteration.</summary>
public ref struct NlMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NlMessageReader(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
    }

    /// <summary>Returns the next message: its header and its payload (after the 16-byte header).</summary>
    public bool TryNext(out NlHeader header, out ReadOnlySpan<byte> payload)
    {
        if (_rest.Length < Nl.HeaderLength)
        {
            header = default;
            payload = default;
            return false;
        }

        uint len = BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        if (!BitConverter.IsLittleEndian)
        {
            len = BinaryPrimitives.ReverseEndianness(len);
        }

        if (len < Nl.HeaderLength || len > _rest.Length)
        {
            header = default;
            payload = default;
            _rest = default;
            return false;
        }

        header = new NlHeader(len, ReadU16(_rest[4..]), ReadU16(_rest[6..]), ReadU32(_rest[8..]), ReadU32(_rest[12..]));
        payload = _rest[Nl.HeaderLength..(int)len];
        int next = Math.Min(Nl.Align((int)len), _rest.Length);
        _rest = _rest[next..];
        return true;
    }

    internal static ushort ReadU16(ReadOnlySpan<byte> s) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

    internal static uint ReadU32(ReadOnlySpan<byte> s) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);

    internal static int ReadS32(ReadOnlySpan<byte> s) => (int)ReadU32(s);
}

/// <summary>Iterates attributes (nlattr/rtattr, same layout). Types are masked with NLA_TYPE_MASK.</summary>
public ref struct NlAttrReader
{
    private ReadOnlySpan<byte> _rest;

    public NlAttrReader(ReadOnlySpan<byte> attrs)
    {
        _rest = attrs;
    }

    public bool TryNext(out ushort type, out ReadOnlySpan<byte> value)
    {
        if (_rest.Length < Nl.AttrHeaderLength)
        {
            type = 0;
            value = default;
            return false;
        }

        ushort len = NlMessageReader.ReadU16(_rest);
        if (len < Nl.AttrHeaderLength || len > _rest.Length)
        {
            type = 0;
            value = default;
            _rest = default;
            return false;
        }

        type = (ushort)(NlMessageReader.ReadU16(_rest[2..]) & Nl.NlaTypeMask);
        value = _rest[Nl.AttrHeaderLength..len];
        _rest = _rest[Math.Min(Nl.Align(len), _rest.Length)..];
        return true;
    }
}

/// <summary>Builds netlink messages into a caller-owned buffer.</summary>
public ref struct NlWriter
{
    private readonly Span<byte> _buf;
    private int _msgStart;

    public NlWriter(Span<byte> buffer)
    {
        _buf = buffer;
        Length = 0;
        _msgStart = -1;
    }

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buf[..Length];

    public void BeginMessage(ushort type, ushort flags, uint seq, uint pid = 0)
    {
        _msgStart = Length;
        Span<byte> h = Reserve(Nl.HeaderLength);
        WriteU32(h, 0);
        WriteU16(h[4..], type);
        WriteU16(h[6..], flags);
        WriteU32(h[8..], seq);
        WriteU32(h[12..], pid);
    }

    public void EndMessage()
    {
        WriteU32(_buf[_msgStart..], (uint)(Length - _msgStart));
        _msgStart = -1;
    }

    /// <summary>Appends raw bytes (a fixed family header such as ifinfomsg), padded to 4.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Span<byte> s = Reserve(Nl.Align(bytes.Length));
        bytes.CopyTo(s);
        s[bytes.Length..].Clear();
    }

    public void WriteAttr(ushort type, scoped ReadOnlySpan<byte> value)
    {
        int len = Nl.AttrHeaderLength + value.Length;
        Span<byte> s = Reserve(Nl.Align(len));
        WriteU16(s, (ushort)len);
        WriteU16(s[2..], type);
        value.CopyTo(s[Nl.AttrHeaderLength..]);
        s[len..].Clear();
    }

    public void WriteU32Attr(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        WriteU32(v, value);
        WriteAttr(type, v);
    }

    /// <summary>A NUL-terminated ASCII string attribute.</summary>
    public void WriteStringAttr(ushort type, string value)
    {
        Span<byte> v = stackalloc byte[value.Length + 1];
        for (int i = 0; i < value.Length; i++)
        {
            v[i] = (byte)value[i];
        }

        v[value.Length] = 0;
        WriteAttr(type, v);
    }

    private Span<byte> Reserve(int n)
    {
        if (Length + n > _buf.Length)
        {
            throw new InvalidOperationException("netlink message does not fit the buffer");
        }

        Span<byte> s = _buf.Slice(Length, n);
        Length += n;
        return s;
    }

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
}
