// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TeamFw.Lab;

/// <summary>One veth end that a team enslaves, with its activebackup priority.</summary>
internal readonly record struct LabPort(string Name, int Prio);

/// <summary>One end of the lab: a namespace whose teamfw daemon runs team0 over two veth ends.</summary>
internal sealed record LabSide(string Role, string Netns, string Address, IReadOnlyList<LabPort> Ports);

/// <summary>
/// The fixed lab of <c>teamfw lab</c> (README "Command line"). Port i of the host is wired to port i of the peer:
/// <code>
///   tflab-host                            tflab-peer
///   team0 10.254.0.1/24                   team0 10.254.0.2/24
///     tl1 (prio 10) &lt;---- veth ----&gt; tp1 (prio 10)
///     tl2 (prio 0)  &lt;---- veth ----&gt; tp2 (prio 0)
/// </code>
/// Both ends prefer link 1: an activebackup team drops what arrives on a backup port, so the two
/// active ports must sit on the same link, also after the failed link comes back.
/// 10.254.0.0/24 exists only inside these namespaces; nothing is routed anywhere else.
/// </summary>
internal static class LabTopology
{
    public const string Team = "team0";
    public const int PrefixLength = 24;
    public const string NetnsPrefix = "tflab-";

    public static readonly LabSide Host = new("host", NetnsPrefix + "host", "10.254.0.1", [new("tl1", 10), new("tl2", 0)]);
    public static readonly LabSide Peer = new("peer", NetnsPrefix + "peer", "10.254.0.2", [new("tp1", 10), new("tp2", 0)]);
    public static readonly LabSide[] Sides = [Host, Peer];

    /// <summary>The teamd config for one side: activebackup over ethtool link watches.</summary>
    public static string ConfigJson(LabSide side)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("device", Team);
            w.WriteStartObject("runner");
            w.WriteString("name", Runners.ActiveBackupRunner.Descriptor.Name);
            w.WriteEndObject();
            w.WriteStartObject("link_watch");
            w.WriteString("name", LinkWatch.EthtoolWatcher.Descriptor.Name);
            w.WriteEndObject();
            w.WriteStartObject("ports");
            foreach (LabPort p in side.Ports)
            {
                w.WriteStartObject(p.Name);
                w.WriteNumber("prio", p.Prio);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    public static string Describe(LabSide side)
    {
        var sb = new StringBuilder();
        sb.Append($"{Team} {side.Address}/{PrefixLength} on ");
        for (int i = 0; i < side.Ports.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append($"{side.Ports[i].Name} (prio {side.Ports[i].Prio})");
        }

        return sb.ToString();
    }
}
