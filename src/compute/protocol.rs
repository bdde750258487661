//! Messages between the page and a compute Web Worker, and the worker-side dispatch. Plain serde
//! data with no web types, so the dispatch is tested natively and the page never runs heavy loops.
//!
//! Three job families ([`Jobs`]), one per worker entry point: chapter 2's simulations in the page's own
//! module ([`Simulations`]), and in the scaling-widgets bundle the fit lab's fits ([`Fits`]) and
//! chapter 1's capacity sweep ([`CapacitySweeps`]). Each module links only its families' message
//! types, so the page carries no fit results' or linear algebra's code.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sims::box_averaging::{simulate_box_averaging, BoxAveragingParams, BoxAveragingResult};
use sims::mean_estimation::{simulate_mean_estimation, MeanEstimationParams, MeanEstimationResult};

/// A family of jobs a worker module serves: what it is sent, what it answers, why a job can fail,
/// and how it runs one (to completion, reporting progress through `progress`; `false` cancels).
pub trait Jobs: 'static {
    type Job: Serialize + DeserializeOwned;
    type Output: Serialize + DeserializeOwned;
    /// The job's own failure, sent as data for the page to word in the reader's language.
    type Failure: Serialize + DeserializeOwned;
    fn run(job: &Self::Job, progress: &mut dyn FnMut(f64) -> bool) -> Result<Self::Output, Self::Failure>;
}

/// Chapter 2's simulations, run by the page's own module.
pub struct Simulations;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SimJob {
    MeanEstimation(MeanEstimationParams),
    BoxAveraging(BoxAveragingParams),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SimOutput {
    MeanEstimation(MeanEstimationResult),
    BoxAveraging(BoxAveragingResult),
}

impl Jobs for Simulations {
    type Job = SimJob;
    type Output = SimOutput;
    /// `sims::SimError`'s text: the page validates the parameters before sending, so a failure here
    /// is a bug to report, not a reader's mistake to explain.
    type Failure = String;

    fn run(job: &SimJob, progress: &mut dyn FnMut(f64) -> bool) -> Result<SimOutput, String> {
        match job {
            SimJob::MeanEstimation(p) => simulate_mean_estimation(p, progress).map(SimOutput::MeanEstimation),
            SimJob::BoxAveraging(p) => simulate_box_averaging(p, progress).map(SimOutput::BoxAveraging),
        }
        .map_err(|e| e.to_string())
    }
}

/// The fit lab's fits and bootstraps, run by the scaling-widgets module (L-BFGS, bootstrap).
pub struct Fits;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FitLabJob {
    /// Fit a law to runs (held-out largest-compute runs excluded); `scaling::fit_lab::run_fit`.
    Fit(scaling::fit_lab::FitJob),
    /// Bootstrap intervals and the extrapolation band; `scaling::fit_lab::run_bootstrap`.
    Bootstrap(scaling::fit_lab::BootstrapJob),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FitLabOutput {
    Fit(scaling::fit_lab::FitOutcome),
    Bootstrap(scaling::fit_lab::BootstrapOutcome),
}

impl Jobs for Fits {
    type Job = FitLabJob;
    type Output = FitLabOutput;
    type Failure = scaling::fit_lab::FitLabError;

    fn run(job: &FitLabJob, progress: &mut dyn FnMut(f64) -> bool) -> Result<FitLabOutput, Self::Failure> {
        match job {
            FitLabJob::Fit(j) => scaling::fit_lab::run_fit(j, progress).map(FitLabOutput::Fit),
            FitLabJob::Bootstrap(j) => scaling::fit_lab::run_bootstrap(j, progress).map(FitLabOutput::Bootstrap),
        }
    }
}

/// Chapter 1's capacity sweep (`sims::capacity`, SVDs through nalgebra), run by the scaling-widgets
/// module beside the fits, so that the page's module does not carry the linear algebra.
pub struct CapacitySweeps;

impl Jobs for CapacitySweeps {
    type Job = sims::capacity::CapacityParams;
    type Output = sims::capacity::CapacityResult;
    /// `sims::SimError`'s text, as for [`Simulations`]: the widget validates before sending.
    type Failure = String;

    fn run(job: &Self::Job, progress: &mut dyn FnMut(f64) -> bool) -> Result<Self::Output, String> {
        sims::capacity::simulate_capacity(job, progress).map_err(|e| e.to_string())
    }
}

/// Why a job produced nothing: the job's own failure `F` ([`Jobs::Failure`]), a request the worker
/// could not read, or the worker itself failing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobError<F> {
    Job(F),
    Malformed(String),
    /// The worker could not start, stopped, or sent a message the page cannot read (set page-side).
    Worker(String),
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request<J> {
    pub id: u32,
    pub job: J,
}

/// Worker → page. Progress messages precede exactly one `Done` or `Failed` per request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply<O, F> {
    Progress { id: u32, fraction: f64 },
    Done { id: u32, output: O },
    Failed { id: u32, error: JobError<F> },
}

/// The replies of family `J`.
pub type ReplyOf<J> = Reply<<J as Jobs>::Output, <J as Jobs>::Failure>;

impl<O, F> Reply<O, F> {
    pub fn id(&self) -> u32 {
        match self {
            Reply::Progress { id, .. } | Reply::Done { id, .. } | Reply::Failed { id, .. } => *id,
        }
    }
}

/// Handle one request message (JSON text) of family `J` and produce the reply messages (JSON text),
/// in order. A message that is not a `J` request (also another family's) is answered as malformed.
pub fn handle<J: Jobs>(message: &str, send: &mut dyn FnMut(String)) {
    let request: Request<J::Job> = match serde_json::from_str(message) {
        Ok(r) => r,
        Err(e) => {
            let reply: ReplyOf<J> = Reply::Failed { id: 0, error: JobError::Malformed(e.to_string()) };
            send(serde_json::to_string(&reply).unwrap_or_default());
            return;
        }
    };
    let id = request.id;
    let reply: ReplyOf<J> = {
        let mut progress = |fraction: f64| {
            send(serde_json::to_string(&ReplyOf::<J>::Progress { id, fraction }).unwrap_or_default());
            true
        };
        match J::run(&request.job, &mut progress) {
            Ok(output) => Reply::Done { id, output },
            Err(failure) => Reply::Failed { id, error: JobError::Job(failure) },
        }
    };
    send(serde_json::to_string(&reply).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<J: Jobs>(request: &str) -> Vec<ReplyOf<J>> {
        let mut out = Vec::new();
        handle::<J>(request, &mut |m| out.push(serde_json::from_str(&m).unwrap()));
        out
    }

    #[test]
    fn a_request_yields_progress_then_one_result() {
        let p = MeanEstimationParams { n_min: 10, n_max: 1000, points: 5, repeats: 50, ..Default::default() };
        let replies = run::<Simulations>(&serde_json::to_string(&Request { id: 7, job: SimJob::MeanEstimation(p) }).unwrap());
        assert!(replies.len() >= 2);
        assert!(replies.iter().all(|r| r.id() == 7));
        assert!(matches!(replies[0], Reply::Progress { .. }));
        match replies.last().unwrap() {
            Reply::Done { output: SimOutput::MeanEstimation(r), .. } => {
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
        let replies = run::<Fits>(&serde_json::to_string(&Request { id: 4, job: FitLabJob::Fit(job) }).unwrap());
        match replies.last().unwrap() {
            Reply::Done { output: FitLabOutput::Fit(f), .. } => {
                assert!((f.law.constants()[3].1 - 0.34).abs() < 1e-2, "{:?}", f.law.constants());
                assert_eq!(f.runs.iter().filter(|r| r.held_out).count(), 1);
            }
            other => panic!("expected a fit, got {other:?}"),
        }
        // One run only: refused with the reason, not a panic.
        let one = scaling::fit_lab::FitJob { runs: vec![scaling::Run { n: 1e9, d: 1e10, loss: 3.0, unique: None, label: String::new() }], law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 0 };
        let replies = run::<Fits>(&serde_json::to_string(&Request { id: 5, job: FitLabJob::Fit(one) }).unwrap());
        // The error arrives as data, for the page to word in the reader's language.
        let too_few = scaling::fit_lab::FitLabError::TooFewRuns { law: scaling::fit_lab::LawForm::Chinchilla, loaded: 1, held_out: 0, need: 5 };
        assert_eq!(replies.last().unwrap(), &Reply::Failed { id: 5, error: JobError::Job(too_few) });
    }

    #[test]
    fn bad_messages_and_bad_params_fail_cleanly() {
        let replies = run::<Simulations>("{garbage");
        assert!(matches!(&replies[0], Reply::Failed { error: JobError::Malformed(_), .. }));

        let p = MeanEstimationParams { sigma: -1.0, ..Default::default() };
        let replies = run::<Simulations>(&serde_json::to_string(&Request { id: 3, job: SimJob::MeanEstimation(p) }).unwrap());
        assert!(matches!(replies.last().unwrap(), Reply::Failed { id: 3, error: JobError::Job(m) } if m.contains("sigma")));
    }

    #[test]
    fn requests_are_externally_tagged_json_as_the_benchmarks_write_them() {
        // scripts/bench-fit.mjs posts what crates/scaling/examples/bench_fit.rs writes: {"id", "job": {"Fit": …}}.
        let job = scaling::fit_lab::FitJob { runs: Vec::new(), law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 0 };
        let text = format!(r#"{{"id": 1, "job": {{"Fit": {}}}}}"#, serde_json::to_string(&job).unwrap());
        let request: Request<FitLabJob> = serde_json::from_str(&text).unwrap();
        assert_eq!(request, Request { id: 1, job: FitLabJob::Fit(job) });
        let reply: ReplyOf<Simulations> = serde_json::from_str(r#"{"Progress": {"id": 3, "fraction": 0.5}}"#).unwrap();
        assert_eq!(reply, Reply::Progress { id: 3, fraction: 0.5 });
    }

    #[test]
    fn each_family_refuses_the_other_familys_jobs() {
        let runs = vec![scaling::Run { n: 1e9, d: 1e10, loss: 3.0, unique: None, label: String::new() }; 6];
        let fit = scaling::fit_lab::FitJob { runs, law: scaling::fit_lab::LawForm::Chinchilla, grid: scaling::fit_lab::GridSize::Reduced, held_out: 0 };
        let replies = run::<Simulations>(&serde_json::to_string(&Request { id: 2, job: FitLabJob::Fit(fit) }).unwrap());
        assert!(matches!(replies.last().unwrap(), Reply::Failed { error: JobError::Malformed(_), .. }));
        let sim = SimJob::BoxAveraging(BoxAveragingParams::default());
        let replies = run::<Fits>(&serde_json::to_string(&Request { id: 1, job: sim }).unwrap());
        assert!(matches!(replies.last().unwrap(), Reply::Failed { error: JobError::Malformed(_), .. }));
    }
}
