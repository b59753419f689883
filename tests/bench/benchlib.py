#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""Parsing and reporting helpers for tests/bench/bench.sh.

  benchlib.py tcp FILE          iperf3 -J output -> received Gbit/s
  benchlib.py udp FILE          iperf3 -u -J output -> received packets/s
  benchlib.py ping FILE         ping summary -> "transmitted received"
  benchlib.py pinger DST COUNT INTERVAL_MS   strictly paced ICMP echo (see cmd_pinger)
  benchlib.py startfwd BIN CONF ADDR PEER PEERMAC LOG   start to forwarding (see cmd_startfwd)
  benchlib.py restartfwd BIN CONF ADDR PEER PEERMAC LOG SIGKILL and start again to forwarding (see cmd_restartfwd)
  benchlib.py report RAW OUT    raw results -> table on stdout, key=value summary in OUT

RAW has one measurement per line: "scenario metric rep value" ("-" for rep when the
value is not repeated). Metadata comes from BENCH_META_* environment variables.
"""

import json
import os
import re
import select
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time


def fail(msg):
    print(f"benchlib: {msg}", file=sys.stderr)
    sys.exit(1)


def load_iperf(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read iperf3 JSON: {e}")
    if "error" in doc:
        fail(f"{path}: iperf3 error: {doc['error']}")
    return doc


def cmd_tcp(path):
    end = load_iperf(path).get("end", {})
    s = end.get("sum_received") or {}
    if "bits_per_second" not in s:
        fail(f"{path}: no end.sum_received.bits_per_second")
    print(f"{s['bits_per_second'] / 1e9:.4f}")


def cmd_udp(path):
    end = load_iperf(path).get("end", {})
    # iperf3 >= 3.10 has sum_received for UDP; older versions put the receiver's
    # view (packets sent, lost_packets as reported by the server) in "sum".
    s = end.get("sum_received") or end.get("sum") or {}
    try:
        received = s["packets"] - s["lost_packets"]
        secs = s["seconds"]
    except KeyError:
        fail(f"{path}: no end.sum_received packets/lost_packets/seconds")
    if secs <= 0:
        fail(f"{path}: zero duration")
    print(f"{received / secs:.1f}")


def cmd_ping(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        fail(f"{path}: {e}")
    m = re.search(r"(\d+) packets transmitted, (\d+) (?:packets )?received", text)
    if not m:
        fail(f"{path}: no ping summary line")
    print(m.group(1), m.group(2))


# ---------------------------------------------------------------- pinger

def _csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _echo_request(ident, seq, payload):
    hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, _csum(hdr + payload), ident, seq) + payload


def _echo_replies(sock, ident):
    """Sequence numbers of the echo replies for IDENT waiting on a non-blocking raw socket."""
    while True:
        try:
            pkt = sock.recv(2048)
        except BlockingIOError:
            return
        ihl = (pkt[0] & 0x0F) * 4
        if len(pkt) >= ihl + 8 and pkt[ihl] == 0:  # echo reply
            rid, rseq = struct.unpack("!HH", pkt[ihl + 4:ihl + 8])
            if rid == ident:
                yield rseq


def cmd_pinger(dst, count, interval_ms):
    """ICMP echo requests to DST strictly every INTERVAL_MS, whatever the replies.

    iputils ping -i 0.001 is not usable for this: while a reply is outstanding and the
    interval is below the scheduler tick it waits 10 ms (MININTERVAL) before the next
    probe, so during an outage it sends one probe per 10 ms and "lost x 1 ms" comes out
    ten times too small. Prints "sent received lost longest_lost_run max_send_gap_ms
    outage_ms" (outage_ms: longest time between the sends of two answered probes that
    have lost ones between them, minus one interval; 0 when nothing was lost).
    """
    count = int(count)
    interval = float(interval_ms) / 1000
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.setblocking(False)
    ident = os.getpid() & 0xFFFF
    payload = b"teamfw-bench-pinger" + bytes(37)
    got = set()

    def drain():
        got.update(_echo_replies(sock, ident))

    sent = 0
    send_t = []
    last_send = None
    max_gap = 0.0
    t0 = time.monotonic() + 0.01
    for seq in range(count):
        due = t0 + seq * interval
        while True:
            now = time.monotonic()
            if now >= due:
                break
            if select.select([sock], [], [], due - now)[0]:
                drain()
        try:
            sock.sendto(_echo_request(ident, seq & 0xFFFF, payload), (dst, 0))
        except OSError:
            pass  # counted as lost: the probe did not get through
        now = time.monotonic()
        if last_send is not None:
            max_gap = max(max_gap, now - last_send)
        last_send = now
        send_t.append(now)
        sent += 1
    end = time.monotonic() + 0.5
    while (left := end - time.monotonic()) > 0:
        if select.select([sock], [], [], left)[0]:
            drain()
    ok = [(seq & 0xFFFF) in got for seq in range(count)]
    received = sum(ok)
    run = longest = 0
    for good in ok:
        run = 0 if good else run + 1
        longest = max(longest, run)
    # The same outage measured in time, immune to pacing slips: the longest span between
    # the sends of two answered probes with lost ones in between, minus one interval.
    span = 0.0
    prev = None
    for seq, good in enumerate(ok):
        if good:
            if prev is not None and seq - prev > 1:  # lost probes in between
                span = max(span, send_t[seq] - send_t[prev] - interval)
            prev = seq
    print(sent, received, sent - received, longest, f"{max_gap * 1000:.2f}", f"{span * 1000:.1f}")


# ---------------------------------------------------------------- start to forwarding

def _vm_kb(pid):
    """VmSize, VmRSS and VmHWM of PID in KiB (None when unknown)."""
    out = {"VmSize": None, "VmRSS": None, "VmHWM": None}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in out:
                    out[key] = int(rest.split()[0])
    except OSError:
        pass
    return out


def cmd_startfwd(binary, conf, addr, peer, peer_mac, log):
    """Start teamfw (-f CONF) and time it until it forwards; run inside the team namespace.

    Prints "dev_ms fwd_ms vmsize_kb vmrss_kb": dev_ms from exec until team0 exists; fwd_ms
    from exec until the first ICMP echo reply from PEER came back through team0 (team0 gets
    ADDR, a permanent neighbour entry PEER -> PEERMAC so that no ARP retry timer (1 s) can
    hide in the figure, and is set up by one `ip -batch`; an echo request goes out every
    millisecond until a reply arrives). The peer still has to ARP for ADDR, so both
    directions of the team have forwarded by then. vmsize/vmrss: /proc status right after
    the first reply (two ports, idle). Then SIGTERM; a daemon that does not exit 0 within
    10 s is an error. SIGTERM/SIGINT to this helper stop the daemon too.
    """
    t0, proc = _spawn(binary, conf, log)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        result = _startfwd(proc, t0, addr, peer, peer_mac, log)
    finally:
        _stop(proc, log)
    print(result)


def _spawn(binary, conf, log, mode="w"):
    """teamfw -f CONF with its control socket (and so its state file) next to LOG, never the defaults."""
    sock = os.path.splitext(log)[0] + ".sock"
    with open(log, mode, encoding="utf-8") as logf:
        t0 = time.monotonic()
        proc = subprocess.Popen([binary, "-S", sock, "-f", conf], stdout=logf, stderr=logf)
    return t0, proc


def _stop(proc, log):
    """SIGTERM; a daemon that does not exit 0 within 10 s is an error."""
    if proc.poll() is None:
        proc.terminate()
    try:
        rc = proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = None
    if rc != 0:
        fail(f"teamfw exited with {rc} on SIGTERM (see {log})")


def cmd_restartfwd(binary, conf, addr, peer, peer_mac, log):
    """A crash and a restart: start teamfw as startfwd does, SIGKILL it once it forwards, start it again.

    Prints "restart_ms": from the exec of the second daemon until the first ICMP echo reply through
    team0 (the device, its address and neighbour entry survived the crash; an echo request goes out
    every millisecond). The second daemon is then stopped with SIGTERM, which must exit 0.
    """
    t0, proc = _spawn(binary, conf, log)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        _startfwd(proc, t0, addr, peer, peer_mac, log)
    finally:
        proc.kill()
        proc.wait()
    t0, proc = _spawn(binary, conf, log, mode="a")
    try:
        t_fwd = _first_reply(peer, t0 + 10)
        _wait_running(log, 2, t0 + 15)
    finally:
        _stop(proc, log)
    print(f"{(t_fwd - t0) * 1000:.1f}")


def _first_reply(peer, deadline):
    """Sends an echo request every millisecond until a reply comes; returns when it came."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.setblocking(False)
    ident = os.getpid() & 0xFFFF
    payload = b"teamfw-bench-startfwd"
    seq = 0
    while True:
        if time.monotonic() > deadline:
            fail("no echo reply through team0 within 10 s of the start")
        try:
            sock.sendto(_echo_request(ident, seq, payload), (peer, 0))
        except OSError:
            pass  # no carrier yet
        seq = (seq + 1) & 0xFFFF
        if select.select([sock], [], [], 0.001)[0] and any(True for _ in _echo_replies(sock, ident)):
            return time.monotonic()


def _wait_running(log, count, deadline):
    """Until the log says "running, pid" COUNT times: forwarding starts before the daemon has installed its
    SIGTERM handler (it logs that line then); a SIGTERM in between would kill it without cleanup."""
    while time.monotonic() < deadline:
        with open(log, encoding="utf-8", errors="replace") as f:
            if f.read().count("running, pid") >= count:
                return
        time.sleep(0.01)


def _startfwd(proc, t0, addr, peer, peer_mac, log):
    deadline = t0 + 10
    while not os.path.exists("/sys/class/net/team0"):
        if proc.poll() is not None or time.monotonic() > deadline:
            fail(f"teamfw exited or did not create team0 within 10 s (see {log})")
        time.sleep(0.0005)
    t_dev = time.monotonic()
    batch = (f"addr add {addr} dev team0\n"
             f"neigh replace {peer} lladdr {peer_mac} dev team0 nud permanent\n"
             "link set team0 up\n")
    subprocess.run(["ip", "-batch", "-"], input=batch.encode(), check=True)
    t_fwd = _first_reply(peer, deadline)
    vm = _vm_kb(proc.pid)
    _wait_running(log, 1, deadline + 5)
    return f"{(t_dev - t0) * 1000:.1f} {(t_fwd - t0) * 1000:.1f} {vm['VmSize'] or 0} {vm['VmRSS'] or 0}"


# ---------------------------------------------------------------- report

SCEN_LABEL = {
    "veth": "plain veth",
    "team": "teamfw 1 hop",
    "team2": "teamfw both",
}


def fmt_pps(v):
    if v is None:
        return "n/a"
    if v >= 1e6:
        return f"{v / 1e6:.3f} Mpps"
    return f"{v / 1e3:.1f} kpps"


def fmt_gbit(v):
    return "n/a" if v is None else f"{v:.3f} Gbit/s"


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.3f}x"


def cmd_report(raw_path, out_path):
    data = {}  # (scenario, metric) -> list of floats (in rep order)
    try:
        with open(raw_path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) != 4 or line.startswith("#"):
                    continue
                scen, metric, _rep, value = parts
                try:
                    data.setdefault((scen, metric), []).append(float(value))
                except ValueError:
                    pass
    except OSError as e:
        fail(f"{raw_path}: {e}")

    env = os.environ
    meta = {k[len("BENCH_META_"):].lower(): v for k, v in env.items() if k.startswith("BENCH_META_")}
    max_bin = int(env.get("BENCH_MAX_BIN_BYTES", "3000000"))  # issue 6: 3 MB, read as 3,000,000 bytes
    max_rss_kb = int(env.get("BENCH_MAX_RSS_KB", str(12 * 1024)))
    max_vmsize_kb = int(env.get("BENCH_MAX_VMSIZE_KB", str(300 * 1024)))
    max_start_ms = float(env.get("BENCH_MAX_START_MS", "100"))
    max_restart_ms = float(env.get("BENCH_MAX_RESTART_MS", "1000"))  # issue 12: traffic back within 1 s
    max_loss = float(env.get("BENCH_MAX_FAILOVER_MS", "5"))
    min_ctl_rtt = float(env.get("BENCH_MIN_CTL_RTT", "20000"))
    max_nl_ms = float(env.get("BENCH_MAX_NL_MS", "20"))
    max_idle_cpu = float(env.get("BENCH_MAX_IDLE_CPU_PCT", "0.5"))

    def med(scen, metric):
        v = data.get((scen, metric))
        return statistics.median(v) if v else None

    def ratio(scen, metric):
        a, b = med(scen, metric), med("veth", metric)
        if a is None or not b:
            return None
        return a / b

    summary = []  # key=value lines
    verdicts = []

    def verdict(name, ok):
        if ok is None:
            res = "FAIL"  # no measurement is a failure to meet the target
        else:
            res = "PASS" if ok else "FAIL"
        verdicts.append((name, res))
        summary.append(f"verdict.{name}={res}")
        return res

    scen_list = meta.get("scenarios", "")
    lines = []
    w = [30, 15, 15, 9, 10, 6, 15, 9]
    hdr = ["metric (median of runs)", "plain veth", "teamfw 1 hop", "ratio", "target", "result",
           "teamfw both", "ratio"]

    def row(cells):
        lines.append("  ".join(str(c).ljust(w[i]) for i, c in enumerate(cells)).rstrip())

    row(hdr)
    row(["-" * x for x in w])

    # Against a plain veth pair, for information: the targets are judged against the same path without
    # teamfw (the "path" scenario, pathreport.py).
    rate_metrics = [
        ("frames_pps", "64B frames/s (trafgen)", fmt_pps),
        ("udp_pps", "UDP -l 64 recv pkt/s (iperf3)", fmt_pps),
        ("tcp_tx_gbit", "TCP team->peer (iperf3)", fmt_gbit),
        ("tcp_rx_gbit", "TCP peer->team (iperf3 -R)", fmt_gbit),
    ]
    for metric, label, fmt in rate_metrics:
        r1, r2 = ratio("team", metric), ratio("team2", metric)
        row([label, fmt(med("veth", metric)), fmt(med("team", metric)), fmt_ratio(r1), "", "info",
             fmt(med("team2", metric)), fmt_ratio(r2)])
        for scen in ("veth", "team", "team2"):
            vals = data.get((scen, metric))
            if vals:
                summary.append(f"{scen}.{metric}.median={statistics.median(vals):.4f}")
                summary.append(f"{scen}.{metric}.runs={','.join(f'{v:.4f}' for v in vals)}")
        for scen, r in (("team", r1), ("team2", r2)):
            if r is not None:
                summary.append(f"{scen}.{metric}.ratio={r:.4f}")
    # offered load (what the sender managed to push into its device) for diagnosis
    for scen in ("veth", "team", "team2"):
        vals = data.get((scen, "frames_offered_pps"))
        if vals:
            summary.append(f"{scen}.frames_offered_pps.median={statistics.median(vals):.1f}")
            summary.append(f"{scen}.frames_offered_pps.runs={','.join(f'{v:.1f}' for v in vals)}")

    lines.append("")
    loss = data.get(("failover", "loss_ms"))
    if loss or "failover" in scen_list.split():
        m = statistics.median(loss) if loss else None
        res = verdict("failover_ms", None if m is None else m <= max_loss)
        txt = "n/a" if m is None else f"{m:g} ms"
        extra = "" if not loss else f"(runs: {', '.join(f'{v:g}' for v in loss)} ms; worst {max(loss):g} ms)"
        row(["activebackup failover loss", "", txt, "", f"<= {max_loss:g} ms", res, extra])
        if loss:
            summary.append(f"failover.loss_ms.median={m:g}")
            summary.append(f"failover.loss_ms.runs={','.join(f'{v:g}' for v in loss)}")
        outage = data.get(("failover", "outage_ms"))
        if outage:
            summary.append(f"failover.outage_ms.median={statistics.median(outage):g}")
            summary.append(f"failover.outage_ms.runs={','.join(f'{v:g}' for v in outage)}")

    def worst_kb(vname, label, vals, wanted, limit_kb, note, key):
        """A memory figure in KiB whose worst run must stay within limit_kb."""
        if not vals and not wanted:
            return
        mx = max(vals) if vals else None
        res = verdict(vname, None if mx is None else mx <= limit_kb)
        txt = "n/a" if mx is None else f"{mx / 1024:.2f} MiB"
        extra = "" if not vals else f"({note}, 2 ports, worst of {len(vals)}; median {statistics.median(vals) / 1024:.2f} MiB)"
        row([label, "", txt, "", f"<= {limit_kb / 1024:g} MiB", res, extra])
        if vals:
            summary.append(f"{key}.max={int(mx)}")
            summary.append(f"{key}.runs={','.join(str(int(v)) for v in vals)}")

    scens = scen_list.split()
    worst_kb("rss", "teamfw peak RSS", data.get(("team", "rss_kb")), "team" in scens, max_rss_kb,
             "VmHWM", "team.rss_kb")
    for scen in ("team2", "failover", "start"):
        v = data.get((scen, "rss_kb"))
        if v:
            summary.append(f"{scen}.rss_kb.max={int(max(v))}")
    worst_kb("vmsize", "teamfw VmSize",
             (data.get(("team", "vmsize_kb")) or []) + (data.get(("start", "vmsize_kb")) or []),
             "team" in scens or "start" in scens, max_vmsize_kb, "VmSize", "teamfw.vmsize_kb")
    start = data.get(("start", "start_ms"))
    if start or "start" in scen_list.split():
        m = statistics.median(start) if start else None
        res = verdict("start_ms", None if m is None else m <= max_start_ms)
        txt = "n/a" if m is None else f"{m:.1f} ms"
        dev = data.get(("start", "dev_ms"))
        extra = "" if not start else (f"(runs: {', '.join(f'{v:.1f}' for v in start)} ms; team0 after "
                                      f"{statistics.median(dev):.1f} ms)" if dev else "")
        row(["start to forwarding", "", txt, "", f"<= {max_start_ms:g} ms", res, extra])
        if start:
            summary.append(f"start.start_ms.median={m:.1f}")
            summary.append(f"start.start_ms.runs={','.join(f'{v:.1f}' for v in start)}")
        if dev:
            summary.append(f"start.dev_ms.median={statistics.median(dev):.1f}")
    restart = data.get(("restart", "restart_ms"))
    if restart or "restart" in scen_list.split():
        m = statistics.median(restart) if restart else None
        res = verdict("restart_ms", None if m is None else m <= max_restart_ms)
        extra = "" if not restart else f"(runs: {', '.join(f'{v:.1f}' for v in restart)} ms)"
        row(["SIGKILL, restart to forwarding", "", "n/a" if m is None else f"{m:.1f} ms", "", f"<= {max_restart_ms:g} ms", res, extra])
        if restart:
            summary.append(f"restart.restart_ms.median={m:.1f}")
            summary.append(f"restart.restart_ms.runs={','.join(f'{v:.1f}' for v in restart)}")
    size = data.get(("binary", "size_bytes"))
    if size or "bin" in meta:
        b = size[0] if size else None
        res = verdict("binary_size", None if b is None else b <= max_bin)
        txt = "n/a" if b is None else f"{b / 1048576:.2f} MiB"
        extra = "" if b is None else f"({int(b)} bytes)"
        row(["binary size", "", txt, "", f"<= {max_bin:,} B", res, extra])
        if b is not None:
            summary.append(f"binary.size_bytes={int(b)}")

    control_rows = [
        ("rtt_per_s", "control OPTIONS_GET round trips", lambda v: f"{v:.0f}/s", f">= {min_ctl_rtt:g}/s", lambda v: v >= min_ctl_rtt),
        ("nl_options_ms", "teamfw nl team0 options", lambda v: f"{v:.1f} ms", f"<= {max_nl_ms:g} ms", lambda v: v <= max_nl_ms),
        ("idle_cpu_pct", "idle daemon CPU, 64 clients", lambda v: f"{v:.3f} %", f"< {max_idle_cpu:g} %", lambda v: v < max_idle_cpu),
    ]
    if "control" in scen_list.split() or any(k[0] == "control" for k in data):
        lines.append("")
        for metric, label, fmt, tgt, ok in control_rows:
            vals = data.get(("control", metric))
            m = statistics.median(vals) if vals else None
            res = verdict("control_" + metric, None if m is None else ok(m))
            extra = "" if not vals else f"(runs: {', '.join(fmt(v) for v in vals)})"
            row([label, "", "n/a" if m is None else fmt(m), "", tgt, res, extra])
            if vals:
                summary.append(f"control.{metric}.median={m:.4f}")
                summary.append(f"control.{metric}.runs={','.join(f'{v:.4f}' for v in vals)}")
        for metric, label, note in (("rtt1_per_s", "  ... with one client", "(4 clients above; one is bound by cross-CPU wake-ups on a VM)"),
                                    ("idle_cpu_poll_pct", "  ... carrier polled / 10 ms", "(64 clients, default teamfw.carrier_poll_ms 10)")):
            vals = data.get(("control", metric))
            if vals:
                m = statistics.median(vals)
                row([label, "", f"{m:.0f}/s" if metric.startswith("rtt") else f"{m:.3f} %", "", "", "info", note])
                summary.append(f"control.{metric}.median={m:.4f}")
        fuzz = data.get(("control", "fuzz_ok"))
        if fuzz:
            res = verdict("control_fuzz", fuzz[0] == 1)
            row(["control fuzz (unit suite)", "", "ok" if fuzz[0] == 1 else "failed", "", "no crash", res])

    # Scenarios without a row of their own (lb: lb_rr, lb_hash, lb, lb_spread2, lb_spread4): every
    # metric's median and runs, so the summary holds all that was measured.
    shown = {"veth", "team", "team2", "failover", "start", "restart", "control", "binary", "harness", "cpu"}
    for (scen, metric), vals in sorted(data.items()):
        if scen not in shown and not scen.startswith("path_"):  # path_*, cpu: pathreport.py
            summary.append(f"{scen}.{metric}.median={statistics.median(vals):.4f}")
            summary.append(f"{scen}.{metric}.runs={','.join(f'{v:.4f}' for v in vals)}")

    errors = data.get(("harness", "errors"))
    nerr = int(sum(errors)) if errors else 0

    print("\n".join(lines))
    if verdicts:
        npass = sum(1 for _, r in verdicts if r == "PASS")
        print(f"\ntargets: {npass}/{len(verdicts)} PASS"
              + ("" if npass == len(verdicts) else
                 " (FAIL: " + ", ".join(n for n, r in verdicts if r != "PASS") + ")"))
    if nerr:
        print(f"note: {nerr} measurement(s) failed and are missing from the medians (see the log above)")

    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# teamfw bench result (tests/bench/bench.sh)\n")
        for k in sorted(meta):
            f.write(f"meta.{k}={meta[k]}\n")
        f.write(f"targets.failover_ms_max={max_loss:g}\n")
        f.write(f"targets.rss_kb_max={max_rss_kb}\n")
        f.write(f"targets.vmsize_kb_max={max_vmsize_kb}\n")
        f.write(f"targets.start_ms_max={max_start_ms:g}\n")
        f.write(f"targets.restart_ms_max={max_restart_ms:g}\n")
        f.write(f"targets.binary_bytes_max={max_bin}\n")
        f.write(f"targets.control_rtt_per_s_min={min_ctl_rtt:g}\n")
        f.write(f"targets.control_nl_options_ms_max={max_nl_ms:g}\n")
        f.write(f"targets.control_idle_cpu_pct_max={max_idle_cpu:g}\n")
        f.write(f"harness.failed_measurements={nerr}\n")
        for line in summary:
            f.write(line + "\n")


def main(argv):
    if len(argv) >= 3 and argv[1] == "tcp":
        cmd_tcp(argv[2])
    elif len(argv) >= 3 and argv[1] == "udp":
        cmd_udp(argv[2])
    elif len(argv) >= 3 and argv[1] == "ping":
        cmd_ping(argv[2])
    elif len(argv) >= 5 and argv[1] == "pinger":
        cmd_pinger(argv[2], argv[3], argv[4])
    elif len(argv) >= 8 and argv[1] == "startfwd":
        cmd_startfwd(*argv[2:8])
    elif len(argv) >= 8 and argv[1] == "restartfwd":
        cmd_restartfwd(*argv[2:8])
    elif len(argv) >= 4 and argv[1] == "report":
        cmd_report(argv[2], argv[3])
    else:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
