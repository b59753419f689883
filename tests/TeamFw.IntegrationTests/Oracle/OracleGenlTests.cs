// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>
/// The team family, request for request: the same `teamfw nl --raw` batches (tests/oracle/guest/genl.sh)
/// answered by the kernel team driven by teamd and by teamfw, for every runner — OPTIONS_GET,
/// PORT_LIST_GET, and OPTIONS_SET of every writable option with good and bad values. Every answer is
/// compared attribute by attribute (<see cref="GenlTranscript"/>: ifindexes as names, the documented
/// differences masked), every errno exactly.
/// </summary>
public sealed class OracleGenlTests
{
    public static TheoryData<string, string> Rounds()
    {
        var data = new TheoryData<string, string>();
        foreach (string runner in OracleRun.Runners)
        {
            foreach (string round in new[] { "round1", "round2", "round3", "round5", "round4" })
            {
                data.Add(runner, round);
            }
        }

        return data;
    }

    public static TheoryData<string> Runners() => new(OracleRun.Runners);

    [SkippableTheory]
    [MemberData(nameof(Rounds))]
    public void SameAnswers_AttributeByAttribute(string runner, string round)
    {
        OracleRun o = OracleRun.Get();
        string s = o.Genl(runner);
        List<GenlCommand> k = GenlTranscript.Parse(o.File(s, $"k.{round}.raw"));
        List<GenlCommand> f = GenlTranscript.Parse(o.File(s, $"f.{round}.raw"));
        string requests = o.File(s, round);
        int expected = requests.Split('\n').Count(l => l.Length > 0);
        Assert.True(k.Count == expected, $"the kernel side answered {k.Count} of {expected} commands:\n{o.File(s, $"k.{round}.err")}");
        Assert.True(f.Count == expected, $"the teamfw side answered {f.Count} of {expected} commands:\n{o.File(s, $"f.{round}.err")}");
        Dictionary<uint, string> kl = GenlTranscript.Links(o.File(s, "k.links")), fl = GenlTranscript.Links(o.File(s, "f.links"));
        bool balancer = runner == "lacp";
        var diffs = new StringBuilder();
        for (int i = 0; i < k.Count; i++)
        {
            if (k[i].Errno != f[i].Errno)
            {
                diffs.Append($"> {k[i].Text}\n  errno: kernel {k[i].Errno}, teamfw {f[i].Errno}\n");
                continue;
            }

            bool sameSizes = GenlTranscript.ItemSizes(k[i]).SequenceEqual(GenlTranscript.ItemSizes(f[i]));
            List<string> kr = GenlTranscript.Render(k[i], kl, balancer, sameSizes);
            List<string> fr = GenlTranscript.Render(f[i], fl, balancer, sameSizes);
            Diff(diffs, k[i].Text, kr, fr);
        }

        Assert.True(diffs.Length == 0, $"{runner} {round}: the kernel and teamfw answered differently:\n{diffs}");
    }

    /// <summary>teamnl and `teamfw nl`, both asking the kernel team: the same lines (the "changed" mark and the lb counters, which move between the two asks, aside).</summary>
    [SkippableTheory]
    [MemberData(nameof(Runners))]
    public void TeamfwNl_PrintsWhatTeamnlPrints_ForAKernelTeam(string runner)
    {
        OracleRun o = OracleRun.Get();
        string s = o.Genl(runner);
        foreach (string what in new[] { "options", "ports" })
        {
            string[] teamnl = Lines(o.File(s, "k.teamnl." + what));
            string[] fwnl = Lines(o.File(s, "k.fwnl." + what));
            Assert.True(teamnl.Length > 1, $"teamnl {what}: {string.Join('\n', teamnl)}");
            Assert.Equal(teamnl, fwnl);
        }
    }

    private static string[] Lines(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Length > 0 && l[0] is '*' or ' ' ? l[1..] : l)
            .Select(l => l.StartsWith("lb_hash_stats ", StringComparison.Ordinal) || l.StartsWith("lb_port_stats ", StringComparison.Ordinal) ? l[..l.LastIndexOf(')')] : l)
            .ToArray();

    internal static void Diff(StringBuilder diffs, string title, List<string> kernel, List<string> teamfw)
    {
        int n = Math.Max(kernel.Count, teamfw.Count);
        for (int j = 0; j < n; j++)
        {
            string? a = j < kernel.Count ? kernel[j] : null;
            string? b = j < teamfw.Count ? teamfw[j] : null;
            if (a is null || b is null || !GenlTranscript.Same(a, b))
            {
                diffs.Append($"> {title}\n");
                for (int c = Math.Max(0, j - 2); c < Math.Min(n, j + 4); c++)
                {
                    string ka = c < kernel.Count ? kernel[c] : "(nothing)";
                    string fb = c < teamfw.Count ? teamfw[c] : "(nothing)";
                    diffs.Append(ka == fb ? $"    {ka}\n" : $"  - kernel: {ka}\n  + teamfw: {fb}\n");
                }

                return;
            }
        }
    }
}
