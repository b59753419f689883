// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Modes;
using TeamFw.Ports;
using TeamFw.Runners;

namespace TeamFw.Daemon;

/// <summary>
/// The loadbalance mode's side of the team, whichever runner drives it (loadbalance or lacp): the hash
/// from runner.tx_hash, the tx_balancer handed to the runner, the lb stats refresh, and the mapping
/// entries cleared when a port stops being enabled.
/// </summary>
public sealed partial class Team
{
    private readonly List<int> _lbChangedBuckets = new();
    private readonly List<int> _lbChangedPorts = new();
    private readonly List<(int, ulong)> _lbPortTx = new();
    private int _seenLbMapping;

    /// <summary>The loadbalance mode, when it is the team's mode.</summary>
    public LoadBalanceMode? LoadBalance => Mode as LoadBalanceMode;

    /// <summary>
    /// What teamd does when its loadbalance or lacp runner starts: the hash function from tx_hash and, with
    /// a tx_balancer, lb_tx_method hash_to_port_mapping and lb_stats_refresh_interval = balancing_interval.
    /// Called whenever the mode is created (team start, once the device exists; mode change).
    /// </summary>
    private void ConfigureMode()
    {
        if (Mode is not LoadBalanceMode lb)
        {
            if (Runner is ITxBalancerOwner none)
            {
                none.Balancer = null;
            }

            return;
        }

        lb.SetTxHash(TxHash.Parse(Config.Runner.TxHash));
        lb.TeamIfIndex = IfIndex;
        TxBalancer? balancer = null;
        if (Config.Runner.TxBalancerName is not null)
        {
            lb.TxMethod = LbTxMethod.HashToPortMapping;
            lb.StatsRefreshInterval = (uint)Config.Runner.TxBalancerInterval;
            balancer = new TxBalancer(lb, Config.Runner.TxBalancerInterval);
        }

        if (Runner is ITxBalancerOwner owner)
        {
            owner.Balancer = balancer;
        }
    }

    /// <summary>lb_port_disabled: mapping entries pointing at a port that is no longer enabled are cleared.</summary>
    private void LoadBalancePortDisabled(Port port)
    {
        if (Mode is LoadBalanceMode lb)
        {
            lb.PortDisabled(port);
        }
    }

    /// <summary>lb_stats_refresh: due every lb_stats_refresh_interval; the stats whose value changed go out as a change event.</summary>
    private void RefreshLoadBalanceStats(long now)
    {
        if (Mode is not LoadBalanceMode lb || now < lb.NextStatsRefresh)
        {
            return;
        }

        _lbPortTx.Clear();
        foreach (Port p in _ports)
        {
            _lbPortTx.Add((p.IfIndex, p.Counters.Read().TxBytes));
        }

        _lbChangedBuckets.Clear();
        _lbChangedPorts.Clear();
        lb.RefreshStats(now, _lbPortTx, _lbChangedBuckets, _lbChangedPorts);
        if (_control is null || (_lbChangedBuckets.Count == 0 && _lbChangedPorts.Count == 0))
        {
            return;
        }

        foreach (int bucket in _lbChangedBuckets)
        {
            _control.MarkChanged("lb_hash_stats", arrayIndex: bucket);
        }

        foreach (int ifIndex in _lbChangedPorts)
        {
            if (_control.FindPort(ifIndex) is { } rec)
            {
                _control.MarkChanged("lb_port_stats", rec);
            }
        }

        _control.ChangeCheck();
    }

    private long LoadBalanceDeadline => Mode is LoadBalanceMode lb ? lb.NextStatsRefresh : long.MaxValue;

    /// <summary>True (once) when the balancer or the kernel-side clearing changed mapping entries since the last sync.</summary>
    private bool LoadBalanceMappingChanged()
    {
        int v = Mode is LoadBalanceMode lb ? lb.MappingVersion : 0;
        bool changed = v != _seenLbMapping;
        _seenLbMapping = v;
        return changed;
    }
}
