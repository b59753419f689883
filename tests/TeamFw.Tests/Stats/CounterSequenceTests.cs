// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Stats;

/// <summary>
/// The 32-bit protocol on a 64-bit host. The writer stores each counter as two 32-bit halves, as a
/// 32-bit CPU does, and stays between the halves for a while (a writer preempted mid-store), inside
/// BeginWrite/EndWrite. Every value it writes is k * 0x0000_0001_0000_0001, so a value whose halves
/// differ is torn; RxPackets and TxBytes are written in the same section, so they must also agree.
/// </summary>
public sealed class CounterSequenceTests
{
    private const ulong Pattern = 0x0000_0001_0000_0001;

    private sealed class TornWriter : IDisposable
    {
        private readonly CounterSet _set;
        private readonly Thread _thread;
        private volatile bool _stop;

        public TornWriter(CounterSet set)
        {
            _set = set;
            _thread = new Thread(Run) { IsBackground = true, Name = "torn writer" };
            _thread.Start();
        }

        private static void Store(ref ulong field, uint half)
        {
            ref uint lo = ref Unsafe.As<ulong, uint>(ref field);
            Volatile.Write(ref lo, half);
            Thread.SpinWait(20); // the reader may look now
            Volatile.Write(ref Unsafe.Add(ref lo, 1), half);
        }

        private void Run()
        {
            ref CounterBlock b = ref _set.Block(0);
            uint k = 0;
            while (!_stop)
            {
                k++;
                CounterSet.BeginWrite(ref b);
                Store(ref b.RxPackets, k);
                Store(ref b.TxBytes, k);
                CounterSet.EndWrite(ref b);
                Thread.SpinWait(20); // let a sequence reader in between sections
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    private static bool Torn(in StatsSnapshot s)
        => (uint)s.RxPackets != (uint)(s.RxPackets >> 32)
        || (uint)s.TxBytes != (uint)(s.TxBytes >> 32)
        || s.RxPackets != s.TxBytes;

    [Fact]
    public void ReadBlock_WithSequence_NeverSeesTornValue()
    {
        var set = new CounterSet(1);
        long reads = 0;
        long torn = 0;
        ulong first = ulong.MaxValue;
        ulong last = 0;
        using (var writer = new TornWriter(set))
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 200 || reads < 1000 || last == first)
            {
                StatsSnapshot s = CounterSet.ReadBlock(ref set.Block(0), useSequence: true);
                reads++;
                torn += Torn(s) ? 1 : 0;
                first = Math.Min(first, s.RxPackets);
                last = Math.Max(last, s.RxPackets);
                Assert.True(clock.ElapsedMilliseconds < 10_000, "the writer made no progress");
            }
        }

        Assert.Equal(0, torn);
        Assert.True(last > first, "the reader saw only one value: the writer did not run concurrently");
        Assert.Equal(0UL, last % Pattern);
    }

    [Fact]
    public void ReadBlock_WithoutSequence_SeesTornValue()
    {
        // Shows that the simulation does produce torn reads, so the test above can fail.
        var set = new CounterSet(1);
        bool seen = false;
        using (var writer = new TornWriter(set))
        {
            var clock = Stopwatch.StartNew();
            while (!seen && clock.ElapsedMilliseconds < 5_000)
            {
                seen = Torn(CounterSet.ReadBlock(ref set.Block(0), useSequence: false));
            }
        }

        Assert.True(seen, "no torn value in 5 s");
    }
}
