// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.IO;
using TeamFw.Native.Interop;
using Xunit;

namespace TeamFw.Native.Tests.Interop;

public sealed class ErrnoExceptionTests
{
    [Fact]
    public void Message_WithObject_NamesOperationObjectAndErrno()
    {
        var e = new ErrnoException(Errno.ENOMEM, "setsockopt(PACKET_RX_RING)", "eth1");

        Assert.Equal("setsockopt(PACKET_RX_RING) on eth1: ENOMEM", e.Message);
        Assert.Equal(Errno.ENOMEM, e.Errno);
        Assert.Equal("setsockopt(PACKET_RX_RING)", e.Operation);
        Assert.Equal("eth1", e.ObjectName);
        Assert.Equal(12, e.HResult);
        Assert.IsAssignableFrom<IOException>(e);
    }

    [Fact]
    public void Message_WithoutObject_OmitsOn()
    {
        Assert.Equal("socket(AF_PACKET): EPERM", new ErrnoException(Errno.EPERM, "socket(AF_PACKET)", null).Message);
    }

    [Fact]
    public void Message_UnnamedErrno_ShowsNumber()
    {
        Assert.Equal("ioctl(TUNSETIFF) on tap0: errno 133", new ErrnoException((Errno)133, "ioctl(TUNSETIFF)", "tap0").Message);
    }

    [Fact]
    public void Throw_ThrowsErrnoException()
    {
        var e = Assert.Throws<ErrnoException>(() => ErrnoException.Throw(Errno.EBUSY, "bind", "eth0"));

        Assert.Equal("bind on eth0: EBUSY", e.Message);
    }

    [Fact]
    public void Check_NonNegative_ReturnsValue()
    {
        Assert.Equal(7, ErrnoException.Check(7, "socket"));
        Assert.Equal((nint)0, ErrnoException.Check((nint)0, "mmap"));
    }
}
