// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Netlink;
using TeamFw.Stats;

namespace TeamFw.Cli;

/// <summary>A team as LINK_GET / STATS_GET describe it.</summary>
internal sealed record TeamReply(uint IfIndex, string Name, string Mode, StatsSnapshot Stats, List<PortReply> Ports);

internal sealed record PortReply(uint IfIndex, string Name, StatsSnapshot Stats);

/// <summary>The teamfw family's commands, as typed calls over a <see cref="ControlClient"/>.</summary>
internal static class TeamfwApi
{
    private static ResolvedFamily Family(ControlClient c) => c.Resolve(GenlFamily.TeamfwName);

    private static List<byte[]> Call(ControlClient c, TeamfwCmd cmd, ControlClient.AttrWriter? attrs = null, bool dump = false)
        => c.Request(Family(c).Id, (byte)cmd, GenlFamily.TeamfwVersion, attrs, dump);

    public static TeamReply LinkGet(ControlClient c, string team) => Parse(Call(c, TeamfwCmd.LinkGet, Named(team))[0]);

    public static List<TeamReply> Stats(ControlClient c, string? team)
        => team is null ? ParseAll(Call(c, TeamfwCmd.StatsGet, dump: true)) : [Parse(Call(c, TeamfwCmd.StatsGet, Named(team))[0])];

    public static string StateGet(ControlClient c, string team) => Json(Call(c, TeamfwCmd.StateGet, Named(team)));

    public static string ConfigGet(ControlClient c, string team, uint flags)
        => Json(Call(c, TeamfwCmd.ConfigGet, (ref NlWriter w) =>
        {
            w.WriteString((ushort)TeamfwAttr.Ifname, team);
            w.WriteU32((ushort)TeamfwAttr.Flags, flags);
        }));

    public static void LinkNew(ControlClient c, string json) => Call(c, TeamfwCmd.LinkNew, (ref NlWriter w) => w.WriteString((ushort)TeamfwAttr.Json, json));

    public static void LinkDel(ControlClient c, string team) => Call(c, TeamfwCmd.LinkDel, Named(team));

    public static void PortAdd(ControlClient c, string team, string port) => Call(c, TeamfwCmd.PortAdd, NamedPort(team, port));

    public static void PortDel(ControlClient c, string team, string port) => Call(c, TeamfwCmd.PortDel, NamedPort(team, port));

    public static void StateItemSet(ControlClient c, string team, string path, string value)
        => Call(c, TeamfwCmd.StateItemSet, (ref NlWriter w) =>
        {
            w.WriteString((ushort)TeamfwAttr.Ifname, team);
            w.WriteString((ushort)TeamfwAttr.Path, path);
            w.WriteString((ushort)TeamfwAttr.Value, value);
        });

    public static void PortConfigUpdate(ControlClient c, string team, string port, string json)
        => Call(c, TeamfwCmd.PortConfigUpdate, (ref NlWriter w) =>
        {
            w.WriteString((ushort)TeamfwAttr.Ifname, team);
            w.WriteString((ushort)TeamfwAttr.PortIfname, port);
            w.WriteString((ushort)TeamfwAttr.Json, json);
        });

    private static ControlClient.AttrWriter Named(string team) => (ref NlWriter w) => w.WriteString((ushort)TeamfwAttr.Ifname, team);

    private static ControlClient.AttrWriter NamedPort(string team, string port) => (ref NlWriter w) =>
    {
        w.WriteString((ushort)TeamfwAttr.Ifname, team);
        w.WriteString((ushort)TeamfwAttr.PortIfname, port);
    };

    private static string Json(List<byte[]> reply)
        => GenlReader.Genl(reply[0]).Parse().Get((ushort)TeamfwAttr.Json, "JSON").String();

    private static List<TeamReply> ParseAll(List<byte[]> replies)
    {
        var list = new List<TeamReply>(replies.Count);
        foreach (byte[] m in replies)
        {
            list.Add(Parse(m));
        }

        return list;
    }

    /// <summary>Reads a LINK_GET or STATS_GET message (absent parts are empty).</summary>
    public static TeamReply Parse(byte[] message)
    {
        AttrTable t = GenlReader.Genl(message).Parse();
        var ports = new List<PortReply>();
        if (t.TryGet((ushort)TeamfwAttr.ListPort, out NlAttr list))
        {
            NlAttrReader it = list.Nested();
            while (it.TryNext(out NlAttr item))
            {
                AttrTable p = item.ParseNested();
                ports.Add(new PortReply(
                    p.TryGet((ushort)TeamfwAttr.PortIfindex, out NlAttr pi) ? pi.U32("port-ifindex") : 0,
                    p.TryGet((ushort)TeamfwAttr.PortIfname, out NlAttr pn) ? pn.String() : string.Empty,
                    Counters(p)));
            }
        }

        return new TeamReply(
            t.Get((ushort)TeamfwAttr.Ifindex, "IFINDEX").U32("ifindex"),
            t.Get((ushort)TeamfwAttr.Ifname, "IFNAME").String(),
            t.TryGet((ushort)TeamfwAttr.Mode, out NlAttr m) ? m.String() : string.Empty,
            Counters(t),
            ports);
    }

    private static StatsSnapshot Counters(in AttrTable t)
    {
        if (!t.TryGet((ushort)TeamfwAttr.Stats, out NlAttr s))
        {
            return default;
        }

        AttrTable c = s.ParseNested();
        return new StatsSnapshot(Get(c, TeamfwAttrStats.RxPackets), Get(c, TeamfwAttrStats.RxBytes), Get(c, TeamfwAttrStats.RxMulticast),
            Get(c, TeamfwAttrStats.RxDropped), Get(c, TeamfwAttrStats.RxNohandler), Get(c, TeamfwAttrStats.TxPackets), Get(c, TeamfwAttrStats.TxBytes),
            Get(c, TeamfwAttrStats.TxDropped));
    }

    private static ulong Get(in AttrTable c, TeamfwAttrStats a) => c.TryGet((ushort)a, out NlAttr v) ? v.U64("stats") : 0;
}
