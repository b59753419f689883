// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Globalization;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Netlink;

namespace TeamFw.Cli.Teamnl;

/// <summary>An option as libteam keeps it.</summary>
internal sealed class NlOption
{
    public required string Name { get; init; }

    public uint? Port { get; init; }

    public uint? Index { get; init; }

    public OptionValue Value { get; set; }

    public bool Changed { get; set; }
}

/// <summary>A port as libteam keeps it.</summary>
internal sealed class NlPort
{
    public uint IfIndex { get; init; }

    public uint Speed { get; set; }

    public byte Duplex { get; set; }

    public bool Linkup { get; set; }

    public bool Changed { get; set; }

    public bool Removed { get; set; }
}

/// <summary>
/// libteam's view of one team, fed by OPTIONS_GET / PORT_LIST_GET replies and events, with its
/// quirks kept so the output reads like teamnl's: new entries go to the front of the list (so
/// teamnl lists the last option the kernel sent first), each receive round first clears every
/// "changed" bit and drops what the previous round marked removed.
/// </summary>
internal sealed class NlModel
{
    public NlModel(uint teamIfIndex)
    {
        TeamIfIndex = teamIfIndex;
    }

    public uint TeamIfIndex { get; }

    public List<NlOption> Options { get; } = new();

    public List<NlPort> Ports { get; } = new();

    /// <summary>Port names by ifindex (libteam's ifinfo, from rtnetlink; here from LINK_GET).</summary>
    public Dictionary<uint, string> Names { get; } = new();

    /// <summary>Starts a receive round (team_handle_events / a request's replies).</summary>
    public void BeginRound(bool options, bool ports)
    {
        if (options)
        {
            foreach (NlOption o in Options)
            {
                o.Changed = false;
            }
        }

        if (ports)
        {
            foreach (NlPort p in Ports)
            {
                p.Changed = false;
            }

            Ports.RemoveAll(static p => p.Removed);
        }
    }

    /// <summary>Applies one team message; returns TeamCmd.OptionsGet or PortListGet when it was for this team, else null.</summary>
    public TeamCmd? Apply(byte[] message)
    {
        GenlReader r = GenlReader.Genl(message);
        AttrTable t = r.Parse();
        if (!t.TryGet((ushort)TeamAttr.TeamIfindex, out NlAttr ix) || ix.U32("team-ifindex") != TeamIfIndex)
        {
            return null;
        }

        if (t.TryGet((ushort)TeamAttr.ListOption, out NlAttr options))
        {
            ApplyOptions(options);
            return TeamCmd.OptionsGet;
        }

        if (t.TryGet((ushort)TeamAttr.ListPort, out NlAttr ports))
        {
            ApplyPorts(ports);
            return TeamCmd.PortListGet;
        }

        return null;
    }

    private void ApplyOptions(in NlAttr list)
    {
        NlAttrReader it = list.Nested();
        while (it.TryNext(out NlAttr item))
        {
            AttrTable a = item.ParseNested();
            if (!a.TryGet((ushort)TeamAttrOption.Name, out NlAttr name) || !a.TryGet((ushort)TeamAttrOption.Type, out NlAttr type))
            {
                return;
            }

            bool hasData = a.TryGet((ushort)TeamAttrOption.Data, out NlAttr data);
            if (OptionTypes.FromWire(type.U8("type")) is not OptionType kind || (kind != OptionType.Bool && !hasData))
            {
                continue;
            }

            uint? port = a.TryGet((ushort)TeamAttrOption.PortIfindex, out NlAttr p) ? p.U32("port-ifindex") : null;
            uint? index = a.TryGet((ushort)TeamAttrOption.ArrayIndex, out NlAttr ai) ? ai.U32("array-index") : null;
            string n = name.String();
            NlOption? o = Options.Find(x => x.Name == n && x.Port == port && x.Index == index);
            if (o is null)
            {
                o = new NlOption { Name = n, Port = port, Index = index };
                Options.Insert(0, o);
            }

            o.Value = kind switch
            {
                OptionType.U32 => OptionValue.FromU32(data.U32("data")),
                OptionType.S32 => OptionValue.FromS32(data.S32("data")),
                OptionType.String => OptionValue.FromString(data.String()),
                OptionType.Binary => OptionValue.FromBinary(data.Value.ToArray()),
                _ => OptionValue.FromBool(hasData),
            };
            o.Changed = a.Has((ushort)TeamAttrOption.Changed);
            if (a.Has((ushort)TeamAttrOption.Removed))
            {
                Options.Remove(o);
            }
        }
    }

    private void ApplyPorts(in NlAttr list)
    {
        NlAttrReader it = list.Nested();
        while (it.TryNext(out NlAttr item))
        {
            AttrTable a = item.ParseNested();
            if (!a.TryGet((ushort)TeamAttrPort.Ifindex, out NlAttr ix))
            {
                return;
            }

            uint ifIndex = ix.U32("ifindex");
            NlPort? p = Ports.Find(x => x.IfIndex == ifIndex);
            if (p is null)
            {
                p = new NlPort { IfIndex = ifIndex };
                Ports.Insert(0, p);
            }

            p.Changed = a.Has((ushort)TeamAttrPort.Changed);
            p.Linkup = a.Has((ushort)TeamAttrPort.Linkup);
            p.Removed = a.Has((ushort)TeamAttrPort.Removed);
            if (a.TryGet((ushort)TeamAttrPort.Speed, out NlAttr s))
            {
                p.Speed = s.U32("speed");
            }

            if (a.TryGet((ushort)TeamAttrPort.Duplex, out NlAttr d))
            {
                p.Duplex = d.U8("duplex");
            }
        }
    }

    /// <summary>
    /// teamnl formats each line into a 120-byte buffer (utils/teamnl.c, libteam/stringify.c __buf_append): a
    /// longer line is cut at 119 characters and <paramref name="cut"/> is set (teamnl then prints "&lt;trunc&gt;"
    /// after it in listings, "..." in monitor blocks). A bpf_hash_func value is the usual case.
    /// </summary>
    public static string Fit(string line, out bool cut)
    {
        const int Buffer = 120;
        cut = line.Length >= Buffer;
        return cut ? line[..(Buffer - 1)] : line;
    }

    /// <summary>team_option_str: "*name (port:IF) (arridx:N) value" with ' ' instead of '*' when unchanged.</summary>
    public string OptionLine(NlOption o)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(o.Changed ? '*' : ' ').Append(o.Name).Append(' ');
        if (o.Port is uint port)
        {
            sb.Append("(port:").Append(Names.TryGetValue(port, out string? n) ? n : string.Empty).Append(") ");
        }

        if (o.Index is uint index)
        {
            sb.Append("(arridx:").Append(index.ToString(CultureInfo.InvariantCulture)).Append(") ");
        }

        return sb.Append(o.Value.ToString()).ToString();
    }

    /// <summary>team_port_str: "-" removed, "*" changed; "IFINDEX: NAME: up|down SPEEDMbit FD|HD".</summary>
    public string PortLine(NlPort p)
    {
        char mark = p.Removed ? '-' : p.Changed ? '*' : ' ';
        string name = Names.TryGetValue(p.IfIndex, out string? n) ? n : "(removed)";
        return string.Create(CultureInfo.InvariantCulture, $"{mark}{(int)p.IfIndex}: {name}: {(p.Linkup ? "up" : "down")} {p.Speed}Mbit {(p.Duplex != 0 ? "FD" : "HD")}");
    }

    /// <summary>team_get_option by (name, port, array index), as teamnl's -p and -a select it.</summary>
    public NlOption? Find(string name, uint? port, uint? index)
        => Options.Find(o => o.Name == name && o.Port == port && o.Index == index);
}
