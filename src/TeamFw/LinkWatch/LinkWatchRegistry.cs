// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;

namespace TeamFw.LinkWatch;

/// <summary>The link watchers, as a static table (teamd's teamd_link_watch_list): a new watcher is its file
/// plus one line here.</summary>
public static class LinkWatchRegistry
{
    private static readonly WatchDescriptor[] s_watchers =
    [
        EthtoolWatcher.Descriptor,
        ArpPingWatcher.Descriptor,
        NsnaPingWatcher.Descriptor,
    ];

    private static readonly string[] s_names = Array.ConvertAll(s_watchers, d => d.Name);

    public static IReadOnlyList<WatchDescriptor> All => s_watchers;

    /// <summary>The watcher names, for the config loader's choice and its messages.</summary>
    public static string[] Names => s_names;

    /// <summary>teamd's watcher when the config names none.</summary>
    public static WatchDescriptor Default => EthtoolWatcher.Descriptor;

    public static WatchDescriptor? Find(string name) => Array.Find(s_watchers, d => d.Name == name);

    public static LinkWatcher? Create(LinkWatchConfig config, IWatchHost host) => Find(config.Name)?.Create(config, host);
}
