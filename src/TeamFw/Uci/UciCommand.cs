// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.Config;
using TeamFw.Native.Runtime;

namespace TeamFw.Uci;

/// <summary>
/// <c>teamfw uci [--ports | -o DIR] [FILE]</c>: what the daemon's <c>--uci FILE</c> would run, for people
/// and for the procd script. Default FILE: /etc/config/teamfw.
/// <list type="bullet">
/// <item>no flag: the teamd JSON of each enabled team, one per line;</item>
/// <item><c>--ports</c>: "TEAM PORT..." per enabled team (the procd script's netdev list; nothing when no team is enabled);</item>
/// <item><c>-o DIR</c>: DIR/TEAM.conf per enabled team, usable with <c>teamfw -f</c> or teamd.</item>
/// </list>
/// Warnings go to stderr; a configuration error exits 2 with the file, line, uci path and reason.
/// </summary>
internal static class UciCommand
{
    public const string DefaultFile = "/etc/config/teamfw";

    public static int Run(string[] args)
    {
        bool ports = false;
        string? outDir = null;
        string? file = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ports":
                    ports = true;
                    break;
                case "-o" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                default:
                    if (file is not null || args[i].StartsWith('-'))
                    {
                        StdIo.Error.WriteLine("usage: teamfw uci [--ports | -o DIR] [FILE]   (default FILE: " + DefaultFile + ")");
                        return 2;
                    }

                    file = args[i];
                    break;
            }
        }

        file ??= DefaultFile;
        IReadOnlyList<UciTeam> teams;
        try
        {
            UciDocument doc = UciParser.ParseFile(file);
            foreach (string w in UciTranslator.IgnoredSections(doc))
            {
                StdIo.Error.WriteLine("warning: " + w);
            }

            teams = UciTranslator.Translate(doc);
            foreach (UciTeam t in teams)
            {
                foreach (string w in t.Warnings)
                {
                    StdIo.Error.WriteLine("warning: " + w);
                }

                LoadResult r = ConfigLoader.Load(t.Source, t.Json);
                foreach (string w in r.Warnings)
                {
                    StdIo.Error.WriteLine("warning: " + w);
                }
            }
        }
        catch (ConfigException e)
        {
            StdIo.Error.WriteLine("teamfw: " + e.Message);
            return 2;
        }

        foreach (UciTeam t in teams)
        {
            if (ports)
            {
                StdIo.Out.WriteLine(string.Join(' ', [t.Device, .. t.Ports]));
            }
            else if (outDir is not null)
            {
                string path = Path.Combine(outDir, t.Device + ".conf");
                try
                {
                    Directory.CreateDirectory(outDir);
                    File.WriteAllText(path, t.Json + "\n");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    StdIo.Error.WriteLine($"teamfw: {path}: {e.Message}");
                    return 1;
                }

                StdIo.Out.WriteLine(path);
            }
            else
            {
                StdIo.Out.WriteLine(t.Json);
            }
        }

        return 0;
    }
}
