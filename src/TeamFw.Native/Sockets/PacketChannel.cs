// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>
/// A small non-blocking AF_PACKET socket on one port for control traffic (ARP/NS probes, gratuitous ARP,
/// IGMP/MLD reports): whole Ethernet frames in and out, no ring. Bound to one ethertype so the kernel
/// hands it only the frames it is about.
/// </summary>
public sealed unsafe class PacketChannel : FdOwner, IFrameChannel
{
    private PacketChannel(SafeFd fd, string ifName, int ifIndex) : base(fd)
    {
        IfName = ifName;
        IfIndex = ifIndex;
    }

    public string IfName { get; }

    public int IfIndex { get; }

    /// <summary>
    /// Opens a socket on <paramref name="ifIndex"/> receiving <paramref name="etherType"/> (0 = send only). With a
    /// <paramref name="filter"/> (classic BPF, 8-byte <c>struct sock_filter</c>s) the socket is bound to every
    /// protocol and receives what the filter accepts: unlike a socket bound to one ethertype, the filter sees
    /// the VLAN tag the kernel took off the frame (SKF_AD_VLAN_TAG). It is attached before the socket is bound,
    /// so no frame reaches the socket unfiltered.
    /// </summary>
    public static PacketChannel Open(string ifName, int ifIndex, ushort etherType, ReadOnlySpan<byte> filter = default)
    {
        int raw = ErrnoException.Check(LinuxNative.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), "socket(AF_PACKET)", ifName);
        var fd = new SafeFd(raw);
        try
        {
            if (!filter.IsEmpty)
            {
                PacketSocket.AttachFilter(raw, filter, ifName, "");
            }

            var sll = default(sockaddr_ll);
            sll.sll_family = AF_PACKET;
            sll.sll_protocol = BinaryPrimitives.ReverseEndianness(filter.IsEmpty ? etherType : ETH_P_ALL);
            sll.sll_ifindex = ifIndex;
            ErrnoException.Check(LinuxNative.bind(raw, &sll, (uint)sizeof(sockaddr_ll)), "bind(AF_PACKET)", ifName);
            int one = 1;
            LinuxNative.setsockopt(raw, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(int));
            return new PacketChannel(fd, ifName, ifIndex);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one Ethernet frame. Returns OK or the errno. The frame's own ethertype goes with it as the packet's
    /// protocol: a socket bound to every protocol (or to none) would otherwise send it as ETH_P_ALL (or 0), which
    /// kernels before 5.2 hand to the driver as is (packet_parse_headers reads it from the frame since then).
    /// </summary>
    public Errno Send(ReadOnlySpan<byte> frame)
    {
        var to = default(sockaddr_ll);
        to.sll_family = AF_PACKET;
        to.sll_ifindex = IfIndex;
        if (frame.Length >= ETH_HLEN)
        {
            to.sll_protocol = BinaryPrimitives.ReverseEndianness(BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
        }

        fixed (byte* p = frame)
        {
            return LinuxNative.sendto(Fd, p, (nuint)frame.Length, MSG_DONTWAIT, &to, (uint)sizeof(sockaddr_ll)) < 0 ? LinuxNative.LastErrno() : Errno.OK;
        }
    }

    /// <summary>Receives one frame into <paramref name="buffer"/>. Returns its length, or -errno (EAGAIN when none).</summary>
    public int Receive(Span<byte> buffer) => Recv(buffer, MSG_DONTWAIT);

    /// <summary>As <see cref="Receive"/>, but returns the frame's real length even when it did not fit
    /// (MSG_TRUNC): a result larger than the buffer means the frame was cut.</summary>
    public int ReceiveWhole(Span<byte> buffer) => Recv(buffer, MSG_DONTWAIT | MSG_TRUNC);

    /// <summary>PACKET_ADD_MEMBERSHIP on the port (e.g. PACKET_MR_MULTICAST with a group address); dropped with the socket.</summary>
    public void AddMembership(int type, ReadOnlySpan<byte> address = default) => AddPacketMembership(IfIndex, IfName, type, address);

    /// <summary>Reads and clears the socket's pending error (SO_ERROR), as <see cref="PacketSocket.ClearError"/>.</summary>
    public Errno ClearError() => ClearSocketError();
}
