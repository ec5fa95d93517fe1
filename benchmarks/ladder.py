#!/usr/bin/env python3
"""The planner on the benchmark ladder (DESIGN.md): S, M and L generated from a
fixed seed, each planned by `hubplan plan`; optionally XL (87 hubs, planned
hub by hub, in parallel up to the cores).

Per instance it records: models solved, rows, columns and non-zeros (summed
over the models, and of the largest model), seconds in GLPK, seconds in
everything else (model building, decoding, dating, checking), total seconds,
objective, bound, gap, status, unmet items, plan-check result and peak memory
(max RSS of the hubplan process, from /usr/bin/time).

With --peers it also solves the largest model of each instance (exported as
MPS) with GLPK's glpsol, CBC and HiGHS via ../shared/bench/peers.py and
records the time ratios.

Usage: python3 benchmarks/ladder.py --hubplan .build/release/hubplan [--sizes S,M,L] [--xl] [--peers]
       [--json benchmarks/ladder.json] [--markdown benchmarks/ladder.md]
"""
import argparse, json, os, platform, re, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "..", "..", "shared", "bench", "peers.py")


def run_plan(hubplan, scenario, export=None, time_limit=None):
    cmd = ["/usr/bin/time", "-f", "MAXRSS %M", hubplan, "plan", scenario, "--json"]
    if export:
        cmd += ["--export-mps", export]
    if time_limit:
        cmd += ["--time-limit", str(time_limit)]
    start = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - start
    rss = re.search(r"MAXRSS (\d+)", p.stderr)
    with open(os.path.join(scenario, "out", "plan.json")) as f:
        plan = json.load(f)
    summary = json.loads(p.stdout) if p.stdout.strip().startswith("{") else {}
    return plan, summary, wall, int(rss.group(1)) if rss else None, p.returncode


def describe(name, schools, plan, summary, wall, rss, code):
    models = plan["models"]
    # The largest MIP (the LP bounds are not what peers should race on).
    mips = [m for m in models if "bound" not in m["name"]] or models
    largest = max(mips, key=lambda m: m["columns"]) if mips else {}
    solve = sum(m["seconds"] for m in models)
    return {
        "instance": name, "schools": schools, "models": len(models),
        "rows": sum(m["rows"] for m in models), "columns": sum(m["columns"] for m in models),
        "nonZeros": sum(m["nonZeros"] for m in models),
        "largestModel": largest.get("name"), "largestRows": largest.get("rows"),
        "largestColumns": largest.get("columns"), "largestNonZeros": largest.get("nonZeros"),
        "solveSeconds": round(solve, 3), "otherSeconds": round(plan["seconds"] - solve, 3),
        "planSeconds": plan["seconds"], "wallSeconds": round(wall, 3),
        "objective": plan["objective"], "bound": plan["bound"], "gap": plan["gap"], "status": plan["status"],
        "unmet": len(plan["unmet"]), "check": "passed" if code == 0 and not summary.get("violations") else "FAILED",
        "peakMemoryMB": round(rss / 1024, 1) if rss else None,
    }


def peers_for(mps, time_limit):
    if not os.path.exists(PEERS):
        return None
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as t:
        out = t.name
    subprocess.run([sys.executable, PEERS, mps, "--time-limit", str(time_limit), "--gap", "0.005", "--json", out],
                   capture_output=True, text=True)
    try:
        with open(out) as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hubplan", default=os.path.join(HERE, "..", ".build", "release", "hubplan"))
    ap.add_argument("--sizes", default="S,M,L")
    ap.add_argument("--seed", default="2026")
    ap.add_argument("--xl", action="store_true", help="also plan the 87 XL hubs, in parallel up to the cores")
    ap.add_argument("--xl-hubs", type=int, default=87)
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--peer-time-limit", type=float, default=60)
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    hubplan = os.path.abspath(args.hubplan)
    work = tempfile.mkdtemp(prefix="ladder-")
    rows, peer_rows = [], []
    try:
        for size in [s for s in args.sizes.split(",") if s]:
            d = os.path.join(work, size)
            subprocess.run([hubplan, "generate", "--size", size, "--seed", args.seed, "--out", d], check=True, capture_output=True)
            schools = sum(1 for _ in open(os.path.join(d, "schools.csv"))) - 1
            mps = os.path.join(d, "mps")
            plan, summary, wall, rss, code = run_plan(hubplan, d, export=mps)
            row = describe(size, schools, plan, summary, wall, rss, code)
            rows.append(row)
            print(json.dumps(row), flush=True)
            if args.peers and row["largestModel"]:
                result = peers_for(os.path.join(mps, row["largestModel"] + ".mps"), args.peer_time_limit)
                own = next(m for m in plan["models"] if m["name"] == row["largestModel"])
                peer_rows.append({"instance": size, "model": row["largestModel"], "hubplanSeconds": own["seconds"],
                                  "hubplanStatus": own["status"], "hubplanObjective": own["objective"], "peers": result})
        if args.xl:
            d = os.path.join(work, "XL")
            subprocess.run([hubplan, "generate", "--size", "XL", "--seed", args.seed, "--out", d], check=True, capture_output=True)
            hubs = sorted(os.listdir(d))[: args.xl_hubs]
            start = time.time()
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                results = list(pool.map(lambda h: run_plan(hubplan, os.path.join(d, h)), hubs))
            wall = time.time() - start
            objs = [r[0]["objective"] for r in results]
            bounds = [r[0]["bound"] for r in results]
            rows.append({
                "instance": f"XL ({len(hubs)} hubs)", "schools": 292 * len(hubs), "models": sum(len(r[0]["models"]) for r in results),
                "rows": sum(sum(m["rows"] for m in r[0]["models"]) for r in results),
                "columns": sum(sum(m["columns"] for m in r[0]["models"]) for r in results),
                "nonZeros": sum(sum(m["nonZeros"] for m in r[0]["models"]) for r in results),
                "solveSeconds": round(sum(sum(m["seconds"] for m in r[0]["models"]) for r in results), 3),
                "planSeconds": round(sum(r[0]["seconds"] for r in results), 3), "wallSeconds": round(wall, 3),
                "objective": round(sum(objs), 2), "bound": round(sum(bounds), 2),
                "gap": (sum(objs) - sum(bounds)) / sum(objs), "status": "worst hub: " + max((r[0]["gap"], r[0]["status"]) for r in results)[1],
                "unmet": sum(len(r[0]["unmet"]) for r in results),
                "check": "passed" if all(r[4] == 0 for r in results) else "FAILED",
                "peakMemoryMB": round(max(r[3] or 0 for r in results) / 1024, 1),
            })
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    lines = [f"Machine: {machine}. Seed {args.seed}. Seconds are wall-clock on a shared, noisy machine.", "",
             "| instance | schools | models | rows | columns | non-zeros | largest model (rows × cols) | GLPK s | other s | total s | objective £ | bound £ | gap | status | unmet | check | peak MB |",
             "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|"]
    for r in rows:
        largest = f"{r.get('largestModel')} ({r.get('largestRows')} × {r.get('largestColumns')})" if r.get("largestModel") else "-"
        lines.append(f"| {r['instance']} | {r['schools']} | {r['models']} | {r['rows']} | {r['columns']} | {r['nonZeros']} | {largest} | "
                     f"{r['solveSeconds']} | {r.get('otherSeconds', '-')} | {r['wallSeconds']} | {r['objective']:.0f} | {r['bound']:.0f} | "
                     f"{r['gap'] * 100:.2f}% | {r['status']} | {r['unmet']} | {r['check']} | {r['peakMemoryMB']} |")
    if peer_rows:
        lines += ["", "Largest model of each instance, solved alone by GLPK (glpsol), CBC and HiGHS (peers.py, same gap and limit):", "",
                  "| instance | model | HubPlan (GLPK in process) s | peer | status | objective | seconds | ratio to HubPlan |",
                  "|---|---|---:|---|---|---:|---:|---:|"]
        for pr in peer_rows:
            results = (pr["peers"] or {}).get("results") or []
            solvers = results[0]["solvers"] if results else {}
            if not solvers:
                lines.append(f"| {pr['instance']} | {pr['model']} | {pr['hubplanSeconds']:.3f} | (peers.py or its solvers not available) | | | | |")
            for name, p in solvers.items():
                secs = p.get("time")
                ratio = f"{secs / max(pr['hubplanSeconds'], 0.01):.1f}" if secs is not None else "-"
                lines.append(f"| {pr['instance']} | {pr['model']} | {pr['hubplanSeconds']:.3f} | {name} | {p.get('status')} | "
                             f"{p.get('obj')} | {secs} | {ratio} |")
    table = "\n".join(lines)
    print(table)
    for path, text in ((args.markdown, table + "\n"), (args.json, json.dumps({"machine": machine, "rows": rows, "peers": peer_rows}, indent=2) + "\n")):
        if path:
            with open(path + ".tmp", "w") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
    return 1 if any(r["check"] != "passed" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
