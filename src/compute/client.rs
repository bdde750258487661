//! Page-side handle on a compute worker. Each widget owns one: a new run while one is in flight
//! terminates the worker (the only way to stop a synchronous wasm loop) and starts a fresh one.
//!
//! Every kind of worker shares this code ([`WorkerKind`]): those that run one job family of
//! `protocol`, JSON both ways ([`JsonWorker`]: the app's own module for chapter 2's simulations, the
//! scaling-widgets module for the fit lab's fits and for chapter 1's capacity sweep), and the
//! augmentation module (`crates/augment-worker`, loaded only by the augmentation widgets, with image
//! bytes beside the JSON).

use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use super::protocol::{CapacitySweeps, Fits, JobError, Jobs, Reply, ReplyOf, Request, Simulations};
use crate::shell::base_href;

/// What a worker message turned out to be.
pub enum Incoming<D, E> {
    Ready,
    Progress { id: u32, fraction: f64 },
    Finished { id: u32, result: Result<D, E> },
    /// A message that cannot be read; it ends the current job with this error.
    Unreadable(E),
}

/// One kind of compute worker: where its module is and how its messages look.
pub trait WorkerKind: 'static {
    type Job;
    type Done: 'static;
    type Error: 'static;
    /// The JS glue and wasm URLs the loader `compute-worker.js` imports.
    fn module_urls() -> Option<(String, String)>;
    /// The module already compiled in this page, when the worker runs that same module: it is posted to
    /// the worker, which then neither downloads nor compiles it again (on a host without cache headers a
    /// worker fetched the 976 KB module once more, for each widget, on each restart).
    fn compiled_module() -> Option<JsValue> {
        None
    }
    /// The module's export that starts the worker.
    fn entry() -> &'static str {
        "start_compute_worker"
    }
    fn encode(id: u32, job: Self::Job) -> Result<JsValue, String>;
    fn decode(data: JsValue) -> Incoming<Self::Done, Self::Error>;
    /// A failure of the worker itself (could not start, crashed), in the job's error type.
    fn worker_error(message: String) -> Self::Error;
}

/// The JS glue and wasm URLs of a module Trunk builds without a content hash (a worker or a widget
/// bundle, `{stem}.js` and `{stem}_bg.wasm`), versioned with the app module's hashed name so that a new
/// deployment never pairs a cached old file with a new page.
pub fn unhashed_module_urls(stem: &str) -> Option<(String, String)> {
    let (app_js, _) = <AppWorker as JsonWorker>::module_urls()?;
    let version = app_js.rsplit('/').next().unwrap_or_default().to_string();
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    let at = |file: &str| web_sys::Url::new_with_base(file, &base).ok().map(|u| format!("{}?v={version}", u.href()));
    Some((at(&format!("{stem}.js"))?, at(&format!("{stem}_bg.wasm"))?))
}

/// A worker that runs one job family `Family` of `protocol` (JSON both ways): it need only say where
/// its module is; messages, errors and the rest of [`WorkerKind`] follow from the family.
pub trait JsonWorker: 'static {
    type Family: Jobs;
    /// As [`WorkerKind::module_urls`].
    fn module_urls() -> Option<(String, String)>;
    /// As [`WorkerKind::compiled_module`].
    fn compiled_module() -> Option<JsValue> {
        None
    }
    /// As [`WorkerKind::entry`].
    fn entry() -> &'static str {
        "start_compute_worker"
    }
}

impl<W: JsonWorker> WorkerKind for W {
    type Job = <W::Family as Jobs>::Job;
    type Done = <W::Family as Jobs>::Output;
    type Error = JobError<<W::Family as Jobs>::Failure>;

    fn module_urls() -> Option<(String, String)> {
        <W as JsonWorker>::module_urls()
    }

    fn compiled_module() -> Option<JsValue> {
        <W as JsonWorker>::compiled_module()
    }

    fn entry() -> &'static str {
        <W as JsonWorker>::entry()
    }

    fn encode(id: u32, job: Self::Job) -> Result<JsValue, String> {
        encode::<W::Family>(id, job)
    }

    fn decode(data: JsValue) -> Incoming<Self::Done, Self::Error> {
        decode::<W::Family>(data)
    }

    fn worker_error(message: String) -> Self::Error {
        JobError::Worker(message)
    }
}

/// The app's own module, running chapter 2's simulations: its URLs come from the preload links
/// Trunk writes into index.html, and the page posts it the module it has compiled already.
pub struct AppWorker;

impl JsonWorker for AppWorker {
    type Family = Simulations;

    fn module_urls() -> Option<(String, String)> {
        let doc = web_sys::window()?.document()?;
        let href = |sel: &str| -> Option<String> {
            let el: web_sys::HtmlLinkElement = doc.query_selector(sel).ok()??.dyn_into().ok()?;
            Some(el.href())
        };
        // The app module's own links: wasm-bindgen snippets may be preloaded beside it.
        Some((
            href("link[rel=modulepreload][href*='scaling-lab-'][href$='.js']")?,
            href("link[rel=preload][href*='scaling-lab-'][href$='.wasm']")?,
        ))
    }

    fn compiled_module() -> Option<JsValue> {
        Some(wasm_bindgen::module())
    }
}

/// The scaling-widgets module in a worker, running the fit lab's fits and bootstraps.
pub struct ScalingWorker;

impl JsonWorker for ScalingWorker {
    type Family = Fits;

    fn module_urls() -> Option<(String, String)> {
        unhashed_module_urls(crate::widgets::remote::Bundle::Scaling.stem())
    }
}

/// The scaling-widgets module in a worker, running chapter 1's capacity sweep.
pub struct CapacityWorker;

impl JsonWorker for CapacityWorker {
    type Family = CapacitySweeps;

    fn module_urls() -> Option<(String, String)> {
        <ScalingWorker as JsonWorker>::module_urls()
    }

    fn entry() -> &'static str {
        "start_capacity_worker"
    }
}

/// A request of family `J` as the JSON text the worker reads.
fn encode<J: Jobs>(id: u32, job: J::Job) -> Result<JsValue, String> {
    serde_json::to_string(&Request { id, job }).map(|s| JsValue::from_str(&s)).map_err(|e| e.to_string())
}

/// A message from a worker of family `J`: "ready" or a JSON reply.
fn decode<J: Jobs>(data: JsValue) -> Incoming<J::Output, JobError<J::Failure>> {
    let text = data.as_string().unwrap_or_default();
    if text == "ready" {
        return Incoming::Ready;
    }
    match serde_json::from_str::<ReplyOf<J>>(&text) {
        Ok(Reply::Progress { id, fraction }) => Incoming::Progress { id, fraction },
        Ok(Reply::Done { id, output }) => Incoming::Finished { id, result: Ok(output) },
        Ok(Reply::Failed { id, error }) => Incoming::Finished { id, result: Err(error) },
        // A reply we cannot read must still end the job, or the widget would wait forever.
        Err(e) => Incoming::Unreadable(JobError::Worker(format!("unreadable result from the compute worker: {e}"))),
    }
}

type OnProgress = Rc<dyn Fn(f64)>;
type OnDone<K> = Rc<dyn Fn(Result<<K as WorkerKind>::Done, <K as WorkerKind>::Error>)>;

struct Live {
    worker: Worker,
    ready: bool,
    queued: Option<JsValue>,
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

struct Inner<K: WorkerKind> {
    live: Option<Live>,
    next_id: u32,
    current: Option<(u32, OnProgress, OnDone<K>)>,
}

/// A lazily started worker of kind `K` running one job at a time.
pub struct WorkerSlot<K: WorkerKind> {
    inner: Rc<RefCell<Inner<K>>>,
    _kind: PhantomData<K>,
}

/// The app module's worker (chapter 2's simulations).
pub type ComputeSlot = WorkerSlot<AppWorker>;

impl<K: WorkerKind> Clone for WorkerSlot<K> {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone(), _kind: PhantomData }
    }
}

impl<K: WorkerKind> Default for WorkerSlot<K> {
    fn default() -> Self {
        Self { inner: Rc::new(RefCell::new(Inner { live: None, next_id: 0, current: None })), _kind: PhantomData }
    }
}

impl<K: WorkerKind> WorkerSlot<K> {
    /// Start `job`, cancelling any job still running. `on_done` is called exactly once unless the job is
    /// cancelled by a later `submit` or `cancel`.
    pub fn submit(&self, job: K::Job, on_progress: impl Fn(f64) + 'static, on_done: impl Fn(Result<K::Done, K::Error>) + 'static) {
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
        let message = match K::encode(id, job) {
            Ok(m) => m,
            Err(e) => return self.finish(id, Err(K::worker_error(e))),
        };
        if let Err(e) = self.ensure_worker() {
            return self.finish(id, Err(K::worker_error(e)));
        }
        let mut inner = self.inner.borrow_mut();
        let live = inner.live.as_mut().expect("worker just ensured");
        if live.ready {
            post(&live.worker, &message);
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

    fn finish(&self, id: u32, result: Result<K::Done, K::Error>) {
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
        let (js, wasm) = K::module_urls().ok_or("could not find the module to start a compute worker")?;
        let enc = |s: &str| js_sys::encode_uri_component(s).as_string().unwrap_or_default();
        let module = K::compiled_module();
        let mut url = format!("{}compute-worker.js?js={}&entry={}", base_href(), enc(&js), K::entry());
        if module.is_none() {
            url += &format!("&wasm={}", enc(&wasm));
        }
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker =
            Worker::new_with_options(&url, &options).map_err(|e| format!("could not start the compute worker: {e:?}"))?;
        if let Some(module) = module {
            // The loader takes its first message as the module; jobs wait for its "ready".
            worker.post_message(&module).map_err(|e| format!("could not start the compute worker: {e:?}"))?;
        }
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(inner) = weak.upgrade() else { return };
            WorkerSlot::<K> { inner, _kind: PhantomData }.on_message(event.data());
        });
        let weak = Rc::downgrade(&self.inner);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            let Some(inner) = weak.upgrade() else { return };
            let slot = WorkerSlot::<K> { inner, _kind: PhantomData };
            let id = slot.inner.borrow().current.as_ref().map(|c| c.0);
            slot.terminate_keep_current();
            if let Some(id) = id {
                slot.finish(id, Err(K::worker_error("the compute worker stopped unexpectedly".into())));
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

    fn on_message(&self, data: JsValue) {
        match K::decode(data) {
            Incoming::Ready => {
                let mut inner = self.inner.borrow_mut();
                if let Some(live) = inner.live.as_mut() {
                    live.ready = true;
                    if let Some(m) = live.queued.take() {
                        post(&live.worker, &m);
                    }
                }
            }
            Incoming::Progress { id, fraction } => {
                let cb = match &self.inner.borrow().current {
                    Some((cur, p, _)) if *cur == id => Some(p.clone()),
                    _ => None,
                };
                if let Some(cb) = cb {
                    cb(fraction);
                }
            }
            Incoming::Finished { id, result } => self.finish(id, result),
            Incoming::Unreadable(e) => {
                let id = self.inner.borrow().current.as_ref().map(|c| c.0);
                if let Some(id) = id {
                    self.finish(id, Err(e));
                }
            }
        }
    }
}

/// Post a message; an Array's typed-array buffers are transferred rather than copied.
fn post(worker: &Worker, message: &JsValue) {
    if let Some(parts) = message.dyn_ref::<js_sys::Array>() {
        let transfer = js_sys::Array::new();
        for part in parts.iter() {
            if let Some(bytes) = part.dyn_ref::<js_sys::Uint8Array>() {
                transfer.push(&bytes.buffer());
            }
        }
        let _ = worker.post_message_with_transfer(message, &transfer);
    } else {
        let _ = worker.post_message(message);
    }
}
