// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;
using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>
/// teamd's activebackup runner: the active port is the best port whose link is up, by prio
/// (higher wins), then speed, then duplex. A sticky active port whose link is up is never
/// preempted; a non-sticky one only by a strictly better port, so equal ports do not flap.
/// As in teamd, only the active port is enabled (teamd disables the old active port and enables
/// the new one when it changes), so only it transmits and delivers to the team.
/// Across a restart the active port is kept: the rules alone could pick another one (two equal ports:
/// the first added wins at start, while the running daemon kept the one that was active).
/// </summary>
public sealed class ActiveBackupRunner : IRunner
{
    /// <summary>While a previous daemon's team is taken back: the ifindex of the port that was active (0: none).</summary>
    private int _restoreActive;
    private bool _restoring;

    /// <summary>teamd's activebackup: hwaddr_policy, the active port, notify_peers and mcast_rejoin once by default.</summary>
    public static readonly RunnerDescriptor Descriptor = new("activebackup", "activebackup", RunnerKeys.HwAddrPolicy, static _ => new ActiveBackupRunner())
    {
        DefaultNotifyCount = 1,
        HasActivePort = true,
        ViewRunner = static (v, r) =>
        {
            v.Line(1, "runner:");
            v.Indent();
            v.Line(1, "active port: " + StateViewLines.Str(r, "active_port"));
            v.Outdent();
        },
    };

    RunnerDescriptor IRunner.Descriptor => Descriptor;

    public string Name => Descriptor.Name;

    public string ModeName => Descriptor.ModeName;

    public void PortAdded(IRunnerTeam team, IRunnerPort port)
    {
        team.SetEnabled(port, false);
        if (!_restoring)
        {
            Reselect(team, "port added");
        }
    }

    public void PortRemoved(IRunnerTeam team, IRunnerPort port)
    {
        if (ReferenceEquals(team.ActivePort, port))
        {
            team.SetActivePort(null, "active port removed");
        }

        if (!_restoring)
        {
            Reselect(team, "port removed");
        }
    }

    public void PortLinkChanged(IRunnerTeam team, IRunnerPort port)
    {
        if (!_restoring)
        {
            Reselect(team, port.LinkUp ? $"{port.Name} link up" : $"{port.Name} link down");
        }
    }

    public long StateStamp(IRunnerTeam team) => team.ActivePort?.IfIndex ?? 0;

    public void SaveState(IRunnerTeam team, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("active_ifindex", team.ActivePort?.IfIndex ?? 0);
        w.WriteEndObject();
    }

    public void BeginRestore(JsonElement saved)
    {
        _restoreActive = saved.ValueKind == JsonValueKind.Object && saved.TryGetProperty("active_ifindex", out JsonElement a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out int i)
            ? i
            : throw new System.FormatException("activebackup: active_ifindex: expected a number");
        _restoring = true;
    }

    /// <summary>The port that was active stays active when its link is up (it may be preempted only as the
    /// rules say, and a sticky or equal port is not); otherwise the rules choose.</summary>
    public void EndRestore(IRunnerTeam team)
    {
        _restoring = false;
        foreach (IRunnerPort p in team.Ports)
        {
            if (p.IfIndex == _restoreActive && p.LinkUp)
            {
                team.SetActivePort(p, "active before the restart");
            }
        }

        Reselect(team, "ports taken back after a restart");
    }

    public bool PortPriorityChanged(IRunnerTeam team, string portName)
    {
        Reselect(team, $"priority of {portName} changed");
        return true;
    }

    /// <summary>Applies the selection rules; also used when the active port is set by hand.</summary>
    public static void Reselect(IRunnerTeam team, string reason)
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
