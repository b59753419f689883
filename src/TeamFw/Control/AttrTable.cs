// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// nla_parse's tb[] array: the attributes of one level by type (types above <see cref="MaxType"/>
/// are ignored, a repeated type keeps the last). Holds offsets into the caller's span, no copies.
/// </summary>
public readonly ref struct AttrTable
{
    /// <summary>The largest attribute type any family here defines (teamfw's FLAGS is 12).</summary>
    public const int MaxType = 15;

    private readonly ReadOnlySpan<byte> _attrs;
    private readonly int _baseOffset;
    private readonly Slots _slots;

    private AttrTable(ReadOnlySpan<byte> attrs, int baseOffset, Slots slots)
    {
        _attrs = attrs;
        _baseOffset = baseOffset;
        _slots = slots;
    }

    public static AttrTable Parse(ReadOnlySpan<byte> attrs, int baseOffset)
    {
        var slots = default(Slots);
        var it = new NlAttrReader(attrs, baseOffset);
        while (it.TryNext(out NlAttr a))
        {
            if (a.Type <= MaxType)
            {
                slots[a.Type] = a.Offset - baseOffset + 1; // 0 = absent
            }
        }

        return new AttrTable(attrs, baseOffset, slots);
    }

    public bool Has(ushort type) => type <= MaxType && _slots[type] != 0;

    public bool TryGet(ushort type, out NlAttr attr)
    {
        if (!Has(type))
        {
            attr = default;
            return false;
        }

        int at = _slots[type] - 1;
        ushort len = NlMessageReader.ReadU16(_attrs[at..]);
        attr = new NlAttr(NlMessageReader.ReadU16(_attrs[(at + 2)..]), _attrs.Slice(at + Nl.AttrHeaderLength, len - Nl.AttrHeaderLength), _baseOffset + at);
        return true;
    }

    public NlAttr Get(ushort type, string name)
    {
        if (!TryGet(type, out NlAttr a))
        {
            ThrowHelper.Missing(name);
        }

        return a;
    }

    [InlineArray(MaxType + 1)]
    private struct Slots
    {
        private int _element;
    }
}
