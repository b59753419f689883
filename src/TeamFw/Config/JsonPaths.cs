// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text.Json;

namespace TeamFw.Config;

/// <summary>JSONPath-style locations for messages: <c>$</c>, <c>$.runner.name</c>, <c>$.link_watch[1]</c>, <c>$.ports['odd name']</c>.</summary>
internal static class JsonPaths
{
    public const string Root = "$";

    public static string Key(string parent, string key) =>
        IsPlain(key) ? $"{parent}.{key}" : $"{parent}['{key.Replace("\\", "\\\\", System.StringComparison.Ordinal).Replace("'", "\\'", System.StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>"an object", "a string", … for "expected X, got Y" messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // Interface names are mostly [A-Za-z0-9_.-@:]; anything else is quoted so the path stays readable.
    private static bool IsPlain(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-' or '@' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}
