// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>sys/un.h: sun_path is 108 bytes on every Linux ABI.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_un
{
    public ushort sun_family;
    public fixed byte sun_path[108];
}

/// <summary>SO_PEERCRED (sys/socket.h with _GNU_SOURCE): pid_t, uid_t, gid_t.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ucred
{
    public int pid;
    public uint uid;
    public uint gid;
}
