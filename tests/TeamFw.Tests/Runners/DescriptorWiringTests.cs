// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using TeamFw.Control.Options;
using TeamFw.LinkWatch;
using TeamFw.Modes;
using TeamFw.Runners;
using TeamFw.Runners.Lacp;
using TeamFw.Tests.Config;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

/// <summary>The registries and the descriptors they list: what the config codec, the state writer, teamdctl and
/// the option table learn from them must be what they knew when each kept its own list of names.</summary>
public sealed class DescriptorWiringTests
{
    public static TheoryData<string> RunnerNames => new(RunnerRegistry.Names);

    [Fact]
    public void Registries_ListTeamdsNamesInTeamdsOrder()
    {
        // The order is the one config errors list ("allowed: ...").
        Assert.Equal(["broadcast", "roundrobin", "random", "activebackup", "loadbalance", "lacp"], RunnerRegistry.Names);
        Assert.Equal(["ethtool", "arp_ping", "nsna_ping"], LinkWatchRegistry.Names);
        Assert.Equal(["broadcast", "roundrobin", "random", "activebackup", "loadbalance"], ModeRegistry.All.Select(d => d.Name));
        Assert.Equal("roundrobin", new RunnerConfig().Name);
        Assert.Equal("ethtool", new LinkWatchConfig().Name);
    }

    [Theory]
    [MemberData(nameof(RunnerNames))]
    public void Runner_CreatedFromItsDescriptor_CarriesItAndDrivesAKnownMode(string name)
    {
        RunnerDescriptor d = RunnerRegistry.Find(name)!;
        IRunner runner = RunnerRegistry.Create(name)!;

        Assert.Same(d, runner.Descriptor);
        Assert.Equal(name, runner.Name);
        Assert.Equal(d.ModeName, runner.ModeName);
        Assert.NotNull(ModeRegistry.Find(runner.ModeName));
    }

    [Theory]
    [MemberData(nameof(RunnerNames))]
    public void Runner_ConfigWithEveryKey_ReadsAndDumpsOnlyItsOwn(string name)
    {
        LoadResult loaded = ConfigLoader.Load("x", DumpConfigs.For(name));
        string dump = ConfigLoader.Dump(loaded.Config, includePorts: true, indented: false);

        (string runner, string[] warnings) = DumpGolden.Runners[name];
        Assert.Equal(warnings, loaded.Warnings);
        Assert.Contains("," + runner + "," + DumpGolden.Watches + ",", dump, System.StringComparison.Ordinal);
        Assert.Contains("," + DumpGolden.Ports + ",", dump, System.StringComparison.Ordinal);

        // ... and the dump reads back to the same settings, with nothing left to ignore.
        LoadResult again = ConfigLoader.Load("dump", dump);
        Assert.Empty(again.Warnings);
        Assert.Equal(loaded.Config.Runner with { TxHash = [] }, again.Config.Runner with { TxHash = [] });
        Assert.Equal(loaded.Config.Runner.TxHash, again.Config.Runner.TxHash);
    }

    [Theory]
    [InlineData("bond")]
    [InlineData("LACP")]
    public void Runner_UnknownName_SameErrorAsTheListItReplaced(string name)
    {
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("x", "{\"device\":\"t\",\"runner\":{\"name\":\"" + name + "\"}}"));

        Assert.Equal($"x: $.runner.name: unknown runner \"{name}\" (allowed: broadcast, roundrobin, random, activebackup, loadbalance, lacp)", e.Message);
        Assert.Null(RunnerRegistry.Find(name));
        Assert.Null(RunnerRegistry.Create(name));
    }

    [Fact]
    public void Runner_Flags_OnlyActiveBackupKeepsAnActivePortAndNotifiesByDefault()
    {
        foreach (RunnerDescriptor d in RunnerRegistry.All)
        {
            bool ab = d.Name == "activebackup";
            Assert.Equal(ab, d.HasActivePort);
            Assert.Equal(ab ? 1 : 0, d.DefaultNotifyCount);
            Assert.Equal(ab, d.Keys.HasFlag(RunnerKeys.HwAddrPolicy));
            Assert.Equal(ab || d.Name == "lacp", d.ViewRunner is not null);
            Assert.Equal(d.Name == "lacp", d.ViewPort is not null);
        }
    }

    [Fact]
    public void Runner_PortPriorityChanged_OnlyActiveBackupReselects()
    {
        foreach (RunnerDescriptor d in RunnerRegistry.All)
        {
            IRunner runner = d.Create(new RunnerConfig { Name = d.Name });
            var team = new FakeTeam(runner);
            FakePort a = team.Add(new FakePort("a", 1) { LinkUp = true, Prio = 1 });
            FakePort b = team.Add(new FakePort("b", 2) { LinkUp = true, Prio = 0 });
            team.SetActivePort(b, "test");

            bool acted = runner.PortPriorityChanged(team, "a");

            Assert.Equal(d.HasActivePort, acted);
            if (acted)
            {
                Assert.Same(a, team.ActivePort); // re-selected by prio
            }
        }
    }

    [Fact]
    public void LacpRunner_AggregatorSelectedItem_ParsesAndRefusesAsBefore()
    {
        var h = new LacpHarness();
        (FakeTeam t, LacpRunner r) = h.NewTeam(LacpHarness.Config(), 0xa);
        FakePort p = t.Add(new FakePort("p", 11));

        Assert.Equal("runner.aggregator.selected", r.PortStateItem);
        Assert.Equal(StateItemResult.Invalid("\"yes\" is not true or false"), r.SetPortStateItem(t, p, "yes"));
        StateItemResult no = r.SetPortStateItem(t, p, "false");
        Assert.False(no.Ok);
        Assert.True(no.NotSupported);
        StateItemResult unselected = r.SetPortStateItem(t, p, "true");
        Assert.Equal(StateItemResult.Invalid("p is not selected into an aggregator"), unselected);
        Assert.Null(RunnerRegistry.Create("activebackup")!.PortStateItem);
    }

    [Theory]
    [InlineData("ethtool", typeof(EthtoolWatcher), false)]
    [InlineData("arp_ping", typeof(ArpPingWatcher), true)]
    [InlineData("nsna_ping", typeof(NsnaPingWatcher), true)]
    public void Watcher_Descriptor_MakesItsTypeAndSaysWhetherItDrivesUserLinkup(string name, System.Type type, bool userLinkup)
    {
        WatchDescriptor d = LinkWatchRegistry.Find(name)!;
        using LinkWatcher w = LinkWatchRegistry.Create(new LinkWatchConfig { Name = name, TargetHost = name == "nsna_ping" ? "::1" : "127.0.0.1" }, new FakeWatchHost())!;

        Assert.IsType(type, w);
        Assert.Equal(name, w.Name);
        Assert.Equal(userLinkup, d.DrivesUserLinkup);
        Assert.NotNull(d.View);
        Assert.Null(LinkWatchRegistry.Find("mii"));
    }

    [Fact]
    public void Mode_Descriptors_MakeTheirModeAndListTheirOptions()
    {
        foreach (ModeDescriptor d in ModeRegistry.All)
        {
            Assert.Equal(d.Name, d.Create().Name);
            Assert.Same(d.Options, ModeOptions.For(d.Name));
        }

        Assert.Equal([ModeOptions.ActivePort], ModeOptions.For("activebackup"));
        Assert.Same(LoadBalanceOptions.All, ModeOptions.For("loadbalance"));
        Assert.Empty(ModeOptions.For("roundrobin"));
        Assert.Empty(ModeOptions.For("nosuch"));
    }
}
