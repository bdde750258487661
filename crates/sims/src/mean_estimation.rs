//! Mean estimation: the simplest learning curve, and the one whose exponent is known exactly.
//!
//! Draw `n` samples `x_j ~ N(0, σ²)` and estimate the mean by the sample mean `x̄`. Its error is
//! `E[(x̄ − 0)²] = σ²/n`, so `ln MSE = ln σ² − ln n`: a straight line of slope −1 on log–log axes
//! (CS324 "Scaling laws", the data-scaling part; course chapter 2). The simulation measures the MSE
//! by Monte Carlo over `repeats` independent samples for each `n` and fits the slope.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

use crate::error::{CostUnit, ParamError, Progress, Rule, SimError};
use crate::loglog::{fit_loglog, floor_1_2_5, log_space_int, LineFit};

/// Largest sample size a run may use.
pub const N_MAX_LIMIT: u64 = 1_000_000;
/// Cap on `Σ_n n·repeats`, the number of normal draws in one run.
pub const MAX_DRAWS: f64 = 5e8;
/// Most repeats per sample size a run may use, whatever its cost.
pub const REPEATS_LIMIT: usize = 10_000;

/// Parameters of the mean-estimation widget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanEstimationParams {
    /// Standard deviation σ of the sampled normal distribution (same unit as the samples), > 0.
    pub sigma: f64,
    /// Smallest sample size n (samples), ≥ 1.
    pub n_min: u64,
    /// Largest sample size n (samples), `n_min < n_max ≤ 1_000_000`.
    pub n_max: u64,
    /// Number of geometrically spaced sample sizes, 2..=40 (rounding may merge a few, see
    /// [`log_space_int`]).
    pub points: usize,
    /// Independent samples drawn per sample size to average the squared error over, 1..=10_000
    /// ([`REPEATS_LIMIT`]), and within the cost cap (see [`MeanEstimationParams::repeats_bound`]).
    pub repeats: usize,
    /// Seed of the ChaCha8 generator: the same seed gives the same result on every platform.
    pub seed: u64,
}

impl Default for MeanEstimationParams {
    /// σ = 1, n from 10 to 10 000 at 10 sizes, 200 repeats: about 5.6·10⁶ draws, well under a
    /// second in a browser. With 200 repeats each MSE point has a relative standard error of
    /// √(2/200) = 10 %, which is small against the three decades the line spans.
    fn default() -> Self {
        MeanEstimationParams {
            sigma: 1.0,
            n_min: 10,
            n_max: 10_000,
            points: 10,
            repeats: 200,
            seed: 1,
        }
    }
}

impl MeanEstimationParams {
    /// The sample sizes the run will use (see [`log_space_int`]).
    pub fn sample_sizes(&self) -> Vec<u64> {
        log_space_int(self.n_min, self.n_max, self.points)
    }

    /// Number of normal draws the run needs, `Σ_n n·repeats`.
    pub fn cost(&self) -> f64 {
        self.cost_per_repeat() * self.repeats as f64
    }

    /// Normal draws of one repeat at every sample size, `Σ_n n`.
    fn cost_per_repeat(&self) -> f64 {
        self.sample_sizes().iter().map(|&n| n as f64).sum()
    }

    /// The most repeats that keep this n range under [`MAX_DRAWS`] (and ≤ [`REPEATS_LIMIT`]);
    /// 0 if even one repeat is too costly.
    pub fn max_repeats(&self) -> usize {
        crate::error::repeats_within(MAX_DRAWS, self.cost_per_repeat(), REPEATS_LIMIT)
    }

    /// [`MeanEstimationParams::max_repeats`] rounded down to the 1–2–5 series ([`floor_1_2_5`]): a
    /// round bound for a repeats control. Computed for the costliest n range the controls offer (both
    /// ends at their largest), every other range is cheaper, so any repeats up to it pass the cost cap.
    pub fn repeats_bound(&self) -> usize {
        floor_1_2_5(self.max_repeats() as f64) as usize
    }

    /// Checks every range in the field docs and the cost cap [`MAX_DRAWS`].
    pub fn validate(&self) -> Result<(), ParamError> {
        if !(self.sigma.is_finite() && self.sigma > 0.0) {
            return Err(ParamError::range("sigma", self.sigma, Rule::Positive));
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
        let cost = self.cost();
        if cost > MAX_DRAWS {
            return Err(ParamError::TooCostly {
                cost,
                cap: MAX_DRAWS,
                unit: CostUnit::NormalDraws,
                max_repeats: self.max_repeats(),
            });
        }
        Ok(())
    }
}

/// Expected squared error of the sample mean of `n` draws with standard deviation `sigma`:
/// `σ²/n` (in squared sample units). Answer key for the lesson's randomized exercises; no checks
/// (n = 0 gives +∞, as the formula does).
pub fn expected_mse(sigma: f64, n: f64) -> f64 {
    sigma * sigma / n
}

/// Measured learning curve of the sample mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanEstimationResult {
    /// Sample sizes, strictly increasing.
    pub n: Vec<u64>,
    /// Monte Carlo MSE at each `n` (mean over repeats of `x̄²`), same length as `n`.
    pub mse: Vec<f64>,
    /// `σ²/n` at each `n`, same length as `n`.
    pub theory: Vec<f64>,
    /// Log–log OLS fit of `mse` against `n`; the slope should be close to −1.
    pub fit: LineFit,
}

/// Runs the simulation. `progress(f)` is called with `f` in `0..=1` at the start, about every 1 % of
/// the draws and at the end; returning `false` stops the run with [`SimError::Cancelled`].
///
/// Errors: [`SimError::Invalid`] for bad parameters (nothing is drawn), [`SimError::Cancelled`],
/// [`SimError::Fit`] if the curve cannot be fitted (practically impossible: it needs an MSE of 0).
pub fn simulate_mean_estimation(
    p: &MeanEstimationParams,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<MeanEstimationResult, SimError> {
    p.validate()?;
    let sizes = p.sample_sizes();
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let normal = Normal::new(0.0, p.sigma)
        .map_err(|_| ParamError::range("sigma", p.sigma, Rule::Positive))?;
    let mut tracker = Progress::start(progress, p.cost())?;
    let mut mse = Vec::with_capacity(sizes.len());
    for &n in &sizes {
        let mut sum_sq = 0.0;
        for _ in 0..p.repeats {
            let sum: f64 = (0..n).map(|_| normal.sample(&mut rng)).sum();
            let mean = sum / n as f64;
            sum_sq += mean * mean;
            tracker.advance(n as f64)?;
        }
        mse.push(sum_sq / p.repeats as f64);
    }
    tracker.finish()?;
    let theory: Vec<f64> = sizes
        .iter()
        .map(|&n| expected_mse(p.sigma, n as f64))
        .collect();
    let x: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    let fit = fit_loglog(&x, &mse)?;
    Ok(MeanEstimationResult {
        n: sizes,
        mse,
        theory,
        fit,
    })
}
