// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;

namespace TeamFw.Tests.Control;

/// <summary>
/// The YAML subset docs/control-protocol.yaml is written in (as the kernel's YNL specs are): documents
/// split by "---", block mappings and sequences by indentation, flow sequences "[a, b]", folded or
/// literal blocks ("&gt;", "|") and comments. Maps become dictionaries, sequences lists, scalars strings.
/// </summary>
internal static class MiniYaml
{
    public static List<Dictionary<string, object?>> ParseDocuments(string text)
    {
        var docs = new List<Dictionary<string, object?>>();
        foreach (string part in text.Split("\n---", StringSplitOptions.None))
        {
            var lines = new List<(int Indent, string Text)>();
            foreach (string raw in part.Split('\n'))
            {
                string line = raw.TrimEnd();
                string t = line.TrimStart();
                if (t.Length == 0 || t.StartsWith('#') || t == "---")
                {
                    continue;
                }

                lines.Add((line.Length - t.Length, t));
            }

            if (lines.Count > 0)
            {
                int i = 0;
                docs.Add((Dictionary<string, object?>)Block(lines, ref i, lines[0].Indent)!);
            }
        }

        return docs;
    }

    private static object? Block(List<(int Indent, string Text)> lines, ref int i, int indent)
        => lines[i].Text.StartsWith("- ", StringComparison.Ordinal) ? Sequence(lines, ref i, indent) : Mapping(lines, ref i, indent, null);

    private static List<object?> Sequence(List<(int Indent, string Text)> lines, ref int i, int indent)
    {
        var list = new List<object?>();
        while (i < lines.Count && lines[i].Indent == indent && lines[i].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            string first = lines[i].Text[2..];
            if (first.Contains(':', StringComparison.Ordinal))
            {
                list.Add(Mapping(lines, ref i, indent + 2, first));
            }
            else
            {
                list.Add(Scalar(first));
                i++;
            }
        }

        return list;
    }

    private static Dictionary<string, object?> Mapping(List<(int Indent, string Text)> lines, ref int i, int indent, string? firstLine)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        bool first = firstLine is not null;
        while (i < lines.Count)
        {
            string text;
            if (first)
            {
                text = firstLine!;
                first = false;
            }
            else if (lines[i].Indent == indent && !lines[i].Text.StartsWith("- ", StringComparison.Ordinal))
            {
                text = lines[i].Text;
            }
            else
            {
                break;
            }

            int colon = text.IndexOf(':', StringComparison.Ordinal);
            string key = text[..colon].Trim();
            string value = text[(colon + 1)..].Trim();
            i++;
            if (value is ">" or "|")
            {
                var sb = new List<string>();
                while (i < lines.Count && lines[i].Indent > indent)
                {
                    sb.Add(lines[i++].Text);
                }

                map[key] = string.Join(value == ">" ? " " : "\n", sb);
            }
            else if (value.Length == 0)
            {
                map[key] = i < lines.Count && lines[i].Indent > indent ? Block(lines, ref i, lines[i].Indent) : null;
            }
            else if (value.StartsWith('['))
            {
                var items = new List<object?>();
                foreach (string item in value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    items.Add(Scalar(item));
                }

                map[key] = items;
            }
            else
            {
                map[key] = Scalar(value);
            }
        }

        return map;
    }

    private static string Scalar(string s) => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') ? s[1..^1] : s;

    public static long Number(object? s)
    {
        string v = (string)s!;
        return v.StartsWith("0x", StringComparison.Ordinal) ? long.Parse(v[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : long.Parse(v, CultureInfo.InvariantCulture);
    }
}
