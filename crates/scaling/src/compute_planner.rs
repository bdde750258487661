//! Parameters and computation of the compute planner widget (chapters 3–4): a training budget
//! (FLOPs, or GPUs × hours × peak FLOP/s × utilization), IsoFLOP profiles for several budgets with
//! their minima, the compute-optimal frontier of a Chinchilla-form preset, Kaplan's allocation
//! for the same budget, and famous models ([`crate::famous_models`]) placed against the frontier.
//!
//! Web-free and closed-form (a few thousand `powf`), cheap enough for the main thread.
//! Units: N parameters, D tokens, C FLOPs (C = 6·N·D), L nats/token, time in hours, throughput
//! in FLOP/s per GPU.

use serde::{Deserialize, Serialize};

use crate::chinchilla::{preset, ComputeOptimal, IsoFlopPoint, Preset, FLOPS_PER_PARAM_TOKEN_TRAIN};
use crate::famous_models::{FamousModel, FAMOUS_MODELS};
use crate::kaplan;
use crate::law_explorer::{above, check, positive, within, ParamError, Rule, Unit};

/// How the budget is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BudgetMode {
    /// `c` FLOPs directly.
    Flops,
    /// `gpus` × `hours` × 3600 × `peak_flops` × `utilization`.
    Gpu,
}

/// Every knob of the compute planner. URL keys and lesson TOML keys are the field names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComputePlannerParams {
    /// `flops` or `gpu`.
    pub budget_mode: BudgetMode,
    /// Budget in FLOPs when `budget_mode = "flops"` (in [10¹⁵, 10³⁰]).
    pub c: f64,
    /// Number of accelerators (in [1, 10⁷]).
    pub gpus: f64,
    /// Wall-clock hours (in (0, 10⁶]).
    pub hours: f64,
    /// Peak throughput per accelerator, FLOP/s (in (0, 10¹⁸]).
    pub peak_flops: f64,
    /// Model FLOPs utilization, fraction of peak (in (0, 1]).
    pub utilization: f64,
    /// The Chinchilla-form law that defines the optimum.
    pub preset: Preset,
    /// IsoFLOP curves drawn, one decade apart around the budget (1 ..= 7).
    pub curves: u32,
    /// Place the famous models on the allocation chart.
    pub show_models: bool,
}

impl Default for ComputePlannerParams {
    /// Gopher's budget, 5.76·10²³ FLOPs (Hoffmann et al. 2022, Sec 4), under the rounded
    /// Hoffmann constants; the GPU fields describe 1024 accelerators for 30 days at 312 TFLOP/s
    /// peak (NVIDIA A100 dense BF16) and 40 % utilization.
    fn default() -> Self {
        ComputePlannerParams {
            budget_mode: BudgetMode::Flops,
            c: 5.76e23,
            gpus: 1024.0,
            hours: 720.0,
            peak_flops: 312e12,
            utilization: 0.4,
            preset: Preset::HoffmannRounded,
            curves: 5,
            show_models: true,
        }
    }
}

/// One IsoFLOP profile and its minimum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IsoFlopCurve {
    /// Budget, FLOPs.
    pub c: f64,
    /// (N, D = C/(6N), L) along N, log-spaced over N_opt/30 … 30·N_opt.
    pub points: Vec<IsoFlopPoint>,
    /// The closed-form minimum (Hoffmann eq 4).
    pub minimum: ComputeOptimal,
}

/// Kaplan's allocation of the same budget, scored with the chosen preset.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct KaplanAllocation {
    /// N from Kaplan Table 6 ([`kaplan::n_opt_for_flop`]), parameters.
    pub n: f64,
    /// D = C/(6N), tokens.
    pub d: f64,
    /// D/N.
    pub tokens_per_param: f64,
    /// The chosen preset's L(N, D), nats/token.
    pub loss: f64,
}

/// A famous model placed against the frontier of the chosen preset.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ModelPlacement {
    /// The model (name, N, D, source).
    pub model: FamousModel,
    /// C = 6·N·D, FLOPs (`None` without D).
    pub c: Option<f64>,
    /// The preset's compute-optimal N at that C.
    pub n_opt: Option<f64>,
    /// N / N_opt (> 1: larger than compute-optimal).
    pub size_ratio: Option<f64>,
    /// The preset's L(N, D), nats/token.
    pub loss: Option<f64>,
    /// The preset's L_opt at the same C, nats/token.
    pub l_opt: Option<f64>,
}

/// Everything the planner draws and prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The budget, FLOPs.
    pub budget: f64,
    /// The optimum at the budget under the preset.
    pub optimum: ComputeOptimal,
    /// Kaplan's allocation at the budget.
    pub kaplan: KaplanAllocation,
    /// IsoFLOP profiles, smallest budget first.
    pub curves: Vec<IsoFlopCurve>,
    /// The preset's frontier: optimum at log-spaced budgets spanning the curves and the models.
    pub frontier: Vec<ComputeOptimal>,
    /// Kaplan's frontier (C, N) at the same budgets.
    pub kaplan_frontier: Vec<(f64, f64)>,
    /// Famous models, when shown.
    pub models: Vec<ModelPlacement>,
}

fn log_grid(lo: f64, hi: f64, k: usize) -> Vec<f64> {
    let (l0, l1) = (lo.ln(), hi.ln());
    (0..k).map(|i| (l0 + (l1 - l0) * i as f64 / (k - 1).max(1) as f64).exp()).collect()
}

impl ComputePlannerParams {
    /// The budget in FLOPs: `c`, or gpus × hours × 3600 s × peak FLOP/s × utilization.
    pub fn budget_flop(&self) -> f64 {
        match self.budget_mode {
            BudgetMode::Flops => self.c,
            BudgetMode::Gpu => self.gpus * self.hours * 3600.0 * self.peak_flops * self.utilization,
        }
    }

    /// The budgets of the IsoFLOP curves: `curves` values one decade apart, containing the budget.
    pub fn budgets(&self) -> Vec<f64> {
        let k = self.curves.max(1) as i32;
        let c = self.budget_flop();
        (0..k).map(|i| c * 10f64.powi(i - (k - 1) / 2)).collect()
    }

    /// Checks every field (and that the GPU budget lands in [10¹⁵, 10³⁰] FLOPs).
    pub fn validate(&self) -> Result<(), ParamError> {
        check(positive(self.c) && (1e15..=1e30).contains(&self.c), "c", self.c, within(1e15, 1e30, Unit::Flops))?;
        check(self.gpus.is_finite() && (1.0..=1e7).contains(&self.gpus), "gpus", self.gpus, within(1.0, 1e7, Unit::None))?;
        check(positive(self.hours) && self.hours <= 1e6, "hours", self.hours, above(0.0, 1e6, Unit::Hours))?;
        check(positive(self.peak_flops) && self.peak_flops <= 1e18, "peak_flops", self.peak_flops, above(0.0, 1e18, Unit::FlopsPerSecond))?;
        check(positive(self.utilization) && self.utilization <= 1.0, "utilization", self.utilization, above(0.0, 1.0, Unit::None))?;
        check((1..=7).contains(&self.curves), "curves", self.curves, within(1.0, 7.0, Unit::None))?;
        if self.budget_mode == BudgetMode::Gpu {
            let b = self.budget_flop();
            check((1e15..=1e30).contains(&b), "hours", self.hours, Rule::GpuBudget { min: 1e15, max: 1e30 })?;
        }
        Ok(())
    }

    /// Compute the plan. Call [`Self::validate`] first; invalid parameters give meaningless
    /// numbers, not a panic.
    pub fn plan(&self) -> Plan {
        let law = preset(self.preset);
        let budget = self.budget_flop();
        let optimum = law.compute_optimal(budget);
        let kn = kaplan::n_opt_for_flop(budget);
        let kd = budget / (FLOPS_PER_PARAM_TOKEN_TRAIN * kn);
        let kaplan = KaplanAllocation { n: kn, d: kd, tokens_per_param: kd / kn, loss: law.loss(kn, kd) };
        let curves: Vec<IsoFlopCurve> = self
            .budgets()
            .into_iter()
            .map(|c| {
                let minimum = law.compute_optimal(c);
                let grid = log_grid(minimum.n_opt / 30.0, minimum.n_opt * 30.0, 41);
                IsoFlopCurve { c, points: law.isoflop_profile(c, &grid), minimum }
            })
            .collect();
        let models: Vec<ModelPlacement> = if self.show_models {
            FAMOUS_MODELS
                .iter()
                .map(|m| {
                    let c = m.c();
                    let opt = c.map(|c| law.compute_optimal(c));
                    ModelPlacement {
                        model: *m,
                        c,
                        n_opt: opt.map(|o| o.n_opt),
                        size_ratio: opt.map(|o| m.n / o.n_opt),
                        loss: m.d.map(|d| law.loss(m.n, d)),
                        l_opt: opt.map(|o| o.l_opt),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut lo = curves.first().map_or(budget, |c| c.c) / 10.0;
        let mut hi = curves.last().map_or(budget, |c| c.c) * 10.0;
        for c in models.iter().filter_map(|m| m.c) {
            lo = lo.min(c / 2.0);
            hi = hi.max(c * 2.0);
        }
        let cs = log_grid(lo, hi, 41);
        let frontier = cs.iter().map(|&c| law.compute_optimal(c)).collect();
        let kaplan_frontier = cs.iter().map(|&c| (c, kaplan::n_opt_for_flop(c))).collect();
        Plan { budget, optimum, kaplan, curves, frontier, kaplan_frontier, models }
    }

    /// The plan's numbers as CSV: one row per IsoFLOP point (kind `isoflop`), per curve minimum
    /// (`minimum`), the Kaplan allocation (`kaplan`) and per placed model (`model`), with columns
    /// kind, label, C_flop, N_params, D_tokens, tokens_per_param, loss_nats.
    pub fn table_csv(&self) -> String {
        let plan = self.plan();
        let mut w = csv::Writer::from_writer(Vec::new());
        let f = |v: f64| format!("{v:.6e}");
        let o = |v: Option<f64>| v.map_or(String::new(), f);
        let _ = w.write_record(["kind", "label", "C_flop", "N_params", "D_tokens", "tokens_per_param", "loss_nats"]);
        for curve in &plan.curves {
            for p in &curve.points {
                let _ = w.write_record(["isoflop".into(), String::new(), f(curve.c), f(p.n), f(p.d), f(p.d / p.n), f(p.loss)]);
            }
            let m = &curve.minimum;
            let _ = w.write_record(["minimum".into(), String::new(), f(m.c), f(m.n_opt), f(m.d_opt), f(m.tokens_per_param), f(m.l_opt)]);
        }
        let k = &plan.kaplan;
        let _ = w.write_record(["kaplan".into(), "Kaplan Table 6".into(), f(plan.budget), f(k.n), f(k.d), f(k.tokens_per_param), f(k.loss)]);
        for m in &plan.models {
            let _ = w.write_record(["model".into(), m.model.name.into(), o(m.c), f(m.model.n), o(m.model.d), o(m.model.tokens_per_param()), o(m.loss)]);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
