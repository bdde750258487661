//! The fit lab (chapter 5): the settings of the widget and the two jobs it sends to its Web
//! Worker, kept here so that they are plain, web-free and tested natively.
//!
//! * [`FitLabParams`]: every knob the URL keeps (data source, law form, start grid, hold-out rule,
//!   compute budget, bootstrap resamples and seed). The reader's own CSV is *not* a parameter: it
//!   stays in the page and travels to the worker inside the job.
//! * [`FitJob`] → [`run_fit`] → [`FitOutcome`]: split off the held-out runs (the `k` largest by
//!   C = 6ND), fit the chosen law with [`crate::fit`], and report fitted values and residuals
//!   (observed − predicted, nats/token) for the training and held-out runs.
//! * [`BootstrapJob`] → [`run_bootstrap`] → [`BootstrapOutcome`]: percentile intervals of the
//!   constants, of the compute-optimal allocation (N_opt and D_opt) at the budget, and a confidence band of the
//!   extrapolated loss frontier L*(C), from resamples of the training runs ([`crate::bootstrap`]).
//! * [`results_csv`]: the results as CSV for download (labels guarded against formula injection).
//! * [`extrapolate_pure_power_law`]: the naive extrapolation used by a randomized exercise.
//!
//! Why a hold-out rule by compute: the question a scaling law answers is "what happens at a scale
//! we have not trained", so the honest test of a fit is the largest runs, kept out of the fit.

use serde::{Deserialize, Serialize};

use crate::bootstrap::{bootstrap, bootstrap_chinchilla, percentile, Bootstrap, BootstrapError, Interval};
use crate::chinchilla::{ChinchillaParams, ComputeOptimal};
use crate::csv_import::MAX_LOSS;
use crate::fit::{fit_chinchilla, fit_power_law, FitError, FitReport, InitGrid, LbfgsOptions, PowerLawFit, HUBER_DELTA};
use crate::Run;

/// Where the runs come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataSource {
    /// The datablations runs trained for one epoch (D = U): the regime the Chinchilla form models.
    #[default]
    DatablationsSingleEpoch,
    /// All 296 datablations runs, including repeated data (which the Chinchilla form does not model).
    DatablationsAll,
    /// The reader's CSV (pasted or from a file; never stored in the URL).
    Csv,
}

/// The law fitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LawForm {
    /// L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, eq 2), five constants.
    #[default]
    Chinchilla,
    /// L(C) = E + A·C^(−α) with C = 6ND FLOPs, three constants: a single power law in compute.
    PowerCompute,
}

/// Which grid of L-BFGS starts the Chinchilla fit uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GridSize {
    /// Hoffmann et al.'s 4500 starts ([`InitGrid::hoffmann`]); seconds of work.
    Full,
    /// 243 starts ([`reduced_grid`]): the same box, three values per axis.
    #[default]
    Reduced,
}

/// Settings of the fit lab widget (URL state `?{id}.{field}=…`, kebab-case values).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FitLabParams {
    /// Data source.
    pub source: DataSource,
    /// Law form.
    pub law: LawForm,
    /// Start grid (Chinchilla form only).
    pub grid: GridSize,
    /// Hold out the `hold_out` runs with the largest compute C = 6ND (0 = fit all).
    pub hold_out: usize,
    /// Compute budget for the predicted optimum, FLOPs (10¹⁵ … 10³⁰).
    pub budget: f64,
    /// Bootstrap resamples (10 … 2000).
    pub resamples: usize,
    /// Bootstrap seed (ChaCha8).
    pub seed: u64,
}

impl Default for FitLabParams {
    fn default() -> Self {
        FitLabParams {
            source: DataSource::DatablationsSingleEpoch,
            law: LawForm::Chinchilla,
            grid: GridSize::Reduced,
            hold_out: 3,
            budget: 1e22,
            resamples: 200,
            seed: 1,
        }
    }
}

/// Most runs that may be held out.
pub const MAX_HOLD_OUT: usize = 50;
/// Budget range, FLOPs.
pub const BUDGET_RANGE: (f64, f64) = (1e15, 1e30);
/// Resample range.
pub const RESAMPLE_RANGE: (usize, usize) = (10, 2000);
/// Confidence level of every interval the lab shows.
pub const LEVEL: f64 = 0.95;

/// A setting of the fit lab that has a range (its name in the URL and the lesson block).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// [`FitLabParams::hold_out`].
    HoldOut,
    /// [`FitLabParams::budget`].
    Budget,
    /// [`FitLabParams::resamples`].
    Resamples,
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Setting::HoldOut => "hold_out",
            Setting::Budget => "budget",
            Setting::Resamples => "resamples",
        })
    }
}

/// A quantity of the training runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunQuantity {
    /// N, parameters.
    N,
    /// D, tokens.
    D,
    /// C = 6ND, FLOPs.
    C,
}

impl std::fmt::Display for RunQuantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RunQuantity::N => "N",
            RunQuantity::D => "D",
            RunQuantity::C => "C = 6ND",
        })
    }
}

/// An exponent of a fitted law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exponent {
    /// α: of N in the Chinchilla form, of C in the power law.
    Alpha,
    /// β: of D in the Chinchilla form.
    Beta,
}

impl std::fmt::Display for Exponent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Exponent::Alpha => "alpha",
            Exponent::Beta => "beta",
        })
    }
}

/// Errors of the fit lab: bad settings and data that cannot be fitted. Plain data (they travel
/// from the worker to the page as JSON); the page words them in the reader's language, and
/// `Display` gives the English developer text used by the lesson compiler and native tests.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FitLabError {
    /// A setting outside its range [`min`, `max`].
    #[error("{field} = {value} is out of range ({min} … {max})")]
    OutOfRange {
        /// The setting.
        field: Setting,
        /// The value given.
        value: f64,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// Fewer training runs than the law needs: `loaded` runs of which `held_out` (never more
    /// than `loaded`) are held out of the fit.
    #[error("the {law} fit needs at least {need} training runs, got {got} ({loaded} loaded, {held_out} held out)", got = .loaded - .held_out)]
    TooFewRuns {
        /// Law form.
        law: LawForm,
        /// Runs given (training and held out).
        loaded: usize,
        /// Runs held out of those.
        held_out: usize,
        /// Training runs needed.
        need: usize,
    },
    /// Every training run has the same value of the quantity, so its term cannot be told apart
    /// from E.
    #[error("the training runs need at least two different values of {0}: with one value the exponent of that term cannot be told apart from E")]
    Unvaried(RunQuantity),
    /// A value that is not finite and positive, in run `index` (0-based, input order).
    #[error("run {} ({label:?}): N, D and loss must be finite and > 0", .index + 1)]
    NonPositive {
        /// 0-based index of the run.
        index: usize,
        /// Its label.
        label: String,
    },
    /// A loss above [`crate::csv_import::MAX_LOSS`] nats/token: not a per-token loss.
    #[error("run {} ({label:?}): loss {loss} is above {max} nats/token", .index + 1)]
    LossTooLarge {
        /// 0-based index of the run.
        index: usize,
        /// Its label.
        label: String,
        /// The loss.
        loss: f64,
        /// The limit.
        max: f64,
    },
    /// The fitted exponent is not positive: the fitted loss does not fall with scale, so there is
    /// no compute-optimal frontier to resample (see [`FittedLaw::nonpositive_exponent`]).
    #[error("the fitted {name} = {value} is not positive: the loss does not fall with scale")]
    ExponentNotPositive {
        /// Which exponent.
        name: Exponent,
        /// Its fitted value.
        value: f64,
    },
    /// The fitting routine failed.
    #[error("{0}")]
    Fit(FitError),
    /// The bootstrap failed.
    #[error("bootstrap: {0}")]
    Bootstrap(BootstrapError),
}

impl FitLabParams {
    /// Check every field's range. Errors name the field and its range.
    pub fn validate(&self) -> Result<(), FitLabError> {
        check_hold_out(self.hold_out)?;
        check_budget(self.budget)?;
        check_resamples(self.resamples)
    }
}

fn check_hold_out(k: usize) -> Result<(), FitLabError> {
    if k > MAX_HOLD_OUT {
        return Err(FitLabError::OutOfRange { field: Setting::HoldOut, value: k as f64, min: 0.0, max: MAX_HOLD_OUT as f64 });
    }
    Ok(())
}

fn check_budget(budget: f64) -> Result<(), FitLabError> {
    let (min, max) = BUDGET_RANGE;
    if !(budget.is_finite() && budget >= min && budget <= max) {
        return Err(FitLabError::OutOfRange { field: Setting::Budget, value: budget, min, max });
    }
    Ok(())
}

fn check_resamples(resamples: usize) -> Result<(), FitLabError> {
    let (min, max) = RESAMPLE_RANGE;
    if !(min..=max).contains(&resamples) {
        return Err(FitLabError::OutOfRange { field: Setting::Resamples, value: resamples as f64, min: min as f64, max: max as f64 });
    }
    Ok(())
}

/// The datablations runs of a source: [`DataSource::DatablationsSingleEpoch`] keeps the runs with
/// D = U (one pass over the data; 41 runs), [`DataSource::DatablationsAll`] all 296;
/// [`DataSource::Csv`] gives an empty list (the page supplies the runs).
pub fn shipped_runs(source: DataSource) -> Vec<Run> {
    let all = crate::datablations_runs().rows;
    match source {
        DataSource::DatablationsSingleEpoch => all.into_iter().filter(|r| r.unique == Some(r.d)).collect(),
        DataSource::DatablationsAll => all,
        DataSource::Csv => Vec::new(),
    }
}

/// Indices of the `k` runs with the largest compute C = 6ND (ties: the later run in file order
/// first), sorted ascending. `k` larger than the list holds out everything.
pub fn held_out_indices(runs: &[Run], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&i, &j| runs[j].c().total_cmp(&runs[i].c()).then(j.cmp(&i)));
    let mut held: Vec<usize> = order.into_iter().take(k).collect();
    held.sort_unstable();
    held
}

/// The 243-start grid: a, b ∈ {0, 10, 20}, e ∈ {−1, 0, 1}, α, β ∈ {0, 1, 2}, i.e. every other
/// value of Hoffmann et al.'s App D.2 grid on each axis (same box, far fewer starts).
pub fn reduced_grid() -> InitGrid {
    InitGrid { a: vec![0.0, 10.0, 20.0], b: vec![0.0, 10.0, 20.0], e: vec![-1.0, 0.0, 1.0], alpha: vec![0.0, 1.0, 2.0], beta: vec![0.0, 1.0, 2.0] }
}

impl LawForm {
    /// Fewest runs a fit accepts (the number of constants).
    pub fn min_runs(self) -> usize {
        match self {
            LawForm::Chinchilla => 5,
            LawForm::PowerCompute => 3,
        }
    }

    /// The formula, as the page shows it.
    pub fn formula(self) -> &'static str {
        match self {
            LawForm::Chinchilla => "L(N, D) = E + A/Nᵅ + B/Dᵝ",
            LawForm::PowerCompute => "L(C) = E + A·C⁻ᵅ",
        }
    }
}

impl std::fmt::Display for LawForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.formula())
    }
}

/// Refuse values no fit can use: not finite and positive, or a loss above
/// [`crate::csv_import::MAX_LOSS`] nats/token. Indices are those of `runs`.
fn check_values(runs: &[Run]) -> Result<(), FitLabError> {
    for (index, r) in runs.iter().enumerate() {
        if ![r.n, r.d, r.loss].iter().all(|v| v.is_finite() && *v > 0.0) {
            return Err(FitLabError::NonPositive { index, label: r.label.clone() });
        }
        if r.loss > MAX_LOSS {
            return Err(FitLabError::LossTooLarge { index, label: r.label.clone(), loss: r.loss, max: MAX_LOSS });
        }
    }
    Ok(())
}

/// Refuse training runs that cannot identify the law: (Chinchilla) fewer than two distinct N or
/// D, or (power law) fewer than two distinct C, as when every point is the same.
fn check_spread(train: &[Run], law: LawForm) -> Result<(), FitLabError> {
    let distinct = |f: &dyn Fn(&Run) -> f64| {
        let mut v: Vec<f64> = train.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() <= 1e-12 * b.abs());
        v.len()
    };
    match law {
        LawForm::Chinchilla if distinct(&|r| r.n) < 2 => Err(FitLabError::Unvaried(RunQuantity::N)),
        LawForm::Chinchilla if distinct(&|r| r.d) < 2 => Err(FitLabError::Unvaried(RunQuantity::D)),
        LawForm::PowerCompute if distinct(&|r| r.c()) < 2 => Err(FitLabError::Unvaried(RunQuantity::C)),
        _ => Ok(()),
    }
}

/// Refuse training runs that cannot identify the law: bad values (see [`check_fit_job`]), fewer
/// runs than constants, too little spread in N and D (Chinchilla) or C (power law).
pub fn check_fit_input(runs: &[Run], law: LawForm) -> Result<(), FitLabError> {
    check_values(runs)?;
    if runs.len() < law.min_runs() {
        return Err(FitLabError::TooFewRuns { law, loaded: runs.len(), held_out: 0, need: law.min_runs() });
    }
    check_spread(runs, law)
}

/// The checks of a whole fit job before any work: every run's values (a loss above
/// [`crate::csv_import::MAX_LOSS`] nats/token or a value that is not finite and positive names the
/// run by its index in `runs`), then, after holding out the `hold_out` largest-compute runs (at
/// most all of them), enough training runs and enough spread. Returns the held-out indices.
pub fn check_fit_job(runs: &[Run], law: LawForm, hold_out: usize) -> Result<Vec<usize>, FitLabError> {
    check_hold_out(hold_out)?;
    check_values(runs)?;
    let held = held_out_indices(runs, hold_out);
    if runs.len() - held.len() < law.min_runs() {
        return Err(FitLabError::TooFewRuns { law, loaded: runs.len(), held_out: held.len(), need: law.min_runs() });
    }
    check_spread(&training_runs(runs, &held), law)?;
    Ok(held)
}

/// The runs whose indices are not in `held` (sorted ascending), in input order.
pub fn training_runs(runs: &[Run], held: &[usize]) -> Vec<Run> {
    runs.iter().enumerate().filter(|(i, _)| held.binary_search(i).is_err()).map(|(_, r)| r.clone()).collect()
}

/// A fitted law.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FittedLaw {
    /// Chinchilla form, with the full fit report.
    Chinchilla(FitReport),
    /// Power law in compute.
    PowerCompute(PowerLawFit),
}

impl FittedLaw {
    /// Predicted loss of a run of N parameters and D tokens, nats/token.
    pub fn loss(&self, n: f64, d: f64) -> f64 {
        match self {
            FittedLaw::Chinchilla(r) => r.params.loss(n, d),
            FittedLaw::PowerCompute(p) => p.eval(crate::chinchilla::FLOPS_PER_PARAM_TOKEN_TRAIN * n * d),
        }
    }

    /// The best loss reachable with `c` FLOPs: the compute-optimal L*(C) of the Chinchilla form,
    /// or L(C) itself for the power law.
    pub fn frontier(&self, c: f64) -> f64 {
        match self {
            FittedLaw::Chinchilla(r) => r.params.compute_optimal(c).l_opt,
            FittedLaw::PowerCompute(p) => p.eval(c),
        }
    }

    /// Compute-optimal N, D at `c` FLOPs (Chinchilla form only: the power law in C says nothing
    /// about how to split C between N and D).
    pub fn optimum(&self, c: f64) -> Option<ComputeOptimal> {
        match self {
            FittedLaw::Chinchilla(r) => Some(r.params.compute_optimal(c)),
            FittedLaw::PowerCompute(_) => None,
        }
    }

    /// The first fitted exponent that is not positive (α, then β), with its value. Such a fit has
    /// a loss that does not fall (or rises) with scale: it has no compute-optimal frontier, and
    /// [`Self::frontier`] and [`Self::optimum`] are not finite.
    pub fn nonpositive_exponent(&self) -> Option<(Exponent, f64)> {
        let (alpha, beta) = match self {
            FittedLaw::Chinchilla(r) => (r.params.alpha, Some(r.params.beta)),
            FittedLaw::PowerCompute(p) => (p.alpha, None),
        };
        if alpha.is_nan() || alpha <= 0.0 {
            return Some((Exponent::Alpha, alpha));
        }
        beta.filter(|b| b.is_nan() || *b <= 0.0).map(|b| (Exponent::Beta, b))
    }

    /// Whether the optimiser met its convergence test.
    pub fn converged(&self) -> bool {
        match self {
            FittedLaw::Chinchilla(r) => r.converged,
            FittedLaw::PowerCompute(p) => p.converged,
        }
    }

    /// The constants as (name, value) pairs: E, A, B, alpha, beta, a (Chinchilla) or E, A, alpha.
    pub fn constants(&self) -> Vec<(&'static str, f64)> {
        match self {
            FittedLaw::Chinchilla(r) => {
                let p = r.params;
                vec![("E", p.e), ("A", p.a), ("B", p.b), ("alpha", p.alpha), ("beta", p.beta), ("a", p.beta / (p.alpha + p.beta))]
            }
            FittedLaw::PowerCompute(p) => vec![("E", p.e), ("A", p.a), ("alpha", p.alpha)],
        }
    }
}

/// One run with the fit's prediction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunFit {
    /// The run.
    pub run: Run,
    /// C = 6ND, FLOPs.
    pub c: f64,
    /// Predicted loss, nats/token.
    pub predicted: f64,
    /// Observed − predicted, nats/token.
    pub residual: f64,
    /// Whether the run was held out of the fit.
    pub held_out: bool,
}

/// A fit job: all runs (after import), the law, the grid and how many of the largest-compute runs
/// to hold out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitJob {
    /// Every run, training and held out.
    pub runs: Vec<Run>,
    /// Law form.
    pub law: LawForm,
    /// Start grid.
    pub grid: GridSize,
    /// Hold out the `held_out` largest-compute runs.
    pub held_out: usize,
}

/// Result of [`run_fit`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitOutcome {
    /// The fitted law.
    pub law: FittedLaw,
    /// Every run with its prediction, in input order.
    pub runs: Vec<RunFit>,
    /// Root mean squared residual over the training runs, nats/token.
    pub train_rmse: f64,
    /// Root mean squared residual over the held-out runs (None without any), nats/token.
    pub held_out_rmse: Option<f64>,
}

impl FitOutcome {
    /// The training runs (not held out).
    pub fn training_runs(&self) -> Vec<Run> {
        self.runs.iter().filter(|r| !r.held_out).map(|r| r.run.clone()).collect()
    }

    /// When the held-out RMSE is below the training RMSE (which readers take for a bug), the
    /// numbers that explain it; `None` otherwise, or without held-out runs. See
    /// [`HeldOutBelowTraining`].
    pub fn held_out_below_training(&self) -> Option<HeldOutBelowTraining> {
        let held_out_rmse = self.held_out_rmse?;
        if !(held_out_rmse.is_finite() && self.train_rmse.is_finite() && held_out_rmse < self.train_rmse) {
            return None;
        }
        let mut squares: Vec<f64> = self.runs.iter().filter(|r| !r.held_out).map(|r| r.residual * r.residual).collect();
        squares.sort_by(|a, b| b.total_cmp(a));
        let total: f64 = squares.iter().sum();
        // The fewest worst runs that make up at least half the training sum of squares.
        let mut sum = 0.0;
        let mut dominant = squares.len();
        for (i, s) in squares.iter().enumerate() {
            sum += s;
            if sum >= total / 2.0 {
                dominant = i + 1;
                break;
            }
        }
        let training = squares.len();
        let rest = training - dominant;
        let train_rmse_without = (rest > 0).then(|| ((total - sum).max(0.0) / rest as f64).sqrt());
        Some(HeldOutBelowTraining {
            held_out: self.runs.len() - training,
            training,
            train_rmse: self.train_rmse,
            held_out_rmse,
            dominant,
            train_rmse_without,
        })
    }
}

/// A fit whose held-out RMSE is below its training RMSE, as data (the page words it).
///
/// Two things make this happen, and both are in the numbers here. A few held-out runs are a small
/// sample: they can all lie close to the fitted law by chance. And the RMSE squares each residual,
/// while the fit's Huber loss (δ = [`HUBER_DELTA`]) limits the pull of runs far from the law, so a
/// handful of such training runs can dominate the training RMSE: `dominant` counts the fewest
/// training runs whose squared residuals make up half of the training sum of squares (the
/// shipped single-epoch datablations fit with 3 held out: 2 of 38).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldOutBelowTraining {
    /// Held-out runs.
    pub held_out: usize,
    /// Training runs.
    pub training: usize,
    /// Training RMSE, nats/token.
    pub train_rmse: f64,
    /// Held-out RMSE, nats/token (below `train_rmse`).
    pub held_out_rmse: f64,
    /// Fewest training runs (largest residuals first) whose squared residuals make up at least
    /// half of the training sum of squares.
    pub dominant: usize,
    /// The training RMSE over the other training runs (None when there are none).
    pub train_rmse_without: Option<f64>,
}

impl HeldOutBelowTraining {
    /// Whether a few training runs dominate the training RMSE: at most a tenth of them make up
    /// half of its sum of squares. (With normal residuals the largest tenth make up about 44 %.)
    pub fn few_runs_dominate(&self) -> bool {
        self.dominant * 10 <= self.training && self.train_rmse_without.is_some()
    }
}

fn rmse(res: impl Iterator<Item = f64>) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0usize);
    for r in res {
        s += r * r;
        n += 1;
    }
    (n > 0).then(|| (s / n as f64).sqrt())
}

/// Fit the job's law to its training runs (Huber-LSE objective, δ = [`HUBER_DELTA`], L-BFGS;
/// Hoffmann et al. 2022 App D.2). `progress(fraction)` is called during the Chinchilla multistart
/// and may return false to cancel. Errors: the data checks of [`check_fit_input`] on the training
/// runs, cancellation, no finite start. Non-convergence is not an error: see
/// [`FittedLaw::converged`].
pub fn run_fit(job: &FitJob, progress: &mut dyn FnMut(f64) -> bool) -> Result<FitOutcome, FitLabError> {
    let held = check_fit_job(&job.runs, job.law, job.held_out)?;
    let train = training_runs(&job.runs, &held);
    let opts = LbfgsOptions::default();
    let law = match job.law {
        LawForm::Chinchilla => {
            let grid = match job.grid {
                GridSize::Full => InitGrid::hoffmann(),
                GridSize::Reduced => reduced_grid(),
            };
            FittedLaw::Chinchilla(fit_chinchilla(&train, &grid, HUBER_DELTA, &opts, progress).map_err(FitLabError::Fit)?)
        }
        LawForm::PowerCompute => {
            let xs: Vec<f64> = train.iter().map(Run::c).collect();
            let ls: Vec<f64> = train.iter().map(|r| r.loss).collect();
            let fit = fit_power_law(&xs, &ls, HUBER_DELTA, &opts).map_err(FitLabError::Fit)?;
            progress(1.0);
            FittedLaw::PowerCompute(fit)
        }
    };
    let runs: Vec<RunFit> = job
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let predicted = law.loss(r.n, r.d);
            RunFit { run: r.clone(), c: r.c(), predicted, residual: r.loss - predicted, held_out: held.binary_search(&i).is_ok() }
        })
        .collect();
    let train_rmse = rmse(runs.iter().filter(|r| !r.held_out).map(|r| r.residual)).unwrap_or(f64::NAN);
    let held_out_rmse = rmse(runs.iter().filter(|r| r.held_out).map(|r| r.residual));
    Ok(FitOutcome { law, runs, train_rmse, held_out_rmse })
}

/// A bootstrap job: the fit to resample around, the training runs, the budget and the resampling
/// settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BootstrapJob {
    /// The training runs (resampled with replacement).
    pub runs: Vec<Run>,
    /// The full-data fit (its optimum warm-starts each refit).
    pub fit: FittedLaw,
    /// Compute budget, FLOPs, for N_opt, D_opt and the extrapolated loss.
    pub budget: f64,
    /// Resamples.
    pub resamples: usize,
    /// Seed (ChaCha8).
    pub seed: u64,
    /// Compute values (FLOPs) at which the band of L*(C) is evaluated.
    pub band_c: Vec<f64>,
}

/// One point of a confidence band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandPoint {
    /// C, FLOPs.
    pub c: f64,
    /// Interval of L*(C), nats/token.
    pub loss: Interval,
}

/// Result of [`run_bootstrap`]: intervals of the named quantities (the per-resample samples are
/// dropped to keep the message small) and the band of the frontier L*(C).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BootstrapOutcome {
    /// Percentile intervals (Chinchilla: E, A, B, alpha, beta, a, N_opt, D_opt, L_extrap; power
    /// law: E, A, alpha, L_extrap), `samples` emptied.
    pub boot: Bootstrap,
    /// Band of L*(C) at [`BootstrapJob::band_c`].
    pub band: Vec<BandPoint>,
}

/// L*(C) from one resample's recorded quantities (in the order of [`Bootstrap::names`]).
type FrontierFn = dyn Fn(&[f64], f64) -> f64;

/// Percentile bootstrap ([`LEVEL`] = 95 %) of the job's fit. Chinchilla: [`bootstrap_chinchilla`]
/// with N_opt and D_opt at the budget (each from its resample's constants) and the loss extrapolated to the full fit's optimum (N_opt, D_opt) at
/// the budget; power law: [`bootstrap`] refitting [`fit_power_law`] with L_extrap = L(budget).
/// Resamples that fail to converge are counted in `boot.failed`, not used. Errors: a budget out of
/// range, too few runs, every resample failed.
pub fn run_bootstrap(job: &BootstrapJob, progress: &mut dyn FnMut(f64) -> bool) -> Result<BootstrapOutcome, FitLabError> {
    check_budget(job.budget)?;
    check_resamples(job.resamples)?;
    if let Some((name, value)) = job.fit.nonpositive_exponent() {
        // Every resample's N_opt, D_opt and L* would be NaN: refuse with the reason rather than report
        // that no resample "produced a fit".
        return Err(FitLabError::ExponentNotPositive { name, value });
    }
    let opts = LbfgsOptions::default();
    let fail = FitLabError::Bootstrap;
    let (mut boot, curve): (Bootstrap, Box<FrontierFn>) = match &job.fit {
        FittedLaw::Chinchilla(full) => {
            check_fit_input(&job.runs, LawForm::Chinchilla)?;
            let opt = full.params.compute_optimal(job.budget);
            let b = bootstrap_chinchilla(&job.runs, full, HUBER_DELTA, &opts, job.budget, (opt.n_opt, opt.d_opt), job.resamples, job.seed, LEVEL, progress).map_err(fail)?;
            let f = |s: &[f64], c: f64| ChinchillaParams { e: s[0], a: s[1], b: s[2], alpha: s[3], beta: s[4] }.compute_optimal(c).l_opt;
            (b, Box::new(f))
        }
        FittedLaw::PowerCompute(_) => {
            check_fit_input(&job.runs, LawForm::PowerCompute)?;
            let budget = job.budget;
            let mut fit = |sample: &[Run]| -> Option<Vec<f64>> {
                let xs: Vec<f64> = sample.iter().map(Run::c).collect();
                let ls: Vec<f64> = sample.iter().map(|r| r.loss).collect();
                let p = fit_power_law(&xs, &ls, HUBER_DELTA, &opts).ok().filter(|p| p.converged)?;
                Some(vec![p.e, p.a, p.alpha, p.eval(budget)])
            };
            let b = bootstrap(&job.runs, &["E", "A", "alpha", "L_extrap"], &mut fit, job.resamples, job.seed, LEVEL, progress).map_err(fail)?;
            let f = |s: &[f64], c: f64| s[0] + s[1] * c.powf(-s[2]);
            (b, Box::new(f))
        }
    };
    let band = job
        .band_c
        .iter()
        .map(|&c| {
            let mut v: Vec<f64> = boot.samples.iter().map(|s| curve(s, c)).filter(|x| x.is_finite()).collect();
            v.sort_by(f64::total_cmp);
            let loss = Interval { lo: percentile(&v, (1.0 - LEVEL) / 2.0), median: percentile(&v, 0.5), hi: percentile(&v, (1.0 + LEVEL) / 2.0) };
            BandPoint { c, loss }
        })
        .collect();
    boot.samples.clear();
    Ok(BootstrapOutcome { boot, band })
}

/// `n` compute values spaced evenly in log C from `c_lo` to `c_hi` FLOPs (inclusive; `n` ≥ 2).
pub fn log_grid(c_lo: f64, c_hi: f64, n: usize) -> Vec<f64> {
    let n = n.max(2);
    let (l0, l1) = (c_lo.ln(), c_hi.ln());
    (0..n).map(|i| (l0 + (l1 - l0) * i as f64 / (n - 1) as f64).exp()).collect()
}

/// A label safe to put in a spreadsheet cell: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`
/// prefix (OWASP "CSV injection" advice), unless it already has one.
pub fn spreadsheet_safe(label: &str) -> String {
    match label.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{label}"),
        _ => label.to_string(),
    }
}

/// The results as CSV text: a constants section (`quantity,estimate,lo95,hi95`: the constants,
/// N_opt and D_opt (Chinchilla form) and L_extrap at `budget`, with the bootstrap intervals when
/// given) followed by a runs section
/// (`label,N,D,C,loss,predicted,residual,held_out`). Numbers in shortest round-trip form.
pub fn results_csv(fit: &FitOutcome, boot: Option<&BootstrapOutcome>, budget: f64) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let interval = |name: &str| boot.and_then(|b| b.boot.get(name));
    let mut rows: Vec<(String, f64)> = fit.law.constants().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    if let Some(o) = fit.law.optimum(budget) {
        rows.push(("N_opt".into(), o.n_opt));
        rows.push(("D_opt".into(), o.d_opt));
    }
    rows.push(("L_extrap".into(), fit.law.frontier(budget)));
    let _ = w.write_record(["quantity", "estimate", "lo95", "hi95"]);
    for (k, v) in rows {
        let (lo, hi) = interval(&k).map_or((String::new(), String::new()), |i| (num(i.lo), num(i.hi)));
        let _ = w.write_record([k, num(v), lo, hi]);
    }
    let _ = w.write_record(["budget_flops", &num(budget), "", ""]);
    let _ = w.write_record(["train_rmse", &num(fit.train_rmse), "", ""]);
    if let Some(h) = fit.held_out_rmse {
        let _ = w.write_record(["held_out_rmse", &num(h), "", ""]);
    }
    let _ = w.write_record([""; 4]);
    let _ = w.write_record(["label", "N", "D", "C", "loss", "predicted", "residual", "held_out"]);
    for r in &fit.runs {
        let _ = w.write_record([
            spreadsheet_safe(&r.run.label),
            num(r.run.n),
            num(r.run.d),
            num(r.c),
            num(r.run.loss),
            num(r.predicted),
            num(r.residual),
            r.held_out.to_string(),
        ]);
    }
    w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// Shortest round-trip decimal, in exponent form outside [10⁻⁴, 10⁶) (spreadsheets read both).
fn num(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && a.is_finite() && !(1e-4..1e6).contains(&a) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// The naive extrapolation of a pure power law L ∝ C^(−α) with no irreducible term: if the loss
/// fell from `l1` to `l2` over one decade of compute, after `decades` more decades it is
/// l2·(l2/l1)^decades. With E > 0 the true curve flattens, so this overstates the gain.
/// Errors: non-positive or non-finite inputs, `l2 > l1`.
pub fn extrapolate_pure_power_law(l1: f64, l2: f64, decades: f64) -> Result<f64, String> {
    if !(l1.is_finite() && l2.is_finite() && decades.is_finite() && l1 > 0.0 && l2 > 0.0 && decades >= 0.0) {
        return Err("l1, l2 must be finite and > 0, decades ≥ 0".into());
    }
    if l2 > l1 {
        return Err(format!("l2 = {l2} must not exceed l1 = {l1} (a falling loss)"));
    }
    Ok(l2 * (l2 / l1).powf(decades))
}
