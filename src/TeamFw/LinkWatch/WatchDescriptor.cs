// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Net.Sockets;
using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;

namespace TeamFw.LinkWatch;

/// <summary>
/// Everything the rest of teamfw knows about one link watcher, declared next to it: its teamd name, how to
/// make one, which link_watch keys it reads (and so dumps), the address family of its target_host, whether
/// it drives its port's user_linkup, and how teamdctl's <c>state view</c> shows its own state.
/// </summary>
public sealed record WatchDescriptor(string Name, WatchKeys Keys, Func<LinkWatchConfig, IWatchHost, LinkWatcher> Create)
{
    /// <summary>The family of target_host (and source_host) for a watcher with <see cref="WatchKeys.Ping"/>.</summary>
    public AddressFamily HostFamily { get; init; } = AddressFamily.Unspecified;

    /// <summary>teamd's watcher sets user_linkup_enabled on its port and writes user_linkup (teamd_lw_psr.c);
    /// the option registry shows the same for the ports it watches.</summary>
    public bool DrivesUserLinkup { get; init; }

    /// <summary>teamdctl's rendering of the watcher's own items (after name, link and down count), or null.</summary>
    public Action<StateViewLines, JsonElement>? View { get; init; }
}
