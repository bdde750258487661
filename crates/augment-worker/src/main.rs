//! The augmentation worker: a dedicated Web Worker running `augment_lab::protocol::handle`, built by
//! Trunk as a wasm module of its own (`dist/augment-worker.js` + `augment-worker_bg.wasm`), so the
//! decoders, the digits and the synonym tables are downloaded only when an augmentation widget
//! starts it, never with the app.
//!
//! It is started by the app's loader `compute-worker.js` (`?js=…&wasm=…`), which imports the
//! module, instantiates it and calls [`start_compute_worker`] (the same name as the app's own
//! compute entry, so one loader serves both). Wire format, one message each way per job:
//!
//! - page → worker: a JS `Array` `[requestJson: string, file: Uint8Array | null]`;
//! - worker → page: a JS `Array` `[replyJson: string, pixels: Uint8Array | null]`, the pixels'
//!   `ArrayBuffer` transferred, not copied.
//!
//! The worker first posts the string `"ready"`. Jobs run synchronously, one at a time; the page
//! cancels a job by terminating the worker.

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Read `[requestJson, file]`. Anything else becomes an empty request, which `handle` answers
    /// with a `Malformed` reply (so the page always hears back).
    fn read_message(data: JsValue) -> (String, Option<Vec<u8>>) {
        let Ok(parts) = data.dyn_into::<Array>() else {
            return (String::new(), None);
        };
        let json = parts.get(0).as_string().unwrap_or_default();
        let file = parts
            .get(1)
            .dyn_into::<Uint8Array>()
            .ok()
            .map(|u| u.to_vec());
        (json, file)
    }

    fn reply(scope: &DedicatedWorkerGlobalScope, json: &str, pixels: Option<Vec<u8>>) {
        let message = Array::new();
        message.push(&JsValue::from_str(json));
        let posted = match pixels {
            Some(px) => {
                // A fresh JS buffer (wasm memory itself cannot be transferred), handed over
                // without a second copy.
                let buf = Uint8Array::new_with_length(px.len() as u32);
                buf.copy_from(&px);
                message.push(&buf);
                scope.post_message_with_transfer(&message, &Array::of1(&buf.buffer()))
            }
            None => {
                message.push(&JsValue::NULL);
                scope.post_message(&message)
            }
        };
        if let Err(e) = posted {
            web_sys::console::error_2(&JsValue::from_str("augment-worker: postMessage failed"), &e);
        }
    }

    /// Install the message handler, then post `"ready"`.
    #[wasm_bindgen]
    pub fn start_compute_worker() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let (json, file) = read_message(event.data());
            let (reply_json, pixels) = augment_lab::protocol::handle(&json, file.as_deref());
            reply(&reply_scope, &reply_json, pixels);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        // Requests sent before instantiation finished would be lost: the page waits for this.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

fn main() {}
