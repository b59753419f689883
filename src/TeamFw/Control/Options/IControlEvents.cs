// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Control.Options;

/// <summary>
/// Where a team's change events go (the control server's multicast groups). An implementation must
/// clear the CHANGED bits of what it was given even when nobody listens: the kernel fills the event
/// skb, and with it clears the bits, whether or not a socket is subscribed.
/// </summary>
public interface IControlEvents
{
    /// <summary>change_event: an OPTIONS_GET-shaped event with these instances.</summary>
    void OptionsChanged(TeamControlState team, IReadOnlyList<OptionInstance> instances);

    /// <summary>change_event: a PORT_LIST_GET-shaped event with this one port.</summary>
    void PortChanged(TeamControlState team, PortRecord port);

    /// <summary>link_event: a team created or deleted, a port added or removed.</summary>
    void LinkChanged(TeamfwCmd cmd, TeamControlState team, PortRecord? port);
}
