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

    private static readonly TeamFwSettings s_teamFwDefaults = new();

    /// <summary>The top-level "teamfw" object: settings teamd does not have and ignores.</summary>
    private static TeamFwSettings ReadTeamFw(ObjectReader? t)
    {
        if (t is null)
            return s_teamFwDefaults;
        TeamFwSettings d = s_teamFwDefaults;
        uint blockSize = d.RxBlockSize;
        uint blockCount = d.RxBlockCount;
        if (t.Object("rx_ring") is { } rx)
        {
            int size = rx.Int("block_size", (int)blockSize, MinRxBlockSize, MaxRxBlockSize);
            // A power of two >= 4096 is a multiple of 4096.
            if (!BitOperations.IsPow2(size))
            {
                t.Context.Fail(rx.PathOf("block_size"),
                    $"{size.ToString(CultureInfo.InvariantCulture)} is not a power of two (allowed: 4096, 8192, ..., 4194304)");
            }
            blockSize = (uint)size;
            blockCount = (uint)rx.Int("block_count", (int)blockCount, 2, 1024);
            rx.WarnUnknown();
        }
        t.Ignore("tx_ring", "teamfw transmits with sendmmsg batches; tx_ring is ignored");
        var settings = new TeamFwSettings
        {
            RxBlockSize = blockSize,
            RxBlockCount = blockCount,
            Workers = t.Int("workers", d.Workers, 1, 16),
            Offload = t.Bool("offload", d.Offload),
            Mtu = t.Int("mtu", d.Mtu, 68, 65535),
            CarrierPollMs = t.Int("carrier_poll_ms", d.CarrierPollMs, 0, 1000),
        };
        t.WarnUnknown();
        return settings;
    }
}
