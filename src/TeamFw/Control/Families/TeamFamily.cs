// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control.Families;

/// <summary>
/// The kernel's <c>team</c> family (include/uapi/linux/if_team.h), answered as team_nl_*_doit do
/// (drivers/net/team/team_core.c, ops table team_nl_ops in team_nl.c): NOOP, OPTIONS_SET, OPTIONS_GET and PORT_LIST_GET on the team named by TEAM_IFINDEX.
/// </summary>
public sealed partial class TeamFamily : GenlFamilyHandler
{
    private const uint DoPol = GenlOpFlags.CmdCapDo | GenlOpFlags.CmdCapHasPol;

    private static readonly GenlOp[] s_ops =
    [
        new((byte)TeamCmd.Noop, DoPol),
        new((byte)TeamCmd.OptionsSet, DoPol | GenlOpFlags.AdminPerm),
        new((byte)TeamCmd.OptionsGet, DoPol | GenlOpFlags.AdminPerm),
        new((byte)TeamCmd.PortListGet, DoPol | GenlOpFlags.AdminPerm),
    ];

    private static readonly GenlGroup[] s_groups = [new(GenlFamily.TeamChangeEventGroup, GenlFamily.TeamChangeEventGroupName)];

    public override ushort Id => GenlFamily.TeamId;

    public override string Name => GenlFamily.TeamName;

    public override byte Version => GenlFamily.TeamVersion;

    /// <summary>2 since the YNL conversion (6.10): the policy covers TEAM_IFINDEX and LIST_OPTION.</summary>
    public override uint MaxAttr => (uint)TeamAttr.ListOption;

    public override GenlOp[] Ops => s_ops;

    public override GenlGroup[] Groups => s_groups;

    public override AttrPolicy Policy => Policies.Team;

    public override ControlError Handle(in Request request)
    {
        switch ((TeamCmd)request.Cmd)
        {
            case TeamCmd.Noop:
                var w = NlWriter.Bounded(request.Scratch);
                w.BeginGenl(Id, 0, request.Seq, request.PortId, (byte)TeamCmd.Noop, Version);
                w.EndMessage();
                request.Connection.Send(w.Written);
                return ControlError.Ok;
            case TeamCmd.OptionsGet:
                return FindTeam(request, out IControlSocketTeam? t) is { IsError: true } e1 ? e1
                    : TeamEncoder.WriteOptions(request.Connection, request.Scratch, Nl.FAck, request.Seq, request.PortId, t!.ControlState, t.ControlState.Instances);
            case TeamCmd.PortListGet:
                return FindTeam(request, out IControlSocketTeam? p) is { IsError: true } e2 ? e2
                    : TeamEncoder.WritePorts(request.Connection, request.Scratch, Nl.FAck, request.Seq, request.PortId, p!.ControlState, null);
            default:
                return FindTeam(request, out IControlSocketTeam? s) is { IsError: true } e3 ? e3 : OptionsSet(request, s!);
        }
    }

    /// <summary>team_nl_team_get: TEAM_IFINDEX must name a team, else -EINVAL.</summary>
    private static ControlError FindTeam(in Request request, out IControlSocketTeam? team)
    {
        team = null;
        if (!request.Attrs.TryGet((ushort)TeamAttr.TeamIfindex, out NlAttr a))
        {
            return ControlError.Of(Errno.EINVAL, "TEAM_ATTR_TEAM_IFINDEX is required");
        }

        uint ifIndex = a.U32("team-ifindex");
        foreach (IControlSocketTeam t in request.Server.Backend.ControlTeams)
        {
            if ((uint)t.IfIndex == ifIndex)
            {
                team = t;
                return ControlError.Ok;
            }
        }

        return ControlError.Of(Errno.EINVAL, $"ifindex {ifIndex} is not a team device");
    }
}
