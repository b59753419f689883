// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Native.Interop;

namespace TeamFw.Control.Options;

/// <summary>
/// The options each mode registers while it is the team's mode, as its <see cref="ModeDescriptor"/> lists them
/// (activebackup's activeport is here; loadbalance's are <see cref="LoadBalanceOptions"/>). Their getters and
/// setters reach the mode's state through <see cref="ITeamOptionTarget.Mode"/>.
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

    /// <summary>The options of mode <paramref name="mode"/> (its <see cref="ModeDescriptor.Options"/>); none for an unknown mode.</summary>
    public static IReadOnlyList<OptionDescriptor> For(string mode) => ModeRegistry.Find(mode)?.Options ?? Array.Empty<OptionDescriptor>();

    public static IEnumerable<string> AvailableModes(ITeamOptionTarget target)
    {
        foreach (ModeDescriptor m in ModeRegistry.All)
        {
            if (target.IsModeAvailable(m.Name))
            {
                yield return m.Name;
            }
        }
    }
}
