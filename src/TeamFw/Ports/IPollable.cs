// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Ports;

/// <summary>Something with a socket the daemon's control loop polls (link watchers, runner sockets).</summary>
public interface IPollable
{
    /// <summary>The descriptor to poll for reading, or -1 for none now.</summary>
    int Fd { get; }

    /// <summary><see cref="Fd"/> is readable.</summary>
    void OnReadable(long now);
}
