//! Seeded, web-free simulations behind chapter 1, "Generalization", and chapter 2, "Where power laws
//! come from".
//!
//! - [`capacity`]: train and test error against the number of random features, the classical U and
//!   double descent with minimum-norm least squares (chapter 1).
//! - [`loglog`]: geometric grids of sample sizes and the log–log line fit that turns a learning
//!   curve into an exponent.
//! - [`mean_estimation`]: the sample mean's squared error falls as `σ²/n`, slope −1.
//! - [`box_averaging`]: averaging over boxes in `[0,1]^d` has error ≈ `n^(−1/d)`, slope −1/d.
//!
//! The app runs the simulations in a Web Worker (hence the progress/cancel callback and the
//! absence of threads, clocks and OS randomness: every run is a pure function of its parameters,
//! seed included), and the lesson compiler uses the closed forms ([`expected_mse`],
//! [`theoretical_slope`]) as answer keys for randomized exercises.
//!
//! Sources:
//! - J. Hestness et al., "Deep Learning Scaling is Predictable, Empirically", 2017,
//!   arXiv:1712.00409: learning curves have a small-data region, a power-law region and an
//!   irreducible-error region.
//! - Y. Bahri, E. Dyer, J. Kaplan, J. Lee, U. Sharma, "Explaining Neural Scaling Laws", 2021,
//!   arXiv:2102.06701: in the resolution-limited regime the exponent is set by the intrinsic
//!   dimension d of the data, scaling like 1/d.
//! - Stanford CS324 (Large Language Models), lecture "Scaling laws": mean estimation (error σ²/n)
//!   and nonparametric box averaging (error ≈ n^(−1/d)) as toy models of why power laws appear.

pub mod box_averaging;
pub mod capacity;
pub mod error;
pub mod loglog;
pub mod mean_estimation;

pub use box_averaging::{
    simulate_box_averaging, theoretical_slope, BoxAveragingParams, BoxAveragingResult,
};
pub use error::{CostUnit, ParamError, Rule, SimError};
pub use loglog::{fit_loglog, floor_1_2_5, log_space, log_space_int, FitError, LineFit};
pub use mean_estimation::{
    expected_mse, simulate_mean_estimation, MeanEstimationParams, MeanEstimationResult,
};
