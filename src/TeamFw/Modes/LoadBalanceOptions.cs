// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Buffers.Binary;
using TeamFw.Control.Options;
using TeamFw.Modes.Bpf;
using TeamFw.Native.Interop;

namespace TeamFw.Modes;

/// <summary>
/// The loadbalance mode's options, in the kernel's order (lb_options[] in team_mode_loadbalance.c), with
/// its rules: bpf_hash_func a multiple of 8 bytes and a program the classic-BPF checker accepts (-EINVAL),
/// empty = no hash function; lb_tx_method hash or hash_to_port_mapping (-EINVAL); a mapping entry only to
/// an enabled port (-ENODEV); lb_hash_stats and lb_port_stats read-only (u64 tx_bytes sent so far, taken
/// every lb_stats_refresh_interval, in tenths of a second; 0 = off).
/// </summary>
public static class LoadBalanceOptions
{
    public const string HashStats = "lb_hash_stats";
    public const string PortStats = "lb_port_stats";

    /// <summary>
    /// bpf_hash_func: the program set through the socket, as it was set. While the config's tx_hash is in
    /// effect (teamfw hashes natively) it reads back the program teamd generates for that tx_hash, as on a
    /// kernel driven by teamd; writing exactly that program back keeps the native hasher, any other runs in
    /// the interpreter, and empty removes the hash function.
    /// </summary>
    public static readonly OptionDescriptor BpfHashFunc = new("bpf_hash_func", OptionType.Binary,
        static (in OptionContext c) => OptionValue.FromBinary(Lb(c)?.HashFuncBytes ?? []),
        static (in OptionContext c, OptionValue v) =>
        {
            byte[] raw = v.Binary;
            if (raw.Length == 0)
            {
                Lb(c)?.SetHashProgram(null);
                return ControlError.Ok;
            }

            if (Lb(c) is { } native && native.IsTxHashProgram(raw))
            {
                native.SetTxHash(native.HashFields);
                return ControlError.Ok;
            }

            BpfProgram? prog = BpfProgram.Create(raw, out string? why);
            if (prog is null)
            {
                return ControlError.Of(Errno.EINVAL, "bpf_hash_func: " + why);
            }

            Lb(c)?.SetHashProgram(prog);
            return ControlError.Ok;
        });

    public static readonly OptionDescriptor TxMethod = new("lb_tx_method", OptionType.String,
        static (in OptionContext c) => OptionValue.FromString(MethodName(Lb(c)?.TxMethod ?? LbTxMethod.Hash)),
        static (in OptionContext c, OptionValue v) =>
        {
            LbTxMethod? m = v.String switch
            {
                "hash" => LbTxMethod.Hash,
                "hash_to_port_mapping" => LbTxMethod.HashToPortMapping,
                _ => null,
            };
            if (m is null)
            {
                return ControlError.Of(Errno.EINVAL, $"lb_tx_method \"{v.String}\" is not hash or hash_to_port_mapping");
            }

            if (Lb(c) is { } lb)
            {
                lb.TxMethod = m.Value;
            }

            return ControlError.Ok;
        });

    public static readonly OptionDescriptor TxHashToPortMapping = new("lb_tx_hash_to_port_mapping", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32((uint)(Lb(c)?.MappedPort((int)c.ArrayIndex)?.IfIndex ?? 0)),
        static (in OptionContext c, OptionValue v) =>
        {
            foreach (PortRecord p in c.State.Ports)
            {
                if ((uint)p.IfIndex == v.U32 && c.Target.PortEnabled(p) && p.Handle is IPort port)
                {
                    Lb(c)?.SetMapping((int)c.ArrayIndex, port);
                    return ControlError.Ok;
                }
            }

            return ControlError.Of(Errno.ENODEV, $"ifindex {v.U32} is not an enabled port of team {c.Target.Name}");
        },
        ArraySize: LoadBalanceMode.Buckets);

    public static readonly OptionDescriptor HashStatsOption = new(HashStats, OptionType.Binary,
        static (in OptionContext c) => Stats(Lb(c)?.HashStat((int)c.ArrayIndex) ?? 0),
        ArraySize: LoadBalanceMode.Buckets, Observe: false);

    public static readonly OptionDescriptor PortStatsOption = new(PortStats, OptionType.Binary,
        static (in OptionContext c) => Stats(Lb(c)?.PortStat(c.Port!.IfIndex) ?? 0),
        PerPort: true, Observe: false);

    public static readonly OptionDescriptor StatsRefreshInterval = new("lb_stats_refresh_interval", OptionType.U32,
        static (in OptionContext c) => OptionValue.FromU32(Lb(c)?.StatsRefreshInterval ?? 0),
        static (in OptionContext c, OptionValue v) =>
        {
            if (Lb(c) is { } lb)
            {
                lb.StatsRefreshInterval = v.U32;
            }

            return ControlError.Ok;
        });

    /// <summary>lb_options[], in order.</summary>
    public static readonly OptionDescriptor[] All =
        [BpfHashFunc, TxMethod, TxHashToPortMapping, HashStatsOption, PortStatsOption, StatsRefreshInterval];

    public static string MethodName(LbTxMethod m) => m == LbTxMethod.Hash ? "hash" : "hash_to_port_mapping";

    private static LoadBalanceMode? Lb(in OptionContext c) => c.Target.Mode as LoadBalanceMode;

    /// <summary>struct lb_stats { u64 tx_bytes; } in host order.</summary>
    private static OptionValue Stats(ulong txBytes)
    {
        byte[] b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, txBytes);
        return OptionValue.FromBinary(b);
    }
}
