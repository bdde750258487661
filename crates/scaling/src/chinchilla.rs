//! The parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, "Training
//! Compute-Optimal Large Language Models", arXiv:2203.15556, eq 2 and App D.2), its published
//! presets, the closed-form compute-optimal allocation under C = 6·N·D (eq 4 and App D.2), a
//! numeric IsoFLOP profile that must agree with it, and the inference-aware optimum.
//!
//! Units throughout: N parameters (all parameters, embeddings included, Hoffmann App F),
//! D training tokens, C FLOPs, L nats per token.

use serde::{Deserialize, Serialize};

/// Training FLOPs per parameter per token (forward + backward), the "6" of C = 6·N·D.
pub const FLOPS_PER_PARAM_TOKEN_TRAIN: f64 = 6.0;
/// Inference (forward only) FLOPs per parameter per token, the "2" of 2·N·D_inference.
pub const FLOPS_PER_PARAM_TOKEN_INFER: f64 = 2.0;

/// Constants of L(N, D) = E + A/N^α + B/D^β.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChinchillaParams {
    /// E, the irreducible loss, nats/token.
    pub e: f64,
    /// A, nats/token · parameters^α.
    pub a: f64,
    /// B, nats/token · tokens^β.
    pub b: f64,
    /// α, exponent of N (dimensionless).
    pub alpha: f64,
    /// β, exponent of D (dimensionless).
    pub beta: f64,
}

/// Published constant sets for [`ChinchillaParams`]. Serialized in kebab-case
/// (`hoffmann-rounded`, `hoffmann-unrounded`, `besiroglu2024`, `muennighoff-c4`) for URLs and
/// lesson blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// Hoffmann et al. 2022 eq (10) as printed: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28.
    HoffmannRounded,
    /// Hoffmann et al. 2022 unrounded values from the paper's TeX source, as quoted by
    /// Besiroglu et al. 2024 (`true_params` in analyzing-chinchilla/data_analysis.ipynb).
    HoffmannUnrounded,
    /// Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", arXiv:2404.10102v2,
    /// Table 1: E 1.8172, A 482.01, B 2085.43, α 0.3478, β 0.3658.
    Besiroglu2024,
    /// Muennighoff et al. 2023, arXiv:2305.16264, App C4 coefficients / datablations README:
    /// a = ln A = 6.255414, b = ln B = 7.3049974, e = ln E = 0.6254804, α = β = 0.3526596.
    MuennighoffC4,
}

impl Preset {
    /// All presets, in display order.
    pub const ALL: [Preset; 4] = [
        Preset::HoffmannRounded,
        Preset::HoffmannUnrounded,
        Preset::Besiroglu2024,
        Preset::MuennighoffC4,
    ];

    /// The kebab-case name used in URLs and lesson blocks (same as the serde name).
    pub fn name(self) -> &'static str {
        match self {
            Preset::HoffmannRounded => "hoffmann-rounded",
            Preset::HoffmannUnrounded => "hoffmann-unrounded",
            Preset::Besiroglu2024 => "besiroglu2024",
            Preset::MuennighoffC4 => "muennighoff-c4",
        }
    }

    /// Parse a kebab-case name (see [`Preset::name`]); `None` if unknown.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Bibliographic source of the constants.
    pub fn source(self) -> &'static str {
        match self {
            Preset::HoffmannRounded => "Hoffmann et al. 2022, arXiv:2203.15556, App D.2 eq (10)",
            Preset::HoffmannUnrounded => {
                "Hoffmann et al. 2022 TeX source, via Besiroglu et al. 2024 (analyzing-chinchilla)"
            }
            Preset::Besiroglu2024 => "Besiroglu et al. 2024, arXiv:2404.10102v2, Table 1",
            Preset::MuennighoffC4 => {
                "Muennighoff et al. 2023, arXiv:2305.16264, App C4 / datablations README"
            }
        }
    }

    /// [`Preset::source`] as Chinese text cites it: authors' names kept, "et al." as 等, and
    /// equation, table and appendix as 式, 表, 附录 (as the chapters write them).
    pub fn source_zh(self) -> &'static str {
        match self {
            Preset::HoffmannRounded => "Hoffmann 等 2022，arXiv:2203.15556，附录 D.2 式 (10)",
            Preset::HoffmannUnrounded => {
                "Hoffmann 等 2022 的 TeX 源文件，经 Besiroglu 等 2024 整理（analyzing-chinchilla）"
            }
            Preset::Besiroglu2024 => "Besiroglu 等 2024，arXiv:2404.10102v2，表 1",
            Preset::MuennighoffC4 => {
                "Muennighoff 等 2023，arXiv:2305.16264，附录 C4 / datablations README"
            }
        }
    }
}

/// The constants of a [`Preset`].
pub fn preset(name: Preset) -> ChinchillaParams {
    match name {
        Preset::HoffmannRounded => ChinchillaParams {
            e: 1.69,
            a: 406.4,
            b: 410.7,
            alpha: 0.34,
            beta: 0.28,
        },
        Preset::HoffmannUnrounded => ChinchillaParams {
            e: 1.693373681,
            a: 406.4010175,
            b: 410.7228269,
            alpha: 0.33917084,
            beta: 0.2849083,
        },
        Preset::Besiroglu2024 => ChinchillaParams {
            e: 1.8172,
            a: 482.01,
            b: 2085.43,
            alpha: 0.3478,
            beta: 0.3658,
        },
        // The paper publishes the log-space parameters; A, B, E are their exponentials.
        Preset::MuennighoffC4 => ChinchillaParams {
            e: 0.6254804f64.exp(),
            a: 6.255414f64.exp(),
            b: 7.3049974f64.exp(),
            alpha: 0.3526596,
            beta: 0.3526596,
        },
    }
}

impl ChinchillaParams {
    /// L(N, D) = E + A/N^α + B/D^β in nats/token; `n` parameters, `d` tokens (Hoffmann eq 2).
    pub fn loss(&self, n: f64, d: f64) -> f64 {
        self.e + self.a / n.powf(self.alpha) + self.b / d.powf(self.beta)
    }

    /// Loss on the IsoFLOP curve of budget `c` FLOPs at `n` parameters: D = C/(6N).
    pub fn loss_at_compute(&self, n: f64, c: f64) -> f64 {
        self.loss(n, c / (FLOPS_PER_PARAM_TOKEN_TRAIN * n))
    }

    /// Closed-form compute-optimal allocation at `c` FLOPs under C = 6·N·D (Hoffmann eq 4,
    /// App D.2): G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β),
    /// N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b.
    pub fn compute_optimal(&self, c: f64) -> ComputeOptimal {
        let (alpha, beta) = (self.alpha, self.beta);
        let g = ((alpha * self.a) / (beta * self.b)).powf(1.0 / (alpha + beta));
        let a = beta / (alpha + beta);
        let b = alpha / (alpha + beta);
        let c6 = c / FLOPS_PER_PARAM_TOKEN_TRAIN;
        let n_opt = g * c6.powf(a);
        let d_opt = c6.powf(b) / g;
        ComputeOptimal {
            c,
            g,
            a,
            b,
            n_opt,
            d_opt,
            tokens_per_param: d_opt / n_opt,
            l_opt: self.loss(n_opt, d_opt),
        }
    }

    /// Loss along N at fixed compute `c` (an IsoFLOP profile): for each N of `n_grid`,
    /// (N, D = C/(6N), L(N, D)).
    pub fn isoflop_profile(&self, c: f64, n_grid: &[f64]) -> Vec<IsoFlopPoint> {
        n_grid
            .iter()
            .map(|&n| {
                let d = c / (FLOPS_PER_PARAM_TOKEN_TRAIN * n);
                IsoFlopPoint {
                    n,
                    d,
                    loss: self.loss(n, d),
                }
            })
            .collect()
    }

    /// Numeric minimum of the IsoFLOP profile at `c` FLOPs: golden-section search on ln N over
    /// [`n_lo`, `n_hi`] parameters (the profile is convex in ln N). Returns the minimizing point;
    /// it agrees with [`ChinchillaParams::compute_optimal`] when the optimum is inside the bracket.
    pub fn isoflop_minimum(&self, c: f64, n_lo: f64, n_hi: f64) -> IsoFlopPoint {
        let f = |ln_n: f64| self.loss_at_compute(ln_n.exp(), c);
        let ln_n = golden_section(f, n_lo.ln(), n_hi.ln(), 1e-12);
        let n = ln_n.exp();
        let d = c / (FLOPS_PER_PARAM_TOKEN_TRAIN * n);
        IsoFlopPoint {
            n,
            d,
            loss: self.loss(n, d),
        }
    }

    /// Inference-aware optimum: the (N, D_train) that reaches `target_loss` (nats/token) at the
    /// least lifetime compute 6·N·D_train + 2·N·`d_inference` FLOPs (Sardana & Frankle 2023,
    /// "Beyond Chinchilla-Optimal", arXiv:2401.00448, Sec 2). With `d_inference` = 0 it is the
    /// Chinchilla optimum whose L_opt equals the target.
    ///
    /// Errors: [`InferenceError::Unreachable`] if `target_loss` ≤ E (no finite model reaches it);
    /// [`InferenceError::InvalidInput`] for non-finite or negative `d_inference`.
    pub fn inference_optimal(
        &self,
        target_loss: f64,
        d_inference: f64,
    ) -> Result<InferenceOptimal, InferenceError> {
        if !target_loss.is_finite() || !d_inference.is_finite() || d_inference < 0.0 {
            return Err(InferenceError::InvalidInput);
        }
        let gap = target_loss - self.e;
        if gap <= 0.0 {
            return Err(InferenceError::Unreachable {
                target: target_loss,
                e: self.e,
            });
        }
        // At fixed L, D_train(N) = (B / (L − E − A N^−α))^(1/β) exists for N > N_min.
        // d(cost)/dN ∝ 6 D (1 − αA N^−α / (β r)) + 2 D_inf with r = L − E − A N^−α: negative
        // near N_min (r → 0) and positive as N → ∞, with a single sign change, so bisect on ln N.
        let ln_n_min = (self.a / gap).ln() / self.alpha;
        let d_of = |ln_n: f64| -> Option<(f64, f64)> {
            let n_pow = (-self.alpha * ln_n).exp();
            let r = gap - self.a * n_pow;
            if r <= 0.0 {
                return None;
            }
            Some(((self.b / r).powf(1.0 / self.beta), r))
        };
        let slope = |ln_n: f64| -> f64 {
            match d_of(ln_n) {
                None => f64::NEG_INFINITY,
                Some((d, r)) => {
                    let n_pow = (-self.alpha * ln_n).exp();
                    FLOPS_PER_PARAM_TOKEN_TRAIN
                        * d
                        * (1.0 - self.alpha * self.a * n_pow / (self.beta * r))
                        + FLOPS_PER_PARAM_TOKEN_INFER * d_inference
                }
            }
        };
        let mut lo = ln_n_min;
        let mut hi = ln_n_min + 1.0;
        let mut expansions = 0;
        while slope(hi) <= 0.0 {
            hi += 2.0;
            expansions += 1;
            if expansions > 200 {
                return Err(InferenceError::InvalidInput);
            }
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if slope(mid) <= 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
            if hi - lo < 1e-14 * hi.abs().max(1.0) {
                break;
            }
        }
        let ln_n = 0.5 * (lo + hi);
        let n = ln_n.exp();
        let (d_train, _) = d_of(ln_n).ok_or(InferenceError::InvalidInput)?;
        let train_flop = FLOPS_PER_PARAM_TOKEN_TRAIN * n * d_train;
        let inference_flop = FLOPS_PER_PARAM_TOKEN_INFER * n * d_inference;
        Ok(InferenceOptimal {
            n,
            d_train,
            train_flop,
            inference_flop,
            total_flop: train_flop + inference_flop,
            tokens_per_param: d_train / n,
        })
    }
}

/// Result of [`ChinchillaParams::compute_optimal`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComputeOptimal {
    /// Budget C, FLOPs.
    pub c: f64,
    /// G = (αA/(βB))^(1/(α+β)).
    pub g: f64,
    /// Exponent a in N_opt ∝ C^a.
    pub a: f64,
    /// Exponent b in D_opt ∝ C^b (a + b = 1).
    pub b: f64,
    /// Compute-optimal parameters.
    pub n_opt: f64,
    /// Compute-optimal training tokens.
    pub d_opt: f64,
    /// D_opt / N_opt, tokens per parameter.
    pub tokens_per_param: f64,
    /// L(N_opt, D_opt), nats/token.
    pub l_opt: f64,
}

/// One point of an IsoFLOP profile.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct IsoFlopPoint {
    /// Parameters.
    pub n: f64,
    /// Tokens, C/(6N).
    pub d: f64,
    /// Loss, nats/token.
    pub loss: f64,
}

/// Result of [`ChinchillaParams::inference_optimal`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferenceOptimal {
    /// Parameters.
    pub n: f64,
    /// Training tokens.
    pub d_train: f64,
    /// 6·N·D_train, FLOPs.
    pub train_flop: f64,
    /// 2·N·D_inference, FLOPs.
    pub inference_flop: f64,
    /// Sum of the two, FLOPs.
    pub total_flop: f64,
    /// D_train / N.
    pub tokens_per_param: f64,
}

/// Errors of [`ChinchillaParams::inference_optimal`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum InferenceError {
    /// The target loss is at or below the irreducible loss E.
    #[error("target loss {target} nats is not above the irreducible loss E = {e}")]
    Unreachable {
        /// Requested loss, nats/token.
        target: f64,
        /// E of the law, nats/token.
        e: f64,
    },
    /// Non-finite or negative input.
    #[error("inputs must be finite, with inference tokens ≥ 0")]
    InvalidInput,
}

/// Golden-section minimisation of a unimodal `f` on [lo, hi]; returns the abscissa.
pub(crate) fn golden_section(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64, tol: f64) -> f64 {
    let inv_phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut x1 = hi - inv_phi * (hi - lo);
    let mut x2 = lo + inv_phi * (hi - lo);
    let (mut f1, mut f2) = (f(x1), f(x2));
    for _ in 0..500 {
        if (hi - lo).abs() <= tol * (1.0 + lo.abs().max(hi.abs())) {
            break;
        }
        if f1 < f2 {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - inv_phi * (hi - lo);
            f1 = f(x1);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + inv_phi * (hi - lo);
            f2 = f(x2);
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_section_finds_a_parabola_vertex() {
        let x = golden_section(|x| (x - 1.25).powi(2) + 3.0, -10.0, 10.0, 1e-12);
        assert!((x - 1.25).abs() < 1e-6, "{x}");
    }

    /// a + b = 1 and N·D = C/6 hold by construction of the closed form (Hoffmann App D.2).
    #[test]
    fn closed_form_identities() {
        for p in Preset::ALL {
            let o = preset(p).compute_optimal(1e22);
            assert!((o.a + o.b - 1.0).abs() < 1e-15);
            assert!((6.0 * o.n_opt * o.d_opt / 1e22 - 1.0).abs() < 1e-12);
        }
    }
}
