// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    private static readonly SearchValues<char> s_dottedQuadChars = SearchValues.Create("0123456789.");

    /// <summary>IFNAMSIZ - 1.</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>
    /// The kernel's dev_valid_name(): 1..15 bytes, not "." or "..", no '/', ':' or whitespace.
    /// </summary>
    public static bool IsValidInterfaceName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name is "." or ".." || System.Text.Encoding.UTF8.GetByteCount(name) > MaxInterfaceNameLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string InterfaceName(ConfigContext ctx, string name, string path)
    {
        if (!IsValidInterfaceName(name))
        {
            ctx.Fail(path, $"invalid interface name \"{name}\" (1..15 characters, not \".\" or \"..\", no '/', ':' or whitespace)");
        }

        return name;
    }

    private static byte[]? ReadHwAddr(ObjectReader top)
    {
        string? text = top.String("hwaddr");
        if (text is null)
        {
            return null;
        }

        string path = top.PathOf("hwaddr");
        byte[]? mac = Packets.Mac.Parse(text);
        if (mac is null)
        {
            top.Context.Fail(path, $"invalid MAC address \"{text}\" (expected the form aa:bb:cc:dd:ee:ff)");
        }

        if ((mac[0] & 1) != 0)
        {
            top.Context.Fail(path, $"\"{text}\" is a multicast address (a team address must be unicast)");
        }

        if (Array.TrueForAll(mac, static b => b == 0))
        {
            top.Context.Fail(path, $"\"{text}\" is the all-zero address");
        }

        return mac;
    }

    internal static string FormatMac(byte[] mac) => string.Join(':', Array.ConvertAll(mac, static b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// A watcher's source_host/target_host: an address literal of the family the watcher uses, or a
    /// host name (teamd resolves both with getaddrinfo). Dotted decimals must be a plain four-part
    /// address, because inet_aton's "10.1" and octal "010.0.0.1" surprise people.
    /// </summary>
    private static string? ReadHost(ObjectReader w, string key, AddressFamily family, bool required)
    {
        if (required)
        {
            w.Require(key);
        }

        string path = w.PathOf(key);
        string? host = w.String(key);
        if (host is null)
        {
            return null;
        }

        string expected = family == AddressFamily.InterNetwork ? "an IPv4 address or a host name" : "an IPv6 address or a host name";
        bool ok = host.Contains(':', StringComparison.Ordinal)
            ? family == AddressFamily.InterNetworkV6 && IsIPv6Literal(host)
            : host.AsSpan().ContainsAnyExcept(s_dottedQuadChars)
                ? IsHostName(host)
                : family == AddressFamily.InterNetwork && IsDottedQuad(host);
        if (!ok)
        {
            w.Context.Fail(path, $"expected {expected}, got \"{host}\"");
        }

        return host;
    }

    private static bool IsDottedQuad(string text)
    {
        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsIPv6Literal(string text)
    {
        int scope = text.IndexOf('%', StringComparison.Ordinal);
        if (scope >= 0 && !IsValidInterfaceName(text[(scope + 1)..]))
        {
            return false;
        }

        string address = scope >= 0 ? text[..scope] : text;
        return IPAddress.TryParse(address, out IPAddress? ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    // RFC 1123 host names: labels of letters, digits and '-', not starting or ending with '-'.
    private static bool IsHostName(string text)
    {
        if (text.Length > 253)
        {
            return false;
        }

        foreach (string label in text.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }
        return true;
    }
}
