// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;

namespace TeamFw.Control.Options;

/// <summary>
/// The options every team has, in the kernel's registration order (team_options[] in team_core.c),
/// with its rules: mode changes only without ports (-EBUSY) and never to itself (-EINVAL); queue_id
/// below the 16 default TX queues (-EINVAL).
/// </summary>
public static class CoreOptions
{
    /// <summary>TEAM_DEFAULT_NUM_TX_QUEUES: queue_id must be below it.</summary>
    public const uint TxQueues = 16;

    public static readonly OptionDescriptor Mode = new("mode", OptionType.String, static (in OptionContext c) => OptionValue.FromString(c.Target.ModeName), SetMode);

    public static readonly OptionDescriptor NotifyPeersCount = new("notify_peers_count", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.State.NotifyPeersCount),
        static (in OptionContext c, OptionValue v) =>
        {
            c.State.NotifyPeersCount = v.U32;
            return ControlError.Ok;
        });

    public static readonly OptionDescriptor NotifyPeersInterval = new("notify_peers_interval", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.State.NotifyPeersInterval),
        static (in OptionContext c, OptionValue v) =>
        {
            c.State.NotifyPeersInterval = v.U32;
            return ControlError.Ok;
        });

    public static readonly OptionDescriptor McastRejoinCount = new("mcast_rejoin_count", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.State.McastRejoinCount),
        static (in OptionContext c, OptionValue v) =>
        {
            c.State.McastRejoinCount = v.U32;
            return ControlError.Ok;
        });

    public static readonly OptionDescriptor McastRejoinInterval = new("mcast_rejoin_interval", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.State.McastRejoinInterval),
        static (in OptionContext c, OptionValue v) =>
        {
            c.State.McastRejoinInterval = v.U32;
            return ControlError.Ok;
        });

    public static readonly OptionDescriptor Enabled = new("enabled", OptionType.Bool,
        static (in OptionContext c) => OptionValue.FromBool(c.Target.PortEnabled(c.Port!)),
        static (in OptionContext c, OptionValue v) =>
        {
            c.Target.SetPortEnabled(c.Port!, v.Bool);
            return ControlError.Ok;
        },
        PerPort: true);

    public static readonly OptionDescriptor UserLinkup = new("user_linkup", OptionType.Bool,
        static (in OptionContext c) => OptionValue.FromBool(c.Port!.UserLinkup),
        static (in OptionContext c, OptionValue v) =>
        {
            c.Port!.UserLinkup = v.Bool;
            c.Target.UserLinkupChanged(c.Port);
            return ControlError.Ok;
        },
        PerPort: true);

    public static readonly OptionDescriptor UserLinkupEnabled = new("user_linkup_enabled", OptionType.Bool,
        static (in OptionContext c) => OptionValue.FromBool(c.Port!.UserLinkupEnabled),
        static (in OptionContext c, OptionValue v) =>
        {
            c.Port!.UserLinkupEnabled = v.Bool;
            c.Target.UserLinkupChanged(c.Port);
            return ControlError.Ok;
        },
        PerPort: true);

    public static readonly OptionDescriptor Priority = new("priority", OptionType.S32,
        static (in OptionContext c) => OptionValue.FromS32(c.Port!.Priority),
        static (in OptionContext c, OptionValue v) =>
        {
            if (c.Port!.Priority != v.S32)
            {
                c.Port.Priority = v.S32;
                c.Target.PriorityChanged(c.Port);
            }

            return ControlError.Ok;
        },
        PerPort: true);

    public static readonly OptionDescriptor QueueId = new("queue_id", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(c.Port!.QueueId),
        static (in OptionContext c, OptionValue v) =>
        {
            if (v.U32 != c.Port!.QueueId && v.U32 >= TxQueues)
            {
                return ControlError.Of(Errno.EINVAL, $"queue_id {v.U32} is not below the team's {TxQueues} TX queues");
            }

            c.Port.QueueId = v.U32;
            return ControlError.Ok;
        },
        PerPort: true);

    /// <summary>team_options[], in order.</summary>
    public static readonly OptionDescriptor[] All =
    [
        Mode, NotifyPeersCount, NotifyPeersInterval, McastRejoinCount, McastRejoinInterval,
        Enabled, UserLinkup, UserLinkupEnabled, Priority, QueueId,
    ];

    /// <summary>team_mode_option_set → team_change_mode: the old mode's options go (REMOVED), the new mode's come.</summary>
    private static ControlError SetMode(in OptionContext c, OptionValue v)
    {
        string kind = v.String;
        if (c.Target.PortCount > 0)
        {
            return ControlError.Of(Errno.EBUSY, "No ports can be present during mode change");
        }

        if (kind == c.Target.ModeName)
        {
            return ControlError.Of(Errno.EINVAL, $"mode is already {kind}");
        }

        if (!c.Target.IsModeAvailable(kind))
        {
            return ControlError.Of(Errno.EINVAL, $"mode \"{kind}\" is not available (teamfw has {string.Join(", ", ModeOptions.AvailableModes(c.Target))})");
        }

        c.State.Unregister(ModeOptions.For(c.Target.ModeName));
        ControlError err = c.Target.ChangeMode(kind);
        c.State.Register(ModeOptions.For(c.Target.ModeName));
        return err;
    }
}
