// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TeamFw.Netlink;
using TeamFw.Packets;
using TeamFw.Ports;

namespace TeamFw.State;

/// <summary>
/// The state file's JSON (README, "Crashes and restarts"). Addresses are kept as the kernel reported
/// them (ifaddrmsg and its attributes, in hex), so a restore sends back exactly what was read.
/// Decode errors name the JSON path: <c>$.ports[1].mtu: expected a number</c>.
/// </summary>
public static class StateCodec
{
    public const int Version = 1;

    /// <summary>An address message as RTM_GETADDR reports it is well under this (ifaddrmsg, two addresses,
    /// a label, flags, cache info); anything longer was not written by us.</summary>
    private const int MaxAddressMessage = 256;

    public static byte[] Encode(SavedState s)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("teamfw_state", Version);
            w.WriteString("boot_id", s.Origin.BootId);
            w.WriteString("netns", s.Origin.NetNs);
            w.WriteNumber("pid", s.Origin.Pid);
            w.WriteStartArray("teams");
            foreach (TeamRecord t in s.Teams)
            {
                w.WriteStartObject();
                w.WriteString("device", t.Device);
                w.WriteNumber("ifindex", t.IfIndex);
                w.WriteString("backend", t.Backend);
                w.WriteNumber("config_mtu", t.ConfigMtu);
                w.WriteString("config_hwaddr", t.ConfigHwAddr);
                w.WriteString("runner", t.Runner);
                w.WritePropertyName("runner_state");
                if (t.RunnerState is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteRawValue(t.RunnerState);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("ports");
            foreach (PortRecord p in s.Ports)
            {
                PortSnapshot o = p.Original;
                w.WriteStartObject();
                w.WriteString("team", p.Team);
                w.WriteString("name", o.Name);
                w.WriteNumber("ifindex", o.IfIndex);
                w.WriteNumber("mtu", o.Mtu);
                w.WriteString("hwaddr", Mac.Format(o.HwAddr));
                w.WriteNumber("flags", o.Flags);
                w.WriteString("arp_ignore", o.ArpIgnore);
                w.WriteString("rp_filter", o.RpFilter);
                w.WriteString("disable_ipv6", o.DisableIpv6);
                w.WriteStartArray("addresses");
                foreach (SavedAddress a in o.Addresses)
                {
                    w.WriteStringValue(Convert.ToHexStringLower(a.Payload));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    /// <summary>Parses a state file. Throws <see cref="FormatException"/> naming the JSON path of the first problem.</summary>
    public static SavedState Decode(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException("not JSON: " + e.Message, e);
        }

        using (doc)
        {
            var root = new Node(doc.RootElement, "$");
            int version = root.Int("teamfw_state");
            if (version != Version)
            {
                throw new FormatException($"$.teamfw_state: version {version.ToString(CultureInfo.InvariantCulture)}, this teamfw reads {Version.ToString(CultureInfo.InvariantCulture)}");
            }

            var origin = new StateOrigin(root.String("boot_id"), root.String("netns"), root.Int("pid"));
            var teams = new List<TeamRecord>();
            foreach (Node t in root.Array("teams"))
            {
                JsonElement rs = t.Get("runner_state", JsonValueKind.Undefined);
                teams.Add(new TeamRecord(
                    t.Name("device"),
                    t.Int("ifindex"),
                    t.String("backend"),
                    t.Int("config_mtu"),
                    t.StringOrNull("config_hwaddr"),
                    t.String("runner"),
                    rs.ValueKind == JsonValueKind.Null ? null : rs.GetRawText()));
            }

            var ports = new List<PortRecord>();
            foreach (Node p in root.Array("ports"))
            {
                string name = p.Name("name");
                int ifIndex = p.Int("ifindex");
                var addresses = new List<SavedAddress>();
                foreach (Node a in p.Array("addresses"))
                {
                    addresses.Add(a.Address(ifIndex));
                }

                var snap = new PortSnapshot(
                    name,
                    ifIndex,
                    p.Int("mtu"),
                    p.Mac("hwaddr"),
                    (uint)p.Long("flags", 0, uint.MaxValue),
                    p.StringOrNull("arp_ignore"),
                    p.StringOrNull("rp_filter"),
                    p.StringOrNull("disable_ipv6"),
                    addresses);
                ports.Add(new PortRecord(p.Name("team"), snap));
            }

            return new SavedState(origin, teams, ports);
        }
    }

    /// <summary>A JSON value and its path, with typed getters that throw <see cref="FormatException"/> naming the path.</summary>
    private readonly record struct Node(JsonElement Value, string Path)
    {
        public JsonElement Get(string key, JsonValueKind kind)
        {
            if (Value.ValueKind != JsonValueKind.Object || !Value.TryGetProperty(key, out JsonElement v))
            {
                throw new FormatException($"{Path}.{key}: missing");
            }

            if (kind != JsonValueKind.Undefined && v.ValueKind != kind)
            {
                throw new FormatException($"{Path}.{key}: expected {Describe(kind)}");
            }

            return v;
        }

        public long Long(string key, long min, long max)
        {
            JsonElement v = Get(key, JsonValueKind.Number);
            if (!v.TryGetInt64(out long n) || n < min || n > max)
            {
                throw new FormatException($"{Path}.{key}: {v.GetRawText()} is out of range");
            }

            return n;
        }

        public int Int(string key) => (int)Long(key, 0, int.MaxValue);

        public string String(string key) => Get(key, JsonValueKind.String).GetString()!;

        public string? StringOrNull(string key)
        {
            JsonElement v = Get(key, JsonValueKind.Undefined);
            return v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => v.GetString(),
                _ => throw new FormatException($"{Path}.{key}: expected a string or null"),
            };
        }

        /// <summary>An interface name: what the kernel accepts (1 to 15 bytes, no '/', no white space).</summary>
        public string Name(string key)
        {
            string s = String(key);
            if (s.Length is 0 or > 15 || s.Contains('/', StringComparison.Ordinal) || s.Contains(':', StringComparison.Ordinal) || s.AsSpan().IndexOfAny(" \t\n\0") >= 0)
            {
                throw new FormatException($"{Path}.{key}: \"{s}\" is not an interface name");
            }

            return s;
        }

        public byte[] Mac(string key)
            => Packets.Mac.Parse(String(key)) ?? throw new FormatException($"{Path}.{key}: not a MAC address");

        public IEnumerable<Node> Array(string key)
        {
            JsonElement a = Get(key, JsonValueKind.Array);
            int i = 0;
            foreach (JsonElement e in a.EnumerateArray())
            {
                yield return new Node(e, $"{Path}.{key}[{(i++).ToString(CultureInfo.InvariantCulture)}]");
            }
        }

        /// <summary>An ifaddrmsg with attributes, in hex, of an IPv4 or IPv6 address.</summary>
        public SavedAddress Address(int ifIndex)
        {
            byte[] payload;
            try
            {
                payload = Value.ValueKind == JsonValueKind.String ? Convert.FromHexString(Value.GetString()!) : throw new FormatException();
            }
            catch (FormatException)
            {
                throw new FormatException($"{Path}: expected hex digits");
            }

            const byte AfInet = 2, AfInet6 = 10;
            if (payload.Length < RtnlClient.IfaddrmsgLength || payload.Length > MaxAddressMessage || payload[0] is not (AfInet or AfInet6))
            {
                throw new FormatException($"{Path}: not an IPv4 or IPv6 address message");
            }

            // ifa_index, in host order as netlink has it.
            int owner = BitConverter.ToInt32(payload, 4);
            if (owner != ifIndex)
            {
                throw new FormatException($"{Path}: the address belongs to ifindex {owner.ToString(CultureInfo.InvariantCulture)}, not the port's");
            }

            return new SavedAddress(payload[0], payload[1], payload[3], ifIndex, payload);
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.Array => "an array",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
