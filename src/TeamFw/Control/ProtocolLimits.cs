// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control;

/// <summary>Every bound the control socket enforces (README "Control socket"), in one place.</summary>
public static class ProtocolLimits
{
    /// <summary>Largest request datagram (one SEQPACKET message); bigger ones get -EMSGSIZE.</summary>
    public const int MaxMessage = 64 * 1024;

    /// <summary>Deepest attribute nesting accepted in a request.</summary>
    public const int MaxNesting = 8;

    /// <summary>Connections served at once; one more is told -EUSERS and closed.</summary>
    public const int MaxConnections = 64;

    /// <summary>
    /// Room in one reply datagram of a multi-part team reply: the tailroom of the kernel's
    /// genlmsg_new(GENLMSG_DEFAULT_SIZE) skb, a 4 KiB kmalloc minus skb_shared_info (320 bytes on
    /// x86_64), so replies split where a kernel's would.
    /// </summary>
    public const int ReplyDatagram = 4096 - 320;

    /// <summary>Largest single reply message (JSON state of a big team still fits); nla_len is 16 bits.</summary>
    public const int MaxReply = 64 * 1024 + 1024;

    /// <summary>Bytes queued for a client that does not read before the server stops reading its requests.</summary>
    public const int MaxQueuedBytes = 1024 * 1024;

    /// <summary>Events dropped for a client whose queue is beyond this; it gets one -ENOBUFS notice instead.</summary>
    public const int MaxQueuedEventBytes = 4 * 1024 * 1024;

    /// <summary>IFNAMSIZ - 1.</summary>
    public const int MaxIfName = 15;

    /// <summary>GENL_NAMSIZ - 1: longest family name in CTRL_ATTR_FAMILY_NAME.</summary>
    public const int MaxFamilyName = 15;
}
