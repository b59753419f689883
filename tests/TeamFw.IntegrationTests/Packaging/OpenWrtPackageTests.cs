// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// The OpenWrt feed package (board/openwrt/teamfw/Makefile) run by GNU make against a stand-in for
/// OpenWrt's rules.mk and package.mk that evaluates the package's own definitions: which RID it
/// installs for a toolchain, its DEPENDS gate, the refusal of a musl toolchain, and what lands in
/// the package root. The stand-in defines only the names the Makefile uses, with OpenWrt's meaning.
/// </summary>
public sealed class OpenWrtPackageTests : IDisposable
{
    private const string Tab = "\t";
    private readonly DirectoryInfo _top = Directory.CreateTempSubdirectory("teamfw-openwrt-");

    public OpenWrtPackageTests()
    {
        File.WriteAllText(Path.Combine(_top.FullName, "rules.mk"), "INCLUDE_DIR:=$(TOPDIR)/include\nBUILD_DIR:=$(TOPDIR)/build\n");
        Directory.CreateDirectory(Path.Combine(_top.FullName, "include"));
        File.WriteAllText(Path.Combine(_top.FullName, "include", "package.mk"), string.Join('\n',
            "PKG_BUILD_DIR:=$(BUILD_DIR)/$(PKG_NAME)-$(PKG_VERSION)",
            "CP:=cp -fpR",
            "LN:=ln -sf",
            "INSTALL_DIR:=install -d -m0755",
            "INSTALL_BIN:=install -m0755",
            "INSTALL_CONF:=install -m0600",
            "define BuildPackage",
            "$$(eval $$(Package/$(1)))",
            "show:",
            Tab + "@echo 'RID=$$(TEAMFW_RID)'; echo 'DEPENDS=$$(DEPENDS)'",
            "prepare:",
            Tab + "$$(Build/Prepare)",
            "root: prepare",
            Tab + "$$(call Package/$(1)/install,$$(PKG_ROOT))",
            "endef",
            string.Empty));
    }

    public void Dispose() => _top.Delete(recursive: true);

    [Theory]
    [InlineData("aarch64", "linux-arm64")]
    [InlineData("x86_64", "linux-x64")]
    public void Glibc_PicksTheGlibcRid_AndDependsOnGlibc(string arch, string rid)
    {
        var (code, output) = Make(arch, glibc: true, binaries: null, "show");
        Assert.True(code == 0, output);
        Assert.Contains("RID=" + rid + "\n", output, StringComparison.Ordinal);
        Assert.Contains("DEPENDS=@(aarch64||x86_64) @USE_GLIBC +kmod-veth +kmod-tun", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Musl_StopsWithAMessageNamingTheGlibcOption_AndBuildsNothing()
    {
        string bins = Binaries("linux-musl-arm64", "linux-arm64");
        var (code, output) = Make("aarch64", glibc: false, bins, "prepare");
        Assert.NotEqual(0, code);
        Assert.Contains("not glibc", output, StringComparison.Ordinal);
        Assert.Contains("CONFIG_USE_GLIBC=y", output, StringComparison.Ordinal);
        Assert.Contains("make RID=linux-arm64", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_top.FullName, "build")), "nothing may be prepared for a musl toolchain");
    }

    [Fact]
    public void Glibc_NoBinary_NamesTheMakeToRun()
    {
        var (code, output) = Make("x86_64", glibc: true, Binaries(), "prepare");
        Assert.NotEqual(0, code);
        Assert.Contains("run 'make RID=linux-x64' in the teamfw tree", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Glibc_InstallsTheRidsBinary_LinksInitScriptAndConfig()
    {
        string bins = Binaries("linux-arm64", "linux-x64");
        string root = Path.Combine(_top.FullName, "root");
        var (code, output) = Make("aarch64", glibc: true, bins, "root", "PKG_ROOT=" + root);
        Assert.True(code == 0, output);

        Assert.Equal("linux-arm64", File.ReadAllText(Path.Combine(root, "usr/sbin/teamfw")));
        foreach (string link in new[] { "teamd", "teamdctl", "teamnl" })
        {
            Assert.Equal("teamfw", new FileInfo(Path.Combine(root, "usr/sbin", link)).LinkTarget);
        }

        Assert.Equal(File.ReadAllText(Repo.Path("board/openwrt/teamfw/files/teamfw.init")), File.ReadAllText(Path.Combine(root, "etc/init.d/teamfw")));
        Assert.Equal(File.ReadAllText(Repo.Path("board/openwrt/teamfw/files/teamfw.config")), File.ReadAllText(Path.Combine(root, "etc/config/teamfw")));
    }

    /// <summary>A binary directory with a stand-in teamfw per RID (its content is the RID).</summary>
    private string Binaries(params string[] rids)
    {
        string dir = Path.Combine(_top.FullName, "out");
        Directory.CreateDirectory(dir);
        foreach (string rid in rids)
        {
            Directory.CreateDirectory(Path.Combine(dir, rid));
            File.WriteAllText(Path.Combine(dir, rid, "teamfw"), rid);
        }

        return dir;
    }

    private (int Code, string Output) Make(string arch, bool glibc, string? binaries, params string[] goals)
    {
        var args = new List<string> { "--no-print-directory", "-C", Repo.Path("board/openwrt/teamfw"), "TOPDIR=" + _top.FullName, "ARCH=" + arch };
        args.Add(glibc ? "CONFIG_USE_GLIBC=y" : "CONFIG_USE_MUSL=y");
        if (binaries is not null)
        {
            args.Add("TEAMFW_BINARY_DIR=" + binaries);
        }

        args.AddRange(goals);
        var (code, stdout, stderr) = Repo.Run(Repo.Root, new Dictionary<string, string?>(), "make", [.. args]);
        return (code, stdout + stderr);
    }
}
