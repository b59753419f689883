// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace TeamFw.Modes;

/// <summary>
/// The native transmit hash: the frame is parsed once (VLAN tags skipped, IPv4 with its IHL, IPv6 with
/// its fixed header and the hop-by-hop, routing and destination-options headers) and only the fields
/// selected by tx_hash are hashed: CRC32C (BitOperations.Crc32C) where the CPU has CRC instructions
/// (x64 SSE4.2, the arm64 CRC32 extension), else XxHash3 over the same bytes, because the software
/// CRC32C is a table walk per byte (tests/bench/hashbench measures both). L4 ports are never used for fragments (IPv4 MF set or a fragment offset,
/// IPv6 fragment header), as bonding's layer3+4 documents, so every fragment of a datagram takes the
/// same port. <see cref="Bucket"/> folds the 32 bits to the 256 buckets with a multiplicative mix; teamd's
/// hash XORs the fields and the kernel folds b0^b1^b2^b3, which leaves flows that differ in a few bits
/// of one field in the same few buckets (libteam#56). Allocation-free; every read is bounds-checked
/// against the frame, and a field that is cut short is simply not hashed.
/// </summary>
public static class FrameHasher
{
    private const ushort EthPIpv4 = 0x0800;
    private const ushort EthPIpv6 = 0x86dd;
    private const ushort EthP8021Q = 0x8100;
    private const ushort EthP8021AD = 0x88a8;
    private const uint Seed = 0xffffffff;
    private const int MaxVlanTags = 2;
    private const int MaxIpv6Extensions = 4;

    /// <summary>The most Walk can take: MACs 12, two VLAN ids 4, IPv6 addresses 32, ports 4.</summary>
    private const int MaxFieldBytes = 64;

    /// <summary>
    /// True where BitOperations.Crc32C is one instruction (SSE4.2 on x64, the CRC32 extension on
    /// arm64); elsewhere it is a table walk per byte and XxHash3 is the cheaper hash.
    /// </summary>
    public static bool HasCrcInstructions { get; } = Sse42.IsSupported || System.Runtime.Intrinsics.Arm.Crc32.IsSupported;

    /// <summary>The 32-bit hash of the selected fields: CRC32C where the CPU has CRC instructions, else XxHash3.</summary>
    public static uint Hash(ReadOnlySpan<byte> f, TxHashFields fields) =>
        HasCrcInstructions ? HashCrc32C(f, fields) : HashXxHash3(f, fields);

    /// <summary>CRC32C (seed ~0) of the selected fields, in frame order.</summary>
    public static uint HashCrc32C(ReadOnlySpan<byte> f, TxHashFields fields)
    {
        var crc = new CrcSink { Value = Seed };
        Walk(f, fields, ref crc);
        return crc.Value;
    }

    /// <summary>The low 32 bits of XxHash3 (seed 0) over the same bytes <see cref="HashCrc32C"/> reads.</summary>
    public static uint HashXxHash3(ReadOnlySpan<byte> f, TxHashFields fields)
    {
        var gather = new GatherSink(stackalloc byte[MaxFieldBytes]);
        Walk(f, fields, ref gather);
        return (uint)XxHash3.HashToUInt64(gather.Bytes);
    }

    /// <summary>
    /// Feeds the selected fields of <paramref name="f"/>, in frame order, to <paramref name="acc"/>;
    /// a field that is cut short, and everything after it, is left out.
    /// </summary>
    private static void Walk<TAcc>(ReadOnlySpan<byte> f, TxHashFields fields, ref TAcc acc)
        where TAcc : IFieldSink, allows ref struct
    {
        if (f.Length < 14)
        {
            return;
        }

        if ((fields & TxHashFields.Eth) != 0)
        {
            acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(f));
            acc.Add(BinaryPrimitives.ReadUInt32LittleEndian(f[8..]));
        }

        if ((fields & ~TxHashFields.Eth) == 0)
        {
            return;
        }

        int off = 12;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
        for (int tags = 0; (type == EthP8021Q || type == EthP8021AD) && tags < MaxVlanTags && f.Length >= off + 6; tags++)
        {
            if ((fields & TxHashFields.Vlan) != 0)
            {
                acc.Add((ushort)(BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]) & 0x0fff));
            }

            off += 4;
            type = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
        }

        off += 2;
        int l4;
        byte proto;
        if (type == EthPIpv4)
        {
            if (f.Length < off + 20)
            {
                return;
            }

            if ((fields & TxHashFields.Ipv4) != 0)
            {
                acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(f[(off + 12)..]));
            }

            int ihl = (f[off] & 0x0f) * 4;

            // MF (0x2000) or a fragment offset: a fragment, whose ports are not in every piece.
            if ((BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]) & 0x3fff) != 0 || ihl < 20)
            {
                return;
            }

            proto = f[off + 9];
            l4 = off + ihl;
        }
        else if (type == EthPIpv6)
        {
            if (f.Length < off + 40)
            {
                return;
            }

            if ((fields & TxHashFields.Ipv6) != 0)
            {
                ReadOnlySpan<byte> a = f.Slice(off + 8, 32);
                acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(a));
                acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(a[8..]));
                acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(a[16..]));
                acc.Add(BinaryPrimitives.ReadUInt64LittleEndian(a[24..]));
            }

            proto = f[off + 6];
            l4 = off + 40;
            for (int i = 0; i < MaxIpv6Extensions && (proto == 0 || proto == 43 || proto == 60) && f.Length >= l4 + 8; i++)
            {
                proto = f[l4];
                l4 += (f[l4 + 1] + 1) * 8;
            }

            // 44 (fragment header) and anything else unknown: no ports.
        }
        else
        {
            return;
        }

        TxHashFields want = proto switch
        {
            6 => TxHashFields.Tcp,
            17 => TxHashFields.Udp,
            132 => TxHashFields.Sctp,
            _ => TxHashFields.None,
        };
        if ((fields & want) != 0 && f.Length >= l4 + 4)
        {
            acc.Add(BinaryPrimitives.ReadUInt32LittleEndian(f[l4..]));
        }
    }

    /// <summary>The bucket (0..255) of a 32-bit hash: the top byte of a Fibonacci multiply, so every input bit reaches it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Bucket(uint hash) => (byte)((hash * 0x9E3779B1u) >> 24);

    /// <summary>The kernel's fold of a BPF hash to a bucket: b0 ^ b1 ^ b2 ^ b3 (lb_get_skb_hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte KernelFold(uint hash) => (byte)(hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24));

    /// <summary>Takes the hashed fields as Walk reads them: 2, 4 or 8 bytes, little-endian.</summary>
    private interface IFieldSink
    {
        void Add(ushort v);

        void Add(uint v);

        void Add(ulong v);
    }

    private struct CrcSink : IFieldSink
    {
        public uint Value;

        public void Add(ushort v) => Value = BitOperations.Crc32C(Value, v);

        public void Add(uint v) => Value = BitOperations.Crc32C(Value, v);

        public void Add(ulong v) => Value = BitOperations.Crc32C(Value, v);
    }

    /// <summary>Copies the fields into a stack buffer for a one-shot hash.</summary>
    private ref struct GatherSink(Span<byte> buffer) : IFieldSink
    {
        private readonly Span<byte> _buffer = buffer;
        private int _length;

        public readonly ReadOnlySpan<byte> Bytes => _buffer[.._length];

        public void Add(ushort v)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_buffer[_length..], v);
            _length += 2;
        }

        public void Add(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer[_length..], v);
            _length += 4;
        }

        public void Add(ulong v)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer[_length..], v);
            _length += 8;
        }
    }
}
