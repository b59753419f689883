// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>broadcast, roundrobin and random: a port is enabled exactly while its link is up.</summary>
public sealed class BasicRunner : IRunner
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
}
