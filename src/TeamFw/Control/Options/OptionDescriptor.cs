// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;

namespace TeamFw.Control.Options;

/// <summary>The outcome of a control operation: 0, or an errno with the words for NLMSGERR_ATTR_MSG.</summary>
public readonly record struct ControlError(Errno Errno, string? Message)
{
    public static ControlError Ok => default;

    public bool IsError => Errno != Errno.OK;

    public static ControlError Of(Errno errno, string message) => new(errno, message);
}

/// <summary>What a getter or setter is called for: the team, the port (per-port options) and the array index.</summary>
public readonly record struct OptionContext(TeamControlState State, PortRecord? Port, uint ArrayIndex)
{
    public ITeamOptionTarget Target => State.Target;
}

public delegate OptionValue OptionGetter(in OptionContext ctx);

public delegate ControlError OptionSetter(in OptionContext ctx, OptionValue value);

/// <summary>
/// One option as a mode or the core registers it (struct team_option): name, type, per-port or
/// array (one instance per port, per index), getter, and setter (none = read-only: -EOPNOTSUPP).
/// <paramref name="Observe"/>: the value may change behind the socket's back (a runner enabling a port),
/// so each sync compares it and multicasts what changed; stats-like options set it false and mark
/// their changes themselves with <see cref="TeamControlState.MarkChanged"/>.
/// </summary>
public sealed record OptionDescriptor(
    string Name,
    OptionType Type,
    OptionGetter Get,
    OptionSetter? Set = null,
    bool PerPort = false,
    int ArraySize = 0,
    bool Observe = true);

/// <summary>One option instance (struct team_option_inst): (option, port, array index) with its changed/removed bits.</summary>
public sealed class OptionInstance
{
    internal OptionInstance(OptionDescriptor option, PortRecord? port, uint arrayIndex)
    {
        Option = option;
        Port = port;
        ArrayIndex = arrayIndex;
        Changed = true;
    }

    public OptionDescriptor Option { get; }

    public PortRecord? Port { get; }

    public uint ArrayIndex { get; }

    /// <summary>Set when the value changed; cleared when a reply or event carries TEAM_ATTR_OPTION_CHANGED.</summary>
    public bool Changed { get; set; }

    /// <summary>Set while the instance is being unregistered (sent once with REMOVED and CHANGED).</summary>
    public bool Removed { get; internal set; }

    /// <summary>The value last reported, for change detection of observed options.</summary>
    internal OptionValue Last { get; set; }

    public override string ToString() => Port is null ? Option.Name : $"{Option.Name} (port:{Port.Name})";
}
