//! Scaling-law science for Scaling Lab: the published laws, compute-optimal allocation, fitting
//! with bootstrap intervals and CSV import of training runs. Web-free and thread-free (it runs in
//! a Web Worker when compiled to wasm32); everything random is seeded.
//!
//! * [`kaplan`]: Kaplan et al. 2020 (L(N), L(D), L(C_min), L(N, D), L(N, S), B_crit, Table 6,
//!   PF-days).
//! * [`chinchilla`]: L = E + A/N^α + B/D^β with presets, compute-optimal allocation under
//!   C = 6ND, IsoFLOP profiles, inference-aware optimum.
//! * [`muennighoff`]: the data-constrained law (effective data and parameters).
//! * [`bnsl`]: broken neural scaling laws.
//! * [`fit`]: Huber-LSE fitting with L-BFGS from a grid, power laws, Approach 2.
//! * [`fit_lab`]: the fit lab widget's settings and worker jobs (fit with hold-out, bootstrap band).
//! * [`bootstrap`]: seeded, cancellable percentile bootstrap.
//! * [`csv_import`]: CSV of runs → [`Run`]s, with per-line errors.
//! * [`law_explorer`], [`compute_planner`]: parameters and numbers of those two widgets;
//!   [`famous_models`]: published N and D of well-known models, with sources.
//!
//! Units: N parameters, D tokens, C FLOPs (Kaplan's C in PF-days), losses in nats per token.

pub mod bnsl;
pub mod bootstrap;
pub mod chinchilla;
pub mod compute_planner;
pub mod csv_import;
pub mod famous_models;
pub mod fit;
pub mod fit_lab;
pub mod kaplan;
pub mod law_explorer;
pub mod muennighoff;
pub mod planner_params;

pub use bnsl::BnslParams;
pub use bootstrap::{bootstrap, bootstrap_chinchilla, Bootstrap, BootstrapError, Interval};
pub use chinchilla::{
    preset, ChinchillaParams, ComputeOptimal, InferenceOptimal, IsoFlopPoint, Preset,
};
pub use csv_import::{import_csv, ColumnMapping, CsvImport, DataColumn, RowError};
pub use fit::{
    approach2, fit_chinchilla, fit_chinchilla_from, fit_power_law, FitError, FitReport, InitGrid,
    LbfgsOptions, HUBER_DELTA,
};

use serde::{Deserialize, Serialize};

/// The training runs of Muennighoff et al. 2023 (arXiv:2305.16264) as extracted from the
/// huggingface/datablations fitting notebook: 296 rows, columns run_name, params (N), tokens (D),
/// unique_tokens (U), epochs, val_loss (nats/token). Apache-2.0; see `data/PROVENANCE.md` and
/// `data/LICENSE.md` in this crate.
pub const DATABLATIONS_RUNS_CSV: &str = include_str!("../data/datablations-runs.csv");

/// One training run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// N, parameters.
    pub n: f64,
    /// D, training tokens.
    pub d: f64,
    /// Final loss, nats/token.
    pub loss: f64,
    /// U, unique training tokens, when known (data-constrained runs; D/U = epochs).
    pub unique: Option<f64>,
    /// Run name (sanitised text; may be empty).
    pub label: String,
}

impl Run {
    /// Training compute C = 6·N·D, FLOPs.
    pub fn c(&self) -> f64 {
        chinchilla::FLOPS_PER_PARAM_TOKEN_TRAIN * self.n * self.d
    }
}

/// The datablations runs parsed from [`DATABLATIONS_RUNS_CSV`] (N = params, D = tokens,
/// loss = val_loss, label = run_name). The file is shipped in the crate, so import errors would
/// be a packaging bug; they are returned in the [`CsvImport`] like for any file.
pub fn datablations_runs() -> CsvImport {
    import_csv(DATABLATIONS_RUNS_CSV, None)
}
