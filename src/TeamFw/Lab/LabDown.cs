// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;

namespace TeamFw.Lab;

/// <summary>
/// `teamfw lab down`: stops the daemons named by the pid files, deletes the namespaces the state
/// directory lists (their veth ends and team0 go with them), then the state directory. Idempotent;
/// does not wait on the cancellation token, so it also completes after Ctrl-C. A step that fails
/// leaves the state directory in place, so running it again retries.
/// </summary>
internal static class LabDown
{
    /// <returns>0 when nothing of the lab is left, else 1.</returns>
    public static int Run(LabState state, TextWriter output)
    {
        if (!state.Exists)
        {
            Say(output, "nothing", $"no lab state in {state.Dir}: the lab is not up");
            NoteStrangers(output, state);
            return 0;
        }

        bool ok = true;
        foreach (LabSide side in LabTopology.Sides)
        {
            ok &= Step(output, () => LabDaemons.Stop(state, side));
        }

        foreach (string ns in state.CreatedNetns())
        {
            ok &= Step(output, () => DeleteNetns(ns));
        }

        if (!ok)
        {
            Say(output, "kept", $"{state.Dir}: something above failed; run `teamfw lab down` again");
            return 1;
        }

        state.Remove();
        Say(output, "removed", $"{state.Dir} (configs, pid files, logs)");
        return 0;
    }

    private static (string, string)? DeleteNetns(string ns)
    {
        if (!IpOutput.NetnsNames(Tool.Ip("netns", "list")).Contains(ns))
        {
            return ("gone", $"network namespace {ns} was already gone");
        }

        // One retry: a Ctrl-C at the terminal reaches `ip` too (same process group) and may kill the first try.
        ToolResult r = Tool.Run("ip", ["netns", "del", ns]);
        if (!r.Ok && IpOutput.NetnsNames(Tool.Ip("netns", "list")).Contains(ns))
        {
            Tool.Ip("netns", "del", ns);
        }

        return ("removed", $"network namespace {ns} (with its veth ends and {LabTopology.Team})");
    }

    private static bool Step(TextWriter output, Func<(string Label, string Text)?> step)
    {
        try
        {
            if (step() is (string label, string text))
            {
                Say(output, label, text);
            }

            return true;
        }
        catch (Exception e) when (e is LabException or IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Say(output, "FAILED", e.Message);
            return false;
        }
    }

    /// <summary>Lab-named namespaces without lab state are not ours to delete; say so.</summary>
    private static void NoteStrangers(TextWriter output, LabState state)
    {
        try
        {
            foreach (string ns in IpOutput.NetnsNames(Tool.Ip("netns", "list")))
            {
                if (Array.Exists(LabTopology.Sides, s => s.Netns == ns))
                {
                    Say(output, "note", $"network namespace {ns} exists, but not made by the lab: left alone");
                    Say(output, string.Empty, $"(`ip netns del {ns}` removes it)");
                }
            }
        }
        catch (LabException)
        {
            // Only a note.
        }
    }

    private static void Say(TextWriter output, string label, string text)
    {
        output.WriteLine($"{label,-13}{text}");
        output.Flush();
    }
}
