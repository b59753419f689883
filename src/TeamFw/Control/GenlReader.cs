// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// One generic-netlink message as the control server (or client) reads it: the netlink header, the
/// genlmsghdr and its attributes, on top of the netlink codec (<see cref="NlMessageReader"/>,
/// <see cref="NlAttrReader"/>). Every length is checked before a slice is taken; what the kernel
/// would refuse is refused through <see cref="ThrowHelper"/> as a
/// <see cref="ControlProtocolException"/> carrying the errno.
/// Lifetime: a view of the caller's buffer, valid while that buffer is not reused.
/// </summary>
public readonly ref partial struct GenlReader
{
    private GenlReader(ReadOnlySpan<byte> message, NlHeader header, int attrStart)
    {
        Message = message;
        Header = header;
        AttrStart = attrStart;
    }

    /// <summary>The whole message, header included (what an error reply echoes).</summary>
    public ReadOnlySpan<byte> Message { get; }

    public NlHeader Header { get; }

    /// <summary>Offset of the first attribute in <see cref="Message"/>.</summary>
    public int AttrStart { get; }

    public byte Cmd => Message.Length > Nl.HeaderLength ? Message[Nl.HeaderLength] : (byte)0;

    public byte Version => Message.Length > Nl.HeaderLength + 1 ? Message[Nl.HeaderLength + 1] : (byte)0;

    public ReadOnlySpan<byte> Attributes => Message[AttrStart..];

    /// <summary>
    /// A generic-netlink message of a family with a fixed header of <paramref name="familyHeaderSize"/>
    /// bytes: -EINVAL when the message is shorter than nlmsg_msg_size(GENL_HDRLEN + hdrsize), as genetlink says.
    /// </summary>
    public static GenlReader Genl(ReadOnlySpan<byte> message, int familyHeaderSize = 0)
    {
        NlHeader h = NlHeader.Read(message);
        int attrStart = Nl.HeaderLength + GenlFamily.GenlHeaderLength + familyHeaderSize;
        if (message.Length < attrStart)
        {
            ThrowHelper.Throw(Errno.EINVAL, $"message of {message.Length} bytes has no room for the {GenlFamily.GenlHeaderLength}-byte genetlink header");
        }

        return new GenlReader(message, h, Math.Min(Nl.Align(attrStart), message.Length));
    }

    /// <summary>nla_parse: the top-level attributes by type, the last of a type winning.</summary>
    public AttrTable Parse() => AttrTable.Parse(Attributes, AttrStart);
}
