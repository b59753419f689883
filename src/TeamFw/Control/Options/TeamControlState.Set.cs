// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;

namespace TeamFw.Control.Options;

/// <summary>One item of an OPTIONS_SET request, decoded.</summary>
public readonly record struct OptionSetItem(string Name, OptionType Type, uint PortIfIndex, bool HasArrayIndex, uint ArrayIndex, OptionValue Value);

public sealed partial class TeamControlState
{
    private readonly List<OptionInstance> _setList = new();

    /// <summary>
    /// Applies one OPTIONS_SET item as team_nl_options_set_doit does: every instance whose type, name,
    /// port ifindex (0 = none) and array index match is set and marked changed (an array option needs
    /// ARRAY_INDEX); none matching is -ENOENT; a setter's error aborts. On success the instances set go
    /// out as one change event, in the kernel's order (last matched first).
    /// </summary>
    public ControlError ApplySet(in OptionSetItem item)
    {
        _setList.Clear();
        bool found = false;
        foreach (OptionInstance i in _instances.ToArray())
        {
            OptionDescriptor o = i.Option;
            int portIfIndex = i.Port?.IfIndex ?? 0;
            if (o.Type != item.Type || !string.Equals(o.Name, item.Name, StringComparison.Ordinal) || (uint)portIfIndex != item.PortIfIndex
                || (o.ArraySize > 0 && !item.HasArrayIndex) || i.ArrayIndex != item.ArrayIndex || i.Removed || !_instances.Contains(i))
            {
                continue;
            }

            found = true;
            if (o.Set is null)
            {
                return ControlError.Of(Errno.EOPNOTSUPP, $"option {i} is read-only");
            }

            ControlError err = o.Set(new OptionContext(this, i.Port, i.ArrayIndex), item.Value);
            if (err.IsError)
            {
                return err;
            }

            if (_instances.Contains(i))
            {
                i.Changed = true;
                if (o.Observe)
                {
                    i.Last = Get(i);
                }

                _setList.Insert(0, i);
            }
        }

        if (!found)
        {
            string where = item.PortIfIndex != 0 ? $" on port ifindex {item.PortIfIndex}" : string.Empty;
            string index = item.HasArrayIndex ? $" at index {item.ArrayIndex}" : string.Empty;
            return ControlError.Of(Errno.ENOENT, $"team {Target.Name} has no {item.Type.ToString().ToLowerInvariant()} option \"{item.Name}\"{where}{index}");
        }

        SendOptions(_setList);
        return ControlError.Ok;
    }
}
