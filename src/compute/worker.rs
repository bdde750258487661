//! Entry point of a compute Web Worker (started by assets/compute-worker.js in the page's module for
//! chapter 2's simulations, in the scaling-widgets module for fits): one JSON request in, progress and
//! one result out. It runs jobs synchronously; the page cancels a job by terminating the worker.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol;

/// Serve requests of family `J` (`protocol::Simulations` or `protocol::Fits`).
pub fn start<J: protocol::Jobs>() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        protocol::handle::<J>(&text, &mut |reply| {
            let _ = reply_scope.post_message(&JsValue::from_str(&reply));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page the module is ready, so requests sent before instantiation are not lost.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
