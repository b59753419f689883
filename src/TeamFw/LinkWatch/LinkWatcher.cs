// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.LinkWatch;

/// <summary>What a watcher may ask of the team it watches a port for.</summary>
public interface IWatchHost
{
    /// <summary>The port the watcher belongs to (name, ifindex).</summary>
    string PortName { get; }

    int PortIfIndex { get; }

    /// <summary>The team's MAC: the source of every probe from a port that carries traffic.</summary>
    ReadOnlySpan<byte> TeamMac { get; }

    /// <summary>The port's own MAC from before it joined: a source that does not move the switch's idea of
    /// where the team MAC lives.</summary>
    ReadOnlySpan<byte> PortOwnMac { get; }

    /// <summary>teamd's forced_send: the port is enabled, or no port of the team is.</summary>
    bool ForcedSend { get; }

    /// <summary>The port is enabled (an "active" port for validate_active / validate_inactive).</summary>
    bool PortEnabled { get; }

    /// <summary>The team device's IPv6 link-local address (the NS source), or null.</summary>
    System.Net.IPAddress? TeamLinkLocal { get; }

    /// <summary>A watcher's verdict changed: the team re-evaluates the port.</summary>
    void VerdictChanged(LinkWatcher watcher, string reason);

    /// <summary>Opens the watcher's own socket on the port: frames of <paramref name="etherType"/> that pass
    /// <paramref name="filter"/> (a classic BPF program, see <c>RxFilter</c>).</summary>
    IFrameChannel OpenChannel(ushort etherType, ReadOnlySpan<byte> filter);
}

/// <summary>
/// One link watcher instance on one port (teamd's link_watch objects): its own verdict, its timers and,
/// for the probing watchers, its own socket. All methods run on the control thread.
/// </summary>
public abstract class LinkWatcher : IPollable, IDisposable
{
    protected LinkWatcher(LinkWatchConfig config, IWatchHost host)
    {
        Config = config;
        Host = host;
    }

    public LinkWatchConfig Config { get; }

    protected IWatchHost Host { get; }

    public string Name => Config.Name;

    /// <summary>This watcher's verdict on the link.</summary>
    public bool Up { get; private set; }

    /// <summary>How many times the verdict went from up to down.</summary>
    public int DownCount { get; private set; }

    /// <summary>The next time <see cref="OnTimer"/> wants to run (Environment.TickCount64), or long.MaxValue.</summary>
    public virtual long NextDeadline => long.MaxValue;

    /// <summary>A descriptor the control loop should poll for reading, or -1.</summary>
    public virtual int Fd => -1;

    public virtual void Start(long now)
    {
    }

    public virtual void OnTimer(long now)
    {
    }

    /// <summary>The port's carrier changed (rtnetlink event or the ETHTOOL_GLINK check).</summary>
    public virtual void OnCarrier(bool carrier, long now)
    {
    }

    /// <summary><see cref="Fd"/> is readable.</summary>
    public virtual void OnReadable(long now)
    {
    }

    /// <summary>Adds the watcher's own fields to its state object (teamdctl's link_watches.list.link_watch_N).</summary>
    public virtual void WriteState(Utf8JsonWriter w)
    {
    }

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    protected void SetVerdict(bool up, string reason)
    {
        if (up == Up)
        {
            return;
        }

        Up = up;
        if (!up)
        {
            DownCount++;
        }

        Host.VerdictChanged(this, reason);
    }
}
