// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Netlink;

/// <summary>The rtnetlink queries a running team makes (a link's state, a device's addresses): what
/// <see cref="RtnlClient"/> answers, as an interface so the team and its parts can be tested with a fake.</summary>
public interface IRtnl
{
    /// <summary>RTM_GETLINK by index; null when there is no such interface.</summary>
    LinkInfo? GetLink(int ifIndex);

    /// <summary>RTM_GETADDR: the device's addresses (IPv4 and IPv6).</summary>
    List<SavedAddress> GetAddresses(int ifIndex);
}
