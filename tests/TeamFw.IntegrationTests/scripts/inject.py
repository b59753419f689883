#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""Sends raw Ethernet frames on an interface (run inside a test namespace).

usage: inject.py IFACE COUNT LENGTH DSTMAC [SRCMAC] [ETHERTYPE]
LENGTH is the whole frame length in bytes, or "random" for random lengths (14..1514) and random
bytes after the addresses (garbage). Otherwise the payload after the header is a deterministic
pattern. Prints the number sent.
"""
import random
import socket
import sys


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def main():
    iface, count, dst = sys.argv[1], int(sys.argv[2]), mac(sys.argv[4])
    garbage = sys.argv[3] == "random"
    length = 60 if garbage else int(sys.argv[3])
    src = mac(sys.argv[5]) if len(sys.argv) > 5 else bytes([0x02, 0, 0, 0, 0, 0x99])
    ethertype = int(sys.argv[6], 16) if len(sys.argv) > 6 else 0x88B5  # IEEE local experimental
    hdr = dst + src + ethertype.to_bytes(2, "big")
    body = bytes((i * 7 + 3) & 0xFF for i in range(max(0, length - 14)))
    frame = (hdr + body)[:length]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    sent = 0
    rng = random.Random(1234)
    for _ in range(count):
        if garbage:
            frame = dst + src + rng.randbytes(rng.randint(2, 1500))
        try:
            s.send(frame)
            sent += 1
        except OSError as e:
            print(f"send: {e}", file=sys.stderr)
            break
    print(sent)


if __name__ == "__main__":
    main()
