// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Control;

public ref partial struct GenlWriter
{
    /// <summary>nlmsg_put: a 16-byte header whose length <see cref="EndMessage"/> fills in.</summary>
    public void BeginMessage(ushort type, ushort flags, uint seq, uint pid)
    {
        int start = Length;
        Span<byte> h = Reserve(Netlink.Nl.HeaderLength);
        if (h.IsEmpty)
        {
            return;
        }

        _msgStart = start;
        PutU32(h, 0);
        PutU16(h[4..], type);
        PutU16(h[6..], flags);
        PutU32(h[8..], seq);
        PutU32(h[12..], pid);
    }

    /// <summary>genlmsg_put: the netlink header plus {cmd, version, reserved 0}.</summary>
    public void BeginGenl(ushort family, ushort flags, uint seq, uint pid, byte cmd, byte version)
    {
        BeginMessage(family, flags, seq, pid);
        Span<byte> g = Reserve(GenlFamily.GenlHeaderLength);
        if (g.IsEmpty)
        {
            return;
        }

        g[0] = cmd;
        g[1] = version;
        g[2] = 0;
        g[3] = 0;
    }

    /// <summary>nlmsg_end: patches nlmsg_len to cover everything written since the header.</summary>
    public void EndMessage()
    {
        if (!Overflowed && _msgStart >= 0)
        {
            PutU32(_buf[_msgStart..], (uint)(Length - _msgStart));
        }

        _msgStart = -1;
    }

    /// <summary>A payload-less NLMSG_DONE (16 bytes), as the team family ends a multi-part reply.</summary>
    public void WriteDone(ushort flags, uint seq, uint pid)
    {
        BeginMessage(NlFlags.NlmsgDone, flags, seq, pid);
        EndMessage();
    }

    /// <summary>NLMSG_DONE with the int errno payload that ends a netlink dump (netlink_dump_done).</summary>
    public void WriteDumpDone(int error, ushort flags, uint seq, uint pid)
    {
        BeginMessage(NlFlags.NlmsgDone, flags, seq, pid);
        Span<byte> e = Reserve(4);
        if (!e.IsEmpty)
        {
            PutU32(e, (uint)error);
        }

        EndMessage();
    }

    /// <summary>
    /// NLMSG_ERROR as netlink_ack builds it: error, the request's header, then (unless capped) the
    /// request's payload padded to 4, then NLMSGERR_ATTR_MSG when <paramref name="text"/> is given
    /// (and NLMSGERR_ATTR_OFFS, the offending attribute's offset in the request, when known).
    /// A success ack (error 0) is always capped.
    /// </summary>
    public void WriteError(int error, scoped ReadOnlySpan<byte> request, uint pid, string? text, bool capped = false, int attributeOffset = -1)
    {
        capped |= error == 0;
        ushort flags = (ushort)((capped ? NlFlags.Capped : 0) | (text is null ? 0 : NlFlags.AckTlvs));
        Span<byte> header = stackalloc byte[Netlink.Nl.HeaderLength];
        header.Clear();
        request[..Math.Min(request.Length, header.Length)].CopyTo(header);
        uint seq = Netlink.NlMessageReader.ReadU32(header[8..]);
        BeginMessage(NlFlags.NlmsgError, flags, seq, pid);
        Span<byte> e = Reserve(4 + Netlink.Nl.HeaderLength);
        if (e.IsEmpty)
        {
            return;
        }

        PutU32(e, (uint)error);
        header.CopyTo(e[4..]);
        if (!capped && request.Length > Netlink.Nl.HeaderLength)
        {
            WriteRaw(request[Netlink.Nl.HeaderLength..]);
        }

        if (text is not null)
        {
            WriteString((ushort)NlmsgErrAttr.Msg, text);
            if (attributeOffset >= 0)
            {
                WriteU32((ushort)NlmsgErrAttr.Offs, (uint)attributeOffset);
            }
        }

        EndMessage();
    }

    /// <summary>Raw bytes (a fixed family header, an echoed payload), zero-padded to 4.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Span<byte> s = Reserve(Align(bytes.Length));
        if (s.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(s);
        s[bytes.Length..].Clear();
    }
}
