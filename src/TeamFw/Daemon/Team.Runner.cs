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
/// that ethertype, with a membership for the slow-protocols address, read by the control loop whether
/// the port is enabled or not. The data path never delivers these frames to the team.
/// </summary>
public sealed partial class Team
{
    /// <summary>Frames read per wakeup and port, so a flood on one port cannot starve the loop.</summary>
    private const int MaxControlFramesPerWakeup = 64;

    /// <summary>Larger than any slow-protocols frame: what does not fit is reported as oversized.</summary>
    private const int ControlFrameBuffer = 256;

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

    /// <summary>Reads a port's runner socket and hands each frame to the runner.</summary>
    private sealed class RunnerFrameReader : IPollable
    {
        private readonly Team _team;
        private readonly Port _port;
        private readonly byte[] _buffer = new byte[ControlFrameBuffer];

        public RunnerFrameReader(Team team, Port port)
        {
            _team = team;
            _port = port;
        }

        public int Fd => _port.RunnerChannel?.Fd ?? -1;

        public void OnReadable(long now)
        {
            for (int i = 0; i < MaxControlFramesPerWakeup && _port.RunnerChannel is { } ch; i++)
            {
                int n = ch.ReceiveWhole(_buffer);
                if (n < 0)
                {
                    if (n != -(int)Errno.EAGAIN && n != -(int)Errno.EINTR)
                    {
                        ch.ClearError(); // ENETDOWN after the link went down: read, or poll spins
                    }

                    break;
                }

                _team.Runner.OnControlFrame(_team, _port, _buffer.AsSpan(0, Math.Min(n, _buffer.Length)), now);
            }

            _team.FlushView();
        }
    }
}
