// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Tests.Netlink;

/// <summary>Golden bytes written as hex, with spaces between fields for the reader's sake.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>A buffer filled with 0xaa, so that padding a writer leaves unwritten shows up.</summary>
    public static byte[] Dirty(int n)
    {
        byte[] b = new byte[n];
        b.AsSpan().Fill(0xaa);
        return b;
    }
}
