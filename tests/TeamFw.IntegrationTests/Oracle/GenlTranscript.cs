// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>One command of a `teamfw nl --raw -b` transcript: its line, the datagrams answered, its errno.</summary>
public sealed record GenlCommand(string Text, List<byte[]> Datagrams, int Errno);

/// <summary>
/// Reads `teamfw nl --raw -b` output ("&gt; LINE", a line of hex per datagram, "= ERRNO") and renders each
/// answer as comparable lines: one per message header and one per option or port item, attribute by
/// attribute in the order sent, ifindexes replaced by interface names. What may differ between the
/// kernel and teamfw by design is masked here, each rule with the README's reason
/// (README "Compatibility with the kernel team driver and teamd"):
/// <list type="bullet">
/// <item>an error's NLMSGERR_ATTR_MSG text and NLM_F_ACK_TLVS flag (teamfw explains errors in words);</item>
/// <item>bpf_hash_func as generated from tx_hash (teamfw's program is its own), unless a client set it;</item>
/// <item>lb_hash_stats and lb_port_stats values (bytes per hash bucket: another hash, and traffic of its own);</item>
/// <item>lb_tx_hash_to_port_mapping values under a tx_balancer (teamd re-deals every bucket each interval);</item>
/// <item>where the reply is split into messages, when the items' sizes differ (they follow the masked values).</item>
/// </list>
/// </summary>
public static class GenlTranscript
{
    private const ushort NlmsgError = 2;
    private const ushort NlmsgDone = 3;
    private const ushort AckTlvs = 0x200;

    /// <summary>The program the oracle's requests set (BPF_RET|BPF_K 0): compared byte for byte.</summary>
    public const string ClientProgram = "0600000000000000";

    public static List<GenlCommand> Parse(string transcript)
    {
        var list = new List<GenlCommand>();
        string? text = null;
        var datagrams = new List<byte[]>();
        foreach (string raw in transcript.Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                text = line[2..];
                datagrams = [];
            }
            else if (line.StartsWith("= ", StringComparison.Ordinal) && text is not null)
            {
                list.Add(new GenlCommand(text, datagrams, int.Parse(line[2..], CultureInfo.InvariantCulture)));
                text = null;
            }
            else if (text is not null && line.Length > 0 && line.All(Uri.IsHexDigit))
            {
                datagrams.Add(Convert.FromHexString(line));
            }
        }

        return list;
    }

    /// <summary>"IFINDEX NAME" lines, as the guest's `links` writes them.</summary>
    public static Dictionary<uint, string> Links(string text)
    {
        var map = new Dictionary<uint, string>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] w = line.Split(' ');
            map[uint.Parse(w[0], CultureInfo.InvariantCulture)] = w[1];
        }

        return map;
    }

    /// <summary>
    /// The answer to one command as lines: the items in order (options, ports, the DONE, the ack or
    /// error); then the message headers there were ("headers:", each kind once); then, under "split:",
    /// where the answer was cut into datagrams and messages (left out when <paramref name="withSplit"/> is
    /// false: the items' sizes differ, so the cuts fall elsewhere).
    /// </summary>
    public static List<string> Render(GenlCommand c, Dictionary<uint, string> links, bool balancer, bool withSplit)
    {
        var items = new List<string>();
        var headers = new SortedSet<string>(StringComparer.Ordinal);
        var split = new List<string>();
        foreach (byte[] d in c.Datagrams)
        {
            var kinds = new List<string>();
            for (int at = 0; at + 16 <= d.Length;)
            {
                int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(at));
                if (len < 16 || at + len > d.Length)
                {
                    items.Add($"malformed message of {len} bytes");
                    break;
                }

                ReadOnlySpan<byte> m = d.AsSpan(at, len);
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
                ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(m[6..]);
                if (type == NlmsgError)
                {
                    int error = BinaryPrimitives.ReadInt32LittleEndian(m[16..]);
                    int echoed = m.Length >= 24 ? (int)BinaryPrimitives.ReadUInt32LittleEndian(m[20..]) : 0;
                    items.Add($"error {error} flags 0x{flags & ~AckTlvs:x} request {echoed} bytes");
                    kinds.Add("error");
                }
                else if (type == NlmsgDone)
                {
                    items.Add($"done flags 0x{flags:x} {len - 16} bytes of payload");
                    kinds.Add("done");
                }
                else
                {
                    var header = new List<string>();
                    int n = Attributes(m[20..], links, balancer, items, header);
                    headers.Add($"genl cmd {m[16]} version {m[17]} flags 0x{flags:x}{string.Concat(header)}");
                    kinds.Add($"genl({n} items)");
                }

                at += (len + 3) & ~3;
            }

            split.Add("datagram " + string.Join(", ", kinds));
        }

        items.Add("headers:");
        items.AddRange(headers);
        if (withSplit)
        {
            items.Add("split:");
            items.AddRange(split);
        }

        return items;
    }

    /// <summary>The encoded sizes of the answer's items, in order (equal on both sides: the split is comparable).</summary>
    public static List<int> ItemSizes(GenlCommand c)
    {
        var sizes = new List<int>();
        foreach (byte[] d in c.Datagrams)
        {
            for (int at = 0; at + 16 <= d.Length;)
            {
                int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(at));
                if (len < 16 || at + len > d.Length)
                {
                    break;
                }

                if (BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(at + 4)) > NlmsgDone)
                {
                    foreach ((ushort type, byte[] value) in Attrs(d.AsSpan(at + 20, len - 20)))
                    {
                        if (type is 2 or 3)
                        {
                            sizes.AddRange(Attrs(value).Select(i => i.Value.Length));
                        }
                    }
                }

                at += (len + 3) & ~3;
            }
        }

        return sizes;
    }

    private static int Attributes(ReadOnlySpan<byte> payload, Dictionary<uint, string> links, bool balancer, List<string> lines, List<string> header)
    {
        int items = 0;
        foreach ((ushort type, byte[] value) in Attrs(payload))
        {
            switch (type)
            {
                case 1:
                    header.Add(", team " + Name(links, BinaryPrimitives.ReadUInt32LittleEndian(value)));
                    break;
                case 2:
                    foreach ((ushort _, byte[] item) in Attrs(value))
                    {
                        lines.Add("  option " + Option(item, links, balancer));
                        items++;
                    }

                    break;
                case 3:
                    foreach ((ushort _, byte[] item) in Attrs(value))
                    {
                        lines.Add("  port " + Port(item, links));
                        items++;
                    }

                    break;
                default:
                    header.Add($", attribute {type} of {value.Length} bytes");
                    break;
            }
        }

        return items;
    }

    /// <summary>
    /// The kernel's line and teamfw's mean the same. One rule on top of equality: user_linkup false on the
    /// kernel where teamfw says true — teamd writes user_linkup only when its watcher's verdict changes
    /// after the port is set up, so a port whose link was up by then keeps the kernel's initial false
    /// (one of two ports in about half the runs); teamfw shows the verdict.
    /// </summary>
    public static bool Same(string kernel, string teamfw)
        => kernel == teamfw
            || (kernel.Contains("NAME=user_linkup ", StringComparison.Ordinal) && !kernel.Contains("DATA=", StringComparison.Ordinal)
                && teamfw == kernel.Replace(" TYPE=6", " TYPE=6 DATA=(flag)", StringComparison.Ordinal));

    private static string Option(byte[] item, Dictionary<uint, string> links, bool balancer)
    {
        var attrs = Attrs(item);
        string name = attrs.Where(a => a.Type == 1).Select(a => Encoding.ASCII.GetString(a.Value).TrimEnd('\0')).FirstOrDefault() ?? "?";
        byte kind = attrs.Where(a => a.Type == 3 && a.Value.Length == 1).Select(a => a.Value[0]).FirstOrDefault();
        var sb = new StringBuilder();
        foreach ((ushort type, byte[] v) in attrs)
        {
            sb.Append(type switch
            {
                1 => "NAME=" + name,
                2 => "CHANGED",
                3 => "TYPE=" + kind.ToString(CultureInfo.InvariantCulture),
                4 => "DATA=" + Data(name, kind, v, links, balancer),
                5 => "REMOVED",
                6 => "PORT=" + Name(links, BinaryPrimitives.ReadUInt32LittleEndian(v)),
                7 => "INDEX=" + BinaryPrimitives.ReadUInt32LittleEndian(v).ToString(CultureInfo.InvariantCulture),
                _ => $"ATTR{type}({v.Length})",
            }).Append(' ');
        }

        return sb.ToString().TrimEnd();
    }

    private static string Data(string name, byte kind, byte[] v, Dictionary<uint, string> links, bool balancer)
    {
        switch (name)
        {
            case "lb_hash_stats" or "lb_port_stats":
                return $"<{v.Length} bytes of tx_bytes>";
            case "bpf_hash_func" when v.Length > 0 && Convert.ToHexStringLower(v) != ClientProgram:
                return "<the tx_hash program>";
            case "lb_tx_hash_to_port_mapping" when balancer:
                return "<the balancer's port>";
            case "activeport" or "lb_tx_hash_to_port_mapping" when v.Length == 4:
                uint ifIndex = BinaryPrimitives.ReadUInt32LittleEndian(v);
                return ifIndex == 0 ? "0" : Name(links, ifIndex);
        }

        return kind switch
        {
            3 when v.Length == 4 => BinaryPrimitives.ReadUInt32LittleEndian(v).ToString(CultureInfo.InvariantCulture),
            14 when v.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(v).ToString(CultureInfo.InvariantCulture),
            5 => "\"" + Encoding.ASCII.GetString(v).Replace("\0", "\\0", StringComparison.Ordinal) + "\"",
            6 => v.Length == 0 ? "(flag)" : "(flag with " + v.Length.ToString(CultureInfo.InvariantCulture) + " bytes)",
            _ => Convert.ToHexStringLower(v),
        };
    }

    private static string Port(byte[] item, Dictionary<uint, string> links)
    {
        var sb = new StringBuilder();
        foreach ((ushort type, byte[] v) in Attrs(item))
        {
            sb.Append(type switch
            {
                1 => "IFINDEX=" + Name(links, BinaryPrimitives.ReadUInt32LittleEndian(v)),
                2 => "CHANGED",
                3 => "LINKUP",
                4 => "SPEED=" + BinaryPrimitives.ReadUInt32LittleEndian(v).ToString(CultureInfo.InvariantCulture),
                5 => "DUPLEX=" + v[0].ToString(CultureInfo.InvariantCulture),
                6 => "REMOVED",
                _ => $"ATTR{type}({v.Length})",
            }).Append(' ');
        }

        return sb.ToString().TrimEnd();
    }

    private static string Name(Dictionary<uint, string> links, uint ifIndex)
        => links.TryGetValue(ifIndex, out string? n) ? n : "ifindex" + ifIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>The attributes of a span (type without the NESTED / NET_BYTEORDER bits, value copied).</summary>
    private static List<(ushort Type, byte[] Value)> Attrs(ReadOnlySpan<byte> b)
    {
        var list = new List<(ushort, byte[])>();
        for (int at = 0; at + 4 <= b.Length;)
        {
            ushort len = BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(b[(at + 2)..]) & 0x3fff);
            if (len < 4 || at + len > b.Length)
            {
                list.Add((0xffff, b[at..].ToArray()));
                break;
            }

            list.Add((type, b.Slice(at + 4, len - 4).ToArray()));
            at += (len + 3) & ~3;
        }

        return list;
    }
}
