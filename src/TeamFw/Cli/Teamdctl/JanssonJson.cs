// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TeamFw.Cli.Teamdctl;

/// <summary>
/// JSON printed as teamdctl prints it: jansson's json_dumps(JSON_INDENT(4) | JSON_ENSURE_ASCII |
/// JSON_SORT_KEYS) — keys sorted bytewise, four-space indent, ": " after keys, "{}" and "[]" for empty
/// containers, non-ASCII as \uXXXX; with -o (indent 0) everything on one line with ", " between items.
/// </summary>
internal static class JanssonJson
{
    public static string Dump(string json, bool oneline)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return Dump(doc.RootElement, oneline);
    }

    public static string Dump(JsonElement e, bool oneline)
    {
        var sb = new StringBuilder();
        Write(sb, e, oneline ? -1 : 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement e, int depth)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var props = new System.Collections.Generic.List<JsonProperty>();
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    props.Add(p);
                }

                props.Sort(static (a, b) => CompareUtf8(a.Name, b.Name));
                if (props.Count == 0)
                {
                    sb.Append("{}");
                    return;
                }

                sb.Append('{');
                for (int i = 0; i < props.Count; i++)
                {
                    Separator(sb, depth + 1, i > 0);
                    String(sb, props[i].Name);
                    sb.Append(": ");
                    Write(sb, props[i].Value, depth < 0 ? -1 : depth + 1);
                }

                Close(sb, depth);
                sb.Append('}');
                return;
            case JsonValueKind.Array:
                if (e.GetArrayLength() == 0)
                {
                    sb.Append("[]");
                    return;
                }

                sb.Append('[');
                int n = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Separator(sb, depth + 1, n++ > 0);
                    Write(sb, item, depth < 0 ? -1 : depth + 1);
                }

                Close(sb, depth);
                sb.Append(']');
                return;
            case JsonValueKind.String:
                String(sb, e.GetString()!);
                return;
            default:
                sb.Append(e.GetRawText());
                return;
        }
    }

    private static void Separator(StringBuilder sb, int depth, bool comma)
    {
        if (comma)
        {
            sb.Append(',');
        }

        if (depth <= 0)
        {
            if (comma)
            {
                sb.Append(' ');
            }

            return;
        }

        sb.Append('\n').Append(' ', depth * 4);
    }

    private static void Close(StringBuilder sb, int depth)
    {
        if (depth >= 0)
        {
            sb.Append('\n').Append(' ', depth * 4);
        }
    }

    private static int CompareUtf8(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7f)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
