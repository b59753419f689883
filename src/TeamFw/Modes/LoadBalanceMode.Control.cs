// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using TeamFw.Config;
using TeamFw.Runners;

namespace TeamFw.Modes;

/// <summary>
/// loadbalance's control-thread side, through the team's mode hooks, whichever runner drives it (loadbalance
/// or lacp): the hash from runner.tx_hash and the tx_balancer (teamd's lb runner start-up), lb_port_disabled,
/// and the lb_hash_stats / lb_port_stats refresh every lb_stats_refresh_interval (team_mode_loadbalance.c).
/// </summary>
public sealed partial class LoadBalanceMode
{
    private readonly List<int> _changedBuckets = new();
    private readonly List<int> _changedPorts = new();
    private readonly List<(int, ulong)> _portTx = new();
    private IReadOnlyList<string> _txHashNames = [];

    /// <summary>
    /// What teamd does when its loadbalance or lacp runner starts: the hash function from tx_hash and, with a
    /// tx_balancer, lb_tx_method hash_to_port_mapping and lb_stats_refresh_interval = balancing_interval.
    /// </summary>
    public TxBalancer? Configure(RunnerConfig runner, int teamIfIndex)
    {
        _txHashNames = runner.TxHash;
        SetTxHash(TxHash.Parse(runner.TxHash));
        TeamIfIndex = teamIfIndex;
        if (runner.TxBalancerName is null)
        {
            return null;
        }

        TxMethod = LbTxMethod.HashToPortMapping;
        StatsRefreshInterval = (uint)runner.TxBalancerInterval;
        return new TxBalancer(this, runner.TxBalancerInterval);
    }

    /// <summary>lb_port_disabled: the entries pointing at a port that is no longer enabled are cleared. True if any was.</summary>
    public bool PortDisabled(IPort port)
    {
        bool any = false;
        for (int i = 0; i < Buckets; i++)
        {
            if (ReferenceEquals(_map[i], port))
            {
                Volatile.Write(ref _map[i], null);
                any = true;
            }
        }

        if (any)
        {
            _mappingVersion++;
        }

        return any;
    }

    /// <summary>A port left the team: its mapping entries are cleared and its stats forgotten.</summary>
    public void PortRemoved(IPort port)
    {
        PortDisabled(port);
        ForgetPort(port.IfIndex);
    }

    public long NextDeadline => NextStatsRefresh;

    /// <summary>lb_stats_refresh when due: the stats whose value changed are reported as changed option instances.</summary>
    public void OnTimer(long now, IModeTeam team)
    {
        if (now < NextStatsRefresh)
        {
            return;
        }

        _portTx.Clear();
        for (int i = 0; i < team.PortCount; i++)
        {
            _portTx.Add(team.PortTx(i));
        }

        _changedBuckets.Clear();
        _changedPorts.Clear();
        RefreshStats(now, _portTx, _changedBuckets, _changedPorts);
        foreach (int bucket in _changedBuckets)
        {
            team.OptionChanged(LoadBalanceOptions.HashStats, bucket);
        }

        foreach (int ifIndex in _changedPorts)
        {
            team.PortOptionChanged(LoadBalanceOptions.PortStats, ifIndex);
        }
    }

    /// <summary>teamfw.runner.tx_hash (the config's fields, "bpf" while a program set through bpf_hash_func hashes,
    /// "none" once it was removed) and teamfw.runner.lb_tx_method; teamd shows nothing of its own here.</summary>
    public void WriteState(Utf8JsonWriter w)
    {
        w.WriteStartArray("tx_hash");
        if (HashProgram is not null || HashRemoved)
        {
            w.WriteStringValue(HashRemoved ? "none" : "bpf");
        }
        else
        {
            foreach (string f in _txHashNames)
            {
                w.WriteStringValue(f);
            }
        }

        w.WriteEndArray();
        w.WriteString("lb_tx_method", LoadBalanceOptions.MethodName(TxMethod));
    }

    public void AppendView(StringBuilder sb)
    {
        string hash = HashRemoved ? "none" : HashProgram is not null ? "bpf_hash_func" : string.Join(", ", _txHashNames);
        sb.Append("runner:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  tx hash: {hash}, lb_tx_method {LoadBalanceOptions.MethodName(TxMethod)}\n");
    }

    private readonly ulong[] _hashShown = new ulong[Buckets];
    private readonly Dictionary<int, (ulong Shown, ulong Base)> _portStats = new();
    private uint _refreshInterval;

    /// <summary>lb_stats_refresh_interval in tenths of a second; 0 = off.</summary>
    public uint StatsRefreshInterval
    {
        get => _refreshInterval;
        set
        {
            if (value != _refreshInterval)
            {
                _refreshInterval = value;
                NextStatsRefresh = value == 0 ? long.MaxValue : 0; // due at the team's next timer round
            }
        }
    }

    /// <summary>When the stats are next refreshed (Environment.TickCount64 ms), or long.MaxValue when off.</summary>
    public long NextStatsRefresh { get; private set; } = long.MaxValue;

    /// <summary>lb_hash_stats[bucket]: the bytes sent in the bucket so far, as of the last refresh.</summary>
    public ulong HashStat(int bucket) => _hashShown[bucket];

    /// <summary>lb_port_stats: the bytes the port sent so far (since this mode first saw it), as of the last refresh.</summary>
    public ulong PortStat(int ifIndex) => _portStats.TryGetValue(ifIndex, out var s) ? s.Shown : 0;

    /// <summary>
    /// lb_stats_refresh: the byte counts as of now become the shown values. They are running totals, as the
    /// kernel's are (its per-CPU counters are summed, never reset; teamd's balancer subtracts two readings
    /// itself), so a value changes exactly when the bucket or port sent something during the interval. The
    /// buckets and ports whose value changed are added to the lists (the caller marks those option instances
    /// changed). <paramref name="ports"/> gives each port's ifindex and its total transmitted bytes; what a port
    /// had sent before this mode first saw it is left out.
    /// </summary>
    public void RefreshStats(long now, IReadOnlyList<(int IfIndex, ulong TxBytes)> ports, List<int> changedBuckets, List<int> changedPorts)
    {
        NextStatsRefresh = _refreshInterval == 0 ? long.MaxValue : now + (_refreshInterval * 100L);
        for (int i = 0; i < Buckets; i++)
        {
            ulong total = BucketTxBytes(i);
            if (total != _hashShown[i])
            {
                _hashShown[i] = total;
                changedBuckets.Add(i);
            }
        }

        foreach ((int ifIndex, ulong txBytes) in ports)
        {
            if (!_portStats.TryGetValue(ifIndex, out var s))
            {
                _portStats[ifIndex] = (0, txBytes);
                continue;
            }

            ulong sent = txBytes - s.Base;
            if (sent != s.Shown)
            {
                _portStats[ifIndex] = (sent, s.Base);
                changedPorts.Add(ifIndex);
            }
        }
    }

    /// <summary>Forgets a port's stats (it left the team).</summary>
    public void ForgetPort(int ifIndex) => _portStats.Remove(ifIndex);
}
