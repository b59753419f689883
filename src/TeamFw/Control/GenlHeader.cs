// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>struct genlmsghdr (include/uapi/linux/genetlink.h) written on top of <see cref="NlWriter"/>.</summary>
public static class GenlHeader
{
    /// <summary>genlmsg_put: the netlink header plus {cmd, version, reserved 0}.</summary>
    public static void BeginGenl(this ref NlWriter w, ushort family, ushort flags, uint seq, uint pid, byte cmd, byte version)
    {
        w.BeginMessage(family, flags, seq, pid);
        w.WriteRaw([cmd, version, 0, 0]);
    }
}
