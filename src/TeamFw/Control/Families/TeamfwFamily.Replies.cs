// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;
using TeamFw.Stats;

namespace TeamFw.Control.Families;

public sealed partial class TeamfwFamily
{
    private delegate void MessageBody(ref NlWriter w, IControlSocketTeam team);

    private static ControlError LinkGet(in Request request) => GetOrDump(request, TeamfwCmd.LinkGet, WriteLink);

    private static ControlError StatsGet(in Request request) => GetOrDump(request, TeamfwCmd.StatsGet, WriteStats);

    /// <summary>
    /// A do names one team and gets one message; a dump gets one message per team (NLM_F_MULTI), packed into
    /// datagrams, and NLMSG_DONE carrying int 0, as netlink_dump ends a dump.
    /// </summary>
    private static ControlError GetOrDump(in Request request, TeamfwCmd cmd, MessageBody body)
    {
        if (!request.IsDump)
        {
            if (FindTeam(request, out IControlSocketTeam? team) is { IsError: true } e)
            {
                return e;
            }

            var one = NlWriter.Bounded(request.Scratch);
            WriteMessage(ref one, cmd, 0, request.Seq, request.PortId, team!, body);
            return Send(request, one);
        }

        var w = NlWriter.Bounded(request.Scratch[..ProtocolLimits.ReplyDatagram]);
        IReadOnlyList<IControlSocketTeam> teams = request.Server.Backend.ControlTeams;
        for (int i = 0; i < teams.Count; i++)
        {
            int mark = w.Mark();
            WriteMessage(ref w, cmd, Nl.FMulti, request.Seq, request.PortId, teams[i], body);
            if (w.Overflowed)
            {
                w.Rollback(mark);
                if (mark == 0)
                {
                    return ControlError.Of(Errno.EMSGSIZE, $"team {teams[i].Name} does not fit in a dump message");
                }

                request.Connection.Send(w.Written);
                w = NlWriter.Bounded(request.Scratch[..ProtocolLimits.ReplyDatagram]);
                i--;
            }
        }

        int done = w.Mark();
        w.WriteDumpDone(0, Nl.FMulti, request.Seq, request.PortId);
        if (w.Overflowed)
        {
            w.Rollback(done);
            request.Connection.Send(w.Written);
            w = NlWriter.Bounded(request.Scratch[..ProtocolLimits.ReplyDatagram]);
            w.WriteDumpDone(0, Nl.FMulti, request.Seq, request.PortId);
        }

        request.Connection.Send(w.Written);
        return ControlError.Ok;
    }

    private static void WriteMessage(ref NlWriter w, TeamfwCmd cmd, ushort flags, uint seq, uint pid, IControlSocketTeam team, MessageBody body)
    {
        w.BeginGenl(GenlFamily.TeamfwId, flags, seq, pid, (byte)cmd, GenlFamily.TeamfwVersion);
        w.WriteU32((ushort)TeamfwAttr.Ifindex, (uint)team.IfIndex);
        w.WriteString((ushort)TeamfwAttr.Ifname, team.Name);
        body(ref w, team);
        w.EndMessage();
    }

    /// <summary>LINK_GET: MODE and LIST_PORT {ITEM_PORT {PORT_IFINDEX, PORT_IFNAME}}.</summary>
    private static void WriteLink(ref NlWriter w, IControlSocketTeam team)
    {
        w.WriteString((ushort)TeamfwAttr.Mode, team.ModeName);
        WritePorts(ref w, team, stats: false);
    }

    /// <summary>STATS_GET: STATS and LIST_PORT {ITEM_PORT {PORT_IFINDEX, PORT_IFNAME, STATS}}.</summary>
    private static void WriteStats(ref NlWriter w, IControlSocketTeam team)
    {
        WriteCounters(ref w, team.Stats);
        WritePorts(ref w, team, stats: true);
    }

    private static void WritePorts(ref NlWriter w, IControlSocketTeam team, bool stats)
    {
        int list = w.BeginNest((ushort)TeamfwAttr.ListPort);
        foreach (ControlPortInfo p in team.PortInfos)
        {
            int item = w.BeginNest((ushort)TeamfwAttrItemPort.ItemPort);
            w.WriteU32((ushort)TeamfwAttr.PortIfindex, (uint)p.IfIndex);
            w.WriteString((ushort)TeamfwAttr.PortIfname, p.Name);
            if (stats)
            {
                WriteCounters(ref w, p.Stats);
            }

            w.EndNest(item);
        }

        w.EndNest(list);
    }

    private static void WriteCounters(ref NlWriter w, StatsSnapshot s)
    {
        int nest = w.BeginNest((ushort)TeamfwAttr.Stats);
        w.WriteU64((ushort)TeamfwAttrStats.RxPackets, s.RxPackets);
        w.WriteU64((ushort)TeamfwAttrStats.RxBytes, s.RxBytes);
        w.WriteU64((ushort)TeamfwAttrStats.RxMulticast, s.RxMulticast);
        w.WriteU64((ushort)TeamfwAttrStats.RxDropped, s.RxDropped);
        w.WriteU64((ushort)TeamfwAttrStats.RxNohandler, s.RxNoHandler);
        w.WriteU64((ushort)TeamfwAttrStats.TxPackets, s.TxPackets);
        w.WriteU64((ushort)TeamfwAttrStats.TxBytes, s.TxBytes);
        w.WriteU64((ushort)TeamfwAttrStats.TxDropped, s.TxDropped);
        w.EndNest(nest);
    }

    /// <summary>STATE_GET / CONFIG_GET: one message with IFINDEX, IFNAME and JSON.</summary>
    private static ControlError ReplyJson(in Request request, IControlSocketTeam team, string json)
    {
        var w = NlWriter.Bounded(request.Scratch);
        w.BeginGenl(GenlFamily.TeamfwId, 0, request.Seq, request.PortId, request.Cmd, GenlFamily.TeamfwVersion);
        w.WriteU32((ushort)TeamfwAttr.Ifindex, (uint)team.IfIndex);
        w.WriteString((ushort)TeamfwAttr.Ifname, team.Name);
        w.WriteString((ushort)TeamfwAttr.Json, json);
        w.EndMessage();
        return Send(request, w);
    }

    private static ControlError Send(in Request request, NlWriter w)
    {
        if (w.Overflowed)
        {
            return ControlError.Of(Errno.EMSGSIZE, "the reply is larger than a control message may be");
        }

        request.Connection.Send(w.Written);
        return ControlError.Ok;
    }
}
