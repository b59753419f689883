// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Netlink;

namespace TeamFw.Cli.Teamnl;

/// <summary>One command of <c>teamfw nl</c>: from the command line, or one line of a -b batch file.</summary>
internal sealed record NlRequest(string Command, List<string> Args, string? Port, string? Index, string? Type, string Text);

/// <summary>
/// <c>teamfw nl</c> / <c>teamnl</c>: teamnl's commands, flags and output lines (libteam utils/teamnl.c,
/// teamnl(8)), over the team family of a kernel team device (AF_NETLINK) or of a teamfw daemon (its control
/// socket). Commands match by prefix, as teamnl's do. teamfw's additions: -K/-S to choose the team's
/// side, -t to send an option as given, --raw to print the datagrams as they came, -b for a batch.
/// </summary>
internal static class NlCommand
{
    private static readonly string[] s_commands = ["ports", "options", "getoption", "setoption", "monitor"];
    private static readonly string[] s_lineOptions = ["-p", "--port_name", "-a", "--array_index", "-t", "--type"];

    public static int Run(string[] args, string tool)
    {
        Dictionary<string, string> o;
        List<string> words;
        try
        {
            (o, words) = ClientArgs.Parse(args, ["-h", "--help", "-K", "--kernel", "--raw"], [.. s_lineOptions, "-S", "--socket", "-b", "--batch"]);
            if (Has(o, "-K", "--kernel") && Has(o, "-S", "--socket"))
            {
                throw new ArgumentException("-K (the kernel's team) and -S (a teamfw daemon's socket) exclude each other");
            }

            if (Has(o, "-b", "--batch") && Has(o, s_lineOptions))
            {
                throw new ArgumentException("with -b, give -p, -a and -t on the lines of the batch");
            }
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine($"{tool}: {e.Message}");
            Help(tool);
            return ClientArgs.ExitUsage;
        }

        if (Has(o, "-h", "--help"))
        {
            Help(tool);
            return ClientArgs.ExitOk;
        }

        string? batch = Value(o, "-b", "--batch");
        if (words.Count == 0 || (batch is null && words.Count < 2))
        {
            StdIo.Error.WriteLine(words.Count == 0 ? "No team device specified." : "No command specified.");
            Help(tool);
            return ClientArgs.ExitUsage;
        }

        List<NlRequest> requests;
        try
        {
            requests = batch is null ? [Request(words.GetRange(1, words.Count - 1), o, string.Join(' ', words.GetRange(1, words.Count - 1)))] : ReadBatch(batch, words);
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine(e.Message);
            Help(tool);
            return ClientArgs.ExitUsage;
        }
        catch (IOException e)
        {
            StdIo.Error.WriteLine($"{tool}: {e.Message}");
            return ClientArgs.ExitUsage;
        }

        NlBackend backend = Has(o, "-K", "--kernel") ? NlBackend.Kernel : Has(o, "-S", "--socket") ? NlBackend.Daemon : NlBackend.Auto;
        string socket = Value(o, "-S", "--socket") ?? ClientArgs.DefaultSocket;
        bool raw = Has(o, "--raw");
        return ClientArgs.Guard(tool, () => Execute(words[0], backend, socket, requests, raw, batch is not null));
    }

    private static bool Has(Dictionary<string, string> o, params string[] names) => Array.Exists(names, o.ContainsKey);

    private static string? Value(Dictionary<string, string> o, string a, string b)
        => o.TryGetValue(a, out string? v) ? v : o.TryGetValue(b, out v) ? v : null;

    /// <summary>COMMAND ARGS with the per-command options (-p, -a, -t); the command by prefix, else ArgumentException.</summary>
    private static NlRequest Request(List<string> words, Dictionary<string, string> o, string text)
    {
        string? cmd = Array.Find(s_commands, c => c.StartsWith(words[0], StringComparison.Ordinal))
            ?? throw new ArgumentException($"Unknown command \"{words[0]}\".");
        return new NlRequest(cmd, words.GetRange(1, words.Count - 1), Value(o, "-p", "--port_name"), Value(o, "-a", "--array_index"), Value(o, "-t", "--type"), text);
    }

    /// <summary>-b FILE ("-": stdin): one command per line, "[-p PORT] [-a INDEX] [-t TYPE] COMMAND ARGS"; blank lines and "#" comments skipped.</summary>
    private static List<NlRequest> ReadBatch(string path, List<string> words)
    {
        if (words.Count > 1)
        {
            throw new ArgumentException($"With -b the commands come from {path}: only the team device may follow.");
        }

        string text = File.ReadAllText(path == "-" ? "/dev/stdin" : path);
        var list = new List<NlRequest>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            try
            {
                (Dictionary<string, string> o, List<string> w) = ClientArgs.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), [], s_lineOptions);
                if (w.Count == 0)
                {
                    throw new ArgumentException("no command");
                }

                list.Add(Request(w, o, line));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{path}:{number}: {e.Message}", e);
            }
        }

        return list;
    }

    private static int Execute(string team, NlBackend backend, string socket, List<NlRequest> requests, bool raw, bool batch)
    {
        using NlTarget? target = NlTarget.Open(team, backend, socket);
        if (target is null)
        {
            return ClientArgs.ExitFailure;
        }

        int rc = ClientArgs.ExitOk;
        foreach (NlRequest r in requests)
        {
            if (raw && batch)
            {
                StdIo.Out.Write($"> {r.Text}\n");
            }

            int one = RunOne(target, r, raw);
            rc = one != ClientArgs.ExitOk ? one : rc;
        }

        return rc;
    }

    private static int RunOne(NlTarget target, NlRequest r, bool raw)
    {
        var model = new NlModel(target.TeamIfIndex);
        List<byte[]>? ports = raw ? [] : null;
        List<byte[]>? options = raw ? [] : null;
        try
        {
            Fetch(target, model, TeamCmd.PortListGet, ports);
            Fetch(target, model, TeamCmd.OptionsGet, options);
            target.LearnNames(model);
            uint? port = r.Port is null ? null : r.Type is null ? NlTarget.PortIndex(model, r.Port) : AnyIndex(r.Port);
            uint? index = ArrayIndex(r.Index);
            switch (r.Command)
            {
                case "ports":
                    Print(ports, () => PrintPorts(model));
                    break;
                case "options":
                    Print(options, () => PrintOptions(model));
                    break;
                case "getoption":
                    GetOption(model, r.Args, port, index);
                    break;
                case "setoption":
                    List<byte[]>? set = raw ? [] : null;
                    try
                    {
                        SetOption(target, model, r, port, index, set);
                    }
                    finally
                    {
                        Print(set, static () => { });
                    }

                    break;
                default:
                    NlMonitor.Run(target, model, r.Args, raw);
                    break;
            }

            if (raw)
            {
                StdIo.Out.Write("= 0\n");
            }

            return ClientArgs.ExitOk;
        }
        catch (ControlRemoteException e)
        {
            StdIo.Error.WriteLine($"Command failed: {StrError.Text(e.Errno)}");
            if (e.Text is not null)
            {
                StdIo.Error.WriteLine($"teamfw: {e.Text}");
            }

            if (raw)
            {
                StdIo.Out.Write($"= -{((int)e.Errno).ToString(CultureInfo.InvariantCulture)}\n");
            }

            return ClientArgs.ExitFailure;
        }
    }

    /// <summary>--raw: the datagrams of the exchange, one line of hex each; else the teamnl lines.</summary>
    private static void Print(List<byte[]>? datagrams, Action lines)
    {
        if (datagrams is null)
        {
            lines();
            return;
        }

        foreach (byte[] d in datagrams)
        {
            StdIo.Out.Write(Convert.ToHexStringLower(d) + "\n");
        }
    }

    /// <summary>Asks for the options or the ports and applies the replies as one round.</summary>
    public static void Fetch(NlTarget target, NlModel model, TeamCmd cmd, List<byte[]>? exchange = null)
    {
        List<byte[]> replies = target.Client.Request(target.Family.Id, (byte)cmd, 0, (ref NlWriter w) => w.WriteU32((ushort)TeamAttr.TeamIfindex, model.TeamIfIndex), exchange: exchange);
        model.BeginRound(cmd == TeamCmd.OptionsGet, cmd == TeamCmd.PortListGet);
        foreach (byte[] m in replies)
        {
            model.Apply(m);
        }
    }

    /// <summary>-p with -t: any interface (by name, or an ifindex as a number), port of the team or not.</summary>
    private static uint AnyIndex(string name)
    {
        if (uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out uint n))
        {
            return n;
        }

        using var dev = new Native.Sockets.NetDevice();
        int ifIndex = name.Length < 16 ? dev.TryGetIndex(name) : 0;
        if (ifIndex == 0)
        {
            StdIo.Error.WriteLine($"Netdevice \"{name}\" not found.");
            throw new ControlRemoteException(Errno.ENODEV, null);
        }

        return (uint)ifIndex;
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

    private static void PrintPorts(NlModel model)
    {
        foreach (NlPort p in model.Ports)
        {
            PrintListed(model.PortLine(p));
        }
    }

    private static void PrintOptions(NlModel model)
    {
        foreach (NlOption o in model.Options)
        {
            PrintListed(model.OptionLine(o));
        }
    }

    /// <summary>teamnl's "ports" / "options" line: printf("%s %s\n", buf, trunc ? "&lt;trunc&gt;" : "").</summary>
    private static void PrintListed(string full)
    {
        string line = NlModel.Fit(full, out bool cut);
        StdIo.Out.Write(cut ? line + " <trunc>\n" : line + " \n");
    }

    private static void GetOption(NlModel model, List<string> args, uint? port, uint? index)
    {
        if (args.Count < 1)
        {
            StdIo.Error.WriteLine("getoption: Option name as a command line parameter expected.");
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        NlOption o = model.Find(args[0], port, index) ?? throw new ControlRemoteException(Errno.ENOENT, null);
        StdIo.Out.Write(o.Value.ToString() + "\n");
    }

    /// <summary>
    /// teamnl's setoption: the option must exist and VALUE is parsed by its type. With -t the option is not
    /// looked up: NAME, -p, -a, the TYPE byte and VALUE go to the team as given, and the team judges them.
    /// </summary>
    private static void SetOption(NlTarget target, NlModel model, NlRequest r, uint? port, uint? index, List<byte[]>? exchange)
    {
        if (r.Args.Count < 2)
        {
            StdIo.Error.WriteLine(r.Args.Count < 1 ? "setoption: Option name as a command line parameter expected." : "setoption: Option value as a command line parameter expected.");
            throw new ControlRemoteException(Errno.EINVAL, null);
        }

        if (r.Type is not null)
        {
            if (NlValues.ParseType(r.Type) is not { } typeArg)
            {
                StdIo.Error.WriteLine($"Unknown option type \"{r.Type}\" (u32, s32, string, binary, bool or a number 0..255).");
                throw new ControlRemoteException(Errno.EINVAL, null);
            }

            byte wire = typeArg.Wire;
            OptionValue typed = NlValues.Parse(typeArg.Type ?? OptionType.U32, r.Args[1]);
            target.Client.Request(target.Family.Id, (byte)TeamCmd.OptionsSet, 0, (ref NlWriter w) => NlValues.WriteSet(ref w, model.TeamIfIndex, r.Args[0], port, index, wire, typed), exchange: exchange);
            return;
        }

        NlOption o = model.Find(r.Args[0], port, index) ?? throw new ControlRemoteException(Errno.ENOENT, null);
        OptionValue v = NlValues.Parse(o.Value.Type, r.Args[1]);
        target.Client.Request(target.Family.Id, (byte)TeamCmd.OptionsSet, 0, (ref NlWriter w) => NlValues.WriteSet(ref w, model.TeamIfIndex, o, v), exchange: exchange);
    }

    private static void Help(string tool)
    {
        StdIo.Out.Write($"{tool} [options] teamdevname command [command args]\n" +
            $"{tool} [options] -b FILE teamdevname\n" +
            "\t-h --help                Show this help\n" +
            "\t-p --port_name=PORT      Port the option applies to\n" +
            "\t-a --array_index=INDEX   Array index of the option\n" +
            "\t-K --kernel              Talk to the kernel team device over netlink (the default when teamdevname is one)\n" +
            "\t-S --socket=PATH         Talk to a teamfw daemon (default /run/teamfw/teamfw.sock, $TEAMFW_SOCKET)\n" +
            "\t-t --type=TYPE           setoption: send the option as TYPE (u32 s32 string binary bool, or 0..255) without looking it up\n" +
            "\t   --raw                 Print the datagrams the team answered, in hex, and \"= ERRNO\" after each command\n" +
            "\t-b --batch=FILE          Run the commands of FILE (\"-\": stdin), one per line, on one connection\n" +
            "Commands:\n\tports\n\toptions\n\tgetoption OPT_NAME\n\tsetoption OPT_NAME OPT_VALUE\n\tmonitor OPT_STYLE\n");
    }
}
