// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.CompilerServices;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// Typed reads of a generic-netlink attribute: a value shorter than its type is -ERANGE (as
/// nla_validate says for a fixed-size type), named in the <see cref="ControlProtocolException"/>
/// with the attribute's offset.
/// </summary>
public static class GenlAttr
{
    public static byte U8(this in NlAttr a, string name)
    {
        Need(a, name, 1);
        return a.Value[0];
    }

    public static ushort U16(this in NlAttr a, string name)
    {
        Need(a, name, 2);
        return NlMessageReader.ReadU16(a.Value);
    }

    public static uint U32(this in NlAttr a, string name)
    {
        Need(a, name, 4);
        return NlMessageReader.ReadU32(a.Value);
    }

    public static int S32(this in NlAttr a, string name) => (int)a.U32(name);

    public static ulong U64(this in NlAttr a, string name)
    {
        Need(a, name, 8);
        return NlMessageReader.ReadU64(a.Value);
    }

    /// <summary>nla_parse of a nested attribute's contents.</summary>
    public static AttrTable ParseNested(this in NlAttr a) => AttrTable.Parse(a.Value, a.Offset + Nl.AttrHeaderLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Need(in NlAttr a, string name, int n)
    {
        if (a.Value.Length < n)
        {
            ThrowHelper.AttributeTooShort(name, n, a.Value.Length, a.Offset);
        }
    }
}
