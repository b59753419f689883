// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>
/// broadcast, roundrobin, random and loadbalance. teamd's first three runners never touch a port's
/// "enabled" (teamd_runner_basic_ones.c has no hooks): a port stays enabled as the kernel added it, and
/// frames go only to ports that can transmit (enabled and link up, the kernel's team_port_txable). Its
/// loadbalance runner enables a port exactly while its link is up (teamd_runner_loadbalance.c). Under
/// loadbalance with runner.tx_balancer the team hands the runner a <see cref="TxBalancer"/>, which moves
/// buckets between the enabled ports every balancing_interval (the hash itself, tx_hash, is set up by the
/// team when it creates the mode, so lacp gets it as well).
/// </summary>
public sealed class BasicRunner : IRunner, ITxBalancerOwner
{
    public static readonly RunnerDescriptor Broadcast = Basic("broadcast", RunnerKeys.None);
    public static readonly RunnerDescriptor RoundRobin = Basic("roundrobin", RunnerKeys.None);
    public static readonly RunnerDescriptor Random = Basic("random", RunnerKeys.None);
    public static readonly RunnerDescriptor LoadBalance = Basic("loadbalance", RunnerKeys.TxHash);

    public BasicRunner(RunnerDescriptor descriptor)
    {
        Descriptor = descriptor;
    }

    public RunnerDescriptor Descriptor { get; }

    public string Name => Descriptor.Name;

    public string ModeName => Descriptor.ModeName;

    private bool FollowsLink => ReferenceEquals(Descriptor, LoadBalance);

    /// <summary>The kernel enables a port it adds (team_port_add); teamd's loadbalance runner then disables it while its link is down.</summary>
    public void PortAdded(IRunnerTeam team, IRunnerPort port) => team.SetEnabled(port, !FollowsLink || port.LinkUp);

    public void PortRemoved(IRunnerTeam team, IRunnerPort port)
    {
    }

    public void PortLinkChanged(IRunnerTeam team, IRunnerPort port)
    {
        if (FollowsLink && port.Enabled != port.LinkUp)
        {
            team.SetEnabled(port, port.LinkUp);
        }
    }

    /// <summary>
    /// teamd's loadbalance runner answers a change of the "enabled" option by setting it back to what the
    /// link says (teamd_runner_loadbalance.c, lb_event_watch_enabled_option_changed); its broadcast,
    /// roundrobin and random runners have no such watch and leave the client's value.
    /// </summary>
    public void EnabledOptionChanged(IRunnerTeam team, IRunnerPort port) => PortLinkChanged(team, port);

    public TxBalancer? Balancer { get; set; }

    public long NextDeadline => Balancer?.NextDeadline ?? long.MaxValue;

    public void OnTimer(IRunnerTeam team, long now) => Balancer?.OnTimer(team, now);

    /// <summary>A runner of the same name as the kernel mode it drives.</summary>
    private static RunnerDescriptor Basic(string name, RunnerKeys keys)
    {
        RunnerDescriptor? d = null;
        d = new RunnerDescriptor(name, name, keys, _ => new BasicRunner(d!));
        return d;
    }
}
