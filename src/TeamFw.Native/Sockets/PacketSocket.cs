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
/// virtio-net headers so partial checksums and GSO/GRO sizes survive the trip (SPEC §4 "Ports").
/// </summary>
public sealed unsafe class PacketSocket : FdOwner
{
    private PacketSocket(SafeFd fd, string ifName, int ifIndex, RxRing ring, bool vnetHdr) : base(fd)
    {
        IfName = ifName;
        IfIndex = ifIndex;
        Ring = ring;
        VnetHeader = vnetHdr;
    }

    public string IfName { get; }
    public int IfIndex { get; }
    public RxRing Ring { get; }
    public bool VnetHeader { get; }
    public static int VnetHeaderLength => sizeof(virtio_net_hdr);

    /// <summary>Opens, configures and binds the socket. Throws <see cref="ErrnoException"/> naming the step and interface.</summary>
    public static PacketSocket Open(string ifName, int ifIndex, RingGeometry geometry, bool vnetHdr)
    {
        string? bad = geometry.Validate(Environment.SystemPageSize);
        if (bad is not null)
        {
            throw new ArgumentException($"rx ring for {ifName}: {bad}");
        }

        // Protocol 0 first: nothing is queued before the ring exists; bind() sets ETH_P_ALL.
        int raw = ErrnoException.Check(LinuxNative.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), "socket(AF_PACKET)", ifName);
        var fd = new SafeFd(raw);
        byte* map = null;
        nuint mapLen = 0;
        try
        {
            SetInt(raw, PACKET_VERSION, TPACKET_V3, "setsockopt(PACKET_VERSION)", ifName);
            if (vnetHdr)
            {
                SetInt(raw, PACKET_VNET_HDR, 1, "setsockopt(PACKET_VNET_HDR)", ifName);
            }

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
            map = (byte*)LinuxNative.mmap(null, mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, raw, 0);
            if (map == (byte*)-1)
            {
                map = null;
                ErrnoException.Throw(LinuxNative.LastErrno(), "mmap(rx ring)", ifName);
            }

            // Frames we send are not looped back to us; frames bypass the qdisc (we batch ourselves).
            SetInt(raw, PACKET_IGNORE_OUTGOING, 1, "setsockopt(PACKET_IGNORE_OUTGOING)", ifName);
            SetInt(raw, PACKET_QDISC_BYPASS, 1, "setsockopt(PACKET_QDISC_BYPASS)", ifName);
            int sndbuf = 4 * 1024 * 1024;
            LinuxNative.setsockopt(raw, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(int));

            var sll = default(sockaddr_ll);
            sll.sll_family = AF_PACKET;
            sll.sll_protocol = BinaryPrimitives.ReverseEndianness(ETH_P_ALL);
            sll.sll_ifindex = ifIndex;
            ErrnoException.Check(LinuxNative.bind(raw, &sll, (uint)sizeof(sockaddr_ll)), "bind(AF_PACKET)", ifName);
            var ring = new RxRing(map, mapLen, geometry, vnetHdr ? sizeof(virtio_net_hdr) : 0);
            map = null;
            return new PacketSocket(fd, ifName, ifIndex, ring, vnetHdr);
        }
        catch
        {
            if (map != null)
            {
                LinuxNative.munmap(map, mapLen);
            }

            fd.Dispose();
            throw;
        }
    }

    private static void SetInt(int fd, int opt, int value, string op, string ifName)
        => ErrnoException.Check(LinuxNative.setsockopt(fd, SOL_PACKET, opt, &value, sizeof(int)), op, ifName);

    /// <summary>Adds a packet membership (PACKET_MR_MULTICAST with an address, or PACKET_MR_ALLMULTI / _PROMISC).
    /// The kernel drops it when the socket closes, so nothing is left behind.</summary>
    public void AddMembership(int type, ReadOnlySpan<byte> address = default)
    {
        var mreq = default(packet_mreq);
        mreq.mr_ifindex = IfIndex;
        mreq.mr_type = (ushort)type;
        mreq.mr_alen = (ushort)address.Length;
        for (int i = 0; i < address.Length && i < 8; i++)
        {
            mreq.mr_address[i] = address[i];
        }

        ErrnoException.Check(LinuxNative.setsockopt(Fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, (uint)sizeof(packet_mreq)), "setsockopt(PACKET_ADD_MEMBERSHIP)", IfName);
    }

    /// <summary>
    /// Reads and clears the socket's pending error (SO_ERROR). AF_PACKET sets ENETDOWN when the port goes
    /// down; until it is read, poll reports POLLERR and would spin.
    /// </summary>
    public Errno ClearError()
    {
        int err = 0;
        uint len = sizeof(int);
        LinuxNative.getsockopt(Fd, SOL_SOCKET, SO_ERROR, &err, &len);
        return (Errno)err;
    }

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

    /// <summary>Sends one frame (with a virtio-net header in front when enabled). Returns OK or the errno.</summary>
    public Errno Send(ReadOnlySpan<byte> frame)
    {
        fixed (byte* p = frame)
        {
            return LinuxNative.send(Fd, p, (nuint)frame.Length, MSG_DONTWAIT) < 0 ? LinuxNative.LastErrno() : Errno.OK;
        }
    }

    public override void Dispose()
    {
        Ring.Dispose();
        base.Dispose();
    }
}
