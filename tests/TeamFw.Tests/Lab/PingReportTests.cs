// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Lab;
using Xunit;

namespace TeamFw.Tests.Lab;

public sealed class PingReportTests
{
    private const string IputilsWithDuplicates = """
        PING 10.254.0.2 (10.254.0.2) 56(84) bytes of data.
        64 bytes from 10.254.0.2: icmp_seq=1 ttl=64 time=1.91 ms
        64 bytes from 10.254.0.2: icmp_seq=1 ttl=64 time=2.79 ms (DUP!)
        64 bytes from 10.254.0.2: icmp_seq=2 ttl=64 time=0.086 ms
        64 bytes from 10.254.0.2: icmp_seq=3 ttl=64 time=0.095 ms

        --- 10.254.0.2 ping statistics ---
        3 packets transmitted, 3 received, +1 duplicates, 0% packet loss, time 402ms
        rtt min/avg/max/mdev = 0.086/1.649/3.789/1.242 ms
        """;

    [Fact]
    public void Parse_Iputils_ReadsSummaryAndRtt()
    {
        PingReport r = PingReport.Parse(IputilsWithDuplicates);

        Assert.Equal(3, r.Transmitted);
        Assert.Equal(3, r.Received);
        Assert.Equal(1, r.Duplicates);
        Assert.Equal(0, r.Lost);
        Assert.Equal(402, r.TimeMs);
        Assert.Equal(0.086, r.RttMin);
        Assert.Equal(1.649, r.RttAvg);
        Assert.Equal(3.789, r.RttMax);
        Assert.Equal(new[] { 1, 2, 3 }, r.ReplySeqs);
        Assert.Equal((0, 0), r.LongestGap());
    }

    [Fact]
    public void Parse_LossInTheMiddle_FindsLongestGapAndRecovery()
    {
        string output = Replies(1, 4) + Replies(9, 10) + Replies(12, 20)
            + "20 packets transmitted, 15 received, 25% packet loss, time 19ms\n";

        PingReport r = PingReport.Parse(output);

        Assert.Equal(5, r.Lost);
        Assert.Equal((5, 4), r.LongestGap());
        Assert.True(r.RecoveredAfterGap());
        Assert.Equal(1.0, r.IntervalMs);
    }

    [Fact]
    public void LongestGap_LossAtTheEnd_CountsUpToLastRequestAndNoRecovery()
    {
        string output = Replies(1, 10) + "16 packets transmitted, 10 received, 37.5% packet loss, time 15ms\n";

        PingReport r = PingReport.Parse(output);

        Assert.Equal((11, 6), r.LongestGap());
        Assert.False(r.RecoveredAfterGap());
    }

    [Fact]
    public void Parse_Busybox_ReadsSeqFromZeroAndRoundTrip()
    {
        const string output = """
            PING 10.254.0.2 (10.254.0.2): 56 data bytes
            64 bytes from 10.254.0.2: seq=0 ttl=64 time=0.061 ms
            64 bytes from 10.254.0.2: seq=2 ttl=64 time=0.076 ms

            --- 10.254.0.2 ping statistics ---
            3 packets transmitted, 2 packets received, 33% packet loss
            round-trip min/avg/max = 0.061/0.067/0.076 ms
            """;

        PingReport r = PingReport.Parse(output);

        Assert.Equal(3, r.Transmitted);
        Assert.Equal(2, r.Received);
        Assert.Null(r.TimeMs);
        Assert.Equal(0.067, r.RttAvg);
        Assert.Equal((1, 1), r.LongestGap());
    }

    [Fact]
    public void Parse_NoReplyWithErrors_ReadsErrors()
    {
        const string output = """
            From 10.254.0.1 icmp_seq=1 Destination Host Unreachable

            --- 10.254.0.2 ping statistics ---
            1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms
            """;

        PingReport r = PingReport.Parse(output);

        Assert.Equal(1, r.Transmitted);
        Assert.Equal(0, r.Received);
        Assert.Equal(1, r.Errors);
        Assert.Empty(r.ReplySeqs);
        Assert.Null(r.RttAvg);
        Assert.Equal((1, 1), r.LongestGap());
    }

    [Fact]
    public void LongestSilence_WithTimestamps_IsLongestTimeBetweenReplies()
    {
        const string output = """
            [1732185424.100000] 64 bytes from 10.254.0.2: icmp_seq=1 ttl=64 time=0.05 ms
            [1732185424.101000] 64 bytes from 10.254.0.2: icmp_seq=2 ttl=64 time=0.05 ms
            [1732185424.101500] 64 bytes from 10.254.0.2: icmp_seq=2 ttl=64 time=0.05 ms (DUP!)
            [1732185424.991000] 64 bytes from 10.254.0.2: icmp_seq=9 ttl=64 time=0.05 ms
            [1732185424.992000] 64 bytes from 10.254.0.2: icmp_seq=10 ttl=64 time=0.05 ms
            10 packets transmitted, 4 received, +1 duplicates, 60% packet loss, time 892ms
            """;

        PingReport r = PingReport.Parse(output);

        Assert.Equal(new[] { 1, 2, 9, 10 }, r.ReplySeqs);
        Assert.Equal(4, r.ReplyTimes.Count);
        (double ms, double from, double to) = r.LongestSilence()!.Value;
        Assert.Equal(890, ms, precision: 3);
        Assert.Equal(1732185424.101, from, precision: 6);
        Assert.Equal(1732185424.991, to, precision: 6);
        Assert.Equal((3, 6), r.LongestGap());
    }

    [Fact]
    public void LongestSilence_NoTimestamps_IsNull()
    {
        Assert.Null(PingReport.Parse(IputilsWithDuplicates).LongestSilence());
    }

    [Fact]
    public void Parse_Empty_IsAllZero()
    {
        PingReport r = PingReport.Parse(string.Empty);

        Assert.Equal(0, r.Transmitted);
        Assert.Equal((0, 0), r.LongestGap());
        Assert.Null(r.IntervalMs);
    }

    private static string Replies(int first, int last)
    {
        var sb = new System.Text.StringBuilder();
        for (int s = first; s <= last; s++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"64 bytes from 10.254.0.2: icmp_seq={s} ttl=64 time=0.05 ms\n");
        }

        return sb.ToString();
    }
}
