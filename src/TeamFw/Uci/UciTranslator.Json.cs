// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TeamFw.Uci;

public static partial class UciTranslator
{
    /// <summary>Writes one team's teamd JSON, reading each option once (so what is left over was not understood).</summary>
#pragma warning disable CA1001 // _w lives inside WriteAll's using
    private sealed class TeamJson(SectionContext ctx, string device, string runner, List<string> ports)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private Utf8JsonWriter? _w;

        public string ToJson() => Encoding.UTF8.GetString(_buffer.WrittenSpan);

        public void WriteAll()
        {
            using (_w = new Utf8JsonWriter(_buffer))
            {
                _w.WriteStartObject();
                _w.WriteString("device", device);
                if (ctx.String("macaddr") is string mac)
                {
                    _w.WriteString("hwaddr", mac); // the config loader checks it
                }

                WriteRunner();
                WriteLinkWatch();
                WriteCount("notify_peers", "num_peer_notif");
                WriteCount("mcast_rejoin", "resend_igmp");
                WritePorts();
                if (ctx.Int("mtu", 68, 65535, "bytes") is int mtu)
                {
                    _w.WriteStartObject("teamfw");
                    _w.WriteNumber("mtu", mtu);
                    _w.WriteEndObject();
                }

                _w.WriteEndObject();
            }

            ctx.Option("enabled");
            foreach (UciOption o in ctx.Unread())
            {
                if (Array.IndexOf(s_untranslated, o.Name) >= 0)
                {
                    ctx.Warn(o, "netifd bonding option with no teamd equivalent, ignored");
                }
                else if (NetifdName(o.Name) is string name)
                {
                    ctx.Warn(o, $"unknown option, ignored (the proto-bonding name; teamfw reads \"{name}\")");
                }
                else
                {
                    ctx.Warn(o, "unknown option, ignored");
                }
            }
        }

        private Utf8JsonWriter W => _w!;

        private void WriteRunner()
        {
            W.WriteStartObject("runner");
            W.WriteString("name", runner);
            bool lacp = runner == "lacp";
            if (Only("lacp_rate", lacp, "802.3ad (lacp)") is UciOption rate)
            {
                W.WriteBoolean("fast_rate", rate.Values[0] switch
                {
                    "fast" or "1" => true,
                    "slow" or "0" => false,
                    _ => ctx.Fail<bool>(rate, $"unknown lacp_rate \"{rate.Values[0]}\" (slow, fast)"),
                });
            }

            if (Only("min_links", lacp, "802.3ad (lacp)") is not null)
            {
                // bonding's 0 (no minimum) is teamd's 1.
                W.WriteNumber("min_ports", Math.Max(1, ctx.Int("min_links", 0, 1024, "ports")!.Value));
            }

            if (Only("ad_actor_sys_prio", lacp, "802.3ad (lacp)") is not null)
            {
                W.WriteNumber("sys_prio", ctx.Int("ad_actor_sys_prio", 1, 65535, "(priority)")!.Value);
            }

            if (Only("xmit_hash_policy", lacp || runner == "loadbalance", "balance-xor (loadbalance) and 802.3ad (lacp)") is UciOption hash)
            {
                string[] fields = HashPolicyToTxHash(hash.Values[0]) ?? ctx.Fail<string[]>(hash, HashPolicyError(hash.Values[0]));
                W.WriteStartArray("tx_hash");
                foreach (string f in fields)
                {
                    W.WriteStringValue(f);
                }

                W.WriteEndArray();
            }

            W.WriteEndObject();
        }

        /// <summary>
        /// mii: teamd's ethtool watcher, event-driven (monitor_interval has nothing to set; updelay and
        /// downdelay become delay_up and delay_down). arp: one arp_ping watcher per arp_target, with
        /// monitor_interval as its interval; arp_all_targets picks the policy over them.
        /// </summary>
        private void WriteLinkWatch()
        {
            UciOption? modeOption = ctx.Option("monitor_mode");
            string mode = ctx.String("monitor_mode") ?? "mii";
            bool arp = mode switch
            {
                "mii" or "ethtool" => false,
                "arp" or "arp_ping" => true,
                _ => ctx.Fail<bool>(modeOption!, $"unknown monitor_mode \"{mode}\" (mii, arp)"),
            };
            int? interval = ctx.Int("monitor_interval", 0, int.MaxValue, "milliseconds");
            if (!arp)
            {
                W.WriteStartObject("link_watch");
                W.WriteString("name", "ethtool");
                if (ctx.Int("updelay", 0, int.MaxValue, "milliseconds") is int up)
                {
                    W.WriteNumber("delay_up", up);
                }

                if (ctx.Int("downdelay", 0, int.MaxValue, "milliseconds") is int down)
                {
                    W.WriteNumber("delay_down", down);
                }

                W.WriteEndObject();
                foreach (string name in new[] { "arp_target", "arp_validate", "arp_all_targets" })
                {
                    Only(name, false, "monitor_mode 'arp'");
                }

                return;
            }

            foreach (string name in new[] { "updelay", "downdelay" })
            {
                Only(name, false, "monitor_mode 'mii'");
            }

            if (interval == 0)
            {
                ctx.Fail(ctx.Option("monitor_interval")!, "ARP monitoring needs an interval of at least 1 millisecond");
            }

            List<string> targets = ctx.Words("arp_target");
            if (targets.Count == 0)
            {
                ctx.Fail(modeOption!, "monitor_mode 'arp' needs at least one arp_target (an IPv4 address)");
            }

            (bool active, bool inactive) = Validate();
            string policy = ctx.String("arp_all_targets") switch
            {
                null or "any" or "0" => "any",
                "all" or "1" => "all",
                string other => ctx.Fail<string>(ctx.Option("arp_all_targets")!, $"unknown arp_all_targets \"{other}\" (any, all)"),
            };
            W.WriteStartArray("link_watch");
            foreach (string target in targets)
            {
                if (!IPAddress.TryParse(target, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetwork || target.Split('.').Length != 4)
                {
                    ctx.Fail(ctx.Option("arp_target")!, $"\"{target}\" is not an IPv4 address");
                }

                W.WriteStartObject();
                W.WriteString("name", "arp_ping");
                W.WriteString("target_host", target);
                if (interval is int ms)
                {
                    W.WriteNumber("interval", ms);
                }

                if (active)
                {
                    W.WriteBoolean("validate_active", true);
                }

                if (inactive)
                {
                    W.WriteBoolean("validate_inactive", true);
                }

                W.WriteEndObject();
            }

            W.WriteEndArray();
            if (policy == "all")
            {
                W.WriteString("link_watch_policy", "all");
            }
        }

        /// <summary>arp_validate: which ports' ARP replies must be checked (bonding: none, active, backup, all).</summary>
        private (bool Active, bool Inactive) Validate()
        {
            string? v = ctx.String("arp_validate");
            return v switch
            {
                null or "none" or "0" => (false, false),
                "active" or "1" => (true, false),
                "backup" or "2" => (false, true),
                "all" or "3" => (true, true),
                _ => ctx.Fail<(bool, bool)>(ctx.Option("arp_validate")!, $"arp_validate \"{v}\" is not supported (none, active, backup, all)"),
            };
        }

        private void WriteCount(string key, string option)
        {
            if (ctx.Int(option, 0, 255, "rounds") is int n)
            {
                W.WriteStartObject(key);
                W.WriteNumber("count", n);
                W.WriteEndObject();
            }
        }

        /// <summary>primary becomes the only port with a priority (100), so activebackup prefers it while its link is up.</summary>
        private void WritePorts()
        {
            string? primary = null;
            if (Only("primary", runner == "activebackup", "active-backup (activebackup)") is not null)
            {
                primary = ctx.String("primary")!;
                if (!ports.Contains(primary))
                {
                    ctx.Fail(ctx.Option("primary")!, $"\"{primary}\" is not one of the ports ({string.Join(' ', ports)})");
                }
            }

            W.WriteStartObject("ports");
            foreach (string p in ports)
            {
                W.WriteStartObject(p);
                if (p == primary)
                {
                    W.WriteNumber("prio", 100);
                }

                W.WriteEndObject();
            }

            W.WriteEndObject();
        }

        /// <summary>An option that only means something for some policies or monitor modes: warned about and null elsewhere.</summary>
        private UciOption? Only(string name, bool applies, string where)
        {
            UciOption? o = ctx.Option(name);
            if (o is null)
            {
                return null;
            }

            if (!applies)
            {
                ctx.Warn(o, $"applies to {where} only, ignored");
                return null;
            }

            ctx.String(name); // one value, or the error that says so
            return o;
        }
    }
#pragma warning restore CA1001
}
