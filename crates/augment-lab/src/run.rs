//! The worker's entry point, web-free: a request as JSON (plus the image file for a grid) in, a
//! reply as JSON plus one pixel buffer out. Every failure is a [`JobError`] in the reply; nothing
//! here panics on input.

use serde::Deserialize;

use crate::grid::run_grid;
use crate::mixing::run_mix;
use crate::protocol::{Job, JobError, Output, Reply, Request};
use crate::text::run_text;

/// Run one job. Returns the output and its pixel buffer (layouts on [`crate::protocol::GridOutput`]
/// and [`crate::protocol::MixOutput`]; empty for text). `file` is only read by [`Job::Grid`].
///
/// # Errors
/// The job's [`JobError`].
pub fn run(job: &Job, file: Option<&[u8]>) -> Result<(Output, Vec<u8>), JobError> {
    Ok(match job {
        Job::Grid(g) => {
            let (out, px) = run_grid(g, file)?;
            (Output::Grid(out), px)
        }
        Job::Mix(m) => {
            let (out, px) = run_mix(m)?;
            (Output::Mix(out), px)
        }
        Job::Text(t) => (Output::Text(run_text(t)?), Vec::new()),
    })
}

/// Only the id, read leniently so that a request whose job is malformed still gets its reply
/// matched on the page.
#[derive(Deserialize)]
struct IdOnly {
    id: u32,
}

/// Handle one message: parse the [`Request`], [`run`] it, and serialize the [`Reply`].
///
/// Returns the reply JSON and the pixels (`None` for a failure or a text job). A request that
/// does not parse gets `Failed { error: Malformed }` with its `id` if one could be read, else 0.
pub fn handle(request_json: &str, file: Option<&[u8]>) -> (String, Option<Vec<u8>>) {
    let (reply, pixels) = match serde_json::from_str::<Request>(request_json) {
        Err(e) => {
            let id = serde_json::from_str::<IdOnly>(request_json)
                .map(|r| r.id)
                .unwrap_or(0);
            (
                Reply::Failed {
                    id,
                    error: JobError::Malformed {
                        detail: e.to_string(),
                    },
                },
                None,
            )
        }
        Ok(Request { id, job }) => match run(&job, file) {
            Ok((output, px)) => (Reply::Done { id, output }, (!px.is_empty()).then_some(px)),
            Err(error) => (Reply::Failed { id, error }, None),
        },
    };
    match serde_json::to_string(&reply) {
        Ok(json) => (json, pixels),
        // Plain data always serializes; should it not, the page still gets a parseable reply.
        Err(e) => {
            let error = JobError::Malformed {
                detail: format!("reply did not serialize: {e}"),
            };
            let id = match reply {
                Reply::Done { id, .. } | Reply::Failed { id, .. } => id,
            };
            (
                serde_json::to_string(&Reply::Failed { id, error }).unwrap_or_default(),
                None,
            )
        }
    }
}
