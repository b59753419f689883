// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.Cli;
using TeamFw.Native.Runtime;

namespace TeamFw;

/// <summary>One multi-call binary: teamfw, and through links teamd, teamdctl and teamnl (README "Command line").</summary>
internal static class Program
{
    public const string Version = "0.1.0";

    private static int Main(string[] args)
    {
        // First, before our threads malloc: one glibc arena instead of 64 MiB of address space
        // per thread (MallocArenas; README, Runtime footprint).
        MallocArenas.Limit(1);
        string invokedAs = InvokedAs();
        switch (invokedAs)
        {
            case "teamd":
                return DaemonCommand.Run(args);
            case "teamdctl":
                return Cli.Teamdctl.CtlCommandRunner.Run(args, "teamdctl");
            case "teamnl":
                return Cli.Teamnl.NlCommand.Run(args, "teamnl");
        }

        if (args.Length == 0)
        {
            return DaemonCommand.Run(args);
        }

        switch (args[0])
        {
            case "version":
            case "--version":
                StdIo.Out.WriteLine("teamfw " + Version);
                return 0;
            case "help":
            case "--help":
            case "-h":
                StdIo.Out.WriteLine(Usage.Text);
                return 0;
            case "ctl":
                return Cli.Teamdctl.CtlCommandRunner.Run(args[1..], "teamfw ctl");
            case "nl":
                return Cli.Teamnl.NlCommand.Run(args[1..], "teamfw nl");
            case "stats":
                return StatsCommand.Run(args[1..]);
            case "lab":
                return Lab.LabCommand.Run(args.AsSpan(1).ToArray());
            case "uci":
                return Uci.UciCommand.Run(args.AsSpan(1).ToArray());
            default:
                return DaemonCommand.Run(args);
        }
    }

    /// <summary>argv[0] as given (busybox style), from /proc/self/cmdline.</summary>
    private static string InvokedAs()
    {
        try
        {
            string cmdline = File.ReadAllText("/proc/self/cmdline");
            int nul = cmdline.IndexOf('\0', StringComparison.Ordinal);
            string argv0 = nul >= 0 ? cmdline[..nul] : cmdline;
            return Path.GetFileName(argv0);
        }
        catch (IOException)
        {
            return "teamfw";
        }
    }
}
