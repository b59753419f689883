// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamFw.Control;
using TeamFw.Control.Families;
using Xunit;

namespace TeamFw.Tests.Control;

/// <summary>docs/control-protocol.yaml is where the numbers come from: the C# constants must say the same.</summary>
public sealed class ControlSpecTests
{
    private static readonly Lazy<List<Dictionary<string, object?>>> s_docs = new(() => MiniYaml.ParseDocuments(File.ReadAllText(SpecPath)));

    private static string SpecPath
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                string p = Path.Combine(d.FullName, "docs", "control-protocol.yaml");
                if (File.Exists(p))
                {
                    return p;
                }
            }

            throw new FileNotFoundException("docs/control-protocol.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    private static Dictionary<string, object?> Family(string name) => s_docs.Value.Single(d => (string?)d["name"] == name);

    /// <summary>kebab-case → PascalCase: "team-ifindex" → "TeamIfindex".</summary>
    private static string Pascal(string kebab)
        => string.Concat(kebab.Split('-', '_').Select(static w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>(name, value) of an attribute set or operation list, numbered as YNL numbers them.</summary>
    private static List<(string Name, long Value)> Numbered(IEnumerable<object?> entries)
    {
        var list = new List<(string, long)>();
        long next = 0;
        foreach (Dictionary<string, object?> e in entries.Cast<Dictionary<string, object?>>())
        {
            long v = e.TryGetValue("value", out object? given) ? MiniYaml.Number(given) : next;
            list.Add(((string)e["name"]!, v));
            next = v + 1;
        }

        return list;
    }

    public static TheoryData<string, string, Type> AttributeSets() => new()
    {
        { "nlctrl", "ctrl-attrs", typeof(CtrlAttr) },
        { "nlctrl", "op-attrs", typeof(CtrlAttrOp) },
        { "nlctrl", "mcast-group-attrs", typeof(CtrlAttrMcastGrp) },
        { "team", "team", typeof(TeamAttr) },
        { "team", "item-option", typeof(TeamAttrItemOption) },
        { "team", "attr-option", typeof(TeamAttrOption) },
        { "team", "item-port", typeof(TeamAttrItemPort) },
        { "team", "attr-port", typeof(TeamAttrPort) },
        { "teamfw", "teamfw", typeof(TeamfwAttr) },
        { "teamfw", "stats", typeof(TeamfwAttrStats) },
        { "teamfw", "item-port", typeof(TeamfwAttrItemPort) },
    };

    [Theory]
    [MemberData(nameof(AttributeSets))]
    public void AttributeSet_MatchesEnum_BothWays(string family, string set, Type enumType)
    {
        var sets = (List<object?>)Family(family)["attribute-sets"]!;
        var attrs = (List<object?>)sets.Cast<Dictionary<string, object?>>().Single(s => (string?)s["name"] == set)["attributes"]!;
        var spec = Numbered(attrs).ToDictionary(a => Pascal(a.Name), a => a.Value);
        var code = Enum.GetNames(enumType).ToDictionary(n => n, n => Convert.ToInt64(Enum.Parse(enumType, n), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(spec.OrderBy(p => p.Value), code.OrderBy(p => p.Value));
    }

    public static TheoryData<string, Type> Operations() => new()
    {
        { "team", typeof(TeamCmd) },
        { "teamfw", typeof(TeamfwCmd) },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operations_MatchCommandEnum(string family, Type enumType)
    {
        var ops = (List<object?>)((Dictionary<string, object?>)Family(family)["operations"]!)["list"]!;
        var spec = Numbered(ops).ToDictionary(a => Pascal(a.Name), a => a.Value);
        var code = Enum.GetNames(enumType).ToDictionary(n => n, n => Convert.ToInt64(Enum.Parse(enumType, n), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(spec.OrderBy(p => p.Value), code.OrderBy(p => p.Value));
    }

    [Fact]
    public void Nlctrl_OperationsAreTheKernelNumbers()
    {
        var ops = (List<object?>)((Dictionary<string, object?>)Family("nlctrl")["operations"]!)["list"]!;
        foreach ((string name, long value) in Numbered(ops))
        {
            Assert.Equal(value, (long)Enum.Parse<CtrlCmd>(Pascal(name)));
        }
    }

    [Theory]
    [InlineData("nlctrl")]
    [InlineData("team")]
    [InlineData("teamfw")]
    public void Family_IdVersionMaxattrOpsAndGroups_MatchTheHandler(string name)
    {
        Dictionary<string, object?> spec = Family(name);
        using var f = new ServerFixture();
        GenlFamilyHandler h = f.Server.FindFamily(name)!;
        Assert.Equal(MiniYaml.Number(spec["x-teamfw-family-id"]), h.Id);
        Assert.Equal(MiniYaml.Number(spec["x-teamfw-version"]), h.Version);
        if (spec.TryGetValue("x-teamfw-maxattr", out object? max))
        {
            Assert.Equal(MiniYaml.Number(max), h.MaxAttr);
        }

        var groups = (List<object?>)((Dictionary<string, object?>)spec["mcast-groups"]!)["list"]!;
        Assert.Equal(
            groups.Cast<Dictionary<string, object?>>().Select(g => ((string)g["name"]!, (uint)MiniYaml.Number(g["x-teamfw-id"]))),
            h.Groups.Select(g => (g.Name, g.Id)));

        var ops = (List<object?>)((Dictionary<string, object?>)spec["operations"]!)["list"]!;
        foreach (Dictionary<string, object?> op in ops.Cast<Dictionary<string, object?>>())
        {
            byte cmd = (byte)MiniYaml.Number(op["value"]);
            GenlOp code = h.FindOp(cmd) ?? throw new Xunit.Sdk.XunitException($"{name}: no handler op {cmd}");
            bool admin = op.TryGetValue("flags", out object? fl) && ((List<object?>)fl!).Contains("admin-perm");
            Assert.True(admin == code.Admin, $"{name} {op["name"]}: admin-perm");
            Assert.True(op.ContainsKey("do") == code.CanDo, $"{name} {op["name"]}: do");
            Assert.True(op.ContainsKey("dump") == code.CanDump, $"{name} {op["name"]}: dump");
        }

        Assert.Equal(ops.Count, h.Ops.Length);
    }

    [Fact]
    public void Team_Constants()
    {
        var defs = (List<object?>)Family("team")["definitions"]!;
        var byName = defs.Cast<Dictionary<string, object?>>().ToDictionary(d => (string)d["name"]!, d => (string?)d["value"]);
        Assert.Equal(GenlFamily.TeamStringMaxLen, MiniYaml.Number(byName["string-max-len"]));
        Assert.Equal(GenlFamily.TeamChangeEventGroupName, byName["genl-change-event-mc-grp-name"]);
    }
}
