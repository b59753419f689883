// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.IntegrationTests;

/// <summary>
/// Wire fuzzing (scripts/wirefuzz.py): random and mutated frames — runts, giants, 0–4 VLAN tags, IPv4 with bad
/// IHL and fragments, IPv6 extension-header chains, slow-protocols frames, bogus GSO metadata — injected on the
/// ports and written into the team device, in every mode. The daemon must survive, forward afterwards, allocate
/// nothing on the data path, and count every frame exactly once:
/// <list type="bullet">
/// <item>each port: rx_packets + rx_dropped + rx_nohandler = the frames the kernel handed its ring (rx_ring.packets,
/// PACKET_STATISTICS, ring overruns included);</item>
/// <item>the rings together: what the kernel received on the ports, less the frames it drops itself before any
/// packet socket sees them (a VLAN ethertype too short to untag);</item>
/// <item>the team: tx_packets + tx_dropped = what the team device handed teamfw (its tx_packets, counted by the
/// kernel as teamfw reads).</item>
/// </list>
/// TEAMFW_WIRE_FUZZ_FRAMES frames taken by the sending kernel each way per mode (20000 in make test; make fuzz
/// sends 1,000,000; the frames it refuses, such as bogus GSO metadata, come on top);
/// TEAMFW_FUZZ_SEED replays a run.
/// </summary>
public sealed class WireFuzzTests(ITestOutputHelper output)
{
    private static int Frames => int.TryParse(Environment.GetEnvironmentVariable("TEAMFW_WIRE_FUZZ_FRAMES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 20_000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("TEAMFW_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : Environment.TickCount & 0xffff;

    private static string Script => System.IO.Path.Combine(AppContext.BaseDirectory, "scripts", "wirefuzz.py");

    /// <summary>
    /// A hash program as a client would set it, run by the interpreter: loads of an ancillary word, through the
    /// network-header offset, indirect through X (often outside the frame), a division by X (often 0), scratch
    /// memory, a conditional return. (code, jt, jf, k) per instruction.
    /// </summary>
    private static readonly (ushort Code, byte Jt, byte Jf, uint K)[] s_hashProgram =
    [
        (0x20, 0, 0, 0xfffff000), // ld [SKF_AD_OFF + SKF_AD_PROTOCOL]
        (0x02, 0, 0, 0),          // st M[0]
        (0x30, 0, 0, 0xfff00009), // ldb [SKF_NET_OFF + 9]: the IPv4 protocol
        (0x07, 0, 0, 0),          // tax
        (0x40, 0, 0, 14),         // ld [x + 14]
        (0x3c, 0, 0, 0),          // div x
        (0x07, 0, 0, 0),          // tax
        (0x60, 0, 0, 0),          // ld M[0]
        (0xac, 0, 0, 0),          // xor x
        (0x45, 0, 1, 1),          // jset #1
        (0x16, 0, 0, 0),          // ret a
        (0x06, 0, 0, 7),          // ret #7
    ];

    private static string HashProgramOption()
    {
        var sb = new StringBuilder();
        foreach ((ushort code, byte jt, byte jf, uint k) in s_hashProgram)
        {
            byte[] b = [(byte)code, (byte)(code >> 8), jt, jf, (byte)k, (byte)(k >> 8), (byte)(k >> 16), (byte)(k >> 24)];
            foreach (byte x in b)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\{x:x2}");
            }
        }

        return sb.ToString();
    }

    private static string Config(string runner, string ports = "\"a1\":{},\"a2\":{}")
        => $"{{\"device\":\"team0\",\"runner\":{{\"name\":\"{runner}\"{(runner == "lacp" ? ",\"fast_rate\":true" : "")}}},\"link_watch\":{{\"name\":\"ethtool\"}},\"ports\":{{{ports}}}}}";

    [NetnsTheory]
    [InlineData("broadcast")]
    [InlineData("roundrobin")]
    [InlineData("random")]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    [InlineData("lacp")]
    public void RandomAndMutatedFrames_EveryFrameCountedOnce_DaemonForwardsAfterwards(string runner)
    {
        using var topo = new Topology(peerBridge: runner != "lacp");
        TeamfwProcess? partner = null;
        try
        {
            using var d = TeamfwProcess.Start(topo.Host, Config(runner, runner == "activebackup" ? "\"a1\":{\"prio\":10},\"a2\":{}" : "\"a1\":{},\"a2\":{}"));
            topo.TeamUp();
            if (runner == "lacp")
            {
                partner = TeamfwProcess.Start(topo.Peer, Config("lacp", "\"b1\":{},\"b2\":{}"));
                Cmd.Run("ip", "-n", topo.Peer, "addr", "add", Topology.PeerAddress + "/24", "dev", "team0");
                Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
            }
            else if (runner == "loadbalance")
            {
                var (code, text) = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", d.SocketPath, "team0", "setoption", "bpf_hash_func", HashProgramOption());
                Assert.True(code == 0, text);
            }

            Assert.True(topo.WaitForPing(10), topo.LastPing + "\n" + d.Log);

            // Giants reach the ports only if the links carry them: raised behind the team's back (team MTU 1500).
            foreach ((string ns, string dev) in new[] { (topo.Host, "a1"), (topo.Host, "a2"), (topo.Peer, "b1"), (topo.Peer, "b2") })
            {
                Cmd.Run("ip", "-n", ns, "link", "set", dev, "mtu", "9000");
            }

            (JsonElement before, long portsRx0, long teamTx0) = Quiet(d, topo);
            long alloc0 = before.GetProperty("teamfw").GetProperty("datapath_allocated_bytes").GetInt64();
            string teamMac = Cmd.Mac(topo.Host, "team0");
            int seed = Seed;

            JsonElement rx = Fuzz(topo.Peer, seed, "b1,b2", teamMac, giants: true);
            JsonElement tx = Fuzz(topo.Host, seed + 1, "team0", Cmd.Mac(topo.Peer, "b1"), giants: false);
            (JsonElement after, long portsRx1, long teamTx1) = Quiet(d, topo);
            Assert.False(d.HasExited, d.Log);

            long portsRx = portsRx1 - portsRx0;
            long teamTx = teamTx1 - teamTx0;
            long ring = 0;
            foreach (string p in new[] { "a1", "a2" })
            {
                long counted = Delta(before, after, "rx_packets", p) + Delta(before, after, "rx_dropped", p) + Delta(before, after, "rx_nohandler", p);
                long inRing = RingPackets(after, p) - RingPackets(before, p);
                Assert.True(counted == inRing, $"{runner} {p}: {counted} frames counted (delivered, dropped, not the team's), the kernel put {inRing} in its ring (seed {seed})");
                ring += inRing;
            }

            long pretap = rx.GetProperty("pretap").GetInt64();
            Assert.True(ring == portsRx - pretap, $"{runner}: the rings got {ring} frames, the ports received {portsRx} less {pretap} the kernel drops first (seed {seed})");
            // The team's tx_dropped also counts what the kernel dropped before team0 handed it over (host_tx_dropped).
            long hostDropped = after.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64()
                - before.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64();
            // A veth team0 hands frames to its host peer (its tx_packets), where teamfw's ring may lose some (host_ring_dropped,
            // part of host_tx_dropped) and the peer's kernel drops malformed VLAN headers before any packet socket (pretap).
            long ringDropped = after.GetProperty("teamfw").GetProperty("host_ring_dropped").GetInt64()
                - before.GetProperty("teamfw").GetProperty("host_ring_dropped").GetInt64();
            // Those pretap frames are in team0's tx_packets only if the host peer was up when they were sent: while the team
            // has no carrier (a garbage LACPDU can deselect every port) the peer is down and team0 drops them itself (its
            // tx_dropped, in host_tx_dropped). Which of them went then is not known, so the veth count is a range.
            bool veth = after.GetProperty("teamfw").GetProperty("team_device").GetString() == "veth";
            long txCounted = Delta(before, after, "tx_packets") + Delta(before, after, "tx_dropped") - hostDropped + ringDropped;
            long pretapTx = veth ? tx.GetProperty("pretap").GetInt64() : 0;
            Assert.True(teamTx >= txCounted && teamTx <= txCounted + pretapTx,
                $"{runner}: {txCounted} frames counted sent or dropped (and up to {pretapTx} the host peer's kernel drops first), team0 handed over {teamTx} (seed {seed})");
            Assert.Equal(Frames, rx.GetProperty("sent").GetInt64());
            Assert.Equal(Frames, tx.GetProperty("sent").GetInt64());
            output.WriteLine($"{runner} seed {seed}: rx {rx} -> ring {ring}, delivered {Delta(before, after, "rx_packets")}, dropped {Delta(before, after, "rx_dropped")}, "
                + $"not the team's {Delta(before, after, "rx_nohandler")}; tx {tx} -> team0 {teamTx}, sent {Delta(before, after, "tx_packets")}, dropped {Delta(before, after, "tx_dropped")}");

            // Still a team: the MTUs back, the peer answers through it, the data path allocated nothing.
            foreach ((string ns, string dev) in new[] { (topo.Host, "a1"), (topo.Host, "a2"), (topo.Peer, "b1"), (topo.Peer, "b2") })
            {
                Cmd.Run("ip", "-n", ns, "link", "set", dev, "mtu", "1500");
            }

            Assert.True(topo.WaitForPing(10), $"{runner}: no traffic after the fuzz\n{topo.LastPing}\n{d.Log}");
            Assert.Equal(alloc0, d.State().GetProperty("teamfw").GetProperty("datapath_allocated_bytes").GetInt64());
            Assert.Equal(0, d.Stop());
        }
        finally
        {
            partner?.Dispose();
        }
    }

    private static JsonElement Fuzz(string ns, int seed, string ifaces, string dst, bool giants)
    {
        var args = new[] { Script, seed.ToString(CultureInfo.InvariantCulture), Frames.ToString(CultureInfo.InvariantCulture), ifaces, dst };
        string json = Cmd.RunFull("ip", ["netns", "exec", ns, "python3", .. args, .. (giants ? new[] { "--giants" } : [])], check: true, timeoutMs: 1_800_000).Stdout;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// The state and the kernel's counts (frames the ports received, frames team0 handed teamfw) at one moment:
    /// once nothing moves — the kernel's counts the same before and after the state was taken, and the same,
    /// with the state's totals, 200 ms later. Anything the hosts send on their own (neighbour discovery,
    /// LACPDUs) then falls wholly before or after the snapshot instead of between its readings.
    /// </summary>
    private static (JsonElement State, long PortsRx, long TeamTx) Quiet(TeamfwProcess d, Topology topo)
    {
        (JsonElement State, long PortsRx, long TeamTx)? last = null;
        for (int i = 0; i < 100; i++)
        {
            long rx = PortsRx(topo), tx = Cmd.TxPackets(topo.Host, "team0");
            JsonElement state = d.State();
            if (rx == PortsRx(topo) && tx == Cmd.TxPackets(topo.Host, "team0"))
            {
                if (last is { } l && l.PortsRx == rx && l.TeamTx == tx && Total(l.State) == Total(state))
                {
                    return (state, rx, tx);
                }

                last = (state, rx, tx);
            }

            System.Threading.Thread.Sleep(200);
        }

        throw new TimeoutException("the counters did not stand still for 200 ms in 20 s\n" + d.Log);
    }

    private static long PortsRx(Topology topo) => Cmd.RxPackets(topo.Host, "a1") + Cmd.RxPackets(topo.Host, "a2");

    private static long Total(JsonElement s)
        => new[] { "rx_packets", "rx_dropped", "rx_nohandler", "tx_packets", "tx_dropped" }.Sum(c => TeamfwProcess.Stat(s, c))
            + RingPackets(s, "a1") + RingPackets(s, "a2");

    private static long RingPackets(JsonElement s, string port) => s.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("rx_ring").GetProperty("packets").GetInt64();

    private static long Delta(JsonElement before, JsonElement after, string counter, string? port = null)
        => TeamfwProcess.Stat(after, counter, port) - TeamfwProcess.Stat(before, counter, port);
}
