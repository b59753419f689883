// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>Reads a port's runner socket (lacp: LACPDUs) on the control loop and hands each frame to the runner,
/// then publishes what the runner changed.</summary>
internal sealed class RunnerFrameReader : IPollable
{
    /// <summary>Frames read per wakeup and port, so a flood on one port cannot starve the loop.</summary>
    private const int MaxControlFramesPerWakeup = 64;

    /// <summary>Larger than any slow-protocols frame: what does not fit is reported as oversized.</summary>
    private const int ControlFrameBuffer = 256;

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
