// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.LinkWatch;
using TeamFw.Native.Sockets;
using TeamFw.Packets;
using TeamFw.Ports;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>setup.daemonized and setup.pid_file of the state document, as teamd reports them: how the daemon was started.</summary>
public readonly record struct StateSetup(bool Daemonized, string PidFile);

/// <summary>
/// The teamdctl state document (JSON, teamdctl(8) "state dump"; libteam teamd/teamd_state.c) plus teamfw's
/// counters, and the daemon's own one-screen view of a team for the log (SIGUSR1). The document is what
/// clients read: teamdctl's <c>state view</c> renders it (Cli/Teamdctl/StateView), the lab parses it
/// (Lab/LabTeamState). What a runner or link watcher adds is written by the runner or watcher itself.
/// </summary>
public static partial class StateWriter
{
    public static string Json(Team team, StateSetup setup, bool indented = false)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteStartObject("setup");
            w.WriteString("runner_name", team.Runner.Name);
            w.WriteString("kernel_team_mode_name", team.Mode.Name);
            w.WriteBoolean("dbus_enabled", false);
            w.WriteBoolean("zmq_enabled", false);
            w.WriteNumber("debug_level", team.Config.DebugLevel);
            w.WriteBoolean("daemonized", setup.Daemonized);
            w.WriteNumber("pid", Posix.GetPid());
            w.WriteString("pid_file", setup.PidFile);
            w.WriteEndObject();

            w.WriteStartObject("team_device");
            w.WriteStartObject("ifinfo");
            w.WriteNumber("ifindex", team.IfIndex);
            w.WriteString("ifname", team.Name);
            w.WriteString("dev_addr", Mac.Format(team.Mac));
            w.WriteNumber("dev_addr_len", 6);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("ports");
            foreach (Port p in team.PortList)
            {
                WritePort(w, team, p);
            }

            w.WriteEndObject();

            // Only the runners with state of their own in teamd have a "runner" object there.
            if (team.Runner.Descriptor.HasActivePort)
            {
                w.WriteStartObject("runner");
                w.WriteString("active_port", team.ActivePort?.Name ?? string.Empty);
                w.WriteEndObject();
            }
            else
            {
                team.Runner.WriteState(w);
            }

            WriteTeamFw(w, team);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WritePort(Utf8JsonWriter w, Team team, Port p)
    {
        w.WriteStartObject(p.Name);
        w.WriteStartObject("ifinfo");
        w.WriteNumber("ifindex", p.IfIndex);
        w.WriteString("ifname", p.Name);
        w.WriteString("dev_addr", Mac.Format(team.CurrentMac(p)));
        w.WriteNumber("dev_addr_len", 6);
        w.WriteEndObject();
        // teamd shows the kernel's port state: speed and duplex are read while the link is up and 0
        // (0 Mb/s, "half") while it is down (team_port_change_check).
        w.WriteStartObject("link");
        w.WriteBoolean("up", p.CarrierUp);
        w.WriteNumber("speed", p.CarrierUp ? p.SpeedMbps : 0);
        w.WriteString("duplex", p.CarrierUp && p.Duplex == 1 ? "full" : "half");
        w.WriteEndObject();
        w.WriteStartObject("link_watches");
        w.WriteBoolean("up", p.LinkUp);
        w.WriteStartObject("list");
        for (int i = 0; i < p.Watchers.Count; i++)
        {
            LinkWatcher lw = p.Watchers[i];
            w.WriteStartObject("link_watch_" + i.ToString(CultureInfo.InvariantCulture));
            w.WriteString("name", lw.Name);
            w.WriteBoolean("up", lw.Up);
            w.WriteNumber("down_count", lw.DownCount);
            lw.WriteState(w);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        team.Runner.WritePortState(w, p);
        w.WriteEndObject();
    }

    /// <summary>
    /// What teamd's document does not have, in one "teamfw" object, so every path teamd has means what it
    /// means there (the kernel oracle compares them): the team's carrier, MTU, workers (and each transmit
    /// thread's frames) and counters, runner.* (activebackup's hwaddr_policy, lacp's min_ports and selected
    /// aggregator, the loadbalance hash and balancer) and ports.IF.* (enabled, prio, sticky, queue_id, counters,
    /// RX and TX rings, LACPDU counters).
    /// </summary>
    private static void WriteTeamFw(Utf8JsonWriter w, Team team)
    {
        w.WriteStartObject("teamfw");
        w.WriteBoolean("carrier", team.Carrier);
        w.WriteNumber("mtu", team.Mtu);
        w.WriteNumber("workers", team.Workers);
        w.WriteNumber("tx_workers", team.TxWorkers);
        w.WriteStartArray("tx_lane_packets"); // frames each transmit thread sent: how the kernel shares the host's flows out
        for (int lane = 0; lane < team.TxWorkers; lane++)
        {
            w.WriteNumberValue(team.Counters.ReadSlot(team.TxSlot(lane)).TxPackets);
        }

        w.WriteEndArray();
        w.WriteString("tx_method", team.Config.TeamFw.TxMethod);
        w.WriteNumber("datapath_allocated_bytes", team.DataPathAllocatedBytes);
        ulong hostTxDropped = team.HostTxDropped; // read once: stats.tx_dropped less host_tx_dropped is the daemon's own
        w.WriteNumber("host_tx_dropped", hostTxDropped);
        w.WriteNumber("host_ring_dropped", team.HostRingDropped); // the ring's part of that reading (veth backend)
        w.WriteString("team_device", team.Device?.Kind);
        WriteStats(w, "stats", team.StatsWith(hostTxDropped));
        w.WriteStartObject("runner");
        if (team.Runner.Descriptor.Keys.HasFlag(RunnerKeys.HwAddrPolicy))
        {
            w.WriteString("hwaddr_policy", team.HwAddrPolicy);
        }
        else
        {
            team.Runner.WriteTeamFwState(w);
        }

        team.Mode.WriteState(w);
        WriteTxBalancer(w, team);
        w.WriteEndObject();
        w.WriteStartObject("ports");
        foreach (Port p in team.PortList)
        {
            w.WriteStartObject(p.Name);
            w.WriteBoolean("enabled", p.Enabled);
            w.WriteNumber("prio", p.Prio);
            w.WriteBoolean("sticky", p.Sticky);
            w.WriteNumber("queue_id", p.Config.QueueId);
            WriteStats(w, "stats", p.Counters.Read());
            w.WriteStartObject("rx_ring");
            w.WriteNumber("packets", p.RingPackets);
            w.WriteNumber("drops", p.RingDrops);
            w.WriteEndObject();
            if (p.Socket.TxRing is { } ring)
            {
                w.WriteStartObject("tx_ring");
                w.WriteNumber("frames", ring.Capacity);
                w.WriteNumber("frame_size", ring.FrameSize);
                w.WriteNumber("sent", p.TxRingSent);
                w.WriteEndObject();
            }

            team.Runner.WritePortTeamFwState(w, p);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteStats(Utf8JsonWriter w, string name, StatsSnapshot s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("rx_packets", s.RxPackets);
        w.WriteNumber("rx_bytes", s.RxBytes);
        w.WriteNumber("rx_multicast", s.RxMulticast);
        w.WriteNumber("rx_dropped", s.RxDropped);
        w.WriteNumber("rx_nohandler", s.RxNoHandler);
        w.WriteNumber("tx_packets", s.TxPackets);
        w.WriteNumber("tx_bytes", s.TxBytes);
        w.WriteNumber("tx_dropped", s.TxDropped);
        w.WriteEndObject();
    }

    /// <summary>The SIGUSR1 log view: teamdctl's `state view` layout, read from the live team.</summary>
    public static string View(Team team)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{team.Name}:\n");
        sb.Append("setup:\n");
        sb.Append(inv, $"  runner: {team.Runner.Name}\n");
        sb.Append(inv, $"  carrier: {(team.Carrier ? "up" : "down")}, mtu {team.Mtu}, mac {Mac.Format(team.Mac)}\n");
        sb.Append("ports:\n");
        foreach (Port p in team.PortList)
        {
            sb.Append(inv, $"  {p.Name}\n");
            sb.Append(inv, $"    link watches:\n");
            sb.Append(inv, $"      link summary: {(p.LinkUp ? "up" : "down")}\n");
            for (int i = 0; i < p.Watchers.Count; i++)
            {
                LinkWatcher lw = p.Watchers[i];
                sb.Append(inv, $"      instance[link_watch_{i}]:\n");
                sb.Append(inv, $"        name: {lw.Name}\n");
                sb.Append(inv, $"        link: {(lw.Up ? "up" : "down")}\n");
                sb.Append(inv, $"        down count: {lw.DownCount}\n");
            }

            StatsSnapshot s = p.Counters.Read();
            sb.Append(inv, $"    enabled: {(p.Enabled ? "yes" : "no")}, speed {p.SpeedMbps} Mb/s, {(p.Duplex == 1 ? "full" : p.Duplex == 0 ? "half" : "unknown")} duplex, prio {p.Prio}{(p.Sticky ? ", sticky" : string.Empty)}\n");
            sb.Append(inv, $"    rx {s.RxPackets} pkts {s.RxBytes} B (dropped {s.RxDropped}, nohandler {s.RxNoHandler}), tx {s.TxPackets} pkts {s.TxBytes} B (dropped {s.TxDropped})\n");
        }

        if (team.Runner.Descriptor.HasActivePort)
        {
            sb.Append("runner:\n");
            sb.Append(inv, $"  active port: {team.ActivePort?.Name ?? string.Empty}\n");
        }
        else
        {
            team.Runner.AppendView(sb);
        }

        team.Mode.AppendView(sb);
        ViewTxBalancer(sb, team);

        StatsSnapshot t = team.Stats;
        sb.Append(inv, $"counters: rx {t.RxPackets} pkts {t.RxBytes} B (dropped {t.RxDropped}, multicast {t.RxMulticast}), tx {t.TxPackets} pkts {t.TxBytes} B (dropped {t.TxDropped})");
        return sb.ToString();
    }
}
