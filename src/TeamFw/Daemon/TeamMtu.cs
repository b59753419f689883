// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Daemon;

/// <summary>
/// The team's MTU rule: every port has the team's MTU (as the kernel team driver's team_change_mtu,
/// drivers/net/team/team_core.c). A new MTU set on the team device goes to every port; if one refuses, the
/// ports already changed and the team device go back to the old MTU, so nothing is left half-applied.
/// </summary>
public static class TeamMtu
{
    /// <summary>Gives every port <paramref name="mtu"/>; true when all took it, false when one refused and
    /// the ports and <paramref name="team"/> were put back to <paramref name="old"/>.</summary>
    public static bool Follow(INetDevice dev, ILogger log, string team, IReadOnlyList<string> ports, int old, int mtu)
    {
        var done = new List<string>();
        foreach (string port in ports)
        {
            try
            {
                dev.SetMtu(port, mtu);
                done.Add(port);
            }
            catch (ErrnoException e)
            {
                foreach (string d in done)
                {
                    PutBack(dev, log, team, d, old);
                }

                PutBack(dev, log, team, team, old);
                Log.MtuRefused(log, team, mtu, port, e.Message, old);
                return false;
            }
        }

        Log.MtuChanged(log, team, old, mtu);
        return true;
    }

    /// <summary>Rolls one device back to the old MTU after a port refused the new one; a device that refuses
    /// that too is logged (it is left as it is) and the rollback goes on with the others.</summary>
    private static void PutBack(INetDevice dev, ILogger log, string team, string device, int old)
    {
        try
        {
            dev.SetMtu(device, old);
        }
        catch (ErrnoException e)
        {
            Log.MtuRollbackFailed(log, team, device, old, e.Message);
        }
    }
}
