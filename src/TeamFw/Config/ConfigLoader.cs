// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors
// TEMPORARY minimal loader until the full one lands (replaced by branch h-config).

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace TeamFw.Config;

public sealed record LoadResult(TeamConfig Config, IReadOnlyList<string> Warnings);

public sealed class ConfigException : Exception
{
    public ConfigException(string source, string jsonPath, string reason) : base($"{source}: {jsonPath}: {reason}")
    {
        Source = source;
        JsonPath = jsonPath;
        Reason = reason;
    }

    public new string Source { get; }
    public string JsonPath { get; }
    public string Reason { get; }
}

public static class ConfigLoader
{
    public static LoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, "$", e.Message);
        }

        return Load(Path.GetFileName(path), text);
    }

    public static LoadResult Load(string source, string json)
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        string device = root.GetProperty("device").GetString()!;
        var ports = new List<PortConfig>();
        if (root.TryGetProperty("ports", out JsonElement pe))
        {
            foreach (JsonProperty p in pe.EnumerateObject())
            {
                ports.Add(new PortConfig
                {
                    Name = p.Name,
                    Prio = p.Value.TryGetProperty("prio", out var pr) ? pr.GetInt32() : 0,
                    Sticky = p.Value.TryGetProperty("sticky", out var st) && st.GetBoolean(),
                });
            }
        }

        var runner = new RunnerConfig();
        if (root.TryGetProperty("runner", out JsonElement re) && re.TryGetProperty("name", out JsonElement rn))
        {
            runner = runner with { Name = rn.GetString()! };
        }

        var lw = new LinkWatchConfig();
        if (root.TryGetProperty("link_watch", out JsonElement lwe) && lwe.ValueKind == JsonValueKind.Object)
        {
            lw = lw with
            {
                DelayUp = lwe.TryGetProperty("delay_up", out var du) ? du.GetInt32() : 0,
                DelayDown = lwe.TryGetProperty("delay_down", out var dd) ? dd.GetInt32() : 0,
            };
        }

        var tf = new TeamFwSettings();
        if (root.TryGetProperty("teamfw", out JsonElement te))
        {
            if (te.TryGetProperty("workers", out var w))
            {
                tf = tf with { Workers = w.GetInt32() };
            }

            if (te.TryGetProperty("offload", out var o))
            {
                tf = tf with { Offload = o.GetBoolean() };
            }

            if (te.TryGetProperty("mtu", out var m))
            {
                tf = tf with { Mtu = m.GetInt32() };
            }
        }

        return new LoadResult(new TeamConfig { Source = source, Json = json, Device = device, Ports = ports, Runner = runner, LinkWatch = [lw], TeamFw = tf }, []);
    }
}
