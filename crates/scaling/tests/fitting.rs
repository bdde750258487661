//! Fitting: analytic gradient vs finite differences, recovery of published constants from data
//! generated with them, Approach 2, non-convergence reporting, and a fit of the real datablations
//! runs compared with the published C4 fit of Muennighoff et al. 2023.

use scaling::fit::{huber, minimize, HuberLse};
use scaling::{
    approach2, datablations_runs, fit_chinchilla, fit_chinchilla_from, fit_power_law, preset,
    FitError, InitGrid, LbfgsOptions, Preset, Run, HUBER_DELTA,
};

fn synthetic(p: Preset) -> Vec<Run> {
    let q = preset(p);
    let mut runs = Vec::new();
    for i in 0..8 {
        for j in 0..8 {
            let n = 1e7 * 10f64.powf(i as f64 * 0.5);
            let d = 1e9 * 10f64.powf(j as f64 * 0.4);
            runs.push(Run {
                n,
                d,
                loss: q.loss(n, d),
                unique: None,
                label: String::new(),
            });
        }
    }
    runs
}

fn small_grid() -> InitGrid {
    InitGrid {
        a: vec![0.0, 5.0, 10.0],
        b: vec![0.0, 5.0, 10.0],
        e: vec![-1.0, 0.5],
        alpha: vec![0.5],
        beta: vec![0.5],
    }
}

#[test]
fn huber_matches_its_definition() {
    assert_eq!(huber(0.0005, 1e-3), 0.5 * 0.0005 * 0.0005);
    assert!((huber(-0.01, 1e-3) - 1e-3 * (0.01 - 0.0005)).abs() < 1e-18);
}

#[test]
fn analytic_gradient_matches_finite_differences() {
    let runs = datablations_runs().rows;
    let xs: Vec<Vec<f64>> = runs.iter().map(|r| vec![r.n, r.d]).collect();
    let ls: Vec<f64> = runs.iter().map(|r| r.loss).collect();
    let obj = HuberLse::new(&xs, &ls, HUBER_DELTA).unwrap();
    for theta in [[6.0, 7.0, 0.6, 0.35, 0.35], [3.0, 12.0, -0.5, 0.2, 0.6]] {
        let mut g = [0.0; 5];
        obj.value_grad(&theta, &mut g);
        for k in 0..5 {
            let h = 1e-6;
            let (mut p, mut m) = (theta, theta);
            p[k] += h;
            m[k] -= h;
            let fd = (obj.value(&p) - obj.value(&m)) / (2.0 * h);
            assert!(
                (fd - g[k]).abs() <= 1e-6 * (1.0 + g[k].abs()),
                "θ={theta:?} k={k}: fd {fd} vs {}",
                g[k]
            );
        }
    }
}

/// Noise-free data from Hoffmann et al. eq (10) (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) must
/// give those constants back.
#[test]
fn recovers_hoffmann_rounded_constants() {
    let runs = synthetic(Preset::HoffmannRounded);
    let rep = fit_chinchilla(
        &runs,
        &small_grid(),
        HUBER_DELTA,
        &LbfgsOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    let q = preset(Preset::HoffmannRounded);
    assert!(rep.converged, "{rep:?}");
    assert_eq!(rep.starts_tried, 18);
    for (got, want) in [
        (rep.params.e, q.e),
        (rep.params.a, q.a),
        (rep.params.b, q.b),
        (rep.params.alpha, q.alpha),
        (rep.params.beta, q.beta),
    ] {
        assert!((got / want - 1.0).abs() < 1e-3, "{got} vs {want} ({rep:?})");
    }
    assert!(rep.objective < 1e-10);
}

#[test]
fn grid_has_4500_hoffmann_starts() {
    let g = InitGrid::hoffmann();
    assert_eq!(g.len(), 4500);
    assert_eq!(g.points().len(), 4500);
    assert_eq!(g.a, vec![0.0, 5.0, 10.0, 15.0, 20.0, 25.0]);
    assert_eq!(g.e, vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
}

#[test]
fn non_convergence_is_reported_not_panicked() {
    let runs = synthetic(Preset::Besiroglu2024);
    let opts = LbfgsOptions {
        max_iters: 2,
        ..LbfgsOptions::default()
    };
    let rep = fit_chinchilla_from(&runs, [0.0, 0.0, 0.0, 0.0, 0.0], HUBER_DELTA, &opts).unwrap();
    assert!(!rep.converged);
    assert!(rep.iterations <= 2);
    assert!(rep.grad_norm > 0.0 && rep.objective.is_finite());
    assert!(!rep.termination.is_empty());
}

#[test]
fn bad_inputs_are_errors() {
    let mut runs = synthetic(Preset::HoffmannRounded);
    assert!(matches!(
        fit_chinchilla_from(&runs[..3], [0.0; 5], HUBER_DELTA, &LbfgsOptions::default()),
        Err(FitError::TooFewPoints { .. })
    ));
    runs[4].loss = -1.0;
    assert!(matches!(
        fit_chinchilla_from(&runs, [0.0; 5], HUBER_DELTA, &LbfgsOptions::default()),
        Err(FitError::NonPositive(_))
    ));
    let mut cancel_after = 3;
    let r = fit_chinchilla(
        &synthetic(Preset::HoffmannRounded),
        &small_grid(),
        HUBER_DELTA,
        &LbfgsOptions::default(),
        &mut |_| {
            cancel_after -= 1;
            cancel_after > 0
        },
    );
    assert_eq!(r, Err(FitError::Cancelled));
}

/// A single term with Hoffmann's N part (E 1.69, A 406.4, α 0.34) is recovered.
#[test]
fn power_law_fit_recovers_constants() {
    let xs: Vec<f64> = (0..12).map(|i| 1e6 * 10f64.powf(i as f64 * 0.5)).collect();
    let ls: Vec<f64> = xs.iter().map(|x| 1.69 + 406.4 * x.powf(-0.34)).collect();
    let f = fit_power_law(&xs, &ls, HUBER_DELTA, &LbfgsOptions::default()).unwrap();
    assert!(f.converged);
    assert!(
        (f.e / 1.69 - 1.0).abs() < 1e-3
            && (f.a / 406.4 - 1.0).abs() < 1e-2
            && (f.alpha / 0.34 - 1.0).abs() < 1e-3,
        "{f:?}"
    );
    assert!((f.eval(1e9) / (1.69 + 406.4 * 1e9f64.powf(-0.34)) - 1.0).abs() < 1e-4);
}

/// Approach 2 on IsoFLOP slices of the Hoffmann-rounded law recovers a = β/(α+β) = 0.4516
/// (reference vector chin_opt_hoffmann_rounded: a = 0.4516129032) to 1%, and the slice minima
/// match the closed-form N_opt to 2% (the profile is only approximately a parabola in ln N).
#[test]
fn approach2_recovers_the_frontier_exponent() {
    let q = preset(Preset::HoffmannRounded);
    let mut runs = Vec::new();
    for c in [1e18, 1e19, 1e20, 1e21, 1e22] {
        let n0 = q.compute_optimal(c).n_opt;
        for k in -4..=4 {
            let n = n0 * 10f64.powf(k as f64 * 0.1);
            let d = c / (6.0 * n);
            runs.push(Run {
                n,
                d,
                loss: q.loss(n, d),
                unique: None,
                label: String::new(),
            });
        }
    }
    let a2 = approach2(&runs, 1e-6).unwrap();
    assert_eq!(a2.slices.len(), 5);
    assert!((a2.a / 0.4516129032 - 1.0).abs() < 0.01, "{}", a2.a);
    assert!((a2.a + a2.b - 1.0).abs() < 1e-9);
    for s in &a2.slices {
        assert!((s.n_opt / q.compute_optimal(s.c).n_opt - 1.0).abs() < 0.02);
    }
    assert!(approach2(&runs[..9], 1e-6).is_err());
}

/// The real single-epoch datablations runs (D = U, 41 runs) fitted with the Hoffmann objective
/// land near the published C4 fit of Muennighoff et al. 2023 (α = β = 0.3527, E = 1.869; that
/// fit used 54 points, not exactly this subset, so the tolerance is loose: ±0.06 on the exponents,
/// ±0.1 nats on E). A coarse grid keeps this fast in debug builds.
#[test]
fn datablations_single_epoch_fit_is_near_published_c4() {
    let imp = datablations_runs();
    assert!(imp.errors.is_empty());
    assert_eq!(imp.rows.len(), 296);
    let runs: Vec<Run> = imp
        .rows
        .into_iter()
        .filter(|r| r.unique == Some(r.d))
        .collect();
    assert_eq!(runs.len(), 41);
    let grid = InitGrid {
        a: vec![0.0, 5.0, 10.0],
        b: vec![5.0, 10.0],
        e: vec![0.0, 0.5],
        alpha: vec![0.5],
        beta: vec![0.5],
    };
    let rep = fit_chinchilla(
        &runs,
        &grid,
        HUBER_DELTA,
        &LbfgsOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    assert!(rep.converged, "{rep:?}");
    assert!((rep.params.alpha - 0.3526596).abs() < 0.06, "{rep:?}");
    assert!((rep.params.beta - 0.3526596).abs() < 0.06, "{rep:?}");
    assert!((rep.params.e - 1.869143678).abs() < 0.1, "{rep:?}");
    // A warm start from the optimum stays there.
    let again =
        fit_chinchilla_from(&runs, rep.theta, HUBER_DELTA, &LbfgsOptions::default()).unwrap();
    assert!(again.objective <= rep.objective * (1.0 + 1e-9));
}

#[test]
fn minimize_reports_gradient_norm() {
    let xs: Vec<Vec<f64>> = (1..10).map(|i| vec![i as f64 * 1e6]).collect();
    let ls: Vec<f64> = xs.iter().map(|x| 2.0 + 100.0 * x[0].powf(-0.3)).collect();
    let obj = HuberLse::new(&xs, &ls, HUBER_DELTA).unwrap();
    let f = minimize(&obj, &[4.0, 0.5, 0.3], &LbfgsOptions::default());
    assert!(f.grad_norm < 1e-6 && f.converged, "{f:?}");
}
