//! Fitting scaling laws to runs.
//!
//! * The parametric law L = E + A/N^α + B/D^β, fitted as Hoffmann et al. (2022, arXiv:2203.15556,
//!   App D.2) do: minimise Σ_i Huber_δ(LSE(a − α ln N_i, b − β ln D_i, e) − ln L_i) with δ = 10⁻³,
//!   where A = e^a, B = e^b, E = e^e; L-BFGS (argmin) from every point of a grid of starts, keeping
//!   the best. Besiroglu et al. (2024, arXiv:2404.10102) use the same objective.
//! * Single-term power laws L = E + A·x^(−α), the same objective with one term.
//! * Approach 2 of Hoffmann et al.: a parabola in ln N through each IsoFLOP slice, then
//!   N_opt ∝ C^a by least squares on the slices' minima.
//!
//! The objective and its gradient are written by hand here (the gradient is the Huber ψ of each
//! residual times the softmax weights of the log-sum-exp), because they are the science being
//! taught; only the quasi-Newton machinery comes from argmin. Non-convergence is reported in
//! [`FitReport`], never a panic.
//!
//! Cost: the full 4500-start grid, measured natively with the workspace release profile
//! (opt-level "z", LTO) on this project's 2-core machine by `examples/fit_datablations.rs`:
//! 2.5 s for the 41 single-epoch datablations runs and 6.4 s for all 296 runs (4499 and 4500 of
//! the starts converged). Bootstrap resamples are warm-started instead (see [`crate::bootstrap`]).

use std::cell::RefCell;

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use serde::{Deserialize, Serialize};

use crate::chinchilla::{ChinchillaParams, FLOPS_PER_PARAM_TOKEN_TRAIN};
use crate::Run;

/// Huber δ of Hoffmann et al. App D.2 (on residuals of ln L).
pub const HUBER_DELTA: f64 = 1e-3;

/// Huber loss: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond.
pub fn huber(r: f64, delta: f64) -> f64 {
    let abs = r.abs();
    if abs <= delta {
        0.5 * r * r
    } else {
        delta * (abs - 0.5 * delta)
    }
}

/// Derivative of [`huber`] with respect to r: r inside ±δ, ±δ outside.
pub fn huber_grad(r: f64, delta: f64) -> f64 {
    r.clamp(-delta, delta)
}

/// The Huber–log-sum-exp objective for a model with k power-law terms:
/// ln L̂_i = LSE(c_1 − α_1 x_{i1}, …, c_k − α_k x_{ik}, e), where x_{ij} = ln of the j-th scaling
/// variable. Parameter layout θ = [c_1..c_k, e, α_1..α_k]; for k = 2 that is Hoffmann's
/// (a, b, e, α, β).
#[derive(Clone, Debug)]
pub struct HuberLse {
    k: usize,
    /// ln of the scaling variables, row-major n × k.
    x: Vec<f64>,
    /// ln L per point.
    t: Vec<f64>,
    delta: f64,
}

impl HuberLse {
    /// Build from rows of scaling variables (`xs[i]` has k positive entries, e.g. [N, D]) and
    /// losses (nats/token, > 0). Errors if shapes disagree or any value is not finite and > 0.
    pub fn new(xs: &[Vec<f64>], losses: &[f64], delta: f64) -> Result<HuberLse, FitError> {
        if xs.len() != losses.len() {
            return Err(FitError::ShapeMismatch);
        }
        let k = xs.first().map_or(0, Vec::len);
        if k == 0 {
            return Err(FitError::TooFewPoints { got: 0, need: 1 });
        }
        let mut x = Vec::with_capacity(xs.len() * k);
        for (row, &l) in xs.iter().zip(losses) {
            if row.len() != k {
                return Err(FitError::ShapeMismatch);
            }
            for &v in row.iter().chain(std::iter::once(&l)) {
                if !(v.is_finite() && v > 0.0) {
                    return Err(FitError::NonPositive(v));
                }
            }
            x.extend(row.iter().map(|v| v.ln()));
        }
        Ok(HuberLse {
            k,
            x,
            t: losses.iter().map(|l| l.ln()).collect(),
            delta,
        })
    }

    /// Number of parameters, 2k + 1.
    pub fn dim(&self) -> usize {
        2 * self.k + 1
    }

    /// Number of data points.
    pub fn len(&self) -> usize {
        self.t.len()
    }

    /// True when there are no data points.
    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }

    /// Objective Σ_i Huber_δ(LSE_i(θ) − ln L_i) and its analytic gradient (written into `grad`,
    /// length 2k + 1). d LSE/d c_j = w_j, d LSE/d e = w_e, d LSE/d α_j = −w_j x_{ij}, with w the
    /// softmax of the LSE arguments.
    pub fn value_grad(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let k = self.k;
        grad.iter_mut().for_each(|g| *g = 0.0);
        let e = theta[k];
        let mut total = 0.0;
        let mut u = [0.0f64; 8];
        let u = &mut u[..=k];
        for (i, &t) in self.t.iter().enumerate() {
            let xi = &self.x[i * k..(i + 1) * k];
            let mut m = e;
            for j in 0..k {
                u[j] = theta[j] - theta[k + 1 + j] * xi[j];
                m = m.max(u[j]);
            }
            u[k] = e;
            let mut s = 0.0;
            for uj in u.iter_mut() {
                *uj = (*uj - m).exp();
                s += *uj;
            }
            let lse = m + s.ln();
            let r = lse - t;
            total += huber(r, self.delta);
            let psi = huber_grad(r, self.delta) / s;
            for j in 0..k {
                let w = psi * u[j];
                grad[j] += w;
                grad[k + 1 + j] -= w * xi[j];
            }
            grad[k] += psi * u[k];
        }
        total
    }

    /// Objective only.
    pub fn value(&self, theta: &[f64]) -> f64 {
        let mut g = vec![0.0; self.dim()];
        self.value_grad(theta, &mut g)
    }
}

/// argmin adapter; caches the last (θ, f, ∇f) because argmin asks for cost and gradient
/// separately at the same point.
/// Last evaluation: (θ, f(θ), ∇f(θ)).
type Evaluation = (Vec<f64>, f64, Vec<f64>);

struct Problem<'a> {
    obj: &'a HuberLse,
    cache: RefCell<Option<Evaluation>>,
}

impl Problem<'_> {
    fn eval(&self, p: &[f64]) -> (f64, Vec<f64>) {
        if let Some((q, f, g)) = self.cache.borrow().as_ref() {
            if q.as_slice() == p {
                return (*f, g.clone());
            }
        }
        let mut g = vec![0.0; p.len()];
        let f = self.obj.value_grad(p, &mut g);
        *self.cache.borrow_mut() = Some((p.to_vec(), f, g.clone()));
        (f, g)
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(p).0)
    }
}

impl Gradient for Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Self::Param) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.eval(p).1)
    }
}

/// Settings of one L-BFGS run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LbfgsOptions {
    /// Iteration cap.
    pub max_iters: u64,
    /// Stop when ‖∇f‖ falls below this.
    pub tol_grad: f64,
    /// Stop when the change in f falls below this.
    pub tol_cost: f64,
    /// L-BFGS memory (pairs kept).
    pub memory: usize,
}

impl Default for LbfgsOptions {
    fn default() -> Self {
        LbfgsOptions {
            max_iters: 500,
            tol_grad: 1e-9,
            tol_cost: 1e-14,
            memory: 10,
        }
    }
}

/// Outcome of one L-BFGS run from one start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalFit {
    /// θ at the end (layout of [`HuberLse`]).
    pub theta: Vec<f64>,
    /// Objective at θ.
    pub objective: f64,
    /// L-BFGS iterations.
    pub iterations: u64,
    /// ‖∇f(θ)‖₂.
    pub grad_norm: f64,
    /// True if a tolerance was met (rather than the iteration cap or a line-search failure).
    pub converged: bool,
    /// Why the run stopped, in words.
    pub termination: String,
}

/// Run L-BFGS (argmin, Moré–Thuente line search) on `obj` from `start`.
pub fn minimize(obj: &HuberLse, start: &[f64], opts: &LbfgsOptions) -> LocalFit {
    let problem = Problem {
        obj,
        cache: RefCell::new(None),
    };
    let finish = |theta: Vec<f64>, iterations: u64, converged: bool, termination: String| {
        let mut g = vec![0.0; theta.len()];
        let objective = obj.value_grad(&theta, &mut g);
        LocalFit {
            grad_norm: g.iter().map(|v| v * v).sum::<f64>().sqrt(),
            theta,
            objective,
            iterations,
            converged,
            termination,
        }
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), opts.memory.max(1));
    let solver = match solver
        .with_tolerance_grad(opts.tol_grad)
        .and_then(|s| s.with_tolerance_cost(opts.tol_cost))
    {
        Ok(s) => s,
        Err(e) => return finish(start.to_vec(), 0, false, format!("bad options: {e}")),
    };
    let run = Executor::new(problem, solver)
        .configure(|state| state.param(start.to_vec()).max_iters(opts.max_iters))
        .run();
    match run {
        Ok(res) => {
            let state = res.state();
            let iterations = state.get_iter();
            let status = state.get_termination_status().clone();
            let theta = state
                .get_best_param()
                .cloned()
                .unwrap_or_else(|| start.to_vec());
            let converged = matches!(
                status,
                TerminationStatus::Terminated(TerminationReason::SolverConverged)
            );
            let text = match &status {
                TerminationStatus::Terminated(r) => r.text().to_string(),
                TerminationStatus::NotTerminated => "not terminated".to_string(),
            };
            finish(theta, iterations, converged, text)
        }
        // A line-search failure (e.g. no descent direction at a flat start) is a result, not a
        // crash: report the start as an unconverged run.
        Err(e) => finish(start.to_vec(), 0, false, format!("L-BFGS stopped: {e}")),
    }
}

/// Grid of starting points (log-space a, b, e and exponents α, β).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitGrid {
    /// Starts for a = ln A.
    pub a: Vec<f64>,
    /// Starts for b = ln B.
    pub b: Vec<f64>,
    /// Starts for e = ln E.
    pub e: Vec<f64>,
    /// Starts for α.
    pub alpha: Vec<f64>,
    /// Starts for β.
    pub beta: Vec<f64>,
}

impl InitGrid {
    /// Hoffmann et al. App D.2: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
    /// a, b ∈ {0, 5, …, 25}: 5·5·5·6·6 = 4500 starts.
    pub fn hoffmann() -> InitGrid {
        let half = |lo: f64, n: usize| (0..n).map(|i| lo + 0.5 * i as f64).collect::<Vec<_>>();
        let five = (0..6).map(|i| 5.0 * i as f64).collect::<Vec<_>>();
        InitGrid {
            a: five.clone(),
            b: five,
            e: half(-1.0, 5),
            alpha: half(0.0, 5),
            beta: half(0.0, 5),
        }
    }

    /// Number of starts (product of the axis lengths).
    pub fn len(&self) -> usize {
        self.a.len() * self.b.len() * self.e.len() * self.alpha.len() * self.beta.len()
    }

    /// True when some axis is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All starts in the layout [a, b, e, α, β].
    pub fn points(&self) -> Vec<[f64; 5]> {
        let mut out = Vec::with_capacity(self.len());
        for &a in &self.a {
            for &b in &self.b {
                for &e in &self.e {
                    for &alpha in &self.alpha {
                        for &beta in &self.beta {
                            out.push([a, b, e, alpha, beta]);
                        }
                    }
                }
            }
        }
        out
    }
}

/// Result of a Chinchilla-form fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Fitted E, A, B, α, β.
    pub params: ChinchillaParams,
    /// Σ Huber objective at the optimum.
    pub objective: f64,
    /// L-BFGS iterations of the best start.
    pub iterations: u64,
    /// ‖∇f‖₂ at the optimum (in θ = [a, b, e, α, β] coordinates).
    pub grad_norm: f64,
    /// Whether the best start met a convergence tolerance.
    pub converged: bool,
    /// How the best run stopped.
    pub termination: String,
    /// Number of starts run.
    pub starts_tried: usize,
    /// How many of them converged.
    pub starts_converged: usize,
    /// The start [a, b, e, α, β] that led to the optimum.
    pub best_start: [f64; 5],
    /// Optimum in log space [a, b, e, α, β] (for warm starts).
    pub theta: [f64; 5],
    /// Number of runs fitted.
    pub n_points: usize,
}

/// Errors of the fitting functions.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum FitError {
    /// Fewer points than parameters.
    #[error("need at least {need} runs to fit, got {got}")]
    TooFewPoints {
        /// Points given.
        got: usize,
        /// Points needed.
        need: usize,
    },
    /// A value that is not finite and positive.
    #[error("every N, D, x and loss must be finite and > 0, got {0}")]
    NonPositive(f64),
    /// Rows of different lengths.
    #[error("inconsistent data shapes")]
    ShapeMismatch,
    /// No start gave a finite objective.
    #[error("no starting point gave a finite objective")]
    NoFiniteStart,
    /// Too few usable IsoFLOP slices or a slice without a minimum.
    #[error("IsoFLOP fit failed: {0}")]
    IsoFlop(String),
    /// Cancelled through the progress callback.
    #[error("cancelled")]
    Cancelled,
}

fn chinchilla_objective(runs: &[Run], delta: f64) -> Result<HuberLse, FitError> {
    if runs.len() < 5 {
        return Err(FitError::TooFewPoints {
            got: runs.len(),
            need: 5,
        });
    }
    let xs: Vec<Vec<f64>> = runs.iter().map(|r| vec![r.n, r.d]).collect();
    let ls: Vec<f64> = runs.iter().map(|r| r.loss).collect();
    HuberLse::new(&xs, &ls, delta)
}

fn report(fit: LocalFit, start: [f64; 5], tried: usize, ok: usize, n_points: usize) -> FitReport {
    let th = [
        fit.theta[0],
        fit.theta[1],
        fit.theta[2],
        fit.theta[3],
        fit.theta[4],
    ];
    FitReport {
        params: ChinchillaParams {
            e: th[2].exp(),
            a: th[0].exp(),
            b: th[1].exp(),
            alpha: th[3],
            beta: th[4],
        },
        objective: fit.objective,
        iterations: fit.iterations,
        grad_norm: fit.grad_norm,
        converged: fit.converged,
        termination: fit.termination,
        starts_tried: tried,
        starts_converged: ok,
        best_start: start,
        theta: th,
        n_points,
    }
}

/// Fit L = E + A/N^α + B/D^β to `runs` (N parameters, D tokens, loss nats/token) with the
/// Huber-LSE objective (δ = `delta`, Hoffmann use [`HUBER_DELTA`]) and L-BFGS from every start of
/// `grid`, keeping the lowest objective. `progress(fraction)` is called after each start and may
/// return false to cancel ([`FitError::Cancelled`]).
///
/// Errors: fewer than 5 runs, non-positive or non-finite values, no finite start, cancellation.
pub fn fit_chinchilla(
    runs: &[Run],
    grid: &InitGrid,
    delta: f64,
    opts: &LbfgsOptions,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<FitReport, FitError> {
    let obj = chinchilla_objective(runs, delta)?;
    let starts = grid.points();
    let mut best: Option<(LocalFit, [f64; 5])> = None;
    let mut converged = 0;
    for (i, s) in starts.iter().enumerate() {
        let fit = minimize(&obj, s, opts);
        if fit.converged {
            converged += 1;
        }
        if fit.objective.is_finite()
            && best
                .as_ref()
                .is_none_or(|(b, _)| fit.objective < b.objective)
        {
            best = Some((fit, *s));
        }
        if !progress((i + 1) as f64 / starts.len() as f64) {
            return Err(FitError::Cancelled);
        }
    }
    let (fit, start) = best.ok_or(FitError::NoFiniteStart)?;
    Ok(report(fit, start, starts.len(), converged, runs.len()))
}

/// Fit from a single start θ₀ = [a, b, e, α, β] (a warm start, e.g. the full-data optimum
/// when bootstrapping).
pub fn fit_chinchilla_from(
    runs: &[Run],
    start: [f64; 5],
    delta: f64,
    opts: &LbfgsOptions,
) -> Result<FitReport, FitError> {
    let obj = chinchilla_objective(runs, delta)?;
    let fit = minimize(&obj, &start, opts);
    if !fit.objective.is_finite() {
        return Err(FitError::NoFiniteStart);
    }
    let ok = usize::from(fit.converged);
    Ok(report(fit, start, 1, ok, runs.len()))
}

/// A fitted single-term power law L = E + A·x^(−α).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerLawFit {
    /// E (units of L).
    pub e: f64,
    /// A (units of L · x^α).
    pub a: f64,
    /// α.
    pub alpha: f64,
    /// Σ Huber objective.
    pub objective: f64,
    /// Iterations of the best start.
    pub iterations: u64,
    /// ‖∇f‖₂ at the optimum.
    pub grad_norm: f64,
    /// Whether the best start converged.
    pub converged: bool,
    /// Starts run.
    pub starts_tried: usize,
}

impl PowerLawFit {
    /// L(x) = E + A·x^(−α).
    pub fn eval(&self, x: f64) -> f64 {
        self.e + self.a * x.powf(-self.alpha)
    }
}

/// Fit L = E + A·x^(−α) to pairs (x > 0, L > 0) with the Huber-LSE objective
/// (ln L̂ = LSE(a − α ln x, e)) from a grid a ∈ {0, 5, …, 25}, e ∈ {−1, …, 1}, α ∈ {0, 0.5, …, 2}.
pub fn fit_power_law(
    xs: &[f64],
    losses: &[f64],
    delta: f64,
    opts: &LbfgsOptions,
) -> Result<PowerLawFit, FitError> {
    if xs.len() < 3 {
        return Err(FitError::TooFewPoints {
            got: xs.len(),
            need: 3,
        });
    }
    let rows: Vec<Vec<f64>> = xs.iter().map(|&x| vec![x]).collect();
    let obj = HuberLse::new(&rows, losses, delta)?;
    let g = InitGrid::hoffmann();
    let mut best: Option<LocalFit> = None;
    let mut tried = 0;
    for &a in &g.a {
        for &e in &g.e {
            for &alpha in &g.alpha {
                tried += 1;
                let fit = minimize(&obj, &[a, e, alpha], opts);
                if fit.objective.is_finite()
                    && best.as_ref().is_none_or(|b| fit.objective < b.objective)
                {
                    best = Some(fit);
                }
            }
        }
    }
    let f = best.ok_or(FitError::NoFiniteStart)?;
    Ok(PowerLawFit {
        e: f.theta[1].exp(),
        a: f.theta[0].exp(),
        alpha: f.theta[2],
        objective: f.objective,
        iterations: f.iterations,
        grad_norm: f.grad_norm,
        converged: f.converged,
        starts_tried: tried,
    })
}

/// A parabola L = c0 + c1·u + c2·u² in u = ln N through one IsoFLOP slice.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct IsoFlopParabola {
    /// Budget of the slice, FLOPs.
    pub c: f64,
    /// Coefficients [c0, c1, c2].
    pub coef: [f64; 3],
    /// N at the vertex, e^(−c1/(2 c2)).
    pub n_opt: f64,
    /// Loss at the vertex.
    pub l_min: f64,
}

/// Approach 2 of Hoffmann et al. (2022, Sec 3.2): per-budget parabolas and the power laws
/// N_opt = k_N·C^a, D_opt = k_D·C^b (b = 1 − a under C = 6ND) fitted by least squares in log–log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approach2 {
    /// One parabola per IsoFLOP slice, by increasing C.
    pub slices: Vec<IsoFlopParabola>,
    /// Exponent a of N_opt ∝ C^a.
    pub a: f64,
    /// Prefactor k_N (parameters / FLOP^a).
    pub k_n: f64,
    /// Exponent b of D_opt ∝ C^b.
    pub b: f64,
    /// Prefactor k_D (tokens / FLOP^b).
    pub k_d: f64,
}

impl Approach2 {
    /// N_opt at `c` FLOPs from the fitted power law.
    pub fn n_opt(&self, c: f64) -> f64 {
        self.k_n * c.powf(self.a)
    }
}

/// Least-squares parabola in ln N through (N, L) points of one IsoFLOP slice at budget `c`.
/// Errors if fewer than 3 distinct N or the parabola opens downward (no minimum).
pub fn fit_isoflop_parabola(c: f64, points: &[(f64, f64)]) -> Result<IsoFlopParabola, FitError> {
    let mut distinct: Vec<f64> = points.iter().map(|p| p.0).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if distinct.len() < 3 {
        return Err(FitError::TooFewPoints {
            got: distinct.len(),
            need: 3,
        });
    }
    for &(n, l) in points {
        if !(n.is_finite() && n > 0.0 && l.is_finite()) {
            return Err(FitError::NonPositive(n));
        }
    }
    // Centre u for conditioning of the 3×3 normal equations.
    let mean = points.iter().map(|p| p.0.ln()).sum::<f64>() / points.len() as f64;
    let mut s = [0.0f64; 5];
    let mut r = [0.0f64; 3];
    for &(n, l) in points {
        let u = n.ln() - mean;
        let mut p = 1.0;
        for sk in s.iter_mut() {
            *sk += p;
            p *= u;
        }
        r[0] += l;
        r[1] += l * u;
        r[2] += l * u * u;
    }
    let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]];
    let q = solve3(m, r).ok_or_else(|| FitError::IsoFlop("singular normal equations".into()))?;
    if q[2] <= 0.0 {
        return Err(FitError::IsoFlop(format!(
            "slice at C = {c:e} FLOP has no minimum (opens downward)"
        )));
    }
    let u_min = -q[1] / (2.0 * q[2]);
    // Back to un-centred coefficients in u = ln N.
    let coef = [
        q[0] - q[1] * mean + q[2] * mean * mean,
        q[1] - 2.0 * q[2] * mean,
        q[2],
    ];
    Ok(IsoFlopParabola {
        c,
        coef,
        n_opt: (u_min + mean).exp(),
        l_min: q[0] + q[1] * u_min + q[2] * u_min * u_min,
    })
}

fn solve3(mut m: [[f64; 3]; 3], mut r: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let piv = (col..3).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[piv][col].abs() < 1e-300 {
            return None;
        }
        m.swap(col, piv);
        r.swap(col, piv);
        let pivot_row = m[col];
        for row in col + 1..3 {
            let f = m[row][col] / pivot_row[col];
            for (mk, pk) in m[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *mk -= f * pk;
            }
            r[row] -= f * r[col];
        }
    }
    let mut x = [0.0; 3];
    for row in (0..3).rev() {
        let mut v = r[row];
        for k in row + 1..3 {
            v -= m[row][k] * x[k];
        }
        x[row] = v / m[row][row];
    }
    Some(x)
}

/// Ordinary least squares of y on x: (slope, intercept).
fn ols(x: &[f64], y: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let slope = sxy / sxx;
    (slope, my - slope * mx)
}

/// Approach 2 on runs: group runs into IsoFLOP slices by C = 6·N·D (runs whose C agree within
/// relative `c_rel_tol` share a slice), fit a parabola per slice with ≥ 3 distinct N, then fit
/// ln N_opt and ln D_opt (D_opt = C/(6 N_opt)) linearly in ln C. Needs ≥ 2 usable slices.
pub fn approach2(runs: &[Run], c_rel_tol: f64) -> Result<Approach2, FitError> {
    let mut by_c: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    let mut sorted: Vec<&Run> = runs.iter().collect();
    sorted.sort_by(|a, b| a.c().total_cmp(&b.c()));
    for r in sorted {
        let c = r.c();
        match by_c.last_mut() {
            Some((c0, pts)) if (c - *c0).abs() <= c_rel_tol * c0.abs() => pts.push((r.n, r.loss)),
            _ => by_c.push((c, vec![(r.n, r.loss)])),
        }
    }
    let slices: Vec<IsoFlopParabola> = by_c
        .iter()
        .filter_map(|(c, pts)| fit_isoflop_parabola(*c, pts).ok())
        .collect();
    if slices.len() < 2 {
        return Err(FitError::IsoFlop(format!(
            "need at least 2 IsoFLOP slices with a minimum, found {}",
            slices.len()
        )));
    }
    let lc: Vec<f64> = slices.iter().map(|s| s.c.ln()).collect();
    let ln_n: Vec<f64> = slices.iter().map(|s| s.n_opt.ln()).collect();
    let ln_d: Vec<f64> = slices
        .iter()
        .map(|s| (s.c / (FLOPS_PER_PARAM_TOKEN_TRAIN * s.n_opt)).ln())
        .collect();
    let (a, ia) = ols(&lc, &ln_n);
    let (b, ib) = ols(&lc, &ln_d);
    Ok(Approach2 {
        slices,
        a,
        k_n: ia.exp(),
        b,
        k_d: ib.exp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve3_solves_a_known_system() {
        let x = solve3(
            [[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]],
            [3.0, 5.0, 5.0],
        )
        .unwrap();
        for (got, want) in x.iter().zip([1.0, 1.0, 1.0]) {
            assert!((got - want).abs() < 1e-12);
        }
        assert!(solve3(
            [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]],
            [1.0, 2.0, 3.0]
        )
        .is_none());
    }

    #[test]
    fn parabola_through_exact_points_has_the_right_vertex() {
        // L = 2 + 0.1 (ln N − ln 1e9)²: vertex at N = 1e9, L = 2.
        let pts: Vec<(f64, f64)> = [1e8, 3e8, 1e9, 3e9, 1e10]
            .iter()
            .map(|&n: &f64| (n, 2.0 + 0.1 * (n.ln() - 1e9f64.ln()).powi(2)))
            .collect();
        let p = fit_isoflop_parabola(1e20, &pts).unwrap();
        assert!(
            (p.n_opt / 1e9 - 1.0).abs() < 1e-9 && (p.l_min - 2.0).abs() < 1e-12,
            "{p:?}"
        );
        let down: Vec<(f64, f64)> = pts.iter().map(|&(n, l)| (n, -l)).collect();
        assert!(fit_isoflop_parabola(1e20, &down).is_err());
    }
}
