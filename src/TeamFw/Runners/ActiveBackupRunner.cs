// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>
/// teamd's activebackup runner: the active port is the best port whose link is up, by prio
/// (higher wins), then speed, then duplex. A sticky active port whose link is up is never
/// preempted; a non-sticky one only by a strictly better port, so equal ports do not flap.
/// As in teamd, only the active port is enabled (teamd disables the old active port and enables
/// the new one when it changes), so only it transmits and delivers to the team.
/// </summary>
public sealed class ActiveBackupRunner : IRunner
{
    public string Name => "activebackup";

    public string ModeName => "activebackup";

    public void PortAdded(ITeamControl team, IRunnerPort port)
    {
        team.SetEnabled(port, false);
        Reselect(team, "port added");
    }

    public void PortRemoved(ITeamControl team, IRunnerPort port)
    {
        if (ReferenceEquals(team.ActivePort, port))
        {
            team.SetActivePort(null, "active port removed");
        }

        Reselect(team, "port removed");
    }

    public void PortLinkChanged(ITeamControl team, IRunnerPort port)
        => Reselect(team, port.LinkUp ? $"{port.Name} link up" : $"{port.Name} link down");

    /// <summary>Applies the selection rules; also used when the active port is set by hand.</summary>
    public static void Reselect(ITeamControl team, string reason)
    {
        IRunnerPort? active = team.ActivePort;
        if (active is null || !active.LinkUp || !active.Sticky)
        {
            IRunnerPort? best = active is not null && active.LinkUp ? active : null;
            foreach (IRunnerPort p in team.Ports)
            {
                if (p.LinkUp && (best is null || IsBetter(p, best)))
                {
                    best = p;
                }
            }

            if (!ReferenceEquals(best, active))
            {
                team.SetActivePort(best, reason);
            }
        }

        foreach (IRunnerPort p in team.Ports)
        {
            bool enable = ReferenceEquals(p, team.ActivePort);
            if (p.Enabled != enable)
            {
                team.SetEnabled(p, enable);
            }
        }
    }

    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public static bool IsBetter(IRunnerPort a, IRunnerPort b)
    {
        if (a.Prio != b.Prio)
        {
            return a.Prio > b.Prio;
        }

        if (a.SpeedMbps != b.SpeedMbps)
        {
            return a.SpeedMbps > b.SpeedMbps;
        }

        // duplex: full (1) beats half (0); unknown (0xff) counts as neither.
        int da = a.Duplex == 1 ? 1 : 0;
        int db = b.Duplex == 1 ? 1 : 0;
        return da > db;
    }
}
