// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>
/// `teamdctl team0 state dump` against `teamfw ctl team0 state dump`, after genl.sh's first two rounds
/// of requests and once eth1's link is down, for roundrobin, activebackup, loadbalance and lacp: every key teamd has, with the same
/// value, and no key of teamfw's own outside "teamfw". setup.pid and setup.pid_file are each daemon's
/// own: each must name its daemon.
/// </summary>
public sealed class OracleStateTests
{
    public static TheoryData<string, int> Documents()
    {
        var data = new TheoryData<string, int>();
        foreach (string runner in new[] { "roundrobin", "activebackup", "loadbalance", "lacp" })
        {
            data.Add(runner, 1);
            data.Add(runner, 2);
            data.Add(runner, 3);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Documents))]
    public void EveryTeamdKey_SameValue_ExtrasUnderTeamfw(string runner, int round)
    {
        OracleRun o = OracleRun.Get();
        string s = o.Genl(runner);
        using JsonDocument teamd = JsonDocument.Parse(o.File(s, $"k.state{round}.json"));
        using JsonDocument teamfw = JsonDocument.Parse(o.File(s, $"f.state{round}.json"));
        Dictionary<string, string> k = Leaves(teamd.RootElement), f = Leaves(teamfw.RootElement);
        var diffs = new StringBuilder();
        Assert.Equal(o.File(s, "k.pid").Trim(), k["setup.pid"]);
        Assert.Equal(o.File(s, "f.pid").Trim(), f["setup.pid"]);
        Assert.Equal("\"/var/run/teamd/team0.pid\"", k["setup.pid_file"]);
        Assert.Equal("\"/run/f.sock.pid\"", f["setup.pid_file"]);
        foreach ((string path, string value) in k.Where(p => p.Key is not "setup.pid" and not "setup.pid_file"))
        {
            if (!f.TryGetValue(path, out string? mine))
            {
                diffs.Append($"  {path}: teamd {value}, teamfw has no such key\n");
            }
            else if (mine != value)
            {
                diffs.Append($"  {path}: teamd {value}, teamfw {mine}\n");
            }
        }

        foreach (string path in f.Keys.Where(p => !p.StartsWith("teamfw.", System.StringComparison.Ordinal) && !k.ContainsKey(p)))
        {
            diffs.Append($"  {path}: teamfw {f[path]}, not in teamd's document (teamfw's own keys go under \"teamfw\")\n");
        }

        Assert.True(diffs.Length == 0, $"{runner}, after round {round}:\n{diffs}");
    }

    /// <summary>The document's leaves by dotted path; an empty object or array is a leaf of its own.</summary>
    private static Dictionary<string, string> Leaves(JsonElement root)
    {
        var leaves = new Dictionary<string, string>();
        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any())
            {
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    Walk(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0)
            {
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Walk(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]");
                }
            }
            else
            {
                leaves[path] = e.GetRawText();
            }
        }

        Walk(root, string.Empty);
        return leaves;
    }
}
