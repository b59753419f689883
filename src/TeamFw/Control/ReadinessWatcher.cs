// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Threading;
using TeamFw.Native.Sockets;

namespace TeamFw.Control;

/// <summary>
/// Watches the control socket's descriptors on its own thread so the daemon's loop does not have to:
/// that loop wakes up to 100 times a second (carrier polling), and polling 65 sockets each time cost
/// more than the whole loop. The thread blocks in poll(2) on the set the loop last armed; when one is
/// ready it publishes which, signals <see cref="ReadyFd"/> (one descriptor in the loop's poll set) and
/// waits to be re-armed. It never touches a connection: it only reads the descriptor numbers and
/// interests in an immutable <see cref="Interest"/> snapshot.
/// </summary>
internal sealed class ReadinessWatcher : IDisposable
{
    private readonly EventFd _ready = new();
    private readonly EventFd _rearm = new();
    private readonly Thread _thread;
    private Interest _interest;
    private Ready? _result;
    private volatile bool _stop;

    public ReadinessWatcher(Interest initial)
    {
        _interest = initial;
        _thread = new Thread(Loop) { IsBackground = true, Name = "teamfw control poll" };
        _thread.Start();
    }

    /// <summary>Readable when <see cref="Take"/> has something.</summary>
    public int ReadyFd => _ready.Fd;

    /// <summary>What is being watched now.</summary>
    public Interest Current => Volatile.Read(ref _interest);

    /// <summary>The descriptors found ready, with the snapshot they index into, or null.</summary>
    public Ready? Take()
    {
        _ready.Drain();
        return Interlocked.Exchange(ref _result, null);
    }

    /// <summary>Watches <paramref name="interest"/> from now on (also: resume after a <see cref="Take"/>).</summary>
    public void Arm(Interest interest)
    {
        Volatile.Write(ref _interest, interest);
        _rearm.Signal();
    }

    private void Loop()
    {
        using var poller = new Poller(ProtocolLimits.MaxConnections + 2);
        using var wait = new Poller(1);
        wait.Add(_rearm.Fd);
        try
        {
            while (!_stop)
            {
                Interest set = Volatile.Read(ref _interest);
                poller.Reset();
                poller.Add(_rearm.Fd);
                for (int i = 0; i < set.Fds.Length; i++)
                {
                    poller.Add(set.Fds[i], set.Read[i], set.Write[i]);
                }

                poller.Wait(-1);
                if (poller.IsReadable(0))
                {
                    _rearm.Drain();
                }

                var flags = new bool[set.Fds.Length];
                bool any = false;
                for (int i = 0; i < flags.Length; i++)
                {
                    flags[i] = poller.IsReadable(i + 1) || poller.IsWritable(i + 1) || poller.IsInvalid(i + 1);
                    any |= flags[i];
                }

                if (!any || _stop)
                {
                    continue;
                }

                Volatile.Write(ref _result, new Ready(set, flags));
                _ready.Signal();
                wait.Wait(-1);
                _rearm.Drain();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Environment.FailFast("teamfw control poll thread failed: " + e);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _rearm.Signal();
        _thread.Join();
        _ready.Dispose();
        _rearm.Dispose();
    }
}

/// <summary>An immutable watch list: entry 0 is the listener (no connection), then one per connection.</summary>
internal sealed record Interest(int[] Fds, bool[] Read, bool[] Write, ControlConnection?[] Connections);

/// <summary>Which entries of <paramref name="Set"/> were ready.</summary>
internal sealed record Ready(Interest Set, bool[] Flags);
