// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;

namespace TeamFw.Tests.Config;

/// <summary>Shared inputs: teamd's example configs (libteam teamd/example_configs/) and a loader shortcut.</summary>
internal static class ConfigTestData
{
    public const string Source = "team0.conf";

    public const string ActiveBackupArpPing = """
        {"device":"team0","runner":{"name":"activebackup"},
         "link_watch":{"name":"arp_ping","interval":100,"missed_max":30,
                       "source_host":"192.168.23.2","target_host":"192.168.23.1"},
         "ports":{"eth1":{"prio":-10,"sticky":true},"eth2":{"prio":100}}}
        """;

    public const string ActiveBackupEthtool = """
        {"device":"team0","runner":{"name":"activebackup"},
         "link_watch":{"name":"ethtool","delay_up":2500,"delay_down":1000},
         "ports":{"eth1":{"prio":-10,"sticky":true},"eth2":{"prio":100}}}
        """;

    public const string Lacp = """
        {"device":"team0","runner":{"name":"lacp","active":true,"fast_rate":true,
         "tx_hash":["eth","ipv4","ipv6"]},"link_watch":{"name":"ethtool"},
         "ports":{"eth1":{},"eth2":{}}}
        """;

    public const string ActiveBackupMultiArpPing = """
        {"device":"team0","runner":{"name":"activebackup"},"link_watch":[
          {"name":"arp_ping","interval":100,"missed_max":30,"source_host":"192.168.23.2","target_host":"192.168.23.1"},
          {"name":"arp_ping","interval":50,"missed_max":20,"source_host":"192.168.24.2","target_host":"192.168.24.1"}],
         "ports":{"eth1":{"prio":-10,"sticky":true},"eth2":{"prio":100}}}
        """;

    public const string ActiveBackupNsnaPing = """
        {"device":"team0","runner":{"name":"activebackup"},
         "link_watch":{"name":"nsna_ping","interval":200,"missed_max":15,"target_host":"fe80::210:18ff:feaa:bbcc"},
         "ports":{"eth1":{"prio":-10,"sticky":true},"eth2":{"prio":100}}}
        """;

    /// <summary>Test tables write JSON with single quotes; this turns them into double quotes.</summary>
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static LoadResult Load(string singleQuoted) => ConfigLoader.Load(Source, Json(singleQuoted));

    public static TeamConfig LoadConfig(string singleQuoted) => Load(singleQuoted).Config;

    public static ConfigException Fails(string singleQuoted) =>
        Assert.Throws<ConfigException>(() => Load(singleQuoted));

    /// <summary>The load fails with "team0.conf: {expected}", and the parts add up to the message.</summary>
    public static void AssertFails(string singleQuoted, string expected)
    {
        ConfigException ex = Fails(singleQuoted);
        Assert.Equal($"{Source}: {expected}", ex.Message);
        Assert.Equal(Source, ex.Source);
        Assert.Equal(ex.Message, $"{ex.Source}: {ex.JsonPath}: {ex.Reason}");
    }

    /// <summary>The teamd example configs above, as a theory table.</summary>
    public static TheoryData<string> TeamdExamples =>
        new() { ActiveBackupArpPing, ActiveBackupEthtool, Lacp, ActiveBackupMultiArpPing, ActiveBackupNsnaPing };
}
