// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Threading;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// Two namespaces joined by two veth links:
/// <code>
///   [Host ns: teamfw, team0 10.231.0.1/24]        [Peer ns]
///        a1 ───────────────────────────────── b1 ─┐
///        a2 ───────────────────────────────── b2 ─┴─ br0 10.231.0.2/24
/// </code>
/// Names are unique per process and per instance so parallel runs never collide; Dispose deletes
/// both namespaces (and with them every veth, bridge and TAP inside), also after a failed test.
/// </summary>
public sealed class Topology : IDisposable
{
    private static int s_counter;

    /// <param name="peerBridge">b1 and b2 on a bridge with <see cref="PeerAddress"/>.</param>
    /// <param name="quietPeer">IPv6 off on b1 and b2 before they come up, so the peer's own stack sends nothing
    /// (router solicitations, MLD reports) that a test counting frames would see.</param>
    public Topology(bool peerBridge = true, bool quietPeer = false)
    {
        string id = $"tfit{Environment.ProcessId}x{Interlocked.Increment(ref s_counter)}";
        Host = id + "h";
        Peer = id + "p";
        Cmd.Run("ip", "netns", "add", Host);
        try
        {
            Cmd.Run("ip", "netns", "add", Peer);
            foreach (string ns in new[] { Host, Peer })
            {
                Cmd.Run("ip", "-n", ns, "link", "set", "lo", "up");
            }

            for (int i = 1; i <= 2; i++)
            {
                Cmd.Run("ip", "link", "add", "a" + i, "netns", Host, "type", "veth", "peer", "name", "b" + i, "netns", Peer);
                if (quietPeer)
                {
                    Cmd.InNs(Peer, "sysctl", "-qw", $"net.ipv6.conf.b{i}.disable_ipv6=1");
                }

                Cmd.Run("ip", "-n", Peer, "link", "set", "b" + i, "up");
            }

            if (peerBridge)
            {
                // A fixed address: by default a bridge takes its lowest port MAC, which changes when a port goes away.
                Cmd.Run("ip", "-n", Peer, "link", "add", "br0", "address", "02:00:00:00:0b:00", "type", "bridge");
                Cmd.Run("ip", "-n", Peer, "link", "set", "b1", "master", "br0");
                Cmd.Run("ip", "-n", Peer, "link", "set", "b2", "master", "br0");
                Cmd.Run("ip", "-n", Peer, "link", "set", "br0", "up");
                Cmd.Run("ip", "-n", Peer, "addr", "add", PeerAddress + "/24", "dev", "br0");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public const string TeamAddress = "10.231.0.1";
    public const string PeerAddress = "10.231.0.2";

    public string Host { get; }

    public string Peer { get; }

    /// <summary>Sets the team's address and brings it up (teamfw leaves the admin state to the operator).</summary>
    public void TeamUp(string dev = "team0")
    {
        Cmd.Run("ip", "-n", Host, "addr", "add", TeamAddress + "/24", "dev", dev);
        Cmd.Run("ip", "-n", Host, "link", "set", dev, "up");
    }

    public (int Code, string Output) Ping(int count, double interval = 0.05, string target = PeerAddress, int waitSeconds = 2)
    {
        var r = Cmd.TryInNs(Host, "ping", "-n", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", interval.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), target);
        return (r.Code, r.Stdout + r.Stderr);
    }

    /// <summary>Pings once a tenth of a second until one reply comes back; false after <paramref name="seconds"/>.</summary>
    public bool WaitForPing(double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var (code, output) = Ping(1, 0.1, waitSeconds: 1);
            LastPing = output;
            if (code == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The output of the last ping WaitForPing sent (for failure messages).</summary>
    public string LastPing { get; private set; } = string.Empty;

    /// <summary>Sends raw frames from an interface in a namespace (scripts/inject.py).</summary>
    public static int Inject(string ns, string dev, int count, int length, string dstMac, string? srcMac = null, string? ethertype = null, int pps = 0)
    {
        var args = new System.Collections.Generic.List<string> { InjectScript };
        if (pps > 0)
        {
            args.Add("--pps");
            args.Add(pps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        args.AddRange(new[] { dev, count.ToString(System.Globalization.CultureInfo.InvariantCulture), length.ToString(System.Globalization.CultureInfo.InvariantCulture), dstMac });
        if (srcMac is not null || ethertype is not null)
        {
            args.Add(srcMac ?? "02:00:00:00:00:99");
        }

        if (ethertype is not null)
        {
            args.Add(ethertype);
        }

        string output = Cmd.InNs(ns, "python3", args.ToArray());
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string InjectScript => System.IO.Path.Combine(AppContext.BaseDirectory, "scripts", "inject.py");

    public void Dispose()
    {
        Cmd.Try("ip", "netns", "del", Host);
        Cmd.Try("ip", "netns", "del", Peer);
    }
}
