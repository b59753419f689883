// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;

namespace TeamFw.Packets;

/// <summary>MAC address helpers.</summary>
public static class Mac
{
    public static string Format(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6)
        {
            return "?";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mac[0]:x2}:{mac[1]:x2}:{mac[2]:x2}:{mac[3]:x2}:{mac[4]:x2}:{mac[5]:x2}");
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" (hex digits of either case); null when it is not that.</summary>
    public static byte[]? Parse(string text)
    {
        if (text.Length != 17)
        {
            return null;
        }

        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && text[(i * 3) - 1] != ':')
            {
                return null;
            }

            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mac[i]))
            {
                return null;
            }
        }

        return mac;
    }

    /// <summary>A random unicast, locally administered address (the kernel's eth_random_addr).
    /// Read from /dev/urandom: System.Security.Cryptography would load libcrypto (3+ MB of RSS) for six bytes.</summary>
    public static byte[] RandomLocal()
    {
        byte[] mac = new byte[6];
        using (FileStream f = File.OpenRead("/dev/urandom"))
        {
            f.ReadExactly(mac);
        }

        mac[0] = (byte)((mac[0] & 0xfe) | 0x02);
        return mac;
    }
}
