// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.IntegrationTests.Packaging;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>What one implementation made of one config: accepted (started, and for teamd no error logged), and why not.</summary>
public sealed record CorpusVerdict(bool Accepted, string Detail);

/// <summary>
/// The config corpus (tests/oracle/corpus/*.json, one teamd config per file, valid ones named "ok-…" and
/// broken ones "bad-…"): packed for the guest, where teamd judges each (tests/oracle/guest/corpus.sh),
/// and judged here by teamfw, started with `teamfw -d` on ports eth1 and eth2 in a namespace of its own,
/// as teamd was in the guest.
/// </summary>
public static class OracleCorpus
{
    private static readonly Lazy<Dictionary<string, CorpusVerdict>> s_teamfw = new(JudgeAll);

    public static string Directory => Repo.Path("tests", "oracle", "corpus");

    public static IEnumerable<string> Names()
        => System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static void Pack(string tarPath)
    {
        using FileStream tar = File.Create(tarPath);
        using var w = new TarWriter(tar, TarEntryFormat.Ustar);
        foreach (string name in Names())
        {
            w.WriteEntry(Path.Combine(Directory, name + ".json"), name + ".json");
        }
    }

    /// <summary>
    /// teamd's verdict (tests/oracle/guest/corpus.sh): from its "NAME EXIT PID MS" line in runs, what it
    /// said on stderr before it daemonized, and what teamd with that pid logged at level err in syslog
    /// ("... daemon.err teamd_DEV[PID]: message") before the guest stopped it ("oracle: stop PID").
    /// </summary>
    public static CorpusVerdict Teamd(OracleRun o, string name)
    {
        o.Passed("corpus");
        string[] run = o.File("corpus", "runs").Split('\n').Select(l => l.Split(' ')).FirstOrDefault(w => w[0] == name)
            ?? throw new InvalidOperationException($"teamd did not run {name}");
        // Before it daemonizes teamd parses the config and reads debug_level and device, reporting to stderr
        // without a level; its errors there all start "Failed" (with debug_level > 0 debug lines come too).
        List<string> early = o.File("corpus", $"stderr/{name}.stderr").Split('\n')
            .Where(l => l.StartsWith("Failed", StringComparison.Ordinal)).ToList();
        if (run[1] != "0")
        {
            return new CorpusVerdict(false, $"teamd -d exited {run[1]}{(early.Count > 0 ? ": " + string.Join(" / ", early) : string.Empty)}");
        }

        string tag = "[" + run[2] + "]: ", stop = "oracle: stop " + run[2];
        List<string> errors = o.File("corpus", "syslog").Split('\n')
            .TakeWhile(l => !l.EndsWith(stop, StringComparison.Ordinal))
            .Where(l => l.Contains(" daemon.err teamd_", StringComparison.Ordinal) && l.Contains(tag, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(tag, StringComparison.Ordinal) + tag.Length)..])
            .Where(m => !Array.Exists(s_races, r => m.EndsWith(r, StringComparison.Ordinal))).ToList();
        errors.InsertRange(0, early);
        return errors.Count == 0
            ? new CorpusVerdict(true, "started")
            : new CorpusVerdict(false, $"teamd started and logged {errors.Count} error(s): {string.Join(" / ", errors)}");
    }

    public static CorpusVerdict Teamfw(string name) => s_teamfw.Value[name];

    /// <summary>Judges every config with teamfw now; a failure is kept by the Lazy, and every <see cref="Teamfw"/> reports it.</summary>
    public static void JudgeTeamfw() => _ = s_teamfw.Value;

    /// <summary>
    /// Errors teamd 1.31 logs now and then for a valid config, from races between its runners and the
    /// kernel's option list while ports are added (seen for lacp and loadbalance configs in some runs only):
    /// not a verdict on the config.
    /// </summary>
    private static readonly string[] s_races =
    [
        "Failed to find \"enabled\" option.", "Failed to enable port.", "Failed to disable port.",
        "is not part of this device.", "ioctl SIOCDELMULTI failed.",
    ];

    private static Dictionary<string, CorpusVerdict> JudgeAll()
    {
        string bin = TeamfwProcess.BinaryPath ?? throw new InvalidOperationException("the teamfw binary was not found");
        string ns = $"tforc{Environment.ProcessId}", peer = ns + "p";
        string dir = System.IO.Directory.CreateTempSubdirectory("teamfw-corpus-").FullName;
        string sock = Path.Combine(dir, "t.sock"), pid = Path.Combine(dir, "t.pid");
        var verdicts = new Dictionary<string, CorpusVerdict>();
        try
        {
            Cmd.Run("ip", "netns", "add", ns);
            Cmd.Run("ip", "netns", "add", peer);
            Cmd.Run("ip", "-n", ns, "link", "set", "lo", "up");
            foreach (string p in new[] { "1", "2" })
            {
                Cmd.Run("ip", "-n", ns, "link", "add", "eth" + p, "type", "veth", "peer", "name", "p" + p, "netns", peer);
                Cmd.Run("ip", "-n", peer, "link", "set", "p" + p, "up");
            }

            foreach (string name in Names())
            {
                var (code, _, stderr) = Cmd.RunFull("ip", ["netns", "exec", ns, bin, "-d", "-S", sock, "-p", pid, "-f", Path.Combine(Directory, name + ".json")], check: false);
                if (code == 0)
                {
                    var stop = Cmd.TryInNs(ns, bin, "-k", "-p", pid);
                    if (stop.Code != 0)
                    {
                        throw new InvalidOperationException($"{name}: teamfw -k failed: {stop.Stderr}");
                    }
                }

                string first = stderr.Split('\n').FirstOrDefault(l => l.Length > 0) ?? string.Empty;
                verdicts[name] = new CorpusVerdict(code == 0, code == 0 ? "started" : $"teamfw -d exited {code}: {first}");
            }
        }
        finally
        {
            Cmd.Try("ip", "netns", "del", ns);
            Cmd.Try("ip", "netns", "del", peer);
            System.IO.Directory.Delete(dir, recursive: true);
        }

        return verdicts;
    }
}
