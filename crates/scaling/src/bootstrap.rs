//! Nonparametric bootstrap (Efron 1979) with percentile intervals, seeded and cancellable.
//!
//! Each resample draws the runs with replacement (ChaCha8 seeded from a u64, so a given seed gives
//! the same intervals on every platform), refits, and records a vector of named quantities.
//! [`bootstrap_chinchilla`] records the five constants plus derived ones (a = β/(α+β), N_opt and
//! D_opt at a chosen C, the loss extrapolated to a chosen (N, D)).
//!
//! Warm starts: a full 4500-point grid per resample would cost 4500× a single fit, so each
//! resample starts L-BFGS from the full-data optimum, the usual practice for bootstrapping a fit
//! with an expensive multistart: a resample's optimum lies near the full-data one, so the warm
//! start lands in the same basin. Resamples whose fit does not converge are counted in
//! [`Bootstrap::failed`] and left out of the intervals, not hidden.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::fit::{fit_chinchilla_from, FitReport, LbfgsOptions};
use crate::Run;

/// A percentile interval of one quantity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower percentile ((1 − level)/2).
    pub lo: f64,
    /// Median of the resamples.
    pub median: f64,
    /// Upper percentile ((1 + level)/2).
    pub hi: f64,
}

/// Result of [`bootstrap`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bootstrap {
    /// Quantity names, in the order of `intervals` and of each sample row.
    pub names: Vec<String>,
    /// Percentile intervals at `level`, over the successful resamples.
    pub intervals: Vec<Interval>,
    /// Each successful resample's quantities.
    pub samples: Vec<Vec<f64>>,
    /// Resamples whose fit failed (returned `None`).
    pub failed: usize,
    /// Resamples attempted (less than requested if cancelled).
    pub attempted: usize,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
    /// True if the progress callback stopped the run.
    pub cancelled: bool,
    /// Seed used.
    pub seed: u64,
}

impl Bootstrap {
    /// Interval of the quantity called `name`, if present.
    pub fn get(&self, name: &str) -> Option<Interval> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| self.intervals[i])
    }
}

/// Errors of [`bootstrap`].
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum BootstrapError {
    /// No data.
    #[error("no runs to resample")]
    Empty,
    /// `level` outside (0, 1) or zero resamples.
    #[error("level must be in (0, 1) and resamples ≥ 1")]
    BadOptions,
    /// Every resample failed (or the run was cancelled before any succeeded).
    #[error("no resample produced a fit ({failed} failed)")]
    NoSuccess {
        /// Failed resamples.
        failed: usize,
    },
}

/// Percentile of sorted data with linear interpolation between order statistics (NumPy's
/// default "linear" method). `q` in [0, 1].
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Bootstrap `fit_fn` over `data`: `resamples` resamples of size data.len() drawn with
/// replacement (ChaCha8Rng seeded with `seed`), percentile intervals at `level` (e.g. 0.95).
/// `fit_fn` returns one value per entry of `names`, or `None` when the fit fails.
/// `progress(fraction done)` is called after each resample; returning false stops early and the
/// result has `cancelled = true` with the resamples done so far.
pub fn bootstrap(
    data: &[Run],
    names: &[&str],
    fit_fn: &mut dyn FnMut(&[Run]) -> Option<Vec<f64>>,
    resamples: usize,
    seed: u64,
    level: f64,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Bootstrap, BootstrapError> {
    if data.is_empty() {
        return Err(BootstrapError::Empty);
    }
    if !(level > 0.0 && level < 1.0) || resamples == 0 {
        return Err(BootstrapError::BadOptions);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut samples = Vec::with_capacity(resamples);
    let mut failed = 0;
    let mut attempted = 0;
    let mut cancelled = false;
    let mut sample = Vec::with_capacity(data.len());
    for i in 0..resamples {
        sample.clear();
        sample.extend((0..data.len()).map(|_| data[rng.random_range(0..data.len())].clone()));
        attempted += 1;
        match fit_fn(&sample) {
            Some(v) if v.len() == names.len() && v.iter().all(|x| x.is_finite()) => samples.push(v),
            _ => failed += 1,
        }
        if !progress((i + 1) as f64 / resamples as f64) {
            cancelled = true;
            break;
        }
    }
    if samples.is_empty() {
        return Err(BootstrapError::NoSuccess { failed });
    }
    let intervals = (0..names.len())
        .map(|j| {
            let mut col: Vec<f64> = samples.iter().map(|s| s[j]).collect();
            col.sort_by(f64::total_cmp);
            Interval {
                lo: percentile(&col, (1.0 - level) / 2.0),
                median: percentile(&col, 0.5),
                hi: percentile(&col, (1.0 + level) / 2.0),
            }
        })
        .collect();
    Ok(Bootstrap {
        names: names.iter().map(|s| s.to_string()).collect(),
        intervals,
        samples,
        failed,
        attempted,
        level,
        cancelled,
        seed,
    })
}

/// Names of the quantities recorded by [`bootstrap_chinchilla`], in order.
pub const CHINCHILLA_QUANTITIES: [&str; 9] =
    ["E", "A", "B", "alpha", "beta", "a", "N_opt", "D_opt", "L_extrap"];

/// Bootstrap a Chinchilla-form fit: each resample is refitted by L-BFGS warm-started from
/// `full.theta` (see the module docs); only converged refits count. Records E, A, B, α, β,
/// a = β/(α+β), the compute-optimal N_opt and D_opt at `c_for_opt` FLOPs and the loss at
/// `extrapolate_to` = (N, D) (names in [`CHINCHILLA_QUANTITIES`]).
///
/// N_opt and D_opt come from each refit's own constants by the closed form of Hoffmann et al. 2022,
/// App. D.2: N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b with G = (αA/(βB))^(1/(α+β)), a = β/(α+β),
/// b = α/(α+β) ([`crate::ChinchillaParams::compute_optimal`]), so every resample's pair spends
/// exactly C = 6·N_opt·D_opt.
#[allow(clippy::too_many_arguments)]
pub fn bootstrap_chinchilla(
    runs: &[Run],
    full: &FitReport,
    delta: f64,
    opts: &LbfgsOptions,
    c_for_opt: f64,
    extrapolate_to: (f64, f64),
    resamples: usize,
    seed: u64,
    level: f64,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Bootstrap, BootstrapError> {
    let start = full.theta;
    let mut fit = |sample: &[Run]| -> Option<Vec<f64>> {
        let r = fit_chinchilla_from(sample, start, delta, opts).ok()?;
        if !r.converged {
            return None;
        }
        let p = r.params;
        let opt = p.compute_optimal(c_for_opt);
        Some(vec![
            p.e,
            p.a,
            p.b,
            p.alpha,
            p.beta,
            opt.a,
            opt.n_opt,
            opt.d_opt,
            p.loss(extrapolate_to.0, extrapolate_to.1),
        ])
    };
    bootstrap(
        runs,
        &CHINCHILLA_QUANTITIES,
        &mut fit,
        resamples,
        seed,
        level,
        progress,
    )
}
