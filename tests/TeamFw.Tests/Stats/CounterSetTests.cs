// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Stats;

public sealed class CounterSetTests
{
    [Fact]
    public void Read_New_AllZero()
    {
        var set = new CounterSet(3);

        Assert.Equal(3, set.Slots);
        Assert.Equal(default, set.Read());
    }

    [Fact]
    public void Read_SumsEverySlotFieldByField()
    {
        var set = new CounterSet(3);
        set.AddRx(0, packets: 1, bytes: 100, multicast: 2, dropped: 3, nohandler: 4);
        set.AddRx(1, packets: 10, bytes: 1000, multicast: 20, dropped: 30, nohandler: 40);
        set.AddTx(1, packets: 5, bytes: 500, dropped: 6);
        set.AddTx(2, packets: 50, bytes: 5000, dropped: 60);

        Assert.Equal(new StatsSnapshot(11, 1100, 22, 33, 44, 55, 5500, 66), set.Read());
    }

    [Fact]
    public void AddRxAddTx_SameSlot_Accumulate()
    {
        var set = new CounterSet(1);
        for (ulong i = 1; i <= 4; i++)
        {
            set.AddRx(0, i, i * 64, 0, 0, 1);
            set.AddTx(0, 1, i, 0);
        }

        Assert.Equal(new StatsSnapshot(10, 640, 0, 0, 4, 4, 10, 0), set.Read());
    }

    [Fact]
    public void Read_LargeValues_NotTruncatedTo32Bits()
    {
        var set = new CounterSet(2);
        set.AddTx(0, 0, 0xffff_ffff, 0);
        set.AddTx(1, 0, 0x1_0000_0001, 0);

        Assert.Equal(0x2_0000_0000UL, set.Read().TxBytes);
    }

    [Fact]
    public void AddRx_SlotOutOfRange_Throws()
    {
        var set = new CounterSet(2);

        Assert.Throws<IndexOutOfRangeException>(() => set.AddRx(2, 1, 1, 0, 0, 0));
    }

    [Fact]
    public void Block_ExposesTheSlotWritten()
    {
        var set = new CounterSet(2);
        set.AddTx(1, 7, 700, 1);

        Assert.Equal(7UL, set.Block(1).TxPackets);
        Assert.Equal(0UL, set.Block(0).TxPackets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadBlock_EvenSequence_ReturnsFields(bool useSequence)
    {
        var b = new CounterBlock { Sequence = 4, RxPackets = 1, RxBytes = 2, RxMulticast = 3, RxDropped = 4, RxNoHandler = 5, TxPackets = 6, TxBytes = 7, TxDropped = 8 };

        Assert.Equal(new StatsSnapshot(1, 2, 3, 4, 5, 6, 7, 8), CounterSet.ReadBlock(ref b, useSequence));
    }

    [Fact]
    public void BeginEndWrite_SequenceOddInsideEvenAfter()
    {
        var b = default(CounterBlock);

        CounterSet.BeginWrite(ref b);
        Assert.Equal(1u, b.Sequence);
        CounterSet.EndWrite(ref b);
        Assert.Equal(2u, b.Sequence);
    }

    [Fact]
    public void StatsSnapshot_Plus_AddsFieldByField()
    {
        var a = new StatsSnapshot(1, 2, 3, 4, 5, 6, 7, 8);
        var b = new StatsSnapshot(10, 20, 30, 40, 50, 60, 70, 80);

        Assert.Equal(new StatsSnapshot(11, 22, 33, 44, 55, 66, 77, 88), a + b);
    }
}
