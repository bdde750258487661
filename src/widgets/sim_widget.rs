//! What the simulators of chapters 1 and 2 share beyond `common`: refusals worded in the page's language, and
//! whether the numbers on screen belong to the current settings. While a run is under way, or after one
//! was cancelled or failed, the chart and readout are dimmed and a line says whose numbers they are.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use sims::ParamError;

use super::common::{busy_view, shown_params, worker_widget, Runner, WorkerWidget};
use crate::compute::client::{AppWorker, WorkerKind};
use crate::compute::protocol::JobError;
use crate::i18n::{pick, Language};
use crate::shell::app::page_lang;
use crate::sims_text::{param_error, stale_line, Sim};
use crate::state::query::Notice;

/// A simulator's state: its parameters (in the URL), the worker runner, and what the screen shows.
/// `K` is the worker that runs it: the page's own module for chapter 2, the scaling bundle for
/// chapter 1's capacity sweep.
pub struct SimWidget<P: Send + Sync + 'static, K: WorkerKind = AppWorker> {
    pub params: RwSignal<P>,
    pub notices: Vec<Notice>,
    pub runner: Runner<K>,
    /// Why the current settings are refused, in the page's language.
    pub invalid: Memo<Option<String>>,
    /// The parameters of the numbers on screen (`None` while not known).
    pub shown: ReadSignal<Option<P>>,
    pub running: Memo<bool>,
    /// The numbers on screen are not those of the current settings.
    pub stale: Memo<bool>,
}

impl<P: Send + Sync + 'static, K: WorkerKind> Clone for SimWidget<P, K> {
    fn clone(&self) -> Self {
        SimWidget { notices: self.notices.clone(), ..*self }
    }
}

pub fn sim_widget<P, K: WorkerKind>(id: &str, defaults: &P, locked: Signal<bool>, sim: Sim, validate: fn(&P) -> Result<(), ParamError>, job: fn(P) -> K::Job) -> SimWidget<P, K>
where
    P: Serialize + DeserializeOwned + Clone + Send + Sync + PartialEq + 'static,
{
    let lang = page_lang();
    // Link values are refused in the language the page opened in; the controls' refusals follow it.
    let at_start = lang.get_untracked();
    let WorkerWidget { params, notices, runner, .. } =
        worker_widget::<_, K>(id, defaults, locked, move |p: &P| validate(p).map_err(|e| param_error(&e, sim, at_start)), job);
    let invalid = Memo::new(move |_| params.with(|p| validate(p).err().map(|e| param_error(&e, sim, lang.get()))));
    let shown = shown_params(params, locked, move |p: &P| validate(p).is_ok(), runner);
    let running = Memo::new(move |_| runner.progress.with(|p| p.is_some()));
    let stale = Memo::new(move |_| running.get() || params.with(|p| shown.with(|s| s.as_ref() != Some(p))));
    SimWidget { params, notices, runner, invalid, shown, running, stale }
}

/// Under the controls: the refusal, the worker's error, the progress bar, and while the numbers are
/// stale (and there are some: `has_result`) the line naming both settings (`settings` describes one),
/// with "Run for the current settings" when nothing runs and the settings are valid.
pub fn status_view<P: Send + Sync + 'static, K: WorkerKind<Error = JobError<String>>>(w: &SimWidget<P, K>, has_result: Signal<bool>, settings: fn(&P, Language) -> String) -> impl IntoView {
    let lang = page_lang();
    let SimWidget { params, runner, invalid, shown, running, stale, .. } = w.clone();
    view! {
        {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        {move || runner.error.get().map(|e| view! { <p class="notice error" role="alert">{crate::scaling_text::job_error(&e, lang.get())}</p> })}
        {busy_view(runner)}
        {move || (stale.get() && has_result.get()).then(|| {
            let lang = lang.get();
            let now = params.with(|p| settings(p, lang));
            let was = shown.with(|s| s.as_ref().map(|p| settings(p, lang)));
            let rerun = !running.get() && invalid.with(|e| e.is_none());
            view! {
                <p class="hint stale-note">
                    {stale_line(&now, was.as_deref(), running.get(), lang)}
                    {rerun.then(|| view! { " " <button class="button" on:click=move |_| params.update(|_| ())>{pick(lang, "Run for the current settings", "按当前设置运行")}</button> })}
                </p>
            }
        })}
    }
}

/// The chart and readout, dimmed (`.sim-output.stale`) and `aria-busy` while stale or running.
#[component]
pub fn SimResults(stale: Memo<bool>, running: Memo<bool>, children: Children) -> impl IntoView {
    view! { <div class="sim-output" class:stale=move || stale.get() aria-busy=move || running.get().to_string()>{children()}</div> }
}
