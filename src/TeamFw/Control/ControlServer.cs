// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Control.Families;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// The control socket server (README "Control socket"). Requests run on the daemon's control loop, the thread that
/// owns the teams: the loop adds one descriptor (<see cref="AddPollFds"/>) and calls <see cref="Service"/>.
/// Only watching the sockets happens elsewhere, on a <see cref="ReadinessWatcher"/> thread blocked in
/// poll(2), so idle clients cost nothing however often the loop wakes. Everything is non-blocking; a
/// client that misbehaves is answered with an error or closed, never waited for.
/// </summary>
public sealed partial class ControlServer : IDisposable
{
    /// <summary>Datagrams read from one client per round, so one busy client cannot starve the others.</summary>
    private const int ReadsPerRound = 32;

    private readonly ControlSocketFile _file;
    private readonly List<ControlConnection> _connections = new();
    private readonly byte[] _recv = new byte[ProtocolLimits.MaxMessage];
    private readonly byte[] _scratch = new byte[ProtocolLimits.MaxReply];
    private readonly ILogger _log;
    private int _readyIndex = -1;
    private ReadinessWatcher? _watcher;
    private uint _nextPortId = 0x80000000u - 4096;

    public ControlServer(ControlSocketFile file, IControlBackend backend, ILogger log)
    {
        _file = file;
        Backend = backend;
        _log = log;
        Families = [new NlctrlFamily(this), new TeamFamily(), new TeamfwFamily()];
    }

    /// <summary>Connections polled by the loop itself while active.</summary>
    public const int MaxHot = 8;

    /// <summary>A connection quiet for this long goes back to the watcher thread.</summary>
    public const int HotMs = 200;

    /// <summary>Poll slots this server adds to the daemon's loop: the watcher's and the active connections'.</summary>
    public const int MaxPollSlots = 1 + MaxHot;

    public IControlBackend Backend { get; }

    public string Path => _file.Path;

    public IReadOnlyList<GenlFamilyHandler> Families { get; }

    /// <summary>The reply buffer handlers encode into (one request at a time).</summary>
    public Span<byte> Scratch => _scratch;

    public GenlFamilyHandler? FindFamily(ushort id)
    {
        foreach (GenlFamilyHandler f in Families)
        {
            if (f.Id == id)
            {
                return f;
            }
        }

        return null;
    }

    public GenlFamilyHandler? FindFamily(string name)
    {
        foreach (GenlFamilyHandler f in Families)
        {
            if (f.Name == name)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds what the loop watches itself: the <see cref="ReadinessWatcher"/>'s descriptor (readable when
    /// the listener or an idle connection is ready) and the few connections active in the last
    /// <see cref="HotMs"/> ms, so a busy client's requests cost no extra thread hop while idle ones cost
    /// the loop nothing.
    /// </summary>
    public void AddPollFds(Poller poller)
    {
        _watcher ??= new ReadinessWatcher(BuildInterest());
        _readyIndex = poller.Add(_watcher.ReadyFd);
        long now = Environment.TickCount64;
        bool cooled = false;
        foreach (ControlConnection c in _connections)
        {
            if (c.Hot && now - c.LastActive > HotMs)
            {
                c.Hot = false;
                cooled = true;
            }

            c.PollIndex = c.Hot && !c.Closed ? poller.Add(c.Socket.Fd, readable: c.WantsInput, writable: c.HasOutput) : -1;
        }

        if (cooled)
        {
            _watcher.Arm(BuildInterest());
        }
    }

    /// <summary>Accepts, reads and answers what is ready, sends what is queued, and re-arms the watcher.</summary>
    public void Service(Poller poller)
    {
        if (_watcher is null)
        {
            return;
        }

        for (int i = 0; i < _connections.Count; i++)
        {
            ControlConnection c = _connections[i];
            if (c.PollIndex >= 0 && !c.Closed && c.WantsInput && poller.IsReadable(c.PollIndex))
            {
                ReadFrom(c);
            }
        }

        bool rearm = false;
        if (_readyIndex >= 0 && poller.IsReadable(_readyIndex) && _watcher.Take() is Ready ready)
        {
            rearm = true;
            for (int i = 0; i < ready.Flags.Length; i++)
            {
                ControlConnection? c = ready.Set.Connections[i];
                if (!ready.Flags[i])
                {
                    continue;
                }

                if (c is null)
                {
                    AcceptAll();
                }
                else if (!c.Closed && c.WantsInput)
                {
                    c.Hot = HotCount() < MaxHot;
                    ReadFrom(c);
                }
            }
        }

        FlushAll();
        if (rearm)
        {
            _watcher.Arm(BuildInterest());
        }
    }

    private int HotCount()
    {
        int n = 0;
        foreach (ControlConnection c in _connections)
        {
            n += c.Hot ? 1 : 0;
        }

        return n;
    }

    /// <summary>The listener, then every idle connection: readable unless its queue is full, writable while it has output.</summary>
    private Interest BuildInterest()
    {
        List<ControlConnection> idle = _connections.FindAll(static c => !c.Hot && !c.Closed);
        int n = 1 + idle.Count;
        var fds = new int[n];
        var read = new bool[n];
        var write = new bool[n];
        var conns = new ControlConnection?[n];
        fds[0] = _file.Socket.Fd;
        read[0] = true;
        for (int i = 1; i < n; i++)
        {
            ControlConnection c = idle[i - 1];
            fds[i] = c.Socket.Fd;
            read[i] = c.WantsInput;
            write[i] = c.HasOutput;
            conns[i] = c;
        }

        return new Interest(fds, read, write, conns);
    }

    /// <summary>Re-arms the watcher when what should be watched changed (a queue filled or drained, a connection went).</summary>
    private void RearmIfChanged()
    {
        if (_watcher is null)
        {
            return;
        }

        Interest now = _watcher.Current;
        int k = 1;
        bool same = true;
        foreach (ControlConnection c in _connections)
        {
            if (c.Hot || c.Closed)
            {
                continue;
            }

            same &= k < now.Connections.Length && ReferenceEquals(now.Connections[k], c) && now.Read[k] == c.WantsInput && now.Write[k] == c.HasOutput;
            k++;
        }

        same &= k == now.Connections.Length;

        if (!same)
        {
            _watcher.Arm(BuildInterest());
        }
    }

    /// <summary>One poll round on a private poll set (tests and tools that run the server alone).</summary>
    public void RunOnce(int timeoutMs)
    {
        using var poller = new Poller(MaxPollSlots);
        AddPollFds(poller);
        poller.Wait(timeoutMs);
        Service(poller);
    }

    /// <summary>Serves a connection made elsewhere (tests drive the dispatcher through such connections).</summary>
    internal void Adopt(ControlConnection c) => _connections.Add(c);

    /// <summary>Sends what is queued on every connection and drops the ones that broke.</summary>
    public void FlushAll()
    {
        foreach (ControlConnection c in _connections)
        {
            if (!c.Closed && c.HasOutput | c.Overrun)
            {
                c.Flush();
            }
        }

        _connections.RemoveAll(static c => c.Closed);
        RearmIfChanged();
    }

    private void AcceptAll()
    {
        while (true)
        {
            UnixSeqPacket? s = _file.Socket.Accept(out Errno e);
            if (s is null)
            {
                if (e != Errno.EAGAIN && e != Errno.EINTR && e != Errno.ECONNREFUSED)
                {
                    Logging.Log.ControlAcceptFailed(_log, ErrnoException.ErrnoName(e));
                }

                return;
            }

            PeerCredentials peer;
            try
            {
                peer = s.Peer();
            }
            catch (ErrnoException)
            {
                s.Dispose();
                continue;
            }

            var c = new ControlConnection(s, peer, PortIdFor(peer), peer.IsRootOrMemberOf(_file.Group));
            if (_connections.Count >= ProtocolLimits.MaxConnections)
            {
                RefuseCrowded(c);
                continue;
            }

            _connections.Add(c);
        }
    }

    /// <summary>The 65th client: one NLMSG_ERROR -EUSERS in words, then the connection is closed.</summary>
    private void RefuseCrowded(ControlConnection c)
    {
        Span<byte> none = stackalloc byte[Nl.HeaderLength];
        none.Clear();
        var w = NlWriter.Bounded(_scratch);
        w.WriteError(-(int)Errno.EUSERS, none, c.PortId, $"too many control connections (at most {ProtocolLimits.MaxConnections}); try again later");
        c.Socket.Send(w.Written, dontWait: true);
        Logging.Log.ControlRefusedConnection(_log, c.Peer.Pid, c.Peer.Uid, ProtocolLimits.MaxConnections);
        c.Dispose();
    }

    /// <summary>Like netlink autobind: the first socket of a process gets its pid, later ones unique negative ids.</summary>
    private uint PortIdFor(PeerCredentials peer)
    {
        uint pid = (uint)peer.Pid;
        if (pid != 0 && !_connections.Exists(c => c.PortId == pid))
        {
            return pid;
        }

        uint id;
        do
        {
            id = _nextPortId--;
        }
        while (_connections.Exists(c => c.PortId == id));
        return id;
    }

    private void ReadFrom(ControlConnection c)
    {
        for (int round = 0; round < ReadsPerRound && c.WantsInput && !c.Closed; round++)
        {
            int n = c.Socket.Receive(_recv, dontWait: true);
            if (n == -(int)Errno.EAGAIN)
            {
                return;
            }

            if (n <= 0)
            {
                c.Dispose();
                return;
            }

            if (n > _recv.Length)
            {
                RefuseOversize(c, n);
                continue;
            }

            c.LastActive = Environment.TickCount64;
            HandleDatagram(c, _recv.AsSpan(0, n));
        }
    }

    private void RefuseOversize(ControlConnection c, int n)
    {
        var w = NlWriter.Bounded(_scratch);
        ReadOnlySpan<byte> header = _recv.AsSpan(0, Nl.HeaderLength);
        string text = $"message of {n} bytes is larger than the {ProtocolLimits.MaxMessage}-byte limit";
        w.WriteError(-(int)Errno.EMSGSIZE, header, c.PortId, text, capped: true);
        c.Send(w.Written);
        Refused(c, "oversize", Errno.EMSGSIZE, text);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        foreach (ControlConnection c in _connections)
        {
            c.Dispose();
        }

        _connections.Clear();
        _file.Dispose();
    }
}
