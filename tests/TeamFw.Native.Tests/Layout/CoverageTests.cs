// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using TeamFw.Native.Interop;
using Xunit;

namespace TeamFw.Native.Tests.Layout;

public sealed class CoverageTests
{
    /// <summary>A struct added to TeamFw.Native.Interop must be added to KernelStructs (R4) before it can ship.</summary>
    [Fact]
    public void EveryInteropStruct_IsCheckedAgainstGcc()
    {
        IEnumerable<Type> structs = typeof(Constants).Assembly.GetTypes()
            .Where(static t => t.IsValueType && !t.IsEnum && t.Namespace == typeof(Constants).Namespace)
            .Where(static t => !t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)); // fixed-buffer holders
        HashSet<Type> covered = KernelStructs.All.Select(static k => k.Type).ToHashSet();

        string[] missing = structs.Where(t => !covered.Contains(t)).Select(static t => t.FullName!).Order().ToArray();

        Assert.True(missing.Length == 0, "not in KernelStructs.All, so not checked against gcc: " + string.Join(", ", missing));
    }

    [Fact]
    public void MemberMaps_NameExistingFields()
    {
        foreach (KernelStruct ks in KernelStructs.All)
        {
            string[] fields = CLayoutModel.InstanceFields(ks.Type).Select(static f => f.Name).ToArray();
            foreach (string mapped in ks.Members?.Keys ?? Enumerable.Empty<string>())
            {
                Assert.True(fields.Contains(mapped), $"{ks}: member map names '{mapped}', which is not a field");
            }
        }
    }

    [Fact]
    public void KernelStructs_ListsEachTypeOnce()
    {
        Assert.Equal(KernelStructs.All.Count, KernelStructs.All.Select(static k => k.Type).Distinct().Count());
    }
}
