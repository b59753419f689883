// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>Speed (Mb/s, 0 when unknown) and duplex (0 half, 1 full, 0xff unknown) from the ethtool ioctl.</summary>
public readonly record struct LinkSettings(uint SpeedMbps, byte Duplex);

/// <summary>Interface ioctls (SIOC*, SIOCETHTOOL) through one datagram socket in the caller's namespace.</summary>
public sealed unsafe class NetDevice : INetDevice, IDisposable
{
    private readonly SafeFd _fd;

    public NetDevice()
    {
        _fd = new SafeFd(ErrnoException.Check(LinuxNative.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_INET) for ioctls"));
    }

    internal static void CopyName(string name, byte* dst)
    {
        if (name.Length == 0 || name.Length >= IFNAMSIZ)
        {
            throw new ArgumentException($"interface name \"{name}\" must be 1 to {IFNAMSIZ - 1} characters");
        }

        for (int i = 0; i < IFNAMSIZ; i++)
        {
            dst[i] = i < name.Length ? (byte)name[i] : (byte)0;
        }
    }

    private int Ioctl(uint request, string name, ref ifreq ifr, string op, bool throwOnError = true)
    {
        fixed (ifreq* p = &ifr)
        {
            bool ok = false;
            _fd.DangerousAddRef(ref ok);
            try
            {
                int rv = LinuxNative.ioctl(_fd.Value, request, p);
                if (rv < 0)
                {
                    Errno e = LinuxNative.LastErrno();
                    if (throwOnError)
                    {
                        ErrnoException.Throw(e, op, name);
                    }

                    return -(int)e;
                }

                return rv;
            }
            finally
            {
                if (ok)
                {
                    _fd.DangerousRelease();
                }
            }
        }
    }

    private static ifreq Req(string name)
    {
        var ifr = default(ifreq);
        CopyName(name, ifr.ifr_name);
        return ifr;
    }

    /// <summary>The interface index, or 0 when there is no such interface.</summary>
    public int TryGetIndex(string name)
    {
        var ifr = Req(name);
        return Ioctl(SIOCGIFINDEX, name, ref ifr, "SIOCGIFINDEX", throwOnError: false) < 0 ? 0 : ifr.ifr_ifru.ifru_ivalue;
    }

    public int GetIndex(string name)
    {
        var ifr = Req(name);
        Ioctl(SIOCGIFINDEX, name, ref ifr, "SIOCGIFINDEX");
        return ifr.ifr_ifru.ifru_ivalue;
    }

    /// <summary>The name of the interface with this index in the caller's network namespace, or null.</summary>
    public string? TryGetName(int index)
    {
        var ifr = default(ifreq);
        ifr.ifr_ifru.ifru_ivalue = index;
        if (Ioctl(SIOCGIFNAME, "ifindex " + index, ref ifr, "SIOCGIFNAME", throwOnError: false) < 0)
        {
            return null;
        }

        int len = 0;
        while (len < IFNAMSIZ && ifr.ifr_name[len] != 0)
        {
            len++;
        }

        return Encoding.ASCII.GetString(ifr.ifr_name, len);
    }

    public int GetMtu(string name)
    {
        var ifr = Req(name);
        Ioctl(SIOCGIFMTU, name, ref ifr, "SIOCGIFMTU");
        return ifr.ifr_ifru.ifru_ivalue;
    }

    public void SetMtu(string name, int mtu) => SetInt(SIOCSIFMTU, name, mtu, "SIOCSIFMTU");

    /// <summary>The device's transmit queue length, in frames (ifr_qlen; `ip link … txqueuelen`).</summary>
    public void SetTxQueueLen(string name, int frames) => SetInt(SIOCSIFTXQLEN, name, frames, "SIOCSIFTXQLEN");

    /// <summary>An ioctl that sets the int in ifr_ifru (ifr_mtu, ifr_qlen).</summary>
    private void SetInt(uint request, string name, int value, string call)
    {
        var ifr = Req(name);
        ifr.ifr_ifru.ifru_ivalue = value;
        Ioctl(request, name, ref ifr, $"{call}({value})");
    }

    public uint GetFlags(string name)
    {
        var ifr = Req(name);
        Ioctl(SIOCGIFFLAGS, name, ref ifr, "SIOCGIFFLAGS");
        return (ushort)ifr.ifr_ifru.ifru_flags;
    }

    public void SetFlags(string name, uint flags)
    {
        var ifr = Req(name);
        ifr.ifr_ifru.ifru_flags = (short)(ushort)flags;
        Ioctl(SIOCSIFFLAGS, name, ref ifr, "SIOCSIFFLAGS");
    }

    public byte[] GetHwAddr(string name)
    {
        var ifr = Req(name);
        Ioctl(SIOCGIFHWADDR, name, ref ifr, "SIOCGIFHWADDR");
        var mac = new byte[ETH_ALEN];
        for (int i = 0; i < ETH_ALEN; i++)
        {
            mac[i] = ifr.ifr_ifru.sa_data[i];
        }

        return mac;
    }

    public void SetHwAddr(string name, ReadOnlySpan<byte> mac)
    {
        var ifr = Req(name);
        ifr.ifr_ifru.sa_family = ARPHRD_ETHER;
        for (int i = 0; i < ETH_ALEN; i++)
        {
            ifr.ifr_ifru.sa_data[i] = mac[i];
        }

        Ioctl(SIOCSIFHWADDR, name, ref ifr, "SIOCSIFHWADDR");
    }

    /// <summary>The carrier as ETHTOOL_GLINK reports it (netif_carrier_ok, after syncing linkwatch), or null
    /// when the driver has no get_link.</summary>
    public bool? GetLink(string name)
    {
        var v = default(ethtool_value);
        v.cmd = ETHTOOL_GLINK;
        var ifr = Req(name);
        ifr.ifr_ifru.ifru_data = &v;
        return Ioctl(SIOCETHTOOL, name, ref ifr, "ETHTOOL_GLINK", throwOnError: false) < 0 ? null : v.data != 0;
    }

    /// <summary>Speed and duplex by ETHTOOL_GLINKSETTINGS (with its mask-size handshake), falling back to ETHTOOL_GSET.</summary>
    public LinkSettings GetLinkSettings(string name)
    {
        // ethtool_link_settings followed by up to 3 * 127 u32 mask words.
        const int MaxWords = 127;
        byte* buf = stackalloc byte[sizeof(ethtool_link_settings) + 3 * MaxWords * 4];
        new Span<byte>(buf, sizeof(ethtool_link_settings) + 3 * MaxWords * 4).Clear();
        var els = (ethtool_link_settings*)buf;
        els->cmd = ETHTOOL_GLINKSETTINGS;
        var ifr = Req(name);
        ifr.ifr_ifru.ifru_data = els;
        if (Ioctl(SIOCETHTOOL, name, ref ifr, "ETHTOOL_GLINKSETTINGS", throwOnError: false) >= 0 && els->link_mode_masks_nwords < 0)
        {
            // The handshake: the kernel answered with -nwords; ask again with that size.
            sbyte words = (sbyte)-els->link_mode_masks_nwords;
            new Span<byte>(buf, sizeof(ethtool_link_settings)).Clear();
            els->cmd = ETHTOOL_GLINKSETTINGS;
            els->link_mode_masks_nwords = words;
            ifr = Req(name);
            ifr.ifr_ifru.ifru_data = els;
            if (Ioctl(SIOCETHTOOL, name, ref ifr, "ETHTOOL_GLINKSETTINGS", throwOnError: false) >= 0)
            {
                return new LinkSettings(els->speed == SPEED_UNKNOWN ? 0 : els->speed, els->duplex);
            }
        }

        var cmd = default(ethtool_cmd);
        cmd.cmd = ETHTOOL_GSET;
        ifr = Req(name);
        ifr.ifr_ifru.ifru_data = &cmd;
        if (Ioctl(SIOCETHTOOL, name, ref ifr, "ETHTOOL_GSET", throwOnError: false) >= 0)
        {
            uint speed = (uint)cmd.speed | ((uint)cmd.speed_hi << 16);
            return new LinkSettings(speed == SPEED_UNKNOWN || speed == 0xffff ? 0 : speed, cmd.duplex);
        }

        return new LinkSettings(0, DUPLEX_UNKNOWN);
    }

    public void Dispose() => _fd.Dispose();
}
