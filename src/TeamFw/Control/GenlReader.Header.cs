// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

public readonly ref partial struct GenlReader
{
    /// <summary>
    /// Splits a datagram as netlink_rcv_skb does: a message whose nlmsg_len is below 16 or beyond the
    /// datagram ends processing silently; the next message starts at NLMSG_ALIGN(len).
    /// </summary>
    public static bool TryNextMessage(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> message)
    {
        message = default;
        if (rest.Length < Nl.HeaderLength)
        {
            rest = default;
            return false;
        }

        uint len = NlMessageReader.ReadU32(rest);
        if (len < Nl.HeaderLength || len > (uint)rest.Length)
        {
            rest = default;
            return false;
        }

        message = rest[..(int)len];
        rest = rest[Math.Min(GenlWriter.Align((int)len), rest.Length)..];
        return true;
    }

    /// <summary>The netlink header alone (control messages, or before the family is known).</summary>
    public static NlHeader ReadHeader(ReadOnlySpan<byte> message)
        => new(NlMessageReader.ReadU32(message), NlMessageReader.ReadU16(message[4..]), NlMessageReader.ReadU16(message[6..]),
            NlMessageReader.ReadU32(message[8..]), NlMessageReader.ReadU32(message[12..]));

    /// <summary>
    /// A generic-netlink message of a family with a fixed header of <paramref name="familyHeaderSize"/>
    /// bytes: -EINVAL when the message is shorter than nlmsg_msg_size(GENL_HDRLEN + hdrsize), as genetlink says.
    /// </summary>
    public static GenlReader Genl(ReadOnlySpan<byte> message, int familyHeaderSize = 0)
    {
        NlHeader h = ReadHeader(message);
        int attrStart = Nl.HeaderLength + GenlFamily.GenlHeaderLength + familyHeaderSize;
        if (message.Length < attrStart)
        {
            ThrowHelper.Throw(Errno.EINVAL, $"message of {message.Length} bytes has no room for the {GenlFamily.GenlHeaderLength}-byte genetlink header");
        }

        return new GenlReader(message, h, GenlWriter.Align(attrStart) <= message.Length ? GenlWriter.Align(attrStart) : message.Length);
    }
}
