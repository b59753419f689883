// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Linq;
using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>
/// Behaviour against the real thing (tests/oracle/guest/failover.sh and lacp.sh): activebackup failover
/// loses no more than 2 pings more than teamd over the kernel team does on the same topology; LACP between
/// teamd and teamfw converges — within 1 s at fast rate — in every combination, whoever starts first,
/// with traffic on both links both ways, and again after a port is removed and re-added on either side.
/// </summary>
public sealed class OracleBehaviourTests
{
    public static TheoryData<string> Lacp() => new(OracleRun.LacpScenarios.Select(l => l.Name));

    [SkippableFact]
    public void ActiveBackupFailover_LosesAtMostTwoPingsMoreThanTeamd()
    {
        OracleRun o = OracleRun.Get();
        o.Passed("failover");
        int teamd = Number(o, "failover", "lost_teamd"), teamfw = Number(o, "failover", "lost_teamfw");
        Assert.Equal("eth2", o.Data("failover", "active_teamd")[0]);
        Assert.Equal("eth2", o.Data("failover", "active_teamfw")[0]);
        Assert.True(teamfw <= teamd + 2, $"600 pings 5 ms apart, eth1 cut after 150: teamd over the kernel team lost {teamd}, teamfw {teamfw}");
    }

    [SkippableTheory]
    [MemberData(nameof(Lacp))]
    public void Lacp_TeamdAndTeamfw_Converge_TrafficOnBothLinks(string scenario)
    {
        OracleRun o = OracleRun.Get();
        o.Passed(scenario);
        bool fast = scenario.Contains("-fast-", System.StringComparison.Ordinal);
        int converge = Number(o, scenario, "converge_ms");
        if (fast)
        {
            Assert.True(converge <= 1000, $"{scenario}: converged in {converge} ms (target at fast rate: 1 s)");
        }

        Traffic(o, scenario, "traffic");
        string vars = OracleRun.LacpScenarios.First(l => l.Name == scenario).Vars;
        if (vars.Contains("CHURN=1", System.StringComparison.Ordinal))
        {
            foreach (string side in new[] { "teamd", "teamfw" })
            {
                // The target is the start's second; a re-added port gets two (quiet host: 0.1–0.2 s; at load 13
                // from other runs 0.86–0.95 s were seen, counted from the add command's return).
                int again = Number(o, scenario, $"readd_{side}_ms");
                Assert.True(again <= 2000, $"{scenario}: eth1 removed and re-added on the {side} side: converged again in {again} ms (allowed: 2 s)");
                Traffic(o, scenario, $"traffic_after_{side}_readd");
            }
        }

        // Each sees the other as its partner on both links: teamd's team is 02:00:00:00:00:10, teamfw's :20.
        using JsonDocument k = JsonDocument.Parse(o.File(scenario, "k.state.json"));
        using JsonDocument f = JsonDocument.Parse(o.File(scenario, "f.state.json"));
        foreach (string port in new[] { "eth1", "eth2" })
        {
            Assert.Equal("02:00:00:00:00:20", Partner(k, port));
            Assert.Equal("02:00:00:00:00:10", Partner(f, port));
        }
    }

    private static string? Partner(JsonDocument state, string port)
        => state.RootElement.GetProperty("ports").GetProperty(port).GetProperty("runner").GetProperty("partner_lacpdu_info").GetProperty("system").GetString();

    /// <summary>8 flows of 12 pings: each link carried at least 10 packets each way (LACPDUs are a few a second at most).</summary>
    private static void Traffic(OracleRun o, string scenario, string key)
    {
        string[] v = o.Data(scenario, key);
        int[] n = v.Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(n.Length == 4 && n.All(x => x >= 10), $"{scenario} {key}: packets sent on teamd's eth1, eth2 and teamfw's eth1, eth2: {string.Join(", ", n)}");
    }

    private static int Number(OracleRun o, string scenario, string key)
    {
        return int.Parse(o.Data(scenario, key)[0], CultureInfo.InvariantCulture);
    }
}
