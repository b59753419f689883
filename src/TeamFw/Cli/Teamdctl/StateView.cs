// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TeamFw.Cli.Teamdctl;

/// <summary>
/// teamdctl's <c>state view</c>: the state document rendered as teamdctl renders it (setup, ports with
/// link watches, LACP per-port runner info, runner), two spaces per level, more lines with -v.
/// Fields teamdctl requires but the document lacks are skipped rather than failing.
/// </summary>
internal sealed class StateView
{
    private readonly StringBuilder _sb = new();
    private readonly int _verbosity;
    private int _indent;

    private StateView(int verbosity)
    {
        _verbosity = verbosity;
    }

    public static string Render(string json, int verbosity)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var v = new StateView(verbosity);
        v.Render(doc.RootElement);
        return v._sb.ToString();
    }

    private void Render(JsonElement root)
    {
        string runner = string.Empty;
        if (root.TryGetProperty("setup", out JsonElement setup))
        {
            runner = Str(setup, "runner_name");
            Line(1, "setup:");
            _indent++;
            Line(1, "runner: " + runner);
            Line(2, "kernel team mode: " + Str(setup, "kernel_team_mode_name"));
            Line(2, "D-BUS enabled: " + YesNo(setup, "dbus_enabled"));
            Line(2, "ZeroMQ enabled: " + YesNo(setup, "zmq_enabled"));
            Line(2, "debug level: " + Str(setup, "debug_level"));
            Line(2, "daemonized: " + YesNo(setup, "daemonized"));
            Line(2, "PID: " + Str(setup, "pid"));
            Line(2, "PID file: " + Str(setup, "pid_file"));
            _indent--;
        }

        if (root.TryGetProperty("ports", out JsonElement ports) && ports.ValueKind == JsonValueKind.Object)
        {
            Line(1, "ports:");
            foreach (JsonProperty p in ports.EnumerateObject())
            {
                _indent++;
                Port(runner, p.Name, p.Value);
                _indent--;
            }
        }

        if (root.TryGetProperty("runner", out JsonElement r))
        {
            if (runner == "activebackup")
            {
                Line(1, "runner:");
                _indent++;
                Line(1, "active port: " + Str(r, "active_port"));
                _indent--;
            }
            else if (runner == "lacp")
            {
                Line(1, "runner:");
                _indent++;
                Line(1, "active: " + YesNo(r, "active"));
                Line(1, "fast rate: " + YesNo(r, "fast_rate"));
                Line(2, "system priority: " + Str(r, "sys_prio"));
                _indent--;
            }
        }
    }

    private void Port(string runner, string name, JsonElement port)
    {
        Line(1, name);
        _indent++;
        JsonElement ifinfo = Get(port, "ifinfo");
        JsonElement link = Get(port, "link");
        Line(2, "ifindex: " + Str(ifinfo, "ifindex"));
        Line(2, "addr: " + Str(ifinfo, "dev_addr"));
        Line(2, $"ethtool link: {Str(link, "speed")}mbit/{Str(link, "duplex")}duplex/{UpDown(link, "up")}");
        if (port.TryGetProperty("link_watches", out JsonElement lw))
        {
            Line(1, "link watches:");
            _indent++;
            Line(1, "link summary: " + UpDown(lw, "up"));
            if (lw.TryGetProperty("list", out JsonElement list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty w in list.EnumerateObject())
                {
                    Watch(w.Name, w.Value);
                }
            }

            _indent--;
        }

        if (runner == "lacp" && port.TryGetProperty("runner", out JsonElement pr))
        {
            Line(1, "runner:");
            _indent++;
            JsonElement agg = Get(pr, "aggregator");
            Line(1, $"aggregator ID: {Str(agg, "id")}{(Bool(agg, "selected") ? ", Selected" : string.Empty)}");
            Line(1, "selected: " + YesNo(pr, "selected"));
            Line(1, "state: " + Str(pr, "state"));
            Line(2, "key: " + Str(pr, "key"));
            Line(2, "priority: " + Str(pr, "prio"));
            Lacpdu("actor LACPDU info:", Get(pr, "actor_lacpdu_info"));
            Lacpdu("partner LACPDU info:", Get(pr, "partner_lacpdu_info"));
            _indent--;
        }

        _indent--;
    }

    private void Watch(string key, JsonElement w)
    {
        string name = Str(w, "name");
        Line(1, $"instance[{key}]:");
        _indent++;
        Line(1, "name: " + name);
        Line(1, "link: " + UpDown(w, "up"));
        Line(2, "down count: " + Str(w, "down_count"));
        switch (name)
        {
            case "ethtool":
                Line(2, "link up delay: " + Str(w, "delay_up"));
                Line(2, "link down delay: " + Str(w, "delay_down"));
                break;
            case "arp_ping":
                Line(2, "source host: " + Str(w, "source_host"));
                Line(2, "target host: " + Str(w, "target_host"));
                Line(2, "interval: " + Str(w, "interval"));
                Line(2, $"missed packets: {Str(w, "missed")}/{Str(w, "missed_max")}");
                Line(2, "validate_active: " + YesNo(w, "validate_active"));
                Line(2, "validate_inactive: " + YesNo(w, "validate_inactive"));
                Line(2, "send_always: " + YesNo(w, "send_always"));
                Line(2, "initial wait: " + Str(w, "init_wait"));
                break;
            case "nsna_ping":
                Line(2, "target host: " + Str(w, "target_host"));
                Line(2, "interval: " + Str(w, "interval"));
                Line(2, $"missed packets: {Str(w, "missed")}/{Str(w, "missed_max")}");
                Line(2, "initial wait: " + Str(w, "init_wait"));
                break;
        }

        _indent--;
    }

    private void Lacpdu(string title, JsonElement info)
    {
        Line(2, title);
        _indent++;
        Line(2, "system priority: " + Str(info, "system_priority"));
        Line(2, "system: " + Str(info, "system"));
        Line(2, "key: " + Str(info, "key"));
        Line(2, "port_priority: " + Str(info, "port_priority"));
        Line(2, "port: " + Str(info, "port"));
        Line(2, "state: 0x" + (info.ValueKind == JsonValueKind.Object && info.TryGetProperty("state", out JsonElement s) && s.TryGetInt32(out int st)
            ? st.ToString("x", CultureInfo.InvariantCulture) : "0"));
        _indent--;
    }

    /// <summary>pr_outx: printed when <paramref name="level"/> (1 default, 2 with -v) is within the verbosity.</summary>
    private void Line(int level, string text)
    {
        if (level <= _verbosity)
        {
            _sb.Append(' ', _indent * 2).Append(text).Append('\n');
        }
    }

    private static JsonElement Get(JsonElement o, string name)
        => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) ? v : default;

    private static string Str(JsonElement o, string name)
    {
        JsonElement v = Get(o, name);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Undefined => string.Empty,
            _ => v.GetRawText(),
        };
    }

    private static bool Bool(JsonElement o, string name) => Get(o, name).ValueKind == JsonValueKind.True;

    private static string YesNo(JsonElement o, string name) => Bool(o, name) ? "yes" : "no";

    private static string UpDown(JsonElement o, string name) => Bool(o, name) ? "up" : "down";
}
