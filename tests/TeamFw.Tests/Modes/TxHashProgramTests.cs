// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Modes.Bpf;
using Xunit;
using static TeamFw.Tests.Modes.LbFrames;

namespace TeamFw.Tests.Modes;

/// <summary>
/// The generated tx_hash programs, run in the interpreter over frames built here: a frame family varies one
/// field only (8 values); the program must tell the values apart when the field is selected and hash them
/// all the same when it is not. Exact values are XORs of the big-endian words read here from the frames.
/// </summary>
public sealed class TxHashProgramTests
{
    private static readonly TxHashFields[] s_singles =
        [TxHashFields.Eth, TxHashFields.Vlan, TxHashFields.Ipv4, TxHashFields.Ipv6, TxHashFields.Tcp, TxHashFields.Udp, TxHashFields.Sctp];

    /// <summary>A frame with an 802.1Q / 802.1ad tag inserted before its ethertype (outermost).</summary>
    private static byte[] Tag(byte[] frame, ushort tpid, int vid)
    {
        var f = new List<byte>(frame);
        f.InsertRange(12, [(byte)(tpid >> 8), (byte)tpid, (byte)(0xe0 | (vid >> 8)), (byte)vid]); // PCP 7: not hashed
        return f.ToArray();
    }

    private static string V6Addr(int i) => $"2001:db8::{i + 1}";

    /// <summary>Families of frames differing in one field; the owner is the field (None: no field may see it).</summary>
    private static readonly (string Name, TxHashFields Owner, Func<int, byte[]> Make)[] s_families =
    [
        ("dst mac", TxHashFields.Eth, i => V4("10.0.0.1", "10.0.0.2", 6, 1, 2, dmac: [2, 0, 0, 0, 0, (byte)(i + 1)])),
        ("src mac", TxHashFields.Eth, i => V4("10.0.0.1", "10.0.0.2", 6, 1, 2, smac: [2, (byte)(i + 1), 0, 0, 0, 1])),
        ("src mac v6", TxHashFields.Eth, i => Set(V6(V6Addr(0), V6Addr(1), 17, 1, 2), 7, (byte)(i + 9))),
        ("vlan id", TxHashFields.Vlan, i => V4("10.0.0.1", "10.0.0.2", 6, 1, 2, vlan: i + 1)),
        ("outer 802.1ad id", TxHashFields.Vlan, i => Tag(V4("10.0.0.1", "10.0.0.2", 6, 1, 2, vlan: 100), 0x88a8, i + 1)),
        ("inner 802.1Q id", TxHashFields.Vlan, i => Tag(V4("10.0.0.1", "10.0.0.2", 6, 1, 2, vlan: i + 1), 0x88a8, 7)),
        ("vlan id v6", TxHashFields.Vlan, i => Tag(V6(V6Addr(0), V6Addr(1), 6, 1, 2), 0x8100, 0x100 + i)),
        ("ipv4 src", TxHashFields.Ipv4, i => V4($"10.0.0.{i + 1}", "10.0.0.2", 6, 1, 2)),
        ("ipv4 dst tagged", TxHashFields.Ipv4, i => V4("10.0.0.1", $"10.9.{i}.2", 17, 1, 2, vlan: 5)),
        ("ipv4 dst two tags", TxHashFields.Ipv4, i => Tag(V4("10.0.0.1", $"10.9.{i}.2", 17, 1, 2, vlan: 5), 0x88a8, 6)),
        ("ipv4 dst fragment", TxHashFields.Ipv4, i => V4("10.0.0.1", $"10.9.{i}.2", 6, 1, 2, fragField: 0x2000)),
        ("ipv6 src", TxHashFields.Ipv6, i => V6(V6Addr(i), V6Addr(100), 6, 1, 2)),
        ("ipv6 dst tagged", TxHashFields.Ipv6, i => Tag(V6(V6Addr(100), V6Addr(i), 17, 1, 2), 0x8100, 3)),
        ("tcp sport", TxHashFields.Tcp, i => V4("10.0.0.1", "10.0.0.2", 6, (ushort)(1000 + i), 80)),
        ("tcp dport ihl 6", TxHashFields.Tcp, i => V4("10.0.0.1", "10.0.0.2", 6, 1000, (ushort)(80 + i), ihl: 6)),
        ("tcp dport tagged", TxHashFields.Tcp, i => V4("10.0.0.1", "10.0.0.2", 6, 1000, (ushort)(80 + i), vlan: 9)),
        ("tcp6 sport", TxHashFields.Tcp, i => V6(V6Addr(0), V6Addr(1), 6, (ushort)(1000 + i), 80)),
        ("tcp6 dport tagged", TxHashFields.Tcp, i => Tag(V6(V6Addr(0), V6Addr(1), 6, 1000, (ushort)(80 + i)), 0x8100, 3)),
        ("udp sport", TxHashFields.Udp, i => V4("10.0.0.1", "10.0.0.2", 17, (ushort)(1000 + i), 53)),
        ("udp6 dport", TxHashFields.Udp, i => V6(V6Addr(0), V6Addr(1), 17, 53, (ushort)(1000 + i))),
        ("sctp sport", TxHashFields.Sctp, i => V4("10.0.0.1", "10.0.0.2", 132, (ushort)(1000 + i), 9)),
        ("sctp6 dport tagged", TxHashFields.Sctp, i => Tag(V6(V6Addr(0), V6Addr(1), 132, 9, (ushort)(1000 + i)), 0x8100, 4)),
        ("ports of a first fragment (MF)", TxHashFields.None, i => V4("10.0.0.1", "10.0.0.2", 6, (ushort)(1000 + i), 80, fragField: 0x2000)),
        ("ports of a later fragment", TxHashFields.None, i => V4("10.0.0.1", "10.0.0.2", 17, (ushort)(1000 + i), 80, fragField: 0x00b9)),
        ("ports of icmp", TxHashFields.None, i => V4("10.0.0.1", "10.0.0.2", 1, (ushort)(1000 + i), 80)),
        ("vlan pcp", TxHashFields.None, i => V4("10.0.0.1", "10.0.0.2", 6, 1, 2, vlan: (i << 13) | 5)),
        ("ip ttl", TxHashFields.None, i => Set(V4("10.0.0.1", "10.0.0.2", 6, 1, 2), 22, (byte)(i + 1))),
        ("payload", TxHashFields.None, i => Set(V4("10.0.0.1", "10.0.0.2", 6, 1, 2), 14 + 20 + 5, (byte)i)),
    ];

    private static byte[] Set(byte[] f, int offset, byte value)
    {
        f[offset] = value;
        return f;
    }

    private static BpfProgram Program(TxHashFields fields)
    {
        BpfProgram? p = BpfProgram.Create(TxHashProgram.Encode(fields), out string? why);
        Assert.True(p is not null, $"{fields}: {why}");
        return p!;
    }

    private static uint W32(byte[] f, int o) => BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(o));

    private static uint W16(byte[] f, int o) => BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(o));

    [Fact]
    public void EveryCombination_PassesTheValidator()
    {
        for (int f = 0; f <= (int)(TxHashFields.L3 | TxHashFields.L4 | TxHashFields.Eth | TxHashFields.Vlan); f++)
        {
            BpfInsn[] insns = TxHashProgram.Build((TxHashFields)f);
            Assert.Null(BpfProgram.Validate(insns));
            Assert.Equal(Program((TxHashFields)f).Raw, BpfProgram.Encode(insns));
        }
    }

    public static TheoryData<int> Selections()
    {
        var d = new TheoryData<int>();
        foreach (TxHashFields f in s_singles)
        {
            d.Add((int)f);
        }

        d.Add((int)TxHash.Default);
        d.Add((int)(TxHashFields.L3 | TxHashFields.L4));
        d.Add((int)(TxHashFields.Vlan | TxHashFields.L4));
        d.Add((int)(TxHashFields.Eth | TxHashFields.Vlan | TxHashFields.Ipv6 | TxHashFields.Udp));
        d.Add((int)(TxHashFields.Eth | TxHashFields.Vlan | TxHashFields.L3 | TxHashFields.L4));
        return d;
    }

    /// <summary>Selected: the 8 frames of a family hash to 8 values; not selected: to one. The native hasher agrees.</summary>
    [Theory]
    [MemberData(nameof(Selections))]
    public void SelectedFieldsTellFramesApart_OthersDoNot(int selection)
    {
        var fields = (TxHashFields)selection;
        BpfProgram p = Program(fields);
        foreach ((string name, TxHashFields owner, Func<int, byte[]> make) in s_families)
        {
            var bpf = new HashSet<uint>();
            var native = new HashSet<uint>();
            for (int i = 0; i < 8; i++)
            {
                byte[] f = make(i);
                bpf.Add(p.Run(f));
                native.Add(FrameHasher.Hash(f, fields));
            }

            int expected = (owner & fields) != 0 ? 8 : 1;
            Assert.True(expected == bpf.Count, $"{fields}, {name}: {bpf.Count} distinct hashes, expected {expected}");
            Assert.True(expected == native.Count, $"native {fields}, {name}: {native.Count} distinct hashes");
        }
    }

    [Fact]
    public void Default_Untagged_Ipv4_IsTheXorOfMacAndAddressWords()
    {
        byte[] f = V4("10.1.2.3", "192.168.7.9", 6, 1234, 80);
        uint expected = W32(f, 0) ^ W32(f, 4) ^ W32(f, 8) ^ 0x0a010203u ^ 0xc0a80709u;
        Assert.Equal(expected, Program(TxHash.Default).Run(f));
    }

    [Fact]
    public void Everything_TwoTags_Udp_IsTheXorOfEveryWord()
    {
        // 802.1ad 0x123 outside, 802.1Q 0x045 inside, then IPv4 at 22 and UDP at 42.
        byte[] f = Tag(V4("10.1.2.3", "10.4.5.6", 17, 0x1111, 0x2222, vlan: 0x045), 0x88a8, 0x123);
        Assert.Equal(0x88a8u, W16(f, 12));
        uint eth = W32(f, 0) ^ W32(f, 4) ^ W32(f, 8);
        uint expected = eth ^ 0x123u ^ 0x045u ^ 0x0a010203u ^ 0x0a040506u ^ 0x11112222u;
        Assert.Equal(expected, Program(TxHashFields.Eth | TxHashFields.Vlan | TxHashFields.L3 | TxHashFields.L4).Run(f));
    }

    [Fact]
    public void L4_TaggedIpv6Tcp_IsThePortWord_AndIpv6AddressesAreEightWords()
    {
        byte[] f = Tag(V6("2001:db8::1", "2001:db8::2", 6, 0xabcd, 0x0050), 0x8100, 7);
        Assert.Equal(0xabcd0050u, Program(TxHashFields.L4).Run(f));
        uint addr = 0;
        for (int o = 18 + 8; o < 18 + 40; o += 4)
        {
            addr ^= W32(f, o);
        }

        Assert.Equal(0x20010db8u ^ 0x20010db8u ^ 1u ^ 2u, addr); // the words, independently
        Assert.Equal(addr ^ 7u, Program(TxHashFields.Ipv6 | TxHashFields.Vlan).Run(f));
    }

    [Fact]
    public void NotIp_OnlyMacsAndVlan()
    {
        byte[] arp = new byte[60];
        Dst.CopyTo(arp, 0);
        Src.CopyTo(arp, 6);
        arp[12] = 0x08;
        arp[13] = 0x06;
        Assert.Equal(0u, Program(TxHashFields.L3 | TxHashFields.L4).Run(arp));
        Assert.Equal(W32(arp, 0) ^ W32(arp, 4) ^ W32(arp, 8), Program(TxHashFields.Eth | TxHashFields.L3 | TxHashFields.L4).Run(arp));
    }
}
