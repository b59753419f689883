// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using TeamFw.Host;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// JoinedGroups.ParseIgmp / JoinedGroups.ParseIgmp6 on /proc/net/igmp and /proc/net/igmp6 text in the kernel's formats
/// (net/ipv4/igmp.c igmp_mc_seq_show: "%d\t%-10s: %5d %7s" per device, "\t\t\t\t%08X %5d %d:%08lX\t\t%d" per group;
/// net/ipv6/mcast.c igmp6_mc_seq_show: "%-4d %-15s %pi6 %5d %08X %ld"). The lines for lo, eth0 and
/// team-uplink-01 were captured from a Linux 6.x kernel in a network namespace; the others follow the same
/// formats. The IPv4 groups are printed as the in-memory address read as a host u32: this text is what a
/// little-endian host prints.
/// </summary>
public sealed class ProcGroupsTests
{
    private static readonly string[] s_igmp =
    [
        "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter",
        "1\tlo        :     1      V3",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
        "4\teth0      :     2      V2",
        "\t\t\t\tFC0000E0     1 0:00000000\t\t0",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
        "5\tteam0     :     3      V3",
        "\t\t\t\t030201EF     1 1:0000002A\t\t1",
        "\t\t\t\tFB0000E0     2 0:00000000\t\t0",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
        "6\tteam01    :     2      V3",
        "\t\t\t\t090807EF     1 0:00000000\t\t0",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
        "7\tteam-uplink-01:     2      V3",
        "\t\t\t\t030201EF     1 0:00000000\t\t0",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
        "8\tteamuplink:     2      V3",
        "\t\t\t\t0A0B0CEF     1 0:00000000\t\t0",
        "\t\t\t\t010000E0     1 0:00000000\t\t0",
    ];

    private static readonly string[] s_igmp6 =
    [
        "1    lo              ff020000000000000000000000000001     1 0000000C 0",
        "1    lo              ff010000000000000000000000000001     1 00000008 0",
        "4    eth0            ff0200000000000000000001ff000002     1 00000004 0",
        "4    eth0            ff020000000000000000000000000001     1 0000000C 0",
        "4    eth0            ff010000000000000000000000000001     1 00000008 0",
        "5    team0           ff0200000000000000000001ff334455     1 00000004 0",
        "5    team0           ff0200000000000000000000000000fb     1 00000004 0",
        "5    team0           ff050000000000000000000000010003     2 00000005 152",
        "5    team0           ff020000000000000000000000000001     1 0000000C 0",
        "5    team0           ff010000000000000000000000000001     1 00000008 0",
        "6    team01          ff0200000000000000000001ff000001     1 00000004 0",
        "7    team-uplink-01  ff020000000000000000000000000001     1 0000000C 0",
        "7    team-uplink-01  ff010000000000000000000000000001     1 00000008 0",
        "9    team-uplink-015 ff0200000000000000000001ff00beef     1 00000004 0",
        "9    team-uplink-015 ff020000000000000000000000000001     1 0000000C 0",
    ];

    private static List<uint> ParseIgmp(string device)
    {
        var groups = new List<uint>();
        JoinedGroups.ParseIgmp(s_igmp, device, groups);
        return groups;
    }

    private static List<string> ParseIgmp6(string device)
    {
        var groups = new List<byte[]>();
        JoinedGroups.ParseIgmp6(s_igmp6, device, groups);
        return groups.Select(g => Hex.Format(g)).ToList();
    }

    private static string V6(string address) => Hex.Format(Golden.Ip(address));

    [Fact]
    public void ParseIgmp_Team0_GroupsInFileOrderWithoutAllHosts()
    {
        Assert.Equal([0xef010203u, 0xe00000fbu], ParseIgmp("team0"));
    }

    [Theory]
    [InlineData("lo")] // 224.0.0.1 only
    [InlineData("team")] // a prefix of a device name is not that device
    [InlineData("nosuch")]
    [InlineData("Device")] // the title line is not a device
    [InlineData("")]
    public void ParseIgmp_NoReportableGroups_Empty(string device)
    {
        Assert.Empty(ParseIgmp(device));
    }

    [Fact]
    public void ParseIgmp_DevicesOnEitherSide_NotMixedIn()
    {
        Assert.Equal([0xe00000fcu], ParseIgmp("eth0"));
        Assert.Equal([0xef070809u], ParseIgmp("team01"));
    }

    [Fact]
    public void ParseIgmp_ExistingList_Appended()
    {
        var groups = new List<uint> { 1 };

        JoinedGroups.ParseIgmp(s_igmp, "team0", groups);

        Assert.Equal([1u, 0xef010203u, 0xe00000fbu], groups);
    }

    [Fact]
    public void ParseIgmp_EmptyAndOddLines_Skipped()
    {
        var groups = new List<uint>();

        JoinedGroups.ParseIgmp(["", "5\tteam0     :     2      V3", "", "\t\t\t\tnothex     1", "\t\t\t\t", "\t\t\t\t030201EF     1 0:00000000\t\t0"], "team0", groups);

        Assert.Equal([0xef010203u], groups);
    }

    // The kernel prints the device name with "%-10s:", so a name of 10 or more characters (IFNAMSIZ allows 15)
    // runs into the colon: "7\tteam-uplink-01:     2      V3" (captured as-is). The parser splits on whitespace
    // and compares the second field, "team-uplink-01:", with the device name, so such a team never rejoins its
    // IPv4 groups.
    [Theory]
    [InlineData("team-uplink-01", 0xef010203u)]
    [InlineData("teamuplink", 0xef0c0b0au)]
    public void ParseIgmp_NameOfTenOrMoreCharacters_GroupsFound(string device, uint group)
    {
        Assert.Equal([group], ParseIgmp(device));
    }

    // ff01::1 (interface-local, scope 1) is never reported: see ParseIgmp6_InterfaceLocalGroups_NotReported.
    [Fact]
    public void ParseIgmp6_Team0_GroupsInFileOrderWithoutAllNodes()
    {
        List<string> groups = ParseIgmp6("team0").Where(g => g[3] != '1').ToList();

        Assert.Equal([V6("ff02::1:ff33:4455"), V6("ff02::fb"), V6("ff05::1:3")], groups);
    }

    [Fact]
    public void ParseIgmp6_FifteenCharacterName_Found()
    {
        Assert.Equal([V6("ff02::1:ff00:beef")], ParseIgmp6("team-uplink-015"));
    }

    [Theory]
    [InlineData("team")]
    [InlineData("nosuch")]
    [InlineData("")]
    public void ParseIgmp6_OtherDevice_Empty(string device)
    {
        Assert.Empty(ParseIgmp6(device));
    }

    [Fact]
    public void ParseIgmp6_DevicesOnEitherSide_NotMixedIn()
    {
        Assert.Equal([V6("ff02::1:ff00:2")], ParseIgmp6("eth0").Where(g => g[3] != '1'));
        Assert.Equal([V6("ff02::1:ff00:1")], ParseIgmp6("team01"));
    }

    [Fact]
    public void ParseIgmp6_ShortOrOddLines_Skipped()
    {
        var groups = new List<byte[]>();

        JoinedGroups.ParseIgmp6(
            ["", "5", "5    team0", "5    team0           ff02", "5    team0           ff0200000000000000000000000000fb00 1 0 0", "5    team0           ff0200000000000000000000000000fb"],
            "team0",
            groups);

        Assert.Equal([V6("ff02::fb")], groups.Select(g => Hex.Format(g)));
    }

    // RFC 3810 §6: "MLD messages are never sent for multicast addresses whose scope is 0 (reserved) or 1
    // (node-local)". The kernel marks ff01::1 MAF_NOREPORT (flags 0x08 above) and never reports it, but
    // ParseIgmp6 only drops ff02::1, so every MLDv2 rejoin report carries a record for ff01::1 (and would for
    // any other ff01::/16 or ff00::/16 group joined on the team).
    [Fact]
    public void ParseIgmp6_InterfaceLocalGroups_NotReported()
    {
        var groups = new List<byte[]>();

        JoinedGroups.ParseIgmp6([.. s_igmp6, "5    team0           ff010000000000000000000000000002     1 00000004 0", "5    team0           ff000000000000000000000000000005     1 00000004 0"], "team0", groups);

        Assert.Equal([V6("ff02::1:ff33:4455"), V6("ff02::fb"), V6("ff05::1:3")], groups.Select(g => Hex.Format(g)));
    }
}
