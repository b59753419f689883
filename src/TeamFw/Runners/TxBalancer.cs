// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>
/// A runner that can own a <see cref="TxBalancer"/>: the team hands it one when the config has
/// runner.tx_balancer.name (loadbalance and lacp), and the runner drives it from its timer.
/// </summary>
public interface ITxBalancerOwner
{
    TxBalancer? Balancer { get; set; }
}

/// <summary>
/// teamd's tx_balancer "basic": every balancing_interval it looks at the bytes each of the 256 buckets
/// sent during the interval and moves buckets to the least loaded enabled port from the most loaded one that
/// has a bucket whose move narrows the gap between the two, through lb_tx_hash_to_port_mapping, for as long
/// as there is such a move. Unlike teamd's balancer, which re-deals every bucket each interval (largest
/// first to the least loaded port), this one only moves what it must, so flows that are fine where they
/// are keep their port (no reordering).
/// Owned by a runner (<see cref="ITxBalancerOwner"/>) and driven from its OnTimer on the control thread.
/// The mode must use lb_tx_method hash_to_port_mapping (the team sets it when it creates the balancer).
/// </summary>
public sealed class TxBalancer
{
    /// <summary>At most this many buckets move per interval.</summary>
    public const int MaxMovesPerInterval = LoadBalanceMode.Buckets;

    private readonly ulong[] _last = new ulong[LoadBalanceMode.Buckets];
    private readonly ulong[] _delta = new ulong[LoadBalanceMode.Buckets];

    /// <param name="mode">The team's loadbalance mode.</param>
    /// <param name="intervalTenths">balancing_interval in tenths of a second (teamd default 50; 0 = never).</param>
    public TxBalancer(LoadBalanceMode mode, int intervalTenths)
    {
        Mode = mode;
        IntervalTenths = Math.Max(0, intervalTenths);
        for (int b = 0; b < _last.Length; b++)
        {
            _last[b] = mode.BucketTxBytes(b);
        }

        NextDeadline = Next(Environment.TickCount64);
    }

    public const string Name = "basic";

    public LoadBalanceMode Mode { get; }

    public int IntervalTenths { get; }

    /// <summary>balancing_interval 0: the stats are never refreshed, so teamd never rebalances; neither do we.</summary>
    private long Next(long now) => IntervalTenths == 0 ? long.MaxValue : now + IntervalTenths * 100L;

    public long NextDeadline { get; private set; }

    /// <summary>Buckets moved since the balancer started.</summary>
    public long Moves { get; private set; }

    /// <summary>Rebalances the team's enabled, txable ports and schedules the next run.</summary>
    public void OnTimer(IRunnerTeam team, long now)
    {
        NextDeadline = Next(now);
        Rebalance(team.Ports);
    }

    /// <summary>
    /// One balancing pass over the ports (the enabled ones, in port order, are the mode's view), skipped
    /// while lb_tx_method is not hash_to_port_mapping. Returns the number of buckets moved.
    /// </summary>
    public int Rebalance(IReadOnlyList<IRunnerPort> ports)
    {
        for (int b = 0; b < _delta.Length; b++)
        {
            ulong now = Mode.BucketTxBytes(b);
            _delta[b] = now - _last[b];
            _last[b] = now;
        }

        // A client set lb_tx_method back to hash: the mapping is not used, so moving buckets would change nothing
        // (and count moves that never happened). The interval's bytes are taken all the same, so a pass after
        // hash_to_port_mapping comes back sees only the traffic since the last one.
        if (Mode.TxMethod != LbTxMethod.HashToPortMapping)
        {
            return 0;
        }

        var enabled = new List<IPort>(ports.Count);
        foreach (IRunnerPort p in ports)
        {
            if (p.Enabled)
            {
                enabled.Add(p);
            }
        }

        var view = new TeamView(enabled.ToArray(), null);
        var txable = new List<IPort>(enabled.Count);
        foreach (IPort p in enabled)
        {
            if (p.Txable)
            {
                txable.Add(p);
            }
        }

        if (txable.Count < 2)
        {
            return 0;
        }

        // Where each bucket goes now, and each port's load.
        var owner = new int[LoadBalanceMode.Buckets];
        ulong[] load = new ulong[txable.Count];
        for (int b = 0; b < owner.Length; b++)
        {
            IPort? p = Mode.EffectivePort(b, view);
            owner[b] = p is null ? -1 : txable.IndexOf(p);
            if (owner[b] >= 0)
            {
                load[owner[b]] += _delta[b];
            }
        }

        int moved = 0;
        while (moved < MaxMovesPerInterval)
        {
            int min = 0;
            for (int i = 1; i < load.Length; i++)
            {
                if (load[i] < load[min])
                {
                    min = i;
                }
            }

            // The biggest bucket, on the busiest port that has one, whose move to the least loaded port narrows
            // the gap between the two (d < load[donor] - load[min]). Every such move lowers the sum of the
            // squared loads, so the passes end, and the same traffic next interval moves nothing back.
            int pick = -1, donor = -1;
            for (int p = 0; p < load.Length; p++)
            {
                if (load[p] <= load[min] || (donor >= 0 && load[p] <= load[donor]))
                {
                    continue;
                }

                int best = BiggestMovable(owner, p, load[p] - load[min]);
                if (best >= 0)
                {
                    pick = best;
                    donor = p;
                }
            }

            if (pick < 0)
            {
                break;
            }

            Mode.SetMapping(pick, txable[min]);
            owner[pick] = min;
            load[donor] -= _delta[pick];
            load[min] += _delta[pick];
            moved++;
        }

        Moves += moved;
        return moved;
    }

    /// <summary>The bucket of <paramref name="port"/> with the most bytes below <paramref name="gap"/>, or -1.</summary>
    private int BiggestMovable(int[] owner, int port, ulong gap)
    {
        int pick = -1;
        for (int b = 0; b < owner.Length; b++)
        {
            if (owner[b] == port && _delta[b] > 0 && _delta[b] < gap && (pick < 0 || _delta[b] > _delta[pick]))
            {
                pick = b;
            }
        }

        return pick;
    }
}
