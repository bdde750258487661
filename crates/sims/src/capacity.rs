//! Train and test error against model capacity (chapter 1, "Generalization"): least-squares fits of
//! the first p of a set of random ReLU features to a small noisy sample, for p = 1 … `max_features`,
//! with the minimum-norm solution once p reaches the number of training points n and the fit
//! interpolates.
//!
//! Below n the test error traces the classical U (more features first remove bias, then fit noise);
//! at p = n the one interpolating solution is forced through the noise and the test error peaks;
//! beyond n the minimum-norm interpolant spreads the noise over more directions and the test error
//! falls again: "double descent".
//!
//! Sources:
//! - M. Belkin, D. Hsu, S. Ma, S. Mandal, "Reconciling modern machine-learning practice and the
//!   classical bias–variance trade-off", PNAS 116 (32), 2019, arXiv:1812.11118: the double-descent
//!   curve, with its peak at the interpolation threshold, for random-feature models fitted with the
//!   minimum-norm solution.
//! - S. Mei, A. Montanari, "The generalization error of random features regression: precise
//!   asymptotics and double descent curve", 2019, arXiv:1908.05355: random ReLU features on Gaussian
//!   inputs, the setting used here.
//! - For p < n and a model that contains the truth, the expected training MSE of least squares is
//!   σ²(n − p)/n (the residual sum of squares has expectation σ²(n − p); any regression text).

use nalgebra::{DMatrix, DVector};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::error::{CostUnit, ParamError, Progress, Rule, SimError};

/// Input dimension d: inputs are standard normal vectors in ℝᵈ.
pub const DIM: usize = 5;
/// Noise-free test points drawn once per run.
pub const TEST_POINTS: usize = 500;
/// Most work one run may do, in multiply-adds of the SVDs (see [`CapacityParams::cost`]).
pub const COST_CAP: f64 = 5e9;

/// What the widget sets: the sample, the largest model and how many times to redraw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityParams {
    /// Training points n; 5..=100.
    pub n_train: u32,
    /// Standard deviation σ of the label noise, 0..=2 (same unit as y; the target's values lie in
    /// (−1, 1)).
    pub noise: f64,
    /// Largest number of features p; 2..=300.
    pub max_features: u32,
    /// Independent training sets and feature draws; 1..=200. The test error shown is their median,
    /// the training error their mean.
    pub repeats: u32,
    /// Seed of the ChaCha8 generator: the same seed gives the same result on every platform.
    pub seed: u64,
}

impl Default for CapacityParams {
    fn default() -> Self {
        CapacityParams { n_train: 40, noise: 0.2, max_features: 200, repeats: 20, seed: 1 }
    }
}

impl CapacityParams {
    /// Checks every field, then the cost cap.
    pub fn validate(&self) -> Result<(), ParamError> {
        let between = |field, v: f64, min: f64, max: f64| {
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(ParamError::range(field, v, Rule::Between { min, max }))
            }
        };
        between("n_train", self.n_train as f64, 5.0, 100.0)?;
        if !self.noise.is_finite() {
            return Err(ParamError::range("noise", self.noise, Rule::NonNegative));
        }
        between("noise", self.noise, 0.0, 2.0)?;
        between("max_features", self.max_features as f64, 2.0, 300.0)?;
        between("repeats", self.repeats as f64, 1.0, 200.0)?;
        let cost = self.cost();
        if cost > COST_CAP {
            let per_repeat = cost / self.repeats as f64;
            return Err(ParamError::TooCostly { cost, cap: COST_CAP, unit: CostUnit::MultiplyAdds, max_repeats: (COST_CAP / per_repeat) as usize });
        }
        Ok(())
    }

    /// Work of a run, in multiply-adds: an SVD of an n × p matrix costs about n·p·min(n, p), for
    /// every p up to `max_features`, in every repeat.
    pub fn cost(&self) -> f64 {
        let n = self.n_train as f64;
        let per_repeat: f64 = (1..=self.max_features).map(|p| n * p as f64 * n.min(p as f64)).sum();
        per_repeat * self.repeats as f64
    }
}

/// One capacity p: the errors over the repeats (squared units of y).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityPoint {
    /// Number of features p.
    pub features: u32,
    /// Mean training MSE (0 up to rounding once p ≥ n: the fit interpolates).
    pub train_mse: f64,
    /// Median test MSE against the noise-free target on [`TEST_POINTS`] fresh inputs.
    pub test_mse: f64,
    /// First and third quartiles of the test MSE over the repeats.
    pub test_q1: f64,
    pub test_q3: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityResult {
    /// p = 1 … `max_features`, in order.
    pub points: Vec<CapacityPoint>,
    /// The interpolation threshold, p = n.
    pub threshold: u32,
}

impl CapacityResult {
    /// The point with the lowest median test error among p in `range`, if any.
    pub fn best_in(&self, range: std::ops::RangeInclusive<u32>) -> Option<&CapacityPoint> {
        self.points.iter().filter(|q| range.contains(&q.features)).min_by(|a, b| a.test_mse.total_cmp(&b.test_mse))
    }

    /// The point at p, if it was computed.
    pub fn at(&self, p: u32) -> Option<&CapacityPoint> {
        self.points.iter().find(|q| q.features == p)
    }
}

/// The target function: tanh(2·βᵀx) with β = (1, …, 1)/√d, values in (−1, 1).
pub fn target(x: &[f64]) -> f64 {
    (2.0 * x.iter().sum::<f64>() / (x.len() as f64).sqrt()).tanh()
}

/// Expected training MSE of least squares with p < n features when the model contains the target
/// and the noise has standard deviation σ: σ²(n − p)/n (squared units of y). 0 for p ≥ n.
pub fn expected_train_mse(sigma: f64, n: f64, p: f64) -> f64 {
    if p >= n {
        0.0
    } else {
        sigma * sigma * (n - p) / n
    }
}

/// Standard normal inputs, one per row.
fn inputs(count: usize, rng: &mut ChaCha8Rng) -> DMatrix<f64> {
    DMatrix::from_fn(count, DIM, |_, _| StandardNormal.sample(rng))
}

/// The ReLU features max(0, wⱼᵀx) of each row of `x`, for weight columns wⱼ of `w` (d × p).
fn relu_features(x: &DMatrix<f64>, w: &DMatrix<f64>) -> DMatrix<f64> {
    (x * w).map(|v| v.max(0.0))
}

/// The minimum-norm least-squares solution w of Φ·w ≈ y (the pseudo-inverse Φ⁺·y), from an SVD with
/// singular values below max(n, p)·ε·σ_max treated as zero (numpy's `lstsq` default).
pub fn min_norm_lstsq(phi: &DMatrix<f64>, y: &DVector<f64>) -> DVector<f64> {
    let (rows, cols) = phi.shape();
    let svd = phi.clone().svd(true, true);
    let s_max = svd.singular_values.iter().fold(0.0f64, |m, &s| m.max(s));
    let eps = rows.max(cols) as f64 * f64::EPSILON * s_max;
    // U and V were requested, so `solve` cannot fail; an all-zero matrix gives w = 0.
    svd.solve(y, eps).unwrap_or_else(|_| DVector::zeros(cols))
}

fn quartiles(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| {
        let pos = q * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    (at(0.25), at(0.5), at(0.75))
}

/// Runs the sweep. Errors: invalid parameters, or `SimError::Cancelled` when `progress` returns
/// false.
pub fn simulate_capacity(p: &CapacityParams, progress: &mut dyn FnMut(f64) -> bool) -> Result<CapacityResult, SimError> {
    p.validate()?;
    let n = p.n_train as usize;
    let max = p.max_features as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let noise = Normal::new(0.0, p.noise).map_err(|_| ParamError::range("noise", p.noise, Rule::NonNegative))?;
    let test_x = inputs(TEST_POINTS, &mut rng);
    let test_y = DVector::from_fn(TEST_POINTS, |i, _| target(test_x.row(i).transpose().as_slice()));
    let mut tracker = Progress::start(progress, p.cost())?;
    let mut train = vec![0.0; max];
    let mut test: Vec<Vec<f64>> = vec![Vec::with_capacity(p.repeats as usize); max];
    for _ in 0..p.repeats {
        let x = inputs(n, &mut rng);
        let y = DVector::from_fn(n, |i, _| target(x.row(i).transpose().as_slice()) + noise.sample(&mut rng));
        let w = DMatrix::from_fn(DIM, max, |_, _| StandardNormal.sample(&mut rng));
        let phi_all = relu_features(&x, &w);
        let test_all = relu_features(&test_x, &w);
        for q in 1..=max {
            let phi = phi_all.columns(0, q).into_owned();
            let coef = min_norm_lstsq(&phi, &y);
            train[q - 1] += (&phi * &coef - &y).norm_squared() / n as f64;
            test[q - 1].push((test_all.columns(0, q) * &coef - &test_y).norm_squared() / TEST_POINTS as f64);
            tracker.advance((n * q * n.min(q)) as f64)?;
        }
    }
    let points = (1..=max)
        .map(|q| {
            let (q1, median, q3) = quartiles(&mut test[q - 1]);
            CapacityPoint { features: q as u32, train_mse: train[q - 1] / p.repeats as f64, test_mse: median, test_q1: q1, test_q3: q3 }
        })
        .collect();
    Ok(CapacityResult { points, threshold: p.n_train })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: &CapacityParams) -> CapacityResult {
        simulate_capacity(p, &mut |_| true).unwrap()
    }

    #[test]
    #[ignore]
    fn print_curves() {
        let r = run(&CapacityParams::default());
        for q in r.points.iter().filter(|q| q.features % 5 == 0 || (36..=44).contains(&q.features)) {
            println!("p={} train={:.3e} test={:.3e} [{:.2e},{:.2e}]", q.features, q.train_mse, q.test_mse, q.test_q1, q.test_q3);
        }
    }

    #[test]
    fn beyond_n_the_solution_is_the_minimum_norm_interpolant() {
        // For p > n the pseudo-inverse solution is Φᵀ(ΦΦᵀ)⁻¹y: it interpolates and has the least norm.
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let phi = DMatrix::from_fn(5, 9, |_, _| StandardNormal.sample(&mut rng));
        let y = DVector::from_fn(5, |i, _| i as f64 - 2.0);
        let w = min_norm_lstsq(&phi, &y);
        let explicit = phi.transpose() * (&phi * phi.transpose()).try_inverse().unwrap() * &y;
        assert!((&w - &explicit).norm() < 1e-10);
        assert!((&phi * &w - &y).norm() < 1e-10);
    }

    #[test]
    fn below_n_the_solution_is_ordinary_least_squares() {
        // For p < n (full column rank) it is (ΦᵀΦ)⁻¹Φᵀy, the normal equations' solution.
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let phi = DMatrix::from_fn(9, 4, |_, _| StandardNormal.sample(&mut rng));
        let y = DVector::from_fn(9, |i, _| (i as f64).sin());
        let explicit = (phi.transpose() * &phi).try_inverse().unwrap() * phi.transpose() * &y;
        assert!((min_norm_lstsq(&phi, &y) - explicit).norm() < 1e-10);
    }

    #[test]
    fn training_error_follows_sigma_squared_times_one_minus_p_over_n() {
        // With noise σ = 2 much larger than what p ≥ 10 features leave of the target, the mean training
        // MSE over 200 repeats is σ²(n − p)/n up to sampling error and a small model error.
        let p = CapacityParams { n_train: 40, noise: 2.0, max_features: 30, repeats: 200, seed: 7 };
        let r = run(&p);
        for q in [10u32, 20, 30] {
            let want = expected_train_mse(2.0, 40.0, q as f64);
            let got = r.at(q).unwrap().train_mse;
            // The training MSE is about σ²·χ²_{n−p}/n: its mean over 200 repeats has sd √(2(n−p))/n/√200.
            let sd = 4.0 * (2.0 * (40 - q) as f64).sqrt() / 40.0 / 200f64.sqrt();
            assert!((got - want).abs() < 4.0 * sd + 0.05 * want, "p = {q}: {got} vs {want}");
        }
    }

    #[test]
    fn training_error_vanishes_at_and_beyond_the_interpolation_threshold() {
        let r = run(&CapacityParams { repeats: 5, ..CapacityParams::default() });
        for q in [40u32, 41, 80, 200] {
            assert!(r.at(q).unwrap().train_mse < 1e-12, "p = {q}: {}", r.at(q).unwrap().train_mse);
        }
        assert!(r.at(20).unwrap().train_mse > 1e-3);
        assert_eq!(r.threshold, 40);
    }

    #[test]
    fn random_features_show_double_descent() {
        // Belkin et al. 2019, Fig. 2: the test error peaks at p = n and falls again beyond it.
        let r = run(&CapacityParams::default());
        let peak = r.at(40).unwrap().test_mse;
        let best_below = r.best_in(1..=30).unwrap().test_mse;
        let far = r.at(200).unwrap().test_mse;
        assert!(peak > 5.0 * best_below, "peak {peak} vs classical best {best_below}");
        assert!(peak > 5.0 * far, "peak {peak} vs p = 200: {far}");
        let argmax = r.points.iter().max_by(|a, b| a.test_mse.total_cmp(&b.test_mse)).unwrap().features;
        assert!((36..=44).contains(&argmax), "peak at p = {argmax}");
    }

    #[test]
    fn the_same_seed_gives_the_same_curve_and_another_seed_another() {
        let p = CapacityParams { repeats: 3, max_features: 30, ..CapacityParams::default() };
        assert_eq!(run(&p), run(&p));
        assert_ne!(run(&p), run(&CapacityParams { seed: 2, ..p.clone() }));
    }

    #[test]
    fn bad_parameters_and_too_costly_runs_are_refused() {
        let bad = |p: CapacityParams| p.validate().unwrap_err();
        assert!(matches!(bad(CapacityParams { n_train: 4, ..Default::default() }), ParamError::OutOfRange { field: "n_train", .. }));
        assert!(matches!(bad(CapacityParams { noise: f64::NAN, ..Default::default() }), ParamError::OutOfRange { field: "noise", .. }));
        assert!(matches!(bad(CapacityParams { noise: -0.1, ..Default::default() }), ParamError::OutOfRange { field: "noise", .. }));
        assert!(matches!(bad(CapacityParams { max_features: 1, ..Default::default() }), ParamError::OutOfRange { field: "max_features", .. }));
        assert!(matches!(bad(CapacityParams { repeats: 0, ..Default::default() }), ParamError::OutOfRange { field: "repeats", .. }));
        let costly = CapacityParams { n_train: 100, max_features: 300, repeats: 200, ..Default::default() };
        match bad(costly.clone()) {
            ParamError::TooCostly { max_repeats, .. } => {
                assert!(max_repeats >= 1 && CapacityParams { repeats: max_repeats as u32, ..costly }.validate().is_ok())
            }
            e => panic!("{e:?}"),
        }
        assert!(CapacityParams::default().validate().is_ok());
    }

    #[test]
    fn cancelling_stops_the_run() {
        let mut calls = 0;
        let r = simulate_capacity(&CapacityParams::default(), &mut |_| {
            calls += 1;
            calls < 3
        });
        assert_eq!(r.unwrap_err(), SimError::Cancelled);
    }
}
