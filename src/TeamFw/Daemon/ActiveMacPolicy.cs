// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>What activebackup's hwaddr_policy (teamd.conf(5)) does when the active port changes.</summary>
public static class ActiveMacPolicy
{
    /// <summary>
    /// by_active: the team takes the active port's own MAC. only_active: the active port takes the team
    /// MAC and the port that stops being active (<paramref name="oldIsPort"/>: it is still a port) gets its own
    /// back. Both MACs change live (no port flap); a driver that refuses is logged and the team goes on with
    /// the MACs it has. same_all: nothing to do.
    /// </summary>
    public static void OnActiveChanged(INetDevice dev, ILogger log, string team, string policy, byte[] teamMac, Port? old, bool oldIsPort, Port? now)
    {
        try
        {
            if (policy == "by_active" && now is not null && !now.Original.HwAddr.AsSpan().SequenceEqual(teamMac))
            {
                now.Original.HwAddr.CopyTo(teamMac, 0);
                dev.SetHwAddr(team, teamMac);
                Log.TeamMacChanged(log, team, Packets.Mac.Format(teamMac), now.Name);
            }
            else if (policy == "only_active")
            {
                if (old is not null && oldIsPort)
                {
                    dev.SetHwAddr(old.Name, old.Original.HwAddr);
                }

                if (now is not null)
                {
                    dev.SetHwAddr(now.Name, teamMac);
                }
            }
        }
        catch (ErrnoException e)
        {
            Log.HwAddrFailed(log, team, policy, e.Message);
        }
    }
}
