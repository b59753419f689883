// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using TeamFw.Control;
using TeamFw.Native.Runtime;
using TeamFw.Stats;

namespace TeamFw.Cli;

/// <summary>
/// <c>teamfw stats [-S SOCKET] [TEAM] [--json] [-w SECONDS]</c>: per-team and per-port counters from
/// STATS_GET (a dump when no team is named); with -w, rates per second every SECONDS until interrupted.
/// </summary>
internal static class StatsCommand
{
    private static readonly string[] s_columns = ["rx_packets", "rx_bytes", "rx_multicast", "rx_dropped", "rx_nohandler", "tx_packets", "tx_bytes", "tx_dropped"];

    public static int Run(string[] args)
    {
        Dictionary<string, string> o;
        List<string> words;
        try
        {
            (o, words) = ClientArgs.Parse(args, ["--json", "-h", "--help"], ["-w", "-S", "--socket"]);
            if (words.Count > 1)
            {
                throw new ArgumentException("at most one team may be named");
            }
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine("teamfw stats: " + e.Message);
            StdIo.Error.WriteLine("usage: teamfw stats [-S SOCKET] [TEAM] [--json] [-w SECONDS]");
            return ClientArgs.ExitUsage;
        }

        if (o.ContainsKey("-h") || o.ContainsKey("--help"))
        {
            StdIo.Out.WriteLine("usage: teamfw stats [-S SOCKET] [TEAM] [--json] [-w SECONDS]");
            return ClientArgs.ExitOk;
        }

        double interval = 0;
        if (o.TryGetValue("-w", out string? w) && (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out interval) || interval <= 0))
        {
            StdIo.Error.WriteLine($"teamfw stats: -w needs a positive number of seconds, not \"{w}\"");
            return ClientArgs.ExitUsage;
        }

        string socket = o.TryGetValue("-S", out string? s) ? s : o.TryGetValue("--socket", out s) ? s : ClientArgs.DefaultSocket;
        string? team = words.Count == 1 ? words[0] : null;
        bool json = o.ContainsKey("--json");
        return ClientArgs.Guard("teamfw stats", () => Execute(socket, team, json, interval));
    }

    private static int Execute(string socket, string? team, bool json, double interval)
    {
        using ControlClient client = ControlClient.Connect(socket);
        try
        {
            List<TeamReply> before = TeamfwApi.Stats(client, team);
            if (interval <= 0)
            {
                StdIo.Out.Write(json ? Json(before, 0) + "\n" : Table(before, 0));
                return ClientArgs.ExitOk;
            }

            // Ctrl-C or Ctrl-\ ends the loop, as Console.CancelKeyPress did.
            using var stop = new ManualResetEventSlim();
            void Stop(PosixSignalContext c)
            {
                c.Cancel = true;
                stop.Set();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
            while (!stop.Wait(TimeSpan.FromSeconds(interval)))
            {
                List<TeamReply> now = TeamfwApi.Stats(client, team);
                List<TeamReply> rates = Rates(before, now, interval);
                StdIo.Out.Write(json ? Json(rates, interval) + "\n" : Table(rates, interval));
                before = now;
            }

            return ClientArgs.ExitOk;
        }
        catch (ControlRemoteException e)
        {
            StdIo.Error.WriteLine($"teamfw stats: {e.Message}");
            return ClientArgs.ExitFailure;
        }
    }

    /// <summary>(now - before) / seconds, per counter; a port that appeared counts from zero.</summary>
    private static List<TeamReply> Rates(List<TeamReply> before, List<TeamReply> now, double seconds)
    {
        var list = new List<TeamReply>();
        foreach (TeamReply t in now)
        {
            TeamReply? b = before.Find(x => x.IfIndex == t.IfIndex);
            var ports = new List<PortReply>();
            foreach (PortReply p in t.Ports)
            {
                PortReply? bp = b?.Ports.Find(x => x.IfIndex == p.IfIndex);
                ports.Add(p with { Stats = Per(p.Stats, bp?.Stats ?? default, seconds) });
            }

            list.Add(t with { Stats = Per(t.Stats, b?.Stats ?? default, seconds), Ports = ports });
        }

        return list;
    }

    private static StatsSnapshot Per(StatsSnapshot a, StatsSnapshot b, double s)
    {
        static ulong R(ulong x, ulong y, double s) => x >= y ? (ulong)Math.Round((x - y) / s) : 0;
        return new StatsSnapshot(R(a.RxPackets, b.RxPackets, s), R(a.RxBytes, b.RxBytes, s), R(a.RxMulticast, b.RxMulticast, s),
            R(a.RxDropped, b.RxDropped, s), R(a.RxNoHandler, b.RxNoHandler, s), R(a.TxPackets, b.TxPackets, s), R(a.TxBytes, b.TxBytes, s), R(a.TxDropped, b.TxDropped, s));
    }

    private static ulong[] Values(StatsSnapshot s) => [s.RxPackets, s.RxBytes, s.RxMulticast, s.RxDropped, s.RxNoHandler, s.TxPackets, s.TxBytes, s.TxDropped];

    private static string Table(List<TeamReply> teams, double interval)
    {
        var sb = new StringBuilder();
        sb.Append(interval > 0 ? string.Create(CultureInfo.InvariantCulture, $"{"IFACE/s",-16}") : $"{"IFACE",-16}");
        foreach (string c in s_columns)
        {
            sb.Append(' ').Append(c.PadLeft(14));
        }

        sb.Append('\n');
        foreach (TeamReply t in teams)
        {
            Row(sb, t.Name, t.Stats);
            foreach (PortReply p in t.Ports)
            {
                Row(sb, "  " + p.Name, p.Stats);
            }
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, StatsSnapshot s)
    {
        sb.Append(name.PadRight(16));
        foreach (ulong v in Values(s))
        {
            sb.Append(' ').Append(v.ToString(CultureInfo.InvariantCulture).PadLeft(14));
        }

        sb.Append('\n');
    }

    /// <summary>{"TEAM": {"ifindex", "stats": {...}, "ports": {"IF": {"ifindex", "stats"}}}}; with -w, "interval" and per-second values.</summary>
    private static string Json(List<TeamReply> teams, double interval)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (interval > 0)
            {
                w.WriteNumber("interval", interval);
            }

            foreach (TeamReply t in teams)
            {
                w.WriteStartObject(t.Name);
                w.WriteNumber("ifindex", t.IfIndex);
                Counters(w, t.Stats);
                w.WriteStartObject("ports");
                foreach (PortReply p in t.Ports)
                {
                    w.WriteStartObject(p.Name);
                    w.WriteNumber("ifindex", p.IfIndex);
                    Counters(w, p.Stats);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Counters(Utf8JsonWriter w, StatsSnapshot s)
    {
        w.WriteStartObject("stats");
        ulong[] v = Values(s);
        for (int i = 0; i < s_columns.Length; i++)
        {
            w.WriteNumber(s_columns[i], v[i]);
        }

        w.WriteEndObject();
    }
}
