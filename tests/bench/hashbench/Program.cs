// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Diagnostics;
using TeamFw.Modes;

namespace TeamFw.Bench;

/// <summary>
/// hashbench [MILLIONS]: hashes 1024 distinct IPv4/UDP and IPv6/TCP frames over and over with
/// tx_hash l3+l4 and prints one line per hash, "NAME ns_per_frame", best of 5 runs:
///   crc32c     FrameHasher.HashCrc32C (BitOperations.Crc32C; one instruction per 8 bytes where
///              the CPU has CRC instructions)
///   xxhash3    FrameHasher.HashXxHash3 (the same bytes gathered, then System.IO.Hashing.XxHash3)
///   crc32c-sw  the same CRC32C bytes with a byte-at-a-time table, what a core without CRC
///              instructions runs (BitOperations' own software fallback is of the same kind)
/// followed by "cpu crc=0|1" (whether FrameHasher picks CRC32C on this CPU).
/// </summary>
internal static class Program
{
    private const int Frames = 1024;
    private const int FrameLength = 80;

    private static int Main(string[] args)
    {
        long total = (args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4) * 1_000_000;
        byte[] frames = MakeFrames();
        const TxHashFields fields = TxHashFields.L3 | TxHashFields.L4;
        Report("crc32c", total, frames, static f => FrameHasher.HashCrc32C(f, fields));
        Report("xxhash3", total, frames, static f => FrameHasher.HashXxHash3(f, fields));
        Report("crc32c-sw", total, frames, static f => SoftwareCrc32C(f, fields));
        Console.WriteLine($"cpu crc={(FrameHasher.HasCrcInstructions ? 1 : 0)}");
        return 0;
    }

    private delegate uint Hasher(ReadOnlySpan<byte> frame);

    private static void Report(string name, long total, byte[] frames, Hasher hash)
    {
        double best = double.MaxValue;
        uint sink = 0;
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            for (long i = 0; i < total; i++)
            {
                sink ^= hash(frames.AsSpan((int)(i & (Frames - 1)) * FrameLength, FrameLength));
            }

            best = Math.Min(best, sw.Elapsed.TotalNanoseconds / total);
        }

        Console.WriteLine($"{name} {best:F2} (sink {sink & 1})");
    }

    /// <summary>Half IPv4/UDP, half IPv6/TCP, each with its own addresses and ports.</summary>
    private static byte[] MakeFrames()
    {
        var buf = new byte[Frames * FrameLength];
        var rng = new Random(42);
        for (int i = 0; i < Frames; i++)
        {
            Span<byte> f = buf.AsSpan(i * FrameLength, FrameLength);
            rng.NextBytes(f);
            bool v6 = (i & 1) != 0;
            BinaryPrimitives.WriteUInt16BigEndian(f[12..], v6 ? (ushort)0x86dd : (ushort)0x0800);
            if (v6)
            {
                f[14] = 0x60;
                f[20] = 6; // next header TCP
            }
            else
            {
                f[14] = 0x45;
                BinaryPrimitives.WriteUInt16BigEndian(f[20..], 0); // not a fragment
                f[23] = 17; // UDP
            }
        }

        return buf;
    }

    private static readonly uint[] s_table = MakeTable();

    private static uint[] MakeTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        return t;
    }

    /// <summary>CRC32C of exactly the bytes HashCrc32C reads for l3+l4, a byte at a time.</summary>
    private static uint SoftwareCrc32C(ReadOnlySpan<byte> f, TxHashFields fields)
    {
        _ = fields;
        bool v6 = f[12] == 0x86;
        uint h = 0xffffffff;
        ReadOnlySpan<byte> addresses = v6 ? f.Slice(22, 32) : f.Slice(26, 8);
        ReadOnlySpan<byte> ports = v6 ? f.Slice(54, 4) : f.Slice(34, 4);
        foreach (byte b in addresses)
        {
            h = s_table[(h ^ b) & 0xff] ^ (h >> 8);
        }

        foreach (byte b in ports)
        {
            h = s_table[(h ^ b) & 0xff] ^ (h >> 8);
        }

        return h;
    }
}
