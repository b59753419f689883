// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Ports;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>
/// <see cref="Team"/> on the control thread, over fakes (<see cref="TeamRig"/>): what it publishes to the data
/// path (the TeamView, the receive workers' port arrays), the team's carrier, the ports' MTU and the mode.
/// </summary>
public sealed class TeamTests
{
    private static string Json(string runner, string ports = "\"eth1\": {}, \"eth2\": {}", int workers = 2)
        => $$"""{ "device": "team0", "runner": { "name": "{{runner}}" }, "teamfw": { "workers": {{workers}} }, "ports": { {{ports}} } }""";

    private static TeamRig Started(string runner, bool eth1Up = true, bool eth2Up = true, string ports = "\"eth1\": {}, \"eth2\": {}")
    {
        var rig = new TeamRig(Json(runner, ports));
        rig.SetCarrier("eth1", eth1Up);
        rig.SetCarrier("eth2", eth2Up);
        rig.Team.Start();
        return rig;
    }

    private static string[] Enabled(Team team) => team.View.Enabled.Select(p => p.Name).ToArray();

    private static string[] Worker(Team team, int worker) => team.WorkerPorts(worker).Select(p => p.Name).ToArray();

    [Fact]
    public void Start_EachPortGoesToAWorker_TheEnabledOnesToTheView()
    {
        using TeamRig rig = Started("loadbalance", eth1Up: true, eth2Up: false);

        Assert.Equal(["eth1"], Worker(rig.Team, 0));
        Assert.Equal(["eth2"], Worker(rig.Team, 1)); // polled, though its link is down
        Assert.Equal(["eth1"], Enabled(rig.Team)); // loadbalance enables a port while its link is up
        Assert.True(rig.Devices.DataPath!.Started);
        Assert.All(rig.Setup.Applied, a => Assert.Equal(rig.Team.Mac, a.Mac)); // same_all: the team's MAC
    }

    [Fact]
    public void AddPort_PublishedToItsWorkerAndTheView_ThreadsWoken()
    {
        using TeamRig rig = Started("roundrobin");
        Port[] before = rig.Team.WorkerPorts(0);
        int wakes = rig.Devices.DataPath!.Wakes;
        rig.SetCarrier("eth3", true);

        Assert.Equal(Errno.OK, rig.Team.AddPort("eth3").Errno);

        Assert.Equal(["eth1", "eth3"], Worker(rig.Team, 0)); // the third port goes to worker 2 % 2
        Assert.Equal(["eth2"], Worker(rig.Team, 1));
        Assert.Equal(["eth1"], before.Select(p => p.Name)); // a new array: the one a thread may hold is not changed under it
        Assert.Equal(["eth1", "eth2", "eth3"], Enabled(rig.Team));
        Assert.True(rig.Devices.DataPath.Wakes > wakes);
        Assert.Equal("team0", rig.Context.OwnerOf("eth3"));
    }

    [Fact]
    public void AddPort_SettingsRefused_NothingPublished_PortRestored()
    {
        using TeamRig rig = Started("roundrobin");
        rig.Setup.FailApply.Add("eth3");

        Assert.Equal(Errno.EINVAL, rig.Team.AddPort("eth3").Errno);

        Assert.Equal(["eth1", "eth2"], Enabled(rig.Team));
        Assert.Equal(["eth1"], Worker(rig.Team, 0));
        Assert.Contains("eth3", rig.Setup.Restored);
        Assert.False(rig.Sockets.Data.ContainsKey("eth3")); // refused before its socket was opened
        Assert.Null(rig.Context.OwnerOf("eth3"));
    }

    [Fact]
    public void RemovePort_LeavesViewAndWorker_SocketClosed_PortRestored()
    {
        using TeamRig rig = Started("roundrobin");

        Assert.Equal(Errno.OK, rig.Team.RemovePort("eth1").Errno);

        Assert.Equal(["eth2"], Enabled(rig.Team));
        Assert.Empty(rig.Team.WorkerPorts(0));
        Assert.Equal(["eth2"], Worker(rig.Team, 1));
        Assert.True(rig.Sockets.Data["eth1"].Disposed); // through the data path's grace period
        Assert.Contains("port eth1's socket", rig.Devices.DataPath!.Retired);
        Assert.Equal(["eth1"], rig.Setup.Restored);
        Assert.Null(rig.Context.OwnerOf("eth1"));
        Assert.False(rig.Sockets.Data["eth2"].Disposed);
    }

    [Fact]
    public void EnabledOption_ChangesTheView_NotTheWorkers()
    {
        using TeamRig rig = Started("roundrobin");
        Port eth1 = rig.Team.FindPort("eth1")!;
        Port[] worker0 = rig.Team.WorkerPorts(0);
        rig.Team.SyncControl(); // the daemon's loop: the option registry learns of the ports
        var record = rig.Team.ControlState.FindPort(eth1)!;

        rig.Team.SetPortEnabled(record, false);
        Assert.Equal(["eth2"], Enabled(rig.Team));
        Assert.Same(worker0, rig.Team.WorkerPorts(0)); // a disabled port is still read (the kernel's rx_nohandler)

        rig.Team.SetPortEnabled(record, true);
        Assert.Equal(["eth1", "eth2"], Enabled(rig.Team));
    }

    [Fact]
    public void ActiveBackup_OnlyTheActivePortInTheView_FailsOverOnLinkDown()
    {
        using TeamRig rig = Started("activebackup");
        string active = rig.Team.ActivePort!.Name;
        string other = active == "eth1" ? "eth2" : "eth1";
        Assert.Equal([active], Enabled(rig.Team));
        Assert.Equal(active, rig.Team.View.Active!.Name);

        rig.CarrierEvent(active, false);

        Assert.Equal(other, rig.Team.ActivePort!.Name);
        Assert.Equal([other], Enabled(rig.Team));
        Assert.Equal(other, rig.Team.View.Active!.Name);
    }

    [Fact]
    public void Carrier_OnWhileAnyPortHasLink()
    {
        using TeamRig rig = Started("loadbalance", eth1Up: false, eth2Up: false);
        Assert.Equal([false], rig.Device.CarrierSets);
        Assert.False(rig.Team.Carrier);

        rig.CarrierEvent("eth1", true);
        Assert.True(rig.Device.Carrier);
        rig.CarrierEvent("eth2", true);
        rig.CarrierEvent("eth1", false);
        Assert.True(rig.Device.Carrier);
        Assert.Equal([false, true], rig.Device.CarrierSets); // set once per change, not per event

        rig.CarrierEvent("eth2", false);
        Assert.Equal([false, true, false], rig.Device.CarrierSets);
        Assert.False(rig.Team.Carrier);
        Assert.Empty(rig.Team.View.Enabled);
    }

    [Fact]
    public void TeamMtu_EveryPortFollows_AndANewPortGetsIt()
    {
        using TeamRig rig = Started("roundrobin");

        rig.Team.OnLinkEvent(TeamRig.Link(rig.Team.IfIndex, "team0", true, mtu: 9000), rig.Clock.NowMs);

        Assert.Equal(9000, rig.Team.Mtu);
        Assert.Equal(9000, rig.Net.Mtus["eth1"]);
        Assert.Equal(9000, rig.Net.Mtus["eth2"]);
        Assert.Equal(Errno.OK, rig.Team.AddPort("eth3").Errno);
        Assert.Equal(("eth3", 9000), (rig.Setup.Applied[^1].Port, rig.Setup.Applied[^1].Mtu));
    }

    [Fact]
    public void TeamMtu_RefusedByAPort_EverythingBackToTheOld()
    {
        using TeamRig rig = Started("roundrobin");
        rig.Net.RefuseMtu["eth2"] = [9000];
        rig.Net.Mtus["team0"] = 9000; // what `ip link set team0 mtu 9000` did before the event

        rig.Team.OnLinkEvent(TeamRig.Link(rig.Team.IfIndex, "team0", true, mtu: 9000), rig.Clock.NowMs);

        Assert.Equal(1500, rig.Team.Mtu);
        Assert.Equal(1500, rig.Net.Mtus["eth1"]);
        Assert.Equal(1500, rig.Net.Mtus["eth2"]);
        Assert.Equal(1500, rig.Net.Mtus["team0"]);
        Assert.Contains(("eth1", 9000), rig.Net.MtuCalls); // it was changed, then put back
    }

    [Fact]
    public void ChangeMode_SwapsModeAndRunner()
    {
        using TeamRig rig = Started("roundrobin", ports: "");
        Assert.IsType<RoundRobinMode>(rig.Team.Mode);

        rig.Team.ChangeMode("activebackup");
        Assert.Equal(("activebackup", "activebackup"), (rig.Team.Mode.Name, rig.Team.Runner.Name));
        Assert.IsType<ActiveBackupMode>(rig.Team.Mode);

        rig.Team.ChangeMode("broadcast");
        Assert.Equal(("broadcast", "broadcast"), (rig.Team.Mode.Name, rig.Team.Runner.Name));
        Assert.IsType<BroadcastMode>(rig.Team.Mode);
    }
}
