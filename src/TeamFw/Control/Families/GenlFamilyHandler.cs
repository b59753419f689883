// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Control.Options;

namespace TeamFw.Control.Families;

/// <summary>One command of a family: its number and the flags nlctrl reports (GENL_ADMIN_PERM, CAP_DO, CAP_DUMP, CAP_HASPOL).</summary>
public readonly record struct GenlOp(byte Cmd, uint Flags)
{
    public bool Admin => (Flags & GenlOpFlags.AdminPerm) != 0;

    public bool CanDo => (Flags & GenlOpFlags.CmdCapDo) != 0;

    public bool CanDump => (Flags & GenlOpFlags.CmdCapDump) != 0;
}

/// <summary>A multicast group: id and name.</summary>
public readonly record struct GenlGroup(uint Id, string Name);

/// <summary>
/// A generic-netlink family served on the control socket: what nlctrl says about it and how its
/// commands are answered. Handlers write replies through <see cref="Request"/> and return 0 or an
/// errno; decode problems throw <see cref="ControlProtocolException"/> via ThrowHelper.
/// </summary>
public abstract class GenlFamilyHandler
{
    public abstract ushort Id { get; }

    public abstract string Name { get; }

    public abstract byte Version { get; }

    public virtual uint HeaderSize => 0;

    public abstract uint MaxAttr { get; }

    public abstract GenlOp[] Ops { get; }

    public abstract GenlGroup[] Groups { get; }

    /// <summary>The top-level attribute policy requests are validated against.</summary>
    public abstract AttrPolicy Policy { get; }

    public GenlOp? FindOp(byte cmd)
    {
        foreach (GenlOp op in Ops)
        {
            if (op.Cmd == cmd)
            {
                return op;
            }
        }

        return null;
    }

    public abstract ControlError Handle(in Request request);
}

/// <summary>
/// One request being answered: the parsed message, its top-level attributes, the connection it came
/// on, and the server (backend, scratch buffer, multicast). Lifetime: this call only.
/// </summary>
public readonly ref struct Request
{
    public Request(GenlReader message, AttrTable attrs, ControlConnection connection, ControlServer server, bool isDump)
    {
        Message = message;
        Attrs = attrs;
        Connection = connection;
        Server = server;
        IsDump = isDump;
    }

    public GenlReader Message { get; }

    public AttrTable Attrs { get; }

    public ControlConnection Connection { get; }

    public ControlServer Server { get; }

    /// <summary>(nlmsg_flags &amp; NLM_F_DUMP) == NLM_F_DUMP.</summary>
    public bool IsDump { get; }

    public uint Seq => Message.Header.Seq;

    /// <summary>The requester's port id, which replies carry.</summary>
    public uint PortId => Connection.PortId;

    public byte Cmd => Message.Cmd;

    public Span<byte> Scratch => Server.Scratch;
}
