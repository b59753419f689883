#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""Sends raw Ethernet frames on an interface (run inside a test namespace).

usage: inject.py [--pps N] IFACE COUNT LENGTH DSTMAC [SRCMAC] [ETHERTYPE]
LENGTH is the whole frame length in bytes, or "random" for random lengths (14..1514) and random
bytes after the addresses (garbage). Otherwise the payload after the header is a deterministic
pattern. Prints the number sent.
"""
import random
import socket
import sys
import time


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def main():
    argv = sys.argv[1:]
    pps = 0
    if argv[0] == "--pps":
        pps = int(argv[1])
        argv = argv[2:]
    iface, count, dst = argv[0], int(argv[1]), mac(argv[3])
    garbage = argv[2] == "random"
    length = 60 if garbage else int(argv[2])
    src = mac(argv[4]) if len(argv) > 4 else bytes([0x02, 0, 0, 0, 0, 0x99])
    ethertype = int(argv[5], 16) if len(argv) > 5 else 0x88B5  # IEEE local experimental
    hdr = dst + src + ethertype.to_bytes(2, "big")
    body = bytes((i * 7 + 3) & 0xFF for i in range(max(0, length - 14)))
    frame = (hdr + body)[:length]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    sent = 0
    rng = random.Random(1234)
    start = time.monotonic()
    for i in range(count):
        if pps and i % 100 == 0:
            ahead = start + i / pps - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
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
