//! Messages between the page and the compute Web Worker, and the worker-side dispatch. Plain serde
//! data with no web types, so the dispatch is tested natively and the page never runs heavy loops.

use serde::{Deserialize, Serialize};
use sims::box_averaging::{simulate_box_averaging, BoxAveragingParams, BoxAveragingResult};
use sims::mean_estimation::{simulate_mean_estimation, MeanEstimationParams, MeanEstimationResult};
use sims::SimError;

/// A unit of heavy work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    MeanEstimation(MeanEstimationParams),
    BoxAveraging(BoxAveragingParams),
    /// Fit lab: fit a law to runs (held-out largest-compute runs excluded); `scaling::fit_lab::run_fit`.
    FitChinchilla(scaling::fit_lab::FitJob),
    /// Fit lab: bootstrap intervals and the extrapolation band; `scaling::fit_lab::run_bootstrap`.
    Bootstrap(scaling::fit_lab::BootstrapJob),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobOutput {
    MeanEstimation(MeanEstimationResult),
    BoxAveraging(BoxAveragingResult),
    FitChinchilla(scaling::fit_lab::FitOutcome),
    Bootstrap(scaling::fit_lab::BootstrapOutcome),
}

/// Why a job produced nothing. The fit lab's errors travel as data so that the page can word them
/// in the reader's language; the simulations' (whose parameters the page validates before sending)
/// and a malformed request keep their developer text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobError {
    FitLab(scaling::fit_lab::FitLabError),
    Sim(String),
    Malformed(String),
    /// The worker could not start, stopped, or sent a message the page cannot read (set page-side).
    Worker(String),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::FitLab(e) => write!(f, "{e}"),
            JobError::Sim(m) | JobError::Worker(m) => f.write_str(m),
            JobError::Malformed(m) => write!(f, "malformed request: {m}"),
        }
    }
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub job: Job,
}

/// Worker → page. Progress messages precede exactly one `Done` or `Failed` per request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Progress { id: u32, fraction: f64 },
    Done { id: u32, output: JobOutput },
    Failed { id: u32, error: JobError },
}

impl Reply {
    pub fn id(&self) -> u32 {
        match self {
            Reply::Progress { id, .. } | Reply::Done { id, .. } | Reply::Failed { id, .. } => *id,
        }
    }
}

/// What a worker runs: a job to completion, reporting progress through `progress` (return `false`
/// to cancel). Two exist, so that each wasm module carries only the science its widgets need.
pub type RunFn = fn(&Job, &mut dyn FnMut(f64) -> bool) -> Result<JobOutput, JobError>;

/// Every job: the worker of the scaling-widgets module (the fit lab's fits and bootstraps).
pub fn run(job: &Job, progress: &mut dyn FnMut(f64) -> bool) -> Result<JobOutput, JobError> {
    match job {
        Job::FitChinchilla(j) => scaling::fit_lab::run_fit(j, progress).map(JobOutput::FitChinchilla).map_err(JobError::FitLab),
        Job::Bootstrap(j) => scaling::fit_lab::run_bootstrap(j, progress).map(JobOutput::Bootstrap).map_err(JobError::FitLab),
        _ => run_simulation(job, progress),
    }
}

/// Chapter 2's simulations only: the worker of the page's own module, which leaves the fitting code
/// (L-BFGS, bootstrap) to the scaling-widgets module. A fit job here is a malformed request.
pub fn run_simulation(job: &Job, progress: &mut dyn FnMut(f64) -> bool) -> Result<JobOutput, JobError> {
    let map = |e: SimError| JobError::Sim(e.to_string());
    match job {
        Job::MeanEstimation(p) => simulate_mean_estimation(p, progress).map(JobOutput::MeanEstimation).map_err(map),
        Job::BoxAveraging(p) => simulate_box_averaging(p, progress).map(JobOutput::BoxAveraging).map_err(map),
        Job::FitChinchilla(_) | Job::Bootstrap(_) => {
            Err(JobError::Malformed("fits run in the scaling-widgets module's worker, not the page's".into()))
        }
    }
}

/// Handle one request message (JSON text) with `run` and produce the reply messages (JSON text), in
/// order.
pub fn handle(message: &str, run: RunFn, send: &mut dyn FnMut(String)) {
    let request: Request = match serde_json::from_str(message) {
        Ok(r) => r,
        Err(e) => {
            let reply = Reply::Failed { id: 0, error: JobError::Malformed(e.to_string()) };
            send(serde_json::to_string(&reply).unwrap_or_default());
            return;
        }
    };
    let id = request.id;
    let reply = {
        let mut progress = |fraction: f64| {
            send(serde_json::to_string(&Reply::Progress { id, fraction }).unwrap_or_default());
            true
        };
        match run(&request.job, &mut progress) {
            Ok(output) => Reply::Done { id, output },
            Err(error) => Reply::Failed { id, error },
        }
    };
    send(serde_json::to_string(&reply).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_yields_progress_then_one_result() {
        let p = MeanEstimationParams { n_min: 10, n_max: 1000, points: 5, repeats: 50, ..Default::default() };
        let req = serde_json::to_string(&Request { id: 7, job: Job::MeanEstimation(p) }).unwrap();
        let mut replies = Vec::new();
        handle(&req, run, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        assert!(replies.len() >= 2);
        assert!(replies.iter().all(|r| r.id() == 7));
        assert!(matches!(replies[0], Reply::Progress { .. }));
        match replies.last().unwrap() {
            Reply::Done { output: JobOutput::MeanEstimation(r), .. } => {
                // Mean estimation's MSE is σ²/n: slope −1 on log–log axes (see crates/sims).
                assert!((r.fit.slope + 1.0).abs() < 0.15, "slope {}", r.fit.slope);
            }
            other => panic!("expected a result, got {other:?}"),
        }
    }

    #[test]
    fn fit_lab_jobs_round_trip_through_the_worker_protocol() {
        // Runs from Hoffmann et al.'s rounded law (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28; arXiv:2203.15556 eq 10).
        let mut runs = Vec::new();
        for &n in &[1e8, 1e9, 1e10] {
            for &d in &[1e9, 1e10, 1e11] {
                runs.push(scaling::Run { n, d, loss: 1.69 + 406.4 / f64::powf(n, 0.34) + 410.7 / f64::powf(d, 0.28), unique: None, label: String::new() });
            }
        }
        let job = scaling::fit_lab::FitJob { runs, law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 1 };
        let req = serde_json::to_string(&Request { id: 4, job: Job::FitChinchilla(job) }).unwrap();
        let mut replies = Vec::new();
        handle(&req, run, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        match replies.last().unwrap() {
            Reply::Done { output: JobOutput::FitChinchilla(f), .. } => {
                assert!((f.law.constants()[3].1 - 0.34).abs() < 1e-2, "{:?}", f.law.constants());
                assert_eq!(f.runs.iter().filter(|r| r.held_out).count(), 1);
            }
            other => panic!("expected a fit, got {other:?}"),
        }
        // One run only: refused with the reason, not a panic.
        let one = scaling::fit_lab::FitJob { runs: vec![scaling::Run { n: 1e9, d: 1e10, loss: 3.0, unique: None, label: String::new() }], law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 0 };
        replies.clear();
        handle(&serde_json::to_string(&Request { id: 5, job: Job::FitChinchilla(one) }).unwrap(), run, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        // The error arrives as data, for the page to word in the reader's language.
        let too_few = scaling::fit_lab::FitLabError::TooFewRuns { law: scaling::fit_lab::LawForm::Chinchilla, loaded: 1, held_out: 0, need: 5 };
        assert_eq!(replies.last().unwrap(), &Reply::Failed { id: 5, error: JobError::FitLab(too_few) });
    }

    #[test]
    fn bad_messages_and_bad_params_fail_cleanly() {
        let mut replies = Vec::new();
        handle("{garbage", run, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        assert!(matches!(&replies[0], Reply::Failed { error: JobError::Malformed(_), .. }));

        let p = MeanEstimationParams { sigma: -1.0, ..Default::default() };
        let req = serde_json::to_string(&Request { id: 3, job: Job::MeanEstimation(p) }).unwrap();
        replies.clear();
        handle(&req, run, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        assert!(matches!(replies.last().unwrap(), Reply::Failed { id: 3, error: JobError::Sim(m) } if m.contains("sigma")));
    }

    #[test]
    fn the_page_module_worker_runs_simulations_and_refuses_fits() {
        let p = MeanEstimationParams { n_min: 10, n_max: 100, points: 3, repeats: 20, ..Default::default() };
        let mut replies = Vec::new();
        handle(&serde_json::to_string(&Request { id: 1, job: Job::MeanEstimation(p) }).unwrap(), run_simulation, &mut |m| {
            replies.push(serde_json::from_str::<Reply>(&m).unwrap())
        });
        assert!(matches!(replies.last().unwrap(), Reply::Done { id: 1, output: JobOutput::MeanEstimation(_) }));
        let runs = vec![scaling::Run { n: 1e9, d: 1e10, loss: 3.0, unique: None, label: String::new() }; 6];
        let job = scaling::fit_lab::FitJob { runs, law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 0 };
        replies.clear();
        handle(&serde_json::to_string(&Request { id: 2, job: Job::FitChinchilla(job) }).unwrap(), run_simulation, &mut |m| {
            replies.push(serde_json::from_str::<Reply>(&m).unwrap())
        });
        assert!(matches!(replies.last().unwrap(), Reply::Failed { id: 2, error: JobError::Malformed(_) }));
    }
}
