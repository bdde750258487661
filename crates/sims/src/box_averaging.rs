//! Box averaging: a nonparametric learner whose learning curve has slope −1/d.
//!
//! The argument (CS324 "Scaling laws", "why power laws"; course chapter 2): to estimate a smooth
//! function `f` on `[0,1]^d` from `n` noisy samples, cut the cube into boxes of side `h` and predict
//! the mean of the training labels in the test point's box. A box must hold about `k` points for
//! its average to be stable, so `h^d·n ≈ k`, i.e. `h = (k/n)^(1/d)`. For a Lipschitz `f` the bias of a
//! box average is proportional to `h`, so the error (RMSE) falls like `n^(−1/d)`: slope −1/d on
//! log–log axes. High-dimensional data learns slowly; Bahri et al. (2021) tie the observed exponents
//! to the *intrinsic* dimension of the data in the same way.
//!
//! Target used here: `f(x) = (1/√d)·Σ_i cos(π·x_i)`. It is smooth and Lipschitz (`|∇f| ≤ π`), its
//! variance under uniform `x` is 1/2 for every `d` (so curves for different `d` share a scale), and
//! it spans only half a period per axis, so even the large boxes forced on `d = 6` stay in the regime
//! where the bias grows linearly with `h`. Observations are `y = f(x) + ε`, `ε ~ N(0, noise²)`.
//! With `noise > 0` the box average also has variance `noise²/k`, which does not shrink with `n`
//! (k is held fixed), so the curve bends to a floor: the "irreducible" region of Hestness et al.
//!
//! The grid: `h` is real-valued, so `1/h` boxes rarely tile an axis exactly. Each axis gets
//! `m = ⌊1/h⌋` boxes of side `h`, centred, and the two slivers left at the ends (each narrower than
//! `h/2`) are merged into the end boxes: the cell index is `floor((x_i − offset)/h)` clamped to
//! `0..m`. Without the merge, the slivers' frequent empty boxes would change the slope (see the
//! comment in the code). A test point whose box holds no training point is given the global
//! training mean and counted in [`BoxAveragingResult::empty_fraction`].

use std::collections::HashMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

use crate::error::{CostUnit, ParamError, Progress, Rule, SimError};
use crate::loglog::{fit_loglog, floor_1_2_5, log_space_int, LineFit};

/// Largest dimension the widget offers.
pub const D_MAX: usize = 6;
/// Largest training-set size a run may use.
pub const N_MAX_LIMIT: u64 = 2_000_000;
/// Cap on [`BoxAveragingParams::cost`] (point-dimensions) for one run.
pub const MAX_COST: f64 = 2e8;
/// Most repeats per training-set size a run may use, whatever its cost.
pub const REPEATS_LIMIT: usize = 1000;

/// Parameters of the box-averaging widget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoxAveragingParams {
    /// Input dimension d, 1..=6.
    pub d: usize,
    /// Smallest training-set size n (points), ≥ 1.
    pub n_min: u64,
    /// Largest training-set size n (points), `n_min < n_max ≤ 2_000_000`.
    pub n_max: u64,
    /// Number of geometrically spaced training-set sizes, 2..=40.
    pub points: usize,
    /// Independent training sets per size, 1..=1000 ([`REPEATS_LIMIT`]), and within the cost cap
    /// (see [`BoxAveragingParams::max_repeats`]).
    pub repeats: usize,
    /// Expected training points per box, `k` in `h = (k/n)^(1/d)`: a whole number, 1..=10000 (an
    /// integer type, so a link cannot ask for 13.5 points per box). With `k` points per box on
    /// average a box is empty with probability ≈ `e^(−k)`.
    pub k: u32,
    /// Standard deviation of the observation noise ε (units of f), ≥ 0. Default 0: the pure
    /// bias-driven power law.
    pub noise: f64,
    /// Test points per training set at which the estimate is scored, 1..=100_000.
    pub test_points: usize,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
}

impl Default for BoxAveragingParams {
    /// The widget's opening state: [`BoxAveragingParams::default_for`]`(2)`.
    fn default() -> Self {
        Self::default_for(2)
    }
}

impl BoxAveragingParams {
    /// Defaults tuned per dimension: with seed 1 (and, checked while tuning, seeds 1–8) the
    /// fitted slope lies within 0.02 of −1/d for every d in 1..=6 (deviations seen: ≤ 0.015), no
    /// box is empty in more than 0.1 % of test points, and a run costs ≤ 1.3·10⁷ point-dimensions
    /// (d = 6 is the largest; a few seconds at most in a browser worker, less in a release build).
    /// The n range always spans at least a factor 3.5 in box side. `k` is a whole number for every d.
    ///
    /// Why per-d: the box side only shrinks like `n^(−1/d)`, so in d = 6 a factor of 1000 in n
    /// changes `h` by only √10 ≈ 3.2. Higher d therefore needs a larger `n_max` to see several box
    /// sizes, paid for with fewer repeats. Out-of-range `d` is clamped to 1..=6.
    pub fn default_for(d: usize) -> Self {
        let d = d.clamp(1, D_MAX);
        // Both ends of the n range put an integer number m of boxes on each axis (n = k·m^d), so
        // the end points, which steer the fitted slope most, carry no merged-sliver distortion.
        // `k` is raised in low d because there the bias gets tiny (RMSE ≈ 2e-4 at the largest n in
        // d = 1) and the rare empty box (probability ≈ e^(−k), error O(1)) would add a floor.
        let (k, m_min, m_max, repeats): (u32, u64, u64, usize) = match d {
            1 => (30, 4, 4_000, 4),
            2 => (15, 4, 130, 4),
            3 => (15, 3, 30, 2),
            4 => (10, 3, 15, 2),
            5 => (10, 2, 10, 1),
            _ => (10, 2, 7, 1),
        };
        let n_at = |m: u64| u64::from(k) * m.pow(d as u32);
        let (n_min, n_max) = (n_at(m_min), n_at(m_max));
        BoxAveragingParams {
            d,
            n_min,
            n_max,
            points: 10,
            repeats,
            k,
            noise: 0.0,
            test_points: 2_000,
            seed: 1,
        }
    }

    /// These parameters moved to dimension `d` (clamped to 1..=6): the n range, `k` and the repeats
    /// become [`BoxAveragingParams::default_for`]`(d)`'s, tuned for that dimension; the reader's
    /// noise, seed, number of sizes and test points are kept. What the widget's d control does.
    pub fn with_dimension(&self, d: usize) -> Self {
        let tuned = Self::default_for(d);
        BoxAveragingParams {
            noise: self.noise,
            seed: self.seed,
            points: self.points,
            test_points: self.test_points,
            ..tuned
        }
    }

    /// The training-set sizes the run will use (see [`log_space_int`]).
    pub fn sample_sizes(&self) -> Vec<u64> {
        log_space_int(self.n_min, self.n_max, self.points)
    }

    /// Box side `h = (k/n)^(1/d)` for a training set of `n` points (a fraction of the unit cube's
    /// side; ≥ 1 means a single box).
    pub fn box_side(&self, n: u64) -> f64 {
        (f64::from(self.k) / n as f64).powf(1.0 / self.d as f64)
    }

    /// Work of one run in point-dimensions: `repeats · Σ_n (n + test_points) · d` (each training
    /// and test point costs `d` coordinate draws, target terms and cell indices).
    pub fn cost(&self) -> f64 {
        self.cost_per_repeat() * self.repeats as f64
    }

    /// Point-dimensions of one repeat at every training-set size.
    fn cost_per_repeat(&self) -> f64 {
        self.sample_sizes()
            .iter()
            .map(|&n| (n as f64 + self.test_points as f64) * self.d as f64)
            .sum()
    }

    /// The most repeats that keep this d, n range and test-point count under [`MAX_COST`] (and
    /// ≤ [`REPEATS_LIMIT`]); 0 if even one repeat is too costly.
    pub fn max_repeats(&self) -> usize {
        crate::error::repeats_within(MAX_COST, self.cost_per_repeat(), REPEATS_LIMIT)
    }

    /// [`BoxAveragingParams::max_repeats`] rounded down to the 1–2–5 series ([`floor_1_2_5`]).
    pub fn repeats_bound(&self) -> usize {
        floor_1_2_5(self.max_repeats() as f64) as usize
    }

    /// Checks every range in the field docs and the cost cap [`MAX_COST`].
    pub fn validate(&self) -> Result<(), ParamError> {
        if !(1..=D_MAX).contains(&self.d) {
            return Err(ParamError::range(
                "d",
                self.d,
                Rule::Between {
                    min: 1.0,
                    max: D_MAX as f64,
                },
            ));
        }
        if self.n_min < 1 {
            return Err(ParamError::range("n_min", self.n_min, Rule::AtLeast(1.0)));
        }
        if self.n_max > N_MAX_LIMIT {
            return Err(ParamError::range(
                "n_max",
                self.n_max,
                Rule::AtMost(N_MAX_LIMIT as f64),
            ));
        }
        if self.n_min >= self.n_max {
            return Err(ParamError::range("n_max", self.n_max, Rule::Above("n_min")));
        }
        if !(2..=40).contains(&self.points) {
            return Err(ParamError::range(
                "points",
                self.points,
                Rule::Between {
                    min: 2.0,
                    max: 40.0,
                },
            ));
        }
        if !(1..=REPEATS_LIMIT).contains(&self.repeats) {
            return Err(ParamError::range(
                "repeats",
                self.repeats,
                Rule::Between {
                    min: 1.0,
                    max: REPEATS_LIMIT as f64,
                },
            ));
        }
        // Below 1 many test points land in empty boxes; k ≥ 1 also keeps the number of cells
        // (≤ n/k) small enough for the u64 cell key.
        if !(1..=10_000).contains(&self.k) {
            return Err(ParamError::range(
                "k",
                self.k,
                Rule::Between {
                    min: 1.0,
                    max: 10_000.0,
                },
            ));
        }
        if !(self.noise.is_finite() && self.noise >= 0.0) {
            return Err(ParamError::range("noise", self.noise, Rule::NonNegative));
        }
        if !(1..=100_000).contains(&self.test_points) {
            return Err(ParamError::range(
                "test_points",
                self.test_points,
                Rule::Between {
                    min: 1.0,
                    max: 100_000.0,
                },
            ));
        }
        let cost = self.cost();
        if cost > MAX_COST {
            return Err(ParamError::TooCostly {
                cost,
                cap: MAX_COST,
                unit: CostUnit::PointDimensions,
                max_repeats: self.max_repeats(),
            });
        }
        Ok(())
    }
}

/// The slope the theory predicts for the error (RMSE) against n on log–log axes: `−1/d`.
/// (The MSE, its square, has slope `−2/d`.) Answer key for the lesson's exercises.
pub fn theoretical_slope(d: usize) -> f64 {
    -1.0 / d as f64
}

/// The target function `f(x) = (1/√d)·Σ_i cos(π·x_i)` on `[0,1]^d` (see the module docs).
pub fn target(x: &[f64]) -> f64 {
    let s: f64 = x.iter().map(|&xi| (std::f64::consts::PI * xi).cos()).sum();
    s / (x.len().max(1) as f64).sqrt()
}

/// Measured learning curve of box averaging.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoxAveragingResult {
    /// Training-set sizes, strictly increasing.
    pub n: Vec<u64>,
    /// Box side `h` used at each `n` (fraction of the cube's side).
    pub box_side: Vec<f64>,
    /// RMSE of the estimate against the noise-free `f` at the test points, pooled over repeats
    /// (root of the mean squared error over all repeats' test points), in units of f.
    pub error: Vec<f64>,
    /// Fraction of test points whose box held no training point (they were given the global
    /// training mean instead), in `[0, 1]`.
    pub empty_fraction: Vec<f64>,
    /// Log–log OLS fit of `error` against `n`.
    pub fit: LineFit,
    /// `−1/d`, for comparison with `fit.slope`.
    pub theory_slope: f64,
}

/// Runs the simulation (see the module docs for the model). `progress` is called with a fraction
/// in `0..=1` at the start, about every 1 % of the work and at the end; returning `false` stops the
/// run with [`SimError::Cancelled`].
///
/// Errors: [`SimError::Invalid`] for bad parameters (nothing is computed), [`SimError::Cancelled`],
/// [`SimError::Fit`] if the curve cannot be fitted (e.g. an error of exactly 0).
pub fn simulate_box_averaging(
    p: &BoxAveragingParams,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<BoxAveragingResult, SimError> {
    simulate(p, progress, false)
}

/// Sum and count of the training labels that fell in each box, keyed by the cell index
/// `Σ_i idx_i·m^i` (m boxes per axis).
///
/// Boxes are held in a `HashMap` keyed by the cell index, which only stores occupied boxes and so
/// works for any number of cells. When the grid has at most a few boxes per training point (every
/// allowed `k ≥ 1`, since the grid has at most n/k cells) a dense vector indexed by the same key
/// gives identical sums several times faster, which keeps the default d = 6 run to a few seconds
/// at most in a browser. The sparse store stays for safety and as the reference the test compares
/// against.
enum Boxes {
    Dense(Vec<(f64, u32)>),
    Sparse(HashMap<u64, (f64, u32)>),
}

impl Boxes {
    fn new(total_cells: Option<u64>, n: u64, force_sparse: bool) -> Self {
        match total_cells {
            Some(c) if !force_sparse && c <= 4 * n + 4096 => {
                Boxes::Dense(vec![(0.0, 0); c as usize])
            }
            _ => Boxes::Sparse(HashMap::new()),
        }
    }

    fn clear(&mut self) {
        match self {
            Boxes::Dense(v) => v.iter_mut().for_each(|b| *b = (0.0, 0)),
            Boxes::Sparse(m) => m.clear(),
        }
    }

    fn add(&mut self, key: u64, y: f64) {
        let b = match self {
            Boxes::Dense(v) => &mut v[key as usize],
            Boxes::Sparse(m) => m.entry(key).or_insert((0.0, 0)),
        };
        b.0 += y;
        b.1 += 1;
    }

    /// Mean label of the box, `None` if it holds no training point.
    fn mean(&self, key: u64) -> Option<f64> {
        let &(sum, count) = match self {
            Boxes::Dense(v) => &v[key as usize],
            Boxes::Sparse(m) => m.get(&key)?,
        };
        (count > 0).then(|| sum / count as f64)
    }
}

fn simulate(
    p: &BoxAveragingParams,
    progress: &mut dyn FnMut(f64) -> bool,
    force_sparse: bool,
) -> Result<BoxAveragingResult, SimError> {
    p.validate()?;
    let sizes = p.sample_sizes();
    let d = p.d;
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let noise = Normal::new(0.0, p.noise)
        .map_err(|_| ParamError::range("noise", p.noise, Rule::NonNegative))?;
    let mut tracker = Progress::start(progress, p.cost())?;

    let mut x = vec![0.0; d];
    let (mut error, mut empty_fraction, mut box_side) = (Vec::new(), Vec::new(), Vec::new());
    for &n in &sizes {
        let h = p.box_side(n);
        // Full boxes per axis: m = ⌊1/h⌋. The 1 − m·h left over is split in two slivers (narrower
        // than h/2), one at each end of the axis, and each is merged into its neighbouring box by
        // clamping the index (so edge boxes are between h and 1.5·h wide). Left as separate boxes,
        // a sliver would hold ≈ k·(its width/h) points, often none, and its empty boxes would add
        // an O(1) error on a region of width O(h): an MSE ∝ h that swamps the bias MSE ∝ h² and
        // halves the slope. Centring halves the widest box compared with merging at one end only.
        // The tiny slack keeps h = 1/m (n = k·m^d exactly) from losing a box to round-off in powf.
        let cells = ((1.0 / h + 1e-9).floor() as u64).max(1);
        let offset = ((1.0 - cells as f64 * h) / 2.0).max(0.0);
        let last = (cells - 1) as f64;
        let key = |x: &[f64]| -> u64 {
            let mut acc = 0u64;
            for &xi in x {
                acc = acc * cells + ((xi - offset) / h).floor().clamp(0.0, last) as u64;
            }
            acc
        };
        // validate() bounds k ≥ 1 and n ≤ 2e6, so m^d ≤ n/k ≤ 2e6 and cannot overflow; checked
        // anyway because a wrong key would silently mix boxes.
        let total_cells = (0..d).try_fold(1u64, |acc, _| acc.checked_mul(cells));
        let mut boxes = Boxes::new(total_cells, n, force_sparse);
        let (mut sq_sum, mut empties) = (0.0, 0usize);
        for _ in 0..p.repeats {
            boxes.clear();
            let mut y_total = 0.0;
            for _ in 0..n {
                for xi in x.iter_mut() {
                    *xi = rng.random::<f64>();
                }
                let y = target(&x)
                    + if p.noise > 0.0 {
                        noise.sample(&mut rng)
                    } else {
                        0.0
                    };
                y_total += y;
                boxes.add(key(&x), y);
            }
            let global_mean = y_total / n as f64;
            for _ in 0..p.test_points {
                for xi in x.iter_mut() {
                    *xi = rng.random::<f64>();
                }
                let estimate = boxes.mean(key(&x)).unwrap_or_else(|| {
                    empties += 1;
                    global_mean
                });
                let diff = target(&x) - estimate;
                sq_sum += diff * diff;
            }
            tracker.advance((n as f64 + p.test_points as f64) * d as f64)?;
        }
        let scored = (p.repeats * p.test_points) as f64;
        error.push((sq_sum / scored).sqrt());
        empty_fraction.push(empties as f64 / scored);
        box_side.push(h);
    }
    tracker.finish()?;
    let xs: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    let fit = fit_loglog(&xs, &error)?;
    Ok(BoxAveragingResult {
        n: sizes,
        box_side,
        error,
        empty_fraction,
        fit,
        theory_slope: theoretical_slope(d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_box_stores_agree_exactly() {
        // Same draws, same sums in the same order: the two stores must give bit-identical results.
        for (d, k) in [(1, 3), (3, 1), (5, 2)] {
            let p = BoxAveragingParams {
                d,
                n_min: 50,
                n_max: 5_000,
                points: 3,
                repeats: 2,
                k,
                noise: 0.2,
                test_points: 500,
                seed: 4,
            };
            let dense = simulate(&p, &mut |_| true, false).unwrap();
            let sparse = simulate(&p, &mut |_| true, true).unwrap();
            assert_eq!(dense, sparse, "d = {d}, k = {k}");
        }
    }
}
