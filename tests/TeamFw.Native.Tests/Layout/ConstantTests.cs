// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.Native.Tests.Layout;

public sealed class ConstantTests(ITestOutputHelper output)
{
    /// <summary>Every constant, including the _IOW-encoded TUNSET* and the SIOC*/ETHTOOL_* numbers, per ABI.</summary>
    [Theory]
    [GccAbiData("x86_64")]
    [GccAbiData("aarch64")]
    [GccAbiData("armhf")]
    public void Constants_MatchGcc(string abiName)
    {
        Abi abi = Abi.ByName(abiName);
        StringBuilder c = CProgram.Begin(abi);
        int asserts = ConstantAsserts.Append(c, abi);

        Gcc.AssertAccepts(abi, "constants", c.ToString());
        output.WriteLine($"{abi.Compiler}: {asserts} constants hold, {ConstantAsserts.NotInCHeaders.Count} skipped");
    }

    [Fact]
    public void NotInCHeaders_NamesExistingConstants()
    {
        string[] names = ConstantAsserts.All.Select(static f => f.Name).ToArray();
        foreach (string skipped in ConstantAsserts.NotInCHeaders.Keys)
        {
            Assert.Contains(skipped, names);
        }
    }

    [Theory]
    [InlineData("TUNSETIFF")]
    [InlineData("TUNSETOFFLOAD")]
    [InlineData("TUNSETVNETHDRSZ")]
    [InlineData("TUNSETCARRIER")]
    [InlineData("SIOCETHTOOL")]
    [InlineData("ETHTOOL_GLINKSETTINGS")]
    public void IoctlNumbers_AreCheckedNotSkipped(string name)
    {
        Assert.Contains(name, ConstantAsserts.All.Select(static f => f.Name));
        Assert.DoesNotContain(name, ConstantAsserts.NotInCHeaders.Keys);
    }
}
