// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Control.Options;

/// <summary>enum team_option_type, and the NLA type each travels as in TEAM_ATTR_OPTION_TYPE (drivers/net/team/team_core.c team_nl_fill_one_option_get; the NLA_* numbers of include/net/netlink.h).</summary>
public enum OptionType
{
    U32,
    String,
    Binary,
    Bool,
    S32,
}

public static class OptionTypes
{
    public static NlaType Wire(OptionType t) => t switch
    {
        OptionType.U32 => NlaType.U32,
        OptionType.String => NlaType.String,
        OptionType.Binary => NlaType.Binary,
        OptionType.Bool => NlaType.Flag,
        _ => NlaType.S32,
    };

    /// <summary>The option type a TYPE byte names, or null for any other value (OPTIONS_SET then stops, returning 0).</summary>
    public static OptionType? FromWire(byte nlaType) => (NlaType)nlaType switch
    {
        NlaType.U32 => OptionType.U32,
        NlaType.String => OptionType.String,
        NlaType.Binary => OptionType.Binary,
        NlaType.Flag => OptionType.Bool,
        NlaType.S32 => OptionType.S32,
        _ => null,
    };
}

/// <summary>One option value of any type (the kernel's team_gsetter_ctx.data).</summary>
public readonly struct OptionValue : IEquatable<OptionValue>
{
    private OptionValue(OptionType type, uint u32, string? str, byte[]? bin)
    {
        Type = type;
        Bits = u32;
        Text = str;
        Bytes = bin;
    }

    public OptionType Type { get; }

    /// <summary>U32, S32 (as bits) and Bool (0/1).</summary>
    private uint Bits { get; }

    private string? Text { get; }

    private byte[]? Bytes { get; }

    public uint U32 => Bits;

    public int S32 => (int)Bits;

    public bool Bool => Bits != 0;

    public string String => Text ?? string.Empty;

    public byte[] Binary => Bytes ?? [];

    public static OptionValue FromU32(uint v) => new(OptionType.U32, v, null, null);

    public static OptionValue FromS32(int v) => new(OptionType.S32, (uint)v, null, null);

    public static OptionValue FromBool(bool v) => new(OptionType.Bool, v ? 1u : 0u, null, null);

    public static OptionValue FromString(string v) => new(OptionType.String, 0, v, null);

    public static OptionValue FromBinary(byte[] v) => new(OptionType.Binary, 0, null, v);

    public bool Equals(OptionValue other)
        => Type == other.Type && Bits == other.Bits && string.Equals(Text, other.Text, StringComparison.Ordinal)
            && Binary.AsSpan().SequenceEqual(other.Binary);

    public override bool Equals(object? obj) => obj is OptionValue v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Type, Bits, Text);

    public static bool operator ==(OptionValue a, OptionValue b) => a.Equals(b);

    public static bool operator !=(OptionValue a, OptionValue b) => !a.Equals(b);

    /// <summary>As teamnl prints it: %u, %d, the string without quotes, true/false, or \xx per byte.</summary>
    public override string ToString() => Type switch
    {
        OptionType.U32 => U32.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.S32 => S32.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.Bool => Bool ? "true" : "false",
        OptionType.String => String,
        _ => BinaryText(Binary),
    };

    private static string BinaryText(byte[] b)
    {
        var sb = new System.Text.StringBuilder(b.Length * 3);
        foreach (byte x in b)
        {
            sb.Append('\\').Append(x.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
