// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Modes;

/// <summary>What a mode's timer (<see cref="ITeamMode.OnTimer"/>) sees of its team, and how it reports the
/// option instances whose value it changed (the team announces them as one change event).</summary>
public interface IModeTeam
{
    int PortCount { get; }

    /// <summary>Port <paramref name="index"/>'s ifindex and the bytes it has transmitted so far.</summary>
    (int IfIndex, ulong TxBytes) PortTx(int index);

    /// <summary>Array option <paramref name="optionName"/>'s instance <paramref name="arrayIndex"/> changed.</summary>
    void OptionChanged(string optionName, int arrayIndex);

    /// <summary>Per-port option <paramref name="optionName"/>'s instance for port <paramref name="ifIndex"/> changed.</summary>
    void PortOptionChanged(string optionName, int ifIndex);
}
