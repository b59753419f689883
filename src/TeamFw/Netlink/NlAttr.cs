// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;

namespace TeamFw.Netlink;

/// <summary>
/// One attribute (struct nlattr, also rtattr): its type with NLA_TYPE_MASK applied, the raw type with
/// its flags, the value, and where its header starts in the message (NLMSGERR_ATTR_OFFS). Typed
/// readers that check the length against a policy live with the generic-netlink layer
/// (TeamFw.Control.GenlAttr).
/// </summary>
public readonly ref struct NlAttr
{
    public NlAttr(ushort rawType, ReadOnlySpan<byte> value, int offset)
    {
        RawType = rawType;
        Value = value;
        Offset = offset;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & Nl.NlaTypeMask);

    public bool NestedFlag => (RawType & Nl.NlaFNested) != 0;

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Where the attribute header starts in the message.</summary>
    public int Offset { get; }

    /// <summary>The value up to its first NUL (or all of it), as UTF-8; invalid bytes become U+FFFD.</summary>
    public string String()
    {
        int nul = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? Value[..nul] : Value);
    }

    /// <summary>The string's length without a trailing NUL (what NLA_STRING's .len limits).</summary>
    public int StringLength => Value.Length > 0 && Value[^1] == 0 ? Value.Length - 1 : Value.Length;

    /// <summary>A nested attribute's contents.</summary>
    public NlAttrReader Nested() => new(Value, Offset + Nl.AttrHeaderLength);
}

/// <summary>
/// nla_for_each_attr: walks attributes while nla_ok holds (header fits, 4 ≤ nla_len ≤ rest), stepping
/// NLA_ALIGN(nla_len). Bytes after the last well-formed attribute end the walk without an error, as the
/// kernel's liberal parsing does; <see cref="HasLeftover"/> tells a strict caller they were there.
/// </summary>
public ref struct NlAttrReader
{
    private ReadOnlySpan<byte> _rest;
    private int _offset;

    /// <param name="attrs">The attributes (a message's payload after its fixed headers, or a nest's value).</param>
    /// <param name="baseOffset">Where <paramref name="attrs"/> starts in the message, for <see cref="NlAttr.Offset"/>.</param>
    public NlAttrReader(ReadOnlySpan<byte> attrs, int baseOffset = 0)
    {
        _rest = attrs;
        _offset = baseOffset;
    }

    /// <summary>True when malformed bytes were left over (a strict parser would refuse them).</summary>
    public readonly bool HasLeftover => !_rest.IsEmpty;

    public bool TryNext(out NlAttr attr)
    {
        if (_rest.Length < Nl.AttrHeaderLength)
        {
            attr = default;
            return false;
        }

        ushort len = NlMessageReader.ReadU16(_rest);
        if (len < Nl.AttrHeaderLength || len > _rest.Length)
        {
            attr = default;
            return false;
        }

        attr = new NlAttr(NlMessageReader.ReadU16(_rest[2..]), _rest[Nl.AttrHeaderLength..len], _offset);
        int step = Math.Min(Nl.Align(len), _rest.Length);
        _rest = _rest[step..];
        _offset += step;
        return true;
    }

    /// <summary>The next attribute as its type (NLA_TYPE_MASK applied) and value.</summary>
    public bool TryNext(out ushort type, out ReadOnlySpan<byte> value)
    {
        bool ok = TryNext(out NlAttr a);
        type = a.Type;
        value = a.Value;
        return ok;
    }
}
