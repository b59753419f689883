// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.LinkWatch;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    private static readonly LinkWatchConfig s_watchDefaults = new();

    /// <summary>No link_watch at all means one ethtool watcher, as in teamd.</summary>
    private static readonly ValueList<LinkWatchConfig> s_defaultLinkWatch = new([s_watchDefaults]);

    // Keys each watcher reads (teamd_lw_ethtool.c, teamd_lw_psr.c + _arp_ping.c / _nsna_ping.c).
    private static readonly string[] s_ethtoolKeys = ["delay_up", "delay_down"];
    private static readonly string[] s_pingKeys = ["interval", "init_wait", "missed_max", "target_host"];
    private static readonly string[] s_arpOnlyKeys = ["source_host", "validate_active", "validate_inactive", "send_always", "vlanid"];

    /// <summary>link_watch is one watcher object or an array of them; null when the key is absent.</summary>
    private static ValueList<LinkWatchConfig>? ReadLinkWatches(ObjectReader parent)
    {
        if (!parent.TryTake("link_watch", out JsonElement e))
        {
            return null;
        }

        string path = parent.PathOf("link_watch");
        ConfigContext ctx = parent.Context;
        if (e.ValueKind == JsonValueKind.Object)
        {
            return new ValueList<LinkWatchConfig>([ReadLinkWatch(ctx, e, path)]);
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            ctx.Fail(path, $"expected an object or an array of objects, got {JsonPaths.Describe(e.ValueKind)}");
        }

        int count = e.GetArrayLength();
        if (count == 0)
        {
            ctx.Fail(path, "empty array (expected at least one link watcher)");
        }

        var watches = new LinkWatchConfig[count];
        for (int i = 0; i < count; i++)
        {
            watches[i] = ReadLinkWatch(ctx, e[i], JsonPaths.Index(path, i));
        }

        return new ValueList<LinkWatchConfig>(watches);
    }

    private static LinkWatchConfig ReadLinkWatch(ConfigContext ctx, JsonElement e, string path)
    {
        ObjectReader w = ObjectReader.Open(ctx, e, path);
        string namePath = w.PathOf("name");
        if (!w.TryTake("name", out JsonElement nameElement))
        {
            ctx.Fail(namePath, "required key is missing");
        }

        if (nameElement.ValueKind == JsonValueKind.String && nameElement.ValueEquals("tipc"))
        {
            ctx.Fail(namePath, "link watcher \"tipc\" is not supported by teamfw");
        }

        string name = JsonValues.Choice(ctx, nameElement, namePath, "link watcher", LinkWatchRegistry.Names);
        WatchDescriptor desc = LinkWatchRegistry.Find(name)!;
        WatchKeys keys = desc.Keys;
        string reason = $"not used by the {name} link watcher, ignored";
        if (!keys.HasFlag(WatchKeys.Delay))
        {
            IgnoreAll(w, s_ethtoolKeys, reason);
        }

        if (!keys.HasFlag(WatchKeys.Ping))
        {
            IgnoreAll(w, s_pingKeys, reason);
        }

        if (!keys.HasFlag(WatchKeys.Arp))
        {
            IgnoreAll(w, s_arpOnlyKeys, reason);
        }

        LinkWatchConfig d = s_watchDefaults;
        LinkWatchConfig watch = d with { Name = name };
        if (keys.HasFlag(WatchKeys.Delay))
        {
            watch = watch with
            {
                DelayUp = w.Int("delay_up", d.DelayUp, 0, int.MaxValue),
                DelayDown = w.Int("delay_down", d.DelayDown, 0, int.MaxValue),
            };
        }
        if (keys.HasFlag(WatchKeys.Ping))
        {
            watch = watch with
            {
                Interval = w.Int("interval", d.Interval, 1, int.MaxValue),
                InitWait = w.Int("init_wait", d.InitWait, 0, int.MaxValue),
                MissedMax = w.Int("missed_max", d.MissedMax, 1, int.MaxValue),
                TargetHost = ReadHost(w, "target_host", desc.HostFamily, required: true),
            };
        }
        if (keys.HasFlag(WatchKeys.Arp))
        {
            watch = watch with
            {
                SourceHost = ReadHost(w, "source_host", desc.HostFamily, required: false),
                ValidateActive = w.Bool("validate_active", d.ValidateActive),
                ValidateInactive = w.Bool("validate_inactive", d.ValidateInactive),
                SendAlways = w.Bool("send_always", d.SendAlways),
                VlanId = w.OptionalInt("vlanid", 0, 4095),
            };
        }
        w.WarnUnknown();
        return watch;
    }
}
