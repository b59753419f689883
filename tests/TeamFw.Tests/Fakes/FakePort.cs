// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using TeamFw.Modes;

namespace TeamFw.Tests.Fakes;

/// <summary>A port whose every property the test sets by hand. Txable follows the real Port: Enabled and LinkUp.</summary>
public sealed class FakePort : IRunnerPort
{
    public FakePort(string name, int ifIndex = 0)
    {
        Name = name;
        IfIndex = ifIndex;
    }

    public string Name { get; set; }

    public int IfIndex { get; set; }

    public bool Enabled { get; set; }

    public bool LinkUp { get; set; }

    public bool Txable => Enabled && LinkUp;

    public int Prio { get; set; }

    public bool Sticky { get; set; }

    public uint SpeedMbps { get; set; }

    /// <summary>0 half, 1 full, 0xff unknown (the real Port's default).</summary>
    public byte Duplex { get; set; } = 0xff;

    public int LacpPrio { get; set; } = 255;

    public int LacpKey { get; set; }

    public byte[] Mac { get; set; } = [0x02, 0, 0, 0, 0, 0];

    public ReadOnlySpan<byte> OwnMac => Mac;

    /// <summary>Enabled ports named a, b, c, ...; port i is txable when <paramref name="txableMask"/>[i] is '1'.</summary>
    public static FakePort[] EnabledSet(string txableMask)
        => txableMask.Select((c, i) => new FakePort(((char)('a' + i)).ToString(), i + 1) { Enabled = true, LinkUp = c == '1' }).ToArray();

    public override string ToString() => Name;
}
