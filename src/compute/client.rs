//! Page-side handle on a compute worker. Each widget owns one: a new run while one is in flight
//! terminates the worker (the only way to stop a synchronous wasm loop) and starts a fresh one.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use super::protocol::{Job, JobOutput, Reply, Request};
use crate::shell::base_href;

/// The URLs of the app's JS glue and wasm module (hashed by Trunk), from the preload links Trunk writes
/// into index.html. The worker loads the same module, which the browser then has in its cache.
fn app_module_urls() -> Option<(String, String)> {
    let doc = web_sys::window()?.document()?;
    let href = |sel: &str| -> Option<String> {
        let el: web_sys::HtmlLinkElement = doc.query_selector(sel).ok()??.dyn_into().ok()?;
        Some(el.href())
    };
    Some((href("link[rel=modulepreload][href$='.js']")?, href("link[rel=preload][href$='.wasm']")?))
}

type OnProgress = Rc<dyn Fn(f64)>;
type OnDone = Rc<dyn Fn(Result<JobOutput, String>)>;

struct Live {
    worker: Worker,
    ready: bool,
    queued: Option<String>,
    // Kept alive while the worker is.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Live {
    // However the slot goes away (cancel, or the widget's arena disposed before its cleanup ran), the
    // worker must stop and must not call the closures dropped with it: a message still in flight would
    // otherwise hit a freed closure ("closure invoked recursively or after being dropped").
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

#[derive(Default)]
struct Inner {
    live: Option<Live>,
    next_id: u32,
    current: Option<(u32, OnProgress, OnDone)>,
}

/// A lazily started worker running one job at a time.
#[derive(Clone, Default)]
pub struct ComputeSlot {
    inner: Rc<RefCell<Inner>>,
}

impl ComputeSlot {
    /// Start `job`, cancelling any job still running. `on_done` is called exactly once unless the job is
    /// cancelled by a later `submit` or `cancel`.
    pub fn submit(&self, job: Job, on_progress: impl Fn(f64) + 'static, on_done: impl Fn(Result<JobOutput, String>) + 'static) {
        let busy = self.inner.borrow().current.is_some();
        if busy {
            self.terminate();
        }
        let id = {
            let mut inner = self.inner.borrow_mut();
            inner.next_id += 1;
            let id = inner.next_id;
            inner.current = Some((id, Rc::new(on_progress), Rc::new(on_done)));
            id
        };
        let message = match serde_json::to_string(&Request { id, job }) {
            Ok(m) => m,
            Err(e) => return self.finish(id, Err(e.to_string())),
        };
        if let Err(e) = self.ensure_worker() {
            return self.finish(id, Err(e));
        }
        let mut inner = self.inner.borrow_mut();
        let live = inner.live.as_mut().expect("worker just ensured");
        if live.ready {
            let _ = live.worker.post_message(&JsValue::from_str(&message));
        } else {
            live.queued = Some(message);
        }
    }

    /// Stop the running job, if any, without calling its `on_done`.
    pub fn cancel(&self) {
        self.terminate();
    }

    pub fn is_busy(&self) -> bool {
        self.inner.borrow().current.is_some()
    }

    fn terminate(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(live) = inner.live.take() {
            live.worker.terminate();
        }
        inner.current = None;
    }

    fn finish(&self, id: u32, result: Result<JobOutput, String>) {
        let done = {
            let mut inner = self.inner.borrow_mut();
            match &inner.current {
                Some((cur, _, done)) if *cur == id => {
                    let done = done.clone();
                    inner.current = None;
                    Some(done)
                }
                _ => None,
            }
        };
        if let Some(done) = done {
            done(result);
        }
    }

    fn ensure_worker(&self) -> Result<(), String> {
        if self.inner.borrow().live.is_some() {
            return Ok(());
        }
        let (js, wasm) = app_module_urls().ok_or("could not find the app's module to start a compute worker")?;
        let enc = |s: &str| js_sys::encode_uri_component(s).as_string().unwrap_or_default();
        let url = format!("{}compute-worker.js?js={}&wasm={}", base_href(), enc(&js), enc(&wasm));
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker =
            Worker::new_with_options(&url, &options).map_err(|e| format!("could not start the compute worker: {e:?}"))?;
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(inner) = weak.upgrade() else { return };
            let slot = ComputeSlot { inner };
            let text = event.data().as_string().unwrap_or_default();
            slot.on_message(&text);
        });
        let weak = Rc::downgrade(&self.inner);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            let Some(inner) = weak.upgrade() else { return };
            let slot = ComputeSlot { inner };
            let id = slot.inner.borrow().current.as_ref().map(|c| c.0);
            slot.terminate_keep_current();
            if let Some(id) = id {
                slot.finish(id, Err("the compute worker stopped unexpectedly".into()));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.inner.borrow_mut().live =
            Some(Live { worker, ready: false, queued: None, _on_message: on_message, _on_error: on_error });
        Ok(())
    }

    fn terminate_keep_current(&self) {
        if let Some(live) = self.inner.borrow_mut().live.take() {
            live.worker.terminate();
        }
    }

    fn on_message(&self, text: &str) {
        if text == "ready" {
            let mut inner = self.inner.borrow_mut();
            if let Some(live) = inner.live.as_mut() {
                live.ready = true;
                if let Some(m) = live.queued.take() {
                    let _ = live.worker.post_message(&JsValue::from_str(&m));
                }
            }
            return;
        }
        let reply = match serde_json::from_str::<Reply>(text) {
            Ok(r) => r,
            Err(e) => {
                // A reply we cannot read must still end the job, or the widget would wait forever.
                let id = self.inner.borrow().current.as_ref().map(|c| c.0);
                if let Some(id) = id {
                    self.finish(id, Err(format!("unreadable result from the compute worker: {e}")));
                }
                return;
            }
        };
        match reply {
            Reply::Progress { id, fraction } => {
                let cb = match &self.inner.borrow().current {
                    Some((cur, p, _)) if *cur == id => Some(p.clone()),
                    _ => None,
                };
                if let Some(cb) = cb {
                    cb(fraction);
                }
            }
            Reply::Done { id, output } => self.finish(id, Ok(output)),
            Reply::Failed { id, message } => self.finish(id, Err(message)),
        }
    }
}
