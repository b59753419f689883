// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>
/// struct ifreq (net/if.h): char ifr_name[16] then a union whose largest members are
/// struct ifmap (two unsigned longs) and a pointer, so its size is 40 on LP64 and 32 on ILP32.
/// The union is modelled as pointer-sized words so the struct follows the target's ABI.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ifreq
{
    public fixed byte ifr_name[16];
    public ifreq_union ifr_ifru;
}

[StructLayout(LayoutKind.Explicit)]
internal unsafe struct ifreq_union
{
    // struct sockaddr ifru_hwaddr { sa_family_t sa_family; char sa_data[14]; }
    [FieldOffset(0)] public ushort sa_family;
    [FieldOffset(2)] public fixed byte sa_data[14];
    [FieldOffset(0)] public short ifru_flags;
    [FieldOffset(0)] public int ifru_ivalue; // ifindex, mtu
    [FieldOffset(0)] public void* ifru_data;
    // struct ifmap { unsigned long mem_start, mem_end; unsigned short base_addr; unsigned char irq, dma, port; }
    [FieldOffset(0)] public nuint ifmap_mem_start;
    [FieldOffset(0)] public ifmap ifru_map;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ifmap
{
    public nuint mem_start;
    public nuint mem_end;
    public ushort base_addr;
    public byte irq;
    public byte dma;
    public byte port;
}
