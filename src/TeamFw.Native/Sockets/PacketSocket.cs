// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>Receive-side statistics read (and reset) with PACKET_STATISTICS.</summary>
public readonly record struct PacketStats(uint Packets, uint Drops, uint FreezeCount);

/// <summary>
/// An AF_PACKET socket bound to one port, with a TPACKET_V3 receive ring and, optionally,
/// virtio-net headers so partial checksums and GSO/GRO sizes survive the trip (PACKET_VNET_HDR, net/packet/af_packet.c; README "What teamfw does to a port", Offloads).
/// </summary>
public sealed unsafe class PacketSocket : FdOwner, IPortSocket
{
    private readonly SafeFd? _sendFd;
    private bool _sendFdRef;

    private PacketSocket(SafeFd fd, string ifName, int ifIndex, RxRing ring, bool vnetHdr, TxRing? txRing, SafeFd? sendFd) : base(fd)
    {
        IfName = ifName;
        IfIndex = ifIndex;
        Ring = ring;
        VnetHeader = vnetHdr;
        TxRing = txRing;
        _sendFd = sendFd;
        if (sendFd is not null)
        {
            sendFd.DangerousAddRef(ref _sendFdRef);
            SendFd = sendFd.Value;
        }
        else
        {
            SendFd = Fd;
        }
    }

    public string IfName { get; }
    public int IfIndex { get; }
    public RxRing Ring { get; }
    public bool VnetHeader { get; }
    public static int VnetHeaderLength => sizeof(virtio_net_hdr);

    /// <summary>The <see cref="ErrnoException.Operation"/> of a failed TX ring setup (EINVAL before Linux 4.11,
    /// which has no TPACKET_V3 TX ring).</summary>
    public const string TxRingSetup = "setsockopt(PACKET_TX_RING)";

    /// <summary>The transmit ring, when the socket was opened with one; owned by the transmit thread.</summary>
    public TxRing? TxRing { get; }

    /// <summary>
    /// The descriptor for send()/sendmmsg() of whole frames. Without a TX ring it is <see cref="FdOwner.Fd"/>.
    /// With one, every send on <see cref="FdOwner.Fd"/> is a ring flush (tpacket_snd ignores the buffer
    /// passed), so frames that do not fit a ring frame (GSO) and control frames go through a second,
    /// send-only packet socket on the same interface: bound with protocol 0 it has no receive hook.
    /// </summary>
    public int SendFd { get; }

    /// <summary>Opens, configures and binds the socket, with a TX ring when <paramref name="tx"/> is given; what
    /// it sends skips the interface's qdisc unless <paramref name="qdiscBypass"/> is false.
    /// Throws <see cref="ErrnoException"/> naming the step and interface.</summary>
    /// <param name="held">The socket takes no frame until <see cref="Admit"/> (a socket filter that keeps nothing,
    /// attached before bind): for a socket that is to share its device's frames in a fanout group, which kernels before
    /// 6.10 let it join only while the device is up, and which meanwhile would get a copy of every frame.</param>
    public static PacketSocket Open(string ifName, int ifIndex, RingGeometry geometry, bool vnetHdr, TxRingGeometry? tx = null, bool qdiscBypass = true, bool held = false)
    {
        string? bad = geometry.Validate(Environment.SystemPageSize);
        if (bad is not null)
        {
            throw new ArgumentException($"rx ring for {ifName}: {bad}");
        }

        bad = tx?.Validate(Environment.SystemPageSize);
        if (bad is not null)
        {
            throw new ArgumentException($"tx ring for {ifName}: {bad}");
        }

        // Protocol 0 first: nothing is queued before the ring exists; bind() sets ETH_P_ALL.
        int raw = ErrnoException.Check(LinuxNative.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), "socket(AF_PACKET)", ifName);
        var fd = new SafeFd(raw);
        SafeFd? sendFd = null;
        byte* map = null;
        nuint mapLen = 0;
        try
        {
            SetInt(raw, PACKET_VERSION, TPACKET_V3, "setsockopt(PACKET_VERSION)", ifName);
            if (vnetHdr)
            {
                SetInt(raw, PACKET_VNET_HDR, 1, "setsockopt(PACKET_VNET_HDR)", ifName);
            }

            // Headroom before every received frame for the outer VLAN tag the kernel takes off (RxFrame.RestoreVlanTag).
            // No PACKET_LOSS: with it a frame the kernel cannot send is marked AVAILABLE like a sent one and would
            // be counted as sent; without it the ring stops at TP_STATUS_WRONG_FORMAT, which TxRing drops and counts.
            // Like PACKET_VERSION and PACKET_VNET_HDR, only settable before the rings.
            SetInt(raw, PACKET_RESERVE, RxFrame.VlanTagLength, "setsockopt(PACKET_RESERVE)", ifName);

            var req = new tpacket_req3
            {
                tp_block_size = geometry.BlockSize,
                tp_block_nr = geometry.BlockCount,
                tp_frame_size = RingGeometry.FrameSize,
                tp_frame_nr = geometry.BlockSize / RingGeometry.FrameSize * geometry.BlockCount,
                tp_retire_blk_tov = geometry.RetireTimeoutMs,
                tp_sizeof_priv = 0,
                tp_feature_req_word = 0,
            };
            ErrnoException.Check(LinuxNative.setsockopt(raw, SOL_PACKET, PACKET_RX_RING, &req, (uint)sizeof(tpacket_req3)), "setsockopt(PACKET_RX_RING)", ifName);
            mapLen = (nuint)geometry.TotalBytes;
            if (tx is { } t)
            {
                RequestTxRing(raw, t, ifName);
                mapLen += (nuint)t.TotalBytes;
            }

            // One mapping: the RX ring, then the TX ring right after it (packet_mmap).
            map = (byte*)LinuxNative.mmap(null, mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, raw, 0);
            if (map == (byte*)-1)
            {
                map = null;
                ErrnoException.Throw(LinuxNative.LastErrno(), tx is null ? "mmap(rx ring)" : "mmap(rx+tx ring)", ifName);
            }

            // Frames we send are not looped back to us.
            SetInt(raw, PACKET_IGNORE_OUTGOING, 1, "setsockopt(PACKET_IGNORE_OUTGOING)", ifName);
            if (held)
            {
                // One struct sock_filter: code BPF_RET | BPF_K (0x06, host order), jt = jf = 0, k = 0: take 0 bytes.
                ulong takeNothing = 0;
                *(ushort*)&takeNothing = 0x06;
                AttachFilter(raw, new ReadOnlySpan<byte>(&takeNothing, sizeof(ulong)), ifName, ", held");
            }

            PrepareSendAndBind(raw, ifIndex, ETH_P_ALL, ifName, "", qdiscBypass);
            int vnetLen = vnetHdr ? sizeof(virtio_net_hdr) : 0;
            TxRing? txRing = null;
            if (tx is { } g)
            {
                sendFd = OpenSendOnly(ifName, ifIndex, vnetHdr, qdiscBypass);
                txRing = new TxRing(map + geometry.TotalBytes, g, vnetLen);
            }

            // The RX ring owns the whole mapping (both rings) and unmaps it on Dispose.
            var ring = new RxRing(map, mapLen, geometry, vnetLen);
            map = null;
            return new PacketSocket(fd, ifName, ifIndex, ring, vnetHdr, txRing, sendFd);
        }
        catch
        {
            Unwind(map, mapLen, sendFd, fd);
            throw;
        }
    }

    /// <summary>What a failed Open undoes, in reverse order: the ring mapping (when made), the send-only socket,
    /// the socket.</summary>
    internal static void Unwind(byte* map, nuint mapLength, SafeFd? sendFd, SafeFd fd)
    {
        if (map != null)
        {
            LinuxNative.munmap(map, mapLength);
        }

        sendFd?.Dispose();
        fd.Dispose();
    }

    /// <summary>Asks for a TPACKET_V3 TX ring (PACKET_TX_RING): fixed frames; the retire timeout, private area and
    /// feature word must be 0. Throws <see cref="ErrnoException"/> naming <see cref="TxRingSetup"/>.</summary>
    internal static void RequestTxRing(int raw, TxRingGeometry t, string ifName)
    {
        var treq = new tpacket_req3
        {
            tp_block_size = t.BlockSize,
            tp_block_nr = t.BlockCount,
            tp_frame_size = t.FrameSize,
            tp_frame_nr = t.FrameCount,
        };
        ErrnoException.Check(LinuxNative.setsockopt(raw, SOL_PACKET, PACKET_TX_RING, &treq, (uint)sizeof(tpacket_req3)), TxRingSetup, ifName);
    }

    /// <summary>A packet socket that only sends: bound to the interface with protocol 0, so the kernel
    /// registers no receive hook for it and nothing is queued to it.</summary>
    internal static SafeFd OpenSendOnly(string ifName, int ifIndex, bool vnetHdr, bool qdiscBypass = true)
    {
        int raw = ErrnoException.Check(LinuxNative.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), "socket(AF_PACKET, send-only)", ifName);
        var fd = new SafeFd(raw);
        try
        {
            if (vnetHdr)
            {
                SetInt(raw, PACKET_VNET_HDR, 1, "setsockopt(PACKET_VNET_HDR, send-only)", ifName);
            }

            PrepareSendAndBind(raw, ifIndex, 0, ifName, ", send-only", qdiscBypass);
            return fd;
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Frames bypass the qdisc when <paramref name="qdiscBypass"/> (teamfw batches itself; the interface's tc
    /// shaping then does not see them), a large send buffer, then bind to the interface with
    /// <paramref name="protocol"/> (host order; 0 registers no receive hook).</summary>
    internal static void PrepareSendAndBind(int fd, int ifIndex, ushort protocol, string ifName, string what, bool qdiscBypass = true)
    {
        if (qdiscBypass)
        {
            SetInt(fd, PACKET_QDISC_BYPASS, 1, "setsockopt(PACKET_QDISC_BYPASS" + what + ")", ifName);
        }

        int sndbuf = 4 * 1024 * 1024;
        LinuxNative.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(int));
        var sll = default(sockaddr_ll);
        sll.sll_family = AF_PACKET;
        sll.sll_protocol = BinaryPrimitives.ReverseEndianness(protocol);
        sll.sll_ifindex = ifIndex;
        ErrnoException.Check(LinuxNative.bind(fd, &sll, (uint)sizeof(sockaddr_ll)), "bind(AF_PACKET" + what + ")", ifName);
    }

    /// <summary>Attaches a classic BPF socket filter (8-byte struct sock_filter instructions) with SO_ATTACH_FILTER.
    /// <paramref name="what"/> is added to the step's name in an error.</summary>
    internal static void AttachFilter(int fd, ReadOnlySpan<byte> filter, string ifName, string what)
    {
        if (filter.Length % 8 != 0 || filter.Length / 8 > ushort.MaxValue)
        {
            throw new ArgumentException($"socket filter of {filter.Length} bytes is not a whole number of instructions", nameof(filter));
        }

        fixed (byte* p = filter)
        {
            var prog = new sock_fprog { len = (ushort)(filter.Length / 8), filter = p };
            ErrnoException.Check(LinuxNative.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, (uint)sizeof(sock_fprog)), "setsockopt(SO_ATTACH_FILTER" + what + ")", ifName);
        }
    }

    internal static void SetInt(int fd, int opt, int value, string op, string ifName)
        => ErrnoException.Check(LinuxNative.setsockopt(fd, SOL_PACKET, opt, &value, sizeof(int)), op, ifName);

    /// <summary>Adds a packet membership (PACKET_MR_MULTICAST with an address, or PACKET_MR_ALLMULTI / _PROMISC).
    /// The kernel drops it when the socket closes, so nothing is left behind.</summary>
    public void AddMembership(int type, ReadOnlySpan<byte> address = default) => AddPacketMembership(IfIndex, IfName, type, address);

    /// <summary>
    /// Reads and clears the socket's pending error (SO_ERROR). AF_PACKET sets ENETDOWN when the port goes
    /// down; until it is read, poll reports POLLERR and would spin.
    /// </summary>
    public Errno ClearError() => ClearSocketError();

    /// <summary>Reads and resets the kernel's receive counters for this socket.</summary>
    public PacketStats ReadStats()
    {
        var st = default(tpacket_stats_v3);
        uint len = (uint)sizeof(tpacket_stats_v3);
        if (LinuxNative.getsockopt(Fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0)
        {
            return default;
        }

        return new PacketStats(st.tp_packets, st.tp_drops, st.tp_freeze_q_cnt);
    }

    public void Admit()
    {
        int zero = 0;
        ErrnoException.Check(LinuxNative.setsockopt(Fd, SOL_SOCKET, SO_DETACH_FILTER, &zero, sizeof(int)), "setsockopt(SO_DETACH_FILTER)", IfName);
    }

    public int JoinFanout(int group)
    {
        int typeFlags = PACKET_FANOUT_HASH | (group == 0 ? PACKET_FANOUT_FLAG_UNIQUEID : 0);
        SetInt(Fd, PACKET_FANOUT, (group & 0xffff) | (typeFlags << 16), "setsockopt(PACKET_FANOUT)", IfName);
        int v = 0;
        uint len = sizeof(int);
        if (LinuxNative.getsockopt(Fd, SOL_PACKET, PACKET_FANOUT, &v, &len) < 0)
        {
            ErrnoException.Throw(LinuxNative.LastErrno(), "getsockopt(PACKET_FANOUT)", IfName);
        }

        return v & 0xffff;
    }

    public override void Dispose()
    {
        TxRing?.Dispose();
        Ring.Dispose();
        if (_sendFd is not null)
        {
            if (_sendFdRef)
            {
                _sendFdRef = false;
                _sendFd.DangerousRelease();
            }

            _sendFd.Dispose();
        }

        base.Dispose();
    }
}
