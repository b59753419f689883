// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using static TeamFw.Modes.Bpf.BpfOp;

namespace TeamFw.Modes.Bpf;

/// <summary>
/// A validated classic BPF program and its interpreter: what the kernel runs for the loadbalance mode's
/// bpf_hash_func. <see cref="Create(System.ReadOnlySpan{byte}, out string?)"/> refuses what the kernel's bpf_check_classic refuses (unknown
/// opcodes, division or modulo by a constant zero, shifts of 32 or more, scratch words out of range,
/// jumps out of the program, a last instruction that is not RET K / RET A, a scratch word read before
/// every path stored it, unknown ancillary loads, no instruction or more than 4096). <see cref="Run"/>
/// never allocates: a load outside the frame, or a division by X = 0, ends the program with 0, as in
/// the kernel. Jumps only go forward, so every run ends.
/// </summary>
public sealed class BpfProgram
{
    private readonly BpfInsn[] _insns;
    private uint _random = 0x9e3779b9;

    private BpfProgram(BpfInsn[] insns, byte[] raw)
    {
        _insns = insns;
        Raw = raw;
    }

    /// <summary>The program as it was set (struct sock_filter[], host order): what bpf_hash_func reads back.</summary>
    public byte[] Raw { get; }

    public int Length => _insns.Length;

    /// <summary>Decodes and validates struct sock_filter[]; null with the reason when the kernel would say -EINVAL.</summary>
    public static BpfProgram? Create(ReadOnlySpan<byte> raw, out string? error)
    {
        if (raw.Length % 8 != 0)
        {
            error = $"program length {raw.Length} is not a multiple of 8 (struct sock_filter)";
            return null;
        }

        var insns = new BpfInsn[raw.Length / 8];
        for (int i = 0; i < insns.Length; i++)
        {
            ReadOnlySpan<byte> r = raw.Slice(i * 8, 8);
            insns[i] = new BpfInsn(BinaryPrimitives.ReadUInt16LittleEndian(r), r[2], r[3], BinaryPrimitives.ReadUInt32LittleEndian(r[4..]));
        }

        error = Validate(insns);
        return error is null ? new BpfProgram(insns, raw.ToArray()) : null;
    }

    public static BpfProgram? Create(ReadOnlySpan<BpfInsn> insns, out string? error) => Create(Encode(insns), out error);

    /// <summary>struct sock_filter[] bytes for these instructions.</summary>
    public static byte[] Encode(ReadOnlySpan<BpfInsn> insns)
    {
        byte[] raw = new byte[insns.Length * 8];
        for (int i = 0; i < insns.Length; i++)
        {
            Span<byte> r = raw.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(r, insns[i].Code);
            r[2] = insns[i].Jt;
            r[3] = insns[i].Jf;
            BinaryPrimitives.WriteUInt32LittleEndian(r[4..], insns[i].K);
        }

        return raw;
    }

    /// <summary>bpf_check_classic and check_load_and_stores: null when valid, else the reason.</summary>
    public static string? Validate(ReadOnlySpan<BpfInsn> p)
    {
        int n = p.Length;
        if (n == 0 || n > MaxInsns)
        {
            return $"a program has 1 to {MaxInsns} instructions, not {n}";
        }

        for (int pc = 0; pc < n; pc++)
        {
            BpfInsn i = p[pc];
            if (!Allowed(i.Code))
            {
                return $"instruction {pc}: opcode 0x{i.Code:x4} is not a classic BPF instruction";
            }

            switch (i.Code)
            {
                case ALU | DIV | K:
                case ALU | MOD | K:
                    if (i.K == 0)
                    {
                        return $"instruction {pc}: division by zero";
                    }

                    break;
                case ALU | LSH | K:
                case ALU | RSH | K:
                    if (i.K >= 32)
                    {
                        return $"instruction {pc}: shift by {i.K}";
                    }

                    break;
                case LD | MEM:
                case LDX | MEM:
                case ST:
                case STX:
                    if (i.K >= MemWords)
                    {
                        return $"instruction {pc}: scratch word {i.K} out of range";
                    }

                    break;
                case JMP | JA:
                    if (i.K >= (uint)(n - pc - 1))
                    {
                        return $"instruction {pc}: jump past the end";
                    }

                    break;
                case LD | W | ABS:
                case LD | H | ABS:
                case LD | B | ABS:
                    if (i.K >= AdOff && !IsAncillary(i.K - AdOff))
                    {
                        return $"instruction {pc}: unknown ancillary load {i.K - AdOff}";
                    }

                    break;
                default:
                    if ((i.Code & 0x07) == JMP && (pc + i.Jt + 1 >= n || pc + i.Jf + 1 >= n))
                    {
                        return $"instruction {pc}: jump past the end";
                    }

                    break;
            }
        }

        ushort last = p[n - 1].Code;
        if (last != (RET | K) && last != (RET | A))
        {
            return "the last instruction is not a return";
        }

        return CheckLoadsAndStores(p);
    }

    /// <summary>A scratch word may only be read where every path to the read stored it.</summary>
    private static string? CheckLoadsAndStores(ReadOnlySpan<BpfInsn> p)
    {
        ushort[] masks = new ushort[p.Length];
        masks.AsSpan().Fill(0xffff);
        ushort valid = 0;
        for (int pc = 0; pc < p.Length; pc++)
        {
            BpfInsn i = p[pc];
            valid &= masks[pc];
            switch (i.Code)
            {
                case ST:
                case STX:
                    valid |= (ushort)(1 << (int)i.K);
                    break;
                case LD | MEM:
                case LDX | MEM:
                    if ((valid & (1 << (int)i.K)) == 0)
                    {
                        return $"instruction {pc}: scratch word {i.K} read before it is stored";
                    }

                    break;
                case JMP | JA:
                    masks[pc + 1 + (int)i.K] &= valid;
                    valid = 0xffff;
                    break;
                default:
                    if ((i.Code & 0x07) == JMP)
                    {
                        masks[pc + 1 + i.Jt] &= valid;
                        masks[pc + 1 + i.Jf] &= valid;
                        valid = 0xffff;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool IsAncillary(uint ad) => ad <= AdVlanTpid && ad % 4 == 0;

    /// <summary>The opcodes bpf_check_classic lets through (its codes[] table).</summary>
    private static bool Allowed(ushort code)
    {
        switch (code)
        {
            case ALU | NEG:
            case LD | W | ABS:
            case LD | H | ABS:
            case LD | B | ABS:
            case LD | W | LEN:
            case LD | W | IND:
            case LD | H | IND:
            case LD | B | IND:
            case LD | IMM:
            case LD | MEM:
            case LDX | W | LEN:
            case LDX | B | MSH:
            case LDX | IMM:
            case LDX | MEM:
            case ST:
            case STX:
            case MISC | TAX:
            case MISC | TXA:
            case RET | K:
            case RET | A:
            case JMP | JA:
                return true;
        }

        int cls = code & 0x07;
        if (cls == ALU && (code & ~0xf8) == ALU)
        {
            int op = code & 0xf0;
            return op is ADD or SUB or MUL or DIV or OR or AND or LSH or RSH or MOD or XOR;
        }

        if (cls == JMP && (code & ~0xf8) == JMP)
        {
            int op = code & 0xf0;
            return op is JEQ or JGT or JGE or JSET;
        }

        return false;
    }

    /// <summary>
    /// Runs the program over a frame (offset 0 = the Ethernet header) and returns its result. Ancillary
    /// words have the values a frame the team transmits from its TAP has: protocol = the frame's ethertype,
    /// hatype 1 (Ethernet), no accelerated VLAN tag (tags are in the frame, and SKF_NET_OFF loads start after
    /// them), random = a per-program xorshift, ifindex = <paramref name="ifIndex"/> (the kernel's skb->dev at
    /// transmit: the team device); mark, queue, rxhash, cpu, pkttype, nlattr and pay_offset read 0.
    /// </summary>
    public uint Run(ReadOnlySpan<byte> frame, uint ifIndex = 0)
    {
        BpfInsn[] p = _insns;
        uint a = 0, x = 0;
        Span<uint> mem = stackalloc uint[MemWords];
        mem.Clear();
        for (int pc = 0; pc < p.Length; pc++)
        {
            BpfInsn i = p[pc];
            switch (i.Code)
            {
                case LD | W | ABS:
                case LD | H | ABS:
                case LD | B | ABS:
                    if (i.K >= AdOff)
                    {
                        a = Ancillary(i.K - AdOff, frame, a, x, ifIndex);
                    }
                    else if (!Load(frame, (int)i.K, i.Code & 0x18, out a))
                    {
                        return 0;
                    }

                    break;
                case LD | W | IND:
                case LD | H | IND:
                case LD | B | IND:
                    if (!Load(frame, (int)(x + i.K), i.Code & 0x18, out a))
                    {
                        return 0;
                    }

                    break;
                case LD | W | LEN:
                    a = (uint)frame.Length;
                    break;
                case LDX | W | LEN:
                    x = (uint)frame.Length;
                    break;
                case LDX | B | MSH:
                    if (!Load(frame, (int)i.K, B, out uint b))
                    {
                        return 0;
                    }

                    x = (b & 0xf) << 2;
                    break;
                case LD | IMM:
                    a = i.K;
                    break;
                case LDX | IMM:
                    x = i.K;
                    break;
                case LD | MEM:
                    a = mem[(int)i.K];
                    break;
                case LDX | MEM:
                    x = mem[(int)i.K];
                    break;
                case ST:
                    mem[(int)i.K] = a;
                    break;
                case STX:
                    mem[(int)i.K] = x;
                    break;
                case MISC | TAX:
                    x = a;
                    break;
                case MISC | TXA:
                    a = x;
                    break;
                case RET | K:
                    return i.K;
                case RET | A:
                    return a;
                case JMP | JA:
                    pc += (int)i.K;
                    break;
                case ALU | NEG:
                    a = (uint)-(int)a;
                    break;
                default:
                    if ((i.Code & 0x07) == ALU)
                    {
                        uint v = (i.Code & X) != 0 ? x : i.K;
                        int op = i.Code & 0xf0;
                        if ((op == DIV || op == MOD) && v == 0)
                        {
                            return 0;
                        }

                        a = op switch
                        {
                            ADD => a + v,
                            SUB => a - v,
                            MUL => a * v,
                            DIV => a / v,
                            MOD => a % v,
                            OR => a | v,
                            AND => a & v,
                            LSH => a << (int)v,
                            RSH => a >> (int)v,
                            _ => a ^ v,
                        };
                    }
                    else
                    {
                        uint v = (i.Code & X) != 0 ? x : i.K;
                        bool taken = (i.Code & 0xf0) switch
                        {
                            JEQ => a == v,
                            JGT => a > v,
                            JGE => a >= v,
                            _ => (a & v) != 0,
                        };
                        pc += taken ? i.Jt : i.Jf;
                    }

                    break;
            }
        }

        return 0; // not reached: the last instruction is a return
    }

    /// <summary>A load of 4, 2 or 1 bytes (network order) at a frame offset; negative offsets are SKF_LL_OFF / SKF_NET_OFF relative.</summary>
    private static bool Load(ReadOnlySpan<byte> frame, int off, int size, out uint value)
    {
        if (off < 0)
        {
            if (off >= unchecked((int)NetOff))
            {
                off = off - unchecked((int)NetOff) + NetworkOffset(frame);
            }
            else if (off >= unchecked((int)LlOff))
            {
                off -= unchecked((int)LlOff);
            }
            else
            {
                value = 0;
                return false;
            }
        }

        int len = size == W ? 4 : size == H ? 2 : 1;
        if ((uint)off + (uint)len > (uint)frame.Length)
        {
            value = 0;
            return false;
        }

        value = len == 4 ? BinaryPrimitives.ReadUInt32BigEndian(frame[off..]) : len == 2 ? BinaryPrimitives.ReadUInt16BigEndian(frame[off..]) : frame[off];
        return true;
    }

    /// <summary>Where the network header starts: after the Ethernet header and up to two 802.1Q / 802.1ad tags in the
    /// frame (as the native hasher parses it; the bound keeps a frame of nothing but tags from costing a loop per load).</summary>
    private static int NetworkOffset(ReadOnlySpan<byte> frame)
    {
        int off = 12;
        while (off < 20 && off + 6 <= frame.Length && BinaryPrimitives.ReadUInt16BigEndian(frame[off..]) is 0x8100 or 0x88a8)
        {
            off += 4;
        }

        return off + 2;
    }

    private uint Ancillary(uint ad, ReadOnlySpan<byte> frame, uint a, uint x, uint ifIndex)
    {
        switch (ad)
        {
            case AdProtocol:
                return frame.Length >= 14 ? BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) : 0u;
            case AdHaType:
                return 1; // ARPHRD_ETHER
            case AdIfIndex:
                return ifIndex;
            case AdAluXorX:
                return a ^ x;
            case AdRandom:
                uint r = _random;
                r ^= r << 13;
                r ^= r >> 17;
                r ^= r << 5;
                _random = r;
                return r;
            default:
                return 0;
        }
    }
}
