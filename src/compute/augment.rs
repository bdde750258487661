//! The augmentation worker as seen from the page: its module (`crates/augment-worker`, built by
//! Trunk as `augment-worker.js` + `augment-worker_bg.wasm`, fetched only when an augmentation widget
//! starts it) and its messages, `[json, bytes]` arrays whose bytes are transferred, not copied.

use augment_lab::protocol::{Job, JobError, Output, Reply, Request};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::client::{Incoming, WorkerKind};

/// A job and, for a grid, the image file's bytes (sent as a copy, so the page keeps its own).
pub type AugmentJob = (Job, Option<Uint8Array>);

/// A result and its pixel buffer (layout documented on each output type of `augment_lab::protocol`).
pub type AugmentDone = (Output, Option<Uint8Array>);

/// Why an augmentation job produced nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum AugmentError {
    Job(JobError),
    /// The worker could not start or stopped (message for the console-minded reader).
    Worker(String),
}

pub struct AugmentWorker;

impl WorkerKind for AugmentWorker {
    type Job = AugmentJob;
    type Done = AugmentDone;
    type Error = AugmentError;

    fn module_urls() -> Option<(String, String)> {
        super::client::unhashed_module_urls("augment-worker")
    }

    fn encode(id: u32, (job, file): AugmentJob) -> Result<JsValue, String> {
        let json = serde_json::to_string(&Request { id, job }).map_err(|e| e.to_string())?;
        let file = file.map_or(JsValue::NULL, |f| f.slice(0, f.length()).into());
        Ok(Array::of2(&JsValue::from_str(&json), &file).into())
    }

    fn decode(data: JsValue) -> Incoming<AugmentDone, AugmentError> {
        if data.as_string().as_deref() == Some("ready") {
            return Incoming::Ready;
        }
        let Some(parts) = data.dyn_ref::<Array>() else {
            return Incoming::Unreadable(AugmentError::Worker("unreadable message from the augmentation worker".into()));
        };
        let json = parts.get(0).as_string().unwrap_or_default();
        let pixels = parts.get(1).dyn_into::<Uint8Array>().ok();
        match serde_json::from_str::<Reply>(&json) {
            Ok(Reply::Done { id, output }) => Incoming::Finished { id, result: Ok((output, pixels)) },
            Ok(Reply::Failed { id, error }) => Incoming::Finished { id, result: Err(AugmentError::Job(error)) },
            Err(e) => Incoming::Unreadable(AugmentError::Worker(format!("unreadable result from the augmentation worker: {e}"))),
        }
    }

    fn worker_error(message: String) -> AugmentError {
        AugmentError::Worker(message)
    }
}
