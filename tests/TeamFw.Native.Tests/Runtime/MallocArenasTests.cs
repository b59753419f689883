// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Native.Tests.Layout;
using Xunit;

namespace TeamFw.Native.Tests.Runtime;

public sealed class MallocArenasTests
{
    [Theory]
    [GccAbiData("x86_64")]
    [GccAbiData("aarch64")]
    [GccAbiData("armhf")]
    public void MArenaMax_IsGlibcValue(string abiName)
    {
        Abi abi = Abi.ByName(abiName);
        StringBuilder c = CProgram.Begin(abi);
        c.AppendLine("#include <malloc.h>");
        c.AppendLine($"_Static_assert(M_ARENA_MAX == {LinuxNative.M_ARENA_MAX}, \"{abi.Name}: M_ARENA_MAX\");");
        Gcc.AssertAccepts(abi, "malloc", c.ToString());
    }

    /// <summary>The test host runs on glibc, so mallopt is found by name and accepts the setting.</summary>
    [Fact]
    public void Limit_OnGlibc_FindsMalloptAndSucceeds()
    {
        // A generous cap: this changes the test host's allocator too.
        Assert.True(MallocArenas.Limit(64));
    }
}
