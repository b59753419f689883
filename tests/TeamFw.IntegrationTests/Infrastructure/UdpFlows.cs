// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>Many UDP flows at once: datagrams from one address to another, one source port per flow.</summary>
public static class UdpFlows
{
    /// <summary>In <paramref name="ns"/>, <paramref name="perFlow"/> 32-byte datagrams to <paramref name="to"/> port 9
    /// from each of <paramref name="flows"/> source ports of <paramref name="from"/>, starting at <paramref name="firstPort"/>.</summary>
    public static void Send(string ns, string from, string to, int firstPort, int flows, int perFlow) =>
        Cmd.InNs(ns, "python3", "-c",
            "import socket\n" +
            $"for p in range({firstPort}, {firstPort + flows}):\n" +
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
            "    s.bind(('" + from + "', p))\n" +
            $"    for i in range({perFlow}): s.sendto(b'x' * 32, ('" + to + "', 9))\n" +
            "    s.close()\n");
}
