// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Stats;

namespace TeamFw.Tests.Control;

/// <summary>A team for the control socket without a TAP: its options, ports and effects are plain fields the tests read.</summary>
public sealed class FakeControlTeam : IControlSocketTeam, ITeamOptionTarget
{
    private readonly Dictionary<PortRecord, bool> _enabled = new();

    public FakeControlTeam(string name, int ifIndex, string mode = "activebackup", IControlEvents? events = null)
    {
        Name = name;
        IfIndex = ifIndex;
        ModeName = mode;
        Mode = ModeRegistry.Create(mode) as LoadBalanceMode;
        ControlState = new TeamControlState(this, events) { NotifyPeersCount = 1 };
        ControlState.Register(CoreOptions.All);
        ControlState.Register(ModeOptions.For(mode));
    }

    public string Name { get; }

    public int IfIndex { get; }

    public string ModeName { get; private set; }

    /// <summary>A real loadbalance mode while the mode is loadbalance (its options reach it); null otherwise.</summary>
    public ITeamMode? Mode { get; private set; }

    public TeamControlState ControlState { get; }

    public StatsSnapshot Stats { get; set; } = new(1, 2, 3, 4, 5, 6, 7, 8);

    public int PortCount => ControlState.Ports.Count;

    public uint ActivePortIfIndex { get; private set; }

    public List<string> Calls { get; } = new();

    public string State { get; set; } = "{\"setup\":{\"runner_name\":\"activebackup\"},\"runner\":{\"active_port\":\"\"}}";

    public IReadOnlyList<ControlPortInfo> PortInfos
    {
        get
        {
            var list = new List<ControlPortInfo>();
            foreach (PortRecord p in ControlState.Ports)
            {
                list.Add(new ControlPortInfo(p.IfIndex, p.Name, new StatsSnapshot(10, 20, 30, 40, 50, 60, 70, 80)));
            }

            return list;
        }
    }

    public PortRecord AddPortRecord(string name, int ifIndex, bool linkup = true)
    {
        var p = new PortRecord(ifIndex, name, new TeamFw.Tests.Fakes.FakePort(name, ifIndex) { Enabled = true, LinkUp = linkup }) { Linkup = linkup, Speed = linkup ? 1000u : 0, Duplex = linkup ? (byte)1 : (byte)0 };
        _enabled[p] = true;
        return ControlState.AddPort(p);
    }

    public string StateJson() => State;

    public string ConfigJson(uint flags) => $"{{\"device\":\"{Name}\",\"flags\":{flags}}}";

    public ControlError SetStateItem(string path, string value)
    {
        Calls.Add($"item {path}={value}");
        return path == "setup.debug_level" ? ControlError.Ok : ControlError.Of(Errno.ENOENT, $"state item {path} does not exist");
    }

    public ControlError AddPort(string name)
    {
        Calls.Add("add " + name);
        AddPortRecord(name, 100 + PortCount);
        return ControlError.Ok;
    }

    public ControlError RemovePort(string name)
    {
        Calls.Add("remove " + name);
        foreach (PortRecord p in ControlState.Ports)
        {
            if (p.Name == name)
            {
                ControlState.RemovePort(p);
                return ControlError.Ok;
            }
        }

        return ControlError.Of(Errno.ENODEV, name + " is not a port");
    }

    public ControlError UpdatePortConfig(string name, string json)
    {
        Calls.Add($"config {name} {json}");
        return ControlError.Ok;
    }

    public bool IsModeAvailable(string mode) => mode is "broadcast" or "roundrobin" or "random" or "activebackup" or "loadbalance";

    public ControlError ChangeMode(string mode)
    {
        Calls.Add("mode " + mode);
        ModeName = mode;
        Mode = ModeRegistry.Create(mode) as LoadBalanceMode;
        return ControlError.Ok;
    }

    public bool PortEnabled(PortRecord port) => _enabled.TryGetValue(port, out bool e) && e;

    public void SetPortEnabled(PortRecord port, bool enabled)
    {
        Calls.Add($"enabled {port.Name}={enabled}");
        _enabled[port] = enabled;
        ((TeamFw.Tests.Fakes.FakePort)port.Handle!).Enabled = enabled;
        if (!enabled && Mode is LoadBalanceMode lb)
        {
            lb.PortDisabled((IPort)port.Handle!); // lb_port_disabled
        }
    }

    public void UserLinkupChanged(PortRecord port) => Calls.Add($"user_linkup {port.Name}={port.UserLinkup}/{port.UserLinkupEnabled}");

    public void PriorityChanged(PortRecord port) => Calls.Add($"priority {port.Name}={port.Priority}");

    public void SetActivePort(PortRecord port)
    {
        Calls.Add("active " + port.Name);
        ActivePortIfIndex = (uint)port.IfIndex;
    }
}

/// <summary>The daemon behind the socket, for tests: a list of fake teams.</summary>
public sealed class FakeBackend : IControlBackend
{
    public List<FakeControlTeam> Teams { get; } = new();

    public IControlEvents? Events { get; set; }

    public int Syncs { get; private set; }

    public IReadOnlyList<IControlSocketTeam> ControlTeams => Teams;

    public ControlError CreateTeam(string json)
    {
        if (Teams.Count >= 8)
        {
            return ControlError.Of(Errno.ENOSPC, "test backend holds at most 8 teams");
        }

        if (!json.Contains("\"device\"", System.StringComparison.Ordinal))
        {
            return ControlError.Of(Errno.EINVAL, "LINK_NEW: $.device: missing");
        }

        Teams.Add(new FakeControlTeam("team" + Teams.Count, 50 + Teams.Count, "roundrobin", Events));
        return ControlError.Ok;
    }

    public ControlError DeleteTeam(IControlSocketTeam team)
    {
        Teams.Remove((FakeControlTeam)team);
        return ControlError.Ok;
    }

    public string? InterfaceName(int ifIndex) => ifIndex == 77 ? "eth77" : null;

    public void Sync() => Syncs++;
}
