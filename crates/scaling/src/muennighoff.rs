//! The data-constrained scaling law of Muennighoff et al. (2023), "Scaling Data-Constrained
//! Language Models", arXiv:2305.16264, App A (eq "finvals") with the C4 coefficients, as
//! implemented in the huggingface/datablations README ("Parametric Fit").
//!
//! Repeated data is worth less than fresh data: with U_D unique tokens seen for R_D repetitions
//! (D = U_D·(1 + R_D)), the effective data is D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*)), which
//! saturates at U_D·(1 + R_D*). Parameters beyond what U_D tokens can use are discounted the same
//! way with R_N*. The loss is then the Chinchilla form evaluated at (N', D').

use crate::chinchilla::{preset, ChinchillaParams, Preset};

/// R_D*, repetitions after which repeated data is worth 1/e of fresh data (fitted, App A).
pub const R_D_STAR: f64 = 15.387756;
/// R_N*, the same decay constant for excess parameters (fitted, App A).
pub const R_N_STAR: f64 = 5.309743;

/// Effective data D' = U + U·R*·(1 − e^(−R/R*)), in tokens: `unique` tokens U repeated `repeats`
/// times beyond the first epoch (R_D = D/U − 1 ≥ 0; negative values are clamped to 0) with decay
/// constant `r_star` (repetitions, [`R_D_STAR`] in the paper).
pub fn effective_data(unique: f64, repeats: f64, r_star: f64) -> f64 {
    let r = repeats.max(0.0);
    unique + unique * r_star * (1.0 - (-r / r_star).exp())
}

/// Effective parameters N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)) for `n` parameters when only
/// `unique_tokens` unique tokens exist: U_N = min(N, N_opt(U_D)) with
/// N_opt(D) = (D·G)^(β/α)·G (the compute-optimal N for D tokens under `params`, so U_N = G²·U_D
/// when α = β) and R_N = N/U_N − 1. Returns (N', U_N).
pub fn effective_params(
    n: f64,
    unique_tokens: f64,
    params: &ChinchillaParams,
    r_n_star: f64,
) -> (f64, f64) {
    let u_n = n.min(n_for_tokens(unique_tokens, params));
    let r_n = (n / u_n - 1.0).max(0.0);
    (u_n + u_n * r_n_star * (1.0 - (-r_n / r_n_star).exp()), u_n)
}

/// Compute-optimal parameters for `d` tokens under `params`: (D·G)^(β/α)·G with
/// G = (αA/(βB))^(1/(α+β)) (datablations README `D_to_N`).
pub fn n_for_tokens(d: f64, params: &ChinchillaParams) -> f64 {
    let g = ((params.alpha * params.a) / (params.beta * params.b))
        .powf(1.0 / (params.alpha + params.beta));
    (d * g).powf(params.beta / params.alpha) * g
}

/// Errors of [`loss`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataConstrainedError {
    /// U > D: more unique tokens than total tokens.
    #[error("unique tokens U = {unique} exceed total tokens D = {total}")]
    UniqueExceedsTotal {
        /// U, tokens.
        unique: f64,
        /// D, tokens.
        total: f64,
    },
    /// A non-positive or non-finite input.
    #[error("N, D and U must be finite and positive")]
    NonPositive,
}

/// Data-constrained loss L(N, D, U) in nats/token with the C4 fit (Muennighoff et al. 2023 App A,
/// datablations README): `n` parameters, `d` total tokens, `unique` unique tokens (U ≤ D).
/// L = E + A/N'^α + B/D'^β with N', D' from [`effective_params`] and [`effective_data`] using
/// [`R_N_STAR`], [`R_D_STAR`] and [`Preset::MuennighoffC4`].
pub fn loss(n: f64, d: f64, unique: f64) -> Result<f64, DataConstrainedError> {
    loss_with(
        n,
        d,
        unique,
        &preset(Preset::MuennighoffC4),
        R_N_STAR,
        R_D_STAR,
    )
}

/// [`loss`] with explicit constants.
pub fn loss_with(
    n: f64,
    d: f64,
    unique: f64,
    params: &ChinchillaParams,
    r_n_star: f64,
    r_d_star: f64,
) -> Result<f64, DataConstrainedError> {
    if !(n.is_finite() && d.is_finite() && unique.is_finite())
        || n <= 0.0
        || d <= 0.0
        || unique <= 0.0
    {
        return Err(DataConstrainedError::NonPositive);
    }
    if unique > d {
        return Err(DataConstrainedError::UniqueExceedsTotal { unique, total: d });
    }
    let r_d = (d / unique - 1.0).max(0.0);
    let (n_eff, _) = effective_params(n, unique, params, r_n_star);
    let d_eff = effective_data(unique, r_d, r_d_star);
    Ok(params.e + params.a / n_eff.powf(params.alpha) + params.b / d_eff.powf(params.beta))
}
