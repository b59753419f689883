// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Sockets;

/// <summary>One device's receive sockets sharing its frames in a PACKET_FANOUT_HASH group.</summary>
public static class Fanout
{
    /// <summary>
    /// Puts <paramref name="sockets"/> in one group: the first makes it (its id picked by the kernel), the others,
    /// opened held (they take no frame until admitted), join it and are admitted, so no frame is read twice. Resumes
    /// where a failure stopped it: <paramref name="group"/> is the group's id once made (0 before), and
    /// <paramref name="joined"/> how many of the sockets are in it. Kernels before 6.10 refuse a socket whose device
    /// is down (EINVAL). Throws <see cref="ErrnoException"/>.
    /// </summary>
    public static void Join(IReadOnlyList<IPortSocket> sockets, ref int group, ref int joined)
    {
        if (joined == 0)
        {
            group = sockets[0].JoinFanout(0);
            joined = 1;
        }

        for (; joined < sockets.Count; joined++)
        {
            sockets[joined].JoinFanout(group);
            sockets[joined].Admit();
        }
    }
}
