// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Native.Interop;

/// <summary>Linux errno values (asm-generic/errno-base.h, errno.h); identical on x86_64, arm and arm64.</summary>
public enum Errno
{
    OK = 0,
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    ENXIO = 6,
    E2BIG = 7,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EFAULT = 14,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    ENOTDIR = 20,
    EINVAL = 22,
    ENFILE = 23,
    EMFILE = 24,
    ENOTTY = 25,
    ENOSPC = 28,
    EPIPE = 32,
    ERANGE = 34,
    ENAMETOOLONG = 36,
    ENOSYS = 38,
    ENODATA = 61,
    ENOLINK = 67,
    EPROTO = 71,
    EMSGSIZE = 90,
    EPROTONOSUPPORT = 93,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENOBUFS = 105,
    ECONNREFUSED = 111,
    EUSERS = 87,
    ETIMEDOUT = 110,
}
