//! Parameters and computations of the chapter-4 planners beyond the compute frontier: the
//! data-constrained explorer (Muennighoff et al. 2023), the inference-aware planner (Sardana &
//! Frankle 2023) and the preset comparison of the closed-form optimum (Hoffmann et al. 2022 vs
//! Besiroglu et al. 2024).
//!
//! They live here, web-free, so that the lesson compiler can validate a widget block with the same
//! rules the app applies to URL values, and so that every number a widget draws is computed (and
//! tested) natively. Each params struct is flat (numbers and kebab-case enums) because the app
//! stores it in the URL query as `?{id}.{field}=value`.
//!
//! Units: N parameters, D and U tokens, C FLOPs, L nats per token, epochs = D/U (dimensionless).

use serde::{Deserialize, Serialize};

use crate::chinchilla::{
    preset, ChinchillaParams, ComputeOptimal, InferenceError, InferenceOptimal, Preset,
    FLOPS_PER_PARAM_TOKEN_INFER, FLOPS_PER_PARAM_TOKEN_TRAIN,
};
use crate::muennighoff::{self, DataConstrainedError, R_D_STAR};

/// A widget parameter outside its allowed range (or an inconsistent combination).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PlannerParamError {
    /// `field` = `value` is outside [`min`, `max`] (or not finite).
    #[error("{field} = {value} must be between {min} and {max}")]
    OutOfRange {
        /// The params field (snake_case, as in the lesson block and the URL).
        field: &'static str,
        /// The rejected value.
        value: f64,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// The chosen epochs lie beyond the plotted range.
    #[error("epochs = {epochs} is beyond the plotted range (max_epochs = {max_epochs})")]
    EpochsBeyondRange {
        /// [`DataConstrainedParams::epochs`].
        epochs: f64,
        /// [`DataConstrainedParams::max_epochs`].
        max_epochs: f64,
    },
}

impl PlannerParamError {
    /// The offending field, when there is one (lets the lesson compiler point at its line).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            PlannerParamError::OutOfRange { field, .. } => Some(field),
            PlannerParamError::EpochsBeyondRange { .. } => Some("epochs"),
        }
    }
}

fn check(field: &'static str, value: f64, min: f64, max: f64) -> Result<(), PlannerParamError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(PlannerParamError::OutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}

/// `count` log-spaced values from `lo` to `hi` inclusive (both > 0, `count` ≥ 2).
fn log_space(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (l, h) = (lo.ln(), hi.ln());
    (0..count)
        .map(|i| (l + (h - l) * i as f64 / (count - 1) as f64).exp())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Data-constrained explorer

/// Knobs of the `data-constrained` widget: a model of `n` parameters trained for `epochs` passes
/// over `unique_tokens` unique tokens, with the law of Muennighoff et al. 2023 (arXiv:2305.16264,
/// App A, C4 fit; see [`crate::muennighoff`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataConstrainedParams {
    /// N, parameters (1e7 ..= 1e13).
    pub n: f64,
    /// U, unique tokens available (1e8 ..= 1e15).
    pub unique_tokens: f64,
    /// Epochs trained, D/U (1 ..= `max_epochs`).
    pub epochs: f64,
    /// Right end of the plotted epoch range (2 ..= 1000).
    pub max_epochs: f64,
    /// Marginal value of one more epoch, as a fraction of a fresh epoch, below which repeating is
    /// said to stop paying (0.01 ..= 0.99).
    pub threshold: f64,
}

impl Default for DataConstrainedParams {
    /// N = 8.67e9 and U = 25e9 are the setting of the datablations README example (the reference
    /// test vector `muen_sl_8.67e9`); 4 epochs, a plot up to 100 epochs, threshold one half.
    fn default() -> Self {
        DataConstrainedParams {
            n: 8.67e9,
            unique_tokens: 25e9,
            epochs: 4.0,
            max_epochs: 100.0,
            threshold: 0.5,
        }
    }
}

/// One point of [`DataConstrainedParams::curve`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataConstrainedPoint {
    /// Epochs, D/U.
    pub epochs: f64,
    /// D = U·epochs, tokens trained on.
    pub tokens: f64,
    /// D' = U + U·R_D*·(1 − e^(−R_D/R_D*)), R_D = epochs − 1, tokens.
    pub effective_tokens: f64,
    /// Data-constrained loss L(N, D, U), nats/token.
    pub loss: f64,
    /// The loss had all D tokens been unique, L(N, D, D), nats/token.
    pub loss_fresh: f64,
    /// dD'/dD: what the last token of this epoch is worth relative to a fresh one,
    /// e^(−R_D/R_D*).
    pub marginal_value: f64,
}

impl DataConstrainedParams {
    /// Checks every field against its range (see the field docs) and `epochs ≤ max_epochs`.
    pub fn validate(&self) -> Result<(), PlannerParamError> {
        check("n", self.n, 1e7, 1e13)?;
        check("unique_tokens", self.unique_tokens, 1e8, 1e15)?;
        check("max_epochs", self.max_epochs, 2.0, 1000.0)?;
        check("epochs", self.epochs, 1.0, 1000.0)?;
        check("threshold", self.threshold, 0.01, 0.99)?;
        if self.epochs > self.max_epochs {
            return Err(PlannerParamError::EpochsBeyondRange {
                epochs: self.epochs,
                max_epochs: self.max_epochs,
            });
        }
        Ok(())
    }

    /// The curve at `epochs` (≥ 1) for this N and U. Errors: invalid N or U (see
    /// [`muennighoff::loss`]).
    pub fn point(&self, epochs: f64) -> Result<DataConstrainedPoint, DataConstrainedError> {
        let u = self.unique_tokens;
        let epochs = epochs.max(1.0);
        let d = u * epochs;
        let r_d = epochs - 1.0;
        Ok(DataConstrainedPoint {
            epochs,
            tokens: d,
            effective_tokens: muennighoff::effective_data(u, r_d, R_D_STAR),
            loss: muennighoff::loss(self.n, d, u)?,
            loss_fresh: muennighoff::loss(self.n, d, d)?,
            marginal_value: (-r_d / R_D_STAR).exp(),
        })
    }

    /// `count` (≥ 2) log-spaced epochs from 1 to `max_epochs`, each with [`Self::point`].
    pub fn curve(&self, count: usize) -> Result<Vec<DataConstrainedPoint>, DataConstrainedError> {
        log_space(1.0, self.max_epochs.max(1.0 + 1e-9), count.max(2))
            .into_iter()
            .map(|e| self.point(e))
            .collect()
    }

    /// Epochs after which one more epoch is worth less than `threshold` of a fresh one:
    /// e^(−R_D/R_D*) = threshold ⇒ epochs = 1 + R_D*·ln(1/threshold).
    pub fn stop_epochs(&self) -> f64 {
        1.0 + R_D_STAR * (1.0 / self.threshold).ln()
    }
}

// ---------------------------------------------------------------------------------------------
// Inference-aware planner

/// Knobs of the `inference-planner` widget. The quality target is the loss of the
/// Chinchilla-optimal model at `budget` FLOPs under `preset`; the planner then finds the model
/// that reaches the same loss at the least lifetime compute 6·N·D_train + 2·N·D_inference (Sardana
/// & Frankle 2023, arXiv:2401.00448, Sec 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InferencePlannerParams {
    /// Constants of L(N, D).
    pub preset: Preset,
    /// Training budget C that sets the target loss, FLOPs (1e18 ..= 1e28).
    pub budget: f64,
    /// Tokens the model will generate or read in its lifetime of use (0 ..= 1e17).
    pub inference_tokens: f64,
}

impl Default for InferencePlannerParams {
    /// Hoffmann's printed constants at the Gopher/Chinchilla budget 5.76e23 FLOPs (Hoffmann et al.
    /// 2022, Table 3), serving 1e13 tokens.
    fn default() -> Self {
        InferencePlannerParams {
            preset: Preset::HoffmannRounded,
            budget: 5.76e23,
            inference_tokens: 1e13,
        }
    }
}

/// Lifetime cost of one model, from [`InferencePlannerParams::plan`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifetimeCost {
    /// Parameters.
    pub n: f64,
    /// Training tokens.
    pub d_train: f64,
    /// 6·N·D_train, FLOPs.
    pub train_flop: f64,
    /// 2·N·D_inference, FLOPs.
    pub inference_flop: f64,
    /// Their sum, FLOPs.
    pub total_flop: f64,
}

impl From<InferenceOptimal> for LifetimeCost {
    fn from(o: InferenceOptimal) -> Self {
        LifetimeCost {
            n: o.n,
            d_train: o.d_train,
            train_flop: o.train_flop,
            inference_flop: o.inference_flop,
            total_flop: o.total_flop,
        }
    }
}

/// Result of [`InferencePlannerParams::plan`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferencePlan {
    /// The Chinchilla optimum at the budget (it defines the target loss).
    pub chinchilla_optimum: ComputeOptimal,
    /// Target loss L = L(N_opt, D_opt), nats/token.
    pub target_loss: f64,
    /// The Chinchilla-optimal model with the inference load added.
    pub chinchilla: LifetimeCost,
    /// The lifetime-compute optimum at the same loss.
    pub inference_optimal: LifetimeCost,
    /// (N, total lifetime FLOPs, training FLOPs) along the iso-loss curve, for the chart.
    pub iso_loss: Vec<(f64, f64, f64)>,
}

impl InferencePlannerParams {
    /// Checks `budget` and `inference_tokens` against their ranges (see the field docs).
    pub fn validate(&self) -> Result<(), PlannerParamError> {
        check("budget", self.budget, 1e18, 1e28)?;
        check("inference_tokens", self.inference_tokens, 0.0, 1e17)?;
        Ok(())
    }

    /// Lifetime cost at `n` parameters on the iso-loss curve L(N, D) = `target`: D_train =
    /// (B/(L − E − A·N^−α))^(1/β); `None` when no D reaches the target at this N.
    pub fn cost_at(params: &ChinchillaParams, target: f64, n: f64, d_inference: f64) -> Option<LifetimeCost> {
        let r = target - params.e - params.a / n.powf(params.alpha);
        if r.is_nan() || r <= 0.0 {
            return None;
        }
        let d_train = (params.b / r).powf(1.0 / params.beta);
        let train_flop = FLOPS_PER_PARAM_TOKEN_TRAIN * n * d_train;
        let inference_flop = FLOPS_PER_PARAM_TOKEN_INFER * n * d_inference;
        Some(LifetimeCost {
            n,
            d_train,
            train_flop,
            inference_flop,
            total_flop: train_flop + inference_flop,
        })
    }

    /// Both optima and up to `count` (≥ 2) points of the iso-loss curve, log-spaced in N from just
    /// above the smallest model that can reach the loss (N_min = (A/(L − E))^(1/α)) to four times
    /// the larger of the two optima's N, without the points whose lifetime cost exceeds ten times
    /// the larger optimum's (the divergence near N_min). Errors: see
    /// [`ChinchillaParams::inference_optimal`].
    pub fn plan(&self, count: usize) -> Result<InferencePlan, InferenceError> {
        let p = preset(self.preset);
        let opt = p.compute_optimal(self.budget);
        let target = opt.l_opt;
        let chinchilla = Self::cost_at(&p, target, opt.n_opt, self.inference_tokens)
            // Rounding can put N_opt a hair inside the curve's domain edge only for absurd inputs;
            // fall back to the closed form's own D.
            .unwrap_or(LifetimeCost {
                n: opt.n_opt,
                d_train: opt.d_opt,
                train_flop: self.budget,
                inference_flop: FLOPS_PER_PARAM_TOKEN_INFER * opt.n_opt * self.inference_tokens,
                total_flop: self.budget + FLOPS_PER_PARAM_TOKEN_INFER * opt.n_opt * self.inference_tokens,
            });
        let best: LifetimeCost = p.inference_optimal(target, self.inference_tokens)?.into();
        let n_min = (p.a / (target - p.e)).powf(1.0 / p.alpha);
        let lo = n_min.max(best.n.min(opt.n_opt) / 30.0) * 1.02;
        let hi = 4.0 * best.n.max(opt.n_opt);
        // Near N_min the cost diverges; beyond ten times the optimum's cost the curve only hides
        // the region that matters, so those points are left out.
        let ceiling = 10.0 * best.total_flop.max(chinchilla.total_flop);
        let iso_loss = log_space(lo, hi, count.max(2))
            .into_iter()
            .filter_map(|n| Self::cost_at(&p, target, n, self.inference_tokens))
            .filter(|c| c.total_flop <= ceiling)
            .map(|c| (c.n, c.total_flop, c.train_flop))
            .collect();
        Ok(InferencePlan {
            chinchilla_optimum: opt,
            target_loss: target,
            chinchilla,
            inference_optimal: best,
            iso_loss,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Preset comparison

/// Knobs of the `preset-compare` widget: the closed-form compute-optimal allocation (Hoffmann et
/// al. 2022, App D.2) of every [`Preset`] at one budget, to show how much the printed rounding of
/// eq (10) moves N_opt (≈32B vs ≈40B at 5.76e23 FLOPs) and what the replication gives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresetCompareParams {
    /// Budget C, FLOPs (1e18 ..= 1e28).
    pub budget: f64,
}

impl Default for PresetCompareParams {
    /// Chinchilla's (and Gopher's) budget, 5.76e23 FLOPs (Hoffmann et al. 2022, Table 3).
    fn default() -> Self {
        PresetCompareParams { budget: 5.76e23 }
    }
}

impl PresetCompareParams {
    /// Checks `budget` against its range.
    pub fn validate(&self) -> Result<(), PlannerParamError> {
        check("budget", self.budget, 1e18, 1e28)
    }

    /// The closed-form optimum of every preset at the budget, in [`Preset::ALL`] order.
    pub fn optima(&self) -> Vec<(Preset, ComputeOptimal)> {
        Preset::ALL
            .into_iter()
            .map(|p| (p, preset(p).compute_optimal(self.budget)))
            .collect()
    }

    /// N_opt(C) of `p` at `count` (≥ 2) log-spaced budgets from `c_lo` to `c_hi` FLOPs, as
    /// (C, N_opt) pairs for the frontier chart.
    pub fn frontier(p: Preset, c_lo: f64, c_hi: f64, count: usize) -> Vec<(f64, f64)> {
        let params = preset(p);
        log_space(c_lo, c_hi, count.max(2))
            .into_iter()
            .map(|c| (c, params.compute_optimal(c).n_opt))
            .collect()
    }
}

/// N_opt at `c` FLOPs for the preset at index `index` of [`Preset::ALL`] (0 Hoffmann rounded,
/// 1 Hoffmann unrounded, 2 Besiroglu 2024, 3 Muennighoff C4), from the closed form. `None` for an
/// index out of range or a non-positive / non-finite budget. Used by the randomized exercises.
pub fn n_opt_for_preset_index(c: f64, index: usize) -> Option<f64> {
    let p = *Preset::ALL.get(index)?;
    (c.is_finite() && c > 0.0).then(|| preset(p).compute_optimal(c).n_opt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, rtol: f64) -> bool {
        (got - want).abs() <= rtol * want.abs()
    }

    /// Reference vector `muen_sl_8.67e9` (datablations README, exact f64 output): N 8.67e9,
    /// D 178e9, U 25e9 → 2.2269634075087867.
    #[test]
    fn data_constrained_point_matches_the_readme_example() {
        let p = DataConstrainedParams::default();
        let pt = p.point(178e9 / 25e9).unwrap();
        assert!(close(pt.loss, 2.2269634075087867, 1e-12), "{}", pt.loss);
        assert!(close(pt.tokens, 178e9, 1e-12));
    }

    /// Reference vectors `muen_Dprime_over_U_ep4` (3.725673123) and `..._ep16` (10.58245698): D'/U
    /// at 4 and 16 epochs.
    #[test]
    fn effective_tokens_match_reference() {
        let p = DataConstrainedParams {
            unique_tokens: 1e9,
            ..Default::default()
        };
        assert!(close(p.point(4.0).unwrap().effective_tokens / 1e9, 3.725673123, 1e-9));
        assert!(close(p.point(16.0).unwrap().effective_tokens / 1e9, 10.58245698, 1e-9));
    }

    /// One epoch is fresh data: no discount, and the repeated loss equals the fresh loss; repeated
    /// data is never better than fresh data (App A: D' ≤ D).
    #[test]
    fn repetition_never_beats_fresh_data() {
        let p = DataConstrainedParams::default();
        let one = p.point(1.0).unwrap();
        assert_eq!(one.marginal_value, 1.0);
        assert!(close(one.loss, one.loss_fresh, 1e-12));
        for pt in p.curve(40).unwrap() {
            assert!(pt.effective_tokens <= pt.tokens * (1.0 + 1e-12));
            assert!(pt.loss >= pt.loss_fresh - 1e-12, "{pt:?}");
        }
    }

    /// Marginal value e^(−R/R*) equals the threshold at the stop point; R_D* = 15.387756 (App A).
    #[test]
    fn stop_point_is_where_the_marginal_value_hits_the_threshold() {
        let p = DataConstrainedParams::default();
        let e = p.stop_epochs();
        assert!(close(e, 1.0 + 15.387756 * 2f64.ln(), 1e-12));
        assert!(close(p.point(e).unwrap().marginal_value, 0.5, 1e-12));
    }

    #[test]
    fn data_constrained_validation() {
        assert!(DataConstrainedParams::default().validate().is_ok());
        let bad = DataConstrainedParams {
            epochs: 200.0,
            ..Default::default()
        };
        assert!(matches!(bad.validate(), Err(PlannerParamError::EpochsBeyondRange { .. })));
        let bad = DataConstrainedParams {
            threshold: 1.0,
            ..Default::default()
        };
        assert_eq!(bad.validate().unwrap_err().field(), Some("threshold"));
        let bad = DataConstrainedParams {
            n: f64::NAN,
            ..Default::default()
        };
        assert_eq!(bad.validate().unwrap_err().field(), Some("n"));
    }

    /// With no inference load the planner's optimum is the Chinchilla one; reference vector
    /// `chin_opt_hoffmann_rounded_C5.76e+23`: N_opt 32189859150, L_opt 1.930748102.
    #[test]
    fn no_inference_gives_the_chinchilla_optimum() {
        let p = InferencePlannerParams {
            inference_tokens: 0.0,
            ..Default::default()
        };
        let plan = p.plan(50).unwrap();
        assert!(close(plan.target_loss, 1.930748102, 1e-9));
        assert!(close(plan.chinchilla.n, 32189859150.0, 1e-9));
        assert!(close(plan.inference_optimal.n, 32189859150.0, 1e-6));
        assert!(close(plan.chinchilla.train_flop, 5.76e23, 1e-9));
    }

    /// Sardana & Frankle Sec 3: with inference demand the optimum is a smaller model trained on
    /// more tokens, and it is never more expensive over the lifetime than the Chinchilla model.
    #[test]
    fn inference_load_shrinks_the_model() {
        let plan = InferencePlannerParams::default().plan(80).unwrap();
        let (c, b) = (plan.chinchilla, plan.inference_optimal);
        assert!(b.n < c.n && b.d_train > c.d_train, "{b:?} vs {c:?}");
        assert!(b.total_flop <= c.total_flop);
        // The chart's minimum is (to grid resolution) the optimum.
        let min = plan.iso_loss.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        assert!(min >= b.total_flop * (1.0 - 1e-9));
        assert!(plan.iso_loss.len() > 40);
        assert!(plan.iso_loss.iter().all(|p| p.1 <= 10.0 * c.total_flop));
    }

    #[test]
    fn inference_validation() {
        assert!(InferencePlannerParams::default().validate().is_ok());
        let bad = InferencePlannerParams {
            inference_tokens: -1.0,
            ..Default::default()
        };
        assert_eq!(bad.validate().unwrap_err().field(), Some("inference_tokens"));
    }

    /// Reference vectors at C = 5.76e23: hoffmann_rounded N_opt 32189859150, hoffmann_tex
    /// 40360938390 (Hoffmann Fig 4 "40B"), besiroglu 72248702500 (D/N 18.39), muennighoff_c4
    /// 69962173310.
    #[test]
    fn preset_optima_match_reference() {
        let o = PresetCompareParams::default().optima();
        let want = [32189859150.0, 40360938390.0, 72248702500.0, 69962173310.0];
        for ((_, opt), w) in o.iter().zip(want) {
            assert!(close(opt.n_opt, w, 1e-9), "{} vs {w}", opt.n_opt);
        }
        assert!(close(o[2].1.tokens_per_param, 18.39124496, 1e-9));
        assert!(close(n_opt_for_preset_index(5.76e23, 1).unwrap(), 40360938390.0, 1e-9));
        assert_eq!(n_opt_for_preset_index(5.76e23, 4), None);
        assert_eq!(n_opt_for_preset_index(-1.0, 0), None);
        let f = PresetCompareParams::frontier(Preset::HoffmannRounded, 1e21, 1e24, 4);
        assert!(close(f[0].1, 1824217697.0, 1e-9) && close(f[3].1, 41296702420.0, 1e-9));
    }

    /// Params round-trip through serde with kebab-case presets (URL and lesson-block format).
    #[test]
    fn serde_names() {
        let p = InferencePlannerParams {
            preset: Preset::Besiroglu2024,
            ..Default::default()
        };
        let s = serde_json::to_string(&p).unwrap();
        assert!(s.contains("\"besiroglu2024\""), "{s}");
        assert_eq!(serde_json::from_str::<InferencePlannerParams>(&s).unwrap(), p);
    }
}
