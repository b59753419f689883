// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Control.Families;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Control;

/// <summary>
/// The control socket server (SPEC §5). It has no thread of its own: the daemon's control loop adds
/// its descriptors to the loop's poll set (<see cref="AddPollFds"/>) and hands it the ready ones
/// (<see cref="Service"/>), so requests run on the thread that owns the teams and idle clients cost
/// nothing. Everything is non-blocking; a client that misbehaves is answered with an error or
/// closed, never waited for.
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
    private int _listenIndex = -1;
    private uint _nextPortId = 0x80000000u - 4096;

    public ControlServer(ControlSocketFile file, IControlBackend backend, ILogger log)
    {
        _file = file;
        Backend = backend;
        _log = log;
        Families = [new NlctrlFamily(this), new TeamFamily(), new TeamfwFamily()];
    }

    /// <summary>Poll slots this server may add: the listener and one per connection.</summary>
    public const int MaxPollSlots = ProtocolLimits.MaxConnections + 1;

    public IControlBackend Backend { get; }

    public string Path => _file.Path;

    public IReadOnlyList<GenlFamilyHandler> Families { get; }

    public int ConnectionCount => _connections.Count;

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

    /// <summary>Adds the listener and every connection: readable unless its queue is full, writable while it has output.</summary>
    public void AddPollFds(Poller poller)
    {
        _listenIndex = poller.Add(_file.Socket.Fd);
        foreach (ControlConnection c in _connections)
        {
            c.PollIndex = poller.Add(c.Socket.Fd, readable: c.WantsInput, writable: c.HasOutput);
        }
    }

    /// <summary>Accepts, reads and answers what the last poll found ready, then sends what is queued.</summary>
    public void Service(Poller poller)
    {
        if (_listenIndex >= 0 && poller.IsReadable(_listenIndex))
        {
            AcceptAll();
        }

        for (int i = 0; i < _connections.Count; i++)
        {
            ControlConnection c = _connections[i];
            if (c.PollIndex < 0 || c.Closed)
            {
                continue;
            }

            if (poller.IsReadable(c.PollIndex) && c.WantsInput)
            {
                ReadFrom(c);
            }
        }

        FlushAll();
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
        Span<byte> none = stackalloc byte[Netlink.Nl.HeaderLength];
        none.Clear();
        var w = new GenlWriter(_scratch);
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

            HandleDatagram(c, _recv.AsSpan(0, n));
        }
    }

    private void RefuseOversize(ControlConnection c, int n)
    {
        var w = new GenlWriter(_scratch);
        ReadOnlySpan<byte> header = _recv.AsSpan(0, Netlink.Nl.HeaderLength);
        string text = $"message of {n} bytes is larger than the {ProtocolLimits.MaxMessage}-byte limit";
        w.WriteError(-(int)Errno.EMSGSIZE, header, c.PortId, text, capped: true);
        c.Send(w.Written);
        Refused(c, "oversize", Errno.EMSGSIZE, text);
    }

    public void Dispose()
    {
        foreach (ControlConnection c in _connections)
        {
            c.Dispose();
        }

        _connections.Clear();
        _file.Dispose();
    }
}
