// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Text.Json;

namespace TeamFw.Lab;

/// <summary>The counters of teamfw.stats and ports.IF.stats in the state document.</summary>
internal readonly record struct LabCounters(long RxPackets, long RxBytes, long RxDropped, long TxPackets, long TxBytes, long TxDropped)
{
    public static LabCounters Read(JsonElement stats) => new(
        Get(stats, "rx_packets"), Get(stats, "rx_bytes"), Get(stats, "rx_dropped"),
        Get(stats, "tx_packets"), Get(stats, "tx_bytes"), Get(stats, "tx_dropped"));

    private static long Get(JsonElement o, string name)
        => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.TryGetInt64(out long n) ? n : 0;
}

internal sealed record LabPortState(string Name, bool LinkUp, int Prio, LabCounters Stats);

/// <summary>What the lab reads of a daemon's `state team0 {json}` line (teamdctl state dump plus teamfw's counters):
/// a parse of the document StateWriter writes, not a rendering of it (that is teamdctl's Cli/Teamdctl/StateView).</summary>
internal sealed record LabTeamState(bool Carrier, string? ActivePort, LabCounters Stats, IReadOnlyList<LabPortState> Ports)
{
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static LabTeamState Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the state document is not a JSON object");
        }

        var ports = new List<LabPortState>();
        if (root.TryGetProperty("ports", out JsonElement pe) && pe.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in pe.EnumerateObject())
            {
                bool up = Path(p.Value, "link_watches", "up") is { ValueKind: JsonValueKind.True };
                JsonElement? own = Path(root, "teamfw", "ports", p.Name);
                int prio = own is { } o && Path(o, "prio") is { ValueKind: JsonValueKind.Number } pr && pr.TryGetInt32(out int n) ? n : 0;
                ports.Add(new LabPortState(p.Name, up, prio, LabCounters.Read(own is { } s ? Path(s, "stats") ?? default : default)));
            }
        }

        string? active = Path(root, "runner", "active_port") is { ValueKind: JsonValueKind.String } a ? a.GetString() : null;
        bool carrier = Path(root, "teamfw", "carrier") is { ValueKind: JsonValueKind.True };
        LabCounters stats = LabCounters.Read(Path(root, "teamfw", "stats") ?? default);
        return new LabTeamState(carrier, string.IsNullOrEmpty(active) ? null : active, stats, ports);
    }

    private static JsonElement? Path(JsonElement e, params string[] names)
    {
        foreach (string name in names)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }

        return e;
    }
}
