// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text.Json;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>An actor or partner as JSON, in teamd's names (its state document's actor_lacpdu_info and
/// partner_lacpdu_info): written there and in the state file, read back from the state file.</summary>
public static class LacpInfoJson
{
    public static void Write(Utf8JsonWriter w, string name, in LacpInfo info)
    {
        w.WriteStartObject(name);
        w.WriteNumber("system_priority", info.SystemPriority);
        w.WriteString("system", info.SystemText());
        w.WriteNumber("key", info.Key);
        w.WriteNumber("port_priority", info.PortPriority);
        w.WriteNumber("port", info.Port);
        w.WriteNumber("state", (int)info.State);
        w.WriteEndObject();
    }

    /// <summary>Reads <paramref name="name"/> of <paramref name="parent"/>. Throws <see cref="FormatException"/> naming <paramref name="at"/>.</summary>
    public static LacpInfo Read(JsonElement parent, string name, string at)
    {
        at += "." + name;
        JsonElement o = parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Object
            ? v
            : throw new FormatException(at + ": expected an object");
        string mac = o.TryGetProperty("system", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        byte[] system = Mac.Parse(mac) ?? throw new FormatException(at + ".system: not a MAC address");
        return new LacpInfo(
            (ushort)LacpRunner.Number(o, "system_priority", at, ushort.MaxValue),
            LacpInfo.SystemOf(system),
            (ushort)LacpRunner.Number(o, "key", at, ushort.MaxValue),
            (ushort)LacpRunner.Number(o, "port_priority", at, ushort.MaxValue),
            (ushort)LacpRunner.Number(o, "port", at, ushort.MaxValue),
            (LacpState)LacpRunner.Number(o, "state", at, byte.MaxValue));
    }
}
