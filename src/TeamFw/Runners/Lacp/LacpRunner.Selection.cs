// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Logging;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>
/// Aggregator selection. A current port is selected into an aggregator with the other selected ports
/// it can aggregate with (same partner system, same partner key, same actor key); an aggregator is
/// named by its leading port, the best of its ports. agg_select_policy then picks one aggregator:
/// lacp_prio the one with the best leading port (re-chosen on every change), lacp_prio_stable the
/// same but kept while it exists, bandwidth the largest sum of port speeds, count the most ports,
/// port_config the best leading port by teamd prio, kept while any of its ports is sticky.
/// </summary>
public sealed partial class LacpRunner
{
    /// <summary>Unselects a port that can no longer stay in its aggregator, selects a current one, then re-runs the policy.</summary>
    private void AggUpdate(IRunnerTeam team, LacpPort lp)
    {
        if (lp.Selected && (lp.State is LacpPortState.Disabled or LacpPortState.Defaulted
            || IsLoopback(team, lp) || !FitsAggregator(lp) || CanMerge(lp)))
        {
            Unselect(team, lp);
        }

        if (!lp.Selected && lp.State == LacpPortState.Current && !IsLoopback(team, lp))
        {
            Select(team, lp);
        }

        SelectedAggUpdate(team, null, null);
    }

    private static bool Aggregable(LacpPort a, LacpPort b)
        => a.Partner.Key == b.Partner.Key && a.Actor.Key == b.Actor.Key && a.Partner.System == b.Partner.System;

    /// <summary>Our own LACPDUs came back (the partner system is us): such a port must not aggregate.</summary>
    private static bool IsLoopback(IRunnerTeam team, LacpPort lp)
    {
        if (lp.Partner.System != lp.Actor.System)
        {
            return false;
        }

        if (!lp.LoopbackWarned)
        {
            lp.LoopbackWarned = true;
            Log.LacpLoopback(team.Logger, team.Name, lp.Port.Name);
        }

        return true;
    }

    /// <summary>Still aggregable with the other ports of its aggregator (they are with each other).</summary>
    private bool FitsAggregator(LacpPort lp)
    {
        foreach (LacpPort o in _ports)
        {
            if (o != lp && o.Selected && o.AggLead == lp.AggLead)
            {
                return Aggregable(o, lp);
            }
        }

        return true;
    }

    /// <summary>Alone in its aggregator while another aggregator would take it: leave, to be selected there.</summary>
    private bool CanMerge(LacpPort lp) => lp.AggLead == lp && PortCount(lp) == 1 && FindAggregator(lp) != lp;

    /// <summary>The aggregator the port belongs in: that of a selected port it can aggregate with, else its own.</summary>
    private LacpPort FindAggregator(LacpPort lp)
    {
        foreach (LacpPort o in _ports)
        {
            if (o != lp && o.Selected && Aggregable(o, lp))
            {
                return o.AggLead!;
            }
        }

        return lp;
    }

    private void Select(IRunnerTeam team, LacpPort lp)
    {
        LacpPort lead = FindAggregator(lp);
        lp.AggLead = lead;
        Changed();
        if (IsBetter(lp, lead))
        {
            SwitchLead(lead, lp);
        }

        Log.LacpPortAggregator(team.Logger, team.Name, lp.Port.Name, "selected into", lp.AggregatorId);
    }

    private void Unselect(IRunnerTeam team, LacpPort lp)
    {
        LacpPort lead = lp.AggLead!;
        Log.LacpPortAggregator(team.Logger, team.Name, lp.Port.Name, "unselected from", lp.AggregatorId);
        lp.AggLead = null;
        Changed();
        if (lead == lp)
        {
            LacpPort? next = null;
            foreach (LacpPort o in _ports)
            {
                if (o.AggLead == lead && IsBetter(o, next))
                {
                    next = o;
                }
            }

            SwitchLead(lead, next);
        }
    }

    /// <summary>Renames an aggregator: every port led by <paramref name="from"/> is led by <paramref name="to"/> (null dissolves it).</summary>
    private void SwitchLead(LacpPort from, LacpPort? to)
    {
        if (_selected == from)
        {
            _selected = to;
        }

        foreach (LacpPort o in _ports)
        {
            if (o.AggLead == from)
            {
                o.AggLead = to;
            }
        }
    }

    /// <summary>Chooses the aggregator (<paramref name="forced"/> or by the policy), then enables exactly the
    /// ports of the selected aggregator whose partner is in sync and collecting. (teamd looks at sync only;
    /// 802.1AX distributes only to a partner that collects, and a partner whose own timer expired keeps
    /// sync but stops collecting: without this we would go on sending to a port it no longer reads.)</summary>
    private void SelectedAggUpdate(IRunnerTeam team, LacpPort? forced, string? why)
    {
        if (_restoring)
        {
            return; // EndRestore selects once every port is back
        }

        LacpPort? next = forced ?? NextAggregator();
        if (next != _selected && next is not null)
        {
            Log.LacpAggregatorSelected(team.Logger, team.Name, next.Port.IfIndex, Config.AggSelectPolicy, why is null ? string.Empty : ", " + why);
        }

        if (next != _selected)
        {
            Changed();
        }

        _selected = next;
        foreach (LacpPort lp in _ports)
        {
            bool enable = _adminUp && lp.Selected && lp.AggLead == _selected && lp.Partner.Has(LacpState.Synchronization | LacpState.Collecting);
            if (lp.Port.Enabled != enable)
            {
                team.SetEnabled(lp.Port, enable);
            }
        }
    }

    private LacpPort? NextAggregator() => Config.AggSelectPolicy switch
    {
        "lacp_prio_stable" => _selected ?? BestByLeadingPort(),
        "bandwidth" => BestBy(static (r, lead) => r.Bandwidth(lead)),
        "count" => BestBy(static (r, lead) => r.PortCount(lead)),
        "port_config" => _selected is not null && IsSticky(_selected) ? _selected : BestByLeadingPort(),
        _ => BestByLeadingPort(),
    };

    private LacpPort? BestByLeadingPort()
    {
        LacpPort? best = null;
        foreach (LacpPort lp in _ports)
        {
            if (lp.Selected && IsBetter(lp.AggLead!, best))
            {
                best = lp.AggLead;
            }
        }

        return best;
    }

    /// <summary>The aggregator with the largest measure (the first found on a tie).</summary>
    private LacpPort? BestBy(Func<LacpRunner, LacpPort, long> measure)
    {
        LacpPort? best = null;
        long bestValue = 0;
        foreach (LacpPort lp in _ports)
        {
            if (lp.Selected)
            {
                long v = measure(this, lp.AggLead!);
                if (v > bestValue)
                {
                    bestValue = v;
                    best = lp.AggLead;
                }
            }
        }

        return best;
    }

    private long Bandwidth(LacpPort lead)
    {
        long sum = 0;
        foreach (LacpPort lp in _ports)
        {
            if (lp.AggLead == lead)
            {
                sum += lp.Port.SpeedMbps;
            }
        }

        return sum;
    }

    private int PortCount(LacpPort lead)
    {
        int n = 0;
        foreach (LacpPort lp in _ports)
        {
            if (lp.AggLead == lead)
            {
                n++;
            }
        }

        return n;
    }

    private bool IsSticky(LacpPort lead)
    {
        foreach (LacpPort lp in _ports)
        {
            if (lp.AggLead == lead && lp.Port.Sticky)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="a"/> is a strictly better leading port than <paramref name="b"/> (or b is null).</summary>
    private bool IsBetter(LacpPort a, LacpPort? b)
    {
        if (b is null)
        {
            return true;
        }

        return Config.AggSelectPolicy == "port_config"
            ? a.Port.Prio > b.Port.Prio
            : PrioKey(a).CompareTo(PrioKey(b)) < 0;
    }

    /// <summary>
    /// 802.1AX: the system with the better (numerically lower) system ID — priority, then MAC — decides
    /// port priorities for both ends. A port ranks by that system's ID, then its port priority, then port
    /// number of the port on that side; lower is better. (teamd compares the same fields byte-wise in
    /// host order, which on little-endian machines ranks by the low octet first; we compare them as numbers.)
    /// </summary>
    private static (ushort, ulong, ushort, ushort) PrioKey(LacpPort lp)
    {
        LacpInfo a = lp.Actor, p = lp.Partner;
        bool actorDecides = a.SystemPriority < p.SystemPriority || (a.SystemPriority == p.SystemPriority && a.System < p.System);
        LacpInfo i = actorDecides ? a : p;
        return (i.SystemPriority, i.System, i.PortPriority, i.Port);
    }
}
