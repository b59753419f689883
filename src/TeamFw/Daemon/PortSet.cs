// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using TeamFw.Modes;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// A team's ports and what the data-path threads see of them. The list and the active port belong to the
/// control thread; the threads read only what is published with <see cref="Volatile"/>: the
/// <see cref="TeamView"/> (enabled ports and the active one: what a mode transmits on) and, per receive
/// worker, the array of ports it polls. Both are immutable, so a thread reads one reference and never
/// allocates, however often ports come and go (the kernel's team_port list under RCU, drivers/net/team/team_core.c).
/// </summary>
public sealed class PortSet : IReadOnlyList<Port>
{
    private readonly List<Port> _ports = new();
    private readonly int _workers;
    private Port[][] _published;
    private TeamView _view = TeamView.Empty;
    private bool _viewDirty;

    public PortSet(int workers)
    {
        _workers = workers;
        _published = new Port[workers][];
        Array.Fill(_published, []);
    }

    public int Count => _ports.Count;

    public Port this[int index] => _ports[index];

    /// <summary>The active port (activebackup; also what only_active and by_active follow), or null.</summary>
    public Port? Active { get; private set; }

    /// <summary>The last published view.</summary>
    public TeamView View => Volatile.Read(ref _view);

    /// <summary>The struct enumerator: foreach over the set allocates nothing.</summary>
    public List<Port>.Enumerator GetEnumerator() => _ports.GetEnumerator();

    IEnumerator<Port> IEnumerable<Port>.GetEnumerator() => _ports.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _ports.GetEnumerator();

    public bool Contains(Port port) => _ports.Contains(port);

    public Port? Find(Predicate<Port> match) => _ports.Find(match);

    public bool Exists(Predicate<Port> match) => _ports.Exists(match);

    public Port[] ToArray() => _ports.ToArray();

    /// <summary>Adds the port (not yet published: <see cref="PublishWorkers"/>, <see cref="PublishView"/>).</summary>
    public void Add(Port port) => _ports.Add(port);

    /// <summary>Removes the port; false when it was not in the set. An active port stops being active only through
    /// <see cref="SetActive"/>.</summary>
    public bool Remove(Port port)
    {
        if (!_ports.Remove(port))
        {
            return false;
        }

        _viewDirty = true;
        return true;
    }

    /// <summary>The view must be built again: a port was enabled or disabled, or its link verdict changed.</summary>
    public void MarkChanged() => _viewDirty = true;

    /// <summary>Makes <paramref name="port"/> the active one; returns the one before (itself when nothing changed).</summary>
    public Port? SetActive(Port? port)
    {
        Port? old = Active;
        if (!ReferenceEquals(old, port))
        {
            Active = port;
            _viewDirty = true;
        }

        return old;
    }

    /// <summary>Publishes a new view when anything changed since the last one; true when it did.</summary>
    public bool PublishView()
    {
        if (!_viewDirty)
        {
            return false;
        }

        _viewDirty = false;
        var enabled = new List<IPort>(_ports.Count);
        foreach (Port p in _ports)
        {
            if (p.Enabled)
            {
                enabled.Add(p);
            }
        }

        Volatile.Write(ref _view, new TeamView(enabled.ToArray(), Active));
        return true;
    }

    /// <summary>Gives the receive workers the new set of ports: an immutable array per worker, built here so a
    /// worker only reads a reference. A port with a socket per worker (teamfw.rx_fanout) is every worker's.</summary>
    public void PublishWorkers()
    {
        var byWorker = new Port[_workers][];
        for (int w = 0; w < _workers; w++)
        {
            byWorker[w] = _ports.FindAll(p => p.RxSockets is not null || p.Worker == w).ToArray();
        }

        Volatile.Write(ref _published, byWorker);
    }

    /// <summary>The ports polled by one receive worker: the same array until the port set changes.</summary>
    public Port[] WorkerPorts(int worker) => Volatile.Read(ref _published)[worker];
}
