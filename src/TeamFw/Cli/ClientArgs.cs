// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Native.Runtime;

namespace TeamFw.Cli;

/// <summary>What the three clients share: the socket path (-S, $TEAMFW_SOCKET, default) and the exit-code rules (README "Command line").</summary>
internal static class ClientArgs
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitUnreachable = 3;

    public static string DefaultSocket => Environment.GetEnvironmentVariable("TEAMFW_SOCKET") is { Length: > 0 } s ? s : ControlSocketFile.DefaultPath;

    /// <summary>
    /// Splits getopt-style: options may come anywhere (GNU permutation) until "--"; <paramref name="withValue"/>
    /// lists the options that take a value (given separately or attached: -peth1, --port_name=eth1).
    /// </summary>
    public static (Dictionary<string, string> Options, List<string> Words) Parse(string[] args, string[] flags, string[] withValue)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                rest.AddRange(args.AsSpan(i + 1).ToArray());
                break;
            }

            if (a.Length < 2 || a[0] != '-')
            {
                rest.Add(a);
                continue;
            }

            string name = a;
            string? value = null;
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = a[..eq];
                value = a[(eq + 1)..];
            }
            else if (!a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2 && Array.IndexOf(withValue, a[..2]) >= 0)
            {
                name = a[..2];
                value = a[2..];
            }

            if (Array.IndexOf(withValue, name) >= 0)
            {
                value ??= i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {name} needs a value");
                options[name] = value;
            }
            else if (Array.IndexOf(flags, name) >= 0)
            {
                options[name] = options.TryGetValue(name, out string? n) ? n + "+" : "+";
            }
            else
            {
                throw new ArgumentException($"unknown option \"{a}\"");
            }
        }

        return (options, rest);
    }

    /// <summary>Runs a client body, mapping an unreachable daemon to exit 3 with one line.</summary>
    public static int Guard(string tool, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ControlUnreachableException e)
        {
            StdIo.Error.WriteLine($"{tool}: {e.Message}");
            return ExitUnreachable;
        }
    }
}
