// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Modes;

/// <summary>
/// The immutable snapshot of a team that the data-path threads read: the enabled ports in port order
/// (the kernel's en_port_hlist) and the active port. The control thread builds a new one and publishes it
/// with Volatile.Write; readers never see a half-built view.
/// </summary>
public sealed class TeamView
{
    public static readonly TeamView Empty = new([], null);

    public TeamView(IPort[] enabled, IPort? active)
    {
        Enabled = enabled;
        Active = active;
    }

    public IPort[] Enabled { get; }

    public IPort? Active { get; }

    /// <summary>The first txable enabled port at or after <paramref name="start"/>, wrapping around (team_get_first_port_txable_rcu).</summary>
    public IPort? FirstTxableFrom(int start)
    {
        IPort[] en = Enabled;
        for (int i = 0; i < en.Length; i++)
        {
            IPort p = en[(start + i) % en.Length];
            if (p.Txable)
            {
                return p;
            }
        }

        return null;
    }
}
