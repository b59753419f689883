// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using TeamFw.Cli;
using TeamFw.Cli.Teamdctl;
using TeamFw.Cli.Teamnl;
using TeamFw.Control.Options;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>The clients' text: teamnl's lines, teamdctl's command tree, jansson's JSON layout, the state view.</summary>
public sealed class ClientFormatTests
{
    private static NlModel ModelWith(params byte[][] items)
    {
        var m = new NlModel(7);
        m.Names[3] = "eth1";
        m.Apply(Msg(0x13, 6, 1, 1, Genl(2, 1), Attr(1, U32(7)), Attr(2, items)));
        return m;
    }

    [Fact]
    public void Teamnl_OptionLines_NewestFirst_MarkerPortIndexValue()
    {
        NlModel m = ModelWith(
            Attr(1, Attr(1, Str("mode")), Attr(3, U8(5)), Attr(4, Str("roundrobin"))),
            Attr(1, Attr(1, Str("enabled")), Attr(6, U32(3)), Attr(3, U8(6)), Attr(4), Attr(2)),
            Attr(1, Attr(1, Str("map")), Attr(7, U32(9)), Attr(3, U8(11)), Attr(4, [0x01, 0xab])),
            Attr(1, Attr(1, Str("priority")), Attr(6, U32(3)), Attr(3, U8(14)), Attr(4, S32(-3))));
        Assert.Equal(
            [" priority (port:eth1) -3", " map (arridx:9) \\01\\ab", "*enabled (port:eth1) true", " mode roundrobin"],
            m.Options.ConvertAll(m.OptionLine));
    }

    [Fact]
    public void Teamnl_RemovedOptionDropped_PortLines()
    {
        NlModel m = ModelWith(Attr(1, Attr(1, Str("activeport")), Attr(3, U8(3)), Attr(4, U32(0)), Attr(5), Attr(2)));
        Assert.Empty(m.Options);
        m.Apply(Msg(0x13, 6, 1, 1, Genl(3, 1), Attr(1, U32(7)), Attr(3,
            Attr(1, Attr(1, U32(3)), Attr(2), Attr(3), Attr(4, U32(1000)), Attr(5, U8(1))),
            Attr(1, Attr(1, U32(4)), Attr(6), Attr(4, U32(0)), Attr(5, U8(0))))));
        Assert.Equal(["-4: (removed): down 0Mbit HD", "*3: eth1: up 1000Mbit FD"], m.Ports.ConvertAll(m.PortLine));
        m.BeginRound(options: false, ports: true);
        Assert.Equal([" 3: eth1: up 1000Mbit FD"], m.Ports.ConvertAll(m.PortLine));
    }

    /// <summary>teamnl's 120-byte line buffer: a bpf_hash_func value is cut at 119 characters (the oracle showed "&lt;trunc&gt;").</summary>
    [Fact]
    public void Teamnl_LongLines_CutAt119Characters()
    {
        byte[] program = new byte[64];
        NlModel m = ModelWith(Attr(1, Attr(1, Str("bpf_hash_func")), Attr(3, U8(11)), Attr(4, program)));
        string full = m.OptionLine(m.Options[0]);
        Assert.Equal(" bpf_hash_func " + string.Concat(Enumerable.Repeat("\\00", 64)), full);
        string fit = NlModel.Fit(full, out bool cut);
        Assert.True(cut);
        Assert.Equal(full[..119], fit);
        Assert.Equal(" mode roundrobin", NlModel.Fit(" mode roundrobin", out cut));
        Assert.False(cut);
        Assert.False(NlModel.Fit(new string('x', 119), out cut).Length != 119 || cut);
        Assert.True(NlModel.Fit(new string('x', 120), out cut).Length == 119 && cut);
    }

    [Theory]
    [InlineData("u32", OptionType.U32, "4294967295", "4294967295")]
    [InlineData("s32", OptionType.S32, "-7", "-7")]
    [InlineData("bool", OptionType.Bool, "false", "false")]
    [InlineData("binary", OptionType.Binary, "\\0a\\ff", "\\0a\\ff")]
    [InlineData("string", OptionType.String, "activebackup", "activebackup")]
    public void Teamnl_SetoptionValues_Parse(string _, OptionType type, string text, string shown)
        => Assert.Equal(shown, NlValues.Parse(type, text).ToString());

    [Theory]
    [InlineData(OptionType.U32, "-1")]
    [InlineData(OptionType.U32, "4294967296")]
    [InlineData(OptionType.Bool, "yes")]
    [InlineData(OptionType.Binary, "\\0g")]
    public void Teamnl_SetoptionValues_Refused(OptionType type, string text)
        => Assert.Throws<TeamFw.Control.ControlRemoteException>(() => NlValues.Parse(type, text));

    [Theory]
    [InlineData("s", "state view", "")]
    [InlineData("state d", "state dump", "")]
    [InlineData("st i g runner.active_port", "state item get", "runner.active_port")]
    [InlineData("c d a", "config dump actual", "")]
    [InlineData("config dump", "config dump", "")]
    [InlineData("p c u eth1 {}", "port config update", "eth1 {}")]
    [InlineData("port present eth2", "port present", "eth2")]
    public void Teamdctl_CommandTree_PrefixMatching(string words, string id, string args)
    {
        CtlCommand? c = CtlCommands.Find([.. words.Split(' ')], out List<string> a, out string? error);
        Assert.True(c is not null, error);
        Assert.Equal(id, c.Id);
        Assert.Equal(args, string.Join(' ', a));
    }

    [Theory]
    [InlineData("port", "None or incomplete command")]
    [InlineData("state item set x", "Command line parameter \"VALUE\" expected.")]
    [InlineData("bogus", "Unknown command \"bogus\".")]
    public void Teamdctl_CommandTree_Errors(string words, string message)
    {
        Assert.Null(CtlCommands.Find([.. words.Split(' ')], out _, out string? error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Jansson_SortedIndentFour_EmptyContainers_AsciiEscapes()
    {
        const string json = "{\"b\":[1,{\"z\":true,\"a\":null}],\"a\":\"é\\u0001/\",\"c\":{},\"d\":[]}";
        Assert.Equal(
            "{\n    \"a\": \"\\u00E9\\u0001/\",\n    \"b\": [\n        1,\n        {\n            \"a\": null,\n            \"z\": true\n        }\n    ],\n    \"c\": {},\n    \"d\": []\n}",
            JanssonJson.Dump(json, oneline: false));
        Assert.Equal("{\"a\": \"\\u00E9\\u0001/\", \"b\": [1, {\"a\": null, \"z\": true}], \"c\": {}, \"d\": []}", JanssonJson.Dump(json, oneline: true));
    }

    [Fact]
    public void StateView_TeamdctlLayout_MoreWithVerbose()
    {
        const string state = "{\"setup\":{\"runner_name\":\"activebackup\",\"kernel_team_mode_name\":\"activebackup\",\"pid\":7},"
            + "\"ports\":{\"eth1\":{\"ifinfo\":{\"ifindex\":3,\"dev_addr\":\"02:00:00:00:00:01\"},\"link\":{\"up\":true,\"speed\":1000,\"duplex\":\"full\"},"
            + "\"link_watches\":{\"up\":true,\"list\":{\"link_watch_0\":{\"name\":\"ethtool\",\"up\":true,\"down_count\":2,\"delay_up\":0,\"delay_down\":5}}}}},"
            + "\"runner\":{\"active_port\":\"eth1\"}}";
        Assert.Equal(
            "setup:\n  runner: activebackup\nports:\n  eth1\n    link watches:\n      link summary: up\n      instance[link_watch_0]:\n        name: ethtool\n        link: up\nrunner:\n  active port: eth1\n",
            StateView.Render(state, 1));
        string v = StateView.Render(state, 2);
        Assert.Contains("  kernel team mode: activebackup\n", v, System.StringComparison.Ordinal);
        Assert.Contains("    ethtool link: 1000mbit/fullduplex/up\n", v, System.StringComparison.Ordinal);
        Assert.Contains("        link down delay: 5\n", v, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ClientArgs_GnuPermutation_AttachedValues()
    {
        var (o, words) = ClientArgs.Parse(["team0", "getoption", "-peth1", "enabled", "--array_index=3", "-S", "/s", "--", "-x"],
            ["-h"], ["-p", "--array_index", "-S"]);
        Assert.Equal(["team0", "getoption", "enabled", "-x"], words);
        Assert.Equal("eth1", o["-p"]);
        Assert.Equal("3", o["--array_index"]);
        Assert.Equal("/s", o["-S"]);
    }
}
