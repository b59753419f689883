#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""The report of bench.sh's "path" and "cpu" scenarios (tests/bench/path.sh, cpu.sh).

    pathreport.py RAW RESULT

RAW is bench.sh's raw.txt ("SCENARIO METRIC REP VALUE" lines). Prints the tables with best-of
and median figures, team/direct ratios and PASS/FAIL, and appends key=value lines (path.*, cpu.*,
verdict.path_*, verdict.cpu_*, targets.*) to RESULT. Verdicts use the best of the runs: on a shared
machine noise only makes a rate lower (or a CPU cost higher), and the best run is what the code can
do. Targets (issue 14): BENCH_MIN_FRAMES_RATIO (0.8), BENCH_MIN_TCP_RATIO (0.7), BENCH_MAX_CPU_US
("25000:3 100000:2", rate:us).
"""

import os
import statistics
import sys

TCP = ("tcp_tx_gbit", "tcp_rx_gbit")


def load(path):
    data = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 4 or line.startswith("#"):
                continue
            try:
                data.setdefault((parts[0], parts[1]), []).append(float(parts[3]))
            except ValueError:
                pass
    return data


def fmt_rate(metric, v):
    if v is None:
        return "n/a"
    if metric in TCP:
        return f"{v:.2f}"
    return f"{v / 1e3:.1f}"


def best_med(vals, lower_is_better=False):
    if not vals:
        return None, None
    return (min(vals) if lower_is_better else max(vals)), statistics.median(vals)


class Report:
    def __init__(self, data):
        self.data = data
        self.lines = []
        self.summary = []
        self.verdicts = []

    def verdict(self, name, ok):
        res = "FAIL" if ok is None else ("PASS" if ok else "FAIL")
        self.verdicts.append((name, res))
        self.summary.append(f"verdict.{name}={res}")
        return res

    def runs(self, key, vals):
        self.summary.append(f"{key}.best={max(vals):.4f}")
        self.summary.append(f"{key}.median={statistics.median(vals):.4f}")
        self.summary.append(f"{key}.runs={','.join(f'{v:.4f}' for v in vals)}")

    def path(self, env):
        min_frames = float(env.get("BENCH_MIN_FRAMES_RATIO", "0.8"))
        min_tcp = float(env.get("BENCH_MIN_TCP_RATIO", "0.7"))
        self.summary += [f"targets.path_frames_ratio_min={min_frames:g}", f"targets.path_tcp_ratio_min={min_tcp:g}"]
        workers = sorted(int(s[len("path_team_w"):]) for s, m in self.data if s.startswith("path_team_w") and m == "frames_pps"
                         or s.startswith("path_team_w") and m in TCP)
        workers = sorted(set(workers)) or [1]
        direct = self.data.get(("path_direct", "frames_pps"), [])
        self.lines.append(f"same path without teamfw: a1 itself -> br0 (direct) vs teamfw roundrobin a1 a2 -> br0; "
                          f"best / median of the runs ({len(direct)} direct), verdicts on best/best")
        w = [28, 21, 21, 17, 9, 6]
        row = lambda c: self.lines.append("  ".join(str(x).ljust(w[i]) for i, x in enumerate(c)).rstrip())
        row(["metric", "direct best / med", "teamfw best / med", "ratio best / med", "target", "result"])
        row(["-" * x for x in w])
        labels = {"frames_pps": ("64B frames (kpps, trafgen)", min_frames, "frames"),
                  "tcp_tx_gbit": ("TCP team->peer (Gbit/s)", min_tcp, "tcp_tx"),
                  "tcp_rx_gbit": ("TCP peer->team (Gbit/s)", min_tcp, "tcp_rx")}
        for wk in workers:
            scen = f"path_team_w{wk}"
            for metric, (label, target, vname) in labels.items():
                d = self.data.get(("path_direct", metric))
                t = self.data.get((scen, metric))
                db, dm = best_med(d)
                tb, tm = best_med(t)
                rb = tb / db if tb is not None and db else None
                rm = tm / dm if tm is not None and dm else None
                if wk == workers[0]:
                    res = self.verdict(f"path_{vname}_ratio", None if rb is None else rb >= target)
                    tgt = f">= {target:g}x"
                else:
                    res, tgt = "info", ""
                row([f"{label} w{wk}", f"{fmt_rate(metric, db)} / {fmt_rate(metric, dm)}",
                     f"{fmt_rate(metric, tb)} / {fmt_rate(metric, tm)}",
                     "n/a" if rb is None else f"{rb:.3f}x / {rm:.3f}x", tgt, res])
                if d and wk == workers[0]:
                    self.runs(f"path.direct.{metric}", d)
                if t:
                    self.runs(f"path.team_w{wk}.{metric}", t)
                if rb is not None:
                    self.summary.append(f"path.team_w{wk}.{metric}.ratio_best={rb:.4f}")
                    self.summary.append(f"path.team_w{wk}.{metric}.ratio_median={rm:.4f}")
        self.lines.append(f"  (w1 = teamfw.workers 1 is judged; w{workers[-1]} is for information"
                          " — see tests/bench/README.md for its CPUs)" if len(workers) > 1 else "")

    def cpu(self, env):
        targets = {}
        for item in env.get("BENCH_MAX_CPU_US", "25000:3 100000:2").split():
            rate, us = item.split(":")
            targets[int(rate)] = float(us)
        self.summary += [f"targets.cpu_us_max.{r}={u:g}" for r, u in sorted(targets.items())]
        rates = sorted({int(m[2:-3]) for s, m in self.data if s == "cpu" and m.endswith("_us")
                        and not m.endswith("sched_us") and not m.endswith("res_us")})
        tck = os.sysconf("SC_CLK_TCK")
        self.lines.append("")
        self.lines.append(f"teamfw CPU per forwarded frame, evenly paced 64B frames: (utime+stime of /proc/PID/stat, "
                          f"ticks of 1/{tck} s) / frames counted by the receiver; best / median of the runs")
        w = [24, 17, 21, 12, 13, 9, 6]
        row = lambda c: self.lines.append("  ".join(str(x).ljust(w[i]) for i, x in enumerate(c)).rstrip())
        row(["direction, paced rate", "achieved (med)", "us/frame best / med", "1 tick =", "schedstat med", "target", "result"])
        row(["-" * x for x in w])
        for dirn, label in (("tx", "host->peer"), ("rx", "peer->host")):
            for rate in rates:
                key = f"{dirn}{rate}"
                us = self.data.get(("cpu", f"{key}_us"))
                pps = self.data.get(("cpu", f"{key}_pps"))
                res_us = self.data.get(("cpu", f"{key}_res_us"))
                sus = self.data.get(("cpu", f"{key}_sched_us"))
                b, m = best_med(us, lower_is_better=True)
                if rate in targets:
                    res = self.verdict(f"cpu_{key}", None if b is None else b <= targets[rate])
                    tgt = f"<= {targets[rate]:g} us"
                else:
                    res, tgt = "info", ""
                ach = statistics.median(pps) if pps else None
                short = " (short)" if ach is not None and ach < 0.9 * rate else ""
                row([f"{label} {rate / 1e3:g} kpps", "n/a" if ach is None else f"{ach / 1e3:.1f} kpps{short}",
                     "n/a" if b is None else f"{b:.2f} / {m:.2f} us",
                     "n/a" if not res_us else f"{statistics.median(res_us):.3f} us",
                     "n/a" if not sus else f"{statistics.median(sus):.2f} us", tgt, res])
                for metric, vals in (("us", us), ("pps", pps), ("sched_us", sus)):
                    if vals:
                        self.summary.append(f"cpu.{key}.{metric}.median={statistics.median(vals):.4f}")
                        self.summary.append(f"cpu.{key}.{metric}.runs={','.join(f'{v:.4f}' for v in vals)}")
                if us:
                    self.summary.append(f"cpu.{key}.us.best={b:.4f}")
        idle = self.data.get(("cpu", "idle_pct"))
        if idle:
            m = statistics.median(idle)
            self.summary.append(f"cpu.idle_pct.median={m:.4f}")
            self.lines.append(f"  idle (no traffic, same daemon): {m:.2f} % of a CPU (median), i.e. {m:.2f} us per frame at 10 kpps"
                              f" and {m / 10:.2f} us at 100 kpps of the figures above")
        self.lines.append("  (short): the receiver counted < 90 % of the paced rate (generator or teamfw could not keep pace)")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    try:
        data = load(argv[1])
    except OSError as e:
        print(f"pathreport.py: {argv[1]}: {e}", file=sys.stderr)
        sys.exit(1)
    scens = os.environ.get("BENCH_META_SCENARIOS", "path cpu").split()
    r = Report(data)
    if "path" in scens:
        r.path(os.environ)
    if "cpu" in scens:
        r.cpu(os.environ)
    print("\n".join(r.lines))
    if r.verdicts:
        npass = sum(1 for _, v in r.verdicts if v == "PASS")
        fails = ", ".join(n for n, v in r.verdicts if v != "PASS")
        print(f"\npath/cpu targets: {npass}/{len(r.verdicts)} PASS" + (f" (FAIL: {fails})" if fails else ""))
    with open(argv[2], "a", encoding="utf-8") as f:
        for line in r.summary:
            f.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv)
