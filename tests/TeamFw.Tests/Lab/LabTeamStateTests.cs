// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.Lab;
using Xunit;

namespace TeamFw.Tests.Lab;

public sealed class LabTeamStateTests
{
    // Shortened from a real `state team0 {json}` line of the host daemon: teamd's paths, teamfw's own under "teamfw".
    private const string State = """
        {"setup":{"runner_name":"activebackup"},
         "ports":{
          "tl1":{"link_watches":{"up":false}},
          "tl2":{"link_watches":{"up":true}}},
         "runner":{"active_port":"tl2"},
         "teamfw":{"carrier":true,"mtu":1500,
                   "stats":{"rx_packets":6049,"rx_bytes":592674,"rx_multicast":7,"rx_dropped":1,"rx_nohandler":0,"tx_packets":3028,"tx_bytes":296616,"tx_dropped":2},
                   "runner":{"hwaddr_policy":"same_all"},
                   "ports":{
                    "tl1":{"enabled":false,"prio":10,
                           "stats":{"rx_packets":2045,"rx_bytes":200282,"rx_multicast":0,"rx_dropped":1,"rx_nohandler":0,"tx_packets":1026,"tx_bytes":100420,"tx_dropped":2}},
                    "tl2":{"enabled":true,"prio":0,
                           "stats":{"rx_packets":4004,"rx_bytes":392392,"rx_multicast":0,"rx_dropped":0,"rx_nohandler":0,"tx_packets":2002,"tx_bytes":196196,"tx_dropped":0}}}}}
        """;

    [Fact]
    public void Parse_ReadsActivePortCarrierPortsAndCounters()
    {
        LabTeamState v = LabTeamState.Parse(State);

        Assert.True(v.Carrier);
        Assert.Equal("tl2", v.ActivePort);
        Assert.Equal(new LabCounters(6049, 592674, 1, 3028, 296616, 2), v.Stats);
        Assert.Collection(
            v.Ports,
            p => Assert.Equal(new LabPortState("tl1", false, 10, new LabCounters(2045, 200282, 1, 1026, 100420, 2)), p),
            p => Assert.Equal(new LabPortState("tl2", true, 0, new LabCounters(4004, 392392, 0, 2002, 196196, 0)), p));
    }

    [Fact]
    public void Parse_NoActivePort_IsNull()
    {
        LabTeamState v = LabTeamState.Parse("""{"runner":{"active_port":""},"teamfw":{"carrier":false}}""");

        Assert.Null(v.ActivePort);
        Assert.False(v.Carrier);
        Assert.Empty(v.Ports);
        Assert.Equal(default, v.Stats);
    }

    [Fact]
    public void Parse_NotAnObject_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => LabTeamState.Parse("[1,2]"));
        Assert.ThrowsAny<JsonException>(() => LabTeamState.Parse("{\"runner\":"));
    }

    [Fact]
    public void Table_MarksActivePortAndSumsDrops()
    {
        string table = LabReport.Table(LabTeamState.Parse(State));

        Assert.Contains("  tl2*   up       0       4004      392392       2002      196196        0\n", table, System.StringComparison.Ordinal);
        Assert.Contains("  tl1    down    10       2045      200282       1026      100420        3\n", table, System.StringComparison.Ordinal);
    }
}
