// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using TeamFw.Uci;
using Xunit;

namespace TeamFw.Tests.Uci;

public class UciParserTests
{
    private static UciDocument Parse(string text) => UciParser.Parse("/etc/config/teamfw", text);

    private static UciOption Single(string optionLine)
    {
        UciDocument doc = Parse("config team 't'\n" + optionLine + "\n");
        return Assert.Single(doc.Sections[0].Options);
    }

    [Fact]
    public void Parse_ConfigOptionList_InOrderWithLines()
    {
        UciDocument doc = Parse("""
            # comment
            package teamfw

            config team 'team0'
            	option enabled '1'
            	list ports 'lan3'   # trailing comment
            	list ports 'lan4'

            config team
            	option device team1
            config globals g
            """);

        Assert.Equal("teamfw", doc.Package);
        Assert.Equal(3, doc.Sections.Count);
        UciSection team0 = doc.Sections[0];
        Assert.Equal(("team", "team0", 4, "teamfw.team0"), (team0.Type, team0.Name, team0.Line, team0.Path));
        Assert.Equal(["enabled", "ports"], team0.Options.Select(o => o.Name));
        UciOption ports = team0.Get("ports")!;
        Assert.True(ports.IsList);
        Assert.Equal(["lan3", "lan4"], ports.Values);
        Assert.Equal(7, ports.Line);
        Assert.Null(doc.Sections[1].Name);
        Assert.Equal("teamfw.@team[1]", doc.Sections[1].Path);
        Assert.Equal("teamfw.g", doc.Sections[2].Path);
    }

    [Fact]
    public void Parse_PackageDefaultsToTheFileName()
        => Assert.Equal("teamfw", UciParser.Parse("/etc/config/teamfw", string.Empty).Package);

    [Theory]
    [InlineData("option a 'b c'", "b c")]
    [InlineData("option a \"b c\"", "b c")]
    [InlineData("option a plain", "plain")]
    [InlineData("option a ''", "")]
    [InlineData("option a 'it'\\''s'", "it's")]
    [InlineData("option a \"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("option a \"back\\\\slash\"", "back\\slash")]
    [InlineData("option a 'no \\escape in single'", "no \\escape in single")]
    [InlineData("option a one\\ word", "one word")]
    [InlineData("option a 'x'\"y\"z", "xyz")]
    [InlineData("option a '#not a comment'", "#not a comment")]
    [InlineData("option a b#c", "b#c")]
    [InlineData("\toption\ta\t'tabs'\t# c", "tabs")]
    [InlineData("option a 'crlf'\r", "crlf")]
    public void Parse_Quoting(string line, string value)
        => Assert.Equal(value, Assert.Single(Single(line).Values));

    [Fact]
    public void Parse_OptionGivenAgain_LastWins_ListGrows()
    {
        UciSection s = Parse("config team t\noption a 1\nlist l x\noption a 2\nlist l y\n").Sections[0];
        Assert.Equal(["2"], s.Get("a")!.Values);
        Assert.Equal(4, s.Get("a")!.Line);
        Assert.Equal(["x", "y"], s.Get("l")!.Values);
        Assert.Equal(["a", "l"], s.Options.Select(o => o.Name));
    }

    [Theory]
    [InlineData("option a 1", 1, "'option' before the first 'config' line")]
    [InlineData("config team t\noption a 'open", 2, "unterminated ' quote (a value cannot span lines)")]
    [InlineData("config team t\noption a \"open", 2, "unterminated \" quote (a value cannot span lines)")]
    [InlineData("config team t\noption a b\\", 2, "backslash at the end of the line (continued lines are not supported)")]
    [InlineData("config team t\noption a b c", 2, "expected \"option NAME 'VALUE'\", got 4 words (quote a value that contains spaces)")]
    [InlineData("config team t\noption a", 2, "expected \"option NAME 'VALUE'\", got 2 words")]
    [InlineData("config team t\nlist", 2, "expected \"list NAME 'VALUE'\", got 1 words")]
    [InlineData("config", 1, "expected \"config TYPE ['NAME']\", got 1 words")]
    [InlineData("config team 'team-0'", 1, "invalid section name \"team-0\" (letters, digits and '_')")]
    [InlineData("config 'te am'", 1, "invalid section type \"te am\" (letters, digits, '_' and '-')")]
    [InlineData("config team t\noption 'po-rts' x", 2, "invalid option name \"po-rts\" (letters, digits and '_')")]
    [InlineData("config team t\noption a 1\nlist a 2", 3, "\"a\" is given both as an option (a single value) and as a list")]
    [InlineData("config team t\nlist a 1\noption a 2", 3, "\"a\" is given both as an option (a single value) and as a list")]
    [InlineData("config team t\nconfgi team u", 2, "unknown keyword \"confgi\" (expected config, option, list or package)")]
    [InlineData("config team t\npackage teamfw", 2, "'package' must come before the first section")]
    public void Parse_Errors_NameFileAndLine(string text, int line, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.Equal($"/etc/config/teamfw:{line}: syntax error: {reason}", e.Message);
    }

    [Fact]
    public void ParseFile_Missing_SaysSo()
    {
        var e = Assert.Throws<ConfigException>(() => UciParser.ParseFile("/nonexistent/teamfw"));
        Assert.StartsWith("/nonexistent/teamfw: file: cannot read:", e.Message, System.StringComparison.Ordinal);
    }
}
