// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Cli.Teamnl;

/// <summary>team_set_option_value_from_string and the OPTIONS_SET request libteam sends.</summary>
internal static class NlValues
{
    /// <summary>u32/s32 decimal (ERANGE when out of range), bool "true"/"false", binary "\xx" per byte, string as given.</summary>
    public static OptionValue Parse(OptionType type, string s)
    {
        switch (type)
        {
            case OptionType.U32:
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long u)
                    ? (u is >= 0 and <= uint.MaxValue ? OptionValue.FromU32((uint)u) : throw new ControlRemoteException(Errno.ERANGE, null))
                    : throw new ControlRemoteException(Errno.EINVAL, null);
            case OptionType.S32:
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i)
                    ? (i is >= int.MinValue and <= int.MaxValue ? OptionValue.FromS32((int)i) : throw new ControlRemoteException(Errno.ERANGE, null))
                    : throw new ControlRemoteException(Errno.EINVAL, null);
            case OptionType.Bool:
                return s == "true" ? OptionValue.FromBool(true) : s == "false" ? OptionValue.FromBool(false) : throw new ControlRemoteException(Errno.EINVAL, null);
            case OptionType.Binary:
                return OptionValue.FromBinary(ParseBinary(s));
            default:
                return OptionValue.FromString(s);
        }
    }

    private static byte[] ParseBinary(string s)
    {
        if (s.Length % 3 != 0)
        {
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        byte[] b = new byte[s.Length / 3];
        for (int i = 0; i < b.Length; i++)
        {
            string part = s.Substring(i * 3, 3);
            if (part[0] != '\\' || !byte.TryParse(part.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out b[i]))
            {
                throw new ControlRemoteException(Errno.EINVAL, null);
            }
        }

        return b;
    }

    /// <summary>
    /// teamfw nl's -t: "u32", "s32", "string", "binary", "bool" (the option types), or a number 0..255 sent as
    /// the TYPE byte as is (with VALUE as a u32 DATA) — for asking a team what it does with a request no
    /// teamnl would send. Null for anything else.
    /// </summary>
    public static (OptionType? Type, byte Wire)? ParseType(string s)
    {
        foreach (OptionType t in (ReadOnlySpan<OptionType>)[OptionType.U32, OptionType.S32, OptionType.String, OptionType.Binary, OptionType.Bool])
        {
            if (string.Equals(s, t.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return (t, (byte)OptionTypes.Wire(t));
            }
        }

        return byte.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out byte b) ? (OptionTypes.FromWire(b), b) : null;
    }

    /// <summary>TEAM_IFINDEX and LIST_OPTION {ITEM_OPTION {NAME, PORT_IFINDEX?, ARRAY_INDEX?, TYPE, DATA?}}.</summary>
    public static void WriteSet(ref NlWriter w, uint team, NlOption o, OptionValue v)
        => WriteSet(ref w, team, o.Name, o.Port, o.Index, (byte)OptionTypes.Wire(v.Type), v);

    /// <summary>As above with the TYPE byte given: DATA is <paramref name="v"/> as its own type carries it.</summary>
    public static void WriteSet(ref NlWriter w, uint team, string name, uint? port, uint? index, byte wireType, OptionValue v)
    {
        w.WriteU32((ushort)TeamAttr.TeamIfindex, team);
        int list = w.BeginNest((ushort)TeamAttr.ListOption);
        int item = w.BeginNest((ushort)TeamAttrItemOption.Option);
        w.WriteString((ushort)TeamAttrOption.Name, name);
        if (port is uint p)
        {
            w.WriteU32((ushort)TeamAttrOption.PortIfindex, p);
        }

        if (index is uint i)
        {
            w.WriteU32((ushort)TeamAttrOption.ArrayIndex, i);
        }

        w.WriteU8((ushort)TeamAttrOption.Type, wireType);
        TeamEncoder.WriteData(ref w, v);
        w.EndNest(item);
        w.EndNest(list);
    }
}
