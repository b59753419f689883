// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Uci;
using Xunit;

namespace TeamFw.Tests.Uci;

public class UciTranslatorTests
{
    private const string File = "/etc/config/teamfw";

    /// <summary>One enabled section 'team0' with ports eth1 eth2 and the given option lines.</summary>
    private static UciTeam One(params string[] options)
    {
        string text = "config team 'team0'\n\tlist ports 'eth1'\n\tlist ports 'eth2'\n" + string.Concat(options.Select(o => "\t" + o + "\n"));
        return Assert.Single(UciTranslator.Translate(UciParser.Parse(File, text)));
    }

    private static JsonElement Json(UciTeam t)
    {
        using var doc = JsonDocument.Parse(t.Json);
        return doc.RootElement.Clone();
    }

    /// <summary>The translation must load: the daemon reads it with the same loader.</summary>
    private static TeamConfig Load(UciTeam t)
    {
        LoadResult r = ConfigLoader.Load(t.Source, t.Json);
        Assert.Empty(r.Warnings);
        return r.Config;
    }

    private static string Error(params string[] options)
        => Assert.Throws<ConfigException>(() => One(options)).Message;

    [Fact]
    public void Defaults_RoundrobinEthtool_PortsInOrder()
    {
        UciTeam t = One();
        Assert.Equal("team0", t.Device);
        Assert.Equal(["eth1", "eth2"], t.Ports);
        Assert.Equal("/etc/config/teamfw (teamfw.team0)", t.Source);
        Assert.Equal("{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"eth1\":{},\"eth2\":{}}}", t.Json);
        Assert.Empty(t.Warnings);
        Load(t);
    }

    [Theory]
    [InlineData("balance-rr", "roundrobin")]
    [InlineData("0", "roundrobin")]
    [InlineData("active-backup", "activebackup")]
    [InlineData("1", "activebackup")]
    [InlineData("balance-xor", "loadbalance")]
    [InlineData("2", "loadbalance")]
    [InlineData("broadcast", "broadcast")]
    [InlineData("3", "broadcast")]
    [InlineData("802.3ad", "lacp")]
    [InlineData("4", "lacp")]
    [InlineData("roundrobin", "roundrobin")]
    [InlineData("activebackup", "activebackup")]
    [InlineData("loadbalance", "loadbalance")]
    [InlineData("lacp", "lacp")]
    [InlineData("random", "random")]
    public void Policy_BondingAndTeamdNames_ToRunner(string policy, string runner)
    {
        UciTeam t = One($"option policy '{policy}'");
        Assert.Equal(runner, Json(t).GetProperty("runner").GetProperty("name").GetString());
        Assert.Equal(runner, Load(t).Runner.Name);
    }

    [Theory]
    [InlineData("balance-tlb", "policy \"balance-tlb\" (adaptive load balancing) has no teamd runner; use balance-xor (loadbalance)")]
    [InlineData("6", "policy \"6\" (adaptive load balancing) has no teamd runner; use balance-xor (loadbalance)")]
    [InlineData("fast", "unknown policy \"fast\" (bonding: balance-rr, active-backup, balance-xor, broadcast, 802.3ad; teamd: roundrobin, activebackup, loadbalance, broadcast, lacp, random)")]
    public void Policy_Unknown_ErrorNamesFileLineSectionAndOption(string policy, string reason)
        => Assert.Equal($"/etc/config/teamfw:4: teamfw.team0.policy: {reason}", Error($"option policy '{policy}'"));

    [Fact]
    public void Mii_UpdelayDowndelay_ToEthtoolDelays_IntervalNeedsNothing()
    {
        UciTeam t = One("option monitor_mode 'mii'", "option monitor_interval '100'", "option updelay '200'", "option downdelay '50'");
        Assert.Equal("{\"name\":\"ethtool\",\"delay_up\":200,\"delay_down\":50}", Json(t).GetProperty("link_watch").GetRawText());
        LinkWatchConfig lw = Assert.Single(Load(t).LinkWatch);
        Assert.Equal((200, 50), (lw.DelayUp, lw.DelayDown));
        Assert.Empty(t.Warnings);
    }

    [Fact]
    public void Arp_IntervalAndTargets_ToOneArpPingPerTarget()
    {
        UciTeam t = One("option monitor_mode 'arp'", "option monitor_interval '250'", "list arp_target '192.0.2.1'", "list arp_target '192.0.2.2'",
            "option arp_validate 'all'", "option arp_all_targets 'all'");
        JsonElement j = Json(t);
        Assert.Equal(
            "[{\"name\":\"arp_ping\",\"target_host\":\"192.0.2.1\",\"interval\":250,\"validate_active\":true,\"validate_inactive\":true}," +
            "{\"name\":\"arp_ping\",\"target_host\":\"192.0.2.2\",\"interval\":250,\"validate_active\":true,\"validate_inactive\":true}]",
            j.GetProperty("link_watch").GetRawText());
        Assert.Equal("all", j.GetProperty("link_watch_policy").GetString());
        TeamConfig c = Load(t);
        Assert.Equal(["192.0.2.1", "192.0.2.2"], c.LinkWatch.Select(w => w.TargetHost));
        Assert.All(c.LinkWatch, w => Assert.Equal(250, w.Interval));
    }

    [Fact]
    public void Arp_TargetsAsOneOption_AndDefaults()
    {
        UciTeam t = One("option monitor_mode 'arp'", "option arp_target '192.0.2.1 192.0.2.9'");
        Assert.Equal(2, Json(t).GetProperty("link_watch").GetArrayLength());
        Assert.False(Json(t).TryGetProperty("link_watch_policy", out _));
        Assert.All(Load(t).LinkWatch, w => Assert.Equal(1000, w.Interval)); // teamd's default
    }

    [Theory]
    [InlineData("layer2", "[\"eth\"]")]
    [InlineData("0", "[\"eth\"]")]
    [InlineData("layer2+3", "[\"eth\",\"ipv4\",\"ipv6\"]")]
    [InlineData("layer3+4", "[\"ipv4\",\"ipv6\",\"l4\"]")]
    [InlineData("1", "[\"ipv4\",\"ipv6\",\"l4\"]")]
    public void XmitHashPolicy_ToTxHash(string policy, string txHash)
    {
        foreach (string runner in new[] { "balance-xor", "802.3ad" })
        {
            UciTeam t = One($"option policy '{runner}'", $"option xmit_hash_policy '{policy}'");
            Assert.Equal(txHash, Json(t).GetProperty("runner").GetProperty("tx_hash").GetRawText());
            Load(t);
        }
    }

    [Theory]
    [InlineData("fast", true)]
    [InlineData("1", true)]
    [InlineData("slow", false)]
    [InlineData("0", false)]
    public void LacpRate_ToFastRate(string rate, bool fast)
    {
        UciTeam t = One("option policy '802.3ad'", $"option lacp_rate '{rate}'");
        Assert.Equal(fast, Load(t).Runner.FastRate);
        Assert.Equal(fast, Json(t).GetProperty("runner").GetProperty("fast_rate").GetBoolean());
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("1", 1)]
    [InlineData("0", 1)] // bonding: no minimum; teamd's lowest
    public void MinLinks_ToMinPorts(string minLinks, int minPorts)
        => Assert.Equal(minPorts, Load(One("option policy '802.3ad'", $"option min_links '{minLinks}'")).Runner.MinPorts);

    [Fact]
    public void LacpExtras_SysPrioPeerNotifyIgmpMacMtu()
    {
        UciTeam t = One("option policy '802.3ad'", "option ad_actor_sys_prio '100'", "option num_peer_notif '3'", "option resend_igmp '2'",
            "option macaddr '02:00:00:00:00:01'", "option mtu '9000'");
        TeamConfig c = Load(t);
        Assert.Equal(100, c.Runner.SysPrio);
        Assert.Equal(3, c.NotifyPeers.Count);
        Assert.Equal(2, c.McastRejoin.Count);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 1 }, c.HwAddr);
        Assert.Equal(9000, c.TeamFw.Mtu);
    }

    [Fact]
    public void Primary_ToThePortsPrio()
    {
        UciTeam t = One("option policy 'active-backup'", "option primary 'eth2'");
        Assert.Equal("{\"eth1\":{},\"eth2\":{\"prio\":100}}", Json(t).GetProperty("ports").GetRawText());
        Assert.Equal([0, 100], Load(t).Ports.Select(p => p.Prio));
    }

    [Theory]
    [InlineData("option primary 'eth2'", "teamfw.team0.primary: applies to active-backup (activebackup) only, ignored")]
    [InlineData("option lacp_rate 'fast'", "teamfw.team0.lacp_rate: applies to 802.3ad (lacp) only, ignored")]
    [InlineData("option min_links '2'", "teamfw.team0.min_links: applies to 802.3ad (lacp) only, ignored")]
    [InlineData("option xmit_hash_policy 'layer2'", "teamfw.team0.xmit_hash_policy: applies to balance-xor (loadbalance) and 802.3ad (lacp) only, ignored")]
    [InlineData("list arp_target '192.0.2.1'", "teamfw.team0.arp_target: applies to monitor_mode 'arp' only, ignored")]
    [InlineData("option ad_select 'stable'", "teamfw.team0.ad_select: netifd bonding option with no teamd equivalent, ignored")]
    [InlineData("option miimon '100'", "teamfw.team0.miimon: unknown option, ignored (the proto-bonding name; teamfw reads \"monitor_interval\")")]
    [InlineData("option colour 'blue'", "teamfw.team0.colour: unknown option, ignored")]
    public void OptionsThatDoNotApply_AreWarnings_NamingFileLineAndOption(string option, string warning)
    {
        UciTeam t = One("option policy 'broadcast'", option);
        Assert.Equal("/etc/config/teamfw:5: " + warning, Assert.Single(t.Warnings));
        Load(t);
    }

    [Fact]
    public void ArpMode_IgnoresMiiDelays_WithWarnings()
    {
        UciTeam t = One("option monitor_mode 'arp'", "list arp_target '192.0.2.1'", "option updelay '100'");
        Assert.Equal("/etc/config/teamfw:6: teamfw.team0.updelay: applies to monitor_mode 'mii' only, ignored", Assert.Single(t.Warnings));
    }

    [Theory]
    [InlineData("option monitor_mode 'psr'", 4, "monitor_mode", "unknown monitor_mode \"psr\" (mii, arp)")]
    [InlineData("option monitor_mode 'arp'", 4, "monitor_mode", "monitor_mode 'arp' needs at least one arp_target (an IPv4 address)")]
    [InlineData("option updelay 'soon'", 4, "updelay", "\"soon\" is not a whole number of milliseconds")]
    [InlineData("option downdelay '-5'", 4, "downdelay", "\"-5\" is not a whole number of milliseconds")]
    [InlineData("option mtu '40'", 4, "mtu", "40 is out of range (68..65535 bytes)")]
    [InlineData("option enabled 'maybe'", 4, "enabled", "\"maybe\" is not a boolean (1/0, yes/no, on/off, true/false, enabled/disabled)")]
    public void BadValues_ErrorNamesFileLineSectionAndOption(string option, int line, string name, string reason)
        => Assert.Equal($"/etc/config/teamfw:{line}: teamfw.team0.{name}: {reason}", Error(option));

    [Fact]
    public void SingleValueOption_GivenAsList_OneValueIsFine_TwoAreAnError()
    {
        Assert.Equal("broadcast", Load(One("list policy 'broadcast'")).Runner.Name);
        Assert.Equal("/etc/config/teamfw:5: teamfw.team0.policy: expected one value, got a list of 2", Error("list policy 'broadcast'", "list policy 'lacp'"));
    }

    [Theory]
    [InlineData(new[] { "option policy '802.3ad'", "option lacp_rate 'medium'" }, 5, "lacp_rate", "unknown lacp_rate \"medium\" (slow, fast)")]
    [InlineData(new[] { "option policy '802.3ad'", "option xmit_hash_policy 'encap3+4'" }, 5, "xmit_hash_policy", "xmit_hash_policy \"encap3+4\" has no teamd equivalent (layer2, layer2+3, layer3+4)")]
    [InlineData(new[] { "option policy '802.3ad'", "option min_links 'two'" }, 5, "min_links", "\"two\" is not a whole number of ports")]
    [InlineData(new[] { "option policy 'active-backup'", "option primary 'eth9'" }, 5, "primary", "\"eth9\" is not one of the ports (eth1 eth2)")]
    [InlineData(new[] { "option monitor_mode 'arp'", "list arp_target '192.0.2.300'" }, 5, "arp_target", "\"192.0.2.300\" is not an IPv4 address")]
    [InlineData(new[] { "option monitor_mode 'arp'", "list arp_target '2001:db8::1'" }, 5, "arp_target", "\"2001:db8::1\" is not an IPv4 address")]
    [InlineData(new[] { "option monitor_mode 'arp'", "list arp_target '192.0.2.1'", "option monitor_interval '0'" }, 6, "monitor_interval", "ARP monitoring needs an interval of at least 1 millisecond")]
    [InlineData(new[] { "option monitor_mode 'arp'", "list arp_target '192.0.2.1'", "option arp_validate 'filter'" }, 6, "arp_validate", "arp_validate \"filter\" is not supported (none, active, backup, all)")]
    [InlineData(new[] { "list ports 'eth1'" }, 4, "ports", "port eth1 is listed twice")]
    [InlineData(new[] { "list ports 'a/b'" }, 4, "ports", "invalid interface name \"a/b\"")]
    public void BadCombinations_ErrorNamesTheOption(string[] options, int line, string name, string reason)
        => Assert.Equal($"/etc/config/teamfw:{line}: teamfw.team0.{name}: {reason}", Error(options));

    [Fact]
    public void Enabled_ZeroSkipsTheSectionUnread_AbsentMeansEnabled()
    {
        UciDocument doc = UciParser.Parse(File, """
            config team 'off'
            	option enabled '0'
            	option policy 'nonsense'
            config team 'on'
            	list ports 'eth1'
            config team 'also'
            	option enabled 'yes'
            	option ports 'eth2'
            config device 'x'
            	option type 'bonding'
            """);
        Assert.Equal(["on", "also"], UciTranslator.Translate(doc).Select(t => t.Device));
        Assert.Equal("/etc/config/teamfw:9: teamfw.x: section type \"device\" is not used by teamfw (only \"team\"), ignored", Assert.Single(UciTranslator.IgnoredSections(doc)));
    }

    [Fact]
    public void AnonymousSection_NeedsDevice_PathUsesTheIndex()
    {
        UciDocument ok = UciParser.Parse(File, "config team\n\toption device 'bond7'\n\tlist ports 'eth1'\n");
        UciTeam t = Assert.Single(UciTranslator.Translate(ok));
        Assert.Equal(("bond7", "/etc/config/teamfw (teamfw.@team[0])"), (t.Device, t.Source));

        UciDocument bad = UciParser.Parse(File, "config team 'a'\nconfig team\n\tlist ports 'eth1'\n");
        var e = Assert.Throws<ConfigException>(() => UciTranslator.Translate(bad));
        Assert.Equal("/etc/config/teamfw:2: teamfw.@team[1]: an anonymous section needs option device (or name the section: config team 'team0')", e.Message);
    }

    [Fact]
    public void TwoTeams_SharingAPortOrADevice_AreRefused()
    {
        var shared = Assert.Throws<ConfigException>(() => UciTranslator.Translate(UciParser.Parse(File,
            "config team a\n\tlist ports 'eth1'\nconfig team b\n\tlist ports 'eth2'\n\tlist ports 'eth1'\n")));
        Assert.Equal("/etc/config/teamfw:5: teamfw.b.ports: port eth1 is already a port of team a", shared.Message);

        var twice = Assert.Throws<ConfigException>(() => UciTranslator.Translate(UciParser.Parse(File,
            "config team a\nconfig team b\n\toption device 'a'\n")));
        Assert.Equal("/etc/config/teamfw:2: teamfw.b: team \"a\" is also defined by teamfw.a", twice.Message);
    }

    [Fact]
    public void LoadConfigs_ReportsTranslationAndLoaderWarnings()
    {
        string path = Path.Combine(Path.GetTempPath(), $"teamfw-uci-{Environment.ProcessId}");
        System.IO.File.WriteAllText(path, "config team 'team0'\n\tlist ports 'eth1'\n\toption colour 'x'\nconfig other o\n");
        try
        {
            var warnings = new List<string>();
            TeamConfig c = Assert.Single(UciTranslator.LoadConfigs(path, warnings.Add));
            Assert.Equal("team0", c.Device);
            Assert.Equal(2, warnings.Count);
            Assert.Contains(warnings, w => w.EndsWith("teamfw-uci-" + Environment.ProcessId + ".team0.colour: unknown option, ignored", StringComparison.Ordinal));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
