// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Tests.Layout;

/// <summary>
/// A C# interop struct and the C type it copies. <paramref name="CType"/> is any C type expression;
/// <paramref name="Members"/> maps a C# field to its C member designator where the C# struct flattens
/// a union or nested member, or splits an array; unmapped fields carry the C member name.
/// </summary>
internal sealed record KernelStruct(Type Type, string CType, IReadOnlyDictionary<string, string>? Members = null)
{
    public string CMember(string field)
        => Members is not null && Members.TryGetValue(field, out string? c) ? c : field;

    public override string ToString() => Type.Name;
}

/// <summary>Every struct in TeamFw.Native.Interop with its C counterpart (CoverageTests keeps this complete).</summary>
internal static class KernelStructs
{
    // struct ifreq's union has no tag in glibc or the kernel; name it through the member.
    private const string IfreqUnion = "__typeof__(((struct ifreq *)0)->ifr_ifru)";

    public static IReadOnlyList<KernelStruct> All { get; } =
    [
        // linux/if_packet.h
        new(typeof(sockaddr_ll), "struct sockaddr_ll"),
        new(typeof(tpacket_req3), "struct tpacket_req3"),
        new(typeof(tpacket_bd_ts), "struct tpacket_bd_ts"), // ts_usec: anonymous union with ts_nsec
        new(typeof(tpacket_hdr_v1), "struct tpacket_hdr_v1"),
        new(typeof(tpacket_block_desc), "struct tpacket_block_desc", new Dictionary<string, string>
        {
            ["hdr"] = "hdr.bh1", // union tpacket_bd_header_u { struct tpacket_hdr_v1 bh1; } hdr
        }),
        new(typeof(tpacket_hdr_variant1), "struct tpacket_hdr_variant1"),
        new(typeof(tpacket3_hdr), "struct tpacket3_hdr"), // hv1: anonymous union member
        new(typeof(tpacket_stats_v3), "struct tpacket_stats_v3"),
        new(typeof(packet_mreq), "struct packet_mreq"),

        // linux/filter.h
        new(typeof(sock_fprog), "struct sock_fprog"),

        // linux/virtio_net.h
        new(typeof(virtio_net_hdr), "struct virtio_net_hdr"),

        // net/if.h
        new(typeof(ifreq), "struct ifreq"),
        new(typeof(ifreq_union), IfreqUnion, new Dictionary<string, string>
        {
            ["sa_family"] = "ifru_hwaddr.sa_family",
            ["sa_data"] = "ifru_hwaddr.sa_data",
            ["ifmap_mem_start"] = "ifru_map.mem_start",
        }),
        new(typeof(ifmap), "struct ifmap"),

        // linux/ethtool.h
        new(typeof(ethtool_link_settings), "struct ethtool_link_settings"),
        new(typeof(ethtool_cmd), "struct ethtool_cmd", new Dictionary<string, string>
        {
            ["reserved0"] = "reserved[0]",
            ["reserved1"] = "reserved[1]",
        }),
        new(typeof(ethtool_value), "struct ethtool_value"),

        // linux/netlink.h, linux/rtnetlink.h, linux/genetlink.h
        new(typeof(nlmsghdr), "struct nlmsghdr"),
        new(typeof(sockaddr_nl), "struct sockaddr_nl"),
        new(typeof(ifinfomsg), "struct ifinfomsg"),
        new(typeof(ifaddrmsg), "struct ifaddrmsg"),
        new(typeof(rtattr), "struct rtattr"),
        new(typeof(nlattr), "struct nlattr"),
        new(typeof(genlmsghdr), "struct genlmsghdr"),

        // linux/stat.h (through sys/stat.h)
        new(typeof(statx_timestamp), "struct statx_timestamp"),
        new(typeof(statx), "struct statx"),

        // poll.h, sys/uio.h, sys/socket.h
        new(typeof(pollfd), "struct pollfd"),
        new(typeof(iovec), "struct iovec"),
        new(typeof(msghdr), "struct msghdr"),
        new(typeof(mmsghdr), "struct mmsghdr"),

        // sys/un.h, sys/socket.h (_GNU_SOURCE): the control socket
        new(typeof(sockaddr_un), "struct sockaddr_un"),
        new(typeof(ucred), "struct ucred"),

        // netdb.h, netinet/in.h: host names for link watch targets
        new(typeof(addrinfo), "struct addrinfo"),
        new(typeof(sockaddr_in), "struct sockaddr_in", new Dictionary<string, string>
        {
            ["sin_addr"] = "sin_addr.s_addr", // struct in_addr { in_addr_t s_addr; }
        }),
        new(typeof(sockaddr_in6), "struct sockaddr_in6", new Dictionary<string, string>
        {
            ["sin6_addr"] = "sin6_addr.s6_addr", // struct in6_addr: a union whose first member is uint8_t[16]
        }),
    ];
}
