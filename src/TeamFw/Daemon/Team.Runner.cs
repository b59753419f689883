// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The runner's own protocol (lacp: LACPDUs, ethertype 0x8809): a small packet socket per port bound to
/// that ethertype, with a membership for the slow-protocols address (<see cref="IPortSockets.OpenRunnerChannel"/>),
/// read by the control loop (<see cref="RunnerFrameReader"/>) whether the port is enabled or not. The data path
/// never delivers these frames to the team.
/// </summary>
public sealed partial class Team
{
    public ILogger Logger => _log;

    public ReadOnlySpan<byte> TeamMac => Mac;

    /// <summary>Sends on the port's runner socket. A socket bound while its port was down holds a pending
    /// ENETDOWN that the next send returns (and clears) without sending: that send is tried once more.</summary>
    public bool SendControlFrame(IRunnerPort port, ReadOnlySpan<byte> frame)
    {
        if (((Port)port).RunnerChannel is not { } ch)
        {
            return false;
        }

        Errno e = ch.Send(frame);
        if (e is not Errno.OK and not Errno.EAGAIN)
        {
            ch.ClearError();
            e = ch.Send(frame);
        }

        return e == Errno.OK;
    }

    /// <summary>The runner's socket on a new port, or null when the runner has no protocol of its own.</summary>
    private IFrameChannel? OpenRunnerChannel(string port, int ifIndex)
    {
        ushort etherType = Runner.ControlEtherType;
        return etherType == 0 ? null : _ctx.Sockets.OpenRunnerChannel(port, ifIndex, etherType);
    }

    private static void CloseRunnerChannel(Port port)
    {
        port.RunnerReader = null;
        port.RunnerChannel?.Dispose();
        port.RunnerChannel = null;
    }
}
