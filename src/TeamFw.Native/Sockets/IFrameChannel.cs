// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Sockets;

/// <summary>A non-blocking socket that sends and receives whole Ethernet frames on one interface (what
/// <see cref="PacketChannel"/> is), as an interface so its users can be tested with a fake.</summary>
public interface IFrameChannel : IDisposable
{
    /// <summary>The descriptor to poll for reading.</summary>
    int Fd { get; }

    /// <summary>Sends one frame; <see cref="Errno.OK"/> or the errno.</summary>
    Errno Send(ReadOnlySpan<byte> frame);

    /// <summary>Receives one frame into <paramref name="buffer"/>: its length, or -errno (-EAGAIN when none).</summary>
    int Receive(Span<byte> buffer);

    /// <summary>As <see cref="Receive"/>, but the frame's real length even when it did not fit (MSG_TRUNC).</summary>
    int ReceiveWhole(Span<byte> buffer);

    /// <summary>Reads and clears the socket's pending error (SO_ERROR): a send or poll error such as ENETDOWN.</summary>
    Errno ClearError();
}
