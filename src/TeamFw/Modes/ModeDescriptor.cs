// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control.Options;

namespace TeamFw.Modes;

/// <summary>
/// Everything the rest of teamfw knows about one kernel team mode, declared next to it: its kind name (the
/// "mode" option's value), how to make one, and the options it registers while it is the team's mode
/// (drivers/net/team/team_mode_activebackup.c's activeport, team_mode_loadbalance.c's lb_* options).
/// </summary>
public sealed record ModeDescriptor(string Name, Func<ITeamMode> Create, IReadOnlyList<OptionDescriptor> Options);
