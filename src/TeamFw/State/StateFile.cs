// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.State;

/// <summary>
/// Where the state file lives and whether a file found there can be trusted. It sits next to the
/// control socket (<c>/run/teamfw/teamfw.sock</c> → <c>/run/teamfw/teamfw.state</c>; <c>-S</c> moves
/// both), because the socket's lock already makes one daemon the only owner of that path: whoever holds
/// the lock may read what the previous holder left and write its own. A file is taken only when it is a
/// regular file owned by us with no access for group or others (mode 0600, as we write it), parses, and
/// was written on this boot in this network namespace; otherwise the reason is logged and the file is
/// replaced by our own at the first write.
/// </summary>
public static class StateFile
{
    /// <summary>A state file of 32 teams of 32 ports is about 100 KiB; anything much larger is not ours.</summary>
    public const int MaxBytes = 1 << 20;

    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    public static string PathFor(string socketPath)
        => socketPath.EndsWith(".sock", StringComparison.Ordinal) ? socketPath[..^5] + ".state" : socketPath + ".state";

    /// <summary>This process: the boot, the network namespace and the pid.</summary>
    public static StateOrigin Here()
    {
        string boot, netns;
        try
        {
            boot = File.ReadAllText(BootIdPath).Trim();
            netns = new FileInfo("/proc/self/ns/net").LinkTarget ?? "?";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No procfs: a file cannot be tied to a boot, so none will be trusted ("?" never matches a real id).
            (boot, netns) = ("?" + Environment.TickCount64.ToString(System.Globalization.CultureInfo.InvariantCulture), "?");
        }

        return new StateOrigin(boot, netns, Posix.GetPid());
    }

    /// <summary>What a previous daemon left at <paramref name="path"/>, or null: none, or not trusted
    /// (<paramref name="warn"/> is told why, naming the file).</summary>
    public static SavedState? Load(string path, StateOrigin here, Action<string> warn)
    {
        FileOwner? st = PrivateFile.Stat(path, out Errno errno);
        if (st is not { } f)
        {
            if (errno != Errno.ENOENT)
            {
                warn($"{path}: cannot read it ({ErrnoException.ErrnoName(errno)}); starting without it");
            }

            return null;
        }

        string? why = !f.Regular ? "it is not a regular file"
            : f.Uid != FileSystem.EffectiveUser ? $"it is owned by uid {f.Uid}, not by this daemon's uid {FileSystem.EffectiveUser}"
            : (f.Mode & 0x3f) != 0 ? $"its mode is {Convert.ToString(f.Mode, 8)}: group or others may use it (teamfw writes 600)"
            : null;
        if (why is not null)
        {
            warn($"{path}: not trusted, {why}; ignored");
            return null;
        }

        SavedState s;
        try
        {
            byte[]? content = PrivateFile.Read(path, MaxBytes);
            if (content is null)
            {
                warn($"{path}: not trusted, larger than {MaxBytes} bytes; ignored");
                return null;
            }

            s = StateCodec.Decode(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            warn($"{path}: corrupt ({e.Message}); ignored");
            return null;
        }

        if (s.Origin.BootId != here.BootId)
        {
            warn($"{path}: written before the last reboot (boot {s.Origin.BootId}); ignored");
            return null;
        }

        if (s.Origin.NetNs != here.NetNs)
        {
            warn($"{path}: written in another network namespace ({s.Origin.NetNs}, this is {here.NetNs}); ignored");
            return null;
        }

        return s;
    }
}
