// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using TeamFw.Control.Families;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

public sealed partial class ControlServer
{
    private long _refusedWindow;

    /// <summary>Requests that hit a bug (answered -EIO and logged); the fuzz tests require none.</summary>
    public int InternalErrors { get; private set; }

    private int _refusedInWindow;
    private int _refusedSuppressed;

    /// <summary>
    /// One datagram, message by message, as netlink_rcv_skb and genl_rcv_msg process it: non-requests
    /// and control types are only acknowledged (when NLM_F_ACK asks); an unknown family is -ENOENT, an
    /// unknown command or a dump of a do-only command -EOPNOTSUPP, an admin command from a non-admin
    /// -EPERM, bad attributes -EINVAL/-ERANGE; successful dumps end with NLMSG_DONE and get no ack.
    /// </summary>
    public void HandleDatagram(ControlConnection c, ReadOnlySpan<byte> datagram)
    {
        var messages = new NlMessageReader(datagram);
        bool changed = false;
        while (!c.Closed && messages.TryNext(out ReadOnlySpan<byte> message))
        {
            NlHeader h = NlHeader.Read(message);
            ControlError err = ControlError.Ok;
            int offset = -1;
            bool skipAck = false;
            if ((h.Flags & Nl.FRequest) != 0 && h.Type >= Nl.NlmsgMinType)
            {
                try
                {
                    err = Dispatch(c, message, h, ref changed, out skipAck);
                }
                catch (ControlProtocolException e)
                {
                    err = ControlError.Of(e.Errno, e.Message);
                    offset = e.AttributeOffset;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bug must not take the daemon or the other clients down: answer and log it.
                    err = ControlError.Of(Errno.EIO, "internal error: " + e.Message);
                    InternalErrors++;
                    Logging.Log.ControlInternalError(_log, e.ToString());
                }
            }

            if (err.IsError)
            {
                Refused(c, FamilyName(h.Type), err.Errno, err.Message ?? string.Empty);
            }

            if (!skipAck && ((h.Flags & Nl.FAck) != 0 || err.IsError))
            {
                var w = NlWriter.Bounded(_scratch);
                w.WriteError(-(int)err.Errno, message, c.PortId, err.IsError ? err.Message ?? ErrnoException.ErrnoName(err.Errno) : null, attributeOffset: offset);
                c.Send(w.Written);
            }
        }

        if (changed)
        {
            Backend.Sync();
        }
    }

    private ControlError Dispatch(ControlConnection c, ReadOnlySpan<byte> message, NlHeader h, ref bool changed, out bool skipAck)
    {
        skipAck = false;
        GenlFamilyHandler? family = FindFamily(h.Type);
        if (family is null)
        {
            return ControlError.Of(Errno.ENOENT, $"no generic netlink family with id 0x{h.Type:x}");
        }

        GenlReader r = GenlReader.Genl(message, (int)family.HeaderSize);
        GenlOp? found = family.FindOp(r.Cmd);
        bool dump = (h.Flags & Nl.FDump) == Nl.FDump;
        if (found is not GenlOp op || (dump ? !op.CanDump : !op.CanDo))
        {
            return ControlError.Of(Errno.EOPNOTSUPP, found is null
                ? $"family {family.Name} has no command {r.Cmd}"
                : $"{family.Name} command {r.Cmd} cannot be {(dump ? "dumped" : "done, only dumped")}");
        }

        if (op.Admin && !c.IsAdmin)
        {
            return ControlError.Of(Errno.EPERM, $"{family.Name} command {r.Cmd} needs uid 0 or membership of the socket's group (gid {_file.Group}); peer has uid {c.Peer.Uid}");
        }

        r.Validate(family.Policy);
        ControlError err = family.Handle(new Request(r, r.Parse(), c, this, dump));
        changed |= op.Admin;
        skipAck = dump && !err.IsError;
        return err;
    }

    private string FamilyName(ushort type) => FindFamily(type)?.Name ?? "0x" + type.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Logs a refused request once, at most ten a second; the rest are counted and reported.</summary>
    private void Refused(ControlConnection c, string family, Errno errno, string reason)
    {
        long second = Environment.TickCount64 / 1000;
        if (second != _refusedWindow)
        {
            if (_refusedSuppressed > 0)
            {
                Logging.Log.ControlRefusedSuppressed(_log, _refusedSuppressed);
            }

            _refusedWindow = second;
            _refusedInWindow = 0;
            _refusedSuppressed = 0;
        }

        if (++_refusedInWindow > 10)
        {
            _refusedSuppressed++;
            return;
        }

        Logging.Log.ControlRefused(_log, c.Peer.Pid, c.Peer.Uid, family, ErrnoException.ErrnoName(errno), reason);
    }
}
