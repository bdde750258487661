//! Box-averaging simulator (chapter 2): nonparametric regression by averaging the training labels in
//! boxes of side (k/n)^(1/d); its error against n on log–log axes, fitted slope against −1/d.
//! Computation: `sims::box_averaging` in the widget's worker.

use leptos::prelude::*;
use sims::box_averaging::{BoxAveragingParams, BoxAveragingResult};

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind};
use super::common::{actions_view, notices_view};
use super::sim_widget::{sim_widget, status_view, SimResults, SimWidget};
use super::controls::{SeedControl, Slider};
use crate::compute::client::AppWorker;
use crate::compute::protocol::{SimJob, SimOutput};
use crate::format::{grouped, grouped_f64, r_squared, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::sims_text::{box_repeats_hint, box_settings, dimension_note, field_label, Sim};

/// The "repeats" slider's maximum; the cost cap may allow fewer (the slider's hint then says so).
const REPEATS_SLIDER_MAX: usize = 50;

#[component]
pub fn BoxAveraging(id: String, defaults: BoxAveragingParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let sim = sim_widget::<_, AppWorker>(&id, &defaults, locked, Sim::BoxAveraging, BoxAveragingParams::validate, SimJob::BoxAveraging);
    let SimWidget { params, runner, running, stale, .. } = sim.clone();
    // Moving d takes the n range, k and repeats tuned for the new d: say so while they stand.
    let d_change = RwSignal::new(None::<(BoxAveragingParams, BoxAveragingParams)>);
    let d_note = move || {
        d_change.with(|c| {
            let (before, after) = c.as_ref()?;
            let tuned = |p: &BoxAveragingParams| (p.d, p.n_min, p.n_max, p.k, p.repeats);
            params.with(|p| tuned(p) == tuned(after)).then(|| dimension_note(before, after, lang.get())).flatten()
        })
    };
    let result = Memo::new(move |_| match runner.output.get() {
        Some(SimOutput::BoxAveraging(r)) => Some(r),
        _ => None,
    });
    let spec = Signal::derive(move || result.get().map(|r| chart_spec(&r, lang.get())));
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: error of box averaging against n", "双对数图：分箱平均的误差随 n 的变化").to_string()
    });
    let set = move |f: fn(&mut BoxAveragingParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let l = move || lang.get();
    let label = move |field: &'static str| Signal::derive(move || field_label(field, Sim::BoxAveraging, l()));

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Box-averaging simulator", "分箱平均模拟器"))}>
            <h3 class="widget-title">{move || pick(l(), "Simulator: averaging in boxes, d dimensions", "模拟器：d 维空间中的分箱平均")}</h3>
            {notices_view(sim.notices.clone())}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to run the simulation.", "先在上方提交你的猜测，再运行模拟。")}</p> }>
                <div class="controls">
                    <Slider label=label("d") value=Signal::derive(move || params.with(|p| p.d as f64))
                        min=1.0 max=6.0 step=1.0 integer=true display=|v: f64| format!("{v:.0}")
                        on_input=move |v: f64| {
                            // Each d has its own n range, k and repeats (BoxAveragingParams::with_dimension);
                            // the noise and seed stay. The note below lists what moved.
                            let before = params.get_untracked();
                            if before.d != v as usize {
                                let after = before.with_dimension(v as usize);
                                d_change.set(Some((before, after.clone())));
                                params.set(after);
                            }
                        }/>
                    <Slider label=label("n_max") value=Signal::derive(move || params.with(|p| p.n_max as f64))
                        min=100.0 max=2000000.0 log=true integer=true display=grouped_f64 on_input=set(|p, v| {
                            // The smallest n is not a control here: keep it a decade below the largest.
                            p.n_max = v as u64;
                            if p.n_min >= p.n_max { p.n_min = (p.n_max / 10).max(1); }
                        })/>
                    // Points per box is a whole number (an integer parameter): a linear slider with step 1,
                    // so every position is one k and the arrow keys move from 1 to 2 (a logarithmic one
                    // would round its first positions back to 1).
                    <Slider label=label("k") value=Signal::derive(move || params.with(|p| f64::from(p.k)))
                        min=1.0 max=100.0 step=1.0 integer=true display=grouped_f64 on_input=set(|p, v| p.k = v.round().clamp(1.0, 100.0) as u32)/>
                    <Slider label=label("noise") value=Signal::derive(move || params.with(|p| p.noise))
                        min=0.0 max=0.5 step=0.01 display=|v: f64| sig(v, 2) on_input=set(|p, v| p.noise = (v * 100.0).round() / 100.0)/>
                    <Slider label=label("repeats") value=Signal::derive(move || params.with(|p| p.repeats as f64))
                        min=1.0 max=REPEATS_SLIDER_MAX as f64 step=1.0 integer=true display=grouped_f64 on_input=set(|p, v| p.repeats = v as usize)
                        hint=Signal::derive(move || params.with(|p| box_repeats_hint(p, REPEATS_SLIDER_MAX, l())).unwrap_or_default())/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                {move || d_note().map(|t| view! { <p class="notice d-note" role="status">{t}</p> })}
                {status_view(&sim, Signal::derive(move || result.with(|r| r.is_some())), box_settings)}
                <SimResults stale=stale running=running>
                    <LogLogChart spec=spec label=chart_label/>
                    {move || result.get().map(|r| readout(&r, l()))}
                </SimResults>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(r: &BoxAveragingResult, lang: Language) -> LogLogSpec {
    let n: Vec<f64> = r.n.iter().map(|&n| n as f64).collect();
    let fit: Vec<(f64, f64)> = n.iter().map(|&x| (x, (r.fit.intercept + r.fit.slope * x.ln()).exp())).collect();
    // The theory line has slope −1/d through the fitted line's value at the smallest n.
    let theory: Vec<(f64, f64)> = match (n.first(), fit.first()) {
        (Some(&x0), Some(&(_, y0))) => n.iter().map(|&x| (x, y0 * (x / x0).powf(r.theory_slope))).collect(),
        _ => vec![],
    };
    LogLogSpec {
        x_label: pick(lang, "training points n", "训练点数 n").into(),
        y_label: pick(lang, "error (RMSE)", "误差（RMSE）").into(),
        series: vec![
            Series { label: pick(lang, "measured error", "实测误差").into(), points: n.iter().copied().zip(r.error.iter().copied()).collect(), kind: SeriesKind::Markers, color: 0 },
            Series { label: format!("{} {}", pick(lang, "slope −1/d =", "斜率 −1/d ="), sig(r.theory_slope, 3)), points: theory, kind: SeriesKind::Line, color: 2 },
            Series { label: format!("{} {}", pick(lang, "fit, slope", "拟合，斜率"), sig(r.fit.slope, 3)), points: fit, kind: SeriesKind::Line, color: 1 },
        ],
    }
}

fn readout(r: &BoxAveragingResult, lang: Language) -> impl IntoView {
    let s = lang.strings();
    let rows = r
        .n
        .iter()
        .zip(&r.box_side)
        .zip(r.error.iter().zip(&r.empty_fraction))
        .map(|((n, h), (e, z))| view! { <tr><td>{grouped(*n)}</td><td>{sig(*h, 3)}</td><td>{sig(*e, 4)}</td><td>{format!("{:.1}%", z * 100.0)}</td></tr> })
        .collect_view();
    let summary = match lang {
        Language::En => format!(
            "Fitted slope {} ± {} against the theoretical −1/d = {}; R² {}.",
            sig(r.fit.slope, 3), sig(r.fit.slope_stderr, 2), sig(r.theory_slope, 3), r_squared(r.fit.r2)
        ),
        Language::Zh => format!(
            "拟合斜率 {} ± {}，理论值 −1/d = {}；R² {}。",
            sig(r.fit.slope, 3), sig(r.fit.slope_stderr, 2), sig(r.theory_slope, 3), r_squared(r.fit.r2)
        ),
    };
    view! {
        <p class="readout" aria-live="polite">{summary}</p>
        <details class="data-table">
            <summary>{s.data_table}</summary>
            <table>
                <thead><tr>
                    <th scope="col">"n"</th>
                    <th scope="col">{pick(lang, "box side h", "箱子边长 h")}</th>
                    <th scope="col">{pick(lang, "error (RMSE)", "误差（RMSE）")}</th>
                    <th scope="col">{pick(lang, "empty boxes hit", "落入空箱比例")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
