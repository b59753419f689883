// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Control.Options;
using TeamFw.Modes;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// Runs the team mode's timer (<see cref="ITeamMode.OnTimer"/>) when it is due, showing the mode the team's
/// ports and their transmitted bytes; the option instances the mode reports changed are marked in the control
/// state and announced as one change event (the kernel's team_options_change_check).
/// </summary>
internal sealed class ModeTimer : IModeTeam
{
    private readonly PortSet _ports;
    private TeamControlState? _control;
    private bool _changed;

    public ModeTimer(PortSet ports) => _ports = ports;

    public int PortCount => _ports.Count;

    public void Run(ITeamMode mode, long now, TeamControlState? control)
    {
        if (now < mode.NextDeadline)
        {
            return;
        }

        _control = control;
        _changed = false;
        mode.OnTimer(now, this);
        _control = null;
        if (_changed)
        {
            control!.ChangeCheck();
        }
    }

    public (int IfIndex, ulong TxBytes) PortTx(int index)
    {
        Port p = _ports[index];
        return (p.IfIndex, p.Counters.Read().TxBytes);
    }

    public void OptionChanged(string optionName, int arrayIndex)
    {
        if (_control is not null)
        {
            _control.MarkChanged(optionName, arrayIndex: arrayIndex);
            _changed = true;
        }
    }

    public void PortOptionChanged(string optionName, int ifIndex)
    {
        if (_control?.FindPort(ifIndex) is { } rec)
        {
            _control.MarkChanged(optionName, rec);
            _changed = true;
        }
    }
}
