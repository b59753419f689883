// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Config;
using TeamFw.LinkWatch;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.LinkWatch;

/// <summary>The periodic send/receive template behind arp_ping and nsna_ping (teamd's teamd_lw_psr.c): probes every
/// interval from init_wait on, up on a reply, down after missed_max unanswered intervals; driven by a fake clock
/// (the times passed in) and a fake socket.</summary>
public sealed class PsrWatcherTests
{
    private const byte Reply = 0xAA;

    /// <summary>A watcher whose probe is one byte (1 forced, 2 idle) and whose reply starts with <see cref="Reply"/>.</summary>
    private sealed class ProbeWatcher : PsrWatcher
    {
        public ProbeWatcher(LinkWatchConfig config, IWatchHost host, bool probesWhenIdle = false) : base(config, host)
        {
            Idle = probesWhenIdle;
        }

        private bool Idle { get; }

        protected override ushort EtherType => 0x88b5;

        protected override bool ProbesWhenIdle => Idle;

        protected override int WriteProbe(Span<byte> frame, long now, bool forced)
        {
            frame[0] = forced ? (byte)1 : (byte)2;
            return 1;
        }

        protected override bool IsReply(ReadOnlySpan<byte> frame) => frame[0] == Reply;
    }

    private static (ProbeWatcher W, FakeWatchHost Host) Start(int interval = 100, int initWait = 0, int missedMax = 3, bool sendAlways = false, bool forced = true)
    {
        var host = new FakeWatchHost { ForcedSend = forced };
        var w = new ProbeWatcher(new LinkWatchConfig { Name = "arp_ping", Interval = interval, InitWait = initWait, MissedMax = missedMax, SendAlways = sendAlways }, host);
        w.Start(0);
        return (w, host);
    }

    private static void Answer(ProbeWatcher w, FakeWatchHost host, long now)
    {
        host.Channel!.Incoming.Enqueue([Reply]);
        w.OnReadable(now);
    }

    [Fact]
    public void Start_OpensTheSocketAndFirstProbeAfterInitWait()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start(initWait: 500);

        Assert.Equal(0x88b5, host.ChannelEtherType);
        Assert.Equal(host.Channel!.Fd, w.Fd);
        Assert.Equal(500, w.NextDeadline);
        w.OnTimer(499);
        Assert.Empty(host.Channel.Sent);
        w.OnTimer(500);
        Assert.Equal([[1]], host.Channel.Sent);
        Assert.Equal(600, w.NextDeadline);
    }

    [Fact]
    public void OnReadable_Reply_UpAtOnce_OtherFramesIgnored()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start();
        Assert.False(w.Up);

        host.Channel!.Incoming.Enqueue([0x55]);
        w.OnReadable(10);
        Assert.False(w.Up);

        Answer(w, host, 20);
        Assert.True(w.Up);
        Assert.Equal([(true, "reply received")], host.Verdicts);
    }

    [Fact]
    public void OnTimer_MissedMaxIntervalsUnanswered_Down()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start(interval: 100, missedMax: 3);
        Answer(w, host, 0);
        w.OnTimer(1); // the reply counts for this interval

        w.OnTimer(101);
        w.OnTimer(201);
        Assert.True(w.Up);
        Assert.Equal(2, w.Missed);

        w.OnTimer(301);
        Assert.False(w.Up);
        Assert.Equal((false, "3 probes unanswered (missed_max 3)"), host.Verdicts[^1]);
        Assert.Equal(4, host.Channel!.Sent.Count);
    }

    [Fact]
    public void OnTimer_ReplyEveryInterval_StaysUp()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start(interval: 100, missedMax: 1);
        for (long t = 1; t < 2000; t += 100)
        {
            Answer(w, host, t - 1);
            w.OnTimer(t);
        }

        Assert.True(w.Up);
        Assert.Equal(0, w.DownCount);
    }

    [Fact]
    public void OnTimer_NotForced_NoProbe_UnlessSendAlwaysOrIdleProbing()
    {
        (ProbeWatcher quiet, FakeWatchHost quietHost) = Start(forced: false);
        quiet.OnTimer(1);
        Assert.Empty(quietHost.Channel!.Sent);

        (ProbeWatcher always, FakeWatchHost alwaysHost) = Start(forced: false, sendAlways: true);
        always.OnTimer(1);
        Assert.Equal([[1]], alwaysHost.Channel!.Sent);

        var idleHost = new FakeWatchHost { ForcedSend = false };
        var idle = new ProbeWatcher(new LinkWatchConfig { Name = "nsna_ping", Interval = 100 }, idleHost, probesWhenIdle: true);
        idle.Start(0);
        idle.OnTimer(1);
        Assert.Equal([[2]], idleHost.Channel!.Sent);
    }

    [Fact]
    public void OnTimer_BecomesForced_MissesCountAfresh()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start(interval: 100, missedMax: 5, forced: false);
        w.OnTimer(1);
        w.OnTimer(101);
        Assert.Equal(2, w.Missed);

        host.ForcedSend = true;
        w.OnTimer(201);
        Assert.Equal(0, w.Missed);
        w.OnTimer(301);
        Assert.Equal(1, w.Missed);
    }

    [Fact]
    public void Dispose_ClosesTheSocket()
    {
        (ProbeWatcher w, FakeWatchHost host) = Start();

        w.Dispose();

        Assert.True(host.Channel!.Disposed);
        Assert.Equal(long.MaxValue, w.NextDeadline);
        Assert.Equal(-1, w.Fd);
    }
}
