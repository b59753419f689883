// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;

namespace TeamFw.Cli.Teamdctl;

/// <summary>teamdctl's command tree (utils/teamdctl.c command_types): parent, name, parameters; null Id = not executable.</summary>
internal sealed record CtlCommand(string? Id, string? Parent, string Name, string[] Params, string Key);

internal static class CtlCommands
{
    public static readonly CtlCommand[] All =
    [
        new(null, null, "config", [], "c"),
        new("config dump", "c", "dump", [], "c_d"),
        new("config dump noports", "c_d", "noports", [], "c_d_n"),
        new("config dump actual", "c_d", "actual", [], "c_d_a"),
        new("state view", null, "state", [], "s"),
        new("state dump", "s", "dump", [], "s_d"),
        new("state view", "s", "view", [], "s_v"),
        new(null, "s", "item", [], "s_i"),
        new("state item get", "s_i", "get", ["ITEMPATH"], "s_i_g"),
        new("state item set", "s_i", "set", ["ITEMPATH", "VALUE"], "s_i_s"),
        new(null, null, "port", [], "p"),
        new("port add", "p", "add", ["PORTDEV"], "p_a"),
        new("port remove", "p", "remove", ["PORTDEV"], "p_r"),
        new("port present", "p", "present", ["PORTDEV"], "p_p"),
        new(null, "p", "config", [], "p_c"),
        new("port config update", "p_c", "update", ["PORTDEV", "PORTCONFIG"], "p_c_u"),
        new("port config dump", "p_c", "dump", ["PORTDEV"], "p_c_d"),
    ];

    /// <summary>
    /// find_command: each word selects, by prefix, the first child of the previous one; the walk stops at an
    /// executable command when no more words remain than it takes parameters.
    /// </summary>
    public static CtlCommand? Find(List<string> words, out List<string> args, out string? error)
    {
        string? parent = null;
        int i = 0;
        while (true)
        {
            if (i >= words.Count)
            {
                args = [];
                error = "None or incomplete command";
                return null;
            }

            string word = words[i++];
            CtlCommand? c = Array.Find(All, x => x.Parent == parent && x.Name.StartsWith(word, StringComparison.Ordinal));
            if (c is null)
            {
                args = [];
                error = $"Unknown command \"{word}\".";
                return null;
            }

            if (c.Id is not null && c.Params.Length >= words.Count - i)
            {
                args = words.GetRange(i, words.Count - i);
                if (args.Count < c.Params.Length)
                {
                    error = $"Command line parameter \"{c.Params[args.Count]}\" expected.";
                    return null;
                }

                error = null;
                return c;
            }

            parent = c.Key;
        }
    }

    public static string Help(string tool)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(tool).Append(" [options] teamdevname command [command args]\n")
            .Append("    -h --help                Show this help\n")
            .Append("    -v --verbose             Increase output verbosity\n")
            .Append("    -o --oneline             Force output to one line if possible\n")
            .Append("    -S --socket=PATH         teamfw control socket (default /run/teamfw/teamfw.sock, $TEAMFW_SOCKET)\n")
            .Append("Commands:\n");
        foreach (CtlCommand c in All)
        {
            if (c.Id is null)
            {
                continue;
            }

            sb.Append("    ").Append(FullName(c));
            foreach (string p in c.Params)
            {
                sb.Append(' ').Append(p);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string FullName(CtlCommand c)
    {
        CtlCommand? parent = c.Parent is null ? null : Array.Find(All, x => x.Key == c.Parent);
        return parent is null ? c.Name : FullName(parent) + " " + c.Name;
    }
}
