// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Host;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;
using TeamFw.Runners;
using TeamFw.State;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>
/// One team: its TAP, its ports, mode and runner. Every method runs on the daemon's control thread;
/// the data path reads only <see cref="View"/>, the ports' flags and the counters.
/// </summary>
public sealed partial class Team : IRunnerTeam, IDisposable
{
    public const int MaxPorts = 32;
    private readonly PortSet _ports;
    private readonly DaemonContext _ctx;
    private readonly ILogger _log;
    private bool _carrier;
    private IDataPath? _dataPlane;
    private readonly TeamAddresses _addresses;
    private readonly PeerNotifier _notifier;
    private readonly ControlFeed _feed;
    private readonly CarrierPoll _carrierPoll;
    private TeamConfig _config;

    public Team(TeamConfig config, DaemonContext ctx)
    {
        _config = config;
        _ctx = ctx;
        _feed = new ControlFeed(this, ctx.Net);
        _log = ctx.Log;
        Runner = RunnerRegistry.Create(config.Runner) ?? throw new ArgumentException($"runner \"{config.Runner.Name}\" is not implemented yet");
        Mode = ModeRegistry.Create(Runner.ModeName) ?? throw new ArgumentException($"mode \"{Runner.ModeName}\" is not implemented yet");
        Mac = config.HwAddr ?? Packets.Mac.RandomLocal();
        Mtu = config.TeamFw.Mtu;
        Workers = Math.Clamp(config.TeamFw.Workers, 1, 16);
        TxWorkers = config.TeamFw.Device == TeamFwSettings.DeviceVeth ? Math.Clamp(config.TeamFw.TxWorkers, 1, TxLanes.Max) : 1;
        Counters = new CounterSet(CounterSlots);
        _ports = new PortSet(Workers);
        _carrierPoll = new CarrierPoll(_ports, ctx.Net, OnCarrier);
        _addresses = new TeamAddresses(ctx.Links, ctx.Clock, () => IfIndex);
        _notifier = new PeerNotifier(Name, Mac, _addresses, ctx.Clock, _log);
    }

    public TeamConfig Config
    {
        get => _config;
        private set
        {
            _config = value;
            _feed.Changed();
        }
    }

    public string Name => Config.Device;

    public IRunner Runner { get; private set; }

    /// <summary>The mode; replaced only through the mode option, with no ports (the data path reads it per batch).</summary>
    public ITeamMode Mode { get; private set; }

    public byte[] Mac { get; }

    private int _mtu;

    /// <summary>The team MTU (read by the receive workers for the oversize check).</summary>
    public int Mtu
    {
        get => Volatile.Read(ref _mtu);
        private set => Volatile.Write(ref _mtu, value);
    }

    public int IfIndex { get; private set; }

    public int Workers { get; }

    public CounterSet Counters { get; }

    /// <summary>Slot of the control thread in every CounterSet of this team (transmit lane 0 is 0, receive workers
    /// 1..W, the other transmit lanes after this one: <see cref="TxSlot"/>).</summary>
    public int ControlSlot => Workers + 1;

    public TeamView View => _ports.View;

    /// <summary>The active port (kept as a name for Team.Persist).</summary>
    private Port? _active => _ports.Active;

    public IReadOnlyList<Port> PortList => _ports;

    IReadOnlyList<IRunnerPort> IRunnerTeam.Ports => _ports;

    public IRunnerPort? ActivePort => _active;

    public bool Carrier => _carrier;

    public long DataPathAllocatedBytes => _dataPlane?.AllocatedBytes ?? 0;

    /// <summary>Creates the TAP (or takes back the one a previous daemon left: Team.Persist), starts the data
    /// path and adds every configured port. All or nothing: on failure everything done so far is undone (a
    /// device taken back is left as it was found, for the next try) and the exception propagates.</summary>
    public void Start()
    {
        TeamRecord? previous = _ctx.State.TakeTeam(Name);
        _starting = true;
        try
        {
            OpenDevice(previous);
            ConfigureMode(); // once the device exists: the loadbalance mode knows the team's ifindex
            bool restoring = BeginRestore(previous);
            if (Reattached)
            {
                // As the previous daemon left it: administratively up or down (carrier comes on as the
                // kernel attaches us, and is settled below once every port is back).
                AdminUp = (_ctx.Net.GetFlags(Name) & LinkInfo.IffUp) != 0;
                _carrier = true;
            }
            else
            {
                Device!.SetCarrier(false);
            }

            if (!AdminUp)
            {
                Runner.TeamAdminChanged(this, false); // created down; rtnetlink says when it goes up
            }

            _dataPlane = _ctx.Devices.CreateDataPath(this, _log);
            _dataPlane.Start();
            foreach (PortConfig pc in Config.Ports)
            {
                AddPort(pc);
            }

            if (restoring)
            {
                Runner.EndRestore(this);
                FixOnlyActiveMacs();
            }

            _starting = false;
            _ports.MarkChanged();
            FlushView();
            Log.TeamUp(_log, Name, Runner.Name, Mode.Name, _ports.Count, Packets.Mac.Format(Mac), Mtu, IfIndex);
        }
        catch
        {
            Release(keep: Reattached);
            throw;
        }
    }

    public Port? FindPort(string name) => _ports.Find(p => p.Name == name);

    public Port? FindPort(int ifIndex) => _ports.Find(p => p.IfIndex == ifIndex);

    /// <summary>Takes the interface over as a port. Throws <see cref="PortException"/> naming the reason; nothing is left changed.</summary>
    public Port AddPort(PortConfig pc)
    {
        if (_ports.Count >= MaxPorts)
        {
            throw new PortException(pc.Name, $"a team has at most {MaxPorts} ports");
        }

        string? why = _ctx.Setup.CheckCanEnslave(pc.Name, Name, _ctx.OwnerOf, out int ifIndex);
        if (why is not null)
        {
            throw new PortException(pc.Name, why);
        }

        // A port the previous daemon held is taken back as it is (no flap), with its state from before teamfw;
        // any other port's state is recorded now, in the state file before the port is touched.
        PortSnapshot? takenBack = TakeBackPort(pc.Name, ifIndex);
        PortSnapshot snap = takenBack ?? _ctx.Setup.Record(pc.Name, ifIndex);
        try
        {
            _ctx.State.PutPort(new PortRecord(Name, snap));
        }
        catch (System.IO.IOException e)
        {
            throw new PortException(pc.Name, "its state cannot be saved, so it is not touched: " + e.Message);
        }

        IPortSocket? sock = null;
        IPortSocket[]? rxSockets = null;
        ITxLaneSocket?[]? laneSockets = null;
        IFrameChannel? runnerChannel = null;
        try
        {
            // hwaddr_policy: same_all gives every port the team MAC; by_active and only_active leave
            // the ports' own MACs alone here (the active port is dealt with in SetActivePort), but a port
            // taken back that has the team MAC (the previous active port) keeps it until then.
            byte[] mac = HwAddrPolicy == "same_all" ? Mac
                : takenBack is not null && CurrentMacIs(pc.Name, Mac) ? Mac
                : snap.HwAddr;
            _ctx.Setup.Apply(snap, Mtu, mac, live: takenBack is not null);
            sock = _ctx.Sockets.OpenData(Config.TeamFw, Name, pc.Name, ifIndex, _log);
            rxSockets = OpenRxSockets(pc.Name, ifIndex, sock);
            laneSockets = OpenTxLaneSockets(pc.Name, ifIndex, sock);
            runnerChannel = OpenRunnerChannel(pc.Name, ifIndex);
            _ctx.Setup.BringUp(snap);
            JoinRxFanout(rxSockets);
        }
        catch (Exception e) when (SetupFailure.IsSetupFailure(e))
        {
            runnerChannel?.Dispose();
            CloseTxLaneSockets(laneSockets);
            CloseFanoutSockets(rxSockets);
            sock?.Dispose();
            _ctx.Setup.Restore(snap);
            TryState("port " + pc.Name + " released", () => _ctx.State.RemovePort(pc.Name));
            throw new PortException(pc.Name, e.Message);
        }

        var port = new Port(pc, ifIndex, snap, sock, new CounterSet(CounterSlots));
        port.Worker = _ports.Count % Workers;
        port.RxSockets = rxSockets;
        port.TxQueue = _dataPlane!.CreateTxQueue(0);
        port.TxLanes = MakeTxLanes(port, laneSockets);
        port.RunnerChannel = runnerChannel;
        port.RunnerReader = runnerChannel is null ? null : new RunnerFrameReader(this, port);
        _ports.Add(port);
        _feed.PortAdded(port);
        _ctx.PortOwners[port.Name] = Name;
        PublishPorts();
        _dataPlane.WakeAll();
        Log.PortAdded(_log, Name, port.Name, string.Join(", ", PortSetup.Describe(snap)));

        // The runner learns of the port with its link down; the watchers then report what they see.
        Runner.PortAdded(this, port);
        FlushView();
        try
        {
            port.Control = _ctx.Sockets.OpenChannel(port.Name, ifIndex, 0);
            long now = _ctx.Clock.NowMs;
            LinkInfo? link = _ctx.Links.GetLink(ifIndex);
            OnCarrier(port, link?.LinkUp ?? false, now);
            StartWatchers(port, now);
        }
        catch (Exception e) when (e is ErrnoException or PortException)
        {
            RemovePort(port, "link watcher failed: " + e.Message);
            throw e as PortException ?? new PortException(pc.Name, e.Message);
        }

        return port;
    }

    /// <summary>Releases the port and restores it (unless it vanished).</summary>
    public void RemovePort(Port port, string reason, bool vanished = false)
    {
        if (!_ports.Remove(port))
        {
            return;
        }

        _feed.PortRemoved(port);
        port.Enabled = false;
        port.LinkUp = false;
        Mode.PortRemoved(port);
        Runner.PortRemoved(this, port); // before its channel closes: lacp sends a last LACPDU on it
        UnhookPort(port);
        if (ReferenceEquals(_active, port))
        {
            SetActivePort(null, reason);
        }

        _ports.MarkChanged();
        FlushView();
        PublishPorts();
        FreeSocket(port);

        if (vanished)
        {
            Log.PortVanished(_log, Name, port.Name);
        }
        else
        {
            _ctx.Setup.Restore(port.Original);
        }

        TryState("port " + port.Name + " released", () => _ctx.State.RemovePort(port.Name));

        Log.PortRemoved(_log, Name, port.Name, reason);
    }

    /// <summary>Stops what a port had running on the control thread: its watchers, its control and runner sockets,
    /// its entry in the owners of ports.</summary>
    private void UnhookPort(Port port)
    {
        StopWatchers(port);
        port.Control?.Dispose();
        port.Control = null;
        CloseRunnerChannel(port);
        _ctx.PortOwners.Remove(port.Name);
    }

    /// <summary>
    /// Frees a port's socket (its ring mapping) and TX queue once no data-path thread can still hold the old view
    /// or poll the socket: at once, or later if a thread is late (never under it). After the port left the
    /// published port set.
    /// </summary>
    private void FreeSocket(Port port)
    {
        IDisposable?[] owned = [.. RxSocketsOf(port), port.TxQueue, .. TxLaneResources(port)];
        if (_dataPlane is { } dp)
        {
            dp.Retire($"port {port.Name}'s socket", owned);
        }
        else
        {
            foreach (IDisposable? d in owned)
            {
                d?.Dispose();
            }
        }
    }

    public void SetEnabled(IRunnerPort port, bool enabled)
    {
        var p = (Port)port;
        if (p.Enabled == enabled)
        {
            return;
        }

        p.Enabled = enabled;
        Log.PortEnabled(_log, Name, p.Name, enabled ? "enabled" : "disabled");
        _ports.MarkChanged();
        _feed.Changed();
        if (enabled)
        {
            _notifier.Schedule(p, ControlState);
        }
        else
        {
            Mode.PortDisabled(p);
        }
    }

    public void SetActivePort(IRunnerPort? port, string reason)
    {
        var p = (Port?)port;
        if (ReferenceEquals(p, _active))
        {
            return;
        }

        Log.ActivePortChanged(_log, Name, _active?.Name ?? "none", p?.Name ?? "none", reason);
        Port? old = _ports.SetActive(p);
        _feed.Changed();
        ActiveMacPolicy.OnActiveChanged(_ctx.Net, _log, Name, HwAddrPolicy, Mac, old, old is not null && _ports.Contains(old), p);
    }

    /// <summary>The port's MAC as the kernel has it now (for the state document), or its recorded one.</summary>
    public byte[] CurrentMac(Port port)
    {
        try
        {
            return _ctx.Net.GetHwAddr(port.Name);
        }
        catch (ErrnoException)
        {
            return port.Original.HwAddr;
        }
    }

    /// <summary>activebackup's hwaddr_policy (teamd.conf(5)); other runners behave as same_all.</summary>
    public string HwAddrPolicy => Runner.Descriptor.Keys.HasFlag(RunnerKeys.HwAddrPolicy) ? Config.Runner.HwAddrPolicy : "same_all";

    /// <summary>Publishes a new view when anything changed, and sets the TAP carrier.</summary>
    public void FlushView()
    {
        if (_ports.PublishView())
        {
            _feed.Changed();
        }

        bool carrier = Runner.CarrierUp(this);
        if (carrier != _carrier && Device is not null && !_starting)
        {
            _carrier = carrier;
            Device.SetCarrier(carrier);
            Log.TeamCarrier(_log, Name, carrier ? "on" : "off");
        }

        SaveRunnerState();
    }

    private void PublishPorts() => _ports.PublishWorkers();

    /// <summary>The ports polled by one receive worker: the same array until the port set changes.</summary>
    public Port[] WorkerPorts(int worker) => _ports.WorkerPorts(worker);

    /// <summary>
    /// The team's MTU was changed (ip link set team0 mtu N): every port follows. If one refuses, the
    /// ports already changed and the team go back to the old MTU, so nothing is left half-applied.
    /// </summary>
    public void ChangeMtu(int mtu)
    {
        // The device's own followers (the veth backend's host peer) first, then the ports.
        var names = new List<string>(Device?.MtuFollowers ?? []);
        for (int i = 0; i < _ports.Count; i++)
        {
            names.Add(_ports[i].Name);
        }

        if (TeamMtu.Follow(_ctx.Net, _log, Name, names, Mtu, mtu))
        {
            Mtu = mtu;
        }
    }

    /// <summary>Adds ring drops (PACKET_STATISTICS) to rx_dropped and keeps the kernel's totals per port; called
    /// about once a second and before the state is written.</summary>
    public void PollRingStats()
    {
        foreach (Port p in _ports)
        {
            PacketStats st = ReadRxStats(p);
            p.RingPackets += st.Packets;
            p.RingDrops += st.Drops;
            if (st.Drops > 0)
            {
                p.Counters.AddRx(ControlSlot, 0, 0, 0, st.Drops, 0);
                Counters.AddRx(ControlSlot, 0, 0, 0, st.Drops, 0);
                Log.RingDrops(_log, Name, p.Name, st.Drops);
            }
        }
    }

    /// <summary>Releases every port (restored) and removes the team device.</summary>
    public void Dispose() => Release(keep: false);


    internal void ReplaceConfig(TeamConfig config) => Config = config;
}
