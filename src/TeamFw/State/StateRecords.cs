// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Ports;

namespace TeamFw.State;

/// <summary>
/// A team device as the state file records it: enough for the next daemon to find the same device
/// again (name, ifindex, backend) and to tell whether the configuration changed since (the config's
/// MTU and hwaddr when the device was made), plus what the runner saved to resume.
/// </summary>
/// <param name="RunnerState">The runner's own JSON value (lacp: actor and partner per port, the selected
/// aggregator; activebackup: the active port), or null.</param>
public sealed record TeamRecord(string Device, int IfIndex, string Backend, int ConfigMtu, string? ConfigHwAddr, string Runner, string? RunnerState);

/// <summary>A port taken over by a team, with everything it had before the first daemon took it.</summary>
public sealed record PortRecord(string Team, PortSnapshot Original)
{
    public string Name => Original.Name;
}

/// <summary>Where a state file was written. A file is trusted only on the same boot (ifindexes start
/// again at every boot) and in the same network namespace (ifindexes are per namespace).</summary>
public sealed record StateOrigin(string BootId, string NetNs, int Pid);

/// <summary>The whole content of a state file.</summary>
public sealed record SavedState(StateOrigin Origin, IReadOnlyList<TeamRecord> Teams, IReadOnlyList<PortRecord> Ports);
