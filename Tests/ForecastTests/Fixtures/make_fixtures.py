#!/usr/bin/env python3
"""Reference values for HubPlan's forecasting maths, computed with statsmodels.

Run: pip install statsmodels==0.15.0 && python3 make_fixtures.py
Writes reference.json beside this script. The series are fixed below (public
annual series shipped with statsmodels, DfE national figures from docs/domain.md,
and two fixed short series), so the fixture is reproducible.

For each series it records:
- ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N) fitted by maximum likelihood
  (statsmodels ETSModel, default bounds): parameters, log-likelihood, AICc,
  mse, fitted values, 1..H forecasts and 80%/95% intervals;
- the Theta method (statsmodels ThetaModel, classic two-step estimation):
  b0, alpha, sigma2, forecasts and 80%/95% intervals;
- the naive method as ARIMA(0,1,0) (statsmodels SARIMAX, scale concentrated
  out, so exact): sigma2, forecasts and 80%/95% intervals.
"""
import json, os, warnings
import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.datasets import nile, sunspots

warnings.simplefilter("ignore")
H = 6

def series():
    nile_flow = nile.load_pandas().data["volume"].to_numpy(dtype=float)
    spots = sunspots.load_pandas().data["SUNACTIVITY"].to_numpy(dtype=float)
    return {
        "ect_national": [28887, 27901, 24953, 22536],
        "npq_national": [31677, 38906, 43840, 29818],
        "nile_first12": nile_flow[:12].tolist(),
        "nile_last20": nile_flow[-20:].tolist(),
        "sunspots_1900_1920": spots[200:221].tolist(),
        "trend_short": [112.0, 118.0, 125.0, 131.0, 140.0, 146.0, 151.0, 160.0],
        "flat_noisy": [50.0, 53.0, 49.0, 52.0, 55.0, 48.0, 51.0, 54.0, 50.0, 52.0],
    }

def ets(y, trend, damped):
    m = ETSModel(pd.Series(np.asarray(y, dtype=float)), error="add", trend=trend, damped_trend=damped, initialization_method="estimated")
    r = m.fit(disp=False, maxiter=10000)
    p = dict(zip(m.param_names, [float(v) for v in r.params]))
    pred = r.get_prediction(start=len(y), end=len(y) + H - 1)
    f80 = pred.summary_frame(alpha=0.2)
    f95 = pred.summary_frame(alpha=0.05)
    return {
        "params": p, "loglike": float(r.llf), "aicc": float(r.aicc) if np.isfinite(r.aicc) else None, "aic": float(r.aic), "mse": float(r.mse),
        "fitted": [float(v) for v in np.asarray(r.fittedvalues)],
        "forecast": [float(v) for v in f95["mean"]],
        "lo80": [float(v) for v in f80["pi_lower"]], "hi80": [float(v) for v in f80["pi_upper"]],
        "lo95": [float(v) for v in f95["pi_lower"]], "hi95": [float(v) for v in f95["pi_upper"]],
    }

def theta(y):
    r = ThetaModel(np.asarray(y), deseasonalize=False).fit()
    f = r.forecast(H)
    i80 = r.prediction_intervals(H, alpha=0.2)
    i95 = r.prediction_intervals(H, alpha=0.05)
    return {"b0": float(r.params["b0"]), "alpha": float(r.params["alpha"]), "sigma2": float(r.sigma2),
            "forecast": [float(v) for v in f],
            "lo80": [float(v) for v in i80["lower"]], "hi80": [float(v) for v in i80["upper"]],
            "lo95": [float(v) for v in i95["lower"]], "hi95": [float(v) for v in i95["upper"]]}

def naive(y):
    # No free parameter but the scale, which concentrate_scale computes exactly.
    r = SARIMAX(np.asarray(y), order=(0, 1, 0), concentrate_scale=True).smooth([])
    fc = r.get_forecast(H)
    c80 = fc.conf_int(alpha=0.2)
    c95 = fc.conf_int(alpha=0.05)
    return {"sigma2": float(r.scale), "forecast": [float(v) for v in fc.predicted_mean],
            "lo80": [float(v) for v in c80[:, 0]], "hi80": [float(v) for v in c80[:, 1]],
            "lo95": [float(v) for v in c95[:, 0]], "hi95": [float(v) for v in c95[:, 1]]}

def main():
    out = {"statsmodels": statsmodels.__version__, "horizon": H, "series": {}}
    for name, y in series().items():
        entry = {"values": [float(v) for v in y]}
        entry["ANN"] = ets(y, None, False)
        if len(y) >= 4:
            entry["AAN"] = ets(y, "add", False)
        if len(y) >= 5:
            entry["AAdN"] = ets(y, "add", True)
        entry["theta"] = theta(y)
        entry["naive"] = naive(y)
        out["series"][name] = entry
    write_fixture("reference.json", out)


def write_fixture(name, out):
    """Writes out as JSON beside this script, through a temporary file."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path + ".tmp", "w") as f:
        json.dump(out, f, indent=1)
    os.replace(path + ".tmp", path)
    print("wrote", path)


if __name__ == "__main__":
    main()
