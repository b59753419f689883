// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Native.Interop;

/// <summary>Kernel and libc constants, verbatim names. Values are the same on x86_64, arm and arm64.</summary>
internal static class Constants
{
    // fcntl.h / bits
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;

    // sys/mman.h
    public const int PROT_READ = 1;
    public const int PROT_WRITE = 2;
    public const int MAP_SHARED = 1;
    public const int MAP_LOCKED = 0x2000;
    public const uint MFD_CLOEXEC = 1;

    // poll.h
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    // sys/socket.h
    public const int AF_UNIX = 1;
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int AF_NETLINK = 16;
    public const int AF_PACKET = 17;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_RAW = 3;
    public const int SOCK_SEQPACKET = 5;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_ERROR = 4;
    public const int SO_ATTACH_FILTER = 26;
    public const int SO_DETACH_FILTER = 27;
    public const int SO_RCVBUF = 8;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUFFORCE = 33;
    public const int SO_SNDBUFFORCE = 32;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int SO_PEERCRED = 17;
    public const int SO_PEERGROUPS = 59;

    // sys/file.h, fcntl.h
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;

    // sys/stat.h, linux/stat.h, fcntl.h: statx(2). (Not O_NOFOLLOW: its value differs between x86 and ARM.)
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;
    public const uint S_IFMT = 0xf000;
    public const uint S_IFREG = 0x8000;

    // linux/if_ether.h
    public const ushort ETH_P_ALL = 0x0003;
    public const ushort ETH_P_IP = 0x0800;
    public const ushort ETH_P_ARP = 0x0806;
    public const ushort ETH_P_8021Q = 0x8100;
    public const ushort ETH_P_IPV6 = 0x86DD;
    public const ushort ETH_P_SLOW = 0x8809;
    public const int ETH_ALEN = 6;
    public const int ETH_HLEN = 14;

    // linux/if_packet.h
    public const int SOL_PACKET = 263;
    public const int PACKET_ADD_MEMBERSHIP = 1;
    public const int PACKET_DROP_MEMBERSHIP = 2;
    public const int PACKET_RX_RING = 5;
    public const int PACKET_STATISTICS = 6;
    public const int PACKET_VERSION = 10;
    public const int PACKET_RESERVE = 12;
    public const int PACKET_TX_RING = 13;
    public const int PACKET_LOSS = 14;
    public const int PACKET_VNET_HDR = 15;
    public const int PACKET_QDISC_BYPASS = 20;
    public const int PACKET_IGNORE_OUTGOING = 23;
    public const int PACKET_FANOUT = 18;
    public const int PACKET_FANOUT_HASH = 0;
    public const int PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
    public const int PACKET_MR_MULTICAST = 0;
    public const int PACKET_MR_PROMISC = 1;
    public const int PACKET_MR_ALLMULTI = 2;
    public const int TPACKET_V3 = 2;
    public const byte PACKET_HOST = 0;
    public const byte PACKET_BROADCAST = 1;
    public const byte PACKET_MULTICAST = 2;
    public const byte PACKET_OTHERHOST = 3;
    public const byte PACKET_OUTGOING = 4;
    public const uint TP_STATUS_KERNEL = 0;
    public const uint TP_STATUS_USER = 1;
    public const uint TP_STATUS_COPY = 1 << 1;
    public const uint TP_STATUS_LOSING = 1 << 2;
    public const uint TP_STATUS_CSUMNOTREADY = 1 << 3;
    public const uint TP_STATUS_VLAN_VALID = 1 << 4;
    public const uint TP_STATUS_BLK_TMO = 1 << 5;
    public const uint TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    public const uint TP_FT_REQ_FILL_RXHASH = 1;
    public const uint TP_STATUS_AVAILABLE = 0;
    public const uint TP_STATUS_SEND_REQUEST = 1 << 0;
    public const uint TP_STATUS_SENDING = 1 << 1;
    public const uint TP_STATUS_WRONG_FORMAT = 1 << 2;
    public const int TPACKET_ALIGNMENT = 16;
    public const int TPACKET3_HDRLEN = 68; // TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) + sizeof(struct sockaddr_ll)

    // linux/netlink.h, linux/rtnetlink.h
    public const int NETLINK_ROUTE = 0;
    public const int NETLINK_GENERIC = 16;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_ADD_MEMBERSHIP = 1;
    public const int NETLINK_EXT_ACK = 11;
    public const int NETLINK_CAP_ACK = 10;
    public const uint RTMGRP_LINK = 1;
    public const uint RTMGRP_IPV4_IFADDR = 0x10;
    public const uint RTMGRP_IPV6_IFADDR = 0x100;
    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_ROOT = 0x100;
    public const ushort NLM_F_MATCH = 0x200;
    public const ushort NLM_F_DUMP = 0x300;
    public const ushort NLM_F_REPLACE = 0x100;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_SETLINK = 19;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_FLAGS = 8;
    public const ushort IFA_CACHEINFO = 6;
    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_LINK = 253;

    // net/if.h
    public const int IFNAMSIZ = 16;
    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_NOARP = 0x80;
    public const uint IFF_PROMISC = 0x100;
    public const uint IFF_ALLMULTI = 0x200;
    public const uint IFF_MULTICAST = 0x1000;
    public const uint IFF_LOWER_UP = 0x10000;

    // linux/sockios.h
    public const uint SIOCGIFNAME = 0x8910;
    public const uint SIOCGIFFLAGS = 0x8913;
    public const uint SIOCSIFFLAGS = 0x8914;
    public const uint SIOCGIFMTU = 0x8921;
    public const uint SIOCSIFMTU = 0x8922;
    public const uint SIOCSIFHWADDR = 0x8924;
    public const uint SIOCGIFHWADDR = 0x8927;
    public const uint SIOCGIFINDEX = 0x8933;
    public const uint SIOCSIFTXQLEN = 0x8943;
    public const uint SIOCETHTOOL = 0x8946;
    public const ushort ARPHRD_ETHER = 1;

    // linux/ethtool.h
    public const uint ETHTOOL_GSET = 0x00000001;
    public const uint ETHTOOL_GLINK = 0x0000000a;
    public const uint ETHTOOL_GLINKSETTINGS = 0x0000004c;
    public const byte DUPLEX_HALF = 0x00;
    public const byte DUPLEX_FULL = 0x01;
    public const byte DUPLEX_UNKNOWN = 0xff;
    public const uint SPEED_UNKNOWN = 0xffffffff;

    // linux/if_tun.h: ioctl numbers are _IOW('T', n, int) / _IOR; identical for the three ABIs
    // because they encode sizeof(int) and sizeof(unsigned int), both 4.
    public const uint TUNSETIFF = 0x400454ca;
    public const uint TUNSETPERSIST = 0x400454cb;
    public const uint TUNSETOFFLOAD = 0x400454d0;
    public const uint TUNSETVNETHDRSZ = 0x400454d8;
    public const uint TUNSETCARRIER = 0x400454e2;
    public const short IFF_TAP = 0x0002;
    public const short IFF_NO_PI = 0x1000;
    public const int IFF_TUN_EXCL = 0x8000;
    public const short IFF_VNET_HDR = 0x4000;
    public const uint TUN_F_CSUM = 0x01;
    public const uint TUN_F_TSO4 = 0x02;
    public const uint TUN_F_TSO6 = 0x04;
    public const uint TUN_F_TSO_ECN = 0x08;

    // linux/virtio_net.h
    public const byte VIRTIO_NET_HDR_F_NEEDS_CSUM = 1;
    public const byte VIRTIO_NET_HDR_GSO_NONE = 0;

    // signal.h
    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const int SIGHUP = 1;
    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;

    // sys/wait.h
    public const int WNOHANG = 1;

    // sched.h
    public const int CLONE_NEWNET = 0x40000000;
}
