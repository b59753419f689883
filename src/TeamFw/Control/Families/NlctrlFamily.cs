// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control.Families;

/// <summary>
/// The generic-netlink controller (id 0x10, version 2): resolves family names to ids and group
/// names to group ids, answering CTRL_CMD_GETFAMILY as ctrl_getfamily / ctrl_dumpfamily do.
/// </summary>
public sealed class NlctrlFamily : GenlFamilyHandler
{
    private static readonly GenlOp[] s_ops =
    [
        new((byte)CtrlCmd.Getfamily, GenlOpFlags.CmdCapDo | GenlOpFlags.CmdCapDump | GenlOpFlags.CmdCapHasPol),
        new((byte)CtrlCmd.Getpolicy, GenlOpFlags.CmdCapDump | GenlOpFlags.CmdCapHasPol),
    ];

    private static readonly GenlGroup[] s_groups = [new(GenlFamily.NlctrlNotifyGroup, GenlFamily.NlctrlNotifyGroupName)];

    private readonly ControlServer _server;

    public NlctrlFamily(ControlServer server)
    {
        _server = server;
    }

    public override ushort Id => GenlFamily.NlctrlId;

    public override string Name => GenlFamily.NlctrlName;

    public override byte Version => GenlFamily.NlctrlVersion;

    /// <summary>CTRL_ATTR_MAX.</summary>
    public override uint MaxAttr => (uint)CtrlAttr.Op;

    public override GenlOp[] Ops => s_ops;

    public override GenlGroup[] Groups => s_groups;

    public override AttrPolicy Policy => Policies.Nlctrl;

    public override ControlError Handle(in Request request)
    {
        if (request.Cmd == (byte)CtrlCmd.Getpolicy)
        {
            return ControlError.Of(Errno.EOPNOTSUPP, "nlctrl policy dumps are not implemented by teamfw");
        }

        if (request.IsDump)
        {
            var w = NlWriter.Bounded(request.Scratch[..ProtocolLimits.ReplyDatagram]);
            foreach (GenlFamilyHandler f in _server.Families)
            {
                WriteFamily(ref w, f, Nl.FMulti, request.Seq, request.PortId);
            }

            w.WriteDumpDone(0, Nl.FMulti, request.Seq, request.PortId);
            request.Connection.Send(w.Written);
            return ControlError.Ok;
        }

        GenlFamilyHandler? found = null;
        ControlError err = ControlError.Of(Errno.EINVAL, "CTRL_ATTR_FAMILY_ID or CTRL_ATTR_FAMILY_NAME is required");
        if (request.Attrs.TryGet((ushort)CtrlAttr.FamilyId, out NlAttr id))
        {
            ushort want = id.U16("family-id");
            found = _server.FindFamily(want);
            err = ControlError.Of(Errno.ENOENT, $"no generic netlink family with id 0x{want:x} (teamfw serves nlctrl, team and teamfw)");
        }

        if (request.Attrs.TryGet((ushort)CtrlAttr.FamilyName, out NlAttr name))
        {
            string want = name.String();
            found = _server.FindFamily(want);
            err = ControlError.Of(Errno.ENOENT, $"no generic netlink family \"{want}\" (teamfw serves nlctrl, team and teamfw)");
        }

        if (found is null)
        {
            return err;
        }

        var reply = NlWriter.Bounded(request.Scratch);
        WriteFamily(ref reply, found, 0, request.Seq, request.PortId);
        request.Connection.Send(reply.Written);
        return ControlError.Ok;
    }

    /// <summary>ctrl_fill_info: NAME, ID, VERSION, HDRSIZE, MAXATTR, OPS {i: {ID, FLAGS}}, MCAST_GROUPS {i: {ID, NAME}}.</summary>
    public static void WriteFamily(ref NlWriter w, GenlFamilyHandler f, ushort flags, uint seq, uint pid)
    {
        w.BeginGenl(GenlFamily.NlctrlId, flags, seq, pid, (byte)CtrlCmd.Newfamily, GenlFamily.NlctrlVersion);
        w.WriteString((ushort)CtrlAttr.FamilyName, f.Name);
        w.WriteU16((ushort)CtrlAttr.FamilyId, f.Id);
        w.WriteU32((ushort)CtrlAttr.Version, f.Version);
        w.WriteU32((ushort)CtrlAttr.Hdrsize, f.HeaderSize);
        w.WriteU32((ushort)CtrlAttr.Maxattr, f.MaxAttr);
        if (f.Ops.Length > 0)
        {
            int ops = w.BeginNest((ushort)CtrlAttr.Ops);
            for (int i = 0; i < f.Ops.Length; i++)
            {
                int op = w.BeginNest((ushort)(i + 1));
                w.WriteU32((ushort)CtrlAttrOp.Id, f.Ops[i].Cmd);
                w.WriteU32((ushort)CtrlAttrOp.Flags, f.Ops[i].Flags);
                w.EndNest(op);
            }

            w.EndNest(ops);
        }

        if (f.Groups.Length > 0)
        {
            int groups = w.BeginNest((ushort)CtrlAttr.McastGroups);
            for (int i = 0; i < f.Groups.Length; i++)
            {
                int g = w.BeginNest((ushort)(i + 1));
                w.WriteU32((ushort)CtrlAttrMcastGrp.Id, f.Groups[i].Id);
                w.WriteString((ushort)CtrlAttrMcastGrp.Name, f.Groups[i].Name);
                w.EndNest(g);
            }

            w.EndNest(groups);
        }

        w.EndMessage();
    }
}
