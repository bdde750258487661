//! The fit lab's jobs: settings validation, hold-out by compute, refusal of unfittable data,
//! recovery of published constants from data generated with them, a bootstrap whose interval
//! covers the truth, the shipped single-epoch datablations fit, and CSV export safety.
//!
//! Published constants used as oracles (/work/shared/reference/scaling-laws.json):
//! Hoffmann et al. 2022 eq 10 rounded: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28;
//! Muennighoff et al. 2023 App C4 fit: α = β = 0.3526596, E = 1.869143678;
//! test vector `chin_opt_hoffmann_rounded_C5.76e+23` (closed form of Hoffmann et al. App D.2 with
//! the rounded constants, cross-checked there by 1-D numerical minimisation): at C = 5.76·10²³
//! FLOPs, N_opt = 32189859150, D_opt = 2982305687000.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scaling::fit_lab::*;
use scaling::Run;

const HOFFMANN: (f64, f64, f64, f64, f64) = (1.69, 406.4, 410.7, 0.34, 0.28);

fn hoffmann_loss(n: f64, d: f64) -> f64 {
    let (e, a, b, alpha, beta) = HOFFMANN;
    e + a / n.powf(alpha) + b / d.powf(beta)
}

/// 20 runs on an N × D grid, losses from Hoffmann's rounded law times (1 + noise·u), u ~ U(−1, 1).
fn synthetic(noise: f64, seed: u64) -> Vec<Run> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut runs = Vec::new();
    for &n in &[1e8, 3e8, 1e9, 3e9, 1e10] {
        for &d in &[1e9, 1e10, 1e11, 1e12] {
            let u: f64 = rng.random_range(-1.0..1.0);
            runs.push(Run { n, d, loss: hoffmann_loss(n, d) * (1.0 + noise * u), unique: None, label: format!("n{n:e}-d{d:e}") });
        }
    }
    runs
}

#[test]
fn defaults_validate_and_out_of_range_settings_name_their_field() {
    let p = FitLabParams::default();
    assert_eq!(p.validate(), Ok(()));
    let bad = FitLabParams { budget: 1e40, ..p.clone() };
    assert!(bad.validate().unwrap_err().to_string().contains("budget"));
    let bad = FitLabParams { resamples: 1, ..p.clone() };
    assert!(bad.validate().unwrap_err().to_string().contains("resamples"));
    let bad = FitLabParams { hold_out: MAX_HOLD_OUT + 1, ..p.clone() };
    assert!(bad.validate().unwrap_err().to_string().contains("hold_out"));
    let bad = FitLabParams { budget: f64::NAN, ..p };
    assert!(bad.validate().is_err());
}

#[test]
fn settings_serialize_in_kebab_case_for_the_url() {
    let p = FitLabParams { source: DataSource::DatablationsAll, law: LawForm::PowerCompute, grid: GridSize::Full, ..Default::default() };
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["source"], "datablations-all");
    assert_eq!(v["law"], "power-compute");
    assert_eq!(v["grid"], "full");
    let back: FitLabParams = serde_json::from_value(v).unwrap();
    assert_eq!(back, p);
    // Missing fields take the defaults (a link may carry only some keys).
    let partial: FitLabParams = serde_json::from_str(r#"{"hold_out": 2}"#).unwrap();
    assert_eq!(partial, FitLabParams { hold_out: 2, ..Default::default() });
}

#[test]
fn shipped_subsets_have_the_documented_sizes() {
    // PROVENANCE.md: 296 rows; 41 of them single-epoch (D = U), as in tests/fitting.rs.
    assert_eq!(shipped_runs(DataSource::DatablationsAll).len(), 296);
    let single = shipped_runs(DataSource::DatablationsSingleEpoch);
    assert_eq!(single.len(), 41);
    assert!(single.iter().all(|r| r.unique == Some(r.d)));
    assert!(shipped_runs(DataSource::Csv).is_empty());
}

#[test]
fn hold_out_takes_the_largest_compute_runs() {
    let run = |n: f64, d: f64| Run { n, d, loss: 3.0, unique: None, label: String::new() };
    // C = 6ND: 6e18, 6e20, 6e19, 6e21, 6e17.
    let runs = vec![run(1e9, 1e9), run(1e10, 1e10), run(1e9, 1e10), run(1e11, 1e10), run(1e8, 1e9)];
    assert_eq!(held_out_indices(&runs, 0), Vec::<usize>::new());
    assert_eq!(held_out_indices(&runs, 1), vec![3]);
    assert_eq!(held_out_indices(&runs, 2), vec![1, 3]);
    assert_eq!(held_out_indices(&runs, 9), vec![0, 1, 2, 3, 4]);
}

#[test]
fn unfittable_data_is_refused_with_a_reason() {
    let one = vec![Run { n: 1e9, d: 2e10, loss: 3.0, unique: None, label: "x".into() }];
    let e = check_fit_input(&one, LawForm::Chinchilla).unwrap_err();
    assert_eq!(e, FitLabError::TooFewRuns { law: LawForm::Chinchilla, loaded: 1, held_out: 0, need: 5 }, "{e}");
    let same = vec![one[0].clone(); 10];
    assert_eq!(check_fit_input(&same, LawForm::Chinchilla), Err(FitLabError::Unvaried(RunQuantity::N)));
    assert_eq!(check_fit_input(&same, LawForm::PowerCompute), Err(FitLabError::Unvaried(RunQuantity::C)));
    // Two model sizes but one data size: the D term is what cannot be identified.
    let mut one_d = same.clone();
    one_d[3].n = 3e9;
    assert_eq!(check_fit_input(&one_d, LawForm::Chinchilla), Err(FitLabError::Unvaried(RunQuantity::D)));
    let mut zero = synthetic(0.0, 1);
    zero[4].loss = 0.0;
    assert_eq!(check_fit_input(&zero, LawForm::Chinchilla), Err(FitLabError::NonPositive { index: 4, label: zero[4].label.clone() }));
    let mut negative = synthetic(0.0, 1);
    negative[2].n = -1e9;
    assert!(check_fit_input(&negative, LawForm::PowerCompute).is_err());
    // Holding out all but four runs leaves too few for five constants.
    let job = FitJob { runs: synthetic(0.0, 1), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 16 };
    assert_eq!(run_fit(&job, &mut |_| true), Err(FitLabError::TooFewRuns { law: LawForm::Chinchilla, loaded: 20, held_out: 16, need: 5 }));
}

#[test]
fn the_held_out_count_never_exceeds_the_runs_loaded() {
    // Two runs and "hold out 3": both are held out, not three, and the error says two were loaded.
    let two = synthetic(0.0, 1)[..2].to_vec();
    let e = check_fit_job(&two, LawForm::Chinchilla, 3).unwrap_err();
    assert_eq!(e, FitLabError::TooFewRuns { law: LawForm::Chinchilla, loaded: 2, held_out: 2, need: 5 });
    let job = FitJob { runs: two, law: LawForm::PowerCompute, grid: GridSize::Reduced, held_out: 3 };
    assert_eq!(run_fit(&job, &mut |_| true), Err(FitLabError::TooFewRuns { law: LawForm::PowerCompute, loaded: 2, held_out: 2, need: 3 }));
    // Enough runs: the held-out indices come back, the largest compute first out.
    let runs = synthetic(0.0, 1);
    assert_eq!(check_fit_job(&runs, LawForm::Chinchilla, 1), Ok(vec![19]));
}

#[test]
fn a_loss_column_holding_parameter_counts_is_refused_by_run() {
    // The datablations runs with the loss read from the params column: losses of 10⁸…10¹⁰ "nats",
    // which fitted α = −1 and gave NaN for the frontier before this check.
    let mut runs = shipped_runs(DataSource::DatablationsSingleEpoch);
    for r in &mut runs {
        r.loss = r.n;
    }
    match check_fit_job(&runs, LawForm::Chinchilla, 3) {
        Err(FitLabError::LossTooLarge { index: 0, loss, max, .. }) => {
            assert_eq!(loss, runs[0].n);
            assert_eq!(max, scaling::csv_import::MAX_LOSS);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(run_fit(&FitJob { runs, law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true), Err(FitLabError::LossTooLarge { .. })));
}

#[test]
fn a_fit_whose_loss_rises_with_scale_names_the_exponent_and_is_not_bootstrapped() {
    // Losses that grow with N·D (within the loss range): the fitted α or β comes out ≤ 0, where
    // L*(C) and N_opt are NaN; the bootstrap refuses with the exponent instead of 200 failures.
    let runs: Vec<Run> = (0..12)
        .map(|i| {
            let (n, d) = (1e8 * 3f64.powi(i % 4), 1e9 * 4f64.powi(i / 4));
            Run { n, d, loss: 1.0 + 0.01 * (n * d).ln(), unique: None, label: String::new() }
        })
        .collect();
    let fit = run_fit(&FitJob { runs, law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    let (name, value) = fit.law.nonpositive_exponent().expect("a non-positive exponent");
    assert!(value <= 0.0, "{name} = {value}");
    assert!(!fit.law.frontier(1e22).is_finite());
    let job = BootstrapJob { runs: fit.training_runs(), fit: fit.law.clone(), budget: 1e22, resamples: 20, seed: 1, band_c: vec![1e21] };
    assert_eq!(run_bootstrap(&job, &mut |_| true), Err(FitLabError::ExponentNotPositive { name, value }));
    // A fit of the law itself has positive exponents.
    let good = run_fit(&FitJob { runs: synthetic(0.0, 1), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    assert_eq!(good.law.nonpositive_exponent(), None);
}

#[test]
fn errors_travel_as_data() {
    // The worker sends errors as JSON; the page words them. Every variant must round-trip.
    let errors = vec![
        FitLabError::OutOfRange { field: Setting::Budget, value: 1e40, min: 1e15, max: 1e30 },
        FitLabError::TooFewRuns { law: LawForm::PowerCompute, loaded: 2, held_out: 1, need: 3 },
        FitLabError::Unvaried(RunQuantity::D),
        FitLabError::NonPositive { index: 3, label: "r".into() },
        FitLabError::LossTooLarge { index: 0, label: String::new(), loss: 3e9, max: 20.0 },
        FitLabError::ExponentNotPositive { name: Exponent::Beta, value: -0.2 },
        FitLabError::Fit(scaling::FitError::NoFiniteStart),
        FitLabError::Bootstrap(scaling::BootstrapError::NoSuccess { failed: 200 }),
    ];
    for e in errors {
        let back: FitLabError = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }
}

#[test]
fn exact_data_recovers_hoffmann_constants_and_predicts_held_out_runs() {
    let job = FitJob { runs: synthetic(0.0, 1), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 3 };
    let mut calls = 0;
    let out = run_fit(&job, &mut |_| {
        calls += 1;
        true
    })
    .unwrap();
    assert_eq!(calls, reduced_grid().len());
    assert_eq!(reduced_grid().len(), 243);
    assert!(out.law.converged());
    let FittedLaw::Chinchilla(rep) = &out.law else { panic!("law form") };
    let (e, a, b, alpha, beta) = HOFFMANN;
    for (got, want) in [(rep.params.e, e), (rep.params.a, a), (rep.params.b, b), (rep.params.alpha, alpha), (rep.params.beta, beta)] {
        assert!((got / want - 1.0).abs() < 2e-3, "{got} vs {want}");
    }
    assert_eq!(out.runs.iter().filter(|r| r.held_out).count(), 3);
    // The three largest C = 6ND of the grid: 6e22 (1e10, 1e12), 1.8e22 (3e9, 1e12), then one of
    // the two runs with 6e21 ((1e10, 1e11) or (1e9, 1e12)).
    let held: Vec<(f64, f64)> = out.runs.iter().filter(|r| r.held_out).map(|r| (r.run.n, r.run.d)).collect();
    assert!(held.contains(&(1e10, 1e12)) && held.contains(&(3e9, 1e12)), "{held:?}");
    assert!(held.iter().all(|(n, d)| 6.0 * n * d > 5.9e21), "{held:?}");
    assert!(out.held_out_rmse.unwrap() < 1e-3, "{:?}", out.held_out_rmse);
    assert!(out.train_rmse < 1e-3);
    assert_eq!(out.training_runs().len(), 17);
}

/// L(C) = 1.69 + 406.4·C^(−0.34) sampled at 12 budgets (Hoffmann's E, A and α reused as a one-term
/// law), with N = D = √(C/6).
fn power_in_compute_runs() -> Vec<Run> {
    (0..12)
        .map(|i| {
            let c = 10f64.powf(17.0 + 0.5 * i as f64);
            let n = (c / 6.0).sqrt();
            Run { n, d: n, loss: 1.69 + 406.4 * c.powf(-0.34), unique: None, label: String::new() }
        })
        .collect()
}

#[test]
fn power_law_in_compute_recovers_its_constants() {
    let runs = power_in_compute_runs();
    let out = run_fit(&FitJob { runs, law: LawForm::PowerCompute, grid: GridSize::Reduced, held_out: 2 }, &mut |_| true).unwrap();
    let FittedLaw::PowerCompute(p) = &out.law else { panic!("law form") };
    assert!((p.e - 1.69).abs() < 1e-3 && (p.alpha - 0.34).abs() < 1e-3, "{p:?}");
    assert!(out.law.optimum(1e22).is_none());
    assert!(out.held_out_rmse.unwrap() < 1e-3);
}

#[test]
fn bootstrap_interval_covers_the_true_exponents_and_the_band_is_ordered() {
    let runs = synthetic(0.01, 7);
    let fit = run_fit(&FitJob { runs: runs.clone(), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    let band_c = log_grid(1e18, 1e24, 5);
    let job = BootstrapJob { runs, fit: fit.law.clone(), budget: 1e22, resamples: 40, seed: 3, band_c: band_c.clone() };
    let mut last = 0.0;
    let out = run_bootstrap(&job, &mut |f| {
        last = f;
        true
    })
    .unwrap();
    assert_eq!(last, 1.0);
    assert_eq!(out.boot.attempted, 40);
    assert!(out.boot.samples.is_empty());
    let alpha = out.boot.get("alpha").unwrap();
    let beta = out.boot.get("beta").unwrap();
    // Hoffmann's rounded α = 0.34, β = 0.28 generated the data (1 % noise).
    assert!(alpha.lo <= 0.34 && 0.34 <= alpha.hi, "{alpha:?}");
    assert!(beta.lo <= 0.28 && 0.28 <= beta.hi, "{beta:?}");
    assert_eq!(out.band.len(), 5);
    for (p, c) in out.band.iter().zip(&band_c) {
        assert_eq!(p.c, *c);
        assert!(p.loss.lo <= p.loss.median && p.loss.median <= p.loss.hi);
    }
    // The band widens with the distance of the extrapolation.
    let width = |p: &BandPoint| p.loss.hi - p.loss.lo;
    assert!(width(&out.band[4]) > width(&out.band[0]));
    // Same seed, same intervals.
    let again = run_bootstrap(&job, &mut |_| true).unwrap();
    assert_eq!(again, out);
    // Cancelling keeps the resamples done so far.
    let mut k = 0;
    let cut = run_bootstrap(&job, &mut |_| {
        k += 1;
        k < 5
    })
    .unwrap();
    assert!(cut.boot.cancelled && cut.boot.attempted == 5);
    assert!(run_bootstrap(&BootstrapJob { budget: 1e40, ..job }, &mut |_| true).is_err());
}

/// The shipped single-epoch datablations runs with the 3 largest-compute runs held out land near
/// Muennighoff et al.'s published C4 fit (same loose tolerance as tests/fitting.rs: that fit used
/// 54 points), and the held-out error stays within a few hundredths of a nat.
#[test]
fn datablations_fit_with_hold_out_is_near_published_c4() {
    let runs = shipped_runs(DataSource::DatablationsSingleEpoch);
    let out = run_fit(&FitJob { runs, law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 3 }, &mut |_| true).unwrap();
    let FittedLaw::Chinchilla(rep) = &out.law else { panic!("law form") };
    assert!((rep.params.alpha - 0.3526596).abs() < 0.06, "{rep:?}");
    assert!((rep.params.beta - 0.3526596).abs() < 0.06, "{rep:?}");
    assert!((rep.params.e - 1.869143678).abs() < 0.1, "{rep:?}");
    assert!(out.held_out_rmse.unwrap() < 0.1, "{:?}", out.held_out_rmse);
}

/// Chinchilla's budget (Hoffmann et al. 2022: Chinchilla and Gopher, 5.76·10²³ FLOPs).
const CHINCHILLA_BUDGET: f64 = 5.76e23;
/// `chin_opt_hoffmann_rounded_C5.76e+23` of the reference file (see the module docs).
const HOFFMANN_N_OPT: f64 = 32189859150.0;
const HOFFMANN_D_OPT: f64 = 2982305687000.0;

/// The `quantity,estimate,lo95,hi95` row `name` of the results CSV, as numbers (None when empty).
fn csv_row(text: &str, name: &str) -> (f64, Option<f64>, Option<f64>) {
    let mut r = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let rec = r.records().map(|x| x.unwrap()).find(|rec| &rec[0] == name).unwrap_or_else(|| panic!("no {name} row in {text}"));
    let opt = |k: usize| (!rec[k].is_empty()).then(|| rec[k].parse::<f64>().unwrap());
    (rec[1].parse().unwrap(), opt(2), opt(3))
}

/// Data generated exactly by Hoffmann's rounded law: the lab's predicted D_opt (readout, table and
/// CSV all read it from the fitted law) lands on the published closed-form optimum at Chinchilla's
/// budget, and so does N_opt. The runs reach C = 6·10²² FLOPs, so the budget is an extrapolation by
/// about one decade; with noise-free data the fit converges onto the generating constants (measured:
/// D_opt within 2·10⁻¹⁰), so 10⁻⁶ leaves room for the optimiser's stopping point.
#[test]
fn exact_data_predicts_the_published_compute_optimal_d_opt() {
    let fit = run_fit(&FitJob { runs: synthetic(0.0, 1), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    let opt = fit.law.optimum(CHINCHILLA_BUDGET).unwrap();
    assert!((opt.d_opt / HOFFMANN_D_OPT - 1.0).abs() < 1e-6, "D_opt {} vs {HOFFMANN_D_OPT}", opt.d_opt);
    assert!((opt.n_opt / HOFFMANN_N_OPT - 1.0).abs() < 1e-6, "N_opt {} vs {HOFFMANN_N_OPT}", opt.n_opt);
    // The CSV export carries the same D_opt (shortest round-trip form), right after N_opt.
    let text = results_csv(&fit, None, CHINCHILLA_BUDGET);
    let (d_opt, lo, hi) = csv_row(&text, "D_opt");
    assert_eq!((d_opt, lo, hi), (opt.d_opt, None, None));
    let (n_opt, _, _) = csv_row(&text, "N_opt");
    // C = 6·N_opt·D_opt.
    assert!((6.0 * n_opt * d_opt / CHINCHILLA_BUDGET - 1.0).abs() < 1e-12);
    let names: Vec<&str> = text.lines().map(|l| l.split(',').next().unwrap()).collect();
    let at = |q: &str| names.iter().position(|n| *n == q).unwrap();
    assert_eq!(at("D_opt"), at("N_opt") + 1);
    // The power law in C has no allocation: no N_opt or D_opt row.
    let runs = power_in_compute_runs();
    let power = run_fit(&FitJob { runs, law: LawForm::PowerCompute, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    let text = results_csv(&power, None, CHINCHILLA_BUDGET);
    assert!(!text.contains("\nD_opt,") && !text.contains("\nN_opt,"), "{text}");
}

/// D_opt gets a bootstrap interval like N_opt's, from each refit's constants: the interval is
/// ordered, contains the full-data estimate, covers the published optimum of the law that made the
/// data (1 % noise), and goes to the CSV export.
#[test]
fn d_opt_has_a_bootstrap_interval_like_n_opt() {
    let runs = synthetic(0.01, 7);
    let fit = run_fit(&FitJob { runs: runs.clone(), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    let job = BootstrapJob { runs, fit: fit.law.clone(), budget: CHINCHILLA_BUDGET, resamples: 60, seed: 5, band_c: vec![1e21] };
    let out = run_bootstrap(&job, &mut |_| true).unwrap();
    assert_eq!(out.boot.names, ["E", "A", "B", "alpha", "beta", "a", "N_opt", "D_opt", "L_extrap"]);
    let point = fit.law.optimum(CHINCHILLA_BUDGET).unwrap();
    for (name, v, truth) in [("N_opt", point.n_opt, HOFFMANN_N_OPT), ("D_opt", point.d_opt, HOFFMANN_D_OPT)] {
        let iv = out.boot.get(name).unwrap();
        assert!(iv.lo < iv.median && iv.median < iv.hi, "{name}: {iv:?}");
        assert!(iv.lo <= v && v <= iv.hi, "{name}: {v} not in {iv:?}");
        assert!(iv.lo <= truth && truth <= iv.hi, "{name}: published {truth} not in {iv:?}");
    }
    // Where N_opt is large D_opt is small (each resample spends C = 6ND): D_opt's bounds are
    // C/(6·N_opt) at N_opt's opposite bounds, up to the linear interpolation between neighbouring
    // resamples that a percentile does (linear in N is not linear in 1/N).
    let (n, d) = (out.boot.get("N_opt").unwrap(), out.boot.get("D_opt").unwrap());
    let mirrored = |x: f64| CHINCHILLA_BUDGET / (6.0 * x);
    assert!((d.lo / mirrored(n.hi) - 1.0).abs() < 0.01 && (d.hi / mirrored(n.lo) - 1.0).abs() < 0.01, "{n:?} {d:?}");
    let text = results_csv(&fit, Some(&out), CHINCHILLA_BUDGET);
    assert_eq!(csv_row(&text, "D_opt"), (point.d_opt, Some(d.lo), Some(d.hi)));
    assert_eq!(csv_row(&text, "N_opt"), (point.n_opt, Some(n.lo), Some(n.hi)));
}

/// The shipped single-epoch runs with 3 held out: the held-out RMSE is below the training RMSE,
/// and the reason is in the data: the few runs farthest from the law make up half the training sum
/// of squares (the chapter's outliers among the smallest-data runs), while the three held-out runs
/// sit close to it.
#[test]
fn held_out_below_training_is_reported_with_its_reason() {
    let out = run_fit(&FitJob { runs: shipped_runs(DataSource::DatablationsSingleEpoch), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 3 }, &mut |_| true).unwrap();
    let h = out.held_out_below_training().expect("held-out RMSE below training RMSE");
    assert_eq!((h.held_out, h.training), (3, 38));
    assert_eq!((h.train_rmse, Some(h.held_out_rmse)), (out.train_rmse, out.held_out_rmse));
    assert!(h.held_out_rmse < h.train_rmse);
    assert!(h.few_runs_dominate(), "{h:?}");
    // Recompute from the residuals: the `dominant` largest squares make up half, one fewer does not.
    let mut sq: Vec<f64> = out.runs.iter().filter(|r| !r.held_out).map(|r| r.residual * r.residual).collect();
    sq.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = sq.iter().sum();
    let top: f64 = sq[..h.dominant].iter().sum();
    assert!(top >= total / 2.0 && top - sq[h.dominant - 1] < total / 2.0);
    let without = ((total - top) / (38 - h.dominant) as f64).sqrt();
    assert!((h.train_rmse_without.unwrap() / without - 1.0).abs() < 1e-12);
    assert!(without < h.train_rmse);
    // No held-out runs: nothing to compare.
    let all = run_fit(&FitJob { runs: shipped_runs(DataSource::DatablationsSingleEpoch), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 0 }, &mut |_| true).unwrap();
    assert_eq!(all.held_out_below_training(), None);
}

/// The rule on hand-made residuals: 10 training runs, one at 1 nat and nine at 0.1, so
/// training RMSE = √(1.09/10) and the one run makes up 1/1.09 of the sum of squares (dominant = 1,
/// a tenth of the runs; without it the RMSE is 0.1); two held-out runs at 0.05 are below it, at
/// 0.5 above it.
#[test]
fn held_out_below_training_rule_on_hand_made_residuals() {
    let mut out = run_fit(&FitJob { runs: synthetic(0.0, 1)[..12].to_vec(), law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 2 }, &mut |_| true).unwrap();
    let held: Vec<usize> = (0..12).filter(|&i| out.runs[i].held_out).collect();
    assert_eq!(held.len(), 2);
    let mut first = true;
    for (i, r) in out.runs.iter_mut().enumerate() {
        r.residual = if held.contains(&i) {
            0.05
        } else if std::mem::take(&mut first) {
            1.0
        } else {
            0.1
        };
    }
    out.train_rmse = (1.09f64 / 10.0).sqrt();
    out.held_out_rmse = Some(0.05);
    let h = out.held_out_below_training().unwrap();
    assert_eq!((h.held_out, h.training, h.dominant), (2, 10, 1));
    assert!((h.train_rmse_without.unwrap() - 0.1).abs() < 1e-12);
    assert!(h.few_runs_dominate());
    out.held_out_rmse = Some(0.5);
    assert_eq!(out.held_out_below_training(), None);
    // Even residuals: no run dominates (five of ten make up half; 0.5² is exact in binary).
    for r in out.runs.iter_mut().filter(|r| !r.held_out) {
        r.residual = 0.5;
    }
    out.train_rmse = 0.5;
    out.held_out_rmse = Some(0.25);
    let h = out.held_out_below_training().unwrap();
    assert_eq!(h.dominant, 5);
    assert!(!h.few_runs_dominate());
}

#[test]
fn results_csv_is_parseable_and_guards_formulas() {
    let mut runs = synthetic(0.0, 1);
    runs[0].label = "=HYPERLINK(\"http://x\")".into();
    runs[1].label = "<b>bold</b>, with comma".into();
    let fit = run_fit(&FitJob { runs, law: LawForm::Chinchilla, grid: GridSize::Reduced, held_out: 1 }, &mut |_| true).unwrap();
    let text = results_csv(&fit, None, 1e22);
    assert!(text.starts_with("quantity,estimate,lo95,hi95\n"));
    // The label contains quotes, so the field is quoted; what a spreadsheet sees starts with '.
    assert!(text.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\","), "{text}");
    assert!(text.contains("\"<b>bold</b>, with comma\""));
    let mut r = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let names: Vec<&str> = records.iter().map(|r| &r[0]).collect();
    for q in ["E", "A", "B", "alpha", "beta", "a", "N_opt", "D_opt", "L_extrap", "train_rmse", "held_out_rmse", "label"] {
        assert!(names.contains(&q), "{q} missing");
    }
    assert_eq!(records.iter().filter(|r| r.len() == 8).count(), 21);
    assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
    assert_eq!(spreadsheet_safe("run-1"), "run-1");
}

#[test]
fn pure_power_law_extrapolation() {
    // 3.0 → 2.7 over a decade is a factor 0.9 per decade; two more decades: 2.7·0.9² = 2.187.
    assert!((extrapolate_pure_power_law(3.0, 2.7, 2.0).unwrap() - 2.187).abs() < 1e-12);
    assert_eq!(extrapolate_pure_power_law(3.0, 2.7, 0.0).unwrap(), 2.7);
    assert!(extrapolate_pure_power_law(2.0, 3.0, 1.0).is_err());
    assert!(extrapolate_pure_power_law(0.0, 3.0, 1.0).is_err());
    assert!(extrapolate_pure_power_law(3.0, 2.0, f64::NAN).is_err());
}

#[test]
fn log_grid_spans_the_range() {
    let g = log_grid(1e18, 1e22, 5);
    assert_eq!(g.len(), 5);
    for (got, want) in g.iter().zip([1e18, 1e19, 1e20, 1e21, 1e22]) {
        assert!((got / want - 1.0).abs() < 1e-12);
    }
}
