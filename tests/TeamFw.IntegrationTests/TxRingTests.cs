// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>"tx_method": "ring": frames leave through each port's PACKET_TX_RING; GSO frames, too big for a
/// ring frame, through the port's send-only socket with sendmmsg.</summary>
public sealed class TxRingTests
{
    private const string Config = "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"link_watch\":{\"name\":\"ethtool\"}," +
        "\"ports\":{\"a1\":{},\"a2\":{}},\"teamfw\":{\"tx_method\":\"ring\",\"tx_ring\":{\"block_size\":BS,\"block_count\":BC}}}";

    private static string RingConfig(int blockSize = 65536, int blockCount = 4)
        => Config.Replace("BS", blockSize.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("BC", blockCount.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private const string PeerBridgeMac = "02:00:00:00:0b:00"; // Topology's br0

    [NetnsFact]
    public void Ring_PingAndInjectedBurst_LeaveThroughBothPortRings()
    {
        using var topo = new Topology();
        using TeamfwProcess d = StartTeam(topo, RingConfig());

        // Full-size echo requests with a pattern: the peer echoes what it got, ping checks every byte.
        var big = Cmd.TryInNs(topo.Host, "ping", "-n", "-c", "20", "-i", "0.01", "-s", "1472", "-p", "a55a", "-W", "2", Topology.PeerAddress);
        Assert.True(big.Code == 0, big.Stdout + big.Stderr);
        Assert.DoesNotContain("wrong data", big.Stdout, StringComparison.Ordinal);

        InjectBurst(topo, d);

        JsonElement state = d.State();
        Assert.Equal("ring", state.GetProperty("teamfw").GetProperty("tx_method").GetString());
        foreach (string port in new[] { "a1", "a2" })
        {
            JsonElement ring = state.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("tx_ring");
            long ringSent = ring.GetProperty("sent").GetInt64();
            long tx = TeamfwProcess.Stat(state, "tx_packets", port);
            Assert.Equal(128, ring.GetProperty("frames").GetInt32());
            Assert.True(ringSent >= 900, $"roundrobin sends half of the burst on {port}: its ring sent {ringSent}");
            // Every frame is small: all go through the ring unless it was full (then sendmmsg takes them).
            Assert.True(ringSent * 10 >= tx * 9, $"{port}: tx_packets {tx}, through the ring {ringSent}");
            Assert.Equal(0, TeamfwProcess.Stat(state, "tx_dropped", port));
        }

        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Ring_TwoFramesPerPort_ReusesFramesAndNeverDropsWhenFull()
    {
        using var topo = new Topology();
        using TeamfwProcess d = StartTeam(topo, RingConfig(blockSize: 4096, blockCount: 1)); // 2 frames of 2048
        long peerBefore = PeerArrivals(topo); // before teamfw's counters: nothing sent after them is missed
        JsonElement before = d.State();

        // Unpaced: batches of many frames per port, more than the ring holds (the TAP may drop some).
        Assert.Equal(5000, Topology.Inject(topo.Host, "team0", 5000, 60, PeerBridgeMac));
        Thread.Sleep(200);
        JsonElement state = d.State();

        long sent = 0, ring = 0;
        foreach (string port in new[] { "a1", "a2" })
        {
            Assert.Equal(2, state.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("tx_ring").GetProperty("frames").GetInt32());
            Assert.Equal(0, TeamfwProcess.Stat(state, "tx_dropped", port));
            sent += TeamfwProcess.Stat(state, "tx_packets", port) - TeamfwProcess.Stat(before, "tx_packets", port);
            ring += RingSent(state, port) - RingSent(before, port);
        }

        Assert.True(ring >= 20, $"the two ring frames of each port were reused: {ring} frames went through the four");
        long received = PeerArrivals(topo) - peerBefore;
        Assert.True(received >= sent, $"{received} frames reached the peer, the ports sent {sent} ({ring} by ring, the rest by sendmmsg)");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Ring_TcpWithGsoFrames_CompletesOverBothPaths()
    {
        using var topo = new Topology();
        using TeamfwProcess d = StartTeam(topo, RingConfig());
        JsonElement before = d.State();

        const int Bytes = 8 << 20;
        string received = TcpTransfer(topo, Bytes);
        Assert.Equal(Bytes.ToString(CultureInfo.InvariantCulture), received);

        JsonElement after = d.State();
        long ringSent = 0, tx = 0;
        foreach (string port in new[] { "a1", "a2" })
        {
            ringSent += RingSent(after, port) - RingSent(before, port);
            tx += TeamfwProcess.Stat(after, "tx_packets", port) - TeamfwProcess.Stat(before, "tx_packets", port);
        }

        // TSO on the TAP hands teamfw segments of up to 64 KiB: those cannot use a 2 KiB ring frame.
        Assert.True(tx > ringSent, $"some frames went by sendmmsg (GSO): tx_packets {tx}, ring {ringSent}");
        Assert.True(ringSent > 0, "the small frames (handshake, FIN) went through the rings");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Ring_FrameTheKernelRefuses_IsCountedDropped_TheRestOfItsBatchStillGoes()
    {
        // Without virtio-net headers the kernel checks every ring frame against the port's MTU (tpacket_snd);
        // a1's MTU is lowered behind the team's back, so a full-size frame is refused (TP_STATUS_WRONG_FORMAT).
        // Big and small frames alternate, so every batch mixes them: each big one is a tx_dropped, never a
        // tx_packet, and the small ones after it in the batch still leave.
        const string config = "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"link_watch\":{\"name\":\"ethtool\"},"
            + "\"ports\":{\"a1\":{}},\"teamfw\":{\"offload\":false,\"tx_method\":\"ring\"}}";
        using var topo = new Topology();
        using TeamfwProcess d = StartTeam(topo, config);
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "a1", "mtu", "1000");
        using var b1 = new FrameListener(topo.Peer, "b1", "WFMT");
        JsonElement before = d.State();
        const string send = "import socket,sys\ns=socket.socket(socket.AF_PACKET,socket.SOCK_RAW);s.bind(('team0',0))\n"
            + "h=bytes.fromhex('0200000000aa0200000000bb88b5')+b'WFMT'\nfor i in range(100):\n s.send(h+b'B'*1400)\n s.send(h+b's'*60)\n";
        Cmd.InNs(topo.Host, "python3", "-c", send);

        var heard = b1.WaitFor(100);
        JsonElement after = d.State();
        Assert.Equal(100, heard.Count(f => f.Hex.Length / 2 == 14 + 4 + 60));
        Assert.Equal(0, b1.Settle(200).Count(f => f.Hex.Length / 2 > 1000));
        long dropped = TeamfwProcess.Stat(after, "tx_dropped", "a1") - TeamfwProcess.Stat(before, "tx_dropped", "a1");
        long sent = TeamfwProcess.Stat(after, "tx_packets", "a1") - TeamfwProcess.Stat(before, "tx_packets", "a1");
        Assert.Equal(100, dropped);
        Assert.InRange(sent, 100, 110); // the small ones, and at most a few of the host's own
        long hostDropped = after.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64()
            - before.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64(); // the kernel's, before team0 handed them over
        Assert.Equal(dropped, TeamfwProcess.Stat(after, "tx_dropped") - TeamfwProcess.Stat(before, "tx_dropped") - hostDropped);
        Assert.Equal(0, d.Stop());
    }

    private static TeamfwProcess StartTeam(Topology topo, string config)
    {
        TeamfwProcess d = TeamfwProcess.Start(topo.Host, config);
        topo.TeamUp();
        Assert.True(topo.WaitForPing(), "no ping through the team; log:\n" + d.Log);
        return d;
    }

    /// <summary>2000 frames of 60 bytes from team0 to the peer's bridge, paced; the peer must see 95 %.</summary>
    private static void InjectBurst(Topology topo, TeamfwProcess d)
    {
        long b1 = Cmd.RxPackets(topo.Peer, "b1"), b2 = Cmd.RxPackets(topo.Peer, "b2");
        Assert.Equal(2000, Topology.Inject(topo.Host, "team0", 2000, 60, PeerBridgeMac, pps: 20_000));
        long received = WaitForGrowth(() => Cmd.RxPackets(topo.Peer, "b1") - b1 + Cmd.RxPackets(topo.Peer, "b2") - b2, 2000);
        Assert.True(received >= 1900, $"the peer got {received} of 2000 injected frames; log:\n{d.Log}");
    }

    /// <summary>Frames that arrived on b1 and b2: received, or dropped by the peer's own backlog.</summary>
    private static long PeerArrivals(Topology topo)
    {
        long n = 0;
        foreach (string dev in new[] { "b1", "b2" })
        {
            JsonElement rx = Cmd.Link(topo.Peer, dev, stats: true).GetProperty("stats64").GetProperty("rx");
            n += rx.GetProperty("packets").GetInt64() + rx.GetProperty("dropped").GetInt64();
        }

        return n;
    }

    private static long RingSent(JsonElement state, string port)
        => state.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("tx_ring").GetProperty("sent").GetInt64();

    private static long WaitForGrowth(Func<long> read, long target)
    {
        long v = read();
        for (int i = 0; i < 50 && v < target; i++)
        {
            Thread.Sleep(20);
            v = read();
        }

        return v;
    }

    /// <summary>Sends <paramref name="bytes"/> over TCP from the team to the peer (python3 on both ends);
    /// returns what the peer says it received.</summary>
    private static string TcpTransfer(Topology topo, int bytes)
    {
        const string Server =
            "import socket\n" +
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n" +
            "s.bind(('" + Topology.PeerAddress + "', 5001)); s.listen(1); s.settimeout(30)\n" +
            "c, _ = s.accept(); c.settimeout(30); n = 0\n" +
            "while True:\n" +
            "    b = c.recv(1 << 16)\n" +
            "    if not b: break\n" +
            "    n += len(b)\n" +
            "print(n)\n";
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", topo.Peer, "python3", "-c", Server })
        {
            psi.ArgumentList.Add(a);
        }

        using Process server = Process.Start(psi)!;
        try
        {
            for (int i = 0; i < 100 && Cmd.InNs(topo.Peer, "ss", "-Hltn", "sport = :5001").Trim().Length == 0; i++)
            {
                Thread.Sleep(50);
            }

            string client =
                "import socket\n" +
                "s = socket.create_connection(('" + Topology.PeerAddress + "', 5001), timeout=30)\n" +
                "s.sendall(b'teamfw' * (" + bytes.ToString(CultureInfo.InvariantCulture) + " // 6) + b'x' * (" +
                bytes.ToString(CultureInfo.InvariantCulture) + " % 6))\n" +
                "s.close()\n";
            Cmd.InNs(topo.Host, "python3", "-c", client);
            Assert.True(server.WaitForExit(30_000), "the TCP server did not finish");
            return server.StandardOutput.ReadToEnd().Trim() + server.StandardError.ReadToEnd().Trim();
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }
}
