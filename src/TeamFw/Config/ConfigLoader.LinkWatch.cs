// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Net.Sockets;
using System.Text.Json;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    internal static readonly string[] LinkWatcherNames = ["ethtool", "arp_ping", "nsna_ping"];

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
            return null;
        string path = parent.PathOf("link_watch");
        ConfigContext ctx = parent.Context;
        if (e.ValueKind == JsonValueKind.Object)
            return new ValueList<LinkWatchConfig>([ReadLinkWatch(ctx, e, path)]);
        if (e.ValueKind != JsonValueKind.Array)
            ctx.Fail(path, $"expected an object or an array of objects, got {JsonPaths.Describe(e.ValueKind)}");
        int count = e.GetArrayLength();
        if (count == 0)
            ctx.Fail(path, "empty array (expected at least one link watcher)");
        var watches = new LinkWatchConfig[count];
        for (int i = 0; i < count; i++)
            watches[i] = ReadLinkWatch(ctx, e[i], JsonPaths.Index(path, i));
        return new ValueList<LinkWatchConfig>(watches);
    }

    private static LinkWatchConfig ReadLinkWatch(ConfigContext ctx, JsonElement e, string path)
    {
        ObjectReader w = ObjectReader.Open(ctx, e, path);
        string namePath = w.PathOf("name");
        if (!w.TryTake("name", out JsonElement nameElement))
            ctx.Fail(namePath, "required key is missing");
        if (nameElement.ValueKind == JsonValueKind.String && nameElement.ValueEquals("tipc"))
            ctx.Fail(namePath, "link watcher \"tipc\" is not supported by teamfw");
        string name = JsonValues.Choice(ctx, nameElement, namePath, "link watcher", LinkWatcherNames);
        LinkWatchConfig d = s_watchDefaults;
        LinkWatchConfig watch = name switch
        {
            "ethtool" => Ignoring(w, name, s_pingKeys, s_arpOnlyKeys) with
            {
                Name = name,
                DelayUp = w.Int("delay_up", d.DelayUp, 0, int.MaxValue),
                DelayDown = w.Int("delay_down", d.DelayDown, 0, int.MaxValue),
            },
            "arp_ping" => ReadPing(w, name, AddressFamily.InterNetwork, s_ethtoolKeys) with
            {
                SourceHost = ReadHost(w, "source_host", AddressFamily.InterNetwork, required: false),
                ValidateActive = w.Bool("validate_active", d.ValidateActive),
                ValidateInactive = w.Bool("validate_inactive", d.ValidateInactive),
                SendAlways = w.Bool("send_always", d.SendAlways),
                VlanId = w.OptionalInt("vlanid", 0, 4095),
            },
            _ => ReadPing(w, name, AddressFamily.InterNetworkV6, s_ethtoolKeys, s_arpOnlyKeys),
        };
        w.WarnUnknown();
        return watch;
    }

    /// <summary>The keys arp_ping and nsna_ping share (teamd_lw_psr.c).</summary>
    private static LinkWatchConfig ReadPing(ObjectReader w, string name, AddressFamily family, params string[][] otherKeys)
    {
        LinkWatchConfig d = Ignoring(w, name, otherKeys);
        return d with
        {
            Name = name,
            Interval = w.Int("interval", d.Interval, 1, int.MaxValue),
            InitWait = w.Int("init_wait", d.InitWait, 0, int.MaxValue),
            MissedMax = w.Int("missed_max", d.MissedMax, 1, int.MaxValue),
            TargetHost = ReadHost(w, "target_host", family, required: true),
        };
    }

    /// <summary>Keys of other watchers are ignored with a warning that says so; returns the defaults.</summary>
    private static LinkWatchConfig Ignoring(ObjectReader w, string name, params string[][] otherKeys)
    {
        string reason = $"not used by the {name} link watcher, ignored";
        foreach (string[] keys in otherKeys)
            IgnoreAll(w, keys, reason);
        return s_watchDefaults;
    }
}
