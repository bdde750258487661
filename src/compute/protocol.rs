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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobOutput {
    MeanEstimation(MeanEstimationResult),
    BoxAveraging(BoxAveragingResult),
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
    Failed { id: u32, message: String },
}

impl Reply {
    pub fn id(&self) -> u32 {
        match self {
            Reply::Progress { id, .. } | Reply::Done { id, .. } | Reply::Failed { id, .. } => *id,
        }
    }
}

/// Run a job to completion, reporting progress through `progress` (return `false` to cancel).
pub fn run(job: &Job, progress: &mut dyn FnMut(f64) -> bool) -> Result<JobOutput, String> {
    let map = |e: SimError| e.to_string();
    match job {
        Job::MeanEstimation(p) => simulate_mean_estimation(p, progress).map(JobOutput::MeanEstimation).map_err(map),
        Job::BoxAveraging(p) => simulate_box_averaging(p, progress).map(JobOutput::BoxAveraging).map_err(map),
    }
}

/// Handle one request message (JSON text) and produce the reply messages (JSON text), in order.
pub fn handle(message: &str, send: &mut dyn FnMut(String)) {
    let request: Request = match serde_json::from_str(message) {
        Ok(r) => r,
        Err(e) => {
            let reply = Reply::Failed { id: 0, message: format!("malformed request: {e}") };
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
            Err(message) => Reply::Failed { id, message },
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
        handle(&req, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
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
    fn bad_messages_and_bad_params_fail_cleanly() {
        let mut replies = Vec::new();
        handle("{garbage", &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        assert!(matches!(&replies[0], Reply::Failed { message, .. } if message.contains("malformed")));

        let p = MeanEstimationParams { sigma: -1.0, ..Default::default() };
        let req = serde_json::to_string(&Request { id: 3, job: Job::MeanEstimation(p) }).unwrap();
        replies.clear();
        handle(&req, &mut |m| replies.push(serde_json::from_str::<Reply>(&m).unwrap()));
        assert!(matches!(replies.last().unwrap(), Reply::Failed { id: 3, message } if message.contains("sigma")));
    }
}
