// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.Text.Json;

namespace TeamFw.Config;

/// <summary>
/// Strictly typed reads of one JSON value, as jansson's json_is_* checks do in teamd:
/// 1.0 is a real, not an integer; "true" is a string, not a boolean.
/// </summary>
internal static class JsonValues
{
    public static int Int(ConfigContext ctx, JsonElement e, string path, int min, int max)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            ctx.Fail(path, $"expected an integer, got {JsonPaths.Describe(e.ValueKind)}");
        }

        string raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            ctx.Fail(path, $"expected an integer, got {raw}");
        }

        if (!e.TryGetInt64(out long value) || value < min || value > max)
        {
            ctx.Fail(path, $"{raw} is out of range (allowed: {Range(min, max)})");
        }

        return (int)value;
    }

    public static bool Bool(ConfigContext ctx, JsonElement e, string path)
    {
        if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            ctx.Fail(path, $"expected a boolean, got {JsonPaths.Describe(e.ValueKind)}");
        }

        return e.GetBoolean();
    }

    public static string String(ConfigContext ctx, JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            ctx.Fail(path, $"expected a string, got {JsonPaths.Describe(e.ValueKind)}");
        }

        return e.GetString()!;
    }

    /// <summary>A string from a fixed set; returns the interned table entry.</summary>
    public static string Choice(ConfigContext ctx, JsonElement e, string path, string noun, string[] allowed)
    {
        string value = String(ctx, e, path);
        int i = Array.IndexOf(allowed, value);
        if (i < 0)
        {
            ctx.Fail(path, $"unknown {noun} \"{value}\" (allowed: {string.Join(", ", allowed)})");
        }

        return allowed[i];
    }

    public static void Kind(ConfigContext ctx, JsonElement e, string path, JsonValueKind kind)
    {
        if (e.ValueKind != kind)
        {
            ctx.Fail(path, $"expected {JsonPaths.Describe(kind)}, got {JsonPaths.Describe(e.ValueKind)}");
        }
    }

    public static string Range(int min, int max) =>
        max == int.MaxValue && min >= 0
            ? $">= {min.ToString(CultureInfo.InvariantCulture)}"
            : $"{min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}";
}
