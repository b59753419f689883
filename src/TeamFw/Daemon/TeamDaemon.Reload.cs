// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Logging;
using TeamFw.Ports;

namespace TeamFw.Daemon;

public sealed partial class TeamDaemon
{
    /// <summary>
    /// SIGHUP: re-reads the files and applies the difference. A config error changes nothing.
    /// Ports are added and removed without touching the others; a team whose other settings
    /// changed is rebuilt; teams gone from the files are removed and new ones started.
    /// </summary>
    public void Reload()
    {
        List<TeamConfig> configs;
        try
        {
            configs = LoadConfigs();
        }
        catch (ConfigException e)
        {
            Log.ReloadFailed(_log, e.Message);
            return;
        }

        var wanted = new Dictionary<string, TeamConfig>(StringComparer.Ordinal);
        foreach (TeamConfig c in configs)
        {
            wanted[c.Device] = c;
        }

        foreach (Team t in _teams.ToArray())
        {
            if (!wanted.TryGetValue(t.Name, out TeamConfig? c))
            {
                Log.Reload(_log, $"team {t.Name} removed");
                _teams.Remove(t);
                t.Dispose();
            }
            else if (!ConfigDiff.SameTeamSettings(t.Config, c))
            {
                Log.Reload(_log, $"team {t.Name} settings changed, rebuilding it");
                _teams.Remove(t);
                t.Dispose();
            }
            else
            {
                ApplyPorts(t, c);
                wanted.Remove(t.Name);
            }
        }

        foreach (TeamConfig c in configs)
        {
            if (!wanted.ContainsKey(c.Device))
            {
                continue;
            }

            try
            {
                var team = new Team(c, _ctx!);
                team.Start();
                _teams.Add(team);
                Log.Reload(_log, $"team {c.Device} started");
            }
            catch (Exception e) when (SetupFailure.IsSetupFailure(e))
            {
                Log.ReloadFailed(_log, $"team {c.Device}: {e.Message}");
            }
        }
    }

    private void ApplyPorts(Team t, TeamConfig c)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (PortConfig pc in c.Ports)
        {
            keep.Add(pc.Name);
        }

        Port[] current = [.. t.PortList];
        foreach (Port p in current)
        {
            if (!keep.Contains(p.Name))
            {
                t.RemovePort(p, "removed from the config");
            }
        }

        foreach (PortConfig pc in c.Ports)
        {
            Port? existing = t.FindPort(pc.Name);
            if (existing is null)
            {
                try
                {
                    t.AddPort(pc);
                }
                catch (PortException e)
                {
                    Log.PortAddFailed(_log, t.Name, pc.Name, e.Reason);
                }
            }
            else if (!ConfigDiff.SamePort(existing.Config, pc))
            {
                t.SetPortConfig(existing, pc);
                Log.Reload(_log, $"team {t.Name}: port {pc.Name} settings updated");
            }
        }

        t.ReplaceConfig(c);
    }
}
