// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using System.Linq;
using TeamFw.Cli;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.Uci;
using Xunit;

namespace TeamFw.Tests.Uci;

/// <summary>The /etc/config/teamfw the OpenWrt package ships, and the daemon's --uci flag.</summary>
public class ShippedConfigTests
{
    private static string ShippedConfig()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "board", "openwrt", "teamfw", "files", "teamfw.config");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("board/openwrt/teamfw/files/teamfw.config not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Shipped_IsDisabled_SoInstallingStartsNothing()
    {
        UciDocument doc = UciParser.ParseFile(ShippedConfig());
        Assert.Equal("0", doc.Sections.Single(s => s.Name == "team0").Get("enabled")!.Values[0]);
        Assert.Empty(UciTranslator.Translate(doc));
        Assert.Empty(UciTranslator.IgnoredSections(doc));
    }

    [Fact]
    public void Shipped_Enabled_IsActiveBackupOverLan3Lan4_WithoutWarnings()
    {
        string text = File.ReadAllText(ShippedConfig()).Replace("option enabled '0'", "option enabled '1'", StringComparison.Ordinal);
        UciTeam t = Assert.Single(UciTranslator.Translate(UciParser.Parse("/etc/config/teamfw", text)));
        Assert.Empty(t.Warnings);
        Assert.Equal(["lan3", "lan4"], t.Ports);
        LoadResult r = ConfigLoader.Load(t.Source, t.Json);
        Assert.Empty(r.Warnings);
        Assert.Equal("activebackup", r.Config.Runner.Name);
        Assert.Equal([("lan3", 100), ("lan4", 0)], r.Config.Ports.Select(p => (p.Name, p.Prio)));
        Assert.Equal("ethtool", Assert.Single(r.Config.LinkWatch).Name);
    }

    [Fact]
    public void DaemonCommandLine_Uci_SetsTheFile_AloneOrWithOthers()
    {
        DaemonOptions o = DaemonCommand.Parse(["--uci", "/etc/config/teamfw"]);
        Assert.Equal("/etc/config/teamfw", o.UciFile);
        Assert.Empty(o.Files);

        o = DaemonCommand.Parse(["-f", "a.conf", "--uci", "/tmp/t", "-g"]);
        Assert.Equal(("/tmp/t", "a.conf"), (o.UciFile, Assert.Single(o.Files)));

        Assert.Throws<ArgumentException>(() => DaemonCommand.Parse(["--uci"]));
    }
}
