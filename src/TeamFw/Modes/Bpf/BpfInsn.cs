// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Modes.Bpf;

/// <summary>One classic BPF instruction (struct sock_filter: u16 code, u8 jt, u8 jf, u32 k; 8 bytes, host order).</summary>
public readonly record struct BpfInsn(ushort Code, byte Jt, byte Jf, uint K)
{
    public static BpfInsn Stmt(ushort code, uint k) => new(code, 0, 0, k);

    public static BpfInsn Jump(ushort code, uint k, byte jt, byte jf) => new(code, jt, jf, k);
}

/// <summary>The classic BPF opcodes (include/uapi/linux/filter.h, bpf_common.h) and ancillary offsets.</summary>
public static class BpfOp
{
    // classes
    public const ushort LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06, MISC = 0x07;

    // sizes
    public const ushort W = 0x00, H = 0x08, B = 0x10;

    // modes
    public const ushort IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80, MSH = 0xa0;

    // ALU operations
    public const ushort ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0;

    // jumps
    public const ushort JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;

    // operand source; RET's A
    public const ushort K = 0x00, X = 0x08, A = 0x10;

    // MISC
    public const ushort TAX = 0x00, TXA = 0x80;

    /// <summary>Scratch memory words (BPF_MEMWORDS).</summary>
    public const int MemWords = 16;

    /// <summary>BPF_MAXINSNS.</summary>
    public const int MaxInsns = 4096;

    // Negative load offsets (SKF_*): ancillary data, the network header, the link-layer header.
    public const uint AdOff = 0xfffff000;      // -0x1000
    public const uint NetOff = 0xfff00000;     // -0x100000
    public const uint LlOff = 0xffe00000;      // -0x200000

    // Ancillary words (SKF_AD_*), offsets from AdOff.
    public const uint AdProtocol = 0, AdPktType = 4, AdIfIndex = 8, AdNlAttr = 12, AdNlAttrNest = 16, AdMark = 20, AdQueue = 24,
        AdHaType = 28, AdRxHash = 32, AdCpu = 36, AdAluXorX = 40, AdVlanTag = 44, AdVlanTagPresent = 48, AdPayOffset = 52,
        AdRandom = 56, AdVlanTpid = 60;
}
