// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Config;

namespace TeamFw.LinkWatch;

/// <summary>The link watchers, as a static table (teamd's teamd_link_watch_list).</summary>
public static class LinkWatchRegistry
{
    private sealed record WatchDescriptor(string Name, Func<LinkWatchConfig, IWatchHost, LinkWatcher> Create);

    private static readonly WatchDescriptor[] s_watchers =
    [
        new("ethtool", static (c, h) => new EthtoolWatcher(c, h)),
        new("arp_ping", static (c, h) => new ArpPingWatcher(c, h)),
        new("nsna_ping", static (c, h) => new NsnaPingWatcher(c, h)),
    ];

    public static LinkWatcher? Create(LinkWatchConfig config, IWatchHost host)
    {
        foreach (WatchDescriptor d in s_watchers)
        {
            if (d.Name == config.Name)
            {
                return d.Create(config, host);
            }
        }

        return null;
    }
}
