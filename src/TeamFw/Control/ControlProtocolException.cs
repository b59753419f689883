// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;

namespace TeamFw.Control;

/// <summary>
/// A request the codec or a handler refuses: the errno the NLMSG_ERROR carries, the text for
/// NLMSGERR_ATTR_MSG, and the offending attribute's offset in the message (NLMSGERR_ATTR_OFFS), if known.
/// </summary>
public sealed class ControlProtocolException : Exception
{
    public ControlProtocolException(Errno errno, string message, int attributeOffset = -1) : base(message)
    {
        Errno = errno;
        AttributeOffset = attributeOffset;
    }

    public ControlProtocolException()
    {
    }

    public ControlProtocolException(string message) : base(message)
    {
    }

    public ControlProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public Errno Errno { get; } = Errno.EINVAL;

    public int AttributeOffset { get; } = -1;
}
