#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""Writes and reads VLAN-tagged Ethernet frames with packet sockets (this kernel may have no 8021q module).

send IFACE COUNT DSTMAC SRCMAC TAGS ETHERTYPE MARKER [FLOWS [GSO [INTERVAL_MS]]]
    TAGS: outermost first, comma-separated TPID:TCI in hex (8100:b064,88a8:012c), or "-" for none.
    ETHERTYPE after the tags (hex). 0800 sends IPv4/UDP from 10.9.0.1 to 10.9.0.2 with FLOWS source
    ports (20000..), round robin; 0806 an ARP reply from 10.231.0.2 to 10.231.0.1 (MARKER in the padding);
    anything else MARKER plus the frame number as the payload.
    GSO > 0 (with 0800): a TCP segment of GSO payload bytes, sent with a virtio-net header (PACKET_VNET_HDR)
    asking for TCPv4 segmentation at 1000 bytes and a partial checksum (csum_start at the TCP header,
    counted from the destination MAC, tags included). INTERVAL_MS apart (default 0). Prints the number sent.
listen IFACE SECONDS MAX MARKER [vnet]
    Prints "ready", then for every frame whose bytes contain MARKER ("hex:0ae70002" for raw bytes) a line
    "outer=TPID:TCI|- sll_pkttype=N data=HEX [vnet=flags,gso_type,hdr_len,gso_size,csum_start,csum_offset]"
    (the outer tag from PACKET_AUXDATA: the kernel takes it off before a packet socket sees the frame; the
    virtio-net header with "vnet") until MAX frames or SECONDS passed; then "done N".
"""
import socket
import struct
import sys
import time

SOL_PACKET = 263
PACKET_AUXDATA = 8
PACKET_VNET_HDR = 15
TP_STATUS_VLAN_VALID = 1 << 4
TP_STATUS_VLAN_TPID_VALID = 1 << 6
ETH_P_ALL = 3


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def udp4(sport, payload):
    udp = struct.pack("!HHHH", sport, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([10, 9, 0, 1]), bytes([10, 9, 0, 2]))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + udp


def tcp4_gso(tags_len, payload_len, marker):
    """A virtio-net header and an IPv4/TCP segment of payload_len bytes for the kernel to cut at 1000."""
    payload = (marker.encode() * (payload_len // len(marker) + 1))[:payload_len]
    tcp = struct.pack("!HHIIBBHHH", 40000, 5201, 1, 0, 5 << 4, 0x18, 65535, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0,
                     bytes([10, 9, 0, 1]), bytes([10, 9, 0, 2]))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    csum_start = 14 + tags_len + 20
    # flags NEEDS_CSUM, gso_type TCPV4, hdr_len, gso_size, csum_start, csum_offset (little endian)
    vnet = struct.pack("<BBHHHH", 1, 1, csum_start + 20, 1000, csum_start, 16)
    return vnet, ip + tcp


def send(argv):
    iface, count, dst, src, tags, ethertype, marker = argv[:7]
    flows = int(argv[7]) if len(argv) > 7 else 1
    gso = int(argv[8]) if len(argv) > 8 else 0
    interval = float(argv[9]) / 1000 if len(argv) > 9 else 0
    hdr = mac(dst) + mac(src)
    if tags != "-":
        for t in tags.split(","):
            tpid, tci = t.split(":")
            hdr += struct.pack("!HH", int(tpid, 16), int(tci, 16))
    et = int(ethertype, 16)
    hdr += struct.pack("!H", et)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    if gso:
        s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    s.bind((iface, 0))
    sent = 0
    for i in range(int(count)):
        if interval and i:
            time.sleep(interval)
        body = marker.encode() + struct.pack("!I", i)
        if gso:
            vnet, l3 = tcp4_gso(len(hdr) - 14, gso, marker)
            try:
                s.send(vnet + hdr + l3)
                sent += 1
            except OSError as e:
                print(f"send: {e}", file=sys.stderr)
                break
            continue
        if et == 0x0800:
            body = udp4(20000 + i % flows, body)
        elif et == 0x0806:
            body = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, mac(src), bytes([10, 231, 0, 2]),
                               mac(dst), bytes([10, 231, 0, 1])) + body
        frame = hdr + body
        frame += b"\0" * max(0, 60 - len(frame))
        try:
            s.send(frame)
            sent += 1
        except OSError as e:
            print(f"send: {e}", file=sys.stderr)
            break
    print(sent)


def listen(argv):
    iface, seconds, limit = argv[0], float(argv[1]), int(argv[2])
    marker = bytes.fromhex(argv[3][4:]) if argv[3].startswith("hex:") else argv[3].encode()
    vnet = len(argv) > 4 and argv[4] == "vnet"
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    if vnet:
        s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    s.bind((iface, 0))
    s.settimeout(0.1)
    print("ready", flush=True)
    end = time.monotonic() + seconds
    n = 0
    while n < limit and time.monotonic() < end:
        try:
            data, anc, _, addr = s.recvmsg(65535, socket.CMSG_SPACE(20))
        except socket.timeout:
            continue
        if marker not in data:
            continue
        extra = ""
        if vnet:
            extra = " vnet=" + ",".join(str(v) for v in struct.unpack("<BBHHHH", data[:10]))
            data = data[10:]
        outer = "-"
        for level, kind, val in anc:
            if level == SOL_PACKET and kind == PACKET_AUXDATA:
                status, _, _, _, _, tci, tpid = struct.unpack("IIIHHHH", val[:20])
                if status & TP_STATUS_VLAN_VALID:
                    if not status & TP_STATUS_VLAN_TPID_VALID:
                        tpid = 0x8100
                    outer = "%04x:%04x" % (tpid, tci)
        print("outer=%s sll_pkttype=%d data=%s%s" % (outer, addr[2], data.hex(), extra), flush=True)
        n += 1
    print("done %d" % n, flush=True)


def main():
    if sys.argv[1] == "send":
        send(sys.argv[2:])
    elif sys.argv[1] == "listen":
        listen(sys.argv[2:])
    else:
        sys.exit("usage: vlan_frames.py send|listen ...")


if __name__ == "__main__":
    main()
