// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Config;

/// <summary>One team, as read from a teamd JSON config (man teamd.conf). Immutable; the daemon diff-applies it.</summary>
public sealed record TeamConfig
{
    /// <summary>The file the config came from ("-c" when given inline): every error message names it.</summary>
    public required string Source { get; init; }

    /// <summary>The JSON text as given, for `config dump`.</summary>
    public required string Json { get; init; }

    public required string Device { get; init; }

    /// <summary>6 bytes, or null for a random locally administered address.</summary>
    public byte[]? HwAddr { get; init; }

    public int DebugLevel { get; init; }

    public RunnerConfig Runner { get; init; } = new();

    /// <summary>The team-wide watchers (link_watch object or array); defaults to one ethtool watcher.</summary>
    public IReadOnlyList<LinkWatchConfig> LinkWatch { get; init; } = [new LinkWatchConfig()];

    /// <summary>"any" (default) or "all".</summary>
    public string LinkWatchPolicy { get; init; } = "any";

    /// <summary>notify_peers; Count null = the runner's default (1 for activebackup, else 0).</summary>
    public NotifyConfig NotifyPeers { get; init; } = new();

    public NotifyConfig McastRejoin { get; init; } = new();

    /// <summary>Ports in file order.</summary>
    public IReadOnlyList<PortConfig> Ports { get; init; } = [];

    public TeamFwSettings TeamFw { get; init; } = new();
}

public sealed record RunnerConfig
{
    /// <summary>One of <see cref="Runners.RunnerRegistry.Names"/>; teamd's default is roundrobin.</summary>
    public string Name { get; init; } = Runners.RunnerRegistry.Default.Name;

    /// <summary>activebackup: same_all (default), by_active, only_active.</summary>
    public string HwAddrPolicy { get; init; } = "same_all";

    // lacp
    public bool Active { get; init; } = true;
    public bool FastRate { get; init; }
    public int SysPrio { get; init; } = 65535;
    public int MinPorts { get; init; } = 1;
    public string AggSelectPolicy { get; init; } = "lacp_prio";

    // loadbalance / lacp
    public IReadOnlyList<string> TxHash { get; init; } = ["eth", "ipv4", "ipv6"];
    public string? TxBalancerName { get; init; }

    /// <summary>Tenths of a second, default 50.</summary>
    public int TxBalancerInterval { get; init; } = 50;
}

public sealed record LinkWatchConfig
{
    /// <summary>One of <see cref="LinkWatch.LinkWatchRegistry.Names"/>; teamd's default is ethtool.</summary>
    public string Name { get; init; } = TeamFw.LinkWatch.LinkWatchRegistry.Default.Name;

    // ethtool
    public int DelayUp { get; init; }
    public int DelayDown { get; init; }

    // arp_ping / nsna_ping
    public int Interval { get; init; } = 1000;
    public int InitWait { get; init; }
    public int MissedMax { get; init; } = 3;
    public string? SourceHost { get; init; }
    public string? TargetHost { get; init; }
    public bool ValidateActive { get; init; }
    public bool ValidateInactive { get; init; }
    public bool SendAlways { get; init; }
    public int? VlanId { get; init; }
}

public sealed record PortConfig
{
    public required string Name { get; init; }

    /// <summary>teamd prio: higher is better (activebackup).</summary>
    public int Prio { get; init; }
    public bool Sticky { get; init; }
    public int QueueId { get; init; }
    public int LacpPrio { get; init; } = 255;
    public int LacpKey { get; init; }

    /// <summary>Per-port watchers overriding the team's, or null.</summary>
    public IReadOnlyList<LinkWatchConfig>? LinkWatch { get; init; }
}

public sealed record NotifyConfig
{
    public int? Count { get; init; }
    public int Interval { get; init; }
}

/// <summary>The top-level "teamfw" object (teamd ignores it).</summary>
public sealed record TeamFwSettings
{
    public uint RxBlockSize { get; init; } = 128 * 1024;

    /// <summary>Blocks per port ring (default 8, 1 MiB): a 64 KiB GSO frame takes most of a block, so this is also
    /// about how many such frames a port holds while its worker is off the CPU. With 4, TCP into the team (4 flows)
    /// lost 14,100-16,200 frames per 8 s to full rings and ran at 8.7-10.0 Gbit/s here; with 8, 3,400-6,500 and
    /// 13.4-15.8 Gbit/s (README, Team device).</summary>
    public uint RxBlockCount { get; init; } = 8;

    /// <summary>Receive threads (1..16).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>With more than one worker: every worker reads every port, through a socket of its own in a
    /// PACKET_FANOUT_HASH group per port (a port's flows are shared out among the workers), instead of each port
    /// being read by one worker (default false).</summary>
    public bool RxFanout { get; init; }

    /// <summary>Transmit threads, host → ports (1..16; "device": "veth" only): the host peer's receive ring becomes one
    /// per thread, in a PACKET_FANOUT_HASH group (a flow stays on one thread), and each thread has a TX ring of its
    /// own on every port.</summary>
    public int TxWorkers { get; init; } = 1;

    /// <summary>Carry checksum/GSO metadata with virtio-net headers (default true).</summary>
    public bool Offload { get; init; } = true;

    /// <summary>Team MTU, applied to the TAP and every port (default 1500).</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>
    /// How often (ms) the ethtool watcher also reads the carrier of each port carrying traffic with ETHTOOL_GLINK; 0 = events only.
    /// rtnetlink carrier notifications come from the kernel's linkwatch, which rate-limits non-urgent
    /// events to one batch a second (the kernel's own team and bond ports are exempt), so a carrier loss
    /// can be announced up to ~1 s late. ETHTOOL_GLINK reads the carrier bit directly and flushes the
    /// pending notification (ethtool_op_get_link → linkwatch_sync_dev). While the data path is idle the ports are
    /// asked only every tenth interval (<see cref="Daemon.CarrierPoll"/>).
    /// </summary>
    public int CarrierPollMs { get; init; } = 10;

    /// <summary>How frames from the TAP are handed to the ports: <see cref="TxRing"/> (a PACKET_TX_RING per
    /// port, one send() per port per batch; frames too large for a ring frame, or arriving while the ring is
    /// full, go by sendmmsg) or <see cref="TxSendmmsg"/> (one sendmmsg per port per batch).
    /// tests/bench/TX-METHOD.md has the measurements behind the default.</summary>
    public string TxMethod { get; init; } = TxRing;

    /// <summary>TX ring block size and count (tx_method "ring" only).</summary>
    public uint TxBlockSize { get; init; } = 64 * 1024;
    public uint TxBlockCount { get; init; } = 4;

    /// <summary>The team device: <see cref="DeviceVeth"/> (one end of a veth pair whose other end teamfw drives
    /// with PACKET_MMAP rings) or <see cref="DeviceTap"/> (a TAP, one read and one write per frame). README,
    /// Team device, has the measurements behind the default.</summary>
    public string Device { get; init; } = DeviceVeth;

    /// <summary>The ports' packet sockets skip the ports' qdiscs (PACKET_QDISC_BYPASS): teamfw batches and queues
    /// itself, and a frame costs less. False sends through them, so tc shaping on a port applies.</summary>
    public bool QdiscBypass { get; init; } = true;

    public const string DeviceVeth = "veth";
    public const string DeviceTap = "tap";

    public const string TxSendmmsg = "sendmmsg";
    public const string TxRing = "ring";
}
