// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Threading;
using TeamFw.Modes.Bpf;

namespace TeamFw.Modes;

/// <summary>lb_tx_method: how a bucket becomes a port.</summary>
public enum LbTxMethod
{
    /// <summary>bucket % enabled ports, then the first txable from there.</summary>
    Hash,

    /// <summary>lb_tx_hash_to_port_mapping[bucket], else as <see cref="Hash"/>.</summary>
    HashToPortMapping,
}

/// <summary>
/// loadbalance (team_mode_loadbalance.c): every frame is hashed to one of 256 buckets, and the bucket
/// picks the port, so a flow stays on one port. The hash is the native <see cref="FrameHasher"/> over the
/// tx_hash fields, or, once a client sets bpf_hash_func, that classic BPF program (folded to 8 bits the
/// kernel's way); an empty bpf_hash_func removes the program and every frame hashes to bucket 0, as in
/// the kernel. The transmit threads call <see cref="SelectTxPort"/> and <see cref="CountTx"/>, each with its lane;
/// everything else runs on the control thread. The data path reads only immutable or single-word state.
/// </summary>
public sealed partial class LoadBalanceMode : ITeamMode
{
    public const string KindName = "loadbalance";

    /// <summary>LB_TX_HASHTABLE_SIZE: the hash is one byte.</summary>
    public const int Buckets = 256;

    private readonly IPort?[] _map = new IPort?[Buckets];
    private readonly ulong[] _bucketBytes = new ulong[Buckets];
    private HashFunction _hash = HashFunction.Native(TxHash.Default);
    private int _method;
    private int _teamIfIndex;
    private readonly int[] _lastBucket = new int[TxLanes.Max * TxLanes.Stride];
    private int _mappingVersion;

    public static readonly ModeDescriptor Descriptor = new(KindName, static () => new LoadBalanceMode(), LoadBalanceOptions.All);

    public string Name => KindName;

    public bool TransmitsOnAll => false;

    /// <summary>The native hasher's fields (the config's tx_hash).</summary>
    public TxHashFields HashFields => Volatile.Read(ref _hash).Fields;

    /// <summary>The program set through bpf_hash_func, or null.</summary>
    public BpfProgram? HashProgram => Volatile.Read(ref _hash).Program;

    /// <summary>True when bpf_hash_func was set to empty: no hash function, every frame in bucket 0 (kernel semantics).</summary>
    public bool HashRemoved => Volatile.Read(ref _hash).Removed;

    public LbTxMethod TxMethod
    {
        get => (LbTxMethod)Volatile.Read(ref _method);
        set => Volatile.Write(ref _method, (int)value);
    }

    /// <summary>The team device's ifindex, what SKF_AD_IFINDEX reads in a bpf_hash_func program (the kernel runs it
    /// with skb->dev = the team device). Set by the team once its device exists; 0 before.</summary>
    public int TeamIfIndex
    {
        get => Volatile.Read(ref _teamIfIndex);
        set => Volatile.Write(ref _teamIfIndex, value);
    }

    /// <summary>Bumped whenever a mapping entry changes (the control thread announces the new values).</summary>
    public int OptionsVersion => _mappingVersion;

    /// <summary>The bucket of the frame last selected on <paramref name="lane"/> (that lane's transmit thread only).</summary>
    public int LastBucket(int lane = 0) => _lastBucket[lane * TxLanes.Stride];

    /// <summary>
    /// What bpf_hash_func reads back (struct sock_filter[], host order): the program a client set; while the
    /// native hasher is in effect, the program teamd would have generated from tx_hash
    /// (<see cref="TxHashProgram"/>), which hashes the same fields; empty once the hash function was removed.
    /// </summary>
    public byte[] HashFuncBytes
    {
        get
        {
            HashFunction h = Volatile.Read(ref _hash);
            return h.Program?.Raw ?? (h.Removed ? [] : h.TxHashRaw);
        }
    }

    /// <summary>True when <paramref name="raw"/> is the tx_hash program of the native hasher's fields: setting it
    /// keeps (or brings back) the native hasher rather than running the same fields through the interpreter.</summary>
    public bool IsTxHashProgram(ReadOnlySpan<byte> raw) => raw.SequenceEqual(Volatile.Read(ref _hash).TxHashRaw);

    /// <summary>Hash with the native hasher over these fields (teamd writing its tx_hash program); drops any BPF program.</summary>
    public void SetTxHash(TxHashFields fields) => Volatile.Write(ref _hash, HashFunction.Native(fields));

    /// <summary>bpf_hash_func: a program hashes from now on; null removes the hash function (bucket 0 for every frame).</summary>
    public void SetHashProgram(BpfProgram? program)
        => Volatile.Write(ref _hash, Volatile.Read(ref _hash) with { Program = program, Removed = program is null });

    /// <summary>The bucket (0..255) of a frame under the current hash function.</summary>
    public int BucketOf(ReadOnlySpan<byte> frame)
    {
        HashFunction h = Volatile.Read(ref _hash);
        if (h.Program is { } prog)
        {
            return FrameHasher.KernelFold(prog.Run(frame, (uint)Volatile.Read(ref _teamIfIndex)));
        }

        return h.Removed ? 0 : FrameHasher.Bucket(FrameHasher.Hash(frame, h.Fields));
    }

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0)
    {
        int n = view.Enabled.Length;
        if (n == 0)
        {
            return null;
        }

        int bucket = BucketOf(frame);
        _lastBucket[lane * TxLanes.Stride] = bucket;
        if (Volatile.Read(ref _method) == (int)LbTxMethod.HashToPortMapping
            && Volatile.Read(ref _map[bucket]) is { Txable: true } mapped && InView(mapped, view))
        {
            return mapped;
        }

        return view.FirstTxableFrom(bucket % n);
    }

    /// <summary>A mapped port counts only while it is in the caller's view: the control thread may map a port
    /// it has just enabled before the transmit thread's batch sees it, and that batch flushes only its view's ports.</summary>
    private static bool InView(IPort port, TeamView view)
    {
        foreach (IPort p in view.Enabled)
        {
            if (ReferenceEquals(p, port))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts a frame's bytes to the bucket <see cref="SelectTxPort"/> last chose on the lane. Atomic: two
    /// lanes' flows may share a bucket; a reader never sees half a count.</summary>
    public bool CountsTx => true;

    public void CountTx(int bytes, int lane = 0) => Interlocked.Add(ref _bucketBytes[_lastBucket[lane * TxLanes.Stride]], (ulong)bytes);

    /// <summary>Bytes sent in a bucket since the mode was created.</summary>
    public ulong BucketTxBytes(int bucket) => Volatile.Read(ref _bucketBytes[bucket]);

    /// <summary>Every port's frames reach the team. LACPDUs (lb_receive's RX_HANDLER_EXACT) never do, in any
    /// mode: the receive path keeps every slow-protocols frame from the team.</summary>
    public bool AcceptRx(IPort port, TeamView view) => true;

    /// <summary>The port mapped to a bucket (lb_tx_hash_to_port_mapping), or null.</summary>
    public IPort? MappedPort(int bucket) => Volatile.Read(ref _map[bucket]);

    /// <summary>Maps a bucket to a port (an enabled one: the caller checks), or unmaps it with null.</summary>
    public void SetMapping(int bucket, IPort? port)
    {
        if (!ReferenceEquals(_map[bucket], port))
        {
            Volatile.Write(ref _map[bucket], port);
            _mappingVersion++;
        }
    }

    /// <summary>The port a bucket goes to now, as <see cref="SelectTxPort"/> would choose it (control thread).</summary>
    public IPort? EffectivePort(int bucket, TeamView view)
    {
        if (view.Enabled.Length == 0)
        {
            return null;
        }

        if (TxMethod == LbTxMethod.HashToPortMapping && MappedPort(bucket) is { Txable: true } mapped && InView(mapped, view))
        {
            return mapped;
        }

        return view.FirstTxableFrom(bucket % view.Enabled.Length);
    }

    /// <summary>The hash function in effect, swapped whole so the transmit thread sees one consistent choice.
    /// <see cref="TxHashRaw"/> is the generated program for <see cref="Fields"/> (control thread only).</summary>
    private sealed record HashFunction(TxHashFields Fields, BpfProgram? Program, bool Removed, byte[] TxHashRaw)
    {
        public static HashFunction Native(TxHashFields fields) => new(fields, null, false, TxHashProgram.Encode(fields));
    }
}
