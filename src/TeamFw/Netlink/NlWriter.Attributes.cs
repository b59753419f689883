// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using System.Text;

namespace TeamFw.Netlink;

public ref partial struct NlWriter
{
    // Nests are opened and closed explicitly (BeginNest/EndNest) rather than with a disposable scope:
    // a scope would need a ref field to this ref struct, which C# does not allow.

    /// <summary>nla_put: header {len = 4 + value, type}, the value, zero padding to 4.</summary>
    public void WriteAttr(ushort type, scoped ReadOnlySpan<byte> value)
    {
        if (TryReserveAttr(type, value.Length, out Span<byte> v))
        {
            value.CopyTo(v);
        }
    }

    /// <summary>nla_put_flag: a zero-length attribute.</summary>
    public void WriteFlag(ushort type) => WriteAttr(type, ReadOnlySpan<byte>.Empty);

    public void WriteU8(ushort type, byte value) => WriteAttr(type, [value]);

    public void WriteU16(ushort type, ushort value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<ushort>(in value)));

    public void WriteU32(ushort type, uint value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<uint>(in value)));

    public void WriteS32(ushort type, int value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));

    /// <summary>nla_put_u64_64bit without the pad attribute: genetlink families here have no NLA_PAD, values are 4-aligned (as nla_put_u64).</summary>
    public void WriteU64(ushort type, ulong value) => WriteAttr(type, MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in value)));

    /// <summary>nla_put_string: UTF-8 plus the terminating NUL, encoded in place.</summary>
    public void WriteString(ushort type, string value)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        if (TryReserveAttr(type, n + 1, out Span<byte> v))
        {
            Encoding.UTF8.GetBytes(value, v);
            v[n] = 0;
        }
    }

    /// <summary>rtnetlink's spelling of <see cref="WriteU32(ushort, uint)"/> (RtnlClient's requests).</summary>
    public void WriteU32Attr(ushort type, uint value) => WriteU32(type, value);

    /// <summary>rtnetlink's spelling of <see cref="WriteString"/> (an interface name such as IFLA_IFNAME).</summary>
    public void WriteStringAttr(ushort type, string value) => WriteString(type, value);

    /// <summary>
    /// nla_nest_start_noflag: opens a nest without NLA_F_NESTED, as the kernel's team and nlctrl code
    /// emits them (or the caller sets it in <paramref name="type"/>). Returns the nest's offset for
    /// <see cref="EndNest"/>, or -1 when it did not fit.
    /// </summary>
    public int BeginNest(ushort type)
    {
        int start = Length;
        Span<byte> h = Reserve(Nl.AttrHeaderLength);
        if (h.IsEmpty)
        {
            return -1;
        }

        WriteU16(h, 0);
        WriteU16(h[2..], type);
        return start;
    }

    /// <summary>nla_nest_end: back-patches nla_len to cover the nest's contents.</summary>
    public void EndNest(int start)
    {
        if (start < 0 || Overflowed)
        {
            return;
        }

        int len = Length - start;
        if (len > ushort.MaxValue)
        {
            Overflow();
            return;
        }

        WriteU16(_buf[start..], (ushort)len);
    }

    /// <summary>Writes an attribute's header and padding; <paramref name="value"/> is the room for its value.</summary>
    private bool TryReserveAttr(ushort type, int valueLength, out Span<byte> value)
    {
        int len = Nl.AttrHeaderLength + valueLength;
        value = default;
        if (len > ushort.MaxValue)
        {
            Overflow();
            return false;
        }

        Span<byte> s = Reserve(Nl.Align(len));
        if (s.IsEmpty)
        {
            return false;
        }

        WriteU16(s, (ushort)len);
        WriteU16(s[2..], type);
        s[len..].Clear();
        value = s[Nl.AttrHeaderLength..len];
        return true;
    }
}
