// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>
/// A send-only AF_PACKET socket with a TPACKET_V3 TX ring and no receive ring: bound with protocol 0, so the
/// kernel queues nothing to it (no receive hook). Frames are added to <see cref="Ring"/> and sent with one
/// send() per batch (<see cref="TxRing.Flush"/> on <see cref="FdOwner.Fd"/>); a frame larger than a ring frame
/// goes whole by <see cref="Send"/> on a second plain socket, since every send on the ring's socket is a flush.
/// One per receive worker of a veth team device (the host peer's side of ports → host), and one per port for each
/// transmit thread after the first (teamfw.tx_workers).
/// </summary>
public sealed unsafe class PacketTxSocket : FdOwner, IFrameWriter, ITxLaneSocket
{
    private readonly SafeFd _sendFd;
    private byte* _map;
    private readonly nuint _mapLength;

    private PacketTxSocket(SafeFd fd, SafeFd sendFd, byte* map, nuint mapLength, TxRing ring) : base(fd)
    {
        _sendFd = sendFd;
        _map = map;
        _mapLength = mapLength;
        Ring = ring;
    }

    /// <summary>The TX ring (owned by one thread).</summary>
    public TxRing Ring { get; }

    TxRing ITxLaneSocket.TxRing => Ring;

    public int SendFd => _sendFd.Value;

    /// <summary>Opens the socket on <paramref name="ifName"/> with a TX ring of <paramref name="geometry"/> (and
    /// virtio-net headers when <paramref name="vnetHdr"/>; past the device's qdisc unless <paramref name="qdiscBypass"/>
    /// is false). Throws <see cref="ErrnoException"/> naming the step.</summary>
    public static PacketTxSocket Open(string ifName, int ifIndex, TxRingGeometry geometry, bool vnetHdr, bool qdiscBypass = true)
    {
        string? bad = geometry.Validate(Environment.SystemPageSize);
        if (bad is not null)
        {
            throw new ArgumentException($"tx ring for {ifName}: {bad}");
        }

        int raw = ErrnoException.Check(LinuxNative.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), "socket(AF_PACKET, tx ring)", ifName);
        var fd = new SafeFd(raw);
        SafeFd? sendFd = null;
        byte* map = null;
        nuint mapLen = (nuint)geometry.TotalBytes;
        try
        {
            PacketSocket.SetInt(raw, PACKET_VERSION, TPACKET_V3, "setsockopt(PACKET_VERSION, tx ring)", ifName);
            if (vnetHdr)
            {
                PacketSocket.SetInt(raw, PACKET_VNET_HDR, 1, "setsockopt(PACKET_VNET_HDR, tx ring)", ifName);
            }

            PacketSocket.RequestTxRing(raw, geometry, ifName);
            map = (byte*)LinuxNative.mmap(null, mapLen, PROT_READ | PROT_WRITE, MAP_SHARED, raw, 0);
            if (map == (byte*)-1)
            {
                map = null;
                ErrnoException.Throw(LinuxNative.LastErrno(), "mmap(tx ring)", ifName);
            }

            PacketSocket.PrepareSendAndBind(raw, ifIndex, 0, ifName, ", tx ring", qdiscBypass);
            sendFd = PacketSocket.OpenSendOnly(ifName, ifIndex, vnetHdr, qdiscBypass);
            var ring = new TxRing(map, geometry, vnetHdr ? PacketSocket.VnetHeaderLength : 0);
            return new PacketTxSocket(fd, sendFd, map, mapLen, ring);
        }
        catch
        {
            PacketSocket.Unwind(map, mapLen, sendFd, fd);
            throw;
        }
    }

    /// <summary>Sends one whole frame on the plain socket (MSG_DONTWAIT). Returns OK or the errno.</summary>
    public Errno Send(ReadOnlySpan<byte> frame)
    {
        fixed (byte* p = frame)
        {
            while (LinuxNative.send(_sendFd.Value, p, (nuint)frame.Length, MSG_DONTWAIT) < 0)
            {
                Errno e = LinuxNative.LastErrno();
                if (e != Errno.EINTR)
                {
                    return e;
                }
            }

            return Errno.OK;
        }
    }

    /// <summary>
    /// Queues one frame in the TX ring. A full ring (frames still in flight, or more frames than it holds) is
    /// flushed and the frame queued again; a frame larger than a ring frame (GSO, jumbo) goes whole by
    /// <see cref="Send"/>. What the intermediate flush could not send is added to <paramref name="lost"/>.
    /// </summary>
    public bool Write(ReadOnlySpan<byte> frame, ref FrameLoss lost)
    {
        if (Ring.TryAdd(frame))
        {
            return true;
        }

        if (frame.Length > Ring.MaxFrameLength)
        {
            return Send(frame) == Errno.OK;
        }

        lost += Flush();
        return Ring.TryAdd(frame) || Send(frame) == Errno.OK;
    }

    /// <summary>Sends the queued frames with one send(), when there are any (<see cref="TxRing.Flush"/> sends nothing
    /// for an empty ring); returns what the kernel did not take.</summary>
    public FrameLoss Flush()
    {
        TxFlushResult r = Ring.Flush(Fd);
        return new FrameLoss((ulong)r.Dropped, (ulong)r.DroppedBytes);
    }

    public override void Dispose()
    {
        Ring.Dispose();
        if (_map != null)
        {
            LinuxNative.munmap(_map, _mapLength);
            _map = null;
        }

        _sendFd.Dispose();
        base.Dispose();
    }
}
