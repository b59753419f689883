// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.ComponentModel;
using System.IO;
using System.Text.Json;
using TeamFw.Native.Runtime;

namespace TeamFw.Lab;

/// <summary>`teamfw lab [up|down|demo]` : a throwaway team-to-team topology in network namespaces.</summary>
internal static class LabCommand
{
    public const string Usage = """
        usage: teamfw lab up|down|demo
          up    make namespaces tflab-host and tflab-peer joined by veth links tl1-tp1
                and tl2-tp2, with an activebackup team0 on each side (10.254.0.1/24,
                10.254.0.2/24) run by this binary; state in /run/teamfw-lab
          down  stop those daemons, delete those namespaces and the state directory
          demo  up, traffic, fail the active link and measure the outage, restore it,
                show state and counters, down (always, also after an error or Ctrl-C)
        """;

    public static int Run(string[] args)
    {
        if (args.Length != 1 || args[0] is "help" or "--help" or "-h")
        {
            bool help = args.Length == 1;
            (help ? StdIo.Out : StdIo.Error).WriteLine(Usage);
            return help ? 0 : 2;
        }

        string verb = args[0];
        if (verb is not ("up" or "down" or "demo"))
        {
            StdIo.Error.WriteLine($"teamfw lab: unknown command \"{verb}\"");
            StdIo.Error.WriteLine(Usage);
            return 2;
        }

        if (Preflight(buildsLab: verb != "down") is string problem)
        {
            StdIo.Error.WriteLine(problem);
            return 1;
        }

        using var ctx = new LabContext(new LabState(LabState.DefaultDir), StdIo.Out);
        try
        {
            switch (verb)
            {
                case "up":
                    LabUp.PrintUsage(ctx, LabUp.Create(ctx));
                    return 0;
                case "down":
                    ctx.Section("lab down");
                    return LabDown.Run(ctx.State, ctx.Out);
                default:
                    return LabDemo.Run(ctx);
            }
        }
        catch (OperationCanceledException)
        {
            StdIo.Error.WriteLine("teamfw lab: interrupted");
            return 1;
        }
        catch (Exception e) when (IsExpected(e))
        {
            StdIo.Out.Flush();
            StdIo.Error.WriteLine("teamfw lab: " + e.Message);
            return 1;
        }
    }

    /// <summary>Failures a lab step can meet at run time (a bug shows its stack trace instead).</summary>
    public static bool IsExpected(Exception e)
        => e is LabException or IOException or UnauthorizedAccessException or Win32Exception or JsonException or TeamFw.Native.Interop.ErrnoException;

    /// <summary>Why the lab cannot run here, or null.</summary>
    private static string? Preflight(bool buildsLab)
    {
        string status;
        try
        {
            status = File.ReadAllText("/proc/self/status");
        }
        catch (IOException)
        {
            status = string.Empty;
        }

        if (IpOutput.EffectiveUid(status) != 0)
        {
            return "teamfw lab needs root (network namespaces)";
        }

        if (!Tool.OnPath("ip"))
        {
            return "teamfw lab needs the ip command: install the iproute2 package";
        }

        if (buildsLab && !Tool.OnPath("ping"))
        {
            return "teamfw lab needs the ping command: install the iputils-ping package";
        }

        if (buildsLab && !Tool.OnPath("setsid"))
        {
            return "teamfw lab needs the setsid command: install the util-linux package";
        }

        return null;
    }
}
