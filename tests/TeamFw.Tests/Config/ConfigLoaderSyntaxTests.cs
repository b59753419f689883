// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderSyntaxTests
{
    private static ConfigException Fails(string json) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Load(Source, json));

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n")]
    [InlineData("\uFEFF")]
    public void Load_EmptyText_ThrowsEmptyConfiguration(string json)
    {
        Assert.Equal("team0.conf: $: empty configuration", Fails(json).Message);
    }

    [Theory]
    [InlineData("{\"device\":\"team0\",}", 1, 19)]
    [InlineData("{\"device\":\"team0\"} // team", 1, 20)]
    [InlineData("{\n  \"device\": \"team0\", /* c */\n}", 2, 22)]
    [InlineData("{\n  \"device\": \"team0\",\n  \"ports\": [\"eth1\",]\n}", 3, 20)]
    [InlineData("{\n  \"device\": \"team0\"\n", 3, 1)]
    [InlineData("{\"device\":'team0'}", 1, 11)]
    [InlineData("{\"device\":\"team0\"}}", 1, 19)]
    [InlineData("{\"device\":\"team0\",\"debug_level\":01}", 1, 34)]
    public void Load_MalformedJson_ThrowsWithLineAndPosition(string json, int line, int position)
    {
        ConfigException ex = Fails(json);

        Assert.Equal("$", ex.JsonPath);
        Assert.True(ex.Message.StartsWith($"team0.conf: $: invalid JSON at line {line}, position {position}: ", System.StringComparison.Ordinal), ex.Message);
        Assert.DoesNotContain("LineNumber", ex.Message, System.StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public void Load_TrailingComma_NamesTheProblem()
    {
        ConfigException ex = Fails("{\n  \"device\": \"team0\",\n}");

        Assert.Equal(
            "team0.conf: $: invalid JSON at line 3, position 1: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.",
            ex.Message);
    }

    [Fact]
    public void Load_LoneSurrogate_Throws()
    {
        Assert.Equal("team0.conf: $: invalid text: unpaired UTF-16 surrogate", Fails("{\"device\":\"\uD800\"}").Message);
    }

    [Theory]
    [InlineData("{\"device\":\"team\\ud8000\"}", "$.device: unpaired UTF-16 surrogate in a \\u escape")]
    [InlineData("{\"device\":\"team0\",\"x\\udc00\":1}", "$: key with an unpaired UTF-16 surrogate in a \\u escape")]
    [InlineData("{\"device\":\"team0\",\"x\":[\"\\ud83d\\ude00\", \"\\ud83d\"]}", "$.x[1]: unpaired UTF-16 surrogate in a \\u escape")]
    public void Load_EscapedLoneSurrogate_Throws(string json, string expected)
    {
        Assert.Equal($"team0.conf: {expected}", Fails(json).Message);
    }

    [Fact]
    public void Load_TooDeep_Throws()
    {
        string deep = "{\"device\":\"team0\",\"x\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.StartsWith("team0.conf: $: invalid JSON at line 1, ", Fails(deep).Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TrailingCommaNotAllowedBeforeObjectEnd", "trailing comma not allowed before object end")]
    [InlineData("ExpectedStartOfValueNotFound, /", "expected start of value not found: /")]
    [InlineData("'/' is an invalid start of a value.", "'/' is an invalid start of a value.")]
    [InlineData("The JSON object contains a trailing comma.", "The JSON object contains a trailing comma.")]
    public void SpellOutResourceKey_AotKeyOrSentence_GivesReadableText(string detail, string expected)
    {
        Assert.Equal(expected, ConfigLoader.SpellOutResourceKey(detail));
    }
}
