// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using static TeamFw.Modes.Bpf.BpfOp;

namespace TeamFw.Modes.Bpf;

/// <summary>
/// The classic BPF program for a tx_hash: what teamd writes to bpf_hash_func, and what teamfw shows there
/// while it hashes the same fields natively. The program keeps the hash in X and folds every field in
/// as teamd's programs do: load the big-endian word or half-word into A, A ^= X through the
/// SKF_AD_ALU_XOR_X ancillary load, TAX; it ends with TXA, RET A. The fields are the native hasher's
/// (<see cref="FrameHasher"/>): both MACs as three words (0, 4, 8); the VLAN id (TCI &amp; 0x0fff) of up
/// to two 802.1Q / 802.1ad tags in the frame (a frame from the TAP carries its tags, so
/// SKF_AD_VLAN_TAG_PRESENT would read 0; each tag count gets its own branch with constant offsets);
/// IPv4 source and destination as two words, IPv6 as eight; the L4 port word (source port &lt;&lt; 16 |
/// destination port) of TCP, UDP or SCTP, reached through the IHL (LDX MSH, LD IND) with the hash parked
/// in scratch word 0 meanwhile, and never for fragments (MF or an offset, IPv4) nor an IHL under 5.
/// Where they differ from the native hasher: IPv6 ports are read only right after the fixed header (a
/// program cannot walk extension headers without loops; teamd's does the same), and a field cut short
/// ends the program with 0 (the kernel's rule for a load past the frame) instead of being left out.
/// </summary>
public static class TxHashProgram
{
    private const ushort EthPIpv4 = 0x0800;
    private const ushort EthPIpv6 = 0x86dd;
    private const ushort EthP8021Q = 0x8100;
    private const ushort EthP8021AD = 0x88a8;
    private const uint XorX = AdOff + AdAluXorX;
    private const int MaxVlanTags = 2;

    private static readonly (TxHashFields Field, uint Proto)[] s_l4Protocols =
        [(TxHashFields.Tcp, 6), (TxHashFields.Udp, 17), (TxHashFields.Sctp, 132)];

    /// <summary>The program's instructions for these fields.</summary>
    public static BpfInsn[] Build(TxHashFields fields)
    {
        var a = new Assembler();
        if ((fields & TxHashFields.Eth) != 0)
        {
            a.XorIn(W, 0);
            a.XorIn(W, 4);
            a.XorIn(W, 8);
        }

        if ((fields & ~TxHashFields.Eth) == TxHashFields.None)
        {
            a.Return();
            return a.Finish();
        }

        // Tag count t = 0, 1, 2: the ethertype at 12 + 4t; a tag there leads on to the next count.
        for (int tags = 0; tags <= MaxVlanTags; tags++)
        {
            int shift = tags * 4;
            a.Emit(LD | H | ABS, (uint)(12 + shift));
            if (tags < MaxVlanTags)
            {
                int tagged = a.NewLabel();
                a.Jump(JMP | JEQ | K, EthP8021Q, tagged, Assembler.Next);
                a.Jump(JMP | JEQ | K, EthP8021AD, tagged, Assembler.Next);
                Network(a, fields, 14 + shift);
                a.Mark(tagged);
                if ((fields & TxHashFields.Vlan) != 0)
                {
                    a.Emit(LD | H | ABS, (uint)(14 + shift));
                    a.Emit(ALU | AND | K, 0x0fff);
                    a.Emit(LD | B | ABS, XorX);
                    a.Emit(MISC | TAX, 0);
                }
            }
            else
            {
                Network(a, fields, 14 + shift);
            }
        }

        return a.Finish();
    }

    /// <summary>struct sock_filter[] bytes (host order) of <see cref="Build"/>: what bpf_hash_func holds.</summary>
    public static byte[] Encode(TxHashFields fields) => BpfProgram.Encode(Build(fields));

    /// <summary>The IPv4 / IPv6 part for a network header at <paramref name="n"/>; A holds the ethertype. Ends in returns.</summary>
    private static void Network(Assembler a, TxHashFields fields, int n)
    {
        bool v4 = (fields & (TxHashFields.Ipv4 | TxHashFields.L4)) != 0;
        bool v6 = (fields & (TxHashFields.Ipv6 | TxHashFields.L4)) != 0;
        int notV4 = a.NewLabel();
        if (v4)
        {
            a.Jump(JMP | JEQ | K, EthPIpv4, Assembler.Next, notV4);
            if ((fields & TxHashFields.Ipv4) != 0)
            {
                a.XorIn(W, (uint)(n + 12));
                a.XorIn(W, (uint)(n + 16));
            }

            if ((fields & TxHashFields.L4) != 0)
            {
                int done = a.NewLabel();
                a.Emit(LD | H | ABS, (uint)(n + 6));
                a.Jump(JMP | JSET | K, 0x3fff, done, Assembler.Next); // MF or a fragment offset
                a.Emit(LD | B | ABS, (uint)n);
                a.Emit(ALU | AND | K, 0x0f);
                a.Jump(JMP | JGE | K, 5, Assembler.Next, done);
                a.Emit(LD | B | ABS, (uint)(n + 9));
                int ports = a.NewLabel();
                Protocols(a, fields, ports, done);
                a.Mark(ports);
                a.Emit(MISC | TXA, 0);
                a.Emit(ST, 0);
                a.Emit(LDX | B | MSH, (uint)n);
                a.Emit(LD | W | IND, (uint)n);
                a.Emit(LDX | MEM, 0);
                a.Emit(LD | B | ABS, XorX);
                a.Emit(MISC | TAX, 0);
                a.Mark(done);
            }

            a.Return();
        }

        a.Mark(notV4);
        if (v6)
        {
            int done = a.NewLabel();
            a.Jump(JMP | JEQ | K, EthPIpv6, Assembler.Next, done);
            if ((fields & TxHashFields.Ipv6) != 0)
            {
                for (int w = 0; w < 8; w++)
                {
                    a.XorIn(W, (uint)(n + 8 + (w * 4)));
                }
            }

            if ((fields & TxHashFields.L4) != 0)
            {
                a.Emit(LD | B | ABS, (uint)(n + 6));
                int ports = a.NewLabel();
                Protocols(a, fields, ports, done);
                a.Mark(ports);
                a.XorIn(W, (uint)(n + 40));
            }

            a.Mark(done);
        }

        a.Return();
    }

    /// <summary>A holds the L4 protocol: on to <paramref name="ports"/> for a selected one, else to <paramref name="skip"/>.</summary>
    private static void Protocols(Assembler a, TxHashFields fields, int ports, int skip)
    {
        int left = 0;
        foreach ((TxHashFields f, _) in s_l4Protocols)
        {
            left += (fields & f) != 0 ? 1 : 0;
        }

        foreach ((TxHashFields f, uint proto) in s_l4Protocols)
        {
            if ((fields & f) != 0)
            {
                a.Jump(JMP | JEQ | K, proto, ports, --left == 0 ? skip : Assembler.Next);
            }
        }
    }

    /// <summary>Instructions with forward jumps to labels, resolved when the program is done.</summary>
    private sealed class Assembler
    {
        /// <summary>A jump target meaning the next instruction (offset 0).</summary>
        public const int Next = -1;

        private readonly List<BpfInsn> _code = new();
        private readonly List<(int Pc, int Jt, int Jf)> _jumps = new();
        private readonly List<int> _labels = new();

        public int NewLabel()
        {
            _labels.Add(-1);
            return _labels.Count - 1;
        }

        public void Mark(int label) => _labels[label] = _code.Count;

        public void Emit(int code, uint k) => _code.Add(BpfInsn.Stmt((ushort)code, k));

        public void Jump(int code, uint k, int jt, int jf)
        {
            _jumps.Add((_code.Count, jt, jf));
            _code.Add(BpfInsn.Jump((ushort)code, k, 0, 0));
        }

        /// <summary>A ^= the field; X = A.</summary>
        public void XorIn(int size, uint offset)
        {
            Emit(LD | size | ABS, offset);
            Emit(LD | B | ABS, XorX);
            Emit(MISC | TAX, 0);
        }

        public void Return()
        {
            Emit(MISC | TXA, 0);
            Emit(RET | A, 0);
        }

        public BpfInsn[] Finish()
        {
            foreach ((int pc, int jt, int jf) in _jumps)
            {
                _code[pc] = _code[pc] with { Jt = Offset(pc, jt), Jf = Offset(pc, jf) };
            }

            return _code.ToArray();
        }

        private byte Offset(int pc, int label)
        {
            if (label == Next)
            {
                return 0;
            }

            int d = _labels[label] - pc - 1;
            if (_labels[label] < 0 || d < 0 || d > byte.MaxValue)
            {
                throw new InvalidOperationException($"tx_hash program: jump from {pc} to label {label} out of range");
            }

            return (byte)d;
        }
    }
}
