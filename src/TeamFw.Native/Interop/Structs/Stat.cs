// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>linux/stat.h: the timestamps of struct statx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct statx_timestamp
{
    public long tv_sec;
    public uint tv_nsec;
    public int __reserved;
}

/// <summary>linux/stat.h: struct statx, 0x100 bytes on every ABI (the reason statx is used and not fstat).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct statx
{
    public uint stx_mask;
    public uint stx_blksize;
    public ulong stx_attributes;
    public uint stx_nlink;
    public uint stx_uid;
    public uint stx_gid;
    public ushort stx_mode;
    public fixed ushort __spare0[1];
    public ulong stx_ino;
    public ulong stx_size;
    public ulong stx_blocks;
    public ulong stx_attributes_mask;
    public statx_timestamp stx_atime;
    public statx_timestamp stx_btime;
    public statx_timestamp stx_ctime;
    public statx_timestamp stx_mtime;
    public uint stx_rdev_major;
    public uint stx_rdev_minor;
    public uint stx_dev_major;
    public uint stx_dev_minor;
    public ulong stx_mnt_id;
    public uint stx_dio_mem_align;
    public uint stx_dio_offset_align;
    public fixed ulong __spare3[12];
}
