//! Native side of `scripts/bench-fit.sh` (issue 3 §4): times the fit lab's own jobs on the shipped
//! single-epoch datablations runs and writes the exact job messages the browser benchmark sends to
//! the compute worker, so native, wasm and SciPy all fit the same numbers.
//!
//! * the fit: `fit_lab::run_fit` with `GridSize::Full` (Hoffmann et al. 2022 App. D.2, 4500 starts,
//!   Huber δ = 10⁻³ on ln L, log-sum-exp parametrization), no run held out: the code path of
//!   `FitLabJob::Fit` in the worker (src/compute/protocol.rs);
//! * the bootstrap: `fit_lab::run_bootstrap` with the fit lab's budget and band grid: the code path of
//!   `FitLabJob::Bootstrap` (each resample is one L-BFGS run warm-started from the full-data optimum, see
//!   `scaling::bootstrap`);
//! * an untimed census of the multistart (total L-BFGS iterations, converged starts), to compare the
//!   work done with SciPy's.
//!
//! Run: `cargo run --release -p scaling --example bench_fit -- OUT_DIR [REPEATS] [RESAMPLES]`.
//! Writes `OUT_DIR/runs.json` (N, D, loss of the runs fitted), `OUT_DIR/fit-request.json` and
//! `OUT_DIR/bootstrap-request.json` (worker `Request` messages; the browser swaps in its own fit) and
//! `OUT_DIR/native.json` (timings and results). Wall time from `std::time::Instant`.

use std::time::Instant;

use scaling::fit::{minimize, HuberLse};
use scaling::fit_lab::{
    log_grid, run_bootstrap, run_fit, shipped_runs, BootstrapJob, DataSource, FitJob, FitLabParams,
    FittedLaw, GridSize, LawForm,
};
use scaling::{InitGrid, LbfgsOptions, HUBER_DELTA};
use serde_json::json;

fn usage() -> ! {
    eprintln!(
        "usage: bench_fit OUT_DIR [REPEATS ≥ 1, default 3] [RESAMPLES 10…2000, default 1000]"
    );
    std::process::exit(2);
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, default: T) -> T {
    match args.get(i) {
        None => default,
        Some(s) => s.parse().unwrap_or_else(|_| {
            eprintln!("bench_fit: argument {i} must be a number, got {s:?}");
            usage()
        }),
    }
}

fn write(path: &std::path::Path, value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).expect("JSON of plain numbers");
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("bench_fit: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(out) = args.get(1).map(std::path::PathBuf::from) else {
        usage()
    };
    let repeats: usize = arg(&args, 2, 3);
    let resamples: usize = arg(&args, 3, 1000);
    if repeats == 0 {
        usage();
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("bench_fit: cannot create {}: {e}", out.display());
        std::process::exit(1);
    }

    let runs = shipped_runs(DataSource::DatablationsSingleEpoch);
    let job = FitJob {
        runs: runs.clone(),
        law: LawForm::Chinchilla,
        grid: GridSize::Full,
        held_out: 0,
    };

    // The fit, as the worker runs it.
    let mut fit_secs = Vec::new();
    let mut outcome = None;
    for i in 0..repeats {
        let t0 = Instant::now();
        let o = run_fit(&job, &mut |_| true).unwrap_or_else(|e| {
            eprintln!("bench_fit: the fit failed: {e}");
            std::process::exit(1);
        });
        let dt = t0.elapsed().as_secs_f64();
        println!("[native] fit {}/{repeats}: {dt:.3} s", i + 1);
        fit_secs.push(dt);
        outcome = Some(o);
    }
    let outcome = outcome.expect("repeats ≥ 1");
    let FittedLaw::Chinchilla(report) = &outcome.law else {
        unreachable!("Chinchilla job")
    };

    // The bootstrap, as the worker runs it (the fit lab's default budget and band grid).
    let budget = FitLabParams::default().budget;
    let (c_lo, c_hi) = runs.iter().fold((f64::INFINITY, 0f64), |(lo, hi), r| {
        (lo.min(r.c()), hi.max(r.c()))
    });
    let boot_job = BootstrapJob {
        runs: outcome.training_runs(),
        fit: outcome.law.clone(),
        budget,
        resamples,
        seed: 1,
        band_c: log_grid(c_lo.min(budget), c_hi.max(budget) * 1.5, 40),
    };
    let t0 = Instant::now();
    let boot = run_bootstrap(&boot_job, &mut |_| true).unwrap_or_else(|e| {
        eprintln!("bench_fit: the bootstrap failed: {e}");
        std::process::exit(1);
    });
    let boot_secs = t0.elapsed().as_secs_f64();
    println!(
        "[native] bootstrap: {} resamples ({} failed) in {boot_secs:.3} s",
        boot.boot.attempted, boot.boot.failed
    );

    // Untimed census of the same multistart (same objective, starts and options as run_fit).
    let xs: Vec<Vec<f64>> = runs.iter().map(|r| vec![r.n, r.d]).collect();
    let ls: Vec<f64> = runs.iter().map(|r| r.loss).collect();
    let obj = HuberLse::new(&xs, &ls, HUBER_DELTA).expect("shipped runs are positive");
    let opts = LbfgsOptions::default();
    let (mut iters, mut converged) = (0u64, 0usize);
    for s in InitGrid::hoffmann().points() {
        let f = minimize(&obj, &s, &opts);
        iters += f.iterations;
        converged += usize::from(f.converged);
    }

    let p = report.params;
    println!(
        "[native] objective {:.12e}  E {:.6} A {:.6} B {:.6} alpha {:.6} beta {:.6}  ({} of {} starts converged, {iters} L-BFGS iterations in all)",
        report.objective, p.e, p.a, p.b, p.alpha, p.beta, report.starts_converged, report.starts_tried
    );

    let rows: Vec<_> = runs
        .iter()
        .map(|r| json!({"n": r.n, "d": r.d, "loss": r.loss, "label": r.label}))
        .collect();
    write(&out.join("runs.json"), &json!(rows));
    write(
        &out.join("fit-request.json"),
        &json!({"id": 1, "job": {"Fit": job}}),
    );
    write(
        &out.join("bootstrap-request.json"),
        &json!({"id": 2, "job": {"Bootstrap": boot_job}}),
    );
    write(
        &out.join("native.json"),
        &json!({
            "runs": runs.len(),
            "starts": report.starts_tried,
            "fit_seconds": fit_secs,
            "objective": report.objective,
            "theta": report.theta,
            "params": {"E": p.e, "A": p.a, "B": p.b, "alpha": p.alpha, "beta": p.beta},
            "grad_norm": report.grad_norm,
            "starts_converged": report.starts_converged,
            "total_iterations": iters,
            "census_converged": converged,
            "lbfgs": {"max_iters": opts.max_iters, "tol_grad": opts.tol_grad, "tol_cost": opts.tol_cost, "memory": opts.memory},
            "huber_delta": HUBER_DELTA,
            "bootstrap": {"seconds": boot_secs, "resamples": resamples, "attempted": boot.boot.attempted, "failed": boot.boot.failed},
        }),
    );
}
