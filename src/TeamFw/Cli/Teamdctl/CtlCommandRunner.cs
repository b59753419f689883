// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Text.Json;
using TeamFw.Control;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;

namespace TeamFw.Cli.Teamdctl;

/// <summary>
/// <c>teamfw ctl</c> / <c>teamdctl</c>: teamdctl's commands and output (teamdctl(8)), served by the
/// teamfw family instead of teamd's per-team socket.
/// </summary>
internal static class CtlCommandRunner
{
    public static int Run(string[] args, string tool)
    {
        Dictionary<string, string> o;
        List<string> words;
        try
        {
            (o, words) = ClientArgs.Parse(args, ["-h", "--help", "-v", "--verbose", "-o", "--oneline", "-U", "--force-usock", "-D", "--force-dbus"], ["-Z", "--force-zmq", "-S", "--socket"]);
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine($"{tool}: {e.Message}");
            StdIo.Out.Write(CtlCommands.Help(tool));
            return ClientArgs.ExitUsage;
        }

        if (o.ContainsKey("-h") || o.ContainsKey("--help"))
        {
            StdIo.Out.Write(CtlCommands.Help(tool));
            return ClientArgs.ExitOk;
        }

        if (o.ContainsKey("-D") || o.ContainsKey("--force-dbus") || o.ContainsKey("-Z") || o.ContainsKey("--force-zmq"))
        {
            StdIo.Error.WriteLine(o.ContainsKey("-D") || o.ContainsKey("--force-dbus") ? "D-Bus support is not compiled-in" : "ZeroMQ support is not compiled-in");
            return ClientArgs.ExitFailure;
        }

        if (words.Count == 0)
        {
            StdIo.Error.WriteLine("No team device specified.");
            StdIo.Out.Write(CtlCommands.Help(tool));
            return ClientArgs.ExitUsage;
        }

        CtlCommand? cmd = CtlCommands.Find(words.GetRange(1, words.Count - 1), out List<string> cmdArgs, out string? error);
        if (cmd is null)
        {
            StdIo.Error.WriteLine(error);
            StdIo.Out.Write(CtlCommands.Help(tool));
            return ClientArgs.ExitUsage;
        }

        int verbosity = 1 + Count(o, "-v") + Count(o, "--verbose");
        bool oneline = o.ContainsKey("-o") || o.ContainsKey("--oneline");
        string socket = o.TryGetValue("-S", out string? s) ? s : o.TryGetValue("--socket", out s) ? s : ClientArgs.DefaultSocket;
        var ctx = new CtlContext(words[0], cmdArgs, verbosity, oneline);
        return ClientArgs.Guard(tool, () => Execute(socket, cmd, ctx));
    }

    private static int Count(Dictionary<string, string> o, string key) => o.TryGetValue(key, out string? v) ? v.Length : 0;

    private static int Execute(string socket, CtlCommand cmd, CtlContext ctx)
    {
        using ControlClient client = ControlClient.Connect(socket);
        try
        {
            TeamfwApi.LinkGet(client, ctx.Team);
        }
        catch (ControlRemoteException e) when (e.Errno == Errno.ENODEV)
        {
            StdIo.Error.WriteLine($"Device \"{ctx.Team}\" does not exist");
            return ClientArgs.ExitFailure;
        }

        try
        {
            string? output = Call(client, cmd.Id!, ctx);
            if (output is not null)
            {
                StdIo.Out.Write(output + "\n");
            }

            return ClientArgs.ExitOk;
        }
        catch (ControlRemoteException e)
        {
            StdIo.Error.WriteLine($"command call failed ({StrError.Text(e.Errno)})");
            if (e.Text is not null)
            {
                StdIo.Error.WriteLine($"teamfw: {e.Text}");
            }

            return ClientArgs.ExitFailure;
        }
    }

    private static string? Call(ControlClient c, string id, CtlContext x)
    {
        switch (id)
        {
            case "config dump":
                return JanssonJson.Dump(TeamfwApi.ConfigGet(c, x.Team, 0), x.Oneline);
            case "config dump noports":
                return JanssonJson.Dump(TeamfwApi.ConfigGet(c, x.Team, TeamfwConfigFlags.NoPorts), x.Oneline);
            case "config dump actual":
                return JanssonJson.Dump(TeamfwApi.ConfigGet(c, x.Team, TeamfwConfigFlags.Actual), x.Oneline);
            case "state dump":
                return JanssonJson.Dump(TeamfwApi.StateGet(c, x.Team), x.Oneline);
            case "state view":
                return StateView.Render(TeamfwApi.StateGet(c, x.Team), x.Verbosity).TrimEnd('\n');
            case "state item get":
                return ItemGet(TeamfwApi.StateGet(c, x.Team), x.Args[0]);
            case "state item set":
                TeamfwApi.StateItemSet(c, x.Team, x.Args[0], x.Args[1]);
                return null;
            case "port add":
                TeamfwApi.PortAdd(c, x.Team, x.Args[0]);
                return null;
            case "port remove":
                TeamfwApi.PortDel(c, x.Team, x.Args[0]);
                return null;
            case "port present":
                return StatePort(TeamfwApi.StateGet(c, x.Team), x.Args[0]) ? null : throw new ControlRemoteException(Errno.ENODEV, $"{x.Args[0]} is not a port of team {x.Team}");
            case "port config update":
                TeamfwApi.PortConfigUpdate(c, x.Team, x.Args[0], x.Args[1]);
                return null;
            default:
                return PortConfig(TeamfwApi.ConfigGet(c, x.Team, TeamfwConfigFlags.Actual), x.Args[0], x.Oneline);
        }
    }

    /// <summary>StateItemValueGet: a leaf of the state document, printed as teamd prints it.</summary>
    private static string ItemGet(string state, string path)
    {
        using JsonDocument doc = JsonDocument.Parse(state);
        JsonElement e = doc.RootElement;
        foreach (string part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e))
            {
                throw new ControlRemoteException(Errno.ENOENT, $"state item {path} does not exist");
            }
        }

        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString()!,
            JsonValueKind.Object or JsonValueKind.Array => throw new ControlRemoteException(Errno.EINVAL, $"state item {path} is not a value"),
            _ => e.GetRawText(),
        };
    }

    private static bool StatePort(string state, string port)
    {
        using JsonDocument doc = JsonDocument.Parse(state);
        return doc.RootElement.TryGetProperty("ports", out JsonElement ports) && ports.ValueKind == JsonValueKind.Object && ports.TryGetProperty(port, out _);
    }

    private static string PortConfig(string config, string port, bool oneline)
    {
        using JsonDocument doc = JsonDocument.Parse(config);
        if (!doc.RootElement.TryGetProperty("ports", out JsonElement ports) || !ports.TryGetProperty(port, out JsonElement p))
        {
            throw new ControlRemoteException(Errno.ENODEV, $"{port} is not a port of the team");
        }

        return JanssonJson.Dump(p, oneline);
    }

    private sealed record CtlContext(string Team, List<string> Args, int Verbosity, bool Oneline);
}
