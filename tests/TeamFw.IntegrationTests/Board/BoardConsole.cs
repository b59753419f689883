// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TeamFw.IntegrationTests.Board;

/// <summary>One scenario as the guest reported it: its RESULT line, its output and its DATA lines.</summary>
public sealed record BoardScenario(string Name, string Status, double Seconds, string Reason, IReadOnlyList<string> Output, IReadOnlyList<KeyValuePair<string, string>> Data)
{
    public bool Passed => Status == "pass";

    /// <summary>The values of DATA lines with KEY, in order.</summary>
    public IEnumerable<string> Values(string key) => Data.Where(d => d.Key == key).Select(static d => d.Value);

    /// <summary>The last DATA value of KEY as a number; throws naming the key when there is none.</summary>
    public long Number(string key)
    {
        string? value = Values(key).LastOrDefault();
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new FormatException($"scenario {Name}: no number for DATA {key} (got '{value}')");
    }

    /// <summary>The RESULT line and the scenario's output, for a failure message.</summary>
    public override string ToString()
        => $"RESULT {Name} {Status} {Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s {Reason}\n{string.Join('\n', Output)}";
}

/// <summary>Reads the console protocol of tests/board/board.sh (the comment at its top).</summary>
public static class BoardConsole
{
    public static Dictionary<string, BoardScenario> Parse(string console, out double? secondsToUserSpace)
    {
        var scenarios = new Dictionary<string, BoardScenario>(StringComparer.Ordinal);
        secondsToUserSpace = null;
        string? current = null;
        var output = new List<string>();
        var data = new List<KeyValuePair<string, string>>();
        foreach (string raw in console.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            string[] words = line.Split(' ', 3);
            switch (words[0])
            {
                case "BOARD-BEGIN":
                    string? uptime = line.Split(' ').FirstOrDefault(static w => w.StartsWith("uptime=", StringComparison.Ordinal));
                    secondsToUserSpace = uptime is null ? null : double.Parse(uptime["uptime=".Length..], CultureInfo.InvariantCulture);
                    continue;
                case "SCENARIO-BEGIN" when words.Length >= 2:
                    current = words[1];
                    output.Clear();
                    data.Clear();
                    continue;
                case "DATA" when words.Length == 3 && words[1] == current:
                    string[] kv = words[2].Split(' ', 2);
                    data.Add(new(kv[0], kv.Length > 1 ? kv[1] : string.Empty));
                    continue;
                case "RESULT" when words.Length == 3:
                    string[] rest = words[2].Split(' ', 3);
                    double seconds = rest.Length > 1 && double.TryParse(rest[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 0;
                    scenarios[words[1]] = new BoardScenario(words[1], rest[0], seconds, rest.Length > 2 ? rest[2] : string.Empty, [.. output], [.. data]);
                    current = null;
                    continue;
            }

            if (current is not null)
            {
                output.Add(line);
            }
        }

        return scenarios;
    }
}
