// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

public sealed class LacpduTests
{
    // Written from the 802.1AX LACPDU layout field by field, not from the encoder.
    private const string GoldenHex =
        "0180c2000002 021122334455 8809" // slow-protocols address, source, ethertype
        + "01 01"                         // subtype LACP, version 1
        + "01 14 ffff 0a0b0c0d0e0f 0007 00ff 0003 3d 000000"  // actor: prio 65535, system, key 7, port prio 255, port 3, state
        + "02 14 8000 020000000001 0001 0080 0102 0f 000000"  // partner: prio 32768, system, key 1, port prio 128, port 258
        + "03 10 0000 000000000000000000000000"              // collector, max delay 0
        + "00 00"                                             // terminator
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"; // 50 reserved

    private static readonly LacpInfo s_actor = new(0xffff, 0x0a0b0c0d0e0f, 7, 255, 3,
        LacpState.Activity | LacpState.Aggregation | LacpState.Synchronization | LacpState.Collecting | LacpState.Distributing);

    private static readonly LacpInfo s_partner = new(0x8000, 0x020000000001, 1, 0x80, 0x102,
        LacpState.Activity | LacpState.Timeout | LacpState.Aggregation | LacpState.Synchronization);

    private static byte[] GoldenFrame() => Hex.Parse(GoldenHex);

    [Fact]
    public void Write_MatchesThe8021AXLayout()
    {
        byte[] buffer = Golden.Dirty();

        int len = Lacpdu.Write(buffer, Golden.MacBytes, s_actor, s_partner);

        Assert.Equal(124, Lacpdu.FrameLength);
        Golden.AssertFrame(GoldenHex, buffer, len);
    }

    [Fact]
    public void Parse_Golden_ReadsActorAndPartner()
    {
        Assert.Equal(LacpduStatus.Ok, Lacpdu.Parse(GoldenFrame(), out LacpInfo actor, out LacpInfo partner));

        Assert.Equal(s_actor, actor);
        Assert.Equal(s_partner, partner);
        Assert.Equal("0a:0b:0c:0d:0e:0f", actor.SystemText());
    }

    [Fact]
    public void Parse_PaddedTo60BytesByTheWire_IsTruncatedOnlyBelowTheTerminator()
    {
        byte[] f = GoldenFrame();

        Assert.Equal(LacpduStatus.Ok, Lacpdu.Parse(f.AsSpan(0, Lacpdu.MinFrameLength), out _, out _));
        for (int n = 0; n < Lacpdu.MinFrameLength; n++)
        {
            LacpduStatus s = Lacpdu.Parse(f.AsSpan(0, n), out LacpInfo a, out _);
            Assert.True(s is LacpduStatus.Truncated, $"length {n}: {s}");
            Assert.Equal(default, a);
        }
    }

    [Theory]
    [InlineData(125)]
    [InlineData(1514)]
    public void Parse_LongerThanASlowProtocolsFrame_IsOversized(int length)
    {
        byte[] f = new byte[length];
        GoldenFrame().CopyTo(f, 0);

        Assert.Equal(LacpduStatus.Oversized, Lacpdu.Parse(f, out _, out _));
    }

    [Theory]
    [InlineData(15, 0, LacpduStatus.BadVersion)]
    [InlineData(16, 0x11, LacpduStatus.BadTlv)]  // actor type
    [InlineData(17, 0x13, LacpduStatus.BadTlv)]  // actor length
    [InlineData(36, 0x01, LacpduStatus.BadTlv)]  // partner type
    [InlineData(37, 0xff, LacpduStatus.BadTlv)]  // partner length
    [InlineData(56, 0x00, LacpduStatus.BadTlv)]  // collector type
    [InlineData(57, 0x14, LacpduStatus.BadTlv)]  // collector length
    [InlineData(72, 0x05, LacpduStatus.BadTlv)]  // terminator type (version 1)
    [InlineData(73, 0x02, LacpduStatus.BadTlv)]  // terminator length
    [InlineData(14, 0x02, LacpduStatus.NotLacp)] // subtype 2: marker protocol
    [InlineData(14, 0x03, LacpduStatus.NotLacp)] // subtype 3: OAM
    [InlineData(12, 0x08, LacpduStatus.NotLacp)] // ethertype 0x0809
    [InlineData(80, 0x5a, LacpduStatus.Ok)]      // reserved octets are not checked
    [InlineData(15, 0x02, LacpduStatus.Ok)]      // version 2 is read as version 1
    public void Parse_OneFieldChanged(int offset, byte value, LacpduStatus expected)
    {
        byte[] f = GoldenFrame();
        f[offset] = value;

        Assert.Equal(expected, Lacpdu.Parse(f, out LacpInfo actor, out _));
        if (expected != LacpduStatus.Ok)
        {
            Assert.Equal(default, actor);
        }
    }

    [Fact]
    public void Parse_Version2_AllowsOtherTlvsAfterTheCollector()
    {
        byte[] f = GoldenFrame();
        f[15] = 2;
        f[72] = 0x04; // e.g. a port algorithm TLV where a version 1 PDU has its terminator
        f[73] = 0x06;

        Assert.Equal(LacpduStatus.Ok, Lacpdu.Parse(f, out _, out _));
    }

    [Fact]
    public void Parse_RandomMutations_NeverThrowAndOkMeansAWellFormedLayout()
    {
        var rnd = new Random(8809);
        byte[] golden = GoldenFrame();
        for (int i = 0; i < 20000; i++)
        {
            byte[] f = Mutate(rnd, golden);
            LacpduStatus s = Lacpdu.Parse(f, out LacpInfo actor, out _);
            if (s == LacpduStatus.Ok)
            {
                Assert.InRange(f.Length, Lacpdu.MinFrameLength, Lacpdu.MaxFrameLength);
                Assert.Equal((f[16], f[17], f[36], f[37], f[56], f[57]), ((byte)1, (byte)20, (byte)2, (byte)20, (byte)3, (byte)16));
                Assert.NotEqual(0, f[15]);
                Assert.Equal((ushort)((f[18] << 8) | f[19]), actor.SystemPriority);
            }
        }
    }

    internal static byte[] Mutate(Random rnd, byte[] seed)
    {
        byte[] f = (byte[])seed.Clone();
        int rounds = 1 + rnd.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            switch (rnd.Next(5))
            {
                case 0 when f.Length > 0:
                    f[rnd.Next(f.Length)] ^= (byte)(1 << rnd.Next(8));
                    break;
                case 1 when f.Length > 0:
                    f[Math.Min(f.Length - 1, 12 + rnd.Next(64))] = (byte)rnd.Next(256);
                    break;
                case 2:
                    Array.Resize(ref f, rnd.Next(f.Length + 1));
                    break;
                case 3:
                    Array.Resize(ref f, f.Length + rnd.Next(1, 200));
                    break;
                default:
                    rnd.NextBytes(f.AsSpan(rnd.Next(f.Length + 1)));
                    break;
            }
        }

        return f;
    }

    // A Marker Information PDU as a partner sends it (802.3 §43.5.3.2), written field by field.
    private const string MarkerInfoHex =
        "0180c2000002 0a0b0c0d0e0f 8809"          // slow-protocols address, the partner's port MAC, ethertype
        + "02 01"                                  // subtype Marker, version 1
        + "01 10 0102 0a0b0c0d0e0f 12345678 0000"  // Marker Information: requester port 258, system, transaction id, pad
        + "00 00"                                  // terminator
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"; // 90 reserved

    // What the responder sends back: the same information as a Marker Response (TLV type 2) from our port.
    private const string MarkerResponseHex =
        "0180c2000002 021122334455 8809"
        + "02 01"
        + "02 10 0102 0a0b0c0d0e0f 12345678 0000"
        + "00 00"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public void MarkerInformation_AnsweredWithTheSameFieldsAsAMarkerResponse()
    {
        byte[] buffer = Golden.Dirty();

        int len = Lacpdu.WriteMarkerResponse(Hex.Parse(MarkerInfoHex), Golden.MacBytes, buffer);

        Golden.AssertFrame(MarkerResponseHex, buffer, len);
        Assert.Equal(LacpduStatus.NotLacp, Lacpdu.Parse(Hex.Parse(MarkerInfoHex), out _, out _));
    }

    [Theory]
    [InlineData(16, 0x02)] // a Marker Response is not answered (no ping-pong between two responders)
    [InlineData(14, 0x01)] // subtype LACP
    [InlineData(15, 0x00)] // version 0
    [InlineData(17, 0x14)] // Marker Information of the wrong length
    [InlineData(13, 0x0a)] // ethertype 0x880a
    public void MarkerResponse_NotWrittenForAnythingButMarkerInformation(int offset, byte value)
    {
        byte[] f = Hex.Parse(MarkerInfoHex);
        f[offset] = value;

        Assert.Equal(0, Lacpdu.WriteMarkerResponse(f, Golden.MacBytes, Golden.Dirty()));
    }

    [Fact]
    public void MarkerResponse_TruncatedOrOversized_NotWritten()
    {
        byte[] f = Hex.Parse(MarkerInfoHex);
        byte[] big = new byte[125];
        f.CopyTo(big, 0);

        Assert.Equal(0, Lacpdu.WriteMarkerResponse(f.AsSpan(0, 33), Golden.MacBytes, Golden.Dirty()));
        Assert.Equal(Lacpdu.FrameLength, Lacpdu.WriteMarkerResponse(f.AsSpan(0, 34), Golden.MacBytes, Golden.Dirty()));
        Assert.Equal(0, Lacpdu.WriteMarkerResponse(big, Golden.MacBytes, Golden.Dirty()));
    }

    internal static byte[] MarkerInformation() => Hex.Parse(MarkerInfoHex);
}
