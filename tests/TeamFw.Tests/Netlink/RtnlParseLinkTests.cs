// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.Tests.Netlink;

/// <summary>
/// RTM_NEWLINK (16) / RTM_DELLINK (17) built by hand: ifinfomsg { u8 family; u8 pad; u16 type; s32 index;
/// u32 flags; u32 change } then IFLA_IFNAME (3), IFLA_MTU (4), IFLA_OPERSTATE (16), IFLA_CARRIER (33).
/// </summary>
public sealed class RtnlParseLinkTests
{
    private const string Ifinfomsg = "00 00 0100 07000000 43100100 ffffffff"; // ARPHRD_ETHER, index 7, UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
    private const string IfnameEth1 = "0900 0300 6574683100 000000";
    private const string Mtu1500 = "0800 0400 dc050000";
    private const string OperUp = "0500 1000 06 000000";                   // IF_OPER_UP
    private const string CarrierOn = "0500 2100 01 000000";

    private static bool Parse(string datagramHex, out LinkInfo link)
    {
        byte[] d = Hex.Parse(datagramHex);
        var r = new NlMessageReader(d);
        Assert.True(r.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload));
        Assert.False(r.TryNext(out _, out _));
        return RtnlClient.TryParseLink(h, payload, out link);
    }

    private static string Header(int length, int type) => $"{length:x2}000000 {type:x2}00 0000 00000000 00000000";

    [Fact]
    public void TryParseLink_NewLink_AllFields()
    {
        string d = Header(68, 16) + Ifinfomsg + IfnameEth1 + Mtu1500 + OperUp + CarrierOn;

        Assert.True(Parse(d, out LinkInfo link));
        Assert.Equal(new LinkInfo(false, 7, "eth1", 0x11043, 1500, 6, true), link);
        Assert.True(link.LinkUp);
    }

    [Fact]
    public void TryParseLink_DelLink_Deleted()
    {
        string d = Header(44, 17) + Ifinfomsg + IfnameEth1;

        Assert.True(Parse(d, out LinkInfo link));
        Assert.True(link.Deleted);
        Assert.Equal(7, link.IfIndex);
        Assert.Equal("eth1", link.Name);
    }

    // A port leaving a bridge makes the bridge send RTM_DELLINK with ifi_family AF_BRIDGE (net/bridge/br_if.c
    // del_nbp -> br_ifinfo_notify): that is not the interface going away.
    [Fact]
    public void TryParseLink_BridgeFamilyDelLink_NotADeletion()
    {
        // ip link set eth1 nomaster, eth1 (index 7) having been a bridge port: ifi_family AF_BRIDGE.
        string d = Header(44, 17) + "07 00 0100 07000000 43100100 00000000" + IfnameEth1;

        bool parsed = Parse(d, out LinkInfo link);

        Assert.False(parsed && link.Deleted, "a port leaving a bridge was reported as a deleted interface");
    }

    [Fact]
    public void TryParseLink_UnspecFamilyDelLink_IsADeletion()
    {
        // The control for the test above: unregister_netdevice sends RTM_DELLINK with ifi_family AF_UNSPEC.
        Assert.True(Parse(Header(44, 17) + "00 00 0100 07000000 43100100 00000000" + IfnameEth1, out LinkInfo link));
        Assert.True(link.Deleted);
    }

    [Fact]
    public void TryParseLink_UnknownAndNestedAttributes_Skipped()
    {
        string d = Header(96, 16) + Ifinfomsg +
            "0a00 0100 020000000001 0000" +                   // IFLA_ADDRESS, 6 bytes + pad
            IfnameEth1 +
            "1000 1280 0900 0100 7465616d00 000000" +       // IFLA_LINKINFO (nested) { IFLA_INFO_KIND "team" }
            Mtu1500 + OperUp + CarrierOn;

        Assert.True(Parse(d, out LinkInfo link));
        Assert.Equal(new LinkInfo(false, 7, "eth1", 0x11043, 1500, 6, true), link);
    }

    [Fact]
    public void TryParseLink_NoAttributes_Defaults()
    {
        Assert.True(Parse(Header(32, 16) + Ifinfomsg, out LinkInfo link));
        Assert.Equal(new LinkInfo(false, 7, null, 0x11043, 0, 0, null), link);
    }

    [Fact]
    public void TryParseLink_CarrierOff_False()
    {
        Assert.True(Parse(Header(40, 16) + Ifinfomsg + "0500 2100 00 000000", out LinkInfo link));
        Assert.False(link.Carrier);
    }

    [Fact]
    public void TryParseLink_NameWithoutNul_WholeValue()
    {
        Assert.True(Parse(Header(40, 16) + Ifinfomsg + "0800 0300 65746832", out LinkInfo link));
        Assert.Equal("eth2", link.Name);
    }

    [Fact]
    public void TryParseLink_ShortMtuAndEmptyOperstate_Ignored()
    {
        Assert.True(Parse(Header(44, 16) + Ifinfomsg + "0600 0400 dc05 0000" + "0400 1000", out LinkInfo link));
        Assert.Equal(0, link.Mtu);
        Assert.Equal(0, link.OperState);
    }

    [Fact]
    public void TryParseLink_NegativeIndexAndHighFlags_Preserved()
    {
        Assert.True(Parse(Header(32, 16) + "00 00 0100 feffffff 00000080 00000000", out LinkInfo link));
        Assert.Equal(-2, link.IfIndex);
        Assert.Equal(0x8000_0000u, link.Flags);
    }

    [Theory]
    [InlineData(20)] // RTM_NEWADDR
    [InlineData(18)] // RTM_GETLINK
    [InlineData(3)]  // NLMSG_DONE
    [InlineData(2)]  // NLMSG_ERROR
    public void TryParseLink_OtherType_False(int type)
    {
        Assert.False(Parse(Header(32, type) + Ifinfomsg, out LinkInfo link));
        Assert.Equal(default, link);
    }

    [Fact]
    public void TryParseLink_PayloadShorterThanIfinfomsg_False()
    {
        Assert.False(Parse(Header(28, 16) + "00 00 0100 07000000 43100100", out _));
    }

    [Theory]
    [InlineData(0x0u, false)]
    [InlineData(0x1u, false)]         // IFF_UP only: no carrier
    [InlineData(0x10000u, false)]     // IFF_LOWER_UP only: administratively down
    [InlineData(0x40u, false)]        // IFF_RUNNING is not IFF_LOWER_UP
    [InlineData(0x10001u, true)]
    [InlineData(0x11043u, true)]
    [InlineData(0xffffffffu, true)]
    public void LinkUp_NeedsUpAndLowerUp(uint flags, bool expected)
    {
        Assert.Equal(expected, new LinkInfo(false, 1, "eth1", flags, 1500, 6, true).LinkUp);
    }

    [Fact]
    public void LinkUp_IgnoresCarrierAttributeAndOperState()
    {
        Assert.False(new LinkInfo(false, 1, "eth1", 0x1, 1500, 6, true).LinkUp);
        Assert.True(new LinkInfo(false, 1, "eth1", 0x10001, 1500, 2, false).LinkUp);
    }
}
