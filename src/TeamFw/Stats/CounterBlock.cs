// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace TeamFw.Stats;

/// <summary>
/// One thread's counters for one team or port. Exactly one thread writes a block, without
/// Interlocked; blocks are 256 bytes apart so two writers never share a cache line (128-byte lines on arm64,
/// and the 72 bytes of data plus a full line of gap on either side). On 32-bit targets a sequence counter
/// (the kernel's u64_stats_sync idea) lets readers retry instead of seeing a torn 64-bit value; on 64-bit
/// targets aligned 64-bit stores are atomic and the sequence is not touched.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
public struct CounterBlock
{
    [FieldOffset(0)] public uint Sequence;
    [FieldOffset(8)] public ulong RxPackets;
    [FieldOffset(16)] public ulong RxBytes;
    [FieldOffset(24)] public ulong RxMulticast;
    [FieldOffset(32)] public ulong RxDropped;
    [FieldOffset(40)] public ulong RxNoHandler;
    [FieldOffset(48)] public ulong TxPackets;
    [FieldOffset(56)] public ulong TxBytes;
    [FieldOffset(64)] public ulong TxDropped;
}

/// <summary>The eight counters as one value (summed over blocks).</summary>
public readonly record struct StatsSnapshot(
    ulong RxPackets, ulong RxBytes, ulong RxMulticast, ulong RxDropped, ulong RxNoHandler,
    ulong TxPackets, ulong TxBytes, ulong TxDropped)
{
    public static StatsSnapshot operator +(StatsSnapshot a, StatsSnapshot b) => new(
        a.RxPackets + b.RxPackets, a.RxBytes + b.RxBytes, a.RxMulticast + b.RxMulticast, a.RxDropped + b.RxDropped,
        a.RxNoHandler + b.RxNoHandler, a.TxPackets + b.TxPackets, a.TxBytes + b.TxBytes, a.TxDropped + b.TxDropped);
}

/// <summary>
/// Counters for one team or port: one <see cref="CounterBlock"/> per writer thread slot.
/// Writers call the Add* methods only for their own slot.
/// </summary>
public sealed class CounterSet
{
    private readonly CounterBlock[] _blocks;

    public CounterSet(int slots)
    {
        _blocks = new CounterBlock[slots];
    }

    public int Slots => _blocks.Length;

    /// <summary>Adds receive counts from one batch. Single writer per slot.</summary>
    public void AddRx(int slot, ulong packets, ulong bytes, ulong multicast, ulong dropped, ulong nohandler)
    {
        ref CounterBlock b = ref _blocks[slot];
        if (IntPtr.Size == 4)
        {
            BeginWrite(ref b);
        }

        Volatile.Write(ref b.RxPackets, b.RxPackets + packets);
        Volatile.Write(ref b.RxBytes, b.RxBytes + bytes);
        Volatile.Write(ref b.RxMulticast, b.RxMulticast + multicast);
        Volatile.Write(ref b.RxDropped, b.RxDropped + dropped);
        Volatile.Write(ref b.RxNoHandler, b.RxNoHandler + nohandler);
        if (IntPtr.Size == 4)
        {
            EndWrite(ref b);
        }
    }

    public void AddTx(int slot, ulong packets, ulong bytes, ulong dropped)
    {
        ref CounterBlock b = ref _blocks[slot];
        if (IntPtr.Size == 4)
        {
            BeginWrite(ref b);
        }

        Volatile.Write(ref b.TxPackets, b.TxPackets + packets);
        Volatile.Write(ref b.TxBytes, b.TxBytes + bytes);
        Volatile.Write(ref b.TxDropped, b.TxDropped + dropped);
        if (IntPtr.Size == 4)
        {
            EndWrite(ref b);
        }
    }

    internal static void BeginWrite(ref CounterBlock b)
    {
        Volatile.Write(ref b.Sequence, b.Sequence + 1); // odd: a write is in progress
        Interlocked.MemoryBarrier();                     // the data stores may not pass the odd sequence
    }

    internal static void EndWrite(ref CounterBlock b) => Volatile.Write(ref b.Sequence, b.Sequence + 1);

    /// <summary>Sums every slot. Never returns a torn 64-bit value.</summary>
    public StatsSnapshot Read()
    {
        var sum = default(StatsSnapshot);
        for (int i = 0; i < _blocks.Length; i++)
        {
            sum += ReadBlock(ref _blocks[i], IntPtr.Size == 4);
        }

        return sum;
    }

    /// <summary>One slot's counts (one writer thread's share).</summary>
    public StatsSnapshot ReadSlot(int slot) => ReadBlock(ref _blocks[slot], IntPtr.Size == 4);

    /// <summary>Reads one block; with <paramref name="useSequence"/> retries while a writer is inside (32-bit protocol).</summary>
    internal static StatsSnapshot ReadBlock(ref CounterBlock b, bool useSequence)
    {
        while (true)
        {
            uint seq = useSequence ? Volatile.Read(ref b.Sequence) : 0;
            if ((seq & 1) != 0)
            {
                Thread.SpinWait(1);
                continue;
            }

            var s = new StatsSnapshot(
                Volatile.Read(ref b.RxPackets), Volatile.Read(ref b.RxBytes), Volatile.Read(ref b.RxMulticast),
                Volatile.Read(ref b.RxDropped), Volatile.Read(ref b.RxNoHandler),
                Volatile.Read(ref b.TxPackets), Volatile.Read(ref b.TxBytes), Volatile.Read(ref b.TxDropped));
            if (!useSequence)
            {
                return s;
            }

            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref b.Sequence) == seq)
            {
                return s;
            }
        }
    }

    /// <summary>For tests of the 32-bit protocol: direct access to a slot.</summary>
    internal ref CounterBlock Block(int slot) => ref _blocks[slot];
}
