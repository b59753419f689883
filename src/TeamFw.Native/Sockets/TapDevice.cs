// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>
/// The team device: a TAP interface opened on /dev/net/tun. With virtio-net headers and
/// TUNSETOFFLOAD the host stack hands us (and accepts from us) partial checksums and GSO frames.
/// A TAP that is not persistent is deleted when its last descriptor closes; a persistent one
/// (<see cref="SetPersist"/>, TUNSETPERSIST) stays, with its addresses and routes, and has no carrier
/// while no queue is attached (drivers/net/tun.c turns the carrier off when the last queue detaches
/// and on when one attaches). <see cref="Open"/> on the name of such a TAP attaches to it again.
/// </summary>
public sealed unsafe class TapDevice : FdOwner, IFrameReader, IFrameWriter
{
    private TapDevice(SafeFd fd, string name, bool vnetHdr) : base(fd)
    {
        Name = name;
        VnetHeader = vnetHdr;
    }

    public string Name { get; }
    public bool VnetHeader { get; }
    /// <summary>Creates the TAP, or with <paramref name="attach"/> attaches to the persistent TAP of that name
    /// (TUNSETIFF does both; without it IFF_TUN_EXCL makes an existing interface of that name an error).</summary>
    public static TapDevice Open(string name, bool vnetHdr, bool attach = false)
    {
        if (name.Length == 0 || name.Length >= IFNAMSIZ)
        {
            throw new ArgumentException($"interface name \"{name}\" must be 1 to {IFNAMSIZ - 1} characters");
        }

        ReadOnlySpan<byte> path = "/dev/net/tun\0"u8;
        int raw;
        fixed (byte* p = path)
        {
            raw = ErrnoException.Check(LinuxNative.open(p, O_RDWR | O_CLOEXEC | O_NONBLOCK, 0), "open(/dev/net/tun)", name);
        }

        var fd = new SafeFd(raw);
        try
        {
            var ifr = default(ifreq);
            NetDevice.CopyName(name, ifr.ifr_name);
            ifr.ifr_ifru.ifru_flags = (short)(IFF_TAP | IFF_NO_PI | (vnetHdr ? IFF_VNET_HDR : 0) | (attach ? 0 : IFF_TUN_EXCL));
            int rv = LinuxNative.ioctl(raw, TUNSETIFF, &ifr);
            if (rv < 0)
            {
                Errno e = LinuxNative.LastErrno();
                string op = (e, attach) switch
                {
                    (Errno.EBUSY, false) => "TUNSETIFF (an interface with this name already exists)",
                    (Errno.EBUSY, true) => "TUNSETIFF (another process holds the TAP)",
                    (Errno.EINVAL, true) => "TUNSETIFF (the interface is not a TAP)",
                    _ => "TUNSETIFF",
                };
                ErrnoException.Throw(e, op, name);
            }

            if (vnetHdr)
            {
                int hdr = sizeof(virtio_net_hdr);
                ErrnoException.Check(LinuxNative.ioctl(raw, TUNSETVNETHDRSZ, &hdr), "TUNSETVNETHDRSZ", name);
                nuint offload = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
                ErrnoException.Check(LinuxNative.ioctl(raw, TUNSETOFFLOAD, (void*)offload), "TUNSETOFFLOAD", name);
            }

            return new TapDevice(fd, name, vnetHdr);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>TUNSETPERSIST: whether the interface outlives this descriptor.</summary>
    public void SetPersist(bool on)
    {
        ErrnoException.Check(LinuxNative.ioctl(Fd, TUNSETPERSIST, (void*)(nuint)(on ? 1u : 0u)), "TUNSETPERSIST", Name);
    }

    /// <summary>Sets the TAP's carrier (TUNSETCARRIER). The team has carrier while a port is up.</summary>
    public void SetCarrier(bool on)
    {
        int v = on ? 1 : 0;
        ErrnoException.Check(LinuxNative.ioctl(Fd, TUNSETCARRIER, &v), "TUNSETCARRIER", Name);
    }

    /// <summary>Reads one frame. Returns its length, or -errno (EAGAIN when the queue is empty).</summary>
    public int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = LinuxNative.read(Fd, p, (nuint)buffer.Length);
            return n >= 0 ? (int)n : -(int)LinuxNative.LastErrno();
        }
    }

    /// <summary>Reads one frame into <paramref name="first"/>, continuing into <paramref name="overflow"/> when it is
    /// longer (readv). Returns the total length, or -errno (EAGAIN when the queue is empty).</summary>
    public int Read(Span<byte> first, Span<byte> overflow)
    {
        fixed (byte* p = first)
        fixed (byte* q = overflow)
        {
            iovec* iov = stackalloc iovec[2];
            iov[0].iov_base = p;
            iov[0].iov_len = (nuint)first.Length;
            iov[1].iov_base = q;
            iov[1].iov_len = (nuint)overflow.Length;
            nint n = LinuxNative.readv(Fd, iov, 2);
            return n >= 0 ? (int)n : -(int)LinuxNative.LastErrno();
        }
    }

    /// <summary>Writes one frame to the host stack. Returns OK or the errno.</summary>
    public Errno Write(ReadOnlySpan<byte> frame)
    {
        fixed (byte* p = frame)
        {
            return LinuxNative.write(Fd, p, (nuint)frame.Length) < 0 ? LinuxNative.LastErrno() : Errno.OK;
        }
    }

    /// <summary>One write() per frame: nothing is queued, so <see cref="IFrameWriter.Flush"/> has nothing to send.</summary>
    bool IFrameWriter.Write(ReadOnlySpan<byte> frame, ref FrameLoss lost) => Write(frame) == Errno.OK;

    FrameLoss IFrameWriter.Flush() => default;
}

/// <summary>Where the transmit path reads frames from (the TAP; a test's queue).</summary>
public interface IFrameReader
{
    /// <summary>Reads one frame into <paramref name="first"/>, continuing into <paramref name="overflow"/> when it is
    /// longer. Returns the total length, or -errno (EAGAIN when there is none).</summary>
    int Read(Span<byte> first, Span<byte> overflow);
}

/// <summary>
/// Where a receive worker hands frames to the host stack (the TAP; the veth host peer's TX ring; a test's
/// list). The worker picks one when it starts, so the per-frame path has no branch on the team device.
/// </summary>
public interface IFrameWriter
{
    /// <summary>Writes or queues one frame. False when it cannot go (the caller counts it as dropped); what
    /// an earlier queued batch lost on the way (a flush to make room) is added to <paramref name="lost"/>.</summary>
    bool Write(ReadOnlySpan<byte> frame, ref FrameLoss lost);

    /// <summary>Sends what is queued (one syscall at most); returns what of it the kernel did not take.</summary>
    FrameLoss Flush();
}

/// <summary>Queued frames the kernel did not take, and their bytes (without virtio-net headers): the writer
/// counted them as written when it queued them.</summary>
public record struct FrameLoss(ulong Frames, ulong Bytes)
{
    public static FrameLoss operator +(FrameLoss a, FrameLoss b) => new(a.Frames + b.Frames, a.Bytes + b.Bytes);
}
