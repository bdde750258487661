//! Kaplan et al. (2020), "Scaling Laws for Neural Language Models", arXiv:2001.08361.
//!
//! The single-variable laws (eqs 1.1–1.3), the joint L(N, D) of eq 1.5 / Table 2, L(N, S_min) of
//! eq 1.6 / Table 3, the critical batch size (eq 1.4), the compute-efficient frontier of Table 6
//! and the PF-day conversion. Conventions of that paper: N counts *non-embedding* parameters,
//! D is tokens, C is in PF-days (1 PF-day = 10¹⁵ FLOP/s × 86 400 s = 8.64·10¹⁹ FLOP) and losses are
//! in nats per token. The constants are the paper's fitted values, as collected in
//! `shared/reference/scaling-laws.json` (`constants.kaplan2020`).

/// FLOPs in one PF-day: 10¹⁵ FLOP/s for 86 400 s (Kaplan et al. 2020, Sec 1.3 / Table 1).
pub const PF_DAY_FLOP: f64 = 8.64e19;

/// eq 1.1 exponent α_N and scale N_c (non-embedding parameters).
pub const ALPHA_N: f64 = 0.076;
/// eq 1.1 scale N_c, non-embedding parameters.
pub const N_C: f64 = 8.8e13;
/// eq 1.2 exponent α_D.
pub const ALPHA_D: f64 = 0.095;
/// eq 1.2 scale D_c, tokens.
pub const D_C: f64 = 5.4e13;
/// eq 1.3 exponent α_C^min.
pub const ALPHA_C_MIN: f64 = 0.050;
/// eq 1.3 scale C_c^min in PF-days (Figure 1's legend prints 2.3·10⁸; the text says 3.1·10⁸).
pub const C_C_MIN_PFDAYS: f64 = 3.1e8;
/// Fixed-batch compute law exponent α_C (Sec 1.2, Figure 1 left).
pub const ALPHA_C: f64 = 0.057;
/// Fixed-batch compute law scale C_c in PF-days.
pub const C_C_PFDAYS: f64 = 1.6e7;
/// eq 1.4 exponent α_B.
pub const ALPHA_B: f64 = 0.21;
/// eq 1.4 scale B_* in tokens (Table 5 gives 2.1·10⁸; eq 1.4 prints 2·10⁸).
pub const B_STAR_TOKENS: f64 = 2e8;

/// Convert FLOPs to PF-days (÷ 8.64·10¹⁹).
pub fn flop_to_pfdays(c_flop: f64) -> f64 {
    c_flop / PF_DAY_FLOP
}

/// Convert PF-days to FLOPs (× 8.64·10¹⁹).
pub fn pfdays_to_flop(c_pfdays: f64) -> f64 {
    c_pfdays * PF_DAY_FLOP
}

/// L(N) = (N_c / N)^α_N, eq 1.1: loss (nats/token) of a model with `n` non-embedding parameters
/// trained to convergence on enough data. α_N = 0.076, N_c = 8.8·10¹³.
pub fn loss_n(n: f64) -> f64 {
    (N_C / n).powf(ALPHA_N)
}

/// L(D) = (D_c / D)^α_D, eq 1.2: loss (nats/token) of a large model trained with early stopping on
/// `d` tokens. α_D = 0.095, D_c = 5.4·10¹³.
pub fn loss_d(d: f64) -> f64 {
    (D_C / d).powf(ALPHA_D)
}

/// L(C_min) = (C_c^min / C_min)^α_C^min, eq 1.3: loss (nats/token) on the compute-efficient
/// frontier at `c_min_pfdays` PF-days. α = 0.050, C_c^min = 3.1·10⁸ PF-days.
pub fn loss_c_min(c_min_pfdays: f64) -> f64 {
    (C_C_MIN_PFDAYS / c_min_pfdays).powf(ALPHA_C_MIN)
}

/// L(C) = (C_c / C)^α_C for training at a fixed batch size (Sec 1.2, Figure 1): `c_pfdays` in
/// PF-days, α_C = 0.057, C_c = 1.6·10⁷ PF-days.
pub fn loss_c_fixed_batch(c_pfdays: f64) -> f64 {
    (C_C_PFDAYS / c_pfdays).powf(ALPHA_C)
}

/// Joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, eq 1.5 with the Table 2 fit
/// (α_N = 0.076, α_D = 0.103, N_c = 6.4·10¹³, D_c = 1.8·10¹³). `n` non-embedding parameters,
/// `d` tokens, result in nats/token.
pub fn loss_nd_table2(n: f64, d: f64) -> f64 {
    const ALPHA_N_T2: f64 = 0.076;
    const ALPHA_D_T2: f64 = 0.103;
    const N_C_T2: f64 = 6.4e13;
    const D_C_T2: f64 = 1.8e13;
    ((N_C_T2 / n).powf(ALPHA_N_T2 / ALPHA_D_T2) + D_C_T2 / d).powf(ALPHA_D_T2)
}

/// L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S, eq 1.6 with the Table 3 fit (α_N = 0.077,
/// α_S = 0.76, N_c = 6.5·10¹³, S_c = 2.1·10³). `s_min` is the number of optimizer steps at very
/// large batch (eq 5.4). Result in nats/token.
pub fn loss_ns_table3(n: f64, s_min: f64) -> f64 {
    (6.5e13 / n).powf(0.077) + (2.1e3 / s_min).powf(0.76)
}

/// Critical batch size B_crit(L) = B_* / L^(1/α_B), eq 1.4, in tokens. The paper's values are
/// [`B_STAR_TOKENS`] = 2·10⁸ and [`ALPHA_B`] = 0.21; `loss` is in nats/token.
pub fn critical_batch(loss: f64, b_star: f64, alpha_b: f64) -> f64 {
    b_star / loss.powf(1.0 / alpha_b)
}

/// α_C^min predicted from the other exponents, eq 1.8 / eq B.7:
/// 1 / (1/α_S + 1/α_B + 1/α_N). With 0.76, 0.21, 0.076 this is 0.0520 (the paper prints 0.054
/// in Sec 6 and 0.052 in B.7).
pub fn alpha_c_min_theory(alpha_s: f64, alpha_b: f64, alpha_n: f64) -> f64 {
    1.0 / (1.0 / alpha_s + 1.0 / alpha_b + 1.0 / alpha_n)
}

/// The compute-efficient allocation of Table 6 at `c_min_pfdays` PF-days (C_min).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KaplanFrontier {
    /// Non-embedding parameters, N_opt = 1.3·10⁹ · C_min^0.73.
    pub n_opt: f64,
    /// Batch size in tokens, B = 2.0·10⁶ · C_min^0.24.
    pub batch_tokens: f64,
    /// Optimizer steps, S_min = 5.4·10³ · C_min^0.03.
    pub s_min: f64,
    /// Tokens for a single epoch, D_opt = 2·10¹⁰ · C_min^0.27.
    pub d_opt: f64,
}

/// Table 6: compute-efficient N, B, S_min and D as power laws of C_min (PF-days).
pub fn compute_efficient_frontier(c_min_pfdays: f64) -> KaplanFrontier {
    KaplanFrontier {
        n_opt: 1.3e9 * c_min_pfdays.powf(0.73),
        batch_tokens: 2.0e6 * c_min_pfdays.powf(0.24),
        s_min: 5.4e3 * c_min_pfdays.powf(0.03),
        d_opt: 2.0e10 * c_min_pfdays.powf(0.27),
    }
}

/// Kaplan's N_opt for a training budget of `c_flop` FLOPs, as Hoffmann et al. (2022) App D.4 use
/// it: C_min = C/2 (Kaplan's compute-efficient runs spend about half the steps of the fixed-batch
/// run, eq 5.5) converted to PF-days, then Table 6's N_opt = 1.3·10⁹ · C_min^0.73.
/// At 10²¹ FLOP this gives 4.68·10⁹, the "4.68B" of Hoffmann App D.4.
pub fn n_opt_for_flop(c_flop: f64) -> f64 {
    compute_efficient_frontier(flop_to_pfdays(c_flop / 2.0)).n_opt
}

/// Overfitting rule of eq 4.4: the smallest dataset (tokens) that keeps the overfitting penalty
/// small for `n` non-embedding parameters, D ≳ 5·10³ · N^0.74.
pub fn min_tokens_to_avoid_overfit(n: f64) -> f64 {
    5e3 * n.powf(0.74)
}
