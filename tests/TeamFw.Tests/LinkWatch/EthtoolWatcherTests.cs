// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using TeamFw.LinkWatch;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.LinkWatch;

/// <summary>ethtool's delay_up / delay_down (teamd.conf(5) link_watch.delay_up, link_watch.delay_down): a carrier
/// change must last the delay before the verdict follows; the times are the watcher's clock (ms).</summary>
public sealed class EthtoolWatcherTests
{
    private static (EthtoolWatcher W, FakeWatchHost Host) Make(int delayUp, int delayDown)
    {
        var host = new FakeWatchHost();
        return (new EthtoolWatcher(new LinkWatchConfig { DelayUp = delayUp, DelayDown = delayDown }, host), host);
    }

    [Fact]
    public void OnCarrier_NoDelay_VerdictAtOnce()
    {
        (EthtoolWatcher w, FakeWatchHost host) = Make(0, 0);

        w.OnCarrier(true, 1000);
        Assert.True(w.Up);
        w.OnCarrier(false, 1001);

        Assert.False(w.Up);
        Assert.Equal([(true, "carrier up"), (false, "carrier down")], host.Verdicts);
        Assert.Equal(1, w.DownCount);
    }

    [Fact]
    public void OnCarrier_DelayUp_UpOnlyWhenTheDelayHasPassed()
    {
        (EthtoolWatcher w, FakeWatchHost host) = Make(200, 0);

        w.OnCarrier(true, 1000);
        Assert.False(w.Up);
        Assert.Equal(1200, w.NextDeadline);

        w.OnCarrier(true, 1100); // the same carrier again does not push the deadline on
        w.OnTimer(1199);
        Assert.False(w.Up);
        Assert.Empty(host.Verdicts);

        w.OnTimer(1200);
        Assert.True(w.Up);
        Assert.Equal([(true, "carrier up for 200 ms")], host.Verdicts);
        Assert.Equal(long.MaxValue, w.NextDeadline);
    }

    [Fact]
    public void OnCarrier_FlapBackWithinDelayUp_NothingChanges()
    {
        (EthtoolWatcher w, FakeWatchHost host) = Make(200, 0);

        w.OnCarrier(true, 1000);
        w.OnCarrier(false, 1150);
        w.OnTimer(1200);
        w.OnTimer(5000);

        Assert.False(w.Up);
        Assert.False(w.Pending);
        Assert.Empty(host.Verdicts);
    }

    [Fact]
    public void OnCarrier_DelayDown_StaysUpUntilTheDelayHasPassed()
    {
        (EthtoolWatcher w, FakeWatchHost host) = Make(0, 300);
        w.OnCarrier(true, 0);

        w.OnCarrier(false, 2000);
        Assert.True(w.Up);
        Assert.Equal(2300, w.NextDeadline);
        w.OnTimer(2299);
        Assert.True(w.Up);

        w.OnTimer(2300);
        Assert.False(w.Up);
        Assert.Equal((false, "carrier down for 300 ms"), host.Verdicts[^1]);
        Assert.Equal(1, w.DownCount);
    }

    [Fact]
    public void OnCarrier_FlapWithinDelayDown_StaysUpAndCountsNoDown()
    {
        (EthtoolWatcher w, FakeWatchHost host) = Make(0, 300);
        w.OnCarrier(true, 0);

        w.OnCarrier(false, 2000);
        w.OnCarrier(true, 2100);
        w.OnTimer(2300);

        Assert.True(w.Up);
        Assert.Equal(0, w.DownCount);
        Assert.Single(host.Verdicts);
    }
}
