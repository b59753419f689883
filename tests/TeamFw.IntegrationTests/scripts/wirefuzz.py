#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""Wire fuzzer: sends random and mutated Ethernet frames as fast as it can (run inside a test namespace).

usage: wirefuzz.py SEED COUNT IFACE[,IFACE...] DSTMAC [--giants]

Frames: IPv4 (bad IHL, bad lengths, fragments, options), IPv6 (extension-header chains, bogus lengths),
ARP, slow protocols (LACPDUs with random fields, markers, truncated, oversized), runts, garbage, 0-4 VLAN
tags (802.1Q, 802.1ad, 0x9100) in front of any of them, then mutated (bytes flipped, cut short, junk
appended); giants up to 9014 bytes with --giants; about one in twenty goes out with a random virtio-net
header (PACKET_VNET_HDR: bogus GSO type, size and checksum offsets), which the sending kernel may refuse.
Destinations: DSTMAC, broadcast, multicast, the slow-protocols address, other hosts. Interfaces take turns.

Sends until COUNT frames were taken by the sending kernel. Prints one JSON line: {"sent": COUNT,
"refused": N, "pretap": N}: refused frames (not counted in COUNT) were not taken by the sending kernel;
pretap frames were sent but the receiving kernel drops them before any packet socket sees them (a VLAN
ethertype with fewer than 6 bytes after the Ethernet header: skb_vlan_untag).
"""
import json
import random
import socket
import struct
import sys

SOL_PACKET = 263
PACKET_VNET_HDR = 15
VLAN_TPIDS = (0x8100, 0x88A8, 0x9100)
KERNEL_VLAN = (0x8100, 0x88A8)


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


class Gen:
    def __init__(self, rng, team_mac, giants):
        self.r = rng
        self.team = team_mac
        self.giants = giants
        self.dsts = [team_mac, b"\xff" * 6, bytes.fromhex("01005e000001"), bytes.fromhex("333300000001"),
                     bytes.fromhex("0180c2000002"), bytes.fromhex("020000000077")]

    def rb(self, n):
        return self.r.randbytes(n)

    def tags(self):
        out = b""
        for _ in range(self.r.choice((0, 0, 0, 1, 1, 2, 3, 4))):
            out += struct.pack("!HH", self.r.choice(VLAN_TPIDS), self.r.getrandbits(16))
        return out

    def l4(self, proto):
        r = self.r
        n = r.choice((0, 4, 8, 20, 64, 512, 1400))
        if proto == 6:
            return struct.pack("!HHIIBBHHH", r.getrandbits(16), r.getrandbits(16), r.getrandbits(32), 0,
                               r.choice((5, 0, 15, 8)) << 4, r.getrandbits(8), 1024, 0, 0) + self.rb(n)
        if proto == 17:
            return struct.pack("!HHHH", r.getrandbits(16), r.getrandbits(16), r.getrandbits(16), 0) + self.rb(n)
        return self.rb(n)

    def ipv4(self):
        r = self.r
        proto = r.choice((6, 17, 1, 132, 47, r.getrandbits(8)))
        body = self.l4(proto)
        ihl = r.choice((5, 5, 5, 6, 15, 0, 4, r.getrandbits(4)))
        opts = self.rb(max(0, ihl - 5) * 4) if r.random() < 0.7 else b""
        total = 20 + len(opts) + len(body)
        if r.random() < 0.2:
            total = r.getrandbits(16)
        frag = r.choice((0, 0, 0x4000, 0x2000, 0x2000 | r.getrandbits(13), r.getrandbits(13)))
        return struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, total, r.getrandbits(16), frag, 64, proto, 0,
                           self.rb(4), self.rb(4)) + opts + body

    def ipv6(self):
        r = self.r
        chain = b""
        nxt_final = r.choice((6, 17, 58, 132, 59, r.getrandbits(8)))
        hdrs = [r.choice((0, 43, 44, 60, 51, 50, 135, r.getrandbits(8))) for _ in range(r.choice((0, 1, 2, 3, 5)))]
        types = hdrs + [nxt_final]
        for i, h in enumerate(hdrs):
            nxt = types[i + 1]
            if h == 44:
                chain += struct.pack("!BBHI", nxt, 0, r.getrandbits(16), r.getrandbits(32))
            elif h == 51:
                ln = r.choice((1, 4, 255))
                chain += struct.pack("!BB", nxt, ln) + self.rb(6 + 4 * min(ln, 8))
            else:
                ln = r.choice((0, 0, 1, 255))
                chain += struct.pack("!BB", nxt, ln) + self.rb(6 + 8 * min(ln, 4))
        body = self.l4(nxt_final)
        plen = len(chain) + len(body)
        if r.random() < 0.2:
            plen = r.getrandbits(16)
        first = types[0]
        fixed = struct.pack("!IHBB16s16s", 0x60000000 | r.getrandbits(20), plen, first, 64, self.rb(16), self.rb(16))
        return fixed + chain + body

    def arp(self):
        a = struct.pack("!HHBBH", 1, 0x0800, 6, 4, self.r.choice((1, 2))) + self.rb(20)
        return a[: self.r.choice((28, 28, 28, 10, 0))]

    def slow(self):
        r = self.r
        subtype = r.choice((1, 1, 2, 3, 10, r.getrandbits(8)))
        body = bytes([subtype, r.choice((1, 1, 0, 2))])
        for t in (1, 2, 3):
            ln = r.choice((20, 20, 20, 16, 0, 255))
            body += bytes([t, ln]) + self.rb(max(0, min(ln, 60) - 2))
        body += bytes([0, 0])
        return body[: r.choice((len(body), 110, 10, 2, 300))] + (self.rb(200) if r.random() < 0.1 else b"")

    def frame(self):
        r = self.r
        dst = r.choice(self.dsts)
        src = bytes([0x02]) + self.rb(5)
        kind = r.random()
        tags = self.tags()
        if kind < 0.3:
            et, body = 0x0800, self.ipv4()
        elif kind < 0.55:
            et, body = 0x86DD, self.ipv6()
        elif kind < 0.62:
            et, body = 0x0806, self.arp()
        elif kind < 0.72:
            et, body = 0x8809, self.slow()
            dst = bytes.fromhex("0180c2000002") if r.random() < 0.8 else dst
        elif kind < 0.8:
            et, body = r.choice(VLAN_TPIDS + (0x0800, 0x86DD, 0x0806, 0x8809)), self.rb(r.randint(0, 8))
        elif kind < 0.85 and self.giants:
            et, body = r.choice((0x0800, 0x86DD, 0x88B5)), self.rb(r.randint(1501, 9000))
        else:
            et, body = r.getrandbits(16), self.rb(r.randint(0, 1500))
        f = bytearray(dst + src + tags + struct.pack("!H", et) + body)
        m = r.random()
        if m < 0.25:
            for _ in range(r.randint(1, 4)):
                i = r.randrange(12, len(f))
                f[i] = r.getrandbits(8)
        elif m < 0.35:
            del f[r.randint(14, len(f)):]
        elif m < 0.4:
            f += self.rb(r.randint(1, 64))
        limit = 9014 if self.giants else 1518
        return bytes(f[:limit])

    def vnet(self):
        r = self.r
        flags = r.choice((0, 1, 2, 1, r.getrandbits(8)))
        gso = r.choice((0, 1, 3, 4, 5, 0x81, r.getrandbits(8)))
        return struct.pack("<BBHHHH", flags, gso, r.getrandbits(16) % 200, r.choice((0, 1, 536, 1448, r.getrandbits(16))),
                           r.getrandbits(16) % 120, r.getrandbits(16) % 40)


def pretap_drop(f):
    return len(f) >= 14 and struct.unpack("!H", f[12:14])[0] in KERNEL_VLAN and len(f) < 20


def main():
    seed, count, ifaces, dst = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(","), mac(sys.argv[4])
    gen = Gen(random.Random(seed), dst, "--giants" in sys.argv)
    plain, vnet = [], []
    for name in ifaces:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((name, 0))
        plain.append(s)
        v = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        v.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
        v.bind((name, 0))
        vnet.append(v)
    sent = refused = pretap = 0
    pool_size = min(count, 8192)
    while sent < count:
        pool = [gen.frame() for _ in range(pool_size)]
        hdrs = [gen.vnet() if gen.r.random() < 0.05 else None for _ in range(pool_size)]
        for f, h in zip(pool, hdrs):
            if sent == count:
                break
            k = (sent + refused) % len(ifaces)
            try:
                if h is None:
                    plain[k].send(f)
                else:
                    vnet[k].send(h + f)
                sent += 1
                if pretap_drop(f):
                    pretap += 1
            except OSError:
                refused += 1
    print(json.dumps({"sent": sent, "refused": refused, "pretap": pretap}))


if __name__ == "__main__":
    main()
