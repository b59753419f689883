// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Text.Json;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>Runs a command (no shell) and returns its output; throws with stderr when it fails.</summary>
public static class Cmd
{
    public static string Run(string file, params string[] args) => RunFull(file, args, check: true).Stdout;

    public static (int Code, string Stdout, string Stderr) Try(string file, params string[] args) => RunFull(file, args, check: false);

    public static (int Code, string Stdout, string Stderr) RunFull(string file, string[] args, bool check, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
        }

        p.WaitForExit();
        var result = (p.ExitCode, stdout.Result, stderr.Result);
        if (check && p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {result.Item3.Trim()}");
        }

        return result;
    }

    /// <summary>Runs inside a namespace: ip netns exec NS FILE ARGS.</summary>
    public static string InNs(string ns, string file, params string[] args) => Run("ip", NetnsExec(ns, file, args));

    public static (int Code, string Stdout, string Stderr) TryInNs(string ns, string file, params string[] args) => Try("ip", NetnsExec(ns, file, args));

    private static string[] NetnsExec(string ns, string file, string[] args)
    {
        var all = new string[args.Length + 4];
        all[0] = "netns";
        all[1] = "exec";
        all[2] = ns;
        all[3] = file;
        Array.Copy(args, 0, all, 4, args.Length);
        return all;
    }

    /// <summary>`ip -j` output of one link, parsed.</summary>
    public static JsonElement Link(string ns, string dev, bool stats = false)
    {
        string json = stats ? Run("ip", "-n", ns, "-j", "-s", "-d", "link", "show", "dev", dev) : Run("ip", "-n", ns, "-j", "-d", "link", "show", "dev", dev);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement[0].Clone();
    }

    public static long RxPackets(string ns, string dev) => Link(ns, dev, stats: true).GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetInt64();

    public static long TxPackets(string ns, string dev) => Link(ns, dev, stats: true).GetProperty("stats64").GetProperty("tx").GetProperty("packets").GetInt64();

    public static string Mac(string ns, string dev) => Link(ns, dev).GetProperty("address").GetString()!;
}
