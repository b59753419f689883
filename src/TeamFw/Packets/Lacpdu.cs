// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;

namespace TeamFw.Packets;

/// <summary>The actor/partner state octet of an LACPDU (IEEE 802.1AX, one bit each).</summary>
[Flags]
public enum LacpState : byte
{
    None = 0,
    Activity = 0x01,
    Timeout = 0x02,
    Aggregation = 0x04,
    Synchronization = 0x08,
    Collecting = 0x10,
    Distributing = 0x20,
    Defaulted = 0x40,
    Expired = 0x80,
}

/// <summary>
/// One side's information as an LACPDU carries it (the actor or partner TLV): system priority and
/// system ID (a MAC, held as 48 bits), key, port priority, port number and the state octet.
/// </summary>
public readonly record struct LacpInfo(ushort SystemPriority, ulong System, ushort Key, ushort PortPriority, ushort Port, LacpState State)
{
    public bool Has(LacpState bits) => (State & bits) == bits;

    public LacpInfo With(LacpState set, LacpState clear = LacpState.None) => this with { State = (State & ~clear) | set };

    public static ulong SystemOf(ReadOnlySpan<byte> mac) => ((ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32) | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);

    public string SystemText()
    {
        Span<byte> mac = stackalloc byte[6];
        WriteSystem(mac, System);
        return Mac.Format(mac);
    }

    internal static void WriteSystem(Span<byte> mac, ulong system)
    {
        BinaryPrimitives.WriteUInt16BigEndian(mac, (ushort)(system >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(mac[2..], (uint)system);
    }
}

/// <summary>Why a received slow-protocols frame was or was not taken as an LACPDU.</summary>
public enum LacpduStatus
{
    Ok,

    /// <summary>Not ethertype 0x8809, or another slow protocol (marker, OAM): not ours, ignored without complaint.</summary>
    NotLacp,

    /// <summary>Shorter than the LACPDU's fields up to its terminator.</summary>
    Truncated,

    /// <summary>Longer than a slow-protocols frame may be (128 octets with the FCS).</summary>
    Oversized,

    /// <summary>Version 0: no LACP version has that number.</summary>
    BadVersion,

    /// <summary>A TLV whose type or length is not the one the layout requires.</summary>
    BadTlv,
}

/// <summary>
/// LACPDU encoder and validating decoder (IEEE 802.1AX version 1 layout, after a 14-byte Ethernet
/// header to 01:80:c2:00:00:02, ethertype 0x8809): subtype 1, version, actor TLV (type 1, length 20),
/// partner TLV (type 2, length 20), collector TLV (type 3, length 16, max delay), terminator (type 0,
/// length 0), reserved to 110 octets. Allocation-free: spans in, spans out.
/// </summary>
public static class Lacpdu
{
    public const ushort EtherTypeSlow = 0x8809;
    public const byte SubtypeLacp = 1;
    public const byte SubtypeMarker = 2;
    public const byte Version = 1;

    /// <summary>The LACPDU after the Ethernet header.</summary>
    public const int PduLength = 110;

    public const int FrameLength = EthHeader + PduLength;

    /// <summary>802.3 Annex 57A: a slow-protocols frame is at most 128 octets with its FCS (124 without).</summary>
    public const int MaxFrameLength = 124;

    private const int EthHeader = 14;
    private const int InfoLength = 20;
    private const int CollectorLength = 16;

    // Offsets from the start of the frame.
    private const int SubtypeAt = EthHeader;
    private const int VersionAt = SubtypeAt + 1;
    private const int ActorAt = VersionAt + 1;
    private const int PartnerAt = ActorAt + InfoLength;
    private const int CollectorAt = PartnerAt + InfoLength;
    private const int TerminatorAt = CollectorAt + CollectorLength;

    /// <summary>The fields a receiver needs, through the terminator TLV.</summary>
    public const int MinFrameLength = TerminatorAt + 2;

    public static ReadOnlySpan<byte> SlowProtocolsAddress => [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02];

    /// <summary>Writes a whole LACPDU frame (<see cref="FrameLength"/> bytes) from <paramref name="source"/>; returns its length.</summary>
    public static int Write(Span<byte> frame, ReadOnlySpan<byte> source, in LacpInfo actor, in LacpInfo partner)
    {
        frame = WriteSlowHeader(frame, source, SubtypeLacp);
        WriteInfo(frame[ActorAt..], 1, actor);
        WriteInfo(frame[PartnerAt..], 2, partner);
        frame[CollectorAt] = 3;
        frame[CollectorAt + 1] = CollectorLength;

        // Collector max delay 0 (we deliver at once); terminator type 0 length 0 and the reserved octets stay zero.
        return FrameLength;
    }

    /// <summary>Clears a <see cref="FrameLength"/>-byte slow-protocols frame and writes its Ethernet header, subtype and version 1.</summary>
    private static Span<byte> WriteSlowHeader(Span<byte> frame, ReadOnlySpan<byte> source, byte subtype)
    {
        frame = frame[..FrameLength];
        frame.Clear();
        SlowProtocolsAddress.CopyTo(frame);
        source[..6].CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherTypeSlow);
        frame[SubtypeAt] = subtype;
        frame[VersionAt] = Version;
        return frame;
    }

    private static void WriteInfo(Span<byte> tlv, byte type, in LacpInfo info)
    {
        tlv[0] = type;
        tlv[1] = InfoLength;
        BinaryPrimitives.WriteUInt16BigEndian(tlv[2..], info.SystemPriority);
        LacpInfo.WriteSystem(tlv[4..], info.System);
        BinaryPrimitives.WriteUInt16BigEndian(tlv[10..], info.Key);
        BinaryPrimitives.WriteUInt16BigEndian(tlv[12..], info.PortPriority);
        BinaryPrimitives.WriteUInt16BigEndian(tlv[14..], info.Port);
        tlv[16] = (byte)info.State;
    }

    private static LacpInfo ReadInfo(ReadOnlySpan<byte> tlv) => new(
        BinaryPrimitives.ReadUInt16BigEndian(tlv[2..]),
        LacpInfo.SystemOf(tlv[4..]),
        BinaryPrimitives.ReadUInt16BigEndian(tlv[10..]),
        BinaryPrimitives.ReadUInt16BigEndian(tlv[12..]),
        BinaryPrimitives.ReadUInt16BigEndian(tlv[14..]),
        (LacpState)tlv[16]);

    /// <summary>
    /// The marker responder (802.3 §43.5, 802.1AX §6.5): when <paramref name="frame"/> is a Marker PDU
    /// carrying Marker Information (TLV type 1, length 16: requester port, system, transaction id, pad),
    /// writes the Marker Response to send back — the same PDU with TLV type 2, from <paramref name="source"/>
    /// to the slow-protocols address — and returns its length; 0 when the frame is not a valid Marker
    /// Information PDU (a Marker Response, another subtype, a bad TLV, truncated or oversized).
    /// </summary>
    public static int WriteMarkerResponse(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> source, Span<byte> response)
    {
        const int infoAt = VersionAt + 1;
        const int markerInfoLength = 16;
        const int terminatorAt = infoAt + markerInfoLength;
        if (frame.Length < terminatorAt + 2 || frame.Length > MaxFrameLength
            || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeSlow
            || frame[SubtypeAt] != SubtypeMarker || frame[VersionAt] == 0
            || frame[infoAt] != 1 || frame[infoAt + 1] != markerInfoLength)
        {
            return 0;
        }

        response = WriteSlowHeader(response, source, SubtypeMarker);
        response[infoAt] = 2;
        response[infoAt + 1] = markerInfoLength;

        // Requester port (2), system (6) and transaction id (4) as received; the pad, the terminator and
        // the reserved octets are zero.
        frame.Slice(infoAt + 2, 12).CopyTo(response[(infoAt + 2)..]);
        return FrameLength;
    }

    /// <summary>
    /// Validates a received frame and reads the actor and partner TLVs. Every length is checked before
    /// anything is read. Higher versions (802.1AX-2014 version 2) are read as version 1, as the standard
    /// asks; their extra TLVs sit after the collector, so only a version 1 PDU must have its terminator there.
    /// Reserved octets are not checked.
    /// </summary>
    public static LacpduStatus Parse(ReadOnlySpan<byte> frame, out LacpInfo actor, out LacpInfo partner)
    {
        actor = default;
        partner = default;
        if (frame.Length < SubtypeAt + 1 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeSlow)
        {
            return frame.Length < SubtypeAt + 1 ? LacpduStatus.Truncated : LacpduStatus.NotLacp;
        }

        if (frame[SubtypeAt] != SubtypeLacp)
        {
            return LacpduStatus.NotLacp;
        }

        if (frame.Length > MaxFrameLength)
        {
            return LacpduStatus.Oversized;
        }

        if (frame.Length < MinFrameLength)
        {
            return LacpduStatus.Truncated;
        }

        byte version = frame[VersionAt];
        if (version == 0)
        {
            return LacpduStatus.BadVersion;
        }

        if (frame[ActorAt] != 1 || frame[ActorAt + 1] != InfoLength
            || frame[PartnerAt] != 2 || frame[PartnerAt + 1] != InfoLength
            || frame[CollectorAt] != 3 || frame[CollectorAt + 1] != CollectorLength
            || (version == 1 && (frame[TerminatorAt] != 0 || frame[TerminatorAt + 1] != 0)))
        {
            return LacpduStatus.BadTlv;
        }

        actor = ReadInfo(frame[ActorAt..]);
        partner = ReadInfo(frame[PartnerAt..]);
        return LacpduStatus.Ok;
    }
}
