// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using TeamFw.Control;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Netlink;

namespace TeamFw.Cli.Teamnl;

/// <summary>
/// teamnl monitor [changed|all]: joins change_event and prints, per event, "ports:" and "options:"
/// blocks as teamnl's change handler does. SIGINT, SIGQUIT and SIGTERM end it with exit 0.
/// (teamnl also prints "ifinfos:" from rtnetlink; teamfw has no ifinfo events.)
/// </summary>
internal static class NlMonitor
{
    public static void Run(NlTarget target, NlModel model, List<string> args, bool raw)
    {
        ControlClient client = target.Client;
        ResolvedFamily family = target.Family;
        bool all = false;
        if (args.Count > 0)
        {
            if ("all".StartsWith(args[0], StringComparison.Ordinal))
            {
                all = true;
            }
            else if (!"changed".StartsWith(args[0], StringComparison.Ordinal))
            {
                StdIo.Error.WriteLine($"Unknown monitor style \"{args[0]}\"");
                throw new ControlRemoteException(Errno.EINVAL, null);
            }
        }

        if (!family.Groups.TryGetValue(GenlFamily.TeamChangeEventGroupName, out uint group))
        {
            throw new ControlRemoteException(Errno.ENOENT, "the team family has no change_event group");
        }

        client.Join(group);
        StdIo.Out.Flush();
        using var stop = new StopSignals();
        bool options = false, ports = false, started = false;
        while (!stop.Requested)
        {
            byte[]? d = client.NextEvent(200);
            if (d is null)
            {
                continue;
            }

            if (raw)
            {
                StdIo.Out.Write(Convert.ToHexStringLower(d) + "\n");
                StdIo.Out.Flush();
                continue;
            }

            var messages = new NlMessageReader(d);
            while (messages.TryNext(out ReadOnlySpan<byte> m))
            {
                NlHeader h = NlHeader.Read(m);
                if (h.Type == Nl.NlmsgDone)
                {
                    target.LearnNames(model);
                    Print(model, all, options, ports);
                    options = ports = started = false;
                    continue;
                }

                if (h.Type == Nl.NlmsgError)
                {
                    ControlClient.ThrowIfError(m);
                    continue;
                }

                if (h.Type != family.Id)
                {
                    continue;
                }

                byte[] msg = m.ToArray();
                byte cmd = msg[Nl.HeaderLength];
                if (!started)
                {
                    model.BeginRound(cmd == (byte)TeamCmd.OptionsGet, cmd == (byte)TeamCmd.PortListGet);
                    started = true;
                }

                switch (model.Apply(msg))
                {
                    case TeamCmd.OptionsGet:
                        options = true;
                        break;
                    case TeamCmd.PortListGet:
                        ports = true;
                        break;
                }
            }
        }
    }

    private static void Print(NlModel model, bool all, bool options, bool ports)
    {
        if (ports && model.Ports.Exists(p => all || p.Changed))
        {
            var sb = new System.Text.StringBuilder("ports:\n");
            foreach (NlPort p in model.Ports)
            {
                if (all || p.Changed)
                {
                    sb.Append("  ").Append(NlModel.Fit(model.PortLine(p), out bool cut)).Append(cut ? " ...\n" : " \n");
                }
            }

            StdIo.Out.Write(sb.ToString());
        }

        if (options && model.Options.Exists(o => all || o.Changed))
        {
            var sb = new System.Text.StringBuilder("options:\n");
            foreach (NlOption o in model.Options)
            {
                if (all || o.Changed)
                {
                    sb.Append("  ").Append(NlModel.Fit(model.OptionLine(o), out bool cut)).Append(cut ? "..." : string.Empty)
                        .Append(o.Changed ? " changed" : string.Empty).Append('\n');
                }
            }

            StdIo.Out.Write(sb.ToString());
        }

        StdIo.Out.Flush();
    }

    /// <summary>SIGINT, SIGQUIT, SIGTERM: stop the loop and exit 0, as teamnl's signalfd loop does.</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] _regs;
        private volatile bool _requested;

        public StopSignals()
        {
            _regs =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            ];
        }

        public bool Requested => _requested;

        private void Handle(PosixSignalContext c)
        {
            c.Cancel = true;
            _requested = true;
        }

        public void Dispose()
        {
            foreach (PosixSignalRegistration r in _regs)
            {
                r.Dispose();
            }
        }
    }
}
