// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Control.Options;

namespace TeamFw.Modes;

/// <summary>activebackup: transmit only on the active port; frames on other ports do not reach the team.</summary>
public sealed class ActiveBackupMode : ITeamMode
{
    public static readonly ModeDescriptor Descriptor = new("activebackup", static () => new ActiveBackupMode(), [ModeOptions.ActivePort]);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => false;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0)
    {
        IPort? active = view.Active;
        return active is not null && active.Txable ? active : null;
    }

    public bool AcceptRx(IPort port, TeamView view) => ReferenceEquals(port, view.Active);
}
