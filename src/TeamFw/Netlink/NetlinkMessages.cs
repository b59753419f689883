// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TeamFw.Netlink;

/// <summary>
/// Netlink framing facts (include/uapi/linux/netlink.h): 16-byte nlmsghdr, 4-byte attribute
/// alignment, host byte order. Shared by rtnetlink (<see cref="RtnlClient"/>) and the generic-netlink
/// control protocol (TeamFw.Control), which layers genlmsghdr on top.
/// </summary>
public static class Nl
{
    public const int HeaderLength = 16;
    public const int AttrHeaderLength = 4;

    public const ushort NlmsgNoop = 1;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort NlmsgOverrun = 4;

    /// <summary>NLMSG_MIN_TYPE: types below it are control messages, not families.</summary>
    public const ushort NlmsgMinType = 0x10;

    public const ushort FRequest = 0x1;
    public const ushort FMulti = 0x2;
    public const ushort FAck = 0x4;
    public const ushort FEcho = 0x8;

    // Flags for GET requests.
    public const ushort FDump = 0x300;

    // Flags for NEW requests.
    public const ushort FReplace = 0x100;
    public const ushort FExcl = 0x200;
    public const ushort FCreate = 0x400;

    /// <summary>NLM_F_CAPPED on an NLMSG_ERROR: the request's payload is not echoed.</summary>
    public const ushort FCapped = 0x100;

    /// <summary>NLM_F_ACK_TLVS on an NLMSG_ERROR: extended-ack attributes (<see cref="NlmsgErrAttr"/>) follow.</summary>
    public const ushort FAckTlvs = 0x200;

    public const ushort NlaFNested = 0x8000;
    public const ushort NlaFNetByteorder = 0x4000;
    public const ushort NlaTypeMask = 0x3fff; // ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)

    /// <summary>NLMSG_ALIGN / NLA_ALIGN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Align(int len) => (len + 3) & ~3;
}

/// <summary>NLMSGERR_ATTR_* (include/uapi/linux/netlink.h): attributes after an NLMSG_ERROR with NLM_F_ACK_TLVS.</summary>
public enum NlmsgErrAttr : ushort
{
    Unused = 0,
    Msg = 1,
    Offs = 2,
    Cookie = 3,
    Policy = 4,
    MissType = 5,
    MissNest = 6,
}

/// <summary>A netlink message header as read.</summary>
public readonly record struct NlHeader(uint Length, ushort Type, ushort Flags, uint Seq, uint Pid)
{
    /// <summary>The header at the start of <paramref name="message"/> (at least <see cref="Nl.HeaderLength"/> bytes).</summary>
    public static NlHeader Read(ReadOnlySpan<byte> message)
        => new(NlMessageReader.ReadU32(message), NlMessageReader.ReadU16(message[4..]), NlMessageReader.ReadU16(message[6..]),
            NlMessageReader.ReadU32(message[8..]), NlMessageReader.ReadU32(message[12..]));
}

/// <summary>
/// Splits a datagram into netlink messages as netlink_rcv_skb does: a message whose nlmsg_len is below
/// 16 or beyond the datagram ends the iteration silently; the next message starts at NLMSG_ALIGN(len).
/// </summary>
public ref struct NlMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NlMessageReader(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
    }

    /// <summary>The next whole message, header included (what an NLMSG_ERROR echoes).</summary>
    public bool TryNext(out ReadOnlySpan<byte> message)
    {
        message = default;
        if (_rest.Length < Nl.HeaderLength)
        {
            _rest = default;
            return false;
        }

        uint len = ReadU32(_rest);
        if (len < Nl.HeaderLength || len > (uint)_rest.Length)
        {
            _rest = default;
            return false;
        }

        message = _rest[..(int)len];
        _rest = _rest[Math.Min(Nl.Align((int)len), _rest.Length)..];
        return true;
    }

    /// <summary>The next message as its header and its payload (after the 16-byte header).</summary>
    public bool TryNext(out NlHeader header, out ReadOnlySpan<byte> payload)
    {
        if (!TryNext(out ReadOnlySpan<byte> message))
        {
            header = default;
            payload = default;
            return false;
        }

        header = NlHeader.Read(message);
        payload = message[Nl.HeaderLength..];
        return true;
    }

    internal static ushort ReadU16(ReadOnlySpan<byte> s) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

    internal static uint ReadU32(ReadOnlySpan<byte> s) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);

    internal static int ReadS32(ReadOnlySpan<byte> s) => (int)ReadU32(s);

    internal static ulong ReadU64(ReadOnlySpan<byte> s) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s);
}
