// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TeamFw.Modes;

/// <summary>
/// The native transmit hash: the frame is parsed once (VLAN tags skipped, IPv4 with its IHL, IPv6 with
/// its fixed header and the hop-by-hop, routing and destination-options headers) and only the fields
/// selected by tx_hash are fed to CRC32C (BitOperations.Crc32C: the CPU's CRC instruction on x64 and
/// arm64, a table elsewhere). L4 ports are never used for fragments (IPv4 MF set or a fragment offset,
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

    /// <summary>The 32-bit hash of the selected fields.</summary>
    public static uint Hash(ReadOnlySpan<byte> f, TxHashFields fields)
    {
        uint h = Seed;
        if (f.Length < 14)
        {
            return h;
        }

        if ((fields & TxHashFields.Eth) != 0)
        {
            h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(f));
            h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt32LittleEndian(f[8..]));
        }

        if ((fields & ~TxHashFields.Eth) == 0)
        {
            return h;
        }

        int off = 12;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(f[off..]);
        for (int tags = 0; (type == EthP8021Q || type == EthP8021AD) && tags < MaxVlanTags && f.Length >= off + 6; tags++)
        {
            if ((fields & TxHashFields.Vlan) != 0)
            {
                h = BitOperations.Crc32C(h, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(f[(off + 2)..]) & 0x0fff));
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
                return h;
            }

            if ((fields & TxHashFields.Ipv4) != 0)
            {
                h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(f[(off + 12)..]));
            }

            int ihl = (f[off] & 0x0f) * 4;

            // MF (0x2000) or a fragment offset: a fragment, whose ports are not in every piece.
            if ((BinaryPrimitives.ReadUInt16BigEndian(f[(off + 6)..]) & 0x3fff) != 0 || ihl < 20)
            {
                return h;
            }

            proto = f[off + 9];
            l4 = off + ihl;
        }
        else if (type == EthPIpv6)
        {
            if (f.Length < off + 40)
            {
                return h;
            }

            if ((fields & TxHashFields.Ipv6) != 0)
            {
                ReadOnlySpan<byte> a = f.Slice(off + 8, 32);
                h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(a));
                h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(a[8..]));
                h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(a[16..]));
                h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt64LittleEndian(a[24..]));
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
            return h;
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
            h = BitOperations.Crc32C(h, BinaryPrimitives.ReadUInt32LittleEndian(f[l4..]));
        }

        return h;
    }

    /// <summary>The bucket (0..255) of a 32-bit hash: the top byte of a Fibonacci multiply, so every input bit reaches it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Bucket(uint hash) => (byte)((hash * 0x9E3779B1u) >> 24);

    /// <summary>The kernel's fold of a BPF hash to a bucket: b0 ^ b1 ^ b2 ^ b3 (lb_get_skb_hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte KernelFold(uint hash) => (byte)(hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24));
}
