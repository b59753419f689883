// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using System.Text;

namespace TeamFw.Control;

public ref partial struct GenlWriter
{
    /// <summary>nla_put: header {len = 4 + value, type}, the value, zero padding to 4.</summary>
    public void WriteAttr(ushort type, scoped ReadOnlySpan<byte> value)
    {
        int len = Netlink.Nl.AttrHeaderLength + value.Length;
        if (len > ushort.MaxValue)
        {
            Overflowed = true;
            return;
        }

        Span<byte> s = Reserve(Align(len));
        if (s.IsEmpty)
        {
            return;
        }

        PutU16(s, (ushort)len);
        PutU16(s[2..], type);
        value.CopyTo(s[Netlink.Nl.AttrHeaderLength..]);
        s[len..].Clear();
    }

    /// <summary>nla_put_flag: a zero-length attribute.</summary>
    public void WriteFlag(ushort type) => WriteAttr(type, ReadOnlySpan<byte>.Empty);

    public void WriteU8(ushort type, byte value) => WriteAttr(type, [value]);

    public void WriteU16(ushort type, ushort value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<ushort>(in value)));

    public void WriteU32(ushort type, uint value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<uint>(in value)));

    public void WriteS32(ushort type, int value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));

    /// <summary>nla_put_u64_64bit without the pad attribute: genetlink families here have no NLA_PAD, values are 4-aligned (as nla_put_u64).</summary>
    public void WriteU64(ushort type, ulong value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in value)));

    /// <summary>nla_put_string: UTF-8 plus the terminating NUL.</summary>
    public void WriteString(ushort type, string value)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        if (n + 1 <= 256)
        {
            Span<byte> v = stackalloc byte[n + 1];
            Encoding.UTF8.GetBytes(value, v);
            v[n] = 0;
            WriteAttr(type, v);
        }
        else
        {
            byte[] v = new byte[n + 1];
            Encoding.UTF8.GetBytes(value, v);
            WriteAttr(type, v);
        }
    }
}
