// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.State;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>
/// The veth backend: team0 is one end of a veth pair; the other, the host peer (<see cref="PeerName"/>, e.g.
/// team0-tfw), is teamfw's, driven with the same rings as the ports. Host → ports: one TPACKET_V3 receive ring on
/// the peer (<see cref="HostRx"/>), read by the transmit thread without a syscall per frame. Ports → host: a TX
/// ring per receive worker on the peer (<see cref="OpenHostTx"/>), one send() per batch. veth_xmit hands a
/// frame to the other end's stack directly (drivers/net/veth.c), so there is no queue to overflow in front of
/// the daemon: what it cannot take is counted by the kernel (team0's tx_dropped, the ring's tp_drops).
/// team0's carrier follows the peer's admin state (veth_open/veth_close turn both carriers on and off), so
/// <see cref="SetCarrier"/> sets the peer up or down. The pair outlives the daemon by itself; a restarted daemon
/// takes team0 back (same ifindex, addresses and routes) when the state file names it.
/// </summary>
public sealed class VethTeamDevice : ITeamDevice
{
    public const string BackendName = "veth";

    /// <summary>What the host peer's name adds to the team's (cut so the whole fits IFNAMSIZ - 1 = 15 characters).</summary>
    public const string PeerSuffix = "-tfw";

    private const int MaxNameLength = 15;

    /// <summary>
    /// The host peer's receive ring: 24 blocks of 128 KiB (3 MiB). A block holds a 64 KiB GSO frame (a host's own,
    /// or one GRO built from forwarded frames) whole, or about 740 64-byte frames (176 bytes each with header,
    /// sockaddr_ll, reserve and virtio-net header), so a back-to-back burst of 2,000 fits many times over. At
    /// moderate rates the kernel hands a block over 1 ms after its first frame with only that millisecond's
    /// frames in it, so the number of blocks bounds how long the transmit thread may be kept off a CPU without
    /// loss. Stopping the daemon (SIGSTOP) 5 times while 30 kpps flowed host → ports lost frames at 10 ms stops
    /// with 16 blocks, none at 30 ms with these 24 (README, Team device). Smaller blocks would give more of them
    /// in the same memory, but a GSO frame must fit one: 32 KiB blocks halved TCP from the host, and 64 KiB ones
    /// need gso_max_segs below what GRO builds at MTU 1500 (45 segments of 1448 bytes).
    /// </summary>
    public static readonly RingGeometry HostRxRing = new(128 * 1024, 24, RingGeometry.DefaultRetireTimeoutMs);

    /// <summary>Each receive worker's TX ring on the host peer: 128 frames of 2048 bytes (256 KiB), one send() per
    /// wakeup's frames, or two when a flood fills a whole receive budget (RxPath.Budget, 256). Larger frames (GSO,
    /// jumbo) are sent whole on the plain socket. It was 256 frames until the ports' receive rings doubled to 8
    /// blocks: the 256 KiB it gives back keeps the daemon's RSS under 12 MiB with two ports.</summary>
    public static readonly TxRingGeometry HostTxRing = new(64 * 1024, 4, TxRingGeometry.DefaultFrameSize);

    private readonly NetDevice _dev;
    private readonly RtnlClient _rtnl;
    private readonly bool _vnet;
    private ulong _ringDrops;
    private bool _closed;

    /// <summary>The host peer's receive socket of each transmit lane (teamfw.tx_workers): <see cref="HostRx"/>, then
    /// those of lanes 1 and up, in one fanout group once <see cref="TryJoinLanes"/> got them there.</summary>
    private PacketSocket[] _hostRx;

    /// <summary>The lanes' fanout group once <see cref="HostRx"/> made it (0 before), and how many of
    /// <see cref="_hostRx"/> are in it (<see cref="Fanout.Join"/>).</summary>
    private int _laneGroup;
    private int _lanesJoined;
    private Action<string>? _warn;

    private VethTeamDevice(string name, int ifIndex, string peer, int peerIndex, bool reattached, bool vnet, PacketSocket hostRx, NetDevice dev, RtnlClient rtnl)
    {
        Name = name;
        IfIndex = ifIndex;
        Peer = peer;
        PeerIndex = peerIndex;
        Reattached = reattached;
        _vnet = vnet;
        _hostRx = [hostRx];
        _dev = dev;
        _rtnl = rtnl;
    }

    public string Kind => BackendName;

    public string Name { get; }

    public int IfIndex { get; }

    /// <summary>The host peer: the veth end teamfw reads and writes.</summary>
    public string Peer { get; }

    public int PeerIndex { get; }

    public bool Reattached { get; }

    /// <summary>The receive ring on the host peer: what the host sends to team0 (owned by the transmit thread).</summary>
    public PacketSocket HostRx => _hostRx[0];

    /// <summary>The host peer's name for team <paramref name="team"/>: the team's name (cut to fit) and <see cref="PeerSuffix"/>.</summary>
    public static string PeerName(string team)
        => (team.Length > MaxNameLength - PeerSuffix.Length ? team[..(MaxNameLength - PeerSuffix.Length)] : team) + PeerSuffix;

    /// <summary>
    /// Takes back the pair <paramref name="previous"/> names when team0 is still there with the same ifindex and
    /// is a veth whose peer has the expected name; otherwise creates a new pair. An existing interface of either
    /// name that teamfw did not record is an error naming it: teamfw does not take over what it did not make.
    /// </summary>
    public static VethTeamDevice Open(string name, bool offload, TeamRecord? previous, NetDevice dev, RtnlClient rtnl, Action<string> warn)
    {
        string peer = PeerName(name);
        int existing = dev.TryGetIndex(name);
        bool ours = previous is not null && previous.Backend == BackendName && existing != 0 && existing == previous.IfIndex;
        bool reattach = ours && IsPair(name, peer, rtnl);
        if (previous is not null && !reattach)
        {
            warn(previous.Backend != BackendName ? $"{name}: recorded as a {previous.Backend} device; making a veth pair instead"
                : existing == 0 ? $"{name}: the team device (ifindex {previous.IfIndex}) is gone; making it again"
                : ours ? $"{name}: not a veth with peer {peer} any more"
                : $"{name}: recorded with ifindex {previous.IfIndex}, but {name} is now ifindex {existing}: not the device teamfw left");
        }

        if (!reattach)
        {
            foreach (string n in new[] { name, peer })
            {
                if (dev.TryGetIndex(n) != 0)
                {
                    ErrnoException.Throw(Errno.EEXIST, n == name ? "creating the team device (an interface with this name already exists)"
                        : $"creating {name}'s host peer (an interface with this name already exists; teamfw names it {name}{PeerSuffix}, cut to 15 characters)", n);
                }
            }

            rtnl.CreateVethPair(name, peer);
        }

        int ifIndex = dev.TryGetIndex(name);
        try
        {
            int peerIndex = dev.GetIndex(peer);
            if (!reattach)
            {
                DisableIpv6(peer);
            }

            PacketSocket hostRx = PacketSocket.Open(peer, peerIndex, HostRxRing, offload);
            var d = new VethTeamDevice(name, dev.GetIndex(name), peer, peerIndex, reattach, offload, hostRx, dev, rtnl) { _warn = warn };
            if (reattach)
            {
                d.SetCarrier(true); // as a TAP attach does: a daemon serves it again (the runner settles it once the ports are back)
            }

            return d;
        }
        catch
        {
            if (!reattach && ifIndex != 0)
            {
                rtnl.DeleteLink(ifIndex);
            }

            throw;
        }
    }

    /// <summary>Whether <paramref name="name"/> and <paramref name="peer"/> are both veth ends (the pair teamfw made).</summary>
    private static bool IsPair(string name, string peer, RtnlClient rtnl)
        => rtnl.GetLink(name, out string? kind) is not null && kind == BackendName
           && rtnl.GetLink(peer, out string? peerKind) is not null && peerKind == BackendName;

    /// <summary>The peer has no addresses and must not make any: no IPv6 link-local, no router solicitations
    /// or DAD from it into team0 (net/ipv6/addrconf.c, disable_ipv6). No IPv6 in the kernel: nothing to do.</summary>
    private static void DisableIpv6(string peer)
    {
        try
        {
            File.WriteAllText($"/proc/sys/net/ipv6/conf/{peer}/disable_ipv6", "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The peer is down until the team has carrier; a link-local made then is harmless.
        }
    }

    /// <summary>Removes the pair a previous daemon left and nobody took back, if team0 is still that one. Returns null, or why not.</summary>
    public static string? Remove(TeamRecord record, NetDevice dev, RtnlClient rtnl)
    {
        if (dev.TryGetIndex(record.Device) != record.IfIndex)
        {
            return "already gone";
        }

        Errno e = rtnl.DeleteLink(record.IfIndex);
        return e is Errno.OK or Errno.ENODEV ? null : $"RTM_DELLINK: {ErrnoException.ErrnoName(e)}";
    }

    /// <summary>
    /// The receive socket transmit lane <paramref name="lane"/> reads the host through: <see cref="HostRx"/> for lane 0.
    /// With more than one lane (<see cref="OpenHostRxLanes"/>) every lane has its own, all in one PACKET_FANOUT_HASH
    /// group, so the kernel shares the host's flows out among the lanes and a flow stays on one.
    /// </summary>
    public PacketSocket HostRxOf(int lane) => _hostRx[lane];

    /// <summary>Opens the receive sockets of lanes 1 to <paramref name="lanes"/> - 1, with <see cref="HostRx"/>'s ring
    /// geometry, held (they take no frame until they are in <see cref="HostRx"/>'s fanout group), and puts them there
    /// if the peer is up (<see cref="TryJoinLanes"/>); nothing when they are open or for one lane. What it opened is
    /// closed again when a step fails.</summary>
    public void OpenHostRxLanes(int lanes)
    {
        if (lanes <= 1 || _hostRx.Length == lanes)
        {
            return;
        }

        var all = new PacketSocket[lanes];
        all[0] = HostRx;
        try
        {
            for (int i = 1; i < all.Length; i++)
            {
                all[i] = PacketSocket.Open(Peer, PeerIndex, HostRxRing, _vnet, held: true);
            }
        }
        catch
        {
            for (int i = 1; i < all.Length; i++)
            {
                all[i]?.Dispose();
            }

            throw;
        }

        _hostRx = all;
        TryJoinLanes();
    }

    /// <summary>
    /// Puts the lanes' receive sockets in one fanout group with <see cref="HostRx"/> (the kernel picks its id) and
    /// admits them, as far as not done yet. Kernels before 6.10 let a socket join only while its device is up, and the
    /// peer is down while team0 has no carrier: then this leaves them held (<see cref="HostRx"/> alone takes the
    /// host's frames) and <see cref="SetCarrier"/> tries again. Another failure is a warning, with the same outcome.
    /// Membership outlives the peer going down and up.
    /// </summary>
    private void TryJoinLanes()
    {
        if (_hostRx.Length == 1 || _lanesJoined == _hostRx.Length)
        {
            return;
        }

        try
        {
            Fanout.Join(_hostRx, ref _laneGroup, ref _lanesJoined);
        }
        catch (ErrnoException e) when (e.Errno == Errno.EINVAL)
        {
            // Not running: the peer is down (kernels before 6.10). Joined when it comes up.
        }
        catch (ErrnoException e)
        {
            _warn?.Invoke($"{Peer}: transmit lanes {Math.Max(_lanesJoined, 1)} to {_hostRx.Length - 1} left out of the fanout group ({e.Message}); the other lanes carry the host's frames");
        }
    }

    /// <summary>A TX ring on the host peer for one receive worker (ports → host).</summary>
    public PacketTxSocket OpenHostTx() => PacketTxSocket.Open(Peer, PeerIndex, HostTxRing, _vnet);

    /// <summary>team0's carrier is on while both ends are up: the peer's admin state is the switch.</summary>
    public void SetCarrier(bool up)
    {
        uint flags = _dev.GetFlags(Peer);
        uint want = up ? flags | Constants.IFF_UP : flags & ~Constants.IFF_UP;
        if (want != flags)
        {
            _dev.SetFlags(Peer, want);
        }

        if (up)
        {
            TryJoinLanes();
        }
    }

    public IReadOnlyList<string> MtuFollowers => [Peer];

    public ulong HostTxDropped
    {
        get
        {
            if (!_closed)
            {
                foreach (PacketSocket s in _hostRx)
                {
                    _ringDrops += s.ReadStats().Drops; // PACKET_STATISTICS reads and resets
                }
            }

            return (ProcNetDev.TxDropped(Name) ?? 0) + _ringDrops;
        }
    }

    public ulong HostRingDropped => _ringDrops;

    public void Persist()
    {
        // A veth pair outlives the daemon by itself.
    }

    public void Release(bool keep)
    {
        Dispose();
        if (keep)
        {
            try
            {
                SetCarrier(false); // no daemon: team0 without carrier until the next one takes it back
            }
            catch (ErrnoException)
            {
                // Gone meanwhile.
            }
        }
        else
        {
            _rtnl.DeleteLink(IfIndex);
        }
    }

    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            foreach (PacketSocket s in _hostRx)
            {
                s.Dispose();
            }
        }
    }
}
