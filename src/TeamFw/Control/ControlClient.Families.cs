// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>A family as nlctrl describes it.</summary>
public sealed record ResolvedFamily(ushort Id, string Name, uint Version, uint MaxAttr, IReadOnlyDictionary<string, uint> Groups);

public sealed partial class ControlClient
{
    private readonly Dictionary<string, ResolvedFamily> _families = new();

    /// <summary>CTRL_CMD_GETFAMILY by name (genl_ctrl_resolve), cached per connection.</summary>
    public ResolvedFamily Resolve(string name)
    {
        if (_families.TryGetValue(name, out ResolvedFamily? f))
        {
            return f;
        }

        List<byte[]> reply = Request(GenlFamily.NlctrlId, (byte)CtrlCmd.Getfamily, 1, (ref NlWriter w) => w.WriteString((ushort)CtrlAttr.FamilyName, name));
        if (reply.Count == 0)
        {
            throw new ControlRemoteException(Errno.EPROTO, $"nlctrl sent no description of family {name}");
        }

        f = ParseFamily(reply[0]);
        _families[name] = f;
        return f;
    }

    /// <summary>Reads a CTRL_CMD_NEWFAMILY message.</summary>
    public static ResolvedFamily ParseFamily(byte[] message)
    {
        GenlReader r = GenlReader.Genl(message);
        AttrTable t = r.Parse();
        var groups = new Dictionary<string, uint>();
        if (t.TryGet((ushort)CtrlAttr.McastGroups, out NlAttr list))
        {
            NlAttrReader it = list.Nested();
            while (it.TryNext(out NlAttr g))
            {
                AttrTable gt = g.ParseNested();
                if (gt.TryGet((ushort)CtrlAttrMcastGrp.Name, out NlAttr gn) && gt.TryGet((ushort)CtrlAttrMcastGrp.Id, out NlAttr gi))
                {
                    groups[gn.String()] = gi.U32("group id");
                }
            }
        }

        return new ResolvedFamily(
            t.Get((ushort)CtrlAttr.FamilyId, "FAMILY_ID").U16("family-id"),
            t.Get((ushort)CtrlAttr.FamilyName, "FAMILY_NAME").String(),
            t.TryGet((ushort)CtrlAttr.Version, out NlAttr v) ? v.U32("version") : 0,
            t.TryGet((ushort)CtrlAttr.Maxattr, out NlAttr m) ? m.U32("maxattr") : 0,
            groups);
    }

    /// <summary>
    /// Joins a multicast group: NETLINK_ADD_MEMBERSHIP on a kernel socket, the teamfw family's MCAST_JOIN on the
    /// control socket (there is no NETLINK_ADD_MEMBERSHIP on AF_UNIX).
    /// </summary>
    public void Join(uint group)
    {
        if (_netlink is not null)
        {
            _netlink.AddMembership(group);
            return;
        }

        ResolvedFamily teamfw = Resolve(GenlFamily.TeamfwName);
        Request(teamfw.Id, (byte)TeamfwCmd.McastJoin, GenlFamily.TeamfwVersion, (ref NlWriter w) => w.WriteU32((ushort)TeamfwAttr.McastGroup, group));
    }
}
