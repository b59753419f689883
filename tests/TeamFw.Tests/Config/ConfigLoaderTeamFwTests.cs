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

        Assert.Equal(new TeamFwSettings { RxBlockSize = 131072, RxBlockCount = 8, TxBlockSize = 4096, Workers = 2, Offload = true }, r.Config.TeamFw);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Load_Default_TransmitsThroughTheRing()
    {
        TeamFwSettings t = LoadConfig("{'device':'team0'}").TeamFw;

        Assert.Equal("ring", t.TxMethod);
        Assert.Equal(65536u, t.TxBlockSize);
        Assert.Equal(4u, t.TxBlockCount);
    }

    [Theory]
    [InlineData("{'device':'team0'}", true, false)]
    [InlineData("{'device':'team0','teamfw':{'qdisc_bypass':true,'rx_fanout':false}}", true, false)]
    [InlineData("{'device':'team0','teamfw':{'qdisc_bypass':false}}", false, false)]
    [InlineData("{'device':'team0','teamfw':{'workers':2,'rx_fanout':true}}", true, true)]
    public void Load_QdiscBypassOnAndRxFanoutOff_UnlessSet(string json, bool bypass, bool fanout)
    {
        LoadResult r = Load(json);

        Assert.Equal(bypass, r.Config.TeamFw.QdiscBypass);
        Assert.Equal(fanout, r.Config.TeamFw.RxFanout);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Load_RxFanoutWithOneWorker_WarnsItDoesNothing()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'rx_fanout':true}}");

        Assert.True(r.Config.TeamFw.RxFanout);
        Assert.Contains(r.Warnings, w => w.Contains("$.teamfw.rx_fanout", System.StringComparison.Ordinal) && w.Contains("one worker", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("qdisc_bypass", "'no'")]
    [InlineData("rx_fanout", "1")]
    public void Load_BooleanKeyNotABoolean_FailsNamingTheField(string key, string value)
    {
        var e = Assert.Throws<ConfigException>(() => Load("{'device':'team0','teamfw':{'" + key + "':" + value + "}}"));

        Assert.Contains(key, e.Message);
    }

    [Theory]
    [InlineData("{'device':'team0'}", 1)]
    [InlineData("{'device':'team0','teamfw':{'tx_workers':2}}", 2)]
    [InlineData("{'device':'team0','teamfw':{'device':'veth','tx_workers':16}}", 16)]
    [InlineData("{'device':'team0','teamfw':{'device':'tap','tx_workers':1}}", 1)]
    public void Load_TxWorkers_OneUnlessSet(string json, int txWorkers)
    {
        LoadResult r = Load(json);

        Assert.Equal(txWorkers, r.Config.TeamFw.TxWorkers);
        Assert.Empty(r.Warnings);
    }

    [Theory]
    [InlineData("0", "$.teamfw.tx_workers")]
    [InlineData("17", "$.teamfw.tx_workers")]
    [InlineData("'2'", "$.teamfw.tx_workers")]
    public void Load_TxWorkersOutOfRange_FailsNamingTheField(string value, string path)
    {
        var e = Assert.Throws<ConfigException>(() => Load("{'device':'team0','teamfw':{'tx_workers':" + value + "}}"));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_TxWorkersWithATap_FailsSayingItNeedsVeth()
    {
        var e = Assert.Throws<ConfigException>(() => Load("{'device':'team0','teamfw':{'device':'tap','tx_workers':2}}"));

        Assert.Contains("$.teamfw.tx_workers", e.Message);
        Assert.Contains("\"device\": \"veth\"", e.Message);
    }

    [Theory]
    [InlineData("{'device':'team0'}", "veth")]
    [InlineData("{'device':'team0','teamfw':{'device':'veth'}}", "veth")]
    [InlineData("{'device':'team0','teamfw':{'device':'tap'}}", "tap")]
    public void Load_Device_IsTapUnlessVethIsAskedFor(string json, string device)
    {
        LoadResult r = Load(json);

        Assert.Equal(device, r.Config.TeamFw.Device);
        Assert.Empty(r.Warnings);
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
    public void Load_OffloadFalse_WarnsWhatItCosts()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'offload':false}}");

        Assert.False(r.Config.TeamFw.Offload);
        Assert.StartsWith("team0.conf: $.teamfw.offload: false: frames with partial checksums", Assert.Single(r.Warnings), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoCarrierPoll_DefaultsToTenMilliseconds()
    {
        Assert.Equal(10, LoadConfig("{'device':'team0'}").TeamFw.CarrierPollMs);
    }

    [Fact]
    public void Load_TxMethodRing_ReadsTxRingGeometry()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':8192,'block_count':16}}}");

        Assert.Empty(r.Warnings);
        Assert.Equal(new TeamFwSettings { TxMethod = "ring", TxBlockSize = 8192, TxBlockCount = 16 }, r.Config.TeamFw);
    }

    [Fact]
    public void Load_TxMethodRingWithoutTxRing_KeepsDefaultGeometry()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'tx_method':'ring'}}");

        Assert.Empty(r.Warnings);
        Assert.Equal("ring", r.Config.TeamFw.TxMethod);
        Assert.Equal(65536u, r.Config.TeamFw.TxBlockSize);
        Assert.Equal(4u, r.Config.TeamFw.TxBlockCount);
    }

    [Fact]
    public void Load_TxMethodSendmmsg_IgnoresTxRingWithWarning()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'tx_method':'sendmmsg','tx_ring':{'block_size':8192}}}");

        Assert.Equal("team0.conf: $.teamfw.tx_ring: teamfw transmits with sendmmsg batches; tx_ring is ignored", Assert.Single(r.Warnings));
        Assert.Equal(new TeamFwSettings { TxMethod = "sendmmsg" }, r.Config.TeamFw);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    public void Load_TxRingBlockCountInRange_IsAccepted(int count)
    {
        Assert.Equal((uint)count, LoadConfig($"{{'device':'team0','teamfw':{{'tx_method':'ring','tx_ring':{{'block_count':{count}}}}}}}").TeamFw.TxBlockCount);
    }

    [Fact]
    public void Load_TxRingOf256MiB_IsAccepted()
    {
        TeamFwSettings t = LoadConfig("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':4194304,'block_count':64}}}").TeamFw;

        Assert.Equal(4194304u, t.TxBlockSize);
        Assert.Equal(64u, t.TxBlockCount);
    }

    [Fact]
    public void Load_TxRingUnknownKey_Warns()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'frame_size':4096}}}");

        Assert.Equal("team0.conf: $.teamfw.tx_ring.frame_size: unknown key, ignored", Assert.Single(r.Warnings));
    }

    [Fact]
    public void Load_EmptyTeamFwObject_GivesDefaults()
    {
        LoadResult r = Load("{'device':'team0','teamfw':{}}");

        Assert.Empty(r.Warnings);
        Assert.Equal(new TeamFwSettings(), r.Config.TeamFw);
    }
}
