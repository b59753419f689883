// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes.Bpf;
using static TeamFw.Modes.Bpf.BpfOp;

namespace TeamFw.Packets;

/// <summary>
/// Socket filters (classic BPF, SO_ATTACH_FILTER) for the control sockets that read one protocol on a port
/// — LACPDUs, ARP and NA replies — by what the kernel knows of the frame rather than by its bytes: the
/// kernel takes the outer VLAN tag off before any packet socket sees a frame, and a socket bound to one
/// ethertype gets a frame tagged for any VLAN with the tag already forgotten. Bound to every protocol
/// (ETH_P_ALL) with one of these filters, a socket gets exactly the frames of its protocol on its VLAN: the
/// protocol after the outer tag (SKF_AD_PROTOCOL), the tag (SKF_AD_VLAN_TAG_PRESENT, SKF_AD_VLAN_TAG), as
/// teamd's arp_ping filters do (teamd_lw_arp_ping.c). Untagged means no tag or a priority tag (VLAN id 0).
/// </summary>
public static class RxFilter
{
    private const uint AcceptAll = uint.MaxValue;

    /// <summary>Frames of <paramref name="etherType"/> with no VLAN tag, or a priority tag.</summary>
    public static byte[] Untagged(ushort etherType) => OnVlan(etherType, 0);

    /// <summary>Frames of <paramref name="etherType"/> on VLAN <paramref name="vlanId"/> (1..4095), or untagged for 0.</summary>
    public static byte[] OnVlan(ushort etherType, int vlanId)
    {
        // Jump offsets count from the next instruction: accept is 7, reject 8.
        BpfInsn[] insns =
        [
            /* 0 */ BpfInsn.Stmt(LD | W | ABS, AdOff + AdProtocol),
            /* 1 */ BpfInsn.Jump(JMP | JEQ | K, etherType, 0, 6),
            /* 2 */ BpfInsn.Stmt(LD | W | ABS, AdOff + AdVlanTagPresent),
            /* 3 */ BpfInsn.Jump(JMP | JEQ | K, 0, vlanId == 0 ? (byte)3 : (byte)4, 0), // no tag: accept if untagged wanted, else reject
            /* 4 */ BpfInsn.Stmt(LD | W | ABS, AdOff + AdVlanTag),
            /* 5 */ BpfInsn.Stmt(ALU | AND | K, 0x0fff),
            /* 6 */ BpfInsn.Jump(JMP | JEQ | K, (uint)vlanId, 0, 1),
            /* 7 */ BpfInsn.Stmt(RET | K, AcceptAll),
            /* 8 */ BpfInsn.Stmt(RET | K, 0),
        ];
        return BpfProgram.Encode(insns);
    }
}
