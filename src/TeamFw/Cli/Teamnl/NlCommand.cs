// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using TeamFw.Control;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;

namespace TeamFw.Cli.Teamnl;

/// <summary>
/// <c>teamfw nl</c> / <c>teamnl</c>: teamnl's commands, flags and output lines (libteam utils/teamnl.c,
/// teamnl(8)), over the control socket's team family. Commands match by prefix, as teamnl's do.
/// </summary>
internal static class NlCommand
{
    private static readonly string[] s_commands = ["ports", "options", "getoption", "setoption", "monitor"];

    public static int Run(string[] args, string tool)
    {
        Dictionary<string, string> o;
        List<string> words;
        try
        {
            (o, words) = ClientArgs.Parse(args, ["-h", "--help"], ["-p", "--port_name", "-a", "--array_index", "-S", "--socket"]);
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine($"{tool}: {e.Message}");
            Help(tool);
            return ClientArgs.ExitUsage;
        }

        if (o.ContainsKey("-h") || o.ContainsKey("--help"))
        {
            Help(tool);
            return ClientArgs.ExitOk;
        }

        if (words.Count < 2)
        {
            StdIo.Error.WriteLine(words.Count == 0 ? "No team device specified." : "No command specified.");
            Help(tool);
            return ClientArgs.ExitUsage;
        }

        string? cmd = Array.Find(s_commands, c => c.StartsWith(words[1], StringComparison.Ordinal));
        if (cmd is null)
        {
            StdIo.Error.WriteLine($"Unknown command \"{words[1]}\".");
            Help(tool);
            return ClientArgs.ExitUsage;
        }

        string socket = Value(o, "-S", "--socket") ?? ClientArgs.DefaultSocket;
        string? port = Value(o, "-p", "--port_name");
        string? index = Value(o, "-a", "--array_index");
        return ClientArgs.Guard(tool, () => Execute(socket, words[0], cmd, words.GetRange(2, words.Count - 2), port, index));
    }

    private static string? Value(Dictionary<string, string> o, string a, string b)
        => o.TryGetValue(a, out string? v) ? v : o.TryGetValue(b, out v) ? v : null;

    private static int Execute(string socket, string team, string cmd, List<string> args, string? portName, string? indexArg)
    {
        using ControlClient client = ControlClient.Connect(socket);
        TeamReply link;
        try
        {
            link = TeamfwApi.LinkGet(client, team);
        }
        catch (ControlRemoteException e) when (e.Errno == Errno.ENODEV)
        {
            StdIo.Error.WriteLine($"Netdevice \"{team}\" not found.");
            return ClientArgs.ExitFailure;
        }

        var model = new NlModel(link.IfIndex);
        foreach (PortReply p in link.Ports)
        {
            model.Names[p.IfIndex] = p.Name;
        }

        ResolvedFamily family = client.Resolve(GenlFamily.TeamName);
        try
        {
            uint? port = PortIndex(link, portName);
            uint? index = ArrayIndex(indexArg);
            Fetch(client, family, model, TeamCmd.PortListGet);
            Fetch(client, family, model, TeamCmd.OptionsGet);
            return cmd switch
            {
                "ports" => PrintPorts(model),
                "options" => PrintOptions(model),
                "getoption" => GetOption(model, args, port, index),
                "setoption" => SetOption(client, family, model, args, port, index),
                _ => NlMonitor.Run(client, family, model, args, team),
            };
        }
        catch (ControlRemoteException e)
        {
            StdIo.Error.WriteLine($"Command failed: {StrError.Text(e.Errno)}");
            if (e.Text is not null)
            {
                StdIo.Error.WriteLine($"teamfw: {e.Text}");
            }

            return ClientArgs.ExitFailure;
        }
    }

    /// <summary>Asks for the options or the ports and applies the replies as one round.</summary>
    public static void Fetch(ControlClient client, ResolvedFamily family, NlModel model, TeamCmd cmd)
    {
        List<byte[]> replies = client.Request(family.Id, (byte)cmd, 0, (ref GenlWriter w) => w.WriteU32((ushort)TeamAttr.TeamIfindex, model.TeamIfIndex));
        model.BeginRound(cmd == TeamCmd.OptionsGet, cmd == TeamCmd.PortListGet);
        foreach (byte[] m in replies)
        {
            model.Apply(m);
        }
    }

    private static uint? PortIndex(TeamReply link, string? name)
    {
        if (name is null)
        {
            return null;
        }

        PortReply? p = link.Ports.Find(x => x.Name == name);
        if (p is null)
        {
            StdIo.Error.WriteLine($"Netdevice \"{name}\" is not port of this team.");
            throw new ControlRemoteException(Errno.ENODEV, null);
        }

        return p.IfIndex;
    }

    private static uint? ArrayIndex(string? arg)
    {
        if (arg is null)
        {
            return null;
        }

        if (!ulong.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
        {
            StdIo.Error.WriteLine("Failed to parse array index.");
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        if (v > uint.MaxValue)
        {
            StdIo.Error.WriteLine("Array index too big.");
            throw new ControlRemoteException(Errno.ERANGE, null);
        }

        return (uint)v;
    }

    private static int PrintPorts(NlModel model)
    {
        foreach (NlPort p in model.Ports)
        {
            StdIo.Out.Write(model.PortLine(p) + " \n");
        }

        return ClientArgs.ExitOk;
    }

    private static int PrintOptions(NlModel model)
    {
        foreach (NlOption o in model.Options)
        {
            StdIo.Out.Write(model.OptionLine(o) + " \n");
        }

        return ClientArgs.ExitOk;
    }

    private static int GetOption(NlModel model, List<string> args, uint? port, uint? index)
    {
        if (args.Count < 1)
        {
            StdIo.Error.WriteLine("getoption: Option name as a command line parameter expected.");
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        NlOption o = model.Find(args[0], port, index) ?? throw new ControlRemoteException(Errno.ENOENT, null);
        StdIo.Out.Write(o.Value.ToString() + "\n");
        return ClientArgs.ExitOk;
    }

    private static int SetOption(ControlClient client, ResolvedFamily family, NlModel model, List<string> args, uint? port, uint? index)
    {
        if (args.Count < 2)
        {
            StdIo.Error.WriteLine(args.Count < 1 ? "setoption: Option name as a command line parameter expected." : "setoption: Option value as a command line parameter expected.");
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        NlOption o = model.Find(args[0], port, index) ?? throw new ControlRemoteException(Errno.ENOENT, null);
        Control.Options.OptionValue v = NlValues.Parse(o.Value.Type, args[1]);
        client.Request(family.Id, (byte)TeamCmd.OptionsSet, 0, (ref GenlWriter w) => NlValues.WriteSet(ref w, model.TeamIfIndex, o, v));
        return ClientArgs.ExitOk;
    }

    private static void Help(string tool)
    {
        StdIo.Out.Write($"{tool} [options] teamdevname command [command args]\n" +
            "\t-h --help                Show this help\n" +
            "\t-p --port_name=PORT      Port the option applies to\n" +
            "\t-a --array_index=INDEX   Array index of the option\n" +
            "\t-S --socket=PATH         teamfw control socket (default /run/teamfw/teamfw.sock, $TEAMFW_SOCKET)\n" +
            "Commands:\n\tports\n\toptions\n\tgetoption OPT_NAME\n\tsetoption OPT_NAME OPT_VALUE\n\tmonitor OPT_STYLE\n");
    }
}
