// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Control;

public ref partial struct GenlWriter
{
    // Nests are opened and closed explicitly (BeginNest/EndNest) rather than with a disposable scope as
    // STYLE R7 sketches: a scope would need a ref field to this ref struct, which C# 13 does not allow.

    /// <summary>
    /// nla_nest_start_noflag: opens a nest without NLA_F_NESTED, as the kernel's team and nlctrl code
    /// emits them. Returns the nest's offset for <see cref="EndNest"/>, or -1 when it did not fit.
    /// </summary>
    public int BeginNest(ushort type)
    {
        int start = Length;
        Span<byte> h = Reserve(Netlink.Nl.AttrHeaderLength);
        if (h.IsEmpty)
        {
            return -1;
        }

        PutU16(h, 0);
        PutU16(h[2..], type);
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
            Overflowed = true;
            return;
        }

        PutU16(_buf[start..], (ushort)len);
    }
}
