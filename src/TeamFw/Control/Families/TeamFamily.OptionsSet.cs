// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control.Families;

public sealed partial class TeamFamily
{
    /// <summary>
    /// team_nl_options_set_doit: each ITEM_OPTION is decoded, matched and applied in turn, with its
    /// change event. Quirks kept: no LIST_OPTION or an empty one is -EINVAL; an unknown TYPE stops
    /// processing and returns the last result (0); a string longer than 32 or without a NUL is -EINVAL.
    /// </summary>
    private static ControlError OptionsSet(in Request request, IControlSocketTeam team)
    {
        if (!request.Attrs.TryGet((ushort)TeamAttr.ListOption, out NlAttr list))
        {
            return ControlError.Of(Errno.EINVAL, "OPTIONS_SET needs TEAM_ATTR_LIST_OPTION");
        }

        ControlError result = ControlError.Of(Errno.EINVAL, "TEAM_ATTR_LIST_OPTION holds no option");
        NlAttrReader items = list.Nested();
        while (items.TryNext(out NlAttr item))
        {
            if (item.Type != (ushort)TeamAttrItemOption.Option)
            {
                return ControlError.Of(Errno.EINVAL, $"LIST_OPTION entry of type {item.Type} is not TEAM_ATTR_ITEM_OPTION");
            }

            AttrTable o = item.ParseNested();
            if (!o.TryGet((ushort)TeamAttrOption.Name, out NlAttr name) || !o.TryGet((ushort)TeamAttrOption.Type, out NlAttr type))
            {
                return ControlError.Of(Errno.EINVAL, "an option item needs TEAM_ATTR_OPTION_NAME and TEAM_ATTR_OPTION_TYPE");
            }

            if (OptionTypes.FromWire(type.U8("type")) is not OptionType kind)
            {
                return ControlError.Ok;
            }

            bool hasData = o.TryGet((ushort)TeamAttrOption.Data, out NlAttr data);
            if (kind != OptionType.Bool && !hasData)
            {
                return ControlError.Of(Errno.EINVAL, $"option \"{name.String()}\" needs TEAM_ATTR_OPTION_DATA");
            }

            ControlError decode = Decode(kind, hasData, data, out OptionValue value);
            if (decode.IsError)
            {
                return decode;
            }

            uint port = o.TryGet((ushort)TeamAttrOption.PortIfindex, out NlAttr p) ? p.U32("port-ifindex") : 0;
            bool isArray = o.TryGet((ushort)TeamAttrOption.ArrayIndex, out NlAttr ai);
            uint index = isArray ? ai.U32("array-index") : 0;
            result = team.ControlState.ApplySet(new OptionSetItem(name.String(), kind, port, isArray, index, value));
            if (result.IsError)
            {
                return result;
            }
        }

        return result;
    }

    private static ControlError Decode(OptionType kind, bool hasData, in NlAttr data, out OptionValue value)
    {
        value = default;
        switch (kind)
        {
            case OptionType.Bool:
                value = OptionValue.FromBool(hasData);
                return ControlError.Ok;
            case OptionType.Binary:
                value = OptionValue.FromBinary(data.Value.ToArray());
                return ControlError.Ok;
            case OptionType.String:
                if (data.Value.Length > GenlFamily.TeamStringMaxLen || data.Value.IndexOf((byte)0) < 0)
                {
                    return ControlError.Of(Errno.EINVAL, $"a string option value must be NUL-terminated and at most {GenlFamily.TeamStringMaxLen} bytes");
                }

                value = OptionValue.FromString(data.String());
                return ControlError.Ok;
            default:
                if (data.Value.Length < 4)
                {
                    return ControlError.Of(Errno.EINVAL, $"a {(kind == OptionType.U32 ? "u32" : "s32")} option value needs 4 bytes, got {data.Value.Length}");
                }

                value = kind == OptionType.U32 ? OptionValue.FromU32(data.U32("data")) : OptionValue.FromS32(data.S32("data"));
                return ControlError.Ok;
        }
    }
}
