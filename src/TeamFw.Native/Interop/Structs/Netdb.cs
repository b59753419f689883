// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>netdb.h: one getaddrinfo result (glibc and musl order the members the same way).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct addrinfo
{
    public int ai_flags;
    public int ai_family;
    public int ai_socktype;
    public int ai_protocol;
    public uint ai_addrlen;
    public void* ai_addr;
    public byte* ai_canonname;
    public addrinfo* ai_next;
}

/// <summary>netinet/in.h: sin_addr is struct in_addr, one in_addr_t in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_in
{
    public ushort sin_family;
    public ushort sin_port;
    public uint sin_addr;
    public fixed byte sin_zero[8];
}

/// <summary>netinet/in.h: sin6_addr is struct in6_addr, 16 bytes in network order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_in6
{
    public ushort sin6_family;
    public ushort sin6_port;
    public uint sin6_flowinfo;
    public fixed byte sin6_addr[16];
    public uint sin6_scope_id;
}
