// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control.Families;

/// <summary>The request policies of the three families (docs/control-protocol.yaml attribute-sets).</summary>
internal static class Policies
{
    /// <summary>ctrl_policy_family.</summary>
    public static readonly AttrPolicy Nlctrl = new AttrPolicy("ctrl-attrs").Define(
        ((ushort)CtrlAttr.FamilyId, new AttrRule("family-id", NlaType.U16)),
        ((ushort)CtrlAttr.FamilyName, new AttrRule("family-name", NlaType.NulString, ProtocolLimits.MaxFamilyName)));

    public static readonly AttrPolicy TeamOption = new AttrPolicy("attr-option").Define(
        ((ushort)TeamAttrOption.Name, new AttrRule("name", NlaType.String, GenlFamily.TeamStringMaxLen)),
        ((ushort)TeamAttrOption.Changed, new AttrRule("changed", NlaType.Flag)),
        ((ushort)TeamAttrOption.Type, new AttrRule("type", NlaType.U8)),
        ((ushort)TeamAttrOption.Data, new AttrRule("data", NlaType.Binary)),
        ((ushort)TeamAttrOption.Removed, new AttrRule("removed", NlaType.Flag)),
        ((ushort)TeamAttrOption.PortIfindex, new AttrRule("port-ifindex", NlaType.U32)),
        ((ushort)TeamAttrOption.ArrayIndex, new AttrRule("array-index", NlaType.U32)));

    public static readonly AttrPolicy TeamItemOption = new AttrPolicy("item-option").Define(
        ((ushort)TeamAttrItemOption.Option, new AttrRule("option", NlaType.Nested, Nested: TeamOption)));

    /// <summary>team_nl_policy (YNL: maxattr 2, TEAM_IFINDEX and LIST_OPTION).</summary>
    public static readonly AttrPolicy Team = new AttrPolicy("team").Define(
        ((ushort)TeamAttr.TeamIfindex, new AttrRule("team-ifindex", NlaType.U32)),
        ((ushort)TeamAttr.ListOption, new AttrRule("list-option", NlaType.Nested, Nested: TeamItemOption)));

    public static readonly AttrPolicy Teamfw = new AttrPolicy("teamfw").Define(
        ((ushort)TeamfwAttr.Ifindex, new AttrRule("ifindex", NlaType.U32)),
        ((ushort)TeamfwAttr.Ifname, new AttrRule("ifname", NlaType.String, ProtocolLimits.MaxIfName)),
        ((ushort)TeamfwAttr.PortIfindex, new AttrRule("port-ifindex", NlaType.U32)),
        ((ushort)TeamfwAttr.PortIfname, new AttrRule("port-ifname", NlaType.String, ProtocolLimits.MaxIfName)),
        ((ushort)TeamfwAttr.Json, new AttrRule("json", NlaType.String)),
        ((ushort)TeamfwAttr.Path, new AttrRule("path", NlaType.String, 256)),
        ((ushort)TeamfwAttr.Value, new AttrRule("value", NlaType.String, 4096)),
        ((ushort)TeamfwAttr.McastGroup, new AttrRule("mcast-group", NlaType.U32)),
        ((ushort)TeamfwAttr.Mode, new AttrRule("mode", NlaType.String, GenlFamily.TeamStringMaxLen)),
        ((ushort)TeamfwAttr.Flags, new AttrRule("flags", NlaType.U32)));
}
