#!/usr/bin/env python3
"""Forecast accuracy on public annual series, rolling origin: HubPlan's methods
against statsforecast's AutoETS (additive errors, no season: 'AZN') and Theta.

Data (shipped with statsmodels, no download): World Bank fertility rates 1992-2011
for every country with a complete record (197), and the Grunfeld
investment data (11 firms, 1935-1954, 'invest' and 'value'). For each series
and each training length 10..17 the next 3 years are forecast (h = 1..3 as far
as the data go). Scores: MASE (scaled by the training window's naive one-step
MAE), sMAPE (%), and the share of actual values inside the 80% and 95%
intervals.

Usage: pip install statsmodels statsforecast
       python3 benchmarks/forecast_accuracy.py --hubplan .build/release/hubplan [--markdown benchmarks/forecast_accuracy.md]
"""
import argparse, csv, os, subprocess, sys, tempfile, time
from benchlib import write_atomically
import numpy as np
import pandas as pd
from statsmodels.datasets import fertility, grunfeld

H = 3

def load_series():
    out = {}
    f = fertility.load_pandas().data
    years = [str(y) for y in range(1992, 2012)]  # 2012-13 are empty in this copy
    for _, row in f.iterrows():
        v = row[years].to_numpy(dtype=float)
        if np.all(np.isfinite(v)):
            out["fert_" + row["Country Code"]] = v
    g = grunfeld.load_pandas().data
    for firm, grp in g.groupby("firm"):
        grp = grp.sort_values("year")
        for col in ("invest", "value"):
            out[f"grunfeld_{firm.replace(' ', '_')}_{col}"] = grp[col].to_numpy(dtype=float)
    return out

def windows(series):
    for name, y in series.items():
        for k in range(10, min(18, len(y))):
            yield f"{name}|{k}", y[:k], y[k:k + H]

def score(rows):
    """rows: (train, actual, forecast, lo80, hi80, lo95, hi95) with arrays over h."""
    ase, sm, in80, in95, n = 0.0, 0.0, 0, 0, 0
    for train, actual, f, lo80, hi80, lo95, hi95 in rows:
        scale = np.mean(np.abs(np.diff(train)))
        if scale <= 0:
            continue
        for i in range(len(actual)):
            ase += abs(actual[i] - f[i]) / scale
            denom = abs(actual[i]) + abs(f[i])
            sm += 200 * abs(actual[i] - f[i]) / denom if denom > 0 else 0
            in80 += lo80[i] <= actual[i] <= hi80[i]
            in95 += lo95[i] <= actual[i] <= hi95[i]
            n += 1
    return {"MASE": ase / n, "sMAPE": sm / n, "cov80": in80 / n, "cov95": in95 / n, "n": n}

def hubplan_method(hubplan, wins, method):
    with tempfile.TemporaryDirectory() as d:
        inp, out = os.path.join(d, "in.csv"), os.path.join(d, "out.csv")
        with open(inp, "w") as fh:
            fh.write("series_id,t,value\n")
            for sid, train, _ in wins:
                for t, v in enumerate(train):
                    fh.write(f"{sid},{t},{float(v)!r}\n")
        start = time.time()
        subprocess.run([hubplan, "forecast", "--series", inp, "--horizon", str(H), "--method", method, "--out", out, "--quiet"], check=True)
        secs = time.time() - start
        res = {}
        with open(out) as fh:
            for r in csv.DictReader(fh):
                res.setdefault(r["series_id"], []).append([float(r[k]) for k in ("forecast", "lo80", "hi80", "lo95", "hi95")])
    rows = []
    for sid, train, actual in wins:
        a = np.array(res[sid][: len(actual)])
        rows.append((train, actual, a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4]))
    return score(rows), secs

def statsforecast_method(wins, model):
    from statsforecast import StatsForecast
    frames = []
    for sid, train, _ in wins:
        frames.append(pd.DataFrame({"unique_id": sid, "ds": np.arange(len(train)), "y": train}))
    df = pd.concat(frames)
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    start = time.time()
    fc = sf.forecast(df=df, h=H, level=[80, 95])
    secs = time.time() - start
    name = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
    by = {k: g for k, g in fc.groupby("unique_id")}
    rows = []
    for sid, train, actual in wins:
        g = by[sid]
        k = len(actual)
        rows.append((train, actual, g[name].to_numpy()[:k], g[f"{name}-lo-80"].to_numpy()[:k], g[f"{name}-hi-80"].to_numpy()[:k],
                     g[f"{name}-lo-95"].to_numpy()[:k], g[f"{name}-hi-95"].to_numpy()[:k]))
    return score(rows), secs

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hubplan", default=".build/release/hubplan")
    ap.add_argument("--methods", default="naive,ses,holt,damped,ets,theta,combo")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    series = load_series()
    wins = [w for w in windows(series) if len(w[2]) > 0]
    results = []
    for m in args.methods.split(","):
        s, secs = hubplan_method(os.path.abspath(args.hubplan), wins, m)
        results.append((f"HubPlan {m}", s, secs))
        print(results[-1], flush=True)
    from statsforecast.models import AutoETS, Theta
    for label, model in (("statsforecast AutoETS(AZN)", AutoETS(model="AZN")), ("statsforecast Theta", Theta())):
        s, secs = statsforecast_method(wins, model)
        results.append((label, s, secs))
        print(results[-1], flush=True)
    lines = [f"{len(series)} public annual series, {len(wins)} rolling origins, horizons 1-{H}; "
             f"{results[0][1]['n']} forecasts scored per method. Seconds: wall-clock, 2-core machine.", "",
             "| method | MASE | sMAPE % | 80% coverage | 95% coverage | seconds |", "|---|---:|---:|---:|---:|---:|"]
    for label, s, secs in results:
        lines.append(f"| {label} | {s['MASE']:.3f} | {s['sMAPE']:.2f} | {s['cov80']:.3f} | {s['cov95']:.3f} | {secs:.1f} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        write_atomically(args.markdown, table + "\n")

if __name__ == "__main__":
    sys.exit(main())
