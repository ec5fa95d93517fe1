#!/usr/bin/env python3
"""Is `--time-limit` honoured? Plans each size of the ladder (S, M, L and one XL
hub; XL is planned hub by hub, one process per hub, each with the limit) with a
range of limits and records the wall-clock seconds of the whole command (load,
solve, check, write every output), how far over the limit it ran, the status,
the gap and the peak memory. A row passes when the command ends within a second
of its limit.

Usage: python3 benchmarks/time_limits.py --hubplan .build/release/hubplan
       [--limits 2,5,10,30] [--sizes S,M,L,XL] [--markdown benchmarks/time_limits.md]
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

from benchlib import machine, write_atomically


def plan(hubplan, scenario, limit):
    out = os.path.join(scenario, "out-%g" % limit)
    cmd = ["/usr/bin/time", "-f", "MAXRSS %M", hubplan, "plan", scenario, "--out", out, "--time-limit", str(limit), "--json"]
    start = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - start
    rss = re.search(r"MAXRSS (\d+)", p.stderr)
    result = {"limit": limit, "wall": round(wall, 2), "over": round(wall - limit, 2), "exit": p.returncode,
              "peakMB": round(int(rss.group(1)) / 1024, 1) if rss else None}
    try:
        with open(os.path.join(out, "plan.json")) as f:
            pj = json.load(f)
        result.update(status=pj["status"], gap=pj["gap"], objective=pj["objective"])
    except (OSError, ValueError):
        result.update(status="no plan", gap=None, objective=None)
    result["pass"] = p.returncode == 0 and wall <= limit + 1
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hubplan", default=".build/release/hubplan")
    ap.add_argument("--limits", default="2,5,10,30")
    ap.add_argument("--sizes", default="S,M,L,XL")
    ap.add_argument("--seed", default="2026")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    hubplan = os.path.abspath(args.hubplan)
    limits = [float(x) for x in args.limits.split(",")]
    work = tempfile.mkdtemp(prefix="time-limits-")
    rows = []
    try:
        for size in args.sizes.split(","):
            d = os.path.join(work, size)
            subprocess.run([hubplan, "generate", "--size", size, "--seed", args.seed, "--out", d], check=True, capture_output=True)
            scenario = os.path.join(d, "hub-01") if size == "XL" else d
            for limit in limits:
                r = plan(hubplan, scenario, limit)
                r["instance"] = "XL (one hub)" if size == "XL" else size
                rows.append(r)
                print(json.dumps(r), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [f"Machine: {machine()}; wall-clock seconds of the whole `hubplan plan` command on a shared, noisy machine.", "",
             "| instance | limit s | wall s | over the limit s | within 1 s | status | gap | peak MB |",
             "|---|---:|---:|---:|---|---|---:|---:|"]
    for r in rows:
        gap = f"{r['gap'] * 100:.2f}%" if r["gap"] is not None else "-"
        lines.append(f"| {r['instance']} | {r['limit']:g} | {r['wall']} | {r['over']} | {'yes' if r['pass'] else 'NO'} | "
                     f"{r['status']} | {gap} | {r['peakMB']} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        write_atomically(args.markdown, table + "\n")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
