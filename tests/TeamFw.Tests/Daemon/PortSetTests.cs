// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Ports;
using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>What the data-path threads see of a team's ports: the published TeamView and the per-worker arrays.</summary>
public sealed class PortSetTests
{
    // The set never touches a port's socket (only the data path does): none is opened here.
    private static Port NewPort(string name, int ifIndex, int worker = 0)
        => new(new PortConfig { Name = name }, ifIndex, new PortSnapshot(name, ifIndex, 1500, new byte[6], 0, null, null, null, []), null!, new CounterSet(3))
        {
            Worker = worker,
        };

    private static (PortSet Set, Port A, Port B) TwoPorts()
    {
        var set = new PortSet(1);
        Port a = NewPort("eth1", 2);
        Port b = NewPort("eth2", 3);
        set.Add(a);
        set.Add(b);
        return (set, a, b);
    }

    private static string[] Enabled(TeamView v) => v.Enabled.Select(p => p.Name).ToArray();

    [Fact]
    public void PublishView_EnabledPortsOnly_AfterTheChange()
    {
        (PortSet set, Port a, Port b) = TwoPorts();

        b.Enabled = true;
        Assert.Empty(set.View.Enabled); // nothing is published before PublishView
        set.MarkChanged();
        Assert.True(set.PublishView());

        Assert.Equal(["eth2"], Enabled(set.View));
        a.Enabled = true;
        set.MarkChanged();
        set.PublishView();
        Assert.Equal(["eth1", "eth2"], Enabled(set.View));
    }

    [Fact]
    public void PublishView_NothingChanged_SameView()
    {
        var set = new PortSet(1);
        Port a = NewPort("eth1", 2);
        set.Add(a);
        a.Enabled = true;
        set.MarkChanged();
        set.PublishView();
        TeamView v = set.View;

        Assert.False(set.PublishView());
        Assert.Same(v, set.View);
    }

    [Fact]
    public void Remove_EnabledPort_LeavesTheNextView()
    {
        (PortSet set, Port a, Port b) = TwoPorts();
        a.Enabled = b.Enabled = true;
        set.MarkChanged();
        set.PublishView();

        Assert.True(set.Remove(a));
        Assert.False(set.Remove(a));
        set.PublishView();

        Assert.Equal(["eth2"], Enabled(set.View));
        Assert.False(set.Contains(a));
    }

    [Fact]
    public void SetActive_InTheView_ReturnsTheOldOne()
    {
        (PortSet set, Port a, Port b) = TwoPorts();

        Assert.Null(set.SetActive(a));
        set.PublishView();
        Assert.Same(a, set.View.Active);

        Assert.Same(a, set.SetActive(b));
        Assert.Same(a, set.View.Active); // until published
        set.PublishView();
        Assert.Same(b, set.View.Active);
    }

    [Fact]
    public void PublishWorkers_EachWorkerItsPorts_SameArrayUntilRepublished()
    {
        var set = new PortSet(2);
        Port a = NewPort("eth1", 2, worker: 0);
        Port b = NewPort("eth2", 3, worker: 1);
        Port c = NewPort("eth3", 4, worker: 0);
        set.Add(a);
        set.Add(b);
        Assert.Empty(set.WorkerPorts(0));

        set.PublishWorkers();
        Port[] w0 = set.WorkerPorts(0);
        Assert.Equal([a], w0);
        Assert.Equal([b], set.WorkerPorts(1));

        set.Add(c);
        Assert.Same(w0, set.WorkerPorts(0));
        set.PublishWorkers();
        Assert.Equal([a, c], set.WorkerPorts(0));
    }
}
