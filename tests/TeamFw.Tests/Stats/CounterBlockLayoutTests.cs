// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Stats;

public sealed class CounterBlockLayoutTests
{
    private const int ArmCacheLine = 128;

    [Fact]
    public void SizeOf_Is256()
    {
        Assert.Equal(256, Unsafe.SizeOf<CounterBlock>());
        Assert.Equal(256, Marshal.SizeOf<CounterBlock>());
    }

    [Theory]
    [InlineData(nameof(CounterBlock.Sequence), 0)]
    [InlineData(nameof(CounterBlock.RxPackets), 8)]
    [InlineData(nameof(CounterBlock.RxBytes), 16)]
    [InlineData(nameof(CounterBlock.RxMulticast), 24)]
    [InlineData(nameof(CounterBlock.RxDropped), 32)]
    [InlineData(nameof(CounterBlock.RxNoHandler), 40)]
    [InlineData(nameof(CounterBlock.TxPackets), 48)]
    [InlineData(nameof(CounterBlock.TxBytes), 56)]
    [InlineData(nameof(CounterBlock.TxDropped), 64)]
    public void FieldOffset_MatchesLayout(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<CounterBlock>(field));
    }

    [Fact]
    public void Counters_Are8ByteAligned()
    {
        // 64-bit stores are single-copy atomic only when aligned (the 64-bit path relies on it).
        foreach (string f in new[] { "RxPackets", "RxBytes", "RxMulticast", "RxDropped", "RxNoHandler", "TxPackets", "TxBytes", "TxDropped" })
        {
            Assert.Equal(0, (int)Marshal.OffsetOf<CounterBlock>(f) % 8);
        }
    }

    [Fact]
    public void AdjacentBlocks_DataNeverShareA128ByteLine()
    {
        var blocks = new CounterBlock[2];
        int stride = (int)Unsafe.ByteOffset(ref blocks[0], ref blocks[1]);
        int dataEnd = (int)Marshal.OffsetOf<CounterBlock>(nameof(CounterBlock.TxDropped)) + sizeof(ulong);

        // The gap between one block's last byte and the next block's first is at least one line,
        // whatever the array's alignment.
        Assert.Equal(256, stride);
        Assert.True(stride - dataEnd >= ArmCacheLine, $"gap {stride - dataEnd}");
    }
}
