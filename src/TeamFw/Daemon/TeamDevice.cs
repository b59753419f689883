// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.State;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>
/// The team's interface on the host (team0) as the daemon's lifecycle sees it: made at start, or found
/// again when a previous daemon left it; kept for the next daemon, or removed, at the end. A kept device
/// has no carrier while no daemon serves it (a veth device keeps it after a crash: README, Team device), and
/// keeps its addresses and routes. Backends: a TAP (<see cref="TapTeamDevice"/>) or one end of a veth pair
/// (<see cref="VethTeamDevice"/>); <see cref="Kind"/> goes into the state file, and a device is taken back
/// only when the state file names it with the same kind and ifindex.
/// </summary>
public interface ITeamDevice : IDisposable
{
    /// <summary>The backend, as the state file records it ("tap", "veth").</summary>
    string Kind { get; }

    string Name { get; }

    int IfIndex { get; }

    /// <summary>A previous daemon's device, taken back with its addresses, routes and admin state.</summary>
    bool Reattached { get; }

    void SetCarrier(bool up);

    /// <summary>Other devices that carry the team's frames and follow its MTU with the ports (the veth backend's
    /// host peer: veth_xmit forwards only what fits the receiving end, and tpacket_snd refuses longer frames).</summary>
    IReadOnlyList<string> MtuFollowers { get; }

    /// <summary>Frames the host sent to the device that the kernel dropped before the daemon read them:
    /// the device's tx_dropped (/proc/net/dev), plus what the daemon's own ring on it lost.</summary>
    ulong HostTxDropped { get; }

    /// <summary>The part of the last <see cref="HostTxDropped"/> reading the daemon's ring lost (veth: frames team0
    /// did hand over, and counts in its tx_packets; 0 for a TAP).</summary>
    ulong HostRingDropped { get; }

    /// <summary>Makes the device outlive the daemon: called once the state file names it, so a crash before
    /// that cannot leave a device nobody knows about.</summary>
    void Persist();

    /// <summary>Lets go of the device: <paramref name="keep"/> leaves it for the next daemon, else it is removed.</summary>
    void Release(bool keep);
}

/// <summary>The TAP backend: a persistent TAP (TUNSETPERSIST), re-attached with TUNSETIFF on its name.</summary>
public sealed class TapTeamDevice : ITeamDevice
{
    public const string BackendName = "tap";

    /// <summary>
    /// The transmit queue of a new team device, in frames. The host stack queues what it sends to the TAP
    /// until the daemon reads it; the kernel's default of 1000 lost 24–411 frames of a back-to-back burst of
    /// 2,000 64-byte frames here (HostDropTests), which 4096 absorbs. At the daemon's rate a full queue of
    /// 1500-byte frames is tens of milliseconds of latency, only while the host sends faster than the ports.
    /// </summary>
    public const int TxQueueLen = 4096;

    private TapTeamDevice(TapDevice tap, int ifIndex, bool reattached)
    {
        Tap = tap;
        IfIndex = ifIndex;
        Reattached = reattached;
    }

    public string Kind => BackendName;

    public string Name => Tap.Name;

    public int IfIndex { get; }

    public bool Reattached { get; }

    /// <summary>The TAP the data path reads and writes.</summary>
    public TapDevice Tap { get; }

    /// <summary>
    /// Takes back the TAP <paramref name="previous"/> names when it is still there with the same ifindex;
    /// otherwise creates a new one (an existing interface of that name that is not the recorded one is an
    /// error: teamfw does not take over what it did not make). <paramref name="warn"/> hears why a record
    /// could not be used.
    /// </summary>
    public static TapTeamDevice Open(string name, bool offload, TeamRecord? previous, NetDevice dev, Action<string> warn)
    {
        int existing = dev.TryGetIndex(name);
        bool reattach = previous is not null && previous.Backend == BackendName && existing != 0 && existing == previous.IfIndex;
        if (previous is not null && !reattach)
        {
            warn(previous.Backend != BackendName ? $"{name}: recorded as a {previous.Backend} device; making a TAP instead"
                : existing == 0 ? $"{name}: the team device (ifindex {previous.IfIndex}) is gone; making it again"
                : $"{name}: recorded with ifindex {previous.IfIndex}, but {name} is now ifindex {existing}: not the device teamfw left");
        }

        TapDevice tap = TapDevice.Open(name, offload, attach: reattach);
        try
        {
            if (!reattach)
            {
                dev.SetTxQueueLen(name, TxQueueLen); // a device taken back keeps what it has (an operator's `ip link set … txqueuelen`)
            }

            return new TapTeamDevice(tap, dev.GetIndex(name), reattach);
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    /// <summary>Removes the TAP a previous daemon left and nobody took back, if it is still that one.
    /// Returns null, or why not.</summary>
    public static string? Remove(TeamRecord record, NetDevice dev)
    {
        if (dev.TryGetIndex(record.Device) != record.IfIndex)
        {
            return "already gone";
        }

        try
        {
            using TapDevice tap = TapDevice.Open(record.Device, vnetHdr: false, attach: true);
            tap.SetPersist(false);
            return null;
        }
        catch (ErrnoException e)
        {
            return e.Message;
        }
    }

    public void SetCarrier(bool up) => Tap.SetCarrier(up);

    public IReadOnlyList<string> MtuFollowers => []; // the TAP is team0 itself

    public ulong HostTxDropped => ProcNetDev.TxDropped(Name) ?? 0;

    public ulong HostRingDropped => 0;

    public void Persist() => Tap.SetPersist(true);

    public void Release(bool keep)
    {
        if (!keep)
        {
            try
            {
                Tap.SetPersist(false);
            }
            catch (ErrnoException)
            {
                // Closing still removes a TAP that never became persistent.
            }
        }

        Tap.Dispose();
    }

    public void Dispose() => Tap.Dispose();
}
