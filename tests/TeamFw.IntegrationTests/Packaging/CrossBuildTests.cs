// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// `make RID=…` for the other targets. What the registry serves changes, so each case first finds
/// out which of the RID's packs can be had here (<see cref="NuGetPacks"/>, independent of the
/// script): a RID with packs missing must stop before building with one message that names exactly
/// those packs (and, for musl, the sysroot); a RID with every pack served must not be stopped for
/// packs. With everything present (faked here: dotnet, clang, llvm-objcopy, ld.lld and a musl
/// root) make must hand the right properties to dotnet publish.
/// </summary>
public sealed class CrossBuildTests
{
    private static readonly Dictionary<string, string?> s_noSysroot = new() { ["SYSROOT"] = null };

    [RootTheory]
    [InlineData("linux-arm64")]
    [InlineData("linux-arm")]
    [InlineData("linux-musl-x64")]
    [InlineData("linux-musl-arm64")]
    public void MakeRid_StopsOnlyForPacksMissingHere_NamingExactlyThem(string rid)
    {
        var required = NuGetPacks.Required(rid);
        IReadOnlyList<string> missing = NuGetPacks.Missing(rid);
        if (missing.Count == 0)
        {
            // Every pack is served: the check must not stop for packs (building is the board test's job).
            var (_, _, checkErr) = Repo.Run(Repo.Root, s_noSysroot, Repo.Path("build", "check-cross.sh"), rid);
            Assert.DoesNotContain("NuGet packages", checkErr, StringComparison.Ordinal);
            return;
        }

        string scratch = Directory.CreateTempSubdirectory("teamfw-cross-").FullName;
        try
        {
            string bin = Path.Combine(scratch, rid, "teamfw");
            var (code, stdout, stderr) = Repo.Run(Repo.Root, s_noSysroot, "make", "RID=" + rid, "OUT=" + Path.Combine(scratch, rid), "BIN=" + bin);

            Assert.True(code != 0, stdout + stderr);
            Assert.Contains($"error: cannot build RID={rid} on this", stderr, StringComparison.Ordinal);
            Assert.Contains("nothing was built", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
            string packLine = Assert.Single(stderr.Split('\n'), l => l.Contains("NuGet packages", StringComparison.Ordinal));
            foreach ((string id, string version) in required)
            {
                if (missing.Any(m => m == id))
                {
                    Assert.Contains(id, packLine, StringComparison.Ordinal);
                    Assert.Contains($"(version {version})", packLine, StringComparison.Ordinal);
                }
                else
                {
                    // Served: naming it would send the user after a pack they already have.
                    Assert.DoesNotMatch($@"\b{Regex.Escape(id)}\b(?!\.)", packLine);
                }
            }

            Assert.DoesNotContain("AspNetCore", stderr, StringComparison.Ordinal);
            if (rid.StartsWith("linux-musl-", StringComparison.Ordinal))
            {
                Assert.Contains("SYSROOT=<musl root>", stderr, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("dotnet publish", stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(bin));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void CheckCross_UnknownRid_SaysWhichAreSupported()
    {
        var (code, _, stderr) = Repo.Run(Repo.Root, s_noSysroot, Repo.Path("build", "check-cross.sh"), "linux-mips");
        Assert.Equal(1, code);
        Assert.Contains("unsupported RID 'linux-mips'", stderr, StringComparison.Ordinal);
        Assert.Contains("linux-musl-arm64", stderr, StringComparison.Ordinal);
    }

    /// <summary>Everything present (faked): make passes RID, SysRoot and LinkerFlavor to dotnet publish.</summary>
    [RootTheory]
    [InlineData("linux-musl-arm64", "ld-musl-aarch64.so.1", "-p:LinkerFlavor=lld")]
    [InlineData("linux-musl-x64", "ld-musl-x86_64.so.1", "-p:LinkerFlavor=lld")]
    [InlineData("linux-arm64", null, null)]
    public void MakeRid_EverythingPresent_PassesRidSysrootAndLinker(string rid, string? muslLoader, string? linker)
    {
        string scratch = Directory.CreateTempSubdirectory("teamfw-cross-").FullName;
        try
        {
            string tools = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
            string log = Path.Combine(scratch, "dotnet.args");
            // A dotnet that restores fine and "publishes" an empty binary, recording its arguments.
            Script(Path.Combine(tools, "dotnet"), $$"""
                #!/bin/sh
                printf '%s\n' "$*" >> '{{log}}'
                [ "$1" = publish ] || exit 0
                while [ $# -gt 0 ]; do [ "$1" = -o ] && { mkdir -p "$2"; : > "$2/teamfw"; }; shift; done
                """);
            foreach (string tool in new[] { "clang", "llvm-objcopy", "ld.lld", "aarch64-linux-gnu-ld.bfd" })
            {
                Script(Path.Combine(tools, tool), "#!/bin/sh\nexit 0\n");
            }

            string root = Path.Combine(scratch, "root");
            string gnu = "aarch64-linux-gnu";
            if (muslLoader is not null)
            {
                Touch(Path.Combine(root, "lib", muslLoader));
                Touch(Path.Combine(root, "usr/lib/crt1.o"));
                Touch(Path.Combine(root, "usr/lib/gcc/x-alpine-linux-musl/14/libgcc.a"));
            }
            else
            {
                Touch(Path.Combine(root, "usr/lib", gnu, "crt1.o"));
            }

            var env = new Dictionary<string, string?>
            {
                ["SYSROOT"] = root,
                ["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH"),
            };
            string outDir = Path.Combine(scratch, "out");
            var (code, stdout, stderr) = Repo.Run(Repo.Root, env, "make", "RID=" + rid, "DOTNET=" + Path.Combine(tools, "dotnet"), "OUT=" + outDir, "BIN=" + Path.Combine(outDir, "teamfw"));

            Assert.True(code == 0, stdout + stderr);
            string publish = Array.Find(File.ReadAllLines(log), l => l.StartsWith("publish ", StringComparison.Ordinal))!;
            Assert.Contains($"-r {rid} ", publish, StringComparison.Ordinal);
            Assert.Contains("-p:SysRoot=" + root, publish, StringComparison.Ordinal);
            if (linker is null)
            {
                Assert.DoesNotContain("LinkerFlavor", publish, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(linker, publish, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Script(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty);
    }
}
