// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Lab;
using Xunit;

namespace TeamFw.Tests.Lab;

public sealed class DaemonLogTests
{
    private const string Log = """
        2026-11-21 10:22:40.249 info: teamfw[2004] team0: port tl1 link up (initial state)
        2026-11-21 10:22:40.249 info: teamfw[3001] team0: active port none -> tl1 (port added)
        2026-11-21 10:22:40.265 info: teamfw[1009] teamfw 0.1.0 running, pid 16459
        2026-11-21 10:22:47.143 info: teamfw[1007] state team0 {"runner":{"active_port":"tl1"}}
        2026-11-21 10:22:48.001 info: teamfw[2004] team0: port tl1 link down (carrier down)
        2026-11-21 10:22:48.001 warn: teamfw[2008] team0: port tl2 receive ring dropped 1 frame(s)
        2026-11-21 10:22:48.001 info: teamfw[3001] team0: active port tl1 -> tl2 (tl1 link down)

        """;

    [Fact]
    public void ReadyPid_RunningLine_ReturnsPid()
    {
        Assert.Equal(16459, DaemonLog.ReadyPid(Log));
    }

    [Fact]
    public void ReadyPid_LineNotFinished_ReturnsNull()
    {
        Assert.Null(DaemonLog.ReadyPid("2026-11-21 10:22:40.265 info: teamfw[1009] teamfw 0.1.0 running, pid 164"));
    }

    [Fact]
    public void FindState_ReturnsJsonOfLastCompleteLine()
    {
        string log = Log + "2026-11-21 10:23:00.000 info: teamfw[1007] state team0 {\"runner\":{\"act";

        Assert.Equal("{\"runner\":{\"active_port\":\"tl1\"}}", DaemonLog.FindState(log, "team0"));
        Assert.Null(DaemonLog.FindState(log, "team1"));
    }

    [Fact]
    public void Events_MatchingPrefixes_KeepTimeAndMessage()
    {
        var events = DaemonLog.Events(Log, "team0: active port ", "team0: port tl1 link ");

        Assert.Equal(
            new[]
            {
                "10:22:40.249 team0: port tl1 link up (initial state)",
                "10:22:40.249 team0: active port none -> tl1 (port added)",
                "10:22:48.001 team0: port tl1 link down (carrier down)",
                "10:22:48.001 team0: active port tl1 -> tl2 (tl1 link down)",
            },
            events);
    }

    [Fact]
    public void Tail_CutsLongLines()
    {
        string tail = DaemonLog.Tail("a\nb\n" + new string('x', 200) + "\n", 2, width: 20);

        Assert.Equal("b\n" + new string('x', 17) + "...", tail);
    }
}
