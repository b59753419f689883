// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Linq;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using Xunit;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Tests.Rings;

/// <summary>The TX ring's frame walk over private memory, the test playing tpacket_snd and the skb destructor.</summary>
public sealed class TxRingTests : IDisposable
{
    private const int Vnet = 10;

    // 4 frames of 2048 bytes in 2 blocks of 4096: small enough to wrap in a test.
    private static readonly TxRingGeometry s_small = new(4096, 2, 2048);

    private readonly TxRing _ring = TxRing.CreateDetached(s_small, Vnet);

    public void Dispose() => _ring.Dispose();

    private static byte[] Frame(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public void TryAdd_CopiesFrameAndRequestsSend()
    {
        byte[] f = Frame(70, 0xab);

        Assert.True(_ring.TryAdd(f));

        Assert.Equal(1, _ring.Pending);
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(0));
        Assert.Equal(f, _ring.DataAt(0).ToArray());
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(1));
    }

    [Fact]
    public void TryAdd_NonGsoFrame_HdrLenCoversTheWholeFrame()
    {
        byte[] f = Frame(Vnet + 60, 0x5a);
        f.AsSpan(0, Vnet).Clear(); // flags 0, gso_type NONE, hdr_len 0
        f[2] = 14;                  // whatever the TAP said

        Assert.True(_ring.TryAdd(f));

        ReadOnlySpan<byte> data = _ring.DataAt(0);
        Assert.Equal(60, BinaryPrimitives.ReadUInt16LittleEndian(data[2..]));
        Assert.True(data[Vnet..].SequenceEqual(f.AsSpan(Vnet)));
        Assert.Equal(14, f[2]); // the caller's buffer is not touched
    }

    [Fact]
    public void TryAdd_GsoFrame_KeepsHdrLen()
    {
        byte[] f = Frame(Vnet + 1000, 0x11);
        f.AsSpan(0, Vnet).Clear();
        f[1] = 1;  // VIRTIO_NET_HDR_GSO_TCPV4
        f[2] = 66; // Ethernet + IPv4 + TCP headers

        Assert.True(_ring.TryAdd(f));

        Assert.Equal(66, BinaryPrimitives.ReadUInt16LittleEndian(_ring.DataAt(0)[2..]));
    }

    [Fact]
    public void TryAdd_NoVnetHeader_CopiesVerbatim()
    {
        using TxRing plain = TxRing.CreateDetached(s_small, 0);
        byte[] f = new byte[60];

        Assert.True(plain.TryAdd(f));
        Assert.True(plain.DataAt(0).SequenceEqual(f));
        plain.KernelTake(1);
        Assert.Equal(new TxFlushResult(1, 60, 0, 0, Errno.OK), plain.Settle(Errno.OK));
    }

    [Fact]
    public void TryAdd_FillsFramesInRingOrder_AcrossBlocks()
    {
        for (byte i = 0; i < 4; i++)
        {
            Assert.True(_ring.TryAdd(Frame(60 + i, (byte)(0xf0 + i)))); // gso_type != 0: copied verbatim
        }

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(60 + i, _ring.DataAt(i).Length);
            Assert.True(_ring.DataAt(i).ToArray().All(b => b == 0xf0 + i));
        }
    }

    [Fact]
    public void TryAdd_FrameLongerThanRingFrame_Refused()
    {
        Assert.Equal(2048 - 48, _ring.MaxFrameLength);

        Assert.False(_ring.TryAdd(new byte[_ring.MaxFrameLength + 1]));
        Assert.Equal(0, _ring.Pending);
        Assert.True(_ring.TryAdd(new byte[_ring.MaxFrameLength]));
    }

    [Fact]
    public void TryAdd_ShorterThanVnetHeader_Refused()
    {
        Assert.False(_ring.TryAdd(new byte[Vnet - 1]));
    }

    [Fact]
    public void TryAdd_RingFull_Refused()
    {
        for (int i = 0; i < _ring.Capacity; i++)
        {
            Assert.True(_ring.TryAdd(Frame(64, 1)));
        }

        Assert.False(_ring.TryAdd(Frame(64, 2)));
        Assert.Equal(_ring.Capacity, _ring.Pending);
    }

    [Fact]
    public void Settle_AllTaken_CountsFramesAndBytesWithoutVnetHeaders()
    {
        _ring.TryAdd(Frame(Vnet + 60, 1));
        _ring.TryAdd(Frame(Vnet + 100, 2));
        _ring.TryAdd(Frame(Vnet + 1514, 3));

        Assert.Equal(3, _ring.KernelTake(10));
        TxFlushResult r = _ring.Settle(Errno.OK);

        Assert.Equal(new TxFlushResult(3, 60 + 100 + 1514, 0, 0, Errno.OK), r);
        Assert.Equal(0, _ring.Pending);
        Assert.Equal(3, _ring.Sent);
        Assert.Equal(TP_STATUS_SENDING, _ring.StatusAt(0));
    }

    [Fact]
    public void Settle_KernelStoppedEarly_GivesTheRestBackAndRewinds()
    {
        for (int i = 0; i < 4; i++)
        {
            _ring.TryAdd(Frame(70, (byte)i));
        }

        Assert.Equal(1, _ring.KernelTake(1)); // then the socket buffer ran out: send() said EAGAIN
        TxFlushResult r = _ring.Settle(Errno.EAGAIN);

        Assert.Equal(new TxFlushResult(1, 60, 3, 3 * 60, Errno.EAGAIN), r);
        Assert.Equal(TP_STATUS_SENDING, _ring.StatusAt(0));
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(1));
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(2));
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(3));

        // The kernel's head is frame 1: the next frame must go there, not after the dropped ones.
        Assert.True(_ring.TryAdd(Frame(80, 9)));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(1));
        Assert.Equal(80, _ring.DataAt(1).Length);
        Assert.Equal(1, _ring.KernelTake(10));
    }

    [Fact]
    public void Settle_NothingTaken_DropsAll()
    {
        _ring.TryAdd(Frame(70, 1));
        _ring.TryAdd(Frame(70, 2));

        TxFlushResult r = _ring.Settle(Errno.ENETDOWN);

        Assert.Equal(new TxFlushResult(0, 0, 2, 2 * 60, Errno.ENETDOWN), r);
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(0));
        Assert.True(_ring.TryAdd(Frame(70, 3)));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(0));
    }

    [Fact]
    public void Settle_WrongFormatAtHead_DropsThatFrameOnly_TheRestMoveToTheKernelsHead()
    {
        _ring.TryAdd(Frame(70, 1));
        _ring.TryAdd(Frame(71, 2));
        _ring.TryAdd(Frame(72, 3));
        _ring.KernelRefuse(); // tpacket_snd without PACKET_LOSS: frame 0 WRONG_FORMAT, its head stays there

        TxFlushResult r = _ring.Settle(Errno.EMSGSIZE);

        Assert.Equal(new TxFlushResult(0, 0, 1, 60, Errno.EMSGSIZE), r);
        Assert.Equal(2, _ring.Pending);
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(0));
        Assert.Equal(Frame(71, 2), _ring.DataAt(0).ToArray());
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(1));
        Assert.Equal(Frame(72, 3), _ring.DataAt(1).ToArray());
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(2));

        // The next send() starts at the kernel's head, now the second frame.
        Assert.Equal(2, _ring.KernelTake(10));
        Assert.Equal(new TxFlushResult(2, 71 - Vnet + 72 - Vnet, 0, 0, Errno.OK), _ring.Settle(Errno.OK));
        Assert.Equal(2, _ring.Sent);
        Assert.True(_ring.TryAdd(Frame(70, 4)));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(2));
    }

    [Fact]
    public void Settle_WrongFormatAfterSentFrames_CountsEachFrameOnce()
    {
        for (int i = 0; i < 4; i++)
        {
            _ring.TryAdd(Frame(70, (byte)i));
        }

        Assert.Equal(1, _ring.KernelTake(1));
        _ring.KernelRefuse(skipTaken: 1); // frame 1 refused, frames 2 and 3 not looked at

        TxFlushResult r = _ring.Settle(Errno.EINVAL);

        Assert.Equal(new TxFlushResult(1, 60, 1, 60, Errno.EINVAL), r);
        Assert.Equal(2, _ring.Pending);
        Assert.Equal(Frame(70, 2), _ring.DataAt(1).ToArray());
        Assert.Equal(Frame(70, 3), _ring.DataAt(2).ToArray());
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(3));
        Assert.Equal(2, _ring.KernelTake(10));
        Assert.Equal(new TxFlushResult(2, 120, 0, 0, Errno.OK), _ring.Settle(Errno.OK));
    }

    [Fact]
    public void Settle_LastFrameWrongFormat_NothingLeftQueued()
    {
        _ring.TryAdd(Frame(70, 1));
        _ring.KernelRefuse();

        Assert.Equal(new TxFlushResult(0, 0, 1, 60, Errno.EINVAL), _ring.Settle(Errno.EINVAL));
        Assert.Equal(0, _ring.Pending);
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(0));
    }

    [Fact]
    public void TryAdd_NextFrameStillInFlight_RefusesEvenIfLaterFramesAreFree()
    {
        for (int i = 0; i < 4; i++)
        {
            _ring.TryAdd(Frame(70, (byte)i));
        }

        _ring.KernelTake(4);
        _ring.Settle(Errno.OK);
        _ring.KernelComplete(1); // frame 0 is still in flight, 1 is done

        // The kernel will look at frame 0 next: filling frame 1 would never be sent.
        Assert.False(_ring.TryAdd(Frame(70, 5)));
        _ring.KernelComplete(0);
        Assert.True(_ring.TryAdd(Frame(70, 5)));
        Assert.True(_ring.TryAdd(Frame(70, 6)));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(0));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(1));
        Assert.False(_ring.TryAdd(Frame(70, 7))); // frame 2 still SENDING
    }

    [Fact]
    public void TryAdd_AvailableWithTimestampFlags_IsFree()
    {
        for (int i = 0; i < 4; i++)
        {
            _ring.TryAdd(Frame(70, (byte)i));
        }

        _ring.KernelTake(4);
        _ring.Settle(Errno.OK);
        _ring.KernelComplete(0, TP_STATUS_AVAILABLE | (1u << 29)); // TP_STATUS_TS_SOFTWARE

        Assert.True(_ring.TryAdd(Frame(70, 4)));
        Assert.Equal(TP_STATUS_SEND_REQUEST, _ring.StatusAt(0)); // exactly SEND_REQUEST: the kernel compares ==
    }

    [Fact]
    public void ManyBatches_WrapAroundKeepsHeadsInStep()
    {
        long sent = 0;
        for (int batch = 0; batch < 50; batch++)
        {
            int n = 1 + (batch % 3);
            for (int i = 0; i < n; i++)
            {
                Assert.True(_ring.TryAdd(Frame(Vnet + 50 + i, (byte)batch)));
            }

            int take = batch % 5 == 4 ? n - 1 : n; // now and then the kernel leaves one
            Assert.Equal(take, _ring.KernelTake(take));
            TxFlushResult r = _ring.Settle(Errno.OK);
            Assert.Equal(take, r.Sent);
            Assert.Equal(n - take, r.Dropped);
            sent += take;

            for (int f = 0; f < _ring.Capacity; f++)
            {
                if (_ring.StatusAt(f) == TP_STATUS_SENDING)
                {
                    _ring.KernelComplete(f); // every skb freed before the next batch
                }
            }
        }

        Assert.Equal(sent, _ring.Sent);
        Assert.Equal(0, _ring.Pending);
    }

    [Fact]
    public void Flush_NothingPending_SendsNothing()
    {
        Assert.Equal(default, _ring.Flush(-1));
    }

    [Fact]
    public void Flush_BadDescriptor_DropsTheBatchWithTheErrno()
    {
        _ring.TryAdd(Frame(70, 1));

        TxFlushResult r = _ring.Flush(-1);

        Assert.Equal(new TxFlushResult(0, 0, 1, 60, Errno.EBADF), r);
        Assert.Equal(TP_STATUS_AVAILABLE, _ring.StatusAt(0));
    }

    [Fact]
    public void CreateDetached_InvalidGeometry_Throws()
    {
        Assert.Throws<ArgumentException>(() => TxRing.CreateDetached(new TxRingGeometry(4096, 1, 1000), Vnet));
    }
}
