// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>Ethernet header layout (IEEE 802.3 / 802.1Q) and the multicast MAC mappings of RFC 1112 §6.4 and RFC 2464 §7.</summary>
public sealed class EthernetTests
{
    [Theory]
    [InlineData(-1, (ushort)0x0806, "ffffffffffff 021122334455 0806")]
    [InlineData(0, (ushort)0x86dd, "ffffffffffff 021122334455 8100 0000 86dd")]
    [InlineData(1, (ushort)0x0800, "ffffffffffff 021122334455 8100 0001 0800")]
    [InlineData(100, (ushort)0x0806, "ffffffffffff 021122334455 8100 0064 0806")]
    [InlineData(4095, (ushort)0x88cc, "ffffffffffff 021122334455 8100 0fff 88cc")]
    public void WriteHeader_VlanOrNot_MatchesLayout(int vlanId, ushort etherType, string expected)
    {
        byte[] frame = Golden.Dirty(64);

        int n = Ethernet.WriteHeader(frame, Ethernet.Broadcast, Golden.MacBytes, etherType, vlanId);

        Golden.AssertFrame(expected, frame, n);
    }

    [Fact]
    public void Broadcast_AllOnes()
    {
        Assert.Equal("ffffffffffff", Hex.Format(Ethernet.Broadcast));
    }

    [Theory]
    [InlineData("ff02::1", "333300000001")]
    [InlineData("ff02::16", "333300000016")]
    [InlineData("ff02::1:ffab:cdef", "3333ffabcdef")]
    [InlineData("ff05::1:3", "333300010003")]
    [InlineData("ff0e:1234:5678:9abc:def0:1122:8899:aabb", "33338899aabb")]
    public void Ipv6MulticastMac_Group_3333AndLow32Bits(string group, string expected)
    {
        byte[] mac = Golden.Dirty(8);

        Ethernet.Ipv6MulticastMac(Golden.Ip(group), mac);

        Assert.Equal(expected + "aaaa", Hex.Format(mac));
    }

    [Theory]
    [InlineData(0xe0000001u, "01005e000001")] // 224.0.0.1
    [InlineData(0xe0000016u, "01005e000016")] // 224.0.0.22
    [InlineData(0xe00000fbu, "01005e0000fb")] // 224.0.0.251
    [InlineData(0xef010203u, "01005e010203")] // 239.1.2.3
    [InlineData(0xef810203u, "01005e010203")] // 239.129.2.3: the 24th bit is dropped
    [InlineData(0xe0800001u, "01005e000001")] // 224.128.0.1 shares a MAC with 224.0.0.1
    [InlineData(0xeffffffau, "01005e7ffffa")] // 239.255.255.250
    public void Ipv4MulticastMac_Group_01005eAndLow23Bits(uint group, string expected)
    {
        byte[] mac = Golden.Dirty(8);

        Ethernet.Ipv4MulticastMac(group, mac);

        Assert.Equal(expected + "aaaa", Hex.Format(mac));
    }
}
