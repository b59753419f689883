// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// Open vSwitch's userspace datapath (Debian's openvswitch-switch), run by hand inside one namespace
/// with everything in a private directory: ovsdb-server and ovs-vswitchd with their database, sockets,
/// pid files and logs there (nothing in /var/run/openvswitch), a bridge br0 (datapath_type=netdev,
/// fixed MAC) with an address, and a bond of the given members with LACP. Dispose asks both daemons to exit, kills
/// exactly the two it started if they linger (pids from their pid files, checked against /proc), and
/// removes the directory.
/// </summary>
public sealed class OvsSwitch : IDisposable
{
    public const string Schema = "/usr/share/openvswitch/vswitch.ovsschema";
    public const string BridgeMac = "02:00:00:00:0b:00";

    private readonly string _ns;
    private readonly System.Collections.Generic.List<int> _pids = [];

    public OvsSwitch(string ns, string address, string[] members, string lacp = "active", bool fast = true)
    {
        _ns = ns;
        Dir = Directory.CreateTempSubdirectory("teamfw-ovs-").FullName;
        try
        {
            Cmd.Run("ovsdb-tool", "create", Path.Combine(Dir, "conf.db"), Schema);
            Daemon("ovsdb-server", Path.Combine(Dir, "conf.db"), "--remote=punix:" + DbSocket);
            Vsctl("--no-wait", "init");
            Daemon("ovs-vswitchd", "unix:" + DbSocket);
            foreach (string m in members)
            {
                // The userspace datapath reads the members with AF_PACKET: no offloads (no userspace-tso-enable),
                // and, as teamfw does for its ports, the members' own IP stacks must not answer for br0.
                Cmd.TryInNs(ns, "ethtool", "-K", m, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
                Cmd.InNs(ns, "sysctl", "-qw", $"net.ipv4.conf.{m}.arp_ignore=8", $"net.ipv6.conf.{m}.disable_ipv6=1");
            }

            Vsctl("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev", "other-config:hwaddr=" + BridgeMac);
            string[] bond = ["add-bond", "br0", "bond0", .. members, "bond_mode=balance-tcp", "lacp=" + lacp, "other_config:lacp-time=" + (fast ? "fast" : "slow")];
            Vsctl(bond);
            Cmd.Run("ip", "-n", ns, "addr", "add", address + "/24", "dev", "br0");
            Cmd.Run("ip", "-n", ns, "link", "set", "br0", "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>ovs-vswitchd and ovsdb-server are installed (make test-deps installs openvswitch-switch).</summary>
    public static bool Installed => File.Exists("/usr/sbin/ovs-vswitchd") && File.Exists("/usr/sbin/ovsdb-server") && File.Exists(Schema);

    /// <summary>The private run directory (database, sockets, pid files, logs).</summary>
    public string Dir { get; }

    private string DbSocket => Path.Combine(Dir, "db.sock");

    /// <summary>ovs-vswitchd's log file.</summary>
    public string VswitchdLog => Path.Combine(Dir, "ovs-vswitchd.log");

    private string Ctl(string daemon) => Path.Combine(Dir, daemon + ".ctl");

    private string PidFile(string daemon) => Path.Combine(Dir, daemon + ".pid");

    private void Daemon(string daemon, params string[] args)
    {
        string[] all =
        [
            .. args, "--pidfile=" + PidFile(daemon), "--unixctl=" + Ctl(daemon), "--log-file=" + Path.Combine(Dir, daemon + ".log"),
            "--detach", "--no-chdir",
        ];
        Cmd.InNs(_ns, "env", ["OVS_RUNDIR=" + Dir, "OVS_DBDIR=" + Dir, "OVS_LOGDIR=" + Dir, "OVS_SYSCONFDIR=" + Dir, daemon, .. all]);
        _pids.Add(int.Parse(File.ReadAllText(PidFile(daemon)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    public string Vsctl(params string[] args) => Cmd.InNs(_ns, "ovs-vsctl", ["--db=unix:" + DbSocket, "--timeout=20", .. args]);

    public string Appctl(params string[] args) => Cmd.InNs(_ns, "ovs-appctl", ["-t", Ctl("ovs-vswitchd"), .. args]);

    public string LacpShow() => Appctl("lacp/show", "bond0");

    /// <summary>Polls lacp/show until <paramref name="done"/> holds; false after the timeout.</summary>
    public bool WaitForLacp(Func<string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (done(LacpShow()))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    /// <summary>A process started by this instance is still running.</summary>
    public bool AnyRunning => _pids.Exists(IsOurs);

    /// <summary>The pid is still one of ours: its command line names our private directory (pids are reused).</summary>
    private bool IsOurs(int pid)
    {
        try
        {
            return File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cmdline").Contains(Dir, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Cmd.Try("ip", "netns", "exec", _ns, "ovs-appctl", "-t", Ctl("ovs-vswitchd"), "exit", "--cleanup");
        Cmd.Try("ip", "netns", "exec", _ns, "ovs-appctl", "-t", Ctl("ovsdb-server"), "exit");
        for (int i = 0; i < 100 && AnyRunning; i++)
        {
            Thread.Sleep(20);
        }

        foreach (int pid in _pids)
        {
            if (IsOurs(pid))
            {
                Cmd.Try("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
            }
        }

        for (int i = 0; i < 100 && AnyRunning; i++)
        {
            Thread.Sleep(20);
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
