// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using System.Text.Json;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;
using TeamFw.State;

namespace TeamFw.Daemon;

/// <summary>
/// What makes a crash or a restart cost nothing: the team device is taken back from the previous daemon
/// with its addresses, routes and admin state (and its MAC and MTU, unless the config changed them), its
/// ports with the state they had before teamfw first took them (<see cref="TakeBackPort"/>), its runner
/// with what it saved; and a daemon that exits for an upgrade leaves all of it for the next one
/// (<see cref="Release"/> with keep). Every change is in the state file before it is made.
/// </summary>
public sealed partial class Team
{
    private TeamRecord? _record;
    private long _runnerStamp = long.MinValue;

    /// <summary>True from the start of <see cref="Start"/> until every configured port is in: the carrier and
    /// the runner's state file entry wait for the whole team.</summary>
    private bool _starting;

    /// <summary>The team device (a veth pair or a TAP, teamfw.device; see <see cref="ITeamDevice"/>).</summary>
    public ITeamDevice? Device { get; private set; }

    /// <summary>The TAP the data path reads and writes (tap backend).</summary>
    public TapDevice? Tap => (Device as TapTeamDevice)?.Tap;

    /// <summary>The veth pair whose host peer the data path drives with rings (veth backend).</summary>
    public VethTeamDevice? Veth => Device as VethTeamDevice;

    /// <summary>The team device was left by a previous daemon and taken back.</summary>
    public bool Reattached => Device?.Reattached ?? false;

    /// <summary>Makes or takes back the device, then records it (before it is made persistent, so no crash can
    /// leave a device the state file does not name).</summary>
    private void OpenDevice(TeamRecord? previous)
    {
        ITeamDevice dev = OpenBackend(previous);
        Device = dev;
        IfIndex = dev.IfIndex;
        string? configMac = Config.HwAddr is null ? null : Packets.Mac.Format(Config.HwAddr);
        if (dev.Reattached && (configMac is null || configMac == previous!.ConfigHwAddr))
        {
            _ctx.Net.GetHwAddr(Name).CopyTo(Mac, 0); // kept: a random MAC of the first start, or the active port's (by_active)
        }
        else
        {
            _ctx.Net.SetHwAddr(Name, Mac);
        }

        if (dev.Reattached && Config.TeamFw.Mtu == previous!.ConfigMtu)
        {
            Mtu = _ctx.Net.GetMtu(Name); // kept: `ip link set team0 mtu N` at run time outlives the daemon
        }
        else
        {
            _ctx.Net.SetMtu(Name, Mtu);
        }

        foreach (string follower in dev.MtuFollowers)
        {
            if (_ctx.Net.GetMtu(follower) != Mtu)
            {
                _ctx.Net.SetMtu(follower, Mtu);
            }
        }

        string? runnerState = previous is not null && previous.Runner == Runner.Name ? previous.RunnerState : null;
        _record = new TeamRecord(Name, IfIndex, dev.Kind, Config.TeamFw.Mtu, configMac, Runner.Name, runnerState);
        _ctx.State.PutTeam(_record);
        dev.Persist();
        if (dev.Reattached)
        {
            Log.TeamReattached(_log, Name, IfIndex);
        }
    }

    /// <summary>The backend teamfw.device names. A device the previous daemon left with the other backend is
    /// removed first (it has the team's name), so switching backends is a restart like any other.</summary>
    private ITeamDevice OpenBackend(TeamRecord? previous)
    {
        string backend = Config.TeamFw.Device;
        if (previous is not null && previous.Backend != backend && _ctx.Net.TryGetIndex(Name) == previous.IfIndex)
        {
            string? why = _ctx.Devices.Remove(previous);
            Log.StateIgnored(_log, $"{Name}: a {previous.Backend} device, now {backend}: {why ?? "removed"}");
        }

        return _ctx.Devices.Open(Name, Config.TeamFw, previous, w => Log.StateIgnored(_log, w));
    }

    /// <summary>Hands the runner what the previous daemon's runner saved; false when there is nothing to resume.</summary>
    private bool BeginRestore(TeamRecord? previous)
    {
        if (!Reattached || previous?.RunnerState is null)
        {
            return false;
        }

        if (previous.Runner != Runner.Name)
        {
            Log.RestoreIgnored(_log, Name, $"it was runner {previous.Runner}'s");
            return false;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(previous.RunnerState);
            Runner.BeginRestore(doc.RootElement);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            Log.RestoreIgnored(_log, Name, e.Message);
            return false;
        }
    }

    /// <summary>
    /// The previous daemon's record of a port, when it is the same interface (same ifindex) and still looks
    /// enslaved: its state from before teamfw, which a later release restores. Otherwise null, with the reason
    /// logged, and the port's state now is recorded as its original.
    /// </summary>
    private PortSnapshot? TakeBackPort(string port, int ifIndex)
    {
        PortRecord? r = _ctx.State.TakePort(port);
        if (r is null)
        {
            return null;
        }

        string? why = r.Original.IfIndex != ifIndex
            ? $"it was ifindex {r.Original.IfIndex}, {port} is now ifindex {ifIndex} (the interface was made again)"
            : PortSetup.WhyNotEnslaved(r.Original) is string w ? w + ": it was changed since; its state now counts as original" : null;
        if (why is not null)
        {
            Log.PortRecordDropped(_log, port, why);
            return null;
        }

        Log.PortTakenBack(_log, Name, port);
        return r.Original;
    }

    /// <summary>Writes the runner's state to the state file when it changed (lacp: a port's partner, state or
    /// aggregator; activebackup: the active port). Not while the team is starting: until every port is back,
    /// the previous daemon's state is the one a crash must not lose.</summary>
    private void SaveRunnerState()
    {
        if (_starting || _record is null)
        {
            return;
        }

        long stamp = Runner.StateStamp(this);
        if (stamp == _runnerStamp)
        {
            return;
        }

        _runnerStamp = stamp;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            Runner.SaveState(this, w);
        }

        _record = _record with { RunnerState = System.Text.Encoding.UTF8.GetString(ms.ToArray()) };
        TryState("runner state", () => _ctx.State.PutTeam(_record));
    }

    /// <summary>A state file write that must not stop what is going on (a release, the runner): a failure is logged.</summary>
    private void TryState(string what, Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            Log.StateWriteFailed(_log, $"{Name}: {what}", e.Message);
        }
    }

    /// <summary>
    /// Stops the team. <paramref name="keep"/> (SIGUSR2, -N, or a failed start of a team taken back) leaves the
    /// device (no carrier while no daemon serves it), every port as it is, and the state file entries, for the
    /// next daemon; and sends nothing, so LACP partners keep us in sync until it comes. Otherwise every port is
    /// restored and the device removed.
    /// </summary>
    public void Release(bool keep)
    {
        _dataPlane?.StopThreads();
        if (keep)
        {
            SaveRunnerState();
            foreach (Port p in _ports.ToArray())
            {
                DetachPort(p);
            }
        }
        else
        {
            foreach (Port p in _ports.ToArray())
            {
                RemovePort(p, "team shutting down");
            }
        }

        _dataPlane?.Dispose();
        _dataPlane = null;
        if (Device is not null)
        {
            Device.Release(keep);
            Device = null;
            if (keep)
            {
                Log.TeamKept(_log, Name);
            }
            else
            {
                TryState("team removed", () => _ctx.State.RemoveTeam(Name));
                Log.TeamDown(_log, Name);
            }
        }
    }

    /// <summary>Lets go of a port without touching it: no restore, no last LACPDU, its state file entry kept.</summary>
    private void DetachPort(Port port)
    {
        _ports.Remove(port);
        _feed.PortRemoved(port);
        port.Enabled = false;
        UnhookPort(port);
        PublishPorts();
        FreeSocket(port);
    }

    /// <summary>Whether the port has <paramref name="mac"/> now (a port taken back may still have the team's).</summary>
    private bool CurrentMacIs(string port, byte[] mac)
    {
        try
        {
            return _ctx.Net.GetHwAddr(port).AsSpan().SequenceEqual(mac);
        }
        catch (ErrnoException)
        {
            return false;
        }
    }

    /// <summary>only_active after a restart: a port that is not the active one gets its own MAC back (it may
    /// have been the active port of the previous daemon).</summary>
    private void FixOnlyActiveMacs()
    {
        if (HwAddrPolicy != "only_active")
        {
            return;
        }

        foreach (Port p in _ports)
        {
            if (!ReferenceEquals(p, _active) && CurrentMac(p).AsSpan().SequenceEqual(Mac))
            {
                try
                {
                    _ctx.Net.SetHwAddr(p.Name, p.Original.HwAddr);
                }
                catch (ErrnoException e)
                {
                    Log.HwAddrFailed(_log, Name, "only_active", e.Message);
                }
            }
        }
    }
}
