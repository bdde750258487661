"""SciPy peer of scripts/bench-fit.sh (issue 3 §4): the Chinchilla-form fit of Hoffmann et al. (2022,
arXiv:2203.15556, App. D.2) with scipy.optimize.minimize(method="L-BFGS-B") on the same runs, the same
objective and the same 4500 starts as crates/scaling/src/fit.rs.

Objective, over the runs i:  sum_i Huber_delta(LSE(a - alpha ln N_i, b - beta ln D_i, e) - ln L_i),
delta = 1e-3, theta = [a, b, e, alpha, beta] (A = e^a, B = e^b, E = e^e), with its analytic gradient
(Huber psi of each residual times the softmax weights of the LSE), vectorised with NumPy.
Starts: a, b in {0, 5, ..., 25}, e in {-1, -0.5, ..., 1}, alpha, beta in {0, 0.5, ..., 2}.
L-BFGS-B settings matched to scaling::LbfgsOptions::default(): maxiter 500, memory (maxcor) 10,
gtol 1e-9, ftol 1e-14 (scaled by max(|f|, 1) = 1 here, i.e. the same absolute test as argmin's
tol_cost); no bounds.

Usage: python scripts/bench_fit.py RUNS_JSON CSV OUT_JSON [REPEATS]
  RUNS_JSON  the runs the native benchmark fitted (target/bench-fit/runs.json)
  CSV        crates/scaling/data/datablations-runs.csv, read here independently: the single-epoch
             rows (unique_tokens == tokens) must be exactly the runs in RUNS_JSON.
"""

import csv
import json
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize

DELTA = 1e-3


def load_runs(runs_json, csv_path):
    with open(runs_json) as f:
        runs = json.load(f)
    native = sorted((r["n"], r["d"], r["loss"]) for r in runs)
    with open(csv_path, newline="") as f:
        rows = [r for r in csv.DictReader(f)]
    mine = sorted(
        (float(r["params"]), float(r["tokens"]), float(r["val_loss"]))
        for r in rows
        if float(r["unique_tokens"]) == float(r["tokens"])
    )
    if native != mine:
        sys.exit(f"bench_fit.py: the runs in {runs_json} ({len(native)}) are not the single-epoch rows of {csv_path} ({len(mine)})")
    n = np.array([r[0] for r in native])
    d = np.array([r[1] for r in native])
    loss = np.array([r[2] for r in native])
    return np.log(n), np.log(d), np.log(loss)


def make_objective(ln_n, ln_d, ln_l):
    def value_grad(theta):
        a, b, e, alpha, beta = theta
        u1 = a - alpha * ln_n
        u2 = b - beta * ln_d
        u3 = np.full_like(u1, e)
        m = np.maximum(np.maximum(u1, u2), u3)
        w1, w2, w3 = np.exp(u1 - m), np.exp(u2 - m), np.exp(u3 - m)
        s = w1 + w2 + w3
        r = m + np.log(s) - ln_l
        absr = np.abs(r)
        f = np.where(absr <= DELTA, 0.5 * r * r, DELTA * (absr - 0.5 * DELTA)).sum()
        psi = np.clip(r, -DELTA, DELTA) / s
        g1, g2 = psi * w1, psi * w2
        grad = np.array([g1.sum(), g2.sum(), (psi * w3).sum(), -(g1 * ln_n).sum(), -(g2 * ln_d).sum()])
        return f, grad

    return value_grad


def hoffmann_grid():
    five = [5.0 * i for i in range(6)]
    half = lambda lo, k: [lo + 0.5 * i for i in range(k)]
    return [
        [a, b, e, al, be]
        for a in five
        for b in five
        for e in half(-1.0, 5)
        for al in half(0.0, 5)
        for be in half(0.0, 5)
    ]


OPTIONS = {"maxiter": 500, "maxcor": 10, "gtol": 1e-9, "ftol": 1e-14}


def fit(value_grad, starts):
    best = None
    nit = nfev = ok = 0
    for s in starts:
        res = minimize(value_grad, np.array(s), jac=True, method="L-BFGS-B", options=OPTIONS)
        nit += res.nit
        nfev += res.nfev
        ok += bool(res.success)
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
    return best, nit, nfev, ok


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs_json, csv_path, out = sys.argv[1:4]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    ln_n, ln_d, ln_l = load_runs(runs_json, csv_path)
    value_grad = make_objective(ln_n, ln_d, ln_l)
    starts = hoffmann_grid()
    seconds = []
    for i in range(repeats):
        t0 = time.perf_counter()
        best, nit, nfev, ok = fit(value_grad, starts)
        dt = time.perf_counter() - t0
        seconds.append(dt)
        print(f"[scipy] fit {i + 1}/{repeats}: {dt:.3f} s", flush=True)
    a, b, e, alpha, beta = best.x
    _, g = value_grad(best.x)
    result = {
        "runs": int(len(ln_l)),
        "starts": len(starts),
        "fit_seconds": seconds,
        "objective": float(best.fun),
        "theta": [float(v) for v in best.x],
        "params": {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": float(alpha), "beta": float(beta)},
        "grad_norm": float(np.linalg.norm(g)),
        "starts_converged": ok,
        "total_iterations": nit,
        "total_evaluations": nfev,
        "options": OPTIONS,
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__},
    }
    print(
        f"[scipy] objective {best.fun:.12e}  E {np.exp(e):.6f} A {np.exp(a):.6f} B {np.exp(b):.6f} alpha {alpha:.6f} beta {beta:.6f}"
        f"  ({ok} of {len(starts)} starts converged, {nit} iterations, {nfev} evaluations in all)"
    )
    with open(out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
