// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;

namespace TeamFw.Native.Runtime;

/// <summary>
/// glibc gives every thread that calls malloc its own arena and reserves 64 MiB of address space
/// for each (HEAP_MAX_SIZE on 64-bit; mallopt(3), M_ARENA_MAX). teamfw's threads hardly use
/// malloc — frames live in rings and the GC heap — but each still got an arena: measured with two
/// ports, five arenas were 320 MiB of teamfw's 533 MiB VmSize, which boards with strict overcommit
/// (vm.overcommit_memory=2) must back with commit charge. One arena is plenty.
/// </summary>
public static unsafe class MallocArenas
{
    /// <summary>Caps the arena count, as MALLOC_ARENA_MAX would. Returns false where there is no mallopt (musl).</summary>
    public static bool Limit(int max)
    {
        // mallopt(3) is a glibc extension: found by name, so musl builds neither link nor call it.
        delegate* unmanaged<int, int, int> mallopt;
        fixed (byte* name = "mallopt\0"u8)
        {
            mallopt = (delegate* unmanaged<int, int, int>)LinuxNative.dlsym(LinuxNative.RTLD_DEFAULT, name);
        }

        return mallopt is not null && mallopt(LinuxNative.M_ARENA_MAX, max) == 1;
    }
}
