// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using System.Text;
using TeamFw.Netlink;
using TeamFw.Ports;
using TeamFw.State;
using Xunit;

namespace TeamFw.Tests.State;

public sealed class StateCodecTests
{
    /// <summary>RTM_NEWADDR payload of 10.232.0.9/24 on ifindex 3: ifaddrmsg, then IFA_ADDRESS and IFA_LOCAL.</summary>
    internal static readonly byte[] Address =
    [
        2, 24, 0x80, 0, 3, 0, 0, 0, // family AF_INET, prefixlen 24, flags IFA_F_PERMANENT, scope 0, ifindex 3 (host order)
        8, 0, 1, 0, 10, 232, 0, 9, // IFA_ADDRESS
        8, 0, 2, 0, 10, 232, 0, 9, // IFA_LOCAL
    ];

    internal static SavedState Sample(string boot = "b00t", string netns = "net:[4026531840]") => new(
        new StateOrigin(boot, netns, 4242),
        [new TeamRecord("team0", 7, "tap", 9000, null, "lacp", "{\"selected_aggregator\":3,\"ports\":[]}")],
        [
            new PortRecord("team0", new PortSnapshot("a1", 3, 1400, [0x02, 0, 0, 0, 0, 0xa1], 0x1002, "0", "2", "0", [new SavedAddress(2, 24, 0, 3, Address)])),
            new PortRecord("team0", new PortSnapshot("a2", 4, 1500, [0x02, 0, 0, 0, 0, 0xa2], 0x1003, null, null, null, [])),
        ]);

    [Fact]
    public void Decode_HandWrittenFile_ReadsEveryField()
    {
        const string json = """
            {"teamfw_state": 1, "boot_id": "b00t", "netns": "net:[4026531840]", "pid": 4242,
             "teams": [{"device": "team0", "ifindex": 7, "backend": "tap", "config_mtu": 9000, "config_hwaddr": "02:00:00:00:00:01",
                        "runner": "activebackup", "runner_state": {"active_ifindex": 4}}],
             "ports": [{"team": "team0", "name": "a1", "ifindex": 3, "mtu": 1400, "hwaddr": "02:00:00:00:00:A1", "flags": 4098,
                        "arp_ignore": "0", "rp_filter": null, "disable_ipv6": "1",
                        "addresses": ["0218800003000000080001000ae80009080002000ae80009"]}]}
            """;

        SavedState s = StateCodec.Decode(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new StateOrigin("b00t", "net:[4026531840]", 4242), s.Origin);
        TeamRecord t = Assert.Single(s.Teams);
        Assert.Equal(("team0", 7, "tap", 9000, "02:00:00:00:00:01", "activebackup"), (t.Device, t.IfIndex, t.Backend, t.ConfigMtu, t.ConfigHwAddr, t.Runner));
        Assert.Equal("{\"active_ifindex\": 4}", t.RunnerState);
        PortRecord p = Assert.Single(s.Ports);
        Assert.Equal(("team0", "a1", 3, 1400, 0x1002u), (p.Team, p.Name, p.Original.IfIndex, p.Original.Mtu, p.Original.Flags));
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0xa1 }, p.Original.HwAddr);
        Assert.Equal(("0", (string?)null, "1"), (p.Original.ArpIgnore, p.Original.RpFilter, p.Original.DisableIpv6));
        SavedAddress a = Assert.Single(p.Original.Addresses);
        Assert.Equal(Address, a.Payload);
        Assert.Equal((2, 24, 0, 3), (a.Family, a.PrefixLength, a.Scope, a.IfIndex));
        Assert.Equal("10.232.0.9/24", a.ToString());
    }

    [Fact]
    public void EncodeThenDecode_GivesTheSameState()
    {
        SavedState s = Sample();

        SavedState back = StateCodec.Decode(StateCodec.Encode(s));

        Assert.Equal(s.Origin, back.Origin);
        Assert.Equal(s.Teams, back.Teams);
        Assert.Equal(s.Ports.Count, back.Ports.Count);
        for (int i = 0; i < s.Ports.Count; i++)
        {
            PortSnapshot x = s.Ports[i].Original, y = back.Ports[i].Original;
            Assert.Equal(s.Ports[i].Team, back.Ports[i].Team);
            Assert.Equal((x.Name, x.IfIndex, x.Mtu, x.Flags, x.ArpIgnore, x.RpFilter, x.DisableIpv6), (y.Name, y.IfIndex, y.Mtu, y.Flags, y.ArpIgnore, y.RpFilter, y.DisableIpv6));
            Assert.Equal(x.HwAddr, y.HwAddr);
            Assert.Equal(x.Addresses.Select(a => a.Payload), y.Addresses.Select(a => a.Payload));
        }
    }

    [Theory]
    [InlineData("{\"teamfw_state\": 2}", "$.teamfw_state: version 2")]
    [InlineData("[1]", "$.teamfw_state: missing")]
    [InlineData("{\"teamfw_state\": 1, \"boot_id\": 5}", "$.boot_id: expected a string")]
    [InlineData("{\"teamfw_state\": 1, \"boot_id\": \"b\", \"netns\": \"n\", \"pid\": -1}", "$.pid: -1 is out of range")]
    [InlineData("{\"teamfw_state\": 1,", "not JSON")]
    public void Decode_BadFile_NamesThePath(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => StateCodec.Decode(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"name\": \"a1\"", "\"name\": \"../x\"", "$.ports[0].name: \"../x\" is not an interface name")]
    [InlineData("\"hwaddr\": \"02:00:00:00:00:a1\"", "\"hwaddr\": \"02:00\"", "$.ports[0].hwaddr: not a MAC address")]
    [InlineData("\"mtu\": 1400", "\"mtu\": \"1400\"", "$.ports[0].mtu: expected a number")]
    [InlineData("\"ifindex\": 3", "\"ifindex\": 9", "$.ports[0].addresses[0]: the address belongs to ifindex 3, not the port's")]
    [InlineData("\"0218800003", "\"zz0218800003", "$.ports[0].addresses[0]: expected hex digits")]
    public void Decode_BadPort_NamesThePath(string good, string bad, string message)
    {
        string json = Encoding.UTF8.GetString(StateCodec.Encode(Sample()));
        Assert.Contains(good, json, StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => StateCodec.Decode(Encoding.UTF8.GetBytes(ReplaceFirst(json, good, bad))));

        Assert.Equal(message, e.Message);
    }

    private static string ReplaceFirst(string s, string a, string b)
    {
        int i = s.IndexOf(a, StringComparison.Ordinal);
        return s[..i] + b + s[(i + a.Length)..];
    }
}
