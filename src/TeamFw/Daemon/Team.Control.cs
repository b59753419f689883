// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Ports;
using TeamFw.Runners;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>The teamfw family's per-team commands: what teamd's control methods do (libteam teamd/teamd_ctl.c teamd_ctl_method_list).</summary>
public sealed partial class Team : IControlSocketTeam
{
    /// <summary>
    /// The team's counters, with what the kernel dropped on the way to us added to tx_dropped: frames the host
    /// stack sent to the team device that never reached the daemon (its queue full in a burst), which
    /// would otherwise show only in `ip -s link`.
    /// </summary>
    public StatsSnapshot Stats => StatsWith(HostTxDropped);

    /// <summary>What the kernel dropped of the host's frames to the team device (<see cref="ITeamDevice.HostTxDropped"/>).</summary>
    public ulong HostTxDropped => Device?.HostTxDropped ?? 0;

    /// <summary>The ring's part of the last <see cref="HostTxDropped"/> reading (<see cref="ITeamDevice.HostRingDropped"/>).</summary>
    public ulong HostRingDropped => Device?.HostRingDropped ?? 0;

    /// <summary>The team's counters with <paramref name="hostTxDropped"/> (one reading of <see cref="HostTxDropped"/>)
    /// added to tx_dropped, for a caller that also shows that reading on its own.</summary>
    public StatsSnapshot StatsWith(ulong hostTxDropped)
    {
        StatsSnapshot s = Counters.Read();
        return s with { TxDropped = s.TxDropped + hostTxDropped };
    }

    public IReadOnlyList<ControlPortInfo> PortInfos
    {
        get
        {
            var list = new ControlPortInfo[_ports.Count];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = new ControlPortInfo(_ports[i].IfIndex, _ports[i].Name, _ports[i].Counters.Read());
            }

            return list;
        }
    }

    public string StateJson()
    {
        PollRingStats(); // rx_dropped and rx_ring as of now, not as of the last second
        return StateWriter.Json(this, _ctx.StateSetup);
    }

    /// <summary>ConfigDump / ConfigDumpActual: "actual" lists the ports the team has now, with their settings.</summary>
    public string ConfigJson(uint flags)
    {
        TeamConfig c = Config;
        if ((flags & TeamfwConfigFlags.Actual) != 0)
        {
            var ports = new List<PortConfig>(_ports.Count);
            foreach (Port p in _ports)
            {
                ports.Add(p.Config);
            }

            c = c with { Ports = ports };
        }

        return ConfigLoader.Dump(c, includePorts: (flags & TeamfwConfigFlags.NoPorts) == 0, indented: false);
    }

    /// <summary>StateItemValueSet: only setup.debug_level, (activebackup) runner.active_port and (lacp)
    /// ports.IF.runner.aggregator.selected are writable.</summary>
    public ControlError SetStateItem(string path, string value)
    {
        switch (path)
        {
            case "setup.debug_level":
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int level) || level < 0)
                {
                    return ControlError.Of(Errno.EINVAL, $"setup.debug_level: \"{value}\" is not a non-negative integer");
                }

                Config = Config with { DebugLevel = level };
                return ControlError.Ok;
            case "runner.active_port" when Runner.Descriptor.HasActivePort:
                Port? port = FindPort(value);
                if (port is null)
                {
                    return ControlError.Of(Errno.ENODEV, $"runner.active_port: {value} is not a port of team {Name}");
                }

                SetActivePort(ControlState.FindPort(port) ?? new PortRecord(port.IfIndex, port.Name, port));
                return ControlError.Ok;
        }

        if (Runner.PortStateItem is { } item && path.StartsWith("ports.", StringComparison.Ordinal)
            && path.EndsWith("." + item, StringComparison.Ordinal) && path.Length > 7 + item.Length)
        {
            return SetRunnerPortItem(path, path[6..^(item.Length + 1)], value);
        }

        return StateHasPath(path)
            ? ControlError.Of(Errno.EOPNOTSUPP, $"state item {path} is not writable")
            : ControlError.Of(Errno.ENOENT, $"state item {path} does not exist");
    }

    /// <summary>The runner's writable item under ports.IF. (lacp: runner.aggregator.selected).</summary>
    private ControlError SetRunnerPortItem(string path, string portName, string value)
    {
        if (FindPort(portName) is not Port port)
        {
            return ControlError.Of(Errno.ENOENT, $"state item {path} does not exist ({portName} is not a port of team {Name})");
        }

        StateItemResult r = Runner.SetPortStateItem(this, port, value);
        if (!r.Ok)
        {
            return ControlError.Of(r.NotSupported ? Errno.EOPNOTSUPP : Errno.EINVAL, $"{path}: {r.Text}");
        }

        FlushView();
        Log.ControlChange(_log, Name, r.Text);
        return ControlError.Ok;
    }

    private bool StateHasPath(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(StateJson());
        JsonElement e = doc.RootElement;
        foreach (string part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>PortAdd: the port's settings come from the team's config when it lists the port.</summary>
    public ControlError AddPort(string name)
    {
        if (FindPort(name) is not null)
        {
            return ControlError.Of(Errno.EBUSY, $"{name} is already a port of team {Name}");
        }

        PortConfig pc = FindConfigured(name) ?? new PortConfig { Name = name };
        try
        {
            AddPort(pc);
        }
        catch (PortException e)
        {
            return ControlError.Of(PortErrno(e.Reason), e.Message);
        }

        Log.ControlChange(_log, Name, $"port {name} added");
        return ControlError.Ok;
    }

    public ControlError RemovePort(string name)
    {
        Port? port = FindPort(name);
        if (port is null)
        {
            return ControlError.Of(Errno.ENODEV, $"{name} is not a port of team {Name}");
        }

        RemovePort(port, "removed through the control socket");
        return ControlError.Ok;
    }

    /// <summary>PortConfigUpdate: the port's new teamd object replaces its settings (in the config too).</summary>
    public ControlError UpdatePortConfig(string name, string json)
    {
        PortConfig pc;
        try
        {
            pc = ConfigLoader.LoadPort("port config update", Name, name, json).Port;
        }
        catch (ConfigException e)
        {
            return ControlError.Of(Errno.EINVAL, e.Message);
        }

        var ports = new List<PortConfig>(Config.Ports.Count + 1);
        bool listed = false;
        foreach (PortConfig c in Config.Ports)
        {
            listed |= c.Name == name;
            ports.Add(c.Name == name ? pc : c);
        }

        if (!listed)
        {
            ports.Add(pc);
        }

        Config = Config with { Ports = ports };
        if (FindPort(name) is Port port)
        {
            SetPortConfig(port, pc);
        }

        Log.ControlChange(_log, Name, $"port {name} config updated");
        return ControlError.Ok;
    }

    /// <summary>The port's settings are replaced (`port config update`, a reload): the runner sees it as a link change.</summary>
    internal void SetPortConfig(Port port, PortConfig pc)
    {
        port.Config = pc;
        _feed.SettingsChanged(port);
        Runner.PortLinkChanged(this, port);
        FlushView();
    }

    private PortConfig? FindConfigured(string name)
    {
        foreach (PortConfig c in Config.Ports)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The errno a kernel's ndo_add_slave would give for the same refusal.</summary>
    private static Errno PortErrno(string reason)
    {
        if (reason.StartsWith("no such interface", StringComparison.Ordinal))
        {
            return Errno.ENODEV;
        }

        if (reason.StartsWith("already a port", StringComparison.Ordinal) || reason.Contains("own port", StringComparison.Ordinal))
        {
            return Errno.EBUSY;
        }

        return reason.Contains("at most", StringComparison.Ordinal) ? Errno.ENOSPC : Errno.EINVAL;
    }
}
