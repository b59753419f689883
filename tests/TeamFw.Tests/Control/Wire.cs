// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace TeamFw.Tests.Control;

/// <summary>
/// Golden bytes built from the header numbers alone (nlmsghdr {u32 len; u16 type; u16 flags; u32 seq;
/// u32 pid}, genlmsghdr {u8 cmd; u8 version; u16 0}, nlattr {u16 len; u16 type} + value padded to 4),
/// little-endian as on every ABI we ship: independent of NlWriter, whose output it checks.
/// </summary>
internal static class Wire
{
    public static byte[] U8(byte v) => [v];

    public static byte[] U16(ushort v) => [(byte)v, (byte)(v >> 8)];

    public static byte[] U32(uint v)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    public static byte[] S32(int v) => U32((uint)v);

    public static byte[] U64(ulong v)
    {
        byte[] b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }

    /// <summary>A NUL-terminated string value.</summary>
    public static byte[] Str(string s) => Cat(Encoding.UTF8.GetBytes(s), [0]);

    public static byte[] Cat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] p in parts)
        {
            all.AddRange(p);
        }

        return all.ToArray();
    }

    /// <summary>An attribute: header, value, zero padding to 4 (not counted in nla_len).</summary>
    public static byte[] Attr(ushort type, params byte[][] value)
    {
        byte[] v = Cat(value);
        int len = 4 + v.Length;
        byte[] pad = new byte[((len + 3) & ~3) - len];
        return Cat(U16((ushort)len), U16(type), v, pad);
    }

    public static byte[] Flag(ushort type) => Attr(type);

    public static byte[] Genl(byte cmd, byte version) => [cmd, version, 0, 0];

    /// <summary>A message; the payload parts are already padded.</summary>
    public static byte[] Msg(ushort type, ushort flags, uint seq, uint pid, params byte[][] payload)
    {
        byte[] p = Cat(payload);
        return Cat(U32((uint)(16 + p.Length)), U16(type), U16(flags), U32(seq), U32(pid), p);
    }

    /// <summary>NLMSG_ERROR as netlink_ack builds it.</summary>
    public static byte[] Error(int error, byte[] request, uint pid, string? text = null, bool capped = false, int offs = -1)
    {
        capped |= error == 0;
        ushort flags = (ushort)((capped ? 0x100 : 0) | (text is null ? 0 : 0x200));
        byte[] echo = capped ? request.AsSpan(0, 16).ToArray() : Cat(request, new byte[((request.Length + 3) & ~3) - request.Length]);
        byte[] tlv = text is null ? [] : Cat(Attr(1, Str(text)), offs >= 0 ? Attr(2, U32((uint)offs)) : []);
        uint seq = BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));
        return Msg(2, flags, seq, pid, S32(error), echo, tlv);
    }

    public static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();
}
