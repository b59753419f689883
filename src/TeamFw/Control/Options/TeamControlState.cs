// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;

namespace TeamFw.Control.Options;

/// <summary>
/// The team as the kernel's team family would show it: option instances in registration order
/// (team->option_inst_list), port records, and the team-wide stored option values. Registration,
/// removal and every change go out as change events, exactly once, through <see cref="Events"/>.
/// Owned by the daemon's control thread.
/// </summary>
public sealed partial class TeamControlState
{
    private readonly List<OptionDescriptor> _options = new();
    private readonly List<OptionInstance> _instances = new();
    private readonly List<PortRecord> _ports = new();
    private readonly List<OptionInstance> _scratch = new();

    public TeamControlState(ITeamOptionTarget target, IControlEvents? events)
    {
        Target = target;
        Events = events;
    }

    public ITeamOptionTarget Target { get; }

    public IControlEvents? Events { get; set; }

    public IReadOnlyList<OptionInstance> Instances => _instances;

    public IReadOnlyList<PortRecord> Ports => _ports;

    public uint NotifyPeersCount { get; set; }

    public uint NotifyPeersInterval { get; set; }

    public uint McastRejoinCount { get; set; }

    public uint McastRejoinInterval { get; set; }

    public PortRecord? FindPort(int ifIndex) => _ports.Find(p => p.IfIndex == ifIndex);

    public PortRecord? FindPort(object handle) => _ports.Find(p => ReferenceEquals(p.Handle, handle));

    /// <summary>team_options_register: instances for every port and index, all CHANGED, then the change event.</summary>
    public void Register(IReadOnlyList<OptionDescriptor> options)
    {
        foreach (OptionDescriptor o in options)
        {
            _options.Add(o);
            if (o.PerPort)
            {
                foreach (PortRecord p in _ports)
                {
                    AddInstances(o, p);
                }
            }
            else
            {
                AddInstances(o, null);
            }
        }

        ChangeCheck();
    }

    /// <summary>team_options_unregister: the instances go out once with REMOVED and CHANGED, then are deleted.</summary>
    public void Unregister(IReadOnlyList<OptionDescriptor> options)
    {
        foreach (OptionInstance i in _instances)
        {
            if (Contains(options, i.Option))
            {
                i.Removed = true;
                i.Changed = true;
            }
        }

        ChangeCheck();
        _instances.RemoveAll(i => Contains(options, i.Option));
        _options.RemoveAll(o => Contains(options, o));
    }

    /// <summary>
    /// A port joined: its record (CHANGED, link state) goes out as a port event, its per-port
    /// instances (CHANGED) as an option event, in the kernel's order.
    /// </summary>
    public PortRecord AddPort(PortRecord port)
    {
        _ports.Add(port);
        port.Changed = true;
        Events?.PortChanged(this, port);
        port.Changed = false;
        foreach (OptionDescriptor o in _options)
        {
            if (o.PerPort)
            {
                AddInstances(o, port);
            }
        }

        ChangeCheck();
        Events?.LinkChanged(TeamfwCmd.PortAdd, this, port);
        return port;
    }

    /// <summary>A port left: its instances REMOVED, then the port REMOVED with link down, speed and duplex 0.</summary>
    public void RemovePort(PortRecord port)
    {
        foreach (OptionInstance i in _instances)
        {
            if (ReferenceEquals(i.Port, port))
            {
                i.Removed = true;
                i.Changed = true;
            }
        }

        DetectChanges(); // kernel-side changes caused by the leave (activeport cleared) go out with it
        _instances.RemoveAll(i => ReferenceEquals(i.Port, port));
        _ports.Remove(port);
        port.Removed = true;
        SetLink(port, false, 0, 0);
        Events?.LinkChanged(TeamfwCmd.PortDel, this, port);
    }

    /// <summary>__team_port_change_send: the port's oper state changed; speed and duplex are 0 while down.</summary>
    public void SetLink(PortRecord port, bool linkup, uint speed, byte duplex)
    {
        port.Linkup = linkup;
        port.Speed = linkup ? speed : 0;
        port.Duplex = linkup ? duplex : (byte)0;
        port.Changed = true;
        Events?.PortChanged(this, port);
        port.Changed = false;
    }

    /// <summary>Marks instances of <paramref name="name"/> changed (for options that are not observed, such as statistics):
    /// all of them, or those of one port and/or one array index.</summary>
    public void MarkChanged(string name, PortRecord? port = null, int arrayIndex = -1)
    {
        foreach (OptionInstance i in _instances)
        {
            if (i.Option.Name == name && (port is null || ReferenceEquals(i.Port, port)) && (arrayIndex < 0 || i.ArrayIndex == (uint)arrayIndex))
            {
                i.Changed = true;
            }
        }
    }

    /// <summary>
    /// Compares every observed instance with the value last reported and multicasts those that changed
    /// (plus any already marked): what the kernel would have sent had teamd set them through the socket.
    /// </summary>
    public void DetectChanges()
    {
        foreach (OptionInstance i in _instances)
        {
            if (i.Option.Observe && !i.Removed)
            {
                OptionValue now = Get(i);
                if (now != i.Last)
                {
                    i.Last = now;
                    i.Changed = true;
                }
            }
        }

        ChangeCheck();
    }

    public OptionValue Get(OptionInstance i) => i.Option.Get(new OptionContext(this, i.Port, i.ArrayIndex));

    /// <summary>__team_options_change_check: one event with every CHANGED instance (nothing when none is).</summary>
    public void ChangeCheck()
    {
        _scratch.Clear();
        foreach (OptionInstance i in _instances)
        {
            if (i.Changed)
            {
                _scratch.Add(i);
            }
        }

        SendOptions(_scratch);
    }

    /// <summary>Sends these instances as one event; their CHANGED bits are clear afterwards either way.</summary>
    public void SendOptions(IReadOnlyList<OptionInstance> list)
    {
        if (list.Count == 0)
        {
            return;
        }

        if (Events is not null)
        {
            Events.OptionsChanged(this, list);
        }

        foreach (OptionInstance i in list)
        {
            i.Changed = false;
        }
    }

    private void AddInstances(OptionDescriptor o, PortRecord? port)
    {
        int n = Math.Max(1, o.ArraySize);
        for (int k = 0; k < n; k++)
        {
            var inst = new OptionInstance(o, port, (uint)k);
            if (o.Observe)
            {
                inst.Last = Get(inst);
            }

            _instances.Add(inst);
        }
    }

    private static bool Contains(IReadOnlyList<OptionDescriptor> list, OptionDescriptor o)
    {
        foreach (OptionDescriptor d in list)
        {
            if (ReferenceEquals(d, o))
            {
                return true;
            }
        }

        return false;
    }
}
