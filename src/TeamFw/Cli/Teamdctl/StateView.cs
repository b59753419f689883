// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.LinkWatch;
using TeamFw.Runners;
using static TeamFw.Cli.Teamdctl.StateViewLines;

namespace TeamFw.Cli.Teamdctl;

/// <summary>
/// teamdctl's <c>state view</c>: the state document rendered as teamdctl renders it (setup, ports with
/// link watches, the runner's per-port items, runner), two spaces per level, more lines with -v.
/// Fields teamdctl requires but the document lacks are skipped rather than failing. What a runner or a
/// link watcher adds is rendered by its descriptor (<see cref="RunnerDescriptor.ViewRunner"/>,
/// <see cref="WatchDescriptor.View"/>). This renders the document a client fetched; the daemon's own
/// SIGUSR1 log view is <c>StateWriter.View</c>, and the lab reads the document with <c>LabTeamState</c>.
/// </summary>
internal static class StateView
{
    public static string Render(string json, int verbosity)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var v = new StateViewLines(verbosity);
        Render(v, doc.RootElement);
        return v.ToString();
    }

    private static void Render(StateViewLines v, JsonElement root)
    {
        RunnerDescriptor? runner = null;
        if (root.TryGetProperty("setup", out JsonElement setup))
        {
            string name = Str(setup, "runner_name");
            runner = RunnerRegistry.Find(name);
            v.Line(1, "setup:");
            v.Indent();
            v.Line(1, "runner: " + name);
            v.Line(2, "kernel team mode: " + Str(setup, "kernel_team_mode_name"));
            v.Line(2, "D-BUS enabled: " + YesNo(setup, "dbus_enabled"));
            v.Line(2, "ZeroMQ enabled: " + YesNo(setup, "zmq_enabled"));
            v.Line(2, "debug level: " + Str(setup, "debug_level"));
            v.Line(2, "daemonized: " + YesNo(setup, "daemonized"));
            v.Line(2, "PID: " + Str(setup, "pid"));
            v.Line(2, "PID file: " + Str(setup, "pid_file"));
            v.Outdent();
        }

        if (root.TryGetProperty("ports", out JsonElement ports) && ports.ValueKind == JsonValueKind.Object)
        {
            v.Line(1, "ports:");
            foreach (JsonProperty p in ports.EnumerateObject())
            {
                v.Indent();
                Port(v, runner, p.Name, p.Value);
                v.Outdent();
            }
        }

        if (runner?.ViewRunner is { } view && root.TryGetProperty("runner", out JsonElement r))
        {
            view(v, r);
        }
    }

    private static void Port(StateViewLines v, RunnerDescriptor? runner, string name, JsonElement port)
    {
        v.Line(1, name);
        v.Indent();
        JsonElement ifinfo = Get(port, "ifinfo");
        JsonElement link = Get(port, "link");
        v.Line(2, "ifindex: " + Str(ifinfo, "ifindex"));
        v.Line(2, "addr: " + Str(ifinfo, "dev_addr"));
        v.Line(2, $"ethtool link: {Str(link, "speed")}mbit/{Str(link, "duplex")}duplex/{UpDown(link, "up")}");
        if (port.TryGetProperty("link_watches", out JsonElement lw))
        {
            v.Line(1, "link watches:");
            v.Indent();
            v.Line(1, "link summary: " + UpDown(lw, "up"));
            if (lw.TryGetProperty("list", out JsonElement list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty w in list.EnumerateObject())
                {
                    Watch(v, w.Name, w.Value);
                }
            }

            v.Outdent();
        }

        if (runner?.ViewPort is { } view && port.TryGetProperty("runner", out JsonElement pr))
        {
            view(v, pr);
        }

        v.Outdent();
    }

    private static void Watch(StateViewLines v, string key, JsonElement w)
    {
        string name = Str(w, "name");
        v.Line(1, $"instance[{key}]:");
        v.Indent();
        v.Line(1, "name: " + name);
        v.Line(1, "link: " + UpDown(w, "up"));
        v.Line(2, "down count: " + Str(w, "down_count"));
        LinkWatchRegistry.Find(name)?.View?.Invoke(v, w);
        v.Outdent();
    }
}
