// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;

namespace TeamFw.Control.Options;

/// <summary>
/// What option setters may do to a team: the effects the kernel's setters have on a team device,
/// implemented by the daemon's Team (and by test fakes). Rules (errno, ranges) live in the
/// descriptors, not here.
/// </summary>
public interface ITeamOptionTarget
{
    string Name { get; }

    int IfIndex { get; }

    /// <summary>The kernel mode kind.</summary>
    string ModeName { get; }

    /// <summary>The mode object (mode options reach their state through it).</summary>
    ITeamMode? Mode { get; }

    int PortCount { get; }

    bool IsModeAvailable(string mode);

    /// <summary>Switches the mode (called with no ports).</summary>
    ControlError ChangeMode(string mode);

    bool PortEnabled(PortRecord port);

    /// <summary>Puts the port in or out of the enabled list and publishes the data-path view.</summary>
    void SetPortEnabled(PortRecord port, bool enabled);

    /// <summary>user_linkup or user_linkup_enabled changed: the port's link verdict follows.</summary>
    void UserLinkupChanged(PortRecord port);

    /// <summary>priority changed (teamd's activebackup reselects on this).</summary>
    void PriorityChanged(PortRecord port);

    /// <summary>activebackup's active port ifindex, 0 for none.</summary>
    uint ActivePortIfIndex { get; }

    void SetActivePort(PortRecord port);
}
