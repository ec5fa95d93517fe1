#!/usr/bin/env python3
"""Reference values for HubPlan's optimised Theta, dynamic optimised Theta, CES
and drift, computed with statsforecast.

Run: pip install statsforecast==2.1.1 statsmodels==0.15.0 && python3 make_statsforecast_fixtures.py
Writes statsforecast.json beside this script, for the same fixed series as
make_fixtures.py (public annual series shipped with statsmodels, DfE national
figures from docs/domain.md, two fixed short series).

For each series it records:
- OptimizedTheta and DynamicOptimizedTheta (statsforecast.theta.thetamodel,
  model OTM / DSTM-with-θ, i.e. DOTM, nmse 3): the fitted initial level, α
  and θ, the fitting criterion (sum of squared one-step errors from the
  fourth on, over mean |y|), the residuals and the 1..H point forecasts;
- AutoCES with model "N" (statsforecast.ces.auto_ces): α₀, α₁, n·log(SSE),
  the residuals and the 1..H point forecasts;
- RandomWalkWithDrift: the 1..H forecasts and 80%/95% intervals.
"""
import os, sys, warnings
import numpy as np
import statsforecast
from statsforecast.theta import thetamodel, forecast_theta
from statsforecast.ces import auto_ces, forecast_ces
from statsforecast.models import RandomWalkWithDrift

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import series, write_fixture  # noqa: E402  the same fixed series

warnings.simplefilter("ignore")
H = 6


def floats(v):
    return [float(x) for x in np.asarray(v)]


def theta(y, model):
    r = thetamodel(y=y, m=1, modeltype=model, initial_smoothed=np.nan, alpha=np.nan, theta=np.nan, nmse=3)
    f = forecast_theta(r, H)
    return {"level0": float(r["par"]["initial_smoothed"]), "alpha": float(r["par"]["alpha"]), "theta": float(r["par"]["theta"]),
            "criterion": float(r["mse"]), "residuals": floats(r["residuals"]), "forecast": floats(f["mean"])}


def ces(y):
    r = auto_ces(y, 1, model="N")
    f = forecast_ces(r, H)
    lik = float(r["loglik"]) * -2
    return {"alpha0": float(r["par"]["alpha_0"]), "alpha1": float(r["par"]["alpha_1"]), "nlogsse": lik,
            "residuals": floats(r["residuals"]), "forecast": floats(f["mean"])}


def drift(y):
    m = RandomWalkWithDrift()
    f = m.forecast(y=y, h=H, level=[80, 95])
    return {"forecast": floats(f["mean"]), "lo80": floats(f["lo-80"]), "hi80": floats(f["hi-80"]),
            "lo95": floats(f["lo-95"]), "hi95": floats(f["hi-95"])}


out = {"statsforecast": statsforecast.__version__, "horizon": H, "series": {}}
for name, values in series().items():
    y = np.asarray(values, dtype=float)
    entry = {"values": floats(y), "drift": drift(y)}
    if len(y) >= 5:
        entry["otm"] = theta(y, "OTM")
        entry["dotm"] = theta(y, "DOTM")
        entry["ces"] = ces(y)
    out["series"][name] = entry
write_fixture("statsforecast.json", out)
