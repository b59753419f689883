// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Tests.Fakes;

/// <summary>rtnetlink as a table: links by ifindex and addresses by ifindex; counts the address dumps.</summary>
public sealed class FakeRtnl : IRtnl
{
    public Dictionary<int, LinkInfo> Links { get; } = [];

    public Dictionary<int, List<SavedAddress>> Addresses { get; } = [];

    public int AddressDumps { get; private set; }

    /// <summary>When set, every address dump fails with this errno.</summary>
    public Errno? FailWith { get; set; }

    public LinkInfo? GetLink(int ifIndex) => Links.TryGetValue(ifIndex, out LinkInfo l) ? l : null;

    public List<SavedAddress> GetAddresses(int ifIndex)
    {
        AddressDumps++;
        if (FailWith is Errno e)
        {
            throw new ErrnoException(e, "RTM_GETADDR", ifIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Addresses.TryGetValue(ifIndex, out List<SavedAddress>? a) ? new List<SavedAddress>(a) : [];
    }

    /// <summary>An RTM_NEWADDR payload as the kernel sends it: ifaddrmsg, then IFA_ADDRESS.</summary>
    public static SavedAddress Address(byte family, byte scope, int ifIndex, byte[] address)
    {
        byte[] payload = new byte[RtnlClient.IfaddrmsgLength + 4 + address.Length];
        payload[0] = family;
        payload[3] = scope;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(RtnlClient.IfaddrmsgLength), (ushort)(4 + address.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(RtnlClient.IfaddrmsgLength + 2), RtnlClient.IfaAddress);
        address.CopyTo(payload, RtnlClient.IfaddrmsgLength + 4);
        return new SavedAddress(family, 64, scope, ifIndex, payload);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock : TeamFw.Host.IClock
{
    public long NowMs { get; set; }
}
