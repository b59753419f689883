// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// Golden frames written by hand: IGMPv3 reports per RFC 3376 §4.2 (type 0x22, MODE_IS_EXCLUDE records) in an
/// IPv4 header with the Router Alert option 0x94040000 (RFC 2113), TTL 1, to 224.0.0.22; MLDv2 reports per
/// RFC 3810 §5.2 (type 143) to ff02::16, hop limit 1, behind a Hop-by-Hop header with Router Alert 5/2/0
/// (RFC 2711) and a PadN 1/0. Checksums were computed by independent code and the frames confirmed offline
/// by decoding and re-checksumming them with scapy 2.5.0.
/// </summary>
public sealed class MulticastTests
{
    private const string LinkLocal = "fe80::211:22ff:fe33:4455";

    // From 192.168.1.10: 239.1.2.3 and 224.0.0.251. TOS 0xc0, DF, IHL 6.
    private const string IgmpTwoGroups =
        "01005e000016 021122334455 0800" +
        " 46 c0 0030 0000 4000 01 02 423f c0a8010a e0000016 94040000" +
        " 22 00 07fd 0000 0002 02 00 0000 ef010203 02 00 0000 e00000fb";

    // From 10.0.0.1, no group records, VLAN 7.
    private const string IgmpNoGroupsVlan7 =
        "01005e000016 021122334455 8100 0007 0800" +
        " 46 c0 0020 0000 4000 01 02 fa00 0a000001 e0000016 94040000" +
        " 22 00 ddff 0000 0000";

    // From the link-local: ff02::fb and ff05::1:3.
    private const string MldTwoGroups =
        "333300000016 021122334455 86dd" +
        " 60000000 0038 00 01 fe80 0000 0000 0000 0211 22ff fe33 4455 ff02 0000 0000 0000 0000 0000 0000 0016" +
        " 3a 00 05 02 0000 01 00" +
        " 8f 00 0858 0000 0002" +
        " 02 00 0000 ff02 0000 0000 0000 0000 0000 0000 00fb" +
        " 02 00 0000 ff05 0000 0000 0000 0000 0000 0001 0003";

    // From :: (no link-local yet, RFC 3810 §5.2.13): ff02::fb.
    private const string MldUnspecifiedOneGroup =
        "333300000016 021122334455 86dd" +
        " 60000000 0024 00 01 0000 0000 0000 0000 0000 0000 0000 0000 ff02 0000 0000 0000 0000 0000 0000 0016" +
        " 3a 00 05 02 0000 01 00" +
        " 8f 00 6f91 0000 0001" +
        " 02 00 0000 ff02 0000 0000 0000 0000 0000 0000 00fb";

    [Fact]
    public void WriteIgmpv3Report_TwoGroups_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteIgmpv3Report(frame, Golden.MacBytes, 0xc0a8010a, [0xef010203, 0xe00000fb]);

        Golden.AssertFrame(IgmpTwoGroups, frame, n);
    }

    [Fact]
    public void WriteIgmpv3Report_NoGroupsVlan_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteIgmpv3Report(frame, Golden.MacBytes, 0x0a000001, [], 7);

        Golden.AssertFrame(IgmpNoGroupsVlan7, frame, n);
    }

    [Fact]
    public void WriteIgmpv3Report_64Groups_HeadersAndChecksumsVerify()
    {
        List<uint> groups = Enumerable.Range(0, 64).Select(i => 0xef000000u | (uint)(i * 0x010203)).ToList();
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteIgmpv3Report(frame, Golden.MacBytes, 0xac100001, groups);

        Assert.Equal(14 + 24 + 8 + (64 * 8), n);
        ReadOnlySpan<byte> ip = frame.AsSpan(14, n - 14);
        Assert.Equal("46c0" + (n - 14).ToString("x4", CultureInfo.InvariantCulture) + "000040000102", Hex.Format(ip[..10]));
        Assert.Equal("ac100001e000001694040000", Hex.Format(ip[12..24]));
        Assert.Equal(0xffff, Golden.OnesSum(ip[..24]));
        ReadOnlySpan<byte> igmp = ip[24..];
        Assert.Equal(0xffff, Golden.OnesSum(igmp));
        Assert.Equal("22", Hex.Format(igmp[..1]));
        Assert.Equal("0040", Hex.Format(igmp[6..8]));
        for (int i = 0; i < groups.Count; i++)
        {
            Assert.Equal("02000000" + groups[i].ToString("x8", CultureInfo.InvariantCulture), Hex.Format(igmp.Slice(8 + (8 * i), 8)));
        }
    }

    [Fact]
    public void WriteMldv2Report_TwoGroups_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteMldv2Report(frame, Golden.MacBytes, Golden.Ip(LinkLocal), [Golden.Ip("ff02::fb"), Golden.Ip("ff05::1:3")]);

        Golden.AssertFrame(MldTwoGroups, frame, n);
    }

    [Fact]
    public void WriteMldv2Report_UnspecifiedSource_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteMldv2Report(frame, Golden.MacBytes, new byte[16], [Golden.Ip("ff02::fb")]);

        Golden.AssertFrame(MldUnspecifiedOneGroup, frame, n);
    }

    [Fact]
    public void WriteMldv2Report_Vlan_GoldenWithTag()
    {
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteMldv2Report(frame, Golden.MacBytes, new byte[16], [Golden.Ip("ff02::fb")], 4095);

        Golden.AssertFrame(Golden.Tagged(MldUnspecifiedOneGroup, 4095), frame, n);
    }

    [Fact]
    public void WriteMldv2Report_64Groups_HeadersAndChecksumVerify()
    {
        byte[] source = Golden.Ip(LinkLocal);
        List<byte[]> groups = Enumerable.Range(0, 64).Select(i => Golden.Ip($"ff15::{i:x}:beef")).ToList();
        byte[] frame = Golden.Dirty();

        int n = Multicast.WriteMldv2Report(frame, Golden.MacBytes, source, groups);

        int icmpLength = 8 + (64 * 20);
        Assert.Equal(14 + 40 + 8 + icmpLength, n);
        Assert.Equal("60000000" + (8 + icmpLength).ToString("x4", CultureInfo.InvariantCulture) + "0001", Hex.Format(frame.AsSpan(14, 8)));
        Assert.Equal("3a00050200000100", Hex.Format(frame.AsSpan(54, 8)));
        ReadOnlySpan<byte> icmp = frame.AsSpan(62, icmpLength);
        Assert.Equal(0xffff, Golden.OnesSum(Golden.WithPseudoHeader(source, Golden.Ip("ff02::16"), 58, icmp)));
        Assert.Equal("8f00", Hex.Format(icmp[..2]));
        Assert.Equal("00000040", Hex.Format(icmp[4..8]));
        for (int i = 0; i < groups.Count; i++)
        {
            Assert.Equal("02000000" + Hex.Format(groups[i]), Hex.Format(icmp.Slice(8 + (20 * i), 20)));
        }
    }
}
