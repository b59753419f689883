// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TeamFw.LinkWatch;
using TeamFw.Runners;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    /// <summary>
    /// The effective config as teamd JSON, for <c>teamdctl DEV config dump [noports]</c>:
    /// indented by 4 like teamd's json_dumps(JSON_INDENT(4)); keys in teamd's order; every value
    /// explicit, so <c>Load(Dump(c))</c> gives back the same settings.
    /// </summary>
    public static string Dump(TeamConfig c, bool includePorts) => Dump(c, includePorts, indented: true);

    /// <summary>As <see cref="Dump(TeamConfig, bool)"/>; <paramref name="indented"/> false gives one line (<c>teamdctl -o</c>).</summary>
    public static string Dump(TeamConfig c, bool includePorts, bool indented)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Write(indented, w =>
        {
            w.WriteStartObject();
            w.WriteString("device", c.Device);
            if (c.HwAddr is { } mac)
            {
                w.WriteString("hwaddr", FormatMac(mac));
            }

            w.WriteNumber("debug_level", c.DebugLevel);
            WriteRunner(w, c.Runner);
            WriteLinkWatches(w, c.LinkWatch);
            w.WriteString("link_watch_policy", c.LinkWatchPolicy);
            WriteNotify(w, "notify_peers", c.NotifyPeers);
            WriteNotify(w, "mcast_rejoin", c.McastRejoin);
            if (includePorts)
            {
                w.WriteStartObject("ports");
                foreach (PortConfig p in c.Ports)
                {
                    w.WritePropertyName(p.Name);
                    WritePort(w, p);
                }
                w.WriteEndObject();
            }
            WriteTeamFw(w, c.TeamFw);
            w.WriteEndObject();
        });
    }

    /// <summary>One port's object, for <c>teamdctl DEV port config dump IF</c>.</summary>
    public static string DumpPort(PortConfig port, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(port);
        return Write(indented, w => WritePort(w, port));
    }

    private static string Write(bool indented, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            IndentSize = 4,
            NewLine = "\n",
            // Names and hosts are ASCII in practice; do not turn '+' or '\'' into \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            body(w);
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteRunner(Utf8JsonWriter w, RunnerConfig r)
    {
        w.WriteStartObject("runner");
        w.WriteString("name", r.Name);
        // Only the keys the runner reads, as ReadRunner ignores the others.
        RunnerKeys keys = RunnerRegistry.Find(r.Name)?.Keys ?? RunnerKeys.None;
        if (keys.HasFlag(RunnerKeys.HwAddrPolicy))
        {
            w.WriteString("hwaddr_policy", r.HwAddrPolicy);
        }

        if (keys.HasFlag(RunnerKeys.Lacp))
        {
            w.WriteBoolean("active", r.Active);
            w.WriteBoolean("fast_rate", r.FastRate);
            w.WriteNumber("sys_prio", r.SysPrio);
            w.WriteNumber("min_ports", r.MinPorts);
            w.WriteString("agg_select_policy", r.AggSelectPolicy);
        }
        if (keys.HasFlag(RunnerKeys.TxHash))
        {
            w.WriteStartArray("tx_hash");
            foreach (string field in r.TxHash)
            {
                w.WriteStringValue(field);
            }

            w.WriteEndArray();
            if (r.TxBalancerName is not null || r.TxBalancerInterval != s_runnerDefaults.TxBalancerInterval)
            {
                w.WriteStartObject("tx_balancer");
                if (r.TxBalancerName is not null)
                {
                    w.WriteString("name", r.TxBalancerName);
                }

                w.WriteNumber("balancing_interval", r.TxBalancerInterval);
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>One watcher as an object (teamd's usual spelling), several as an array.</summary>
    private static void WriteLinkWatches(Utf8JsonWriter w, IReadOnlyList<LinkWatchConfig> watches)
    {
        w.WritePropertyName("link_watch");
        if (watches.Count == 1)
        {
            WriteLinkWatch(w, watches[0]);
            return;
        }
        w.WriteStartArray();
        foreach (LinkWatchConfig watch in watches)
        {
            WriteLinkWatch(w, watch);
        }

        w.WriteEndArray();
    }

    private static void WriteLinkWatch(Utf8JsonWriter w, LinkWatchConfig lw)
    {
        w.WriteStartObject();
        w.WriteString("name", lw.Name);
        WatchKeys keys = LinkWatchRegistry.Find(lw.Name)?.Keys ?? WatchKeys.None;
        if (keys.HasFlag(WatchKeys.Delay))
        {
            w.WriteNumber("delay_up", lw.DelayUp);
            w.WriteNumber("delay_down", lw.DelayDown);
        }
        if (keys.HasFlag(WatchKeys.Ping))
        {
            w.WriteNumber("interval", lw.Interval);
            w.WriteNumber("init_wait", lw.InitWait);
            w.WriteNumber("missed_max", lw.MissedMax);
            if (lw.SourceHost is not null)
            {
                w.WriteString("source_host", lw.SourceHost);
            }

            if (lw.TargetHost is not null)
            {
                w.WriteString("target_host", lw.TargetHost);
            }
        }
        if (keys.HasFlag(WatchKeys.Arp))
        {
            w.WriteBoolean("validate_active", lw.ValidateActive);
            w.WriteBoolean("validate_inactive", lw.ValidateInactive);
            w.WriteBoolean("send_always", lw.SendAlways);
            if (lw.VlanId is { } vlan)
            {
                w.WriteNumber("vlanid", vlan);
            }
        }
        w.WriteEndObject();
    }

    private static void WriteNotify(Utf8JsonWriter w, string key, NotifyConfig n)
    {
        w.WriteStartObject(key);
        if (n.Count is { } count)
        {
            w.WriteNumber("count", count);
        }

        w.WriteNumber("interval", n.Interval);
        w.WriteEndObject();
    }

    private static void WritePort(Utf8JsonWriter w, PortConfig p)
    {
        w.WriteStartObject();
        w.WriteNumber("prio", p.Prio);
        w.WriteBoolean("sticky", p.Sticky);
        w.WriteNumber("queue_id", p.QueueId);
        w.WriteNumber("lacp_prio", p.LacpPrio);
        w.WriteNumber("lacp_key", p.LacpKey);
        if (p.LinkWatch is not null)
        {
            WriteLinkWatches(w, p.LinkWatch);
        }

        w.WriteEndObject();
    }

    private static void WriteTeamFw(Utf8JsonWriter w, TeamFwSettings t)
    {
        w.WriteStartObject("teamfw");
        w.WriteStartObject("rx_ring");
        w.WriteNumber("block_size", t.RxBlockSize);
        w.WriteNumber("block_count", t.RxBlockCount);
        w.WriteEndObject();
        w.WriteString("tx_method", t.TxMethod);
        if (t.TxMethod == TeamFwSettings.TxRing)
        {
            w.WriteStartObject("tx_ring");
            w.WriteNumber("block_size", t.TxBlockSize);
            w.WriteNumber("block_count", t.TxBlockCount);
            w.WriteEndObject();
        }

        w.WriteNumber("workers", t.Workers);
        w.WriteBoolean("rx_fanout", t.RxFanout);
        w.WriteNumber("tx_workers", t.TxWorkers);
        w.WriteBoolean("offload", t.Offload);
        w.WriteNumber("mtu", t.Mtu);
        w.WriteNumber("carrier_poll_ms", t.CarrierPollMs);
        w.WriteString("device", t.Device);
        w.WriteBoolean("qdisc_bypass", t.QdiscBypass);
        w.WriteEndObject();
    }
}
