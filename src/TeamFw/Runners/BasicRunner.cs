// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>
/// broadcast, roundrobin, random and loadbalance: a port is enabled exactly while its link is up. Under
/// loadbalance with runner.tx_balancer the team hands the runner a <see cref="TxBalancer"/>, which moves
/// buckets between the enabled ports every balancing_interval (the hash itself, tx_hash, is set up by the
/// team when it creates the mode, so lacp gets it as well).
/// </summary>
public sealed class BasicRunner : IRunner, ITxBalancerOwner
{
    public BasicRunner(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string ModeName => Name;

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

    public TxBalancer? Balancer { get; set; }

    public long NextDeadline => Balancer?.NextDeadline ?? long.MaxValue;

    public void OnTimer(ITeamControl team, long now) => Balancer?.OnTimer(team, now);
}
