// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Control;

/// <summary>Where encoded datagrams go: one connection (a reply) or a multicast group (an event). The span is copied.</summary>
public interface IDatagramSink
{
    void Send(ReadOnlySpan<byte> datagram);
}
