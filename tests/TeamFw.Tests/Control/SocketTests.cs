// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.Control;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>Client and server in one process over a real AF_UNIX SEQPACKET socket.</summary>
public sealed class SocketTests
{
    [Fact]
    public void Client_ResolvesFamilies_AndReadsMultiPartReplies()
    {
        using var f = new ServerFixture();
        f.Serve();
        using ControlClient c = ControlClient.Connect(f.SocketPath);

        ResolvedFamily team = c.Resolve("team");
        Assert.Equal((ushort)0x13, team.Id);
        Assert.Equal(2u, team.Groups["change_event"]);
        List<byte[]> replies = c.Request(team.Id, (byte)TeamCmd.OptionsGet, 1, (ref NlWriter w) => w.WriteU32(1, 7));
        Assert.Single(replies);
        Assert.Equal(Hex(Msg(0x13, 6, NlHeader.Read(replies[0]).Seq, (uint)Environment.ProcessId, Genl(2, 1), Attr(1, U32(7)), Attr(2, GoldenTeamTests.Team0Options()))), Hex(replies[0]));
    }

    [Fact]
    public void Client_RemoteError_CarriesErrnoAndText()
    {
        using var f = new ServerFixture();
        f.Serve();
        using ControlClient c = ControlClient.Connect(f.SocketPath);
        ControlRemoteException e = Assert.Throws<ControlRemoteException>(() => c.Request(0x14, (byte)TeamfwCmd.LinkGet, 1, (ref NlWriter w) => w.WriteString(2, "team9")));
        Assert.Equal(Errno.ENODEV, e.Errno);
        Assert.Equal("no team named \"team9\"", e.Text);
    }

    [Fact]
    public void Events_ReachTheJoinedClient_NotTheOthers()
    {
        using var f = new ServerFixture();
        f.Serve();
        using ControlClient listener = ControlClient.Connect(f.SocketPath);
        using ControlClient other = ControlClient.Connect(f.SocketPath);
        using ControlClient setter = ControlClient.Connect(f.SocketPath);
        listener.Join(2);
        setter.Request(0x13, (byte)TeamCmd.OptionsSet, 1, (ref NlWriter w) =>
        {
            w.WriteU32(1, 7);
            int list = w.BeginNest(2);
            int item = w.BeginNest(1);
            w.WriteString(1, "notify_peers_count");
            w.WriteU8(3, 3);
            w.WriteU32(4, 5);
            w.EndNest(item);
            w.EndNest(list);
        });

        byte[]? ev = listener.NextEvent(2000);
        Assert.NotNull(ev);
        Assert.Contains(Hex(Str("notify_peers_count")), Hex(ev));
        Assert.Equal((ushort)0x2, NlHeader.Read(ev).Flags);
        Assert.Null(other.NextEvent(100));
    }

    [Fact]
    public void OversizeMessage_EmsgsizeCapped_ConnectionStillServed()
    {
        using var f = new ServerFixture();
        f.Serve();
        using ControlClient c = ControlClient.Connect(f.SocketPath);
        byte[] big = new byte[ProtocolLimits.MaxMessage + 100];
        Msg(0x14, 5, 77, 0, Genl(0, 1)).CopyTo(big, 0);
        c.SendRaw(big);
        byte[] reply = c.ReceiveDatagram(2000)!;
        Assert.Equal(-(int)Errno.EMSGSIZE, BitConverter.ToInt32(reply, 16));
        Assert.Equal(0x300, BitConverter.ToUInt16(reply, 6)); // NLM_F_CAPPED | NLM_F_ACK_TLVS
        Assert.Single(c.Request(0x14, 0, 1));
    }

    [Fact]
    public void SixtyFifthConnection_ToldEusersAndClosed_OthersServed()
    {
        using var f = new ServerFixture();
        f.Serve();
        var clients = new List<ControlClient>();
        try
        {
            for (int i = 0; i < ProtocolLimits.MaxConnections; i++)
            {
                clients.Add(ControlClient.Connect(f.SocketPath));
                Assert.Single(clients[^1].Request(0x14, 0, 1));
            }

            using ControlClient extra = ControlClient.Connect(f.SocketPath);
            byte[] notice = extra.ReceiveDatagram(2000)!;
            Assert.Equal(-(int)Errno.EUSERS, BitConverter.ToInt32(notice, 16));
            Assert.Throws<ControlUnreachableException>(() => extra.ReceiveDatagram(2000));
            Assert.Single(clients[0].Request(0x14, 0, 1));
        }
        finally
        {
            clients.ForEach(static c => c.Dispose());
        }
    }

    [Fact]
    public void GarbageOverTheSocket_ServerKeepsServing()
    {
        using var f = new ServerFixture();
        f.Serve();
        using ControlClient c = ControlClient.Connect(f.SocketPath);
        var rnd = new Random(7);
        List<byte[]> seeds = Seeds.All();
        for (int i = 0; i < 2000; i++)
        {
            byte[] m = FuzzTests.Mutate(rnd, seeds);
            if (m.Length == 0)
            {
                continue;
            }

            c.SendRaw(m);
            while (c.ReceiveDatagram(i % 50 == 0 ? 50 : 0) is byte[] d && d.Length > 0)
            {
                FuzzTests.AssertWellFormed(d);
            }
        }

        using ControlClient fresh = ControlClient.Connect(f.SocketPath);
        Assert.Single(fresh.Request(0x14, 0, 1));
    }

    [Fact]
    public void Unreachable_NoSocket_ClearMessage()
    {
        ControlUnreachableException e = Assert.Throws<ControlUnreachableException>(() => ControlClient.Connect("/nonexistent/teamfw.sock"));
        Assert.Contains("is the teamfw daemon running?", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>The socket file: mode 0660, one daemon per path, stale sockets replaced, removed on exit.</summary>
public sealed class SocketFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-sock-").FullName;

    private string Path => System.IO.Path.Combine(_dir, "t.sock");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Created_Mode0660_RemovedOnDispose_LockKept()
    {
        using (ControlSocketFile s = ControlSocketFile.Create(Path))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(Path));
            Assert.Empty(Directory.GetFiles(_dir, ".*.tmp"));
        }

        Assert.False(File.Exists(Path));
    }

    [Fact]
    public void SecondDaemon_Refused_NamingTheLock()
    {
        using ControlSocketFile first = ControlSocketFile.Create(Path);
        IOException e = Assert.Throws<IOException>(() => ControlSocketFile.Create(Path));
        Assert.Contains("another teamfw daemon is running", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path));
    }

    [Fact]
    public void StaleSocket_Replaced()
    {
        using (UnixSeqPacket dead = UnixSeqPacket.Create(nonBlocking: false))
        {
            Assert.Equal(Errno.OK, dead.Bind(Path));
        }

        Assert.True(File.Exists(Path));
        using ControlSocketFile s = ControlSocketFile.Create(Path);
        using ControlClient c = ControlClient.Connect(Path);
    }

    [Fact]
    public void ForeignListener_Refused()
    {
        using UnixSeqPacket other = UnixSeqPacket.Create(nonBlocking: false);
        Assert.Equal(Errno.OK, other.Bind(Path));
        Assert.Equal(Errno.OK, other.Listen(4));
        IOException e = Assert.Throws<IOException>(() => ControlSocketFile.Create(Path));
        Assert.Contains("already listening", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symlink_Refused()
    {
        File.CreateSymbolicLink(Path, "/etc/passwd");
        IOException e = Assert.Throws<IOException>(() => ControlSocketFile.Create(Path));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }
}
