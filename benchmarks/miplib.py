#!/usr/bin/env python3
"""Solver-core benchmark: solve each public instance with `hubplan solve --json`
and compare the objective with its published optimum (solu.txt) or, for our
own small instances, the optimum worked out by hand (own.txt).

Prints a markdown table (instance, optimum, objective, relative error,
status, seconds) and exits 1 when an objective is off by more than 1e-6
relative, or an instance is not solved to optimality.
"""
import argparse, json, os, subprocess, sys, time, platform

HERE = os.path.dirname(os.path.abspath(__file__))

def read_optima(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.split()
            if len(parts) == 2:
                out[parts[0]] = float(parts[1])
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hubplan", default=os.path.join(HERE, "..", ".build", "release", "hubplan"))
    ap.add_argument("--dir", default=os.path.join(HERE, "miplib"))
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--markdown", help="also write the table here")
    args = ap.parse_args()

    cases = []
    for name, opt in sorted(read_optima(os.path.join(args.dir, "solu.txt")).items()):
        cases.append((name, os.path.join(args.dir, name + ".mps.gz"), opt))
    for name, opt in sorted(read_optima(os.path.join(args.dir, "own.txt")).items()):
        cases.append((name, os.path.join(args.dir, name), opt))

    rows, failures = [], 0
    for name, path, optimum in cases:
        start = time.time()
        p = subprocess.run([args.hubplan, "solve", path, "--json", "--time-limit", str(args.time_limit)],
                           capture_output=True, text=True)
        wall = time.time() - start
        try:
            r = json.loads(p.stdout)
        except json.JSONDecodeError:
            r = {"status": "error", "objective": None, "seconds": wall}
        obj = r.get("objective")
        err = abs(obj - optimum) / max(1.0, abs(optimum)) if obj is not None else float("inf")
        ok = r.get("status") == "optimal" and err <= 1e-6
        failures += 0 if ok else 1
        rows.append((name, optimum, obj, err, r.get("status"), r.get("seconds"), "ok" if ok else "OFF"))

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores; solver seconds as reported by hubplan.", "",
             "| instance | published optimum | objective | rel. error | status | seconds | check |",
             "|---|---:|---:|---:|---|---:|---|"]
    for name, opt, obj, err, st, sec, chk in rows:
        objs = "-" if obj is None else f"{obj:.10g}"
        lines.append(f"| {name} | {opt:.10g} | {objs} | {err:.1e} | {st} | {sec if sec is not None else '-'} | {chk} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        tmp = args.markdown + ".tmp"
        with open(tmp, "w") as f:
            f.write(table + "\n")
        os.replace(tmp, args.markdown)
    if failures:
        print(f"{failures} instance(s) off their optimum", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
