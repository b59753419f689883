// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Uci;

/// <summary>
/// One enabled <c>config team</c> section as a teamd config: <see cref="Json"/> for the config loader,
/// <see cref="Source"/> for its messages (<c>/etc/config/teamfw (teamfw.team0)</c>), the ports for procd's
/// <c>netdev</c> list, and what the translation could not carry over.
/// </summary>
public sealed record UciTeam(string Device, string Source, string Json, IReadOnlyList<string> Ports, IReadOnlyList<string> Warnings);
