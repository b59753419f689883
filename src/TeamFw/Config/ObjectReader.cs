// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Text.Json;

namespace TeamFw.Config;

/// <summary>
/// Reads one JSON object key by key and remembers which keys were taken, so that the rest can be
/// reported as "unknown key, ignored" (teamd ignores what it does not read). Duplicate keys were
/// already refused by <see cref="ConfigLoader"/> before any reader is made.
/// </summary>
internal sealed class ObjectReader
{
    private readonly ConfigContext _ctx;
    private readonly List<JsonProperty> _properties = [];
    private readonly Dictionary<string, JsonElement> _pending = new(System.StringComparer.Ordinal);

    private ObjectReader(ConfigContext ctx, JsonElement obj, string path)
    {
        _ctx = ctx;
        Path = path;
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            _properties.Add(p);
            _pending.Add(p.Name, p.Value);
        }
    }

    public string Path { get; }

    public ConfigContext Context => _ctx;

    /// <summary>Every property in file order (for maps such as <c>ports</c>, whose keys are names).</summary>
    public IReadOnlyList<JsonProperty> Properties => _properties;

    public static ObjectReader Open(ConfigContext ctx, JsonElement e, string path)
    {
        JsonValues.Kind(ctx, e, path, JsonValueKind.Object);
        return new ObjectReader(ctx, e, path);
    }

    public string PathOf(string key) => JsonPaths.Key(Path, key);

    public bool Has(string key) => _pending.ContainsKey(key);

    /// <summary>Takes a key: later reads and <see cref="WarnUnknown"/> no longer see it.</summary>
    public bool TryTake(string key, out JsonElement value) => _pending.Remove(key, out value);

    /// <summary>Takes a key without reading it, with a warning that says why.</summary>
    public void Ignore(string key, string reason)
    {
        if (_pending.Remove(key))
        {
            _ctx.Warn(PathOf(key), reason);
        }
    }

    public int Int(string key, int defaultValue, int min, int max) =>
        TryTake(key, out JsonElement e) ? JsonValues.Int(_ctx, e, PathOf(key), min, max) : defaultValue;

    public int? OptionalInt(string key, int min, int max) =>
        TryTake(key, out JsonElement e) ? JsonValues.Int(_ctx, e, PathOf(key), min, max) : null;

    public bool Bool(string key, bool defaultValue) =>
        TryTake(key, out JsonElement e) ? JsonValues.Bool(_ctx, e, PathOf(key)) : defaultValue;

    public string? String(string key) =>
        TryTake(key, out JsonElement e) ? JsonValues.String(_ctx, e, PathOf(key)) : null;

    public string Choice(string key, string defaultValue, string noun, string[] allowed) =>
        TryTake(key, out JsonElement e) ? JsonValues.Choice(_ctx, e, PathOf(key), noun, allowed) : defaultValue;

    public ObjectReader? Object(string key) =>
        TryTake(key, out JsonElement e) ? Open(_ctx, e, PathOf(key)) : null;

    public void Require(string key)
    {
        if (!Has(key))
        {
            _ctx.Fail(PathOf(key), "required key is missing");
        }
    }

    /// <summary>Warns, in file order, about every key nobody took.</summary>
    public void WarnUnknown()
    {
        foreach (JsonProperty p in _properties)
        {
            if (_pending.Remove(p.Name))
            {
                _ctx.Warn(PathOf(p.Name), "unknown key, ignored");
            }
        }
    }
}
