// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using TeamFw.Lab;
using Xunit;

namespace TeamFw.Tests.Lab;

public sealed class LabTopologyTests
{
    [Fact]
    public void ConfigJson_Host_LoadsAsActiveBackupWithPrios()
    {
        LoadResult r = ConfigLoader.Load("host.json", LabTopology.ConfigJson(LabTopology.Host));

        Assert.Empty(r.Warnings);
        Assert.Equal("team0", r.Config.Device);
        Assert.Equal("activebackup", r.Config.Runner.Name);
        Assert.Equal("ethtool", Assert.Single(r.Config.LinkWatch).Name);
        Assert.Collection(
            r.Config.Ports,
            p => Assert.Equal(("tl1", 10), (p.Name, p.Prio)),
            p => Assert.Equal(("tl2", 0), (p.Name, p.Prio)));
    }

    [Fact]
    public void Sides_BothPreferLinkOne_AndUseOnlyLabNames()
    {
        for (int i = 0; i < LabTopology.Host.Ports.Count; i++)
        {
            Assert.Equal(LabTopology.Host.Ports[i].Prio, LabTopology.Peer.Ports[i].Prio);
        }

        foreach (LabSide side in LabTopology.Sides)
        {
            Assert.StartsWith(LabTopology.NetnsPrefix, side.Netns, System.StringComparison.Ordinal);
            Assert.StartsWith("10.254.0.", side.Address, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParseCreated_ReadsNetnsLinesOnce()
    {
        const string text = "# comment\nnetns tflab-host\nnetns tflab-peer\nnetns tflab-host\nbogus\nnetns\n";

        Assert.Equal(new[] { "tflab-host", "tflab-peer" }, LabState.ParseCreated(text));
    }
}
