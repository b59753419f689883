// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Net;

namespace TeamFw.Tests.Modes;

/// <summary>Frames for the hashing tests, built by hand (no TeamFw code), and an independent bitwise CRC32C.</summary>
internal static class LbFrames
{
    public static readonly byte[] Dst = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];
    public static readonly byte[] Src = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>Ethernet (+ optional 802.1Q tag) + IPv4 (20 bytes, or 24 with options) + 8 bytes of L4 header.</summary>
    public static byte[] V4(string src, string dst, byte proto, ushort sport, ushort dport, int vlan = -1, ushort fragField = 0, int ihl = 5, byte[]? dmac = null, byte[]? smac = null)
    {
        var f = new List<byte>();
        f.AddRange(dmac ?? Dst);
        f.AddRange(smac ?? Src);
        if (vlan >= 0)
        {
            f.AddRange([0x81, 0x00, (byte)(vlan >> 8), (byte)vlan]);
        }

        f.AddRange([0x08, 0x00]);
        byte[] ip = new byte[ihl * 4];
        ip[0] = (byte)(0x40 | ihl);
        ip[6] = (byte)(fragField >> 8);
        ip[7] = (byte)fragField;
        ip[8] = 64;
        ip[9] = proto;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(ip, 16);
        f.AddRange(ip);
        f.AddRange([(byte)(sport >> 8), (byte)sport, (byte)(dport >> 8), (byte)dport, 0, 0, 0, 0]);
        return f.ToArray();
    }

    /// <summary>Ethernet + IPv6 (40 bytes, next header <paramref name="next"/>) + <paramref name="extra"/> + 8 bytes of L4 header.</summary>
    public static byte[] V6(string src, string dst, byte next, ushort sport, ushort dport, byte[]? extra = null)
    {
        var f = new List<byte>();
        f.AddRange(Dst);
        f.AddRange(Src);
        f.AddRange([0x86, 0xdd]);
        byte[] ip = new byte[40];
        ip[0] = 0x60;
        ip[6] = next;
        ip[7] = 64;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(ip, 8);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(ip, 24);
        f.AddRange(ip);
        f.AddRange(extra ?? []);
        f.AddRange([(byte)(sport >> 8), (byte)sport, (byte)(dport >> 8), (byte)dport, 0, 0, 0, 0]);
        return f.ToArray();
    }

    /// <summary>CRC32C (Castagnoli, reflected 0x82f63b78) one bit at a time, no final inversion: what the hasher accumulates.</summary>
    public static uint Crc32C(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
            }
        }

        return crc;
    }

    /// <summary>The CRC of the concatenated byte ranges [offset, offset+length) of a frame, from 0xffffffff.</summary>
    public static uint CrcOf(byte[] frame, params (int Offset, int Length)[] ranges)
    {
        uint crc = 0xffffffff;
        foreach ((int o, int l) in ranges)
        {
            crc = Crc32C(crc, frame.AsSpan(o, l));
        }

        return crc;
    }

    /// <summary>1000 TCP and UDP flows between 10.0.x.y hosts and servers, ports varied (fixed seed).</summary>
    public static List<byte[]> Flows(int count, int seed = 56)
    {
        var rnd = new Random(seed);
        var list = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            string src = $"10.0.{rnd.Next(0, 4)}.{rnd.Next(1, 255)}";
            string dst = $"192.168.{rnd.Next(0, 2)}.{rnd.Next(1, 20)}";
            byte proto = i % 2 == 0 ? (byte)6 : (byte)17;
            list.Add(V4(src, dst, proto, (ushort)rnd.Next(1024, 65535), (ushort)(i % 3 == 0 ? 443 : rnd.Next(1, 1024))));
        }

        return list;
    }
}
