// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Sockets;

namespace TeamFw.Daemon;

/// <summary>
/// What the control thread asks of a team's data path (<see cref="DataPlane"/>: the transmit thread and the
/// receive workers), as an interface so <see cref="Team"/> can be tested without threads. The team device's
/// factory (<see cref="ITeamDeviceFactory.CreateDataPath"/>) makes it, since it is the device's data path.
/// </summary>
public interface IDataPath : IDataPathActivity, IDisposable
{
    /// <summary>Bytes the data-path threads allocated since they started (the zero-allocation proof).</summary>
    long AllocatedBytes { get; }

    /// <summary>Objects waiting for data-path threads to pass a quiescent point.</summary>
    int RetiredCount { get; }

    void Start();

    /// <summary>Stops the threads (they are joined); <see cref="IDisposable.Dispose"/> then frees what they used.</summary>
    void StopThreads();

    /// <summary>Transmit lane <paramref name="lane"/>'s batch for a new port (over that lane's arena).</summary>
    TxQueue CreateTxQueue(int lane);

    /// <summary>Wakes every thread so it reads the newly published port set.</summary>
    void WakeAll();

    /// <summary>Disposes what a removed port owned once no data-path thread can still use it.</summary>
    void Retire(string what, params IDisposable?[] objects);

    /// <summary>Disposes what was retired and whose grace period is over.</summary>
    void ReclaimRetired(long now);
}

/// <summary>Whether the data path moves frames, for the carrier check (<see cref="CarrierPoll"/>), which parks while it does not.</summary>
public interface IDataPathActivity
{
    /// <summary>A count that grows while the data-path threads move frames, either way (any thread may read it).</summary>
    long Moved { get; }

    /// <summary>Asks the data path to wake the control thread once it moves a frame again. Returns false, and asks
    /// nothing, when it moved some since <see cref="Moved"/> read <paramref name="moved"/>.</summary>
    bool Park(long moved);
}
