// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>
/// Config acceptance: every config of the corpus given to teamd (in the oracle machine) and to teamfw
/// (here): both accept or both refuse, except where README "Compatibility with the kernel team driver and
/// teamd" says why not (<see cref="Intended"/>: that difference must still be there, or the list and the
/// README are out of date).
/// </summary>
public sealed class OracleCorpusTests
{
    /// <summary>Configs teamd and teamfw judge differently on purpose, with the README's reason in short.</summary>
    public static readonly IReadOnlyDictionary<string, string> Intended = new Dictionary<string, string>
    {
        ["bad-device-missing"] = "teamd names the team teamN, the first free; teamfw needs the name (several teams per daemon, re-read on SIGHUP)",
        ["bad-port-missing"] = "teamd skips a port that does not exist; teamfw refuses the team naming the port",
        ["bad-arp-target-unresolvable"] = "teamd fails the watcher when target_host does not resolve at start; teamfw resolves in the background and retries",
        ["bad-tx-hash-unknown"] = "teamd warns and drops an unknown tx_hash field; teamfw refuses it",
        ["bad-tx-hash-not-array"] = "teamd ignores a tx_hash that is not an array; teamfw refuses it",
        ["ok-lb-tx-hash-empty"] = "teamd hashes nothing with an empty tx_hash (every flow on one port); teamfw refuses it",
        ["bad-tx-balancer-unknown"] = "teamd runs without a balancer when its name is unknown; teamfw refuses the name",
        ["bad-tx-balancer-not-object"] = "teamd ignores a tx_balancer that is not an object; teamfw refuses it",
        ["bad-ports-not-object"] = "teamd starts without ports when ports is not an object; teamfw refuses it",
        ["bad-link-watch-policy-unknown"] = "teamd 1.31 has no link_watch_policy (1.32's); teamfw refuses an unknown policy",
        ["bad-lacp-min-ports-256"] = "teamd 1.31 allows min_ports up to 255; teamfw allows 1024, as teamd 1.32",
        ["bad-lacp-min-ports-1024"] = "teamd 1.31 allows min_ports up to 255; teamfw allows 1024, as teamd 1.32",
    };

    public static TheoryData<string> Configs() => new(OracleCorpus.Names());

    [Fact]
    public void Corpus_HasAHundredConfigs_ValidAndBroken()
    {
        List<string> names = OracleCorpus.Names().ToList();
        Assert.True(names.Count >= 100, $"{names.Count} configs");
        Assert.True(names.Count(n => n.StartsWith("ok-", System.StringComparison.Ordinal)) >= 40);
        Assert.True(names.Count(n => n.StartsWith("bad-", System.StringComparison.Ordinal)) >= 60);
        Assert.All(Intended.Keys, n => Assert.Contains(n, names));
    }

    [SkippableTheory]
    [MemberData(nameof(Configs))]
    public void TeamdAndTeamfw_BothAcceptOrBothRefuse(string config)
    {
        OracleRun o = OracleRun.Get();
        CorpusVerdict teamd = OracleCorpus.Teamd(o, config);
        CorpusVerdict teamfw = OracleCorpus.Teamfw(config);
        if (Intended.TryGetValue(config, out string? why))
        {
            Assert.True(teamd.Accepted != teamfw.Accepted, $"{config}: the intended difference ({why}) is gone — teamd: {teamd.Detail}; teamfw: {teamfw.Detail}");
            return;
        }

        Assert.True(teamd.Accepted == teamfw.Accepted, $"{config}: teamd {(teamd.Accepted ? "accepts" : "refuses")} ({teamd.Detail}), teamfw {(teamfw.Accepted ? "accepts" : "refuses")} ({teamfw.Detail})");
    }
}
