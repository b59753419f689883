// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.IO;
using TeamFw.Logging;
using TeamFw.Ports;
using TeamFw.State;

namespace TeamFw.Daemon;

/// <summary>
/// The state file at start (README, "Crashes and restarts"): what the previous daemon on this control
/// socket left is read once the socket's lock is ours; the teams then take back what they are configured
/// for; what nobody took back is undone (a port restored to its state before teamfw, a team device
/// removed), so a team dropped from the config while no daemon ran leaves nothing behind.
/// </summary>
public sealed partial class TeamDaemon
{
    private string? _statePath;

    /// <summary>The state file's path (next to the control socket).</summary>
    public string? StatePath => _statePath;

    private DaemonState OpenState()
    {
        string path = _statePath ?? StateFile.PathFor(ControlSocketPath);
        _statePath = path;
        StateOrigin here = StateFile.Here();
        SavedState? previous = StateFile.Load(path, here, w => Log.StateIgnored(_log, w));
        if (previous is not null && (previous.Teams.Count > 0 || previous.Ports.Count > 0))
        {
            Log.StateFound(_log, path, previous.Origin.Pid, previous.Teams.Count, previous.Ports.Count);
        }

        return new DaemonState(path, here, previous);
    }

    private void SettleLeftovers()
    {
        DaemonState state = _ctx!.State;
        foreach (PortRecord p in state.LeftoverPorts)
        {
            PortSnapshot o = p.Original;
            int now = _ctx.Net.TryGetIndex(o.Name);
            string what = now == 0 ? "gone"
                : now != o.IfIndex ? $"now ifindex {now}, not {o.IfIndex} (made again); left alone"
                : PortSetup.WhyNotEnslaved(o) is string why ? why + ": changed since; left alone"
                : _ctx.Setup.Restore(o) ? "restored to its state before teamfw"
                : "restored in part (see above)";
            Log.LeftoverPort(_log, o.Name, what);
            TryState(() => state.RemovePort(o.Name));
        }

        foreach (TeamRecord t in state.LeftoverTeams)
        {
            string? why = _ctx.Devices.Remove(t);
            Log.LeftoverTeam(_log, t.Device, why ?? "removed");
            TryState(() => state.RemoveTeam(t.Device));
        }
    }

    private void TryState(System.Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            Log.StateWriteFailed(_log, "leftovers", e.Message);
        }
    }
}
