// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Control;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The daemon: loads every config before touching anything, starts the teams all-or-nothing, then
/// runs the control loop on the calling thread — rtnetlink link events, link-watch timers, ring
/// statistics and signals — until SIGTERM/SIGINT.
/// </summary>
public sealed partial class TeamDaemon : IDisposable
{
    private const int StatsIntervalMs = 1000;
    private const int MaxWatcherFds = 1024;
    private readonly DaemonOptions _options;
    private readonly ILogger _log;
    private readonly List<Team> _teams = new();
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly EventFd _wake = new();
    private readonly List<PosixSignalRegistration> _signals = new();
    private DaemonContext? _ctx;
    private volatile bool _stop;

    /// <summary>At exit, leave every team for the next daemon instead of removing it (-N, or SIGUSR2).</summary>
    private bool _keep;

    public TeamDaemon(DaemonOptions options, ILogger log)
    {
        _options = options;
        _log = log;
        _keep = options.NoDestroy;
    }

    public IReadOnlyList<Team> Teams => _teams;

    /// <summary>Loads and validates every config. Throws <see cref="ConfigException"/> on the first error.</summary>
    public List<TeamConfig> LoadConfigs()
    {
        var configs = new List<TeamConfig>();
        foreach (string file in _options.Files)
        {
            configs.Add(Accept(ConfigLoader.LoadFile(file)));
        }

        if (_options.InlineJson is not null)
        {
            configs.Add(Accept(ConfigLoader.Load("-c", _options.InlineJson)));
        }

        if (_options.UciFile is not null)
        {
            configs.AddRange(Uci.UciTranslator.LoadConfigs(_options.UciFile, w => Log.ConfigWarning(_log, w)));
        }

        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (TeamConfig c in configs)
        {
            if (!devices.TryAdd(c.Device, c.Source))
            {
                throw new ConfigException(c.Source, "$.device", $"team \"{c.Device}\" is also defined in {devices[c.Device]}");
            }

            foreach (PortConfig p in c.Ports)
            {
                if (!ports.TryAdd(p.Name, c.Device))
                {
                    throw new ConfigException(c.Source, "$.ports." + p.Name, $"port {p.Name} is already a port of team {ports[p.Name]}");
                }

                if (devices.ContainsKey(p.Name))
                {
                    throw new ConfigException(c.Source, "$.ports." + p.Name, $"{p.Name} is a team device");
                }
            }
        }

        return configs;
    }

    private TeamConfig Accept(LoadResult r)
    {
        foreach (string w in r.Warnings)
        {
            Log.ConfigWarning(_log, w);
        }

        return r.Config;
    }

    /// <summary>Starts the teams (all or nothing). Throws on failure after undoing everything.</summary>
    public void Start(List<TeamConfig> configs)
    {
        // A live daemon on the same socket is refused before any port is touched.
        OpenControlSocket();

        // Before the first team forwards and before `-d` reports ready: an init script's
        // stop or reload right after start must not meet the default action (terminate
        // without restoring the ports). Signals queue commands until Run() serves them.
        RegisterSignals();
        _ctx = new DaemonContext(_log, OpenState()) { StateSetup = _options.StateSetup, WakeControl = _wake.Signal };
        try
        {
            foreach (TeamConfig c in configs)
            {
                var team = new Team(c, _ctx);
                team.Start();
                _teams.Add(team);
            }
        }
        catch
        {
            // Nothing changed: teams made now are removed, teams taken back are left as they were found.
            for (int i = _teams.Count - 1; i >= 0; i--)
            {
                _teams[i].Release(keep: _teams[i].Reattached);
            }

            _teams.Clear();
            throw;
        }

        SettleLeftovers();
    }

    /// <summary>Runs the control loop until <see cref="RequestStop"/> or SIGTERM/SIGINT.</summary>
    public void Run()
    {
        RegisterSignals();
        using NetlinkSocket events = NetlinkSocket.Open(Constants.NETLINK_ROUTE, Constants.RTMGRP_LINK, nonBlocking: true);
        using var poller = new Poller(2 + ControlServer.MaxPollSlots + MaxWatcherFds);
        var watchers = new List<IPollable>();
        const int wakeIx = 0, evIx = 1;
        byte[] buf = new byte[256 * 1024];
        long nextStats = Environment.TickCount64 + StatsIntervalMs;

        // Catch changes between the teams' start and our subscription.
        foreach (Team t in _teams)
        {
            t.Resync(_ctx!.Links, Environment.TickCount64);
        }

        while (!_stop)
        {
            long now = Environment.TickCount64;
            long next = nextStats;
            foreach (Team t in _teams)
            {
                next = Math.Min(next, t.NextDeadline());
            }

            // The poll set is rebuilt each round (no allocation): the wake eventfd (0), the rtnetlink
            // events (1), the control socket's descriptors, then the link watchers' and the runners'
            // sockets, which come and go with ports.
            PollControl(poller, _wake.Fd, events.Fd);
            int watchBase = poller.Count;
            watchers.Clear();
            foreach (Team t in _teams)
            {
                t.CollectPollables(watchers);
            }

            int watchCount = Math.Min(watchers.Count, MaxWatcherFds);
            for (int i = 0; i < watchCount; i++)
            {
                poller.Add(watchers[i].Fd);
            }

            poller.Wait((int)Math.Clamp(next - now, 0, StatsIntervalMs));
            for (int i = 0; i < watchCount; i++)
            {
                if (poller.IsReadable(watchBase + i))
                {
                    watchers[i].OnReadable(Environment.TickCount64);
                }
            }

            if (poller.IsReadable(wakeIx))
            {
                _wake.Drain();
            }

            while (_commands.TryDequeue(out Action? cmd))
            {
                cmd();
            }

            if (poller.IsReadable(evIx))
            {
                ReadLinkEvents(events, buf);
            }

            now = Environment.TickCount64;
            for (int i = 0; i < _teams.Count; i++)
            {
                _teams[i].OnTimer(now);
            }

            if (now >= nextStats)
            {
                nextStats = now + StatsIntervalMs;
                foreach (Team t in _teams)
                {
                    t.PollRingStats();
                }
            }

            ServiceControl(poller);
        }
    }

    private void ReadLinkEvents(NetlinkSocket events, byte[] buf)
    {
        while (true)
        {
            int n = events.Receive(buf);
            if (n < 0)
            {
                if (n == -(int)Errno.ENOBUFS)
                {
                    // Events were lost: re-read the truth instead of guessing.
                    foreach (Team t in _teams.ToArray())
                    {
                        t.Resync(_ctx!.Links, Environment.TickCount64);
                    }

                    continue;
                }

                return;
            }

            long now = Environment.TickCount64;
            var reader = new NlMessageReader(buf.AsSpan(0, n));
            while (reader.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload))
            {
                if (RtnlClient.TryParseLink(h, payload, out LinkInfo link))
                {
                    foreach (Team t in _teams.ToArray())
                    {
                        t.OnLinkEvent(link, now);
                    }
                }
            }
        }
    }

    /// <summary>Queues work for the control thread (from signal handlers and other threads).</summary>
    public void Post(Action action)
    {
        _commands.Enqueue(action);
        _wake.Signal();
    }

    public void RequestStop() => Post(() => _stop = true);

    private void RegisterSignals()
    {
        if (_signals.Count > 0)
        {
            return;
        }

        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Post(() => { Log.Signal(_log, "SIGTERM"); _stop = true; }); }));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Post(() => { Log.Signal(_log, "SIGINT"); _stop = true; }); }));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Post(() => { Log.Signal(_log, "SIGHUP"); Reload(); }); }));
        _signals.Add(PosixSignalRegistration.Create((PosixSignal)Constants.SIGUSR1, c => { c.Cancel = true; Post(DumpState); }));
        _signals.Add(PosixSignalRegistration.Create((PosixSignal)Constants.SIGUSR2, c => { c.Cancel = true; Post(() => { Log.Signal(_log, "SIGUSR2: exiting, the teams stay for the next daemon"); _keep = true; _stop = true; }); }));
    }

    /// <summary>SIGUSR1: the state view and the JSON state document of every team, to the log.</summary>
    public void DumpState()
    {
        foreach (Team t in _teams)
        {
            Log.State(_log, StateWriter.View(t));
            Log.State(_log, "state " + t.Name + " " + t.StateJson());
        }
    }

    private void StopTeams()
    {
        for (int i = _teams.Count - 1; i >= 0; i--)
        {
            _teams[i].Release(_keep);
        }

        _teams.Clear();
    }

    /// <summary>Stops the teams before the control socket goes: its lock is what makes the state file ours.</summary>
    public void Dispose()
    {
        foreach (PosixSignalRegistration s in _signals)
        {
            s.Dispose();
        }

        StopTeams();
        _server?.Dispose();
        _server = null;
        _ctx?.Dispose();
        _wake.Dispose();
    }
}
