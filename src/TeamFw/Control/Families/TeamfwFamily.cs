// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control.Families;

/// <summary>
/// The <c>teamfw</c> family (README "Control socket"): what rtnetlink and teamd's control socket do for a kernel team.
/// Commands that change state are GENL_ADMIN_PERM; LINK_GET and STATS_GET also dump.
/// </summary>
public sealed partial class TeamfwFamily : GenlFamilyHandler
{
    private const uint Get = GenlOpFlags.CmdCapDo | GenlOpFlags.CmdCapHasPol;
    private const uint GetDump = Get | GenlOpFlags.CmdCapDump;
    private const uint Admin = Get | GenlOpFlags.AdminPerm;

    private static readonly GenlOp[] s_ops =
    [
        new((byte)TeamfwCmd.Noop, Get),
        new((byte)TeamfwCmd.LinkGet, GetDump),
        new((byte)TeamfwCmd.LinkNew, Admin),
        new((byte)TeamfwCmd.LinkDel, Admin),
        new((byte)TeamfwCmd.PortAdd, Admin),
        new((byte)TeamfwCmd.PortDel, Admin),
        new((byte)TeamfwCmd.StateGet, Get),
        new((byte)TeamfwCmd.ConfigGet, Get),
        new((byte)TeamfwCmd.StateItemSet, Admin),
        new((byte)TeamfwCmd.StatsGet, GetDump),
        new((byte)TeamfwCmd.McastJoin, Get),
        new((byte)TeamfwCmd.McastLeave, Get),
        new((byte)TeamfwCmd.PortConfigUpdate, Admin),
    ];

    private static readonly GenlGroup[] s_groups = [new(GenlFamily.TeamfwLinkEventGroup, GenlFamily.TeamfwLinkEventGroupName)];

    public override ushort Id => GenlFamily.TeamfwId;

    public override string Name => GenlFamily.TeamfwName;

    public override byte Version => GenlFamily.TeamfwVersion;

    public override uint MaxAttr => (uint)TeamfwAttr.Flags;

    public override GenlOp[] Ops => s_ops;

    public override GenlGroup[] Groups => s_groups;

    public override AttrPolicy Policy => Policies.Teamfw;

    public override ControlError Handle(in Request request) => (TeamfwCmd)request.Cmd switch
    {
        TeamfwCmd.Noop => Noop(request),
        TeamfwCmd.LinkGet => LinkGet(request),
        TeamfwCmd.LinkNew => request.Server.Backend.CreateTeam(Required(request, TeamfwAttr.Json, "JSON")),
        TeamfwCmd.LinkDel => WithTeam(request, static (in Request r, IControlSocketTeam t) => r.Server.Backend.DeleteTeam(t)),
        TeamfwCmd.PortAdd => WithTeam(request, static (in Request r, IControlSocketTeam t) => PortName(r, t, mustBePort: false, out string? n) is { IsError: true } e ? e : t.AddPort(n!)),
        TeamfwCmd.PortDel => WithTeam(request, static (in Request r, IControlSocketTeam t) => PortName(r, t, mustBePort: true, out string? n) is { IsError: true } e ? e : t.RemovePort(n!)),
        TeamfwCmd.StateGet => WithTeam(request, static (in Request r, IControlSocketTeam t) => ReplyJson(r, t, t.StateJson())),
        TeamfwCmd.ConfigGet => WithTeam(request, static (in Request r, IControlSocketTeam t) => ReplyJson(r, t, t.ConfigJson(r.Attrs.TryGet((ushort)TeamfwAttr.Flags, out NlAttr f) ? f.U32("flags") : 0))),
        TeamfwCmd.StateItemSet => WithTeam(request, static (in Request r, IControlSocketTeam t) => t.SetStateItem(Required(r, TeamfwAttr.Path, "PATH"), Required(r, TeamfwAttr.Value, "VALUE"))),
        TeamfwCmd.StatsGet => StatsGet(request),
        TeamfwCmd.McastJoin => Membership(request, join: true),
        TeamfwCmd.McastLeave => Membership(request, join: false),
        _ => WithTeam(request, static (in Request r, IControlSocketTeam t) => t.UpdatePortConfig(Required(r, TeamfwAttr.PortIfname, "PORT_IFNAME"), Required(r, TeamfwAttr.Json, "JSON"))),
    };

    private delegate ControlError TeamAction(in Request request, IControlSocketTeam team);

    private static ControlError Noop(in Request request)
    {
        var w = NlWriter.Bounded(request.Scratch);
        w.BeginGenl(GenlFamily.TeamfwId, 0, request.Seq, request.PortId, (byte)TeamfwCmd.Noop, GenlFamily.TeamfwVersion);
        w.EndMessage();
        request.Connection.Send(w.Written);
        return ControlError.Ok;
    }

    private static ControlError WithTeam(in Request request, TeamAction action)
        => FindTeam(request, out IControlSocketTeam? team) is { IsError: true } e ? e : action(request, team!);

    /// <summary>The team named by IFINDEX, else by IFNAME: -ENODEV when there is none.</summary>
    public static ControlError FindTeam(in Request request, out IControlSocketTeam? team)
    {
        team = null;
        bool byIndex = request.Attrs.TryGet((ushort)TeamfwAttr.Ifindex, out NlAttr ix);
        bool byName = request.Attrs.TryGet((ushort)TeamfwAttr.Ifname, out NlAttr nm);
        if (!byIndex && !byName)
        {
            return ControlError.Of(Errno.EINVAL, "IFINDEX or IFNAME is required to name the team");
        }

        uint index = byIndex ? ix.U32("ifindex") : 0;
        string name = byName ? nm.String() : string.Empty;
        foreach (IControlSocketTeam t in request.Server.Backend.ControlTeams)
        {
            if (byIndex ? (uint)t.IfIndex == index : t.Name == name)
            {
                team = t;
                return ControlError.Ok;
            }
        }

        return ControlError.Of(Errno.ENODEV, byIndex ? $"no team with ifindex {index}" : $"no team named \"{name}\"");
    }

    private static string Required(in Request request, TeamfwAttr attr, string name)
        => request.Attrs.TryGet((ushort)attr, out NlAttr a) ? a.String() : ThrowHelper.Throw<string>(Errno.EINVAL, $"attribute {name} is required");

    /// <summary>The port named by PORT_IFNAME, else PORT_IFINDEX (which must then be a port of the team, or an interface).</summary>
    private static ControlError PortName(in Request request, IControlSocketTeam team, bool mustBePort, out string? name)
    {
        name = null;
        if (request.Attrs.TryGet((ushort)TeamfwAttr.PortIfname, out NlAttr n))
        {
            name = n.String();
            return ControlError.Ok;
        }

        if (!request.Attrs.TryGet((ushort)TeamfwAttr.PortIfindex, out NlAttr ix))
        {
            return ControlError.Of(Errno.EINVAL, "PORT_IFNAME or PORT_IFINDEX is required");
        }

        int index = (int)ix.U32("port-ifindex");
        foreach (ControlPortInfo p in team.PortInfos)
        {
            if (p.IfIndex == index)
            {
                name = p.Name;
                return ControlError.Ok;
            }
        }

        name = mustBePort ? null : request.Server.Backend.InterfaceName(index);
        return name is not null ? ControlError.Ok : ControlError.Of(Errno.ENODEV, $"ifindex {index} is not {(mustBePort ? "a port of team " + team.Name : "an interface")}");
    }

    private static ControlError Membership(in Request request, bool join)
    {
        uint group = request.Attrs.Get((ushort)TeamfwAttr.McastGroup, "MCAST_GROUP").U32("mcast-group");
        foreach (GenlFamilyHandler f in request.Server.Families)
        {
            foreach (GenlGroup g in f.Groups)
            {
                if (g.Id == group)
                {
                    if (join)
                    {
                        request.Connection.Join(group);
                    }
                    else
                    {
                        request.Connection.Leave(group);
                    }

                    return ControlError.Ok;
                }
            }
        }

        return ControlError.Of(Errno.ENOENT, $"no multicast group {group} (resolve group ids through nlctrl)");
    }
}
