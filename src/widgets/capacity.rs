//! Capacity sweep (chapter 1): training and test error of least squares on the first p random ReLU
//! features, for p = 1 … max, on log–log axes with the interpolation threshold p = n marked: the
//! classical U below n, the peak at n, the second descent beyond. Computation: `sims::capacity` in
//! the scaling bundle's worker (its SVDs keep nalgebra out of the page's module).

use leptos::prelude::*;
use sims::capacity::{CapacityParams, CapacityResult};

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind};
use super::common::{actions_view, lazy_details, notices_view};
use super::controls::{SeedControl, Slider};
use super::sim_widget::{sim_widget, status_view, SimResults, SimWidget};
use crate::compute::client::CapacityWorker;
use crate::format::{grouped_f64, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::sims_text::{capacity_settings, field_label, Sim};

/// Training errors below this are rounding of an exact interpolation: shown as 0. (At p = n the
/// fit's residuals are of the order of 10⁻¹² against labels of order 1, larger when the features are
/// nearly dependent.)
const INTERPOLATES: f64 = 1e-8;

#[component]
pub fn CapacitySweep(id: String, defaults: CapacityParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let sim = sim_widget::<_, CapacityWorker>(&id, &defaults, locked, Sim::Capacity, CapacityParams::validate, |p| p);
    let SimWidget { params, runner, running, stale, .. } = sim.clone();
    let result = Memo::new(move |_| runner.output.get());
    let spec = Signal::derive(move || result.get().map(|r| chart_spec(&r, lang.get())));
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: training and test error against the number of features p", "双对数图：训练误差与测试误差随特征数 p 的变化").to_string()
    });
    let set = move |f: fn(&mut CapacityParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let l = move || lang.get();
    let label = move |field: &'static str| Signal::derive(move || field_label(field, Sim::Capacity, l()));

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Capacity sweep", "容量扫描"))}>
            <h3 class="widget-title">{move || pick(l(), "Simulator: error against capacity", "模拟器：误差随容量的变化")}</h3>
            {notices_view(sim.notices.clone())}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to run the simulation.", "先在上方提交你的猜测，再运行模拟。")}</p> }>
                <div class="controls">
                    <Slider label=label("n_train") value=Signal::derive(move || params.with(|p| f64::from(p.n_train)))
                        min=5.0 max=100.0 step=1.0 integer=true display=grouped_f64 on_input=set(|p, v| p.n_train = v as u32)/>
                    <Slider label=label("noise") value=Signal::derive(move || params.with(|p| p.noise))
                        min=0.0 max=1.0 step=0.01 display=|v: f64| sig(v, 2) on_input=set(|p, v| p.noise = (v * 100.0).round() / 100.0)/>
                    <Slider label=label("max_features") value=Signal::derive(move || params.with(|p| f64::from(p.max_features)))
                        min=10.0 max=300.0 step=1.0 integer=true display=grouped_f64 on_input=set(|p, v| p.max_features = v as u32)/>
                    <Slider label=label("repeats") value=Signal::derive(move || params.with(|p| f64::from(p.repeats)))
                        min=1.0 max=50.0 step=1.0 integer=true display=grouped_f64 on_input=set(|p, v| p.repeats = v as u32)/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                {status_view(&sim, Signal::derive(move || result.with(|r| r.is_some())), capacity_settings)}
                <SimResults stale=stale running=running>
                    <LogLogChart spec=spec label=chart_label/>
                    {move || result.get().map(|r| view! { <p class="readout" aria-live="polite">{summary(&r, l())}</p> })}
                    {lazy_details(move || l().strings().data_table.to_string(), move || result.get().map(|r| table(&r, l())))}
                </SimResults>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(r: &CapacityResult, lang: Language) -> LogLogSpec {
    let test: Vec<(f64, f64)> = r.points.iter().map(|q| (f64::from(q.features), q.test_mse)).collect();
    // The training error up to where the fit first interpolates: on log axes 0 cannot be drawn, and a
    // line on to a later, merely rounded value would invent a slope.
    let train: Vec<(f64, f64)> = r.points.iter().take_while(|q| q.train_mse > INTERPOLATES).map(|q| (f64::from(q.features), q.train_mse)).collect();
    let (lo, hi) = test.iter().chain(&train).fold((f64::INFINITY, 0.0f64), |(lo, hi), &(_, y)| (lo.min(y), hi.max(y)));
    let n = f64::from(r.threshold);
    let mut series = vec![
        Series { label: pick(lang, "test error (median)", "测试误差（中位数）").into(), points: test, kind: SeriesKind::Line, color: 0 },
        Series { label: pick(lang, "training error (mean)", "训练误差（均值）").into(), points: train, kind: SeriesKind::Line, color: 1 },
    ];
    if lo.is_finite() && hi > 0.0 {
        series.push(Series { label: format!("p = n = {}", r.threshold), points: vec![(n, lo), (n, hi)], kind: SeriesKind::Line, color: 2 });
    }
    LogLogSpec { x_label: pick(lang, "number of features p", "特征数 p").into(), y_label: pick(lang, "mean squared error", "均方误差").into(), series }
}

/// The readout: the classical minimum below the threshold, the error at the threshold and at the
/// largest p, and where training error reaches 0.
fn summary(r: &CapacityResult, lang: Language) -> String {
    let n = r.threshold;
    let last = r.points.last();
    let best = r.best_in(1..=n.saturating_sub(1));
    let at_n = r.at(n);
    let zero_from = r.points.iter().find(|q| q.train_mse <= INTERPOLATES).map(|q| q.features);
    let mut parts = Vec::new();
    match lang {
        Language::En => {
            if let Some(b) = best {
                parts.push(format!("Below the threshold the test error is lowest at p = {}: {}.", b.features, sig(b.test_mse, 3)));
            }
            if let Some(q) = at_n {
                parts.push(format!("At p = n = {n} it is {}.", sig(q.test_mse, 3)));
            }
            if let Some(q) = last.filter(|q| q.features > n) {
                parts.push(format!("At p = {} it is {}.", q.features, sig(q.test_mse, 3)));
            }
            parts.push(match zero_from {
                Some(p) => format!("The training error is 0 from p = {p} on."),
                None => "The training error never reaches 0 in this range.".into(),
            });
        }
        Language::Zh => {
            if let Some(b) = best {
                parts.push(format!("在阈值以下，测试误差在 p = {} 时最小：{}。", b.features, sig(b.test_mse, 3)));
            }
            if let Some(q) = at_n {
                parts.push(format!("在 p = n = {n} 处为 {}。", sig(q.test_mse, 3)));
            }
            if let Some(q) = last.filter(|q| q.features > n) {
                parts.push(format!("在 p = {} 处为 {}。", q.features, sig(q.test_mse, 3)));
            }
            parts.push(match zero_from {
                Some(p) => format!("从 p = {p} 起，训练误差为 0。"),
                None => "在这个范围内，训练误差始终不为 0。".into(),
            });
        }
    }
    parts.join(if lang == Language::En { " " } else { "" })
}

fn table(r: &CapacityResult, lang: Language) -> impl IntoView {
    let rows = r
        .points
        .iter()
        .map(|q| {
            let train = if q.train_mse <= INTERPOLATES { "0".to_string() } else { sig(q.train_mse, 4) };
            view! { <tr><td>{q.features}</td><td>{train}</td><td>{sig(q.test_mse, 4)}</td><td>{sig(q.test_q1, 3)}</td><td>{sig(q.test_q3, 3)}</td></tr> }
        })
        .collect_view();
    view! {
        <table>
            <thead><tr>
                <th scope="col">"p"</th>
                <th scope="col">{pick(lang, "training MSE (mean)", "训练 MSE（均值）")}</th>
                <th scope="col">{pick(lang, "test MSE (median)", "测试 MSE（中位数）")}</th>
                <th scope="col">{pick(lang, "test MSE, 1st quartile", "测试 MSE 下四分位数")}</th>
                <th scope="col">{pick(lang, "test MSE, 3rd quartile", "测试 MSE 上四分位数")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
