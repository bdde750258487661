//! Mean-estimation simulator (chapter 2): the MSE of a sample mean against n on log–log axes, the
//! fitted slope against the theoretical −1, and σ²/n for reference. Computation: `sims::mean_estimation`
//! in the widget's worker.

use leptos::prelude::*;
use sims::mean_estimation::{expected_mse, MeanEstimationParams, MeanEstimationResult};

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind};
use super::common::{actions_view, notices_view};
use super::sim_widget::{sim_widget, status_view, SimResults, SimWidget};
use super::controls::{SeedControl, Slider};
use crate::compute::client::AppWorker;
use crate::compute::protocol::{SimJob, SimOutput};
use crate::format::{grouped, grouped_f64, r_squared, sig};
use crate::i18n::{pick, LanguageExt};
use crate::shell::app::page_lang;
use crate::sims_text::{field_label, mean_repeats_hint, mean_settings, Sim};

/// The n sliders' ranges: smallest n in `N_MIN_SLIDER`, largest n in `N_MAX_SLIDER`.
const N_MIN_SLIDER: (u64, u64) = (1, 1_000);
const N_MAX_SLIDER: (u64, u64) = (100, 100_000);
/// The "repeats per n" slider's minimum; its maximum comes from the cost cap (see below).
const REPEATS_SLIDER_MIN: usize = 10;

#[component]
pub fn MeanEstimation(id: String, defaults: MeanEstimationParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let sim = sim_widget::<_, AppWorker>(&id, &defaults, locked, Sim::MeanEstimation, MeanEstimationParams::validate, SimJob::MeanEstimation);
    let SimWidget { params, runner, shown, running, stale, .. } = sim.clone();
    // The repeats slider stops where the costliest n range the sliders allow (both ends at their
    // largest) still fits the cost cap, rounded down to 1–2–5 (1000 for the chapter's 12 sizes): no
    // slider position is ever refused.
    let costliest = MeanEstimationParams {
        n_min: N_MIN_SLIDER.1,
        n_max: N_MAX_SLIDER.1,
        points: params.with_untracked(|p| p.points).max(defaults.points),
        ..defaults.clone()
    };
    let repeats_max = costliest.repeats_bound();
    let costliest = StoredValue::new(costliest);
    let result = Memo::new(move |_| match runner.output.get() {
        Some(SimOutput::MeanEstimation(r)) => Some(r),
        _ => None,
    });
    // σ of the numbers on screen: the σ²/n line and the readout follow them, not the slider.
    let shown_sigma = move || shown.with(|s| s.as_ref().map(|p| p.sigma)).unwrap_or_else(|| params.with_untracked(|p| p.sigma));
    let spec = Signal::derive(move || {
        let l = lang.get();
        result.get().map(|r| chart_spec(&r, shown_sigma(), l))
    });
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: mean squared error of the sample mean against n", "双对数图：样本均值的均方误差随 n 的变化").to_string()
    });
    let set = move |f: fn(&mut MeanEstimationParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let l = move || lang.get();
    let label = move |field: &'static str| Signal::derive(move || field_label(field, Sim::MeanEstimation, l()));

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Mean-estimation simulator", "均值估计模拟器"))}>
            <h3 class="widget-title">{move || pick(l(), "Simulator: estimating a mean", "模拟器：估计均值")}</h3>
            {notices_view(sim.notices.clone())}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to run the simulation.", "先在上方提交你的猜测，再运行模拟。")}</p> }>
                <div class="controls">
                    <Slider label=label("sigma") value=Signal::derive(move || params.with(|p| p.sigma))
                        min=0.1 max=10.0 log=true display=|v: f64| sig(v, 2) on_input=set(|p, v| p.sigma = (v * 100.0).round() / 100.0)/>
                    <Slider label=label("n_min") value=Signal::derive(move || params.with(|p| p.n_min as f64))
                        min=N_MIN_SLIDER.0 as f64 max=N_MIN_SLIDER.1 as f64 log=true integer=true display=grouped_f64 on_input=set(|p, v| {
                            // Moving one end past the other drags the other along, a decade away.
                            p.n_min = v as u64;
                            if p.n_max <= p.n_min { p.n_max = (p.n_min * 10).min(N_MAX_SLIDER.1); }
                        })/>
                    <Slider label=label("n_max") value=Signal::derive(move || params.with(|p| p.n_max as f64))
                        min=N_MAX_SLIDER.0 as f64 max=N_MAX_SLIDER.1 as f64 log=true integer=true display=grouped_f64 on_input=set(|p, v| {
                            p.n_max = v as u64;
                            if p.n_min >= p.n_max { p.n_min = (p.n_max / 10).max(1); }
                        })/>
                    <Slider label=label("repeats") value=Signal::derive(move || params.with(|p| p.repeats as f64))
                        min=REPEATS_SLIDER_MIN as f64 max=repeats_max as f64 log=true integer=true display=grouped_f64 on_input=set(|p, v| p.repeats = v as usize)
                        hint=Signal::derive(move || costliest.with_value(|c| mean_repeats_hint(repeats_max, c, l())))/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                {status_view(&sim, Signal::derive(move || result.with(|r| r.is_some())), mean_settings)}
                <SimResults stale=stale running=running>
                    <LogLogChart spec=spec label=chart_label/>
                    {move || result.get().map(|r| readout(&r, shown_sigma(), l()))}
                </SimResults>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(r: &MeanEstimationResult, sigma: f64, lang: crate::i18n::Language) -> LogLogSpec {
    let n: Vec<f64> = r.n.iter().map(|&n| n as f64).collect();
    let fit_line: Vec<(f64, f64)> = n.iter().map(|&x| (x, (r.fit.intercept + r.fit.slope * x.ln()).exp())).collect();
    LogLogSpec {
        x_label: pick(lang, "sample size n", "样本量 n").into(),
        y_label: pick(lang, "mean squared error", "均方误差").into(),
        series: vec![
            Series { label: pick(lang, "simulated MSE", "模拟的 MSE").into(), points: n.iter().copied().zip(r.mse.iter().copied()).collect(), kind: SeriesKind::Markers, color: 0 },
            Series {
                label: format!("σ²/n (σ = {})", sig(sigma, 2)),
                points: n.iter().map(|&x| (x, expected_mse(sigma, x))).collect(),
                kind: SeriesKind::Line,
                color: 2,
            },
            Series { label: format!("{} {}", pick(lang, "fit, slope", "拟合，斜率"), sig(r.fit.slope, 3)), points: fit_line, kind: SeriesKind::Line, color: 1 },
        ],
    }
}

fn readout(r: &MeanEstimationResult, sigma: f64, lang: crate::i18n::Language) -> impl IntoView {
    let s = lang.strings();
    let rows = r
        .n
        .iter()
        .zip(&r.mse)
        .zip(&r.theory)
        .map(|((n, m), t)| view! { <tr><td>{grouped(*n)}</td><td>{sig(*m, 4)}</td><td>{sig(*t, 4)}</td></tr> })
        .collect_view();
    let summary = match lang {
        crate::i18n::Language::En => format!(
            "Fitted slope {} ± {} (theory −1), R² {}. With σ = {}, the line's height is set by σ² and its slope by the 1/n law.",
            sig(r.fit.slope, 3), sig(r.fit.slope_stderr, 2), r_squared(r.fit.r2), sig(sigma, 2)
        ),
        crate::i18n::Language::Zh => format!(
            "拟合斜率 {} ± {}（理论值 −1），R² {}。σ = {} 时，直线的高度由 σ² 决定，斜率由 1/n 规律决定。",
            sig(r.fit.slope, 3), sig(r.fit.slope_stderr, 2), r_squared(r.fit.r2), sig(sigma, 2)
        ),
    };
    view! {
        <p class="readout" aria-live="polite">{summary}</p>
        <details class="data-table">
            <summary>{s.data_table}</summary>
            <table>
                <thead><tr><th scope="col">"n"</th><th scope="col">{pick(lang, "simulated MSE", "模拟 MSE")}</th><th scope="col">"σ²/n"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
