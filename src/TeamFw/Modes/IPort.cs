// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>What a mode sees of a port on the data path (the kernel's struct team_port, reduced).</summary>
public interface IPort
{
    string Name { get; }

    int IfIndex { get; }

    /// <summary>In the team's enabled list: only enabled ports transmit and deliver to the team.</summary>
    bool Enabled { get; }

    /// <summary>Link up (by the link watchers) and enabled: the kernel's team_port_txable().</summary>
    bool Txable { get; }
}

/// <summary>What a runner sees of a port on the control plane.</summary>
public interface IRunnerPort : IPort
{
    /// <summary>teamd prio (higher is better).</summary>
    int Prio { get; }

    bool Sticky { get; }

    /// <summary>The link watchers' verdict.</summary>
    bool LinkUp { get; }

    uint SpeedMbps { get; }

    /// <summary>0 half, 1 full, 0xff unknown.</summary>
    byte Duplex { get; }

    /// <summary>lacp: the port priority sent in LACPDUs (lower is better, default 255).</summary>
    int LacpPrio { get; }

    /// <summary>lacp: the port's actor key (ports aggregate only with equal keys, default 0).</summary>
    int LacpKey { get; }

    /// <summary>The port's own MAC (recorded at enslave): the source of the control frames it sends.</summary>
    ReadOnlySpan<byte> OwnMac { get; }
}
