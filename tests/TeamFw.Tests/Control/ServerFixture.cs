// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging.Abstractions;
using TeamFw.Control;
using TeamFw.Native.Sockets;

namespace TeamFw.Tests.Control;

/// <summary>
/// A real control server on a socket in a private temp directory, with a fake backend holding team0
/// (ifindex 7, activebackup, ports eth1=3 and eth2=4). <see cref="Exchange(ControlConnection, byte[])"/> feeds a datagram straight to
/// the dispatcher through a connection of chosen rights and returns what it queued; <see cref="Serve"/>
/// runs the poll loop on a thread for real clients.
/// </summary>
public sealed class ServerFixture : IDisposable
{
    private readonly string _dir;
    private Thread? _thread;
    private volatile bool _stop;

    public ServerFixture()
    {
        _dir = Directory.CreateTempSubdirectory("teamfw-ctl-").FullName;
        Backend = new FakeBackend();
        Server = new ControlServer(ControlSocketFile.Create(SocketPath), Backend, NullLogger.Instance);
        Backend.Events = Server;
        Team = new FakeControlTeam("team0", 7, "activebackup", Server);
        Team.AddPortRecord("eth1", 3);
        Team.AddPortRecord("eth2", 4, linkup: false);
        Backend.Teams.Add(Team);
    }

    public string SocketPath => Path.Combine(_dir, "teamfw.sock");

    public FakeBackend Backend { get; }

    public FakeControlTeam Team { get; }

    public ControlServer Server { get; }

    /// <summary>A connection that is never read by a peer: what the server sends stays queued for the test.</summary>
    public static ControlConnection Connection(bool admin = true, uint portId = 4242)
        => new(UnixSeqPacket.Create(nonBlocking: true), new PeerCredentials(4242, admin ? 0u : 1000u, admin ? 0u : 1000u, []), portId, admin);

    /// <summary>A connection the server knows (it receives the multicast events of the groups it joins).</summary>
    public ControlConnection Listener(uint group)
    {
        ControlConnection c = Connection(portId: 99);
        c.Join(group);
        Server.Adopt(c);
        return c;
    }

    /// <summary>Handles one datagram and returns the datagrams the server queued in answer.</summary>
    public List<byte[]> Exchange(ControlConnection c, byte[] datagram)
    {
        Server.HandleDatagram(c, datagram);
        return c.TakeQueued();
    }

    public List<byte[]> Exchange(byte[] datagram) => Exchange(Connection(), datagram);

    /// <summary>Runs the server's poll loop on its own thread until Dispose (the backend is then only touched there).</summary>
    public void Serve()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                Server.RunOnce(20);
            }
        })
        { IsBackground = true, Name = "test control server" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _thread?.Join();
        Server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
