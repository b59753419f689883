// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

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
/// teamd's loadbalance runner over the loadbalance mode: a port is enabled exactly while its link is up;
/// with tx_balancer "basic" the balancer moves buckets between the enabled ports every balancing_interval.
/// The hash (tx_hash) is set up by the team when it creates the mode, so lacp gets it as well.
/// </summary>
public sealed class LoadBalanceRunner : IRunner, ITxBalancerOwner
{
    public string Name => "loadbalance";

    public string ModeName => LoadBalanceMode.KindName;

    public TxBalancer? Balancer { get; set; }

    public void PortAdded(ITeamControl team, IRunnerPort port) => team.SetEnabled(port, port.LinkUp);

    public void PortRemoved(ITeamControl team, IRunnerPort port)
    {
    }

    public void PortLinkChanged(ITeamControl team, IRunnerPort port)
    {
        if (port.Enabled != port.LinkUp)
        {
            team.SetEnabled(port, port.LinkUp);
        }
    }

    public long NextDeadline => Balancer?.NextDeadline ?? long.MaxValue;

    public void OnTimer(ITeamControl team, long now) => Balancer?.OnTimer(team, now);
}
