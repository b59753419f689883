// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Stats;

public sealed class ProcNetDevTests
{
    // As the kernel prints it (net/core/net-procfs.c): a name padded to six columns, a colon, no space after it
    // when the byte count is wide, eight receive and eight transmit columns.
    private const string Text =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
        "    lo:    1234      12    0    0    0     0          0         0     1234      12    0    0    0     0       0          0\n" +
        " team0:12345678901   98765    1    7    0     0          0        30 87654321   43210    0 18425    0     0       0          0\n" +
        "team01:       0       0    0    0    0     0          0         0        0       0    0    99    0     0       0          0\n";

    [Fact]
    public void TxDropped_IsTheTransmitDropColumn()
    {
        Assert.Equal(18425UL, ProcNetDev.ParseTxDropped(Text, "team0"));
        Assert.Equal(99UL, ProcNetDev.ParseTxDropped(Text, "team01"));
        Assert.Equal(0UL, ProcNetDev.ParseTxDropped(Text, "lo"));
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("team")]
    [InlineData("face")]
    public void TxDropped_UnknownDevice_IsNull(string device) => Assert.Null(ProcNetDev.ParseTxDropped(Text, device));

    [Fact]
    public void TxDropped_ShortLine_IsNull() => Assert.Null(ProcNetDev.ParseTxDropped(" team0: 1 2 3\n", "team0"));
}
