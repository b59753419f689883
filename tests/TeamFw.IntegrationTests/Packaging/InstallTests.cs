// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// `make install` into a temporary DESTDIR, run in a private mount namespace whose root file
/// system is read-only except DESTDIR: a write anywhere else fails the install.
/// </summary>
public sealed class InstallTests
{
    private static (int Code, string Output) Install(string destDir, params string[] vars)
    {
        // $0 = DESTDIR, $1 = the tree, the rest go to make.
        string script = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro / && exec make -s -C \"$1\" install DESTDIR=\"$0\" \"$@\"";
        string[] args = ["--mount", "--propagation", "private", "sh", "-c", script, destDir, Repo.Root, .. vars];
        var r = Repo.Run(Repo.Root, new Dictionary<string, string?>(), "unshare", args);
        return (r.Code, r.Stdout + r.Stderr);
    }

    private static string[] Tree(string root)
        => Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => "/" + Path.GetRelativePath(root, p))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [NetnsFact]
    public void Install_PrefixUsr_BinaryLinksConfigAndBusyBoxScript_OnlyInDestDir()
    {
        DirectoryInfo dest = Directory.CreateTempSubdirectory("teamfw-install-");
        try
        {
            var (code, output) = Install(dest.FullName, "PREFIX=/usr", "TEAMFW_BIN=" + TeamfwProcess.BinaryPath);
            Assert.True(code == 0, output);

            Assert.Equal(
                ["/etc", "/etc/init.d", "/etc/init.d/S39teamfw", "/etc/teamfw", "/etc/teamfw/team0.conf",
                 "/usr", "/usr/sbin", "/usr/sbin/teamd", "/usr/sbin/teamdctl", "/usr/sbin/teamfw", "/usr/sbin/teamnl"],
                Tree(dest.FullName));
            string sbin = Path.Combine(dest.FullName, "usr/sbin");
            Assert.Equal(File.ReadAllBytes(TeamfwProcess.BinaryPath!), File.ReadAllBytes(Path.Combine(sbin, "teamfw")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                File.GetUnixFileMode(Path.Combine(sbin, "teamfw")));
            foreach (string link in new[] { "teamd", "teamdctl", "teamnl" })
            {
                // Relative links: the tree works wherever it is unpacked (image, chroot, overlay).
                Assert.Equal("teamfw", new FileInfo(Path.Combine(sbin, link)).LinkTarget);
            }

            Assert.Equal(File.ReadAllText(Repo.Path("buildroot", "package", "teamfw", "team0.conf")), File.ReadAllText(Path.Combine(dest.FullName, "etc/teamfw/team0.conf")));
            string init = File.ReadAllText(Path.Combine(dest.FullName, "etc/init.d/S39teamfw"));
            Assert.Contains("TEAMFW_BIN=\"/usr/sbin/$DAEMON\"", init, StringComparison.Ordinal);
        }
        finally
        {
            dest.Delete(recursive: true);
        }
    }

    [NetnsFact]
    public void Install_KeepsAnExistingConfig_PointsTheScriptAtThePrefix_InitNoneOrOpenWrt()
    {
        DirectoryInfo dest = Directory.CreateTempSubdirectory("teamfw-install-");
        try
        {
            string conf = Path.Combine(dest.FullName, "etc/teamfw/team0.conf");
            Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
            File.WriteAllText(conf, "{\"device\":\"mine\"}");

            var (code, output) = Install(dest.FullName, "TEAMFW_BIN=" + TeamfwProcess.BinaryPath);
            Assert.True(code == 0, output);
            Assert.Equal("{\"device\":\"mine\"}", File.ReadAllText(conf));
            Assert.True(File.Exists(Path.Combine(dest.FullName, "usr/local/sbin/teamfw")), "default PREFIX is /usr/local");
            Assert.Contains("TEAMFW_BIN=\"/usr/local/sbin/$DAEMON\"", File.ReadAllText(Path.Combine(dest.FullName, "etc/init.d/S39teamfw")), StringComparison.Ordinal);

            DirectoryInfo none = dest.CreateSubdirectory("none");
            Assert.Equal(0, Install(none.FullName, "PREFIX=/usr", "INIT=none", "TEAMFW_BIN=" + TeamfwProcess.BinaryPath).Code);
            Assert.False(Directory.Exists(Path.Combine(none.FullName, "etc/init.d")));

            DirectoryInfo openwrt = dest.CreateSubdirectory("openwrt");
            (code, output) = Install(openwrt.FullName, "PREFIX=/usr", "INIT=openwrt", "TEAMFW_BIN=" + TeamfwProcess.BinaryPath);
            Assert.True(code == 0, output);
            Assert.Contains("PROG=\"/usr/sbin/teamfw\"", File.ReadAllText(Path.Combine(openwrt.FullName, "etc/init.d/teamfw")), StringComparison.Ordinal);
            Assert.Contains("option enabled '0'", File.ReadAllText(Path.Combine(openwrt.FullName, "etc/config/teamfw")), StringComparison.Ordinal);

            Assert.NotEqual(0, Install(dest.CreateSubdirectory("bad").FullName, "INIT=systemd", "TEAMFW_BIN=" + TeamfwProcess.BinaryPath).Code);
        }
        finally
        {
            dest.Delete(recursive: true);
        }
    }
}
