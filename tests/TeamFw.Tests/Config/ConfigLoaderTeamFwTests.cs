// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderTeamFwTests
{
    [Fact]
    public void Load_SpecExample_ReadsRingsWorkersOffload()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'rx_ring':{'block_size':131072,'block_count':8},'tx_ring':{'block_size':4096},'workers':2,'offload':true}}");

        Assert.Equal(new TeamFwSettings { RxBlockSize = 131072, RxBlockCount = 8, Workers = 2, Offload = true }, r.Config.TeamFw);
        Assert.Equal("team0.conf: $.teamfw.tx_ring: teamfw transmits with sendmmsg batches; tx_ring is ignored", Assert.Single(r.Warnings));
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    [InlineData(1048576)]
    [InlineData(4194304)]
    public void Load_PowerOfTwoBlockSize_IsAccepted(int size)
    {
        Assert.Equal((uint)size, LoadConfig($"{{'device':'team0','teamfw':{{'rx_ring':{{'block_size':{size}}}}}}}").TeamFw.RxBlockSize);
    }

    [Theory]
    [InlineData(68)]
    [InlineData(1500)]
    [InlineData(9000)]
    [InlineData(65535)]
    public void Load_MtuInRange_IsAccepted(int mtu)
    {
        Assert.Equal(mtu, LoadConfig($"{{'device':'team0','teamfw':{{'mtu':{mtu}}}}}").TeamFw.Mtu);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(1000)]
    public void Load_CarrierPollInRange_IsAccepted(int ms)
    {
        Assert.Equal(ms, LoadConfig($"{{'device':'team0','teamfw':{{'carrier_poll_ms':{ms}}}}}").TeamFw.CarrierPollMs);
    }

    [Fact]
    public void Load_NoCarrierPoll_DefaultsToTenMilliseconds()
    {
        Assert.Equal(10, LoadConfig("{'device':'team0'}").TeamFw.CarrierPollMs);
    }

    [Fact]
    public void Load_EmptyTeamFwObject_GivesDefaults()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{}}");

        Assert.Empty(r.Warnings);
        Assert.Equal(new TeamFwSettings(), r.Config.TeamFw);
    }
}
