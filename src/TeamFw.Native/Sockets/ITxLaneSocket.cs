// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Rings;

namespace TeamFw.Native.Sockets;

/// <summary>
/// A port's send-only socket for one more transmit thread (teamfw.tx_workers): a TX ring of its own, flushed with
/// send() on <see cref="Fd"/>, and a plain socket for frames too large for a ring frame. An interface so the team
/// can be tested with a fake.
/// </summary>
public interface ITxLaneSocket : IDisposable
{
    /// <summary>The descriptor whose send() flushes <see cref="TxRing"/>.</summary>
    int Fd { get; }

    /// <summary>The descriptor whole frames are sent on.</summary>
    int SendFd { get; }

    /// <summary>The TX ring (owned by the lane's thread).</summary>
    TxRing TxRing { get; }
}
