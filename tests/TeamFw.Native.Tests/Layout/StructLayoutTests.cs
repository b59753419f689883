// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TeamFw.Native.Interop;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.Native.Tests.Layout;

public sealed class StructLayoutTests(ITestOutputHelper output)
{
    [Theory]
    [GccAbiData("x86_64")]
    [GccAbiData("aarch64")]
    [GccAbiData("armhf")]
    public void StructLayouts_MatchGcc(string abiName)
    {
        Abi abi = Abi.ByName(abiName);
        StringBuilder c = CProgram.Begin(abi);
        int asserts = 0;
        foreach (KernelStruct ks in KernelStructs.All)
        {
            asserts += StructAsserts.Append(c, abi, ks);
        }

        Gcc.AssertAccepts(abi, "structs", c.ToString());
        output.WriteLine($"{abi.Compiler}: {KernelStructs.All.Count} structs, {asserts} asserts hold");
    }

    /// <summary>The asserts must be able to fail: an off-by-one offset and size are rejected.</summary>
    [Theory]
    [GccAbiData("x86_64")]
    [GccAbiData("aarch64")]
    [GccAbiData("armhf")]
    public void StructAsserts_WrongLayout_RejectedByGcc(string abiName)
    {
        Abi abi = Abi.ByName(abiName);
        CStructLayout layout = CLayoutModel.Layout(typeof(tpacket3_hdr), abi);
        int hv1 = layout.Fields.Single(static f => f.Name == nameof(tpacket3_hdr.hv1)).Offset;
        StringBuilder c = CProgram.Begin(abi);
        int count = 0;
        StructAsserts.Assert(c, $"offsetof(struct tpacket3_hdr, hv1) == {hv1 + 1}", "negative control: offset", ref count);
        StructAsserts.Assert(c, $"sizeof(struct tpacket3_hdr) == {layout.Size - 1}", "negative control: size", ref count);

        CompileResult result = Gcc.Compile(abi, "negative", c.ToString());

        Assert.False(result.Success);
        Assert.Contains("negative control: offset", result.Output, StringComparison.Ordinal);
        Assert.Contains("negative control: size", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The model reproduces what the runtime really does on this machine, so its other ABIs can be trusted.</summary>
    [Fact]
    public void Model_OnHost_MatchesRuntimeLayout()
    {
        Abi host = Abi.Host ?? throw new PlatformNotSupportedException("no ABI model for " + RuntimeInformation.ProcessArchitecture);
        foreach (KernelStruct ks in KernelStructs.All)
        {
            CStructLayout model = CLayoutModel.Layout(ks.Type, host);
            Assert.True(RuntimeSize(ks.Type) == model.Size, $"{ks}: runtime size {RuntimeSize(ks.Type)}, model {model.Size}");
            Assert.True(RuntimeAlign(ks.Type) == model.Align, $"{ks}: runtime alignment {RuntimeAlign(ks.Type)}, model {model.Align}");
            foreach (CFieldLayout f in model.Fields)
            {
                int actual = (int)Marshal.OffsetOf(ks.Type, f.Name);
                Assert.True(actual == f.Offset, $"{ks}.{f.Name}: runtime offset {actual}, model {f.Offset}");
            }
        }
    }

    /// <summary>Golden sizes where the ABIs differ (pointer- and long-sized members), readable without gcc.</summary>
    [Theory]
    [InlineData(typeof(ifreq), 40, 32)]
    [InlineData(typeof(ifmap), 24, 16)]
    [InlineData(typeof(iovec), 16, 8)]
    [InlineData(typeof(msghdr), 56, 28)]
    [InlineData(typeof(mmsghdr), 64, 32)]
    [InlineData(typeof(tpacket_block_desc), 48, 48)]
    [InlineData(typeof(tpacket3_hdr), 48, 48)]
    [InlineData(typeof(sockaddr_ll), 20, 20)]
    [InlineData(typeof(ethtool_link_settings), 48, 48)]
    [InlineData(typeof(ethtool_cmd), 44, 44)]
    public void Model_Size_IsLp64OrIlp32(Type type, int lp64, int ilp32)
    {
        Assert.Equal(lp64, CLayoutModel.Layout(type, Abi.X86_64).Size);
        Assert.Equal(lp64, CLayoutModel.Layout(type, Abi.Aarch64).Size);
        Assert.Equal(ilp32, CLayoutModel.Layout(type, Abi.Armhf).Size);
    }

    private static int RuntimeSize(Type t) => Generic(nameof(SizeOf), t);

    private static int RuntimeAlign(Type t) => Generic(nameof(AlignOf), t);

    private static int Generic(string method, Type t)
        => (int)typeof(StructLayoutTests).GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(t).Invoke(null, null)!;

    private static int SizeOf<T>() => Unsafe.SizeOf<T>();

    private static int AlignOf<T>() => Unsafe.SizeOf<AlignProbe<T>>() - Unsafe.SizeOf<T>();

    [StructLayout(LayoutKind.Sequential)]
    private struct AlignProbe<T>
    {
        public byte Pad;
        public T Value;
    }
}
