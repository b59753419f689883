// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamFw.Cli;
using TeamFw.Control;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// The control socket against the real daemon in a namespace: a team built only through the socket,
/// the clients' output, an independent decoder (Debian's pyroute2), and a burst of garbage.
/// </summary>
public sealed class ControlSocketTests
{
    private static (int Code, string Output) Teamfw(string ns, params string[] args) => TeamfwProcess.RunToExit(ns, args);

    private static string Inv(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// LINK_NEW with no port, PORT_ADD a1 and a2, traffic; then `teamfw nl setoption activeport` moves it to a2
    /// and `teamfw nl monitor all`, running all along, shows the port and option events.
    /// </summary>
    [NetnsFact]
    public void TeamBuiltOnlyThroughTheSocket_ActiveportMovesTraffic_MonitorShowsEvents()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.StartWithoutTeams(topo.Host);
        using (ControlClient c = ControlClient.Connect(d.SocketPath))
        {
            TeamfwApi.LinkNew(c, "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"}}");
        }

        using var monitor = CliProcess.Start(topo.Host, "nl", "-S", d.SocketPath, "team0", "monitor", "all");
        AwaitSubscribed(topo.Host, d, monitor);
        TeamReply team;
        using (ControlClient c = ControlClient.Connect(d.SocketPath))
        {
            TeamfwApi.PortAdd(c, "team0", "a1");
            TeamfwApi.PortAdd(c, "team0", "a2");
            team = TeamfwApi.LinkGet(c, "team0");
        }

        Assert.Equal(["a1", "a2"], team.Ports.Select(p => p.Name));
        topo.TeamUp();
        Assert.True(topo.WaitForPing(), d.Log);
        uint a2 = team.Ports.Single(p => p.Name == "a2").IfIndex;
        Assert.Equal(Inv(team.Ports.Single(p => p.Name == "a1").IfIndex), Teamfw(topo.Host, "nl", "-S", d.SocketPath, "team0", "getoption", "activeport").Output.Trim());

        var set = Teamfw(topo.Host, "nl", "-S", d.SocketPath, "team0", "setoption", "activeport", Inv(a2));
        Assert.True(set.Code == 0, set.Output);
        Assert.Equal("a2", Teamfw(topo.Host, "ctl", "-S", d.SocketPath, "team0", "state", "item", "get", "runner.active_port").Output.Trim());
        long before = TxPackets(d, "a2");
        var (code, ping) = topo.Ping(10, 0.02);
        Assert.True(code == 0, ping);
        Assert.True(TxPackets(d, "a2") - before >= 10, "the pings left through a2");

        string events = monitor.Stop();
        Assert.StartsWith("exit 0\n", events, StringComparison.Ordinal);
        Assert.True(events.Contains("ports:\n", StringComparison.Ordinal) && events.Contains($"{a2}: a2: up 10000Mbit FD", StringComparison.Ordinal), events);
        Assert.True(events.Contains($"*activeport {a2} changed", StringComparison.Ordinal), events);
        Assert.True(events.Contains("*enabled (port:a2) true changed", StringComparison.Ordinal), events);

        using (ControlClient c = ControlClient.Connect(d.SocketPath))
        {
            TeamfwApi.LinkDel(c, "team0");
        }

        Assert.NotEqual(0, Cmd.TryInNs(topo.Host, "ip", "link", "show", "team0").Code);
        Assert.Equal(0, d.Stop());
        Assert.False(File.Exists(d.SocketPath), "the socket is removed on exit");
    }

    /// <summary>
    /// Returns once <paramref name="monitor"/> has joined change_event: it shows an option change. The change is
    /// made again until it does (a change made before the join is never sent to it), then undone.
    /// </summary>
    private static void AwaitSubscribed(string ns, TeamfwProcess d, CliProcess monitor)
    {
        string original = Teamfw(ns, "nl", "-S", d.SocketPath, "team0", "getoption", "notify_peers_count").Output.Trim();
        var until = DateTime.UtcNow.AddSeconds(10);
        for (int i = 1; !monitor.Output.Contains("notify_peers_count", StringComparison.Ordinal) && DateTime.UtcNow < until; i++)
        {
            Assert.Equal(0, Teamfw(ns, "nl", "-S", d.SocketPath, "team0", "setoption", "notify_peers_count", Inv(i % 2 + 5)).Code);
        }

        Assert.True(monitor.Output.Contains("notify_peers_count", StringComparison.Ordinal), "the monitor never showed an event: " + monitor.Output);
        Assert.Equal(0, Teamfw(ns, "nl", "-S", d.SocketPath, "team0", "setoption", "notify_peers_count", original).Code);
    }

    private static long TxPackets(TeamfwProcess d, string port)
    {
        using ControlClient c = ControlClient.Connect(d.SocketPath);
        return (long)TeamfwApi.Stats(c, "team0")[0].Ports.Single(p => p.Name == port).Stats.TxPackets;
    }

    /// <summary>pyroute2 (written from if_team.h, not from our code) resolves the families and decodes the replies.</summary>
    [NetnsFact]
    public void Pyroute2_DecodesFamiliesOptionsAndPorts()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"ports\":{\"a1\":{\"prio\":5},\"a2\":{}}}");
        string script = Path.Combine(AppContext.BaseDirectory, "scripts", "genl_client.py");
        JsonElement Py(params string[] args)
        {
            var r = Cmd.TryInNs(topo.Host, "/usr/bin/python3", new[] { script, d.SocketPath }.Concat(args).ToArray());
            Assert.True(r.Code == 0, "genl_client.py (needs Debian's python3-pyroute2): " + r.Stderr + r.Stdout);
            using var doc = JsonDocument.Parse(r.Stdout);
            return doc.RootElement.Clone();
        }

        JsonElement team = Py("resolve", "team");
        Assert.Equal(0x13, team.GetProperty("id").GetInt32());
        Assert.Equal(2, team.GetProperty("groups").GetProperty("change_event").GetInt32());
        Assert.Equal([0x0a, 0x0b, 0x0b, 0x0b], team.GetProperty("ops").EnumerateArray().Select(o => o.GetProperty("flags").GetInt32()));
        JsonElement link = Py("link-get", "team0");
        int ifindex = link.GetProperty("ifindex").GetInt32();
        Assert.Equal("activebackup", link.GetProperty("mode").GetString());

        // The same (name, value) pairs, whoever decodes them.
        JsonElement options = Py("options", Inv(ifindex));
        var fromPyroute2 = options.EnumerateArray().Select(o => o.GetProperty("name").GetString() + "=" + o.GetProperty("value").ValueKind switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.String => o.GetProperty("value").GetString()!,
            _ => o.GetProperty("value").GetRawText(),
        }).Order();
        string nl = Teamfw(topo.Host, "nl", "-S", d.SocketPath, "team0", "options").Output;
        var fromTeamnl = nl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            string[] w = l.TrimStart(' ', '*').TrimEnd().Split(' ');
            return w[0] + "=" + w[^1];
        }).Order();
        Assert.Equal(16, options.GetArrayLength());
        Assert.Equal(fromPyroute2, fromTeamnl);

        JsonElement ports = Py("ports", Inv(ifindex));
        Assert.Equal(2, ports.GetArrayLength());
        Assert.All(ports.EnumerateArray(), p => Assert.Equal(10000, p.GetProperty("speed").GetInt32()));
        Py("set-u32", Inv(ifindex), "notify_peers_count", "4");
        Assert.Equal("4", Teamfw(topo.Host, "nl", "-S", d.SocketPath, "team0", "getoption", "notify_peers_count").Output.Trim());
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Garbage_DaemonAnswersAndStaysUp()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, "{\"device\":\"team0\",\"ports\":{\"a1\":{}}}");
        using ControlClient c = ControlClient.Connect(d.SocketPath);
        var rnd = new Random(11);
        byte[][] seeds =
        [
            Convert.FromHexString("2000000010000500010000000000000003010000090002007465616d00000000"),
            Convert.FromHexString("1800000014000500020000000000000001010000"),
        ];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] m = (byte[])seeds[rnd.Next(seeds.Length)].Clone();
            m[rnd.Next(m.Length)] = (byte)rnd.Next(256);
            if (rnd.Next(4) == 0)
            {
                Array.Resize(ref m, rnd.Next(1, m.Length));
            }

            c.SendRaw(m);
            while (c.ReceiveDatagram(0) is { Length: > 0 })
            {
            }
        }

        // The daemon handles one connection's datagrams in order: the answer to a well-formed request
        // sent after the garbage shows it has been through all of it.
        const uint MarkerSeq = 0x5eed0001;
        byte[] marker = (byte[])seeds[0].Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(marker.AsSpan(8), MarkerSeq);
        c.SendRaw(marker);
        Assert.True(AwaitAnswer(c, MarkerSeq), "no answer to a well-formed request sent after the garbage\n" + d.Log);
        using ControlClient fresh = ControlClient.Connect(d.SocketPath);
        Assert.Single(fresh.Request(0x14, 0, 1));
        Assert.False(d.HasExited);
        Assert.DoesNotContain("internal error", d.Log, StringComparison.Ordinal);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>Reads the connection until a message with sequence number <paramref name="seq"/> arrives (true), or 10 s pass.</summary>
    private static bool AwaitAnswer(ControlClient c, uint seq)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 10_000)
        {
            byte[]? d = c.ReceiveDatagram((int)Math.Max(1, 10_000 - clock.ElapsedMilliseconds));
            var messages = new NlMessageReader(d ?? []);
            while (messages.TryNext(out NlHeader h, out _))
            {
                if (h.Seq == seq)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
