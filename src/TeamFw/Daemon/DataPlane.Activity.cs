// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.CompilerServices;
using System.Threading;

namespace TeamFw.Daemon;

/// <summary>Whether the data path moves frames (<see cref="IDataPathActivity"/>), for the carrier check, which parks
/// while it does not and is woken by the first frame after that.</summary>
public sealed partial class DataPlane
{
    /// <summary>Frames moved (a count per productive round) per thread, each in its own <see cref="Pad"/> slot.</summary>
    private readonly long[] _moved;

    /// <summary>1 while the carrier check is parked (<see cref="Park"/>): the next productive round wakes the control thread.</summary>
    private int _parked;

    public long Moved
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _threads.Length; i++)
            {
                sum += Volatile.Read(ref _moved[i * Pad]);
            }

            return sum;
        }
    }

    public bool Park(long moved)
    {
        Interlocked.Exchange(ref _parked, 1); // a full fence: a round counted after this sees the flag
        if (Moved == moved)
        {
            return true;
        }

        Volatile.Write(ref _parked, 0);
        return false;
    }

    /// <summary>A data-path thread moved frames: counts it and, when the carrier check is parked, wakes the control
    /// thread (once). No fence here: a round that misses a flag just set is followed by one that sees it, and
    /// when none follows, nothing moves and nothing needs the carrier check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteMoved(int index)
    {
        Volatile.Write(ref _moved[index * Pad], _moved[index * Pad] + 1);
        if (Volatile.Read(ref _parked) != 0 && Interlocked.Exchange(ref _parked, 0) != 0)
        {
            _wakeControl?.Invoke();
        }
    }
}
