// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Numerics;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    /// <summary>rx_ring.block_size bounds: one page (4 KiB) to 4 MiB, a power of two (packet_mmap.rst).</summary>
    public const int MinRxBlockSize = 4096;
    public const int MaxRxBlockSize = 4 * 1024 * 1024;

    /// <summary>tx_ring.block_count bounds (a TX ring may be a single block).</summary>
    public const int MinTxBlockCount = 1;
    public const int MaxTxBlockCount = 1024;
    public const ulong MaxTxRingBytes = 256UL * 1024 * 1024;

    private static readonly TeamFwSettings s_teamFwDefaults = new();
    private static readonly string[] s_txMethods = [TeamFwSettings.TxSendmmsg, TeamFwSettings.TxRing];
    private static readonly string[] s_devices = [TeamFwSettings.DeviceVeth, TeamFwSettings.DeviceTap];

    /// <summary>The top-level "teamfw" object: settings teamd does not have and ignores.</summary>
    private static TeamFwSettings ReadTeamFw(ObjectReader? t)
    {
        if (t is null)
        {
            return s_teamFwDefaults;
        }

        TeamFwSettings d = s_teamFwDefaults;
        uint blockSize = d.RxBlockSize;
        uint blockCount = d.RxBlockCount;
        if (t.Object("rx_ring") is { } rx)
        {
            blockSize = PowerOfTwoBlockSize(rx, (int)blockSize);
            blockCount = (uint)rx.Int("block_count", (int)blockCount, 2, 1024);
            rx.WarnUnknown();
        }
        string txMethod = t.Choice("tx_method", d.TxMethod, "tx method", s_txMethods);
        uint txBlockSize = d.TxBlockSize;
        uint txBlockCount = d.TxBlockCount;
        if (txMethod != TeamFwSettings.TxRing)
        {
            t.Ignore("tx_ring", "teamfw transmits with sendmmsg batches; tx_ring is ignored");
        }
        else if (t.Object("tx_ring") is { } tx)
        {
            // Frames are 2048 bytes: a power-of-two block of at least 4096 holds a whole number of them.
            txBlockSize = PowerOfTwoBlockSize(tx, (int)txBlockSize);
            txBlockCount = (uint)tx.Int("block_count", (int)txBlockCount, MinTxBlockCount, MaxTxBlockCount);
            ulong total = (ulong)txBlockSize * txBlockCount;
            if (total > MaxTxRingBytes)
            {
                t.Context.Fail(t.PathOf("tx_ring"),
                    $"block_size x block_count is {total.ToString(CultureInfo.InvariantCulture)} bytes (allowed: up to {MaxTxRingBytes.ToString(CultureInfo.InvariantCulture)} per port)");
            }
            tx.WarnUnknown();
        }
        var settings = new TeamFwSettings
        {
            RxBlockSize = blockSize,
            RxBlockCount = blockCount,
            TxMethod = txMethod,
            TxBlockSize = txBlockSize,
            TxBlockCount = txBlockCount,
            Workers = t.Int("workers", d.Workers, 1, 16),
            RxFanout = t.Bool("rx_fanout", d.RxFanout),
            TxWorkers = t.Int("tx_workers", d.TxWorkers, 1, 16),
            Offload = t.Bool("offload", d.Offload),
            Mtu = t.Int("mtu", d.Mtu, 68, 65535),
            CarrierPollMs = t.Int("carrier_poll_ms", d.CarrierPollMs, 0, 1000),
            Device = t.Choice("device", d.Device, "team device", s_devices),
            QdiscBypass = t.Bool("qdisc_bypass", d.QdiscBypass),
        };
        if (!settings.Offload)
        {
            // Without virtio-net headers nothing carries a frame's partial checksum or GSO size, and teamfw
            // does not turn the ports' offloads off (yet): only ports that deliver complete frames work.
            t.Context.Warn(t.PathOf("offload"),
                "false: frames with partial checksums or GRO/GSO sizes are not fixed up; use only with ports that deliver complete frames (GRO and LRO off); TCP fails over veth peers using TSO");
        }

        if (settings.RxFanout && settings.Workers == 1)
        {
            t.Context.Warn(t.PathOf("rx_fanout"), "true has no effect with one worker (teamfw.workers 1): each port keeps one receive socket");
        }

        if (settings.TxWorkers > 1 && settings.Device != TeamFwSettings.DeviceVeth)
        {
            t.Context.Fail(t.PathOf("tx_workers"),
                $"{settings.TxWorkers.ToString(CultureInfo.InvariantCulture)} needs \"device\": \"veth\" (a TAP is one queue, read by one thread)");
        }

        t.WarnUnknown();
        return settings;
    }

    /// <summary>A ring's "block_size": 4096..4194304 and a power of two (so a multiple of any 4 KiB page).</summary>
    private static uint PowerOfTwoBlockSize(ObjectReader ring, int defaultValue)
    {
        int size = ring.Int("block_size", defaultValue, MinRxBlockSize, MaxRxBlockSize);
        if (!BitOperations.IsPow2(size))
        {
            ring.Context.Fail(ring.PathOf("block_size"),
                $"{size.ToString(CultureInfo.InvariantCulture)} is not a power of two (allowed: 4096, 8192, ..., 4194304)");
        }
        return (uint)size;
    }
}
