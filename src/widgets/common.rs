//! What every computing widget shares: its parameters kept in the URL, notices for link values that
//! were not understood, and a runner that sends jobs to the widget's worker, coalescing bursts of
//! slider input so that only the latest settings are computed.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::compute::client::{AppWorker, WorkerKind, WorkerSlot};
use crate::i18n::{Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::state::query::{self, Notice};
use crate::state::url;

/// Parameters backed by the URL query under `{id}.`: read once at creation (with notices for bad
/// values), written back with replaceState on every change.
pub fn url_params<P>(id: &str, defaults: &P, validate: impl Fn(&P) -> Result<(), String> + 'static) -> (RwSignal<P>, Vec<Notice>)
where
    P: Serialize + DeserializeOwned + Clone + Send + Sync + PartialEq + 'static,
{
    let read = query::read(defaults, id, &url::current_query(), validate);
    let params = RwSignal::new(read.params);
    let (id, defaults) = (id.to_string(), defaults.clone());
    Effect::new(move |prev: Option<()>| {
        let p = params.get();
        // The first run only reads: a link's query must not be rewritten merely by opening it.
        if prev.is_some() {
            let pairs = query::write(&defaults, &p, &id);
            url::replace_query(&query::merge(&url::current_query(), &id, pairs));
        }
    });
    (params, read.notices)
}

/// What a widget computing in a worker is wired from: its parameters in the URL (with notices), their
/// validation message, and a runner that sends `job(params)` to the worker whenever valid parameters
/// change while the widget is not locked (a predict exercise unlocks it).
pub struct WorkerWidget<P: Send + Sync + 'static, K: WorkerKind = AppWorker> {
    pub params: RwSignal<P>,
    pub notices: Vec<Notice>,
    pub invalid: Memo<Option<String>>,
    pub runner: Runner<K>,
}

pub fn worker_widget<P, K: WorkerKind>(
    id: &str,
    defaults: &P,
    locked: Signal<bool>,
    validate: impl Fn(&P) -> Result<(), String> + Copy + Send + Sync + 'static,
    job: impl Fn(P) -> K::Job + 'static,
) -> WorkerWidget<P, K>
where
    P: Serialize + DeserializeOwned + Clone + Send + Sync + PartialEq + 'static,
{
    let (params, notices) = url_params(id, defaults, validate);
    let runner: Runner<K> = Runner::new();
    let invalid = Memo::new(move |_| params.with(|p| validate(p).err()));
    Effect::new(move |_| {
        if locked.get() {
            return;
        }
        let p = params.get();
        if validate(&p).is_ok() {
            runner.request(job(p));
        }
    });
    WorkerWidget { params, notices, invalid, runner }
}

/// The parameters the runner's shown output was computed for, `None` while that is not known (a
/// newer run started before the output arrived). Mirrors [`worker_widget`]'s requests (valid
/// parameters, widget unlocked): when an output arrives and nothing else is running, it belongs to
/// the last request. Compare with the current parameters to tell whether the numbers on screen are
/// stale (a run under way, cancelled or failed, or settings that were refused).
pub fn shown_params<P, K: WorkerKind>(params: RwSignal<P>, locked: Signal<bool>, valid: impl Fn(&P) -> bool + 'static, runner: Runner<K>) -> ReadSignal<Option<P>>
where
    P: Clone + Send + Sync + 'static,
{
    let last_sent = StoredValue::new(None::<P>);
    let shown = RwSignal::new(None::<P>);
    Effect::new(move |_| {
        if !locked.get() {
            params.with(|p| if valid(p) { last_sent.set_value(Some(p.clone())) });
        }
    });
    Effect::new(move |_| {
        if runner.output.with(|o| o.is_some()) {
            let idle = runner.progress.with_untracked(|p| p.is_none());
            shown.set(if idle { last_sent.get_value() } else { None });
        }
    });
    shown.read_only()
}

/// The "some link values were ignored" notice: each key (as code) and why, in the page's language.
pub fn notices_view(notices: Vec<Notice>) -> impl IntoView {
    let lang = page_lang();
    (!notices.is_empty()).then(|| {
        let items = notices
            .into_iter()
            .map(|n| {
                let code = match &n {
                    Notice::Unknown { key } | Notice::Rejected { key, .. } => key.clone(),
                    Notice::BadValue { key, raw } => format!("{key}={raw}"),
                };
                let why = move || match (&n, lang.get()) {
                    (Notice::Unknown { .. }, Language::En) => ": unknown setting".to_string(),
                    (Notice::Unknown { .. }, Language::Zh) => "：没有这项设置".to_string(),
                    (Notice::BadValue { .. }, Language::En) => ": not a valid value".to_string(),
                    (Notice::BadValue { .. }, Language::Zh) => "：不是有效的值".to_string(),
                    (Notice::Rejected { reason, .. }, Language::En) => format!(": {reason}"),
                    (Notice::Rejected { reason, .. }, Language::Zh) => format!("：{reason}"),
                };
                view! { <li><code>{code}</code>{why}</li> }
            })
            .collect_view();
        view! { <div class="notice" role="status">{move || lang.get().strings().url_notice}<ul>{items}</ul></div> }
    })
}

/// Runs jobs in the widget's own worker of kind `K`; while one runs, only the newest request waits. A
/// Copy handle (the worker itself is kept in local arena storage), stopped when the owning widget
/// unmounts.
pub struct Runner<K: WorkerKind = AppWorker> {
    slot: StoredValue<WorkerSlot<K>, LocalStorage>,
    next: StoredValue<Option<K::Job>, LocalStorage>,
    pub progress: RwSignal<Option<f64>>,
    pub output: RwSignal<Option<K::Done>, LocalStorage>,
    pub error: RwSignal<Option<K::Error>, LocalStorage>,
}

impl<K: WorkerKind> Clone for Runner<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: WorkerKind> Copy for Runner<K> {}

impl<K: WorkerKind> Runner<K> {
    pub fn new() -> Runner<K> {
        let runner = Runner {
            slot: StoredValue::new_local(WorkerSlot::default()),
            next: StoredValue::new_local(None),
            progress: RwSignal::new(None),
            output: RwSignal::new_local(None),
            error: RwSignal::new_local(None),
        };
        let slot = runner.slot;
        on_cleanup(move || {
            slot.try_with_value(|s| s.cancel());
        });
        runner
    }

    pub fn request(&self, job: K::Job) {
        if self.slot.with_value(|s| s.is_busy()) {
            self.next.set_value(Some(job));
        } else {
            self.start(job);
        }
    }

    fn start(&self, job: K::Job) {
        // A new run makes the last one's failure stale: its message must not sit beside the new result.
        self.error.set(None);
        self.progress.set(Some(0.0));
        let this = *self;
        self.slot.get_value().submit(
            job,
            move |f| this.progress.set(Some(f)),
            move |result| {
                match result {
                    Ok(out) => {
                        this.error.set(None);
                        this.output.set(Some(out));
                    }
                    Err(e) => this.error.set(Some(e)),
                }
                this.progress.set(None);
                let queued = this.next.try_update_value(|n| n.take()).flatten();
                if let Some(job) = queued {
                    this.start(job);
                }
            },
        );
    }

    pub fn cancel(&self) {
        self.next.set_value(None);
        self.slot.with_value(|s| s.cancel());
        self.progress.set(None);
    }
}

/// A `<details class="data-table">` whose content is built only while it is open: a table of hundreds
/// of rows would otherwise cost every slider move its DOM work.
pub fn lazy_details<V>(summary: impl Fn() -> String + Send + Sync + 'static, content: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let open = RwSignal::new(false);
    view! {
        <details class="data-table" on:toggle=move |ev| {
            let d: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(d.open());
        }>
            <summary>{summary}</summary>
            {move || open.get().then(&content)}
        </details>
    }
}

/// Progress bar and cancel button shown while a job runs.
pub fn busy_view<K: WorkerKind>(runner: Runner<K>) -> impl IntoView {
    let lang = page_lang();
    move || {
        runner.progress.get().map(|f| {
            let r = runner;
            view! {
                <div class="busy" role="status">
                    <progress max="1" value=f aria-label=lang.get().strings().computing></progress>
                    " "{lang.get().strings().computing}" "
                    <button class="button" on:click=move |_| r.cancel()>{lang.get().strings().cancel}</button>
                </div>
            }
        })
    }
}

/// How long "Link copied" stays on the button before it offers to copy again.
const COPIED_FOR: std::time::Duration = std::time::Duration::from_secs(2);

/// "Copy link" and "Reset" buttons. After a copy the button says so (or that the browser refused) for
/// [`COPIED_FOR`], and a polite live region, present from the start so that screen readers notice the
/// change, announces the same words once.
pub fn actions_view<P>(params: RwSignal<P>, defaults: P) -> impl IntoView
where
    P: Clone + Send + Sync + 'static,
{
    let lang = page_lang();
    // None: idle; Some(true): copied; Some(false): the clipboard refused (insecure page, permission).
    let copied = RwSignal::new(None::<bool>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let href = w.location().href().unwrap_or_default();
        let written = wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&href));
        leptos::task::spawn_local(async move {
            let ok = written.await.is_ok();
            // The widget may have gone (another chapter) while the clipboard answered.
            if copied.try_set(Some(ok)).is_some() {
                return;
            }
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            let reset = set_timeout_with_handle(move || { copied.try_set(None); }, COPIED_FOR).ok();
            timer.set_value(reset);
        });
    };
    let message = move || match copied.get() {
        Some(true) => lang.get().strings().link_copied,
        Some(false) => lang.get().strings().link_copy_failed,
        None => "",
    };
    view! {
        <div class="widget-actions">
            <button class="button copy-link" on:click=copy>
                {move || if copied.get() == Some(true) { lang.get().strings().link_copied } else { lang.get().strings().copy_link }}
            </button>
            <button class="button" on:click=move |_| params.set(defaults.clone())>{move || lang.get().strings().reset_widget}</button>
            <span class="sr-only copy-status" role="status">{message}</span>
            {move || (copied.get() == Some(false)).then(|| view! { <span class="hint" aria-hidden="true">{lang.get().strings().link_copy_failed}</span> })}
        </div>
    }
}
