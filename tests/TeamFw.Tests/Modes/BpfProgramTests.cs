// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using TeamFw.Modes.Bpf;
using Xunit;
using static TeamFw.Modes.Bpf.BpfOp;
using static TeamFw.Tests.Modes.LbFrames;

namespace TeamFw.Tests.Modes;

/// <summary>
/// The classic-BPF interpreter against hand-assembled programs shaped like the ones teamd's bpf chef writes
/// (loads, then "A ^= X" through the SKF_AD_ALU_XOR_X ancillary word, then TAX), with the expected values
/// computed here from the frame bytes; and the validator against programs the kernel refuses.
/// </summary>
public sealed class BpfProgramTests
{
    private const uint XorX = AdOff + AdAluXorX;

    private static BpfProgram Prog(params BpfInsn[] insns)
    {
        BpfProgram? p = BpfProgram.Create(insns, out string? why);
        Assert.True(p is not null, why);
        return p!;
    }

    private static BpfInsn S(int code, uint k) => BpfInsn.Stmt((ushort)code, k);

    private static BpfInsn J(int code, uint k, byte jt, byte jf) => BpfInsn.Jump((ushort)code, k, jt, jf);

    private static uint W32(byte[] f, int o) => BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(o));

    private static uint W16(byte[] f, int o) => BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(o));

    /// <summary>["eth"]: destination then source MAC, each as a word and a half-word, XORed together.</summary>
    private static readonly BpfInsn[] s_eth =
    [
        S(LD | W | ABS, 2), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(LD | H | ABS, 0), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(LD | W | ABS, 8), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(LD | H | ABS, 6), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(MISC | TXA, 0), S(RET | A, 0),
    ];

    /// <summary>["ipv4"]: for ethertype 0x0800, source ^ destination address; 0 for anything else.</summary>
    private static readonly BpfInsn[] s_ipv4 =
    [
        S(LD | H | ABS, 12), J(JMP | JEQ | K, 0x0800, 0, 8),
        S(LD | W | ABS, 26), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(LD | W | ABS, 30), S(LD | B | ABS, XorX), S(MISC | TAX, 0),
        S(MISC | TXA, 0), S(RET | A, 0),
        S(RET | K, 0),
    ];

    /// <summary>["l4"] over untagged IPv4: not a fragment (JSET 0x1fff on the flags word, as teamd tests it), TCP or UDP,
    /// then the ports read through X = IHL*4 (LDX MSH and LD IND), the scratch word keeping the hash meanwhile.</summary>
    private static readonly BpfInsn[] s_l4 =
    [
        S(LD | H | ABS, 12), J(JMP | JEQ | K, 0x0800, 0, 17),     // 0, 1: IPv4? else ret 0 (19)
        S(LD | H | ABS, 20), J(JMP | JSET | K, 0x1fff, 15, 0),    // 2, 3: fragment offset → ret 0
        S(LD | B | ABS, 23), J(JMP | JEQ | K, 6, 1, 0),           // 4, 5: TCP → 7
        J(JMP | JEQ | K, 17, 0, 12),                               // 6: UDP? else ret 0
        S(LDX | IMM, 0), S(STX, 0),                                // 7, 8: hash = 0 in M[0]
        S(LDX | B | MSH, 14), S(LD | H | IND, 14),                 // 9, 10: source port
        S(LDX | MEM, 0), S(LD | B | ABS, XorX), S(ST, 0),          // 11-13
        S(LDX | B | MSH, 14), S(LD | H | IND, 16),                 // 14, 15: destination port
        S(LDX | MEM, 0), S(LD | B | ABS, XorX), S(RET | A, 0),     // 16-18
        S(RET | K, 0),                                             // 19
    ];

    [Fact]
    public void Eth_XorOfMacWords()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80, dmac: [0x00, 0x11, 0x22, 0x33, 0x44, 0x55], smac: [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb]);
        uint expected = 0x22334455u ^ 0x0011u ^ 0x8899aabbu ^ 0x6677u;
        Assert.Equal(expected, Prog(s_eth).Run(f));
    }

    [Fact]
    public void Ipv4_XorOfAddresses_AndZeroForIpv6()
    {
        byte[] f = V4("10.1.2.3", "192.168.7.9", 17, 5000, 53);
        Assert.Equal(0x0a010203u ^ 0xc0a80709u, Prog(s_ipv4).Run(f));
        Assert.Equal(0u, Prog(s_ipv4).Run(V6("2001:db8::1", "2001:db8::2", 6, 1, 2)));
    }

    [Fact]
    public void L4_XorOfPorts_ThroughIhl_AndZeroForFragments()
    {
        BpfProgram p = Prog(s_l4);
        byte[] tcp = V4("10.0.0.1", "10.0.0.2", 6, 40000, 5201);
        Assert.Equal(40000u ^ 5201u, p.Run(tcp));

        byte[] opts = V4("10.0.0.1", "10.0.0.2", 17, 1234, 53, ihl: 7);
        Assert.Equal((uint)W16(opts, 14 + 28) ^ W16(opts, 14 + 30), p.Run(opts));
        Assert.Equal(1234u ^ 53u, p.Run(opts));

        Assert.Equal(0u, p.Run(V4("10.0.0.1", "10.0.0.2", 6, 40000, 5201, fragField: 0x0020)));
        Assert.Equal(0u, p.Run(V4("10.0.0.1", "10.0.0.2", 1, 0, 0)));
    }

    [Fact]
    public void LoadPastTheEnd_ReturnsZero()
    {
        BpfProgram p = Prog(S(LD | W | ABS, 100), S(RET | K, 7));
        Assert.Equal(0u, p.Run(new byte[60]));
        Assert.Equal(7u, p.Run(new byte[104]));
    }

    [Fact]
    public void Alu_AllOperations()
    {
        // A = 100; A += 5; A -= 3; A *= 4; A /= 2; A %= 50; A |= 0x100; A &= 0x1ff; A <<= 2; A >>= 1; A ^= 0xff; A = -A
        BpfProgram p = Prog(
            S(LD | IMM, 100), S(ALU | ADD | K, 5), S(ALU | SUB | K, 3), S(ALU | MUL | K, 4), S(ALU | DIV | K, 2),
            S(ALU | MOD | K, 50), S(ALU | OR | K, 0x100), S(ALU | AND | K, 0x1ff), S(ALU | LSH | K, 2), S(ALU | RSH | K, 1),
            S(ALU | XOR | K, 0xff), S(ALU | NEG, 0), S(RET | A, 0));
        uint a = 100;
        a += 5; a -= 3; a *= 4; a /= 2; a %= 50; a |= 0x100; a &= 0x1ff; a <<= 2; a >>= 1; a ^= 0xff; a = (uint)-(int)a;
        Assert.Equal(a, p.Run(new byte[14]));
    }

    [Fact]
    public void DivisionByXZero_ReturnsZero_LenLoads()
    {
        BpfProgram p = Prog(S(LDX | IMM, 0), S(LD | IMM, 9), S(ALU | DIV | X, 0), S(RET | K, 5));
        Assert.Equal(0u, p.Run(new byte[14]));
        Assert.Equal(60u, Prog(S(LD | W | LEN, 0), S(RET | A, 0)).Run(new byte[60]));
        Assert.Equal(61u, Prog(S(LDX | W | LEN, 0), S(MISC | TXA, 0), S(RET | A, 0)).Run(new byte[61]));
    }

    [Fact]
    public void Jumps_AllConditions()
    {
        // A = 10: JGT 5 → +1, JGE 11 false, JSET 2 true, JEQ X
        BpfProgram p = Prog(
            S(LD | IMM, 10), S(LDX | IMM, 10),
            J(JMP | JGT | K, 5, 1, 0), S(RET | K, 1),
            J(JMP | JGE | K, 11, 0, 1), S(RET | K, 2),
            J(JMP | JSET | K, 2, 1, 0), S(RET | K, 3),
            J(JMP | JEQ | X, 0, 1, 0), S(RET | K, 4),
            S(JMP | JA, 1), S(RET | K, 5),
            S(RET | K, 42));
        Assert.Equal(42u, p.Run(new byte[14]));
    }

    /// <summary>
    /// SKF_NET_OFF loads are relative to the network header, SKF_LL_OFF loads to the link-layer header. A
    /// frame from the TAP carries its VLAN tags in the frame (a kernel inserting them in-band leaves the
    /// network header on the IP header), so the network header follows the tags.
    /// </summary>
    [Fact]
    public void NegativeOffsets_NetworkHeaderAfterTheTags_LinkLayerAtZero()
    {
        BpfProgram proto = Prog(S(LD | B | ABS, NetOff + 9), S(RET | A, 0));
        Assert.Equal(17u, proto.Run(V4("10.0.0.1", "10.0.0.2", 17, 1, 2)));
        Assert.Equal(17u, proto.Run(V4("10.0.0.1", "10.0.0.2", 17, 1, 2, vlan: 5)));

        // X + k below zero: IND loads take the same path.
        BpfProgram ind = Prog(S(LDX | IMM, 10), S(LD | B | IND, NetOff - 1), S(RET | A, 0));
        Assert.Equal(17u, ind.Run(V4("10.0.0.1", "10.0.0.2", 17, 1, 2, vlan: 5)));

        Assert.Equal(0x8100u, Prog(S(LD | H | ABS, LlOff + 12), S(RET | A, 0)).Run(V4("10.0.0.1", "10.0.0.2", 17, 1, 2, vlan: 5)));
        Assert.Equal(0u, Prog(S(LD | B | ABS, LlOff - 1), S(RET | K, 9)).Run(V4("10.0.0.1", "10.0.0.2", 17, 1, 2)));
    }

    [Fact]
    public void Ancillary_ProtocolIsTheEthertype()
        => Assert.Equal(0x86ddu, Prog(S(LD | H | ABS, AdOff + AdProtocol), S(RET | A, 0)).Run(V6("::1", "::2", 6, 1, 2)));

    [Fact]
    public void Raw_RoundTrips_AndIsReadBack()
    {
        byte[] raw = BpfProgram.Encode(s_ipv4);
        Assert.Equal(s_ipv4.Length * 8, raw.Length);
        Assert.Equal([0x28, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00], raw[..8]); // LD|H|ABS 12 as struct sock_filter
        BpfProgram p = BpfProgram.Create(raw, out _)!;
        Assert.Equal(raw, p.Raw);
    }

    public static IEnumerable<object[]> Refused() =>
    [
        [Array.Empty<BpfInsn>(), "1 to 4096"],
        [new[] { S(LD | IMM, 1) }, "not a return"],
        [new[] { S(RET | X, 0) }, "opcode"],
        [new[] { S(0x0e, 0), S(RET | K, 0) }, "opcode"],
        [new[] { S(LD | H | IMM, 0), S(RET | K, 0) }, "opcode"],
        [new[] { S(ALU | DIV | K, 0), S(RET | K, 0) }, "division by zero"],
        [new[] { S(ALU | MOD | K, 0), S(RET | K, 0) }, "division by zero"],
        [new[] { S(ALU | LSH | K, 32), S(RET | K, 0) }, "shift"],
        [new[] { S(JMP | JA, 1), S(RET | K, 0) }, "past the end"],
        [new[] { J(JMP | JEQ | K, 0, 0, 1), S(RET | K, 0) }, "past the end"],
        [new[] { J(JMP | JGT | X, 0, 5, 0), S(RET | K, 0) }, "past the end"],
        [new[] { S(ST, 16), S(RET | K, 0) }, "out of range"],
        [new[] { S(LD | MEM, 0), S(RET | A, 0) }, "before it is stored"],
        [new[] { J(JMP | JEQ | K, 0, 0, 1), S(ST, 1), S(LD | MEM, 1), S(RET | A, 0) }, "before it is stored"],
        [new[] { S(LD | W | ABS, AdOff + 64), S(RET | A, 0) }, "ancillary"],
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_RefusesWhatTheKernelRefuses(BpfInsn[] insns, string reason)
    {
        Assert.Null(BpfProgram.Create(insns, out string? why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LengthNotMultipleOf8_AndTooLong()
    {
        Assert.Null(BpfProgram.Create(new byte[12], out string? why));
        Assert.Contains("multiple of 8", why, StringComparison.Ordinal);
        var big = new BpfInsn[BpfOp.MaxInsns + 1];
        Array.Fill(big, S(RET | K, 0));
        Assert.Null(BpfProgram.Create(big, out _));
        Assert.NotNull(BpfProgram.Create(big.AsSpan(1), out _));
    }

    [Fact]
    public void Validate_StoreOnEveryPath_Accepted()
    {
        Assert.NotNull(BpfProgram.Create([J(JMP | JEQ | K, 0, 0, 1), S(ST, 1), S(ST, 1), S(LD | MEM, 1), S(RET | A, 0)], out _));
    }

    [Fact]
    public void Run_DoesNotAllocate()
    {
        BpfProgram p = Prog(s_l4);
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 40000, 5201);
        p.Run(f);
        long before = GC.GetAllocatedBytesForCurrentThread();
        uint x = 0;
        for (int i = 0; i < 10000; i++)
        {
            x ^= p.Run(f);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        GC.KeepAlive(x);
    }
}
