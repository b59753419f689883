// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text;
using System.Text.Json;

namespace TeamFw.Cli.Teamdctl;

/// <summary>
/// The lines of teamdctl's <c>state view</c> (teamdctl.c pr_out/pr_out2): two spaces per level, a line of
/// level 2 only with -v. <see cref="StateView"/> renders the common parts; a runner's or link watcher's
/// descriptor renders its own object with this.
/// </summary>
public sealed class StateViewLines
{
    private readonly StringBuilder _sb = new();
    private readonly int _verbosity;
    private int _indent;

    public StateViewLines(int verbosity)
    {
        _verbosity = verbosity;
    }

    /// <summary>Printed when <paramref name="level"/> (1 default, 2 with -v) is within the verbosity.</summary>
    public void Line(int level, string text)
    {
        if (level <= _verbosity)
        {
            _sb.Append(' ', _indent * 2).Append(text).Append('\n');
        }
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public override string ToString() => _sb.ToString();

    public static JsonElement Get(JsonElement o, string name)
        => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) ? v : default;

    /// <summary>A value as text: a string as it is, a missing one empty, anything else as its JSON.</summary>
    public static string Str(JsonElement o, string name)
    {
        JsonElement v = Get(o, name);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Undefined => string.Empty,
            _ => v.GetRawText(),
        };
    }

    public static bool Bool(JsonElement o, string name) => Get(o, name).ValueKind == JsonValueKind.True;

    public static string YesNo(JsonElement o, string name) => Bool(o, name) ? "yes" : "no";

    public static string UpDown(JsonElement o, string name) => Bool(o, name) ? "up" : "down";
}
