// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Native.Interop;

namespace TeamFw.Control.Options;

/// <summary>
/// The options each mode registers while it is the team's mode (R8: a static table). A mode adds
/// its row here; its getters and setters reach the mode's state through <see cref="ITeamOptionTarget.Mode"/>.
/// Arrays (lb_tx_hash_to_port_mapping, 256 entries) are <see cref="OptionDescriptor.ArraySize"/>, per-port
/// options (lb_port_stats) <see cref="OptionDescriptor.PerPort"/>; nothing else is special.
/// </summary>
public static class ModeOptions
{
    /// <summary>activebackup's activeport: the active port's ifindex, 0 = none; a non-port is -ENOENT.</summary>
    public static readonly OptionDescriptor ActivePort = new("activeport", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.Target.ActivePortIfIndex),
        static (in OptionContext c, OptionValue v) =>
        {
            foreach (PortRecord p in c.State.Ports)
            {
                if ((uint)p.IfIndex == v.U32)
                {
                    c.Target.SetActivePort(p);
                    return ControlError.Ok;
                }
            }

            return ControlError.Of(Errno.ENOENT, $"ifindex {v.U32} is not a port of team {c.Target.Name}");
        });

    private static readonly (string Mode, OptionDescriptor[] Options)[] s_modes =
    [
        ("broadcast", []),
        ("roundrobin", []),
        ("random", []),
        ("activebackup", [ActivePort]),
        (LoadBalanceMode.KindName, LoadBalanceOptions.All),
    ];

    public static IReadOnlyList<OptionDescriptor> For(string mode)
    {
        foreach ((string m, OptionDescriptor[] options) in s_modes)
        {
            if (m == mode)
            {
                return options;
            }
        }

        return Array.Empty<OptionDescriptor>();
    }

    public static IEnumerable<string> AvailableModes(ITeamOptionTarget target)
    {
        foreach ((string m, _) in s_modes)
        {
            if (target.IsModeAvailable(m))
            {
                yield return m;
            }
        }
    }
}
