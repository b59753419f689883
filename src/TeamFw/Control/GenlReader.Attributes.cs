// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using System.Text;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>One attribute: its type (NLA_TYPE_MASK applied), raw flags, value, and offset in the message.</summary>
public readonly ref struct NlAttr
{
    public NlAttr(ushort rawType, ReadOnlySpan<byte> value, int offset)
    {
        RawType = rawType;
        Value = value;
        Offset = offset;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & NlFlags.NlaTypeMask);

    public bool NestedFlag => (RawType & NlFlags.NlaFNested) != 0;

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Where the attribute header starts in the message (NLMSGERR_ATTR_OFFS).</summary>
    public int Offset { get; }

    public byte U8(string name)
    {
        Need(name, 1);
        return Value[0];
    }

    public ushort U16(string name)
    {
        Need(name, 2);
        return NlMessageReader.ReadU16(Value);
    }

    public uint U32(string name)
    {
        Need(name, 4);
        return NlMessageReader.ReadU32(Value);
    }

    public int S32(string name) => (int)U32(name);

    public ulong U64(string name)
    {
        Need(name, 8);
        return BitConverter.IsLittleEndian
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Value)
            : System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(Value);
    }

    /// <summary>The value up to its first NUL (or all of it), as UTF-8; invalid bytes become U+FFFD.</summary>
    public string String()
    {
        int nul = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? Value[..nul] : Value);
    }

    /// <summary>The string's length without a trailing NUL (what NLA_STRING's .len limits).</summary>
    public int StringLength => Value.Length > 0 && Value[^1] == 0 ? Value.Length - 1 : Value.Length;

    /// <summary>A nested attribute's contents.</summary>
    public AttrIterator Nested() => new(Value, Offset + Nl.AttrHeaderLength);

    public AttrTable ParseNested() => AttrTable.Parse(Value, Offset + Nl.AttrHeaderLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Need(string name, int n)
    {
        if (Value.Length < n)
        {
            ThrowHelper.AttributeTooShort(name, n, Value.Length, Offset);
        }
    }
}

/// <summary>
/// nla_for_each_attr: walks attributes while nla_ok holds (header fits, 4 ≤ nla_len ≤ rest); bytes
/// after the last well-formed attribute are ignored, as the kernel's liberal parsing does.
/// </summary>
public ref struct AttrIterator
{
    private ReadOnlySpan<byte> _rest;
    private int _offset;

    public AttrIterator(ReadOnlySpan<byte> attrs, int baseOffset)
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
        int step = Math.Min(GenlWriter.Align(len), _rest.Length);
        _rest = _rest[step..];
        _offset += step;
        return true;
    }
}
