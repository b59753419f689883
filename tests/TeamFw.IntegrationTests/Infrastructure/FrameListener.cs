// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>One frame read by <see cref="FrameListener"/>: the outer tag the kernel reported ("8100:b064", or "-"), the bytes,
/// and with a vnet listener its virtio-net header ("flags,gso_type,hdr_len,gso_size,csum_start,csum_offset").</summary>
public sealed record HeardFrame(string Outer, int PacketType, string Hex, string Vnet)
{
    /// <summary>The ethertype (or inner TPID) after the addresses, as the frame bytes carry it.</summary>
    public string EtherType => Hex.Substring(24, 4);
}

/// <summary>
/// scripts/vlan_frames.py listening on an interface in a namespace: frames carrying a marker, with the outer
/// VLAN tag from PACKET_AUXDATA (the kernel takes it off before a packet socket sees the frame; this kernel
/// may have no 8021q module, so no VLAN device can do the reading). Also sends tagged frames.
/// </summary>
public sealed class FrameListener : IDisposable
{
    private readonly Process _p;
    private readonly List<HeardFrame> _frames = new();
    private readonly ManualResetEventSlim _ready = new();
    private readonly ManualResetEventSlim _done = new();

    public FrameListener(string ns, string dev, string marker, int max = 10_000, double seconds = 20, bool vnet = false)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns, "python3", Script, "listen", dev, seconds.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), marker, vnet ? "vnet" : "-" })
        {
            psi.ArgumentList.Add(a);
        }

        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => OnLine(e.Data);
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
        if (!_ready.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"listener on {dev} in {ns} did not start");
        }
    }

    public static string Script => System.IO.Path.Combine(AppContext.BaseDirectory, "scripts", "vlan_frames.py");

    /// <summary>Sends <paramref name="count"/> frames with <paramref name="tags"/> ("8100:b064,..." outermost first, or "-")
    /// and <paramref name="etherType"/>; 0800 sends IPv4/UDP over <paramref name="flows"/> source ports, or with
    /// <paramref name="gso"/> a TCP segment of that many bytes with a virtio-net header asking for segmentation at
    /// 1000 and a partial checksum; <paramref name="intervalMs"/> apart. Returns the number sent.</summary>
    public static int Send(string ns, string dev, int count, string dst, string src, string tags, string etherType, string marker, int flows = 1, int gso = 0, int intervalMs = 0)
        => int.Parse(Cmd.InNs(ns, "python3", Script, "send", dev, count.ToString(CultureInfo.InvariantCulture), dst, src, tags, etherType, marker,
            flows.ToString(CultureInfo.InvariantCulture), gso.ToString(CultureInfo.InvariantCulture), intervalMs.ToString(CultureInfo.InvariantCulture)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Waits until <paramref name="count"/> frames were heard (or the time is up); returns what was heard.</summary>
    public IReadOnlyList<HeardFrame> WaitFor(int count, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline && Frames.Count < count && !_done.IsSet)
        {
            Thread.Sleep(20);
        }

        return Frames;
    }

    /// <summary>Waits <paramref name="ms"/> more for stragglers, then returns everything heard.</summary>
    public IReadOnlyList<HeardFrame> Settle(int ms = 300)
    {
        Thread.Sleep(ms);
        return Frames;
    }

    public IReadOnlyList<HeardFrame> Frames
    {
        get
        {
            lock (_frames)
            {
                return _frames.ToList();
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _done.Set();
            return;
        }

        if (line == "ready")
        {
            _ready.Set();
            return;
        }

        if (line.StartsWith("done", StringComparison.Ordinal))
        {
            _done.Set();
            return;
        }

        // outer=8100:b064 sll_pkttype=0 data=HEX [vnet=1,1,3054,1000,34,16]
        string[] f = line.Split(' ');
        var frame = new HeardFrame(f[0]["outer=".Length..], int.Parse(f[1]["sll_pkttype=".Length..], CultureInfo.InvariantCulture), f[2]["data=".Length..],
            f.Length > 3 ? f[3]["vnet=".Length..] : string.Empty);
        lock (_frames)
        {
            _frames.Add(frame);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited)
            {
                _p.Kill(entireProcessTree: true);
                _p.WaitForExit(3000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _p.Dispose();
        _ready.Dispose();
        _done.Dispose();
    }
}
