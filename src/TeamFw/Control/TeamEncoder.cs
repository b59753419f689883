// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// The team family's replies and events, framed as team_nl_send_options_get / _port_list_get frame
/// them: each datagram (one kernel skb, <see cref="ProtocolLimits.ReplyDatagram"/> bytes) holds one
/// message with TEAM_IFINDEX and a list of as many items as fit, flags <c>flags | NLM_F_MULTI</c>; the
/// payload-less NLMSG_DONE follows the last message in the same datagram when it fits, else alone.
/// Emitting CHANGED clears the bit (on the instance or port), as the kernel's fill functions do.
/// </summary>
public static class TeamEncoder
{
    /// <summary>Writes the option instances. Returns 0, or -EMSGSIZE when one item alone does not fit a datagram.</summary>
    public static ControlError WriteOptions(IDatagramSink sink, Span<byte> scratch, ushort flags, uint seq, uint pid, TeamControlState team, IReadOnlyList<OptionInstance> list)
    {
        int next = 0;
        Span<byte> room = scratch[..ProtocolLimits.ReplyDatagram];
        while (true)
        {
            var w = NlWriter.Bounded(room);
            w.BeginGenl(GenlFamily.TeamId, (ushort)(flags | Nl.FMulti), seq, pid, (byte)TeamCmd.OptionsGet, GenlFamily.TeamVersion);
            w.WriteU32((ushort)TeamAttr.TeamIfindex, (uint)team.Target.IfIndex);
            int nest = w.BeginNest((ushort)TeamAttr.ListOption);
            int written = 0;
            while (next < list.Count && TryWriteOption(ref w, team, list[next]))
            {
                next++;
                written++;
            }

            if (next < list.Count && written == 0)
            {
                return ControlError.Of(Errno.EMSGSIZE, $"option {list[next]} does not fit in a reply");
            }

            w.EndNest(nest);
            w.EndMessage();
            if (next < list.Count)
            {
                sink.Send(w.Written);
                continue;
            }

            Finish(sink, ref w, room, flags, seq, pid);
            return ControlError.Ok;
        }
    }

    /// <summary>Writes all ports, or only <paramref name="one"/> (an event). An empty team still sends one empty LIST_PORT.</summary>
    public static ControlError WritePorts(IDatagramSink sink, Span<byte> scratch, ushort flags, uint seq, uint pid, TeamControlState team, PortRecord? one)
    {
        IReadOnlyList<PortRecord> ports = team.Ports;
        int next = 0;
        int count = one is null ? ports.Count : 1;
        Span<byte> room = scratch[..ProtocolLimits.ReplyDatagram];
        while (true)
        {
            var w = NlWriter.Bounded(room);
            w.BeginGenl(GenlFamily.TeamId, (ushort)(flags | Nl.FMulti), seq, pid, (byte)TeamCmd.PortListGet, GenlFamily.TeamVersion);
            w.WriteU32((ushort)TeamAttr.TeamIfindex, (uint)team.Target.IfIndex);
            int nest = w.BeginNest((ushort)TeamAttr.ListPort);
            int written = 0;
            while (next < count && TryWritePort(ref w, one ?? ports[next]))
            {
                next++;
                written++;
            }

            if (next < count && written == 0)
            {
                return ControlError.Of(Errno.EMSGSIZE, "a port does not fit in a reply");
            }

            w.EndNest(nest);
            w.EndMessage();
            if (next < count)
            {
                sink.Send(w.Written);
                continue;
            }

            Finish(sink, ref w, room, flags, seq, pid);
            return ControlError.Ok;
        }
    }

    /// <summary>team_nl_fill_one_option_get: NAME, PORT_IFINDEX, ARRAY_INDEX, TYPE, DATA, REMOVED, CHANGED.</summary>
    public static bool TryWriteOption(ref NlWriter w, TeamControlState team, OptionInstance i)
    {
        int mark = w.Mark();
        OptionDescriptor o = i.Option;
        int item = w.BeginNest((ushort)TeamAttrItemOption.Option);
        w.WriteString((ushort)TeamAttrOption.Name, o.Name);
        if (i.Port is not null)
        {
            w.WriteU32((ushort)TeamAttrOption.PortIfindex, (uint)i.Port.IfIndex);
        }

        if (o.ArraySize > 0)
        {
            w.WriteU32((ushort)TeamAttrOption.ArrayIndex, i.ArrayIndex);
        }

        w.WriteU8((ushort)TeamAttrOption.Type, (byte)OptionTypes.Wire(o.Type));
        WriteData(ref w, team.Get(i));

        if (i.Removed)
        {
            w.WriteFlag((ushort)TeamAttrOption.Removed);
        }

        if (i.Changed)
        {
            w.WriteFlag((ushort)TeamAttrOption.Changed);
        }

        w.EndNest(item);
        if (w.Overflowed)
        {
            w.Rollback(mark);
            return false;
        }

        i.Changed = false;
        return true;
    }

    /// <summary>TEAM_ATTR_OPTION_DATA as each type carries it: u32/s32 (4 bytes), NUL-terminated string, raw bytes, and for a bool a flag present only when true.</summary>
    public static void WriteData(ref NlWriter w, OptionValue v)
    {
        switch (v.Type)
        {
            case OptionType.U32:
                w.WriteU32((ushort)TeamAttrOption.Data, v.U32);
                break;
            case OptionType.S32:
                w.WriteS32((ushort)TeamAttrOption.Data, v.S32);
                break;
            case OptionType.String:
                w.WriteString((ushort)TeamAttrOption.Data, v.String);
                break;
            case OptionType.Binary:
                w.WriteAttr((ushort)TeamAttrOption.Data, v.Binary);
                break;
            case OptionType.Bool:
                if (v.Bool)
                {
                    w.WriteFlag((ushort)TeamAttrOption.Data);
                }

                break;
        }
    }

    /// <summary>team_nl_fill_one_port_get: IFINDEX, CHANGED, REMOVED, LINKUP, SPEED, DUPLEX.</summary>
    public static bool TryWritePort(ref NlWriter w, PortRecord p)
    {
        int mark = w.Mark();
        int item = w.BeginNest((ushort)TeamAttrItemPort.Port);
        w.WriteU32((ushort)TeamAttrPort.Ifindex, (uint)p.IfIndex);
        if (p.Changed)
        {
            w.WriteFlag((ushort)TeamAttrPort.Changed);
        }

        if (p.Removed)
        {
            w.WriteFlag((ushort)TeamAttrPort.Removed);
        }

        if (p.Linkup)
        {
            w.WriteFlag((ushort)TeamAttrPort.Linkup);
        }

        w.WriteU32((ushort)TeamAttrPort.Speed, p.Speed);
        w.WriteU8((ushort)TeamAttrPort.Duplex, p.Duplex);
        w.EndNest(item);
        if (w.Overflowed)
        {
            w.Rollback(mark);
            return false;
        }

        p.Changed = false;
        return true;
    }

    /// <summary>The trailing NLMSG_DONE: in this datagram when 16 bytes remain, else in a datagram of its own.</summary>
    private static void Finish(IDatagramSink sink, ref NlWriter w, Span<byte> room, ushort flags, uint seq, uint pid)
    {
        int mark = w.Mark();
        w.WriteDone((ushort)(flags | Nl.FMulti), seq, pid);
        if (w.Overflowed)
        {
            w.Rollback(mark);
            sink.Send(w.Written);
            w = NlWriter.Bounded(room);
            w.WriteDone((ushort)(flags | Nl.FMulti), seq, pid);
        }

        sink.Send(w.Written);
    }
}
