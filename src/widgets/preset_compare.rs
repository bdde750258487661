//! Preset comparison (chapter 4): the closed-form compute-optimal allocation N_opt = G·(C/6)^a of
//! every published constant set at one budget, computed live. It shows how the printed rounding of
//! Hoffmann et al.'s eq (10) moves N_opt at Chinchilla's budget (≈32B against ≈40B unrounded) and
//! what the replication of Besiroglu et al. 2024 gives (≈20 tokens per parameter). Closed forms from
//! `scaling::planner_params`, computed in a Memo on the main thread.

use leptos::prelude::*;
use scaling::chinchilla::ComputeOptimal;
use scaling::planner_params::PresetCompareParams;
use scaling::Preset;

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind};
use super::common::{actions_view, notices_view, url_params};
use super::controls::Slider;
use super::law_explorer::{export_png, math, math_plain, preset_name};
use crate::format::round_sig;
use crate::format::{count, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::planner_param_error;
use crate::shell::app::page_lang;

/// The budget range of the frontier chart, FLOPs.
const C_RANGE: (f64, f64) = (1e20, 1e26);
/// Chinchilla as trained: 70B parameters at 5.76e23 FLOPs (Hoffmann et al. 2022, Tables 1 and 3).
const CHINCHILLA: (f64, f64) = (5.76e23, 70e9);

#[component]
pub fn PresetCompare(id: String, defaults: PresetCompareParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &PresetCompareParams| p.validate().map_err(|e| planner_param_error(&e, at_start)));
    let optima = Memo::new(move |_| params.with(|p| p.validate().map(|_| p.optima())));
    let ok = move || optima.with(|o| o.as_ref().ok().cloned());
    let spec = Signal::derive(move || {
        let l = lang.get();
        ok().map(|o| chart_spec(&o, l))
    });
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: compute-optimal parameters against budget for each set of constants", "双对数图：各组常数下计算最优参数量随预算的变化").to_string()
    });
    let l = move || lang.get();
    let png_id = StoredValue::new(id.clone());

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Compute-optimal allocation by constant set", "各组常数的计算最优分配"))}>
            <h3 class="widget-title">{move || pick(l(), "Same formula, different constants", "同一公式，不同常数")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to see the numbers.", "先在上方提交你的猜测，再查看数字。")}</p> }>
                <div class="controls">
                    <Slider label=Signal::derive(move || pick(l(), "budget C (FLOPs)", "预算 C（FLOPs）").to_string()) value=Signal::derive(move || params.with(|p| p.budget))
                        min=C_RANGE.0 max=C_RANGE.1 log=true display=|v: f64| sig(v, 3)
                        on_input=move |v: f64| params.update(|p| p.budget = round_sig(v, 3))/>
                </div>
                {move || optima.with(|o| o.as_ref().err().map(|e| planner_param_error(e, l()))).map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <LogLogChart spec=spec label=chart_label/>
                {move || ok().map(|o| readout(&o, l()))}
                <div class="widget-actions">
                    <button class="button" on:click=move |_| { let w = png_id.get_value(); export_png(&w, 0, &format!("{w}-frontier.png")) }>{move || pick(l(), "Download PNG", "下载 PNG")}</button>
                </div>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(optima: &[(Preset, ComputeOptimal)], lang: Language) -> LogLogSpec {
    // Three lines fit the palette; the Muennighoff C4 fit (α = β) stays in the table.
    let shown = [Preset::HoffmannRounded, Preset::HoffmannUnrounded, Preset::Besiroglu2024];
    let mut series: Vec<Series> = shown
        .iter()
        .enumerate()
        .map(|(i, &p)| Series {
            label: math_plain(preset_name(p, lang)),
            points: PresetCompareParams::frontier(p, C_RANGE.0, C_RANGE.1, 60),
            kind: SeriesKind::Line,
            color: i,
        })
        .collect();
    series.push(Series {
        label: math_plain(pick(lang, "N_{opt} at your budget", "你的预算下的 N_{opt}")),
        points: optima.iter().filter(|(p, _)| shown.contains(p)).map(|(_, o)| (o.c, o.n_opt)).collect(),
        kind: SeriesKind::Markers,
        color: 0,
    });
    series.push(Series {
        label: pick(lang, "Chinchilla as trained (70B)", "实际训练的 Chinchilla（70B）").into(),
        points: vec![CHINCHILLA],
        kind: SeriesKind::Markers,
        color: 1,
    });
    LogLogSpec { x_label: pick(lang, "training compute C (FLOPs)", "训练计算量 C（FLOPs）").into(), y_label: math_plain(pick(lang, "compute-optimal parameters N_{opt}", "计算最优参数量 N_{opt}")), series }
}

fn readout(optima: &[(Preset, ComputeOptimal)], lang: Language) -> impl IntoView {
    let s = lang.strings();
    let get = |p: Preset| optima.iter().find(|(q, _)| *q == p).map(|(_, o)| *o);
    let summary = match (get(Preset::HoffmannRounded), get(Preset::HoffmannUnrounded), get(Preset::Besiroglu2024)) {
        (Some(r), Some(u), Some(b)) => match lang {
            Language::En => format!(
                "At C = {} FLOPs: Hoffmann's printed constants give N_{{opt}} = {} ({} tokens per parameter), the unrounded ones {} ({} per parameter), and the replication by Besiroglu et al. {} ({} per parameter).",
                sig(r.c, 3), count(r.n_opt), sig(r.tokens_per_param, 3), count(u.n_opt), sig(u.tokens_per_param, 3), count(b.n_opt), sig(b.tokens_per_param, 3)
            ),
            Language::Zh => format!(
                "C = {} FLOPs 时：Hoffmann 等人印出的常数给出 N_{{opt}} = {}（每参数 {} 个词元），未取整的常数给出 {}（每参数 {} 个），Besiroglu 等人的复现给出 {}（每参数 {} 个）。",
                sig(r.c, 3), count(r.n_opt), sig(r.tokens_per_param, 3), count(u.n_opt), sig(u.tokens_per_param, 3), count(b.n_opt), sig(b.tokens_per_param, 3)
            ),
        },
        _ => String::new(),
    };
    let rows = optima
        .iter()
        .map(|(p, o)| {
            view! {
                <tr>
                    <th scope="row">{math(preset_name(*p, lang))}</th>
                    <td>{sig(o.g, 4)}</td><td>{sig(o.a, 4)}</td><td>{count(o.n_opt)}</td><td>{count(o.d_opt)}</td>
                    <td>{sig(o.tokens_per_param, 3)}</td><td>{sig(o.l_opt, 4)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="readout" aria-live="polite">{math(&summary)}</p>
        <details class="data-table">
            <summary>{s.data_table}</summary>
            <table>
                <thead><tr>
                    <th scope="col">{pick(lang, "constants", "常数")}</th>
                    <th scope="col">"G"</th>
                    <th scope="col">"a"</th>
                    <th scope="col">{math("N_{opt}")}</th>
                    <th scope="col">{math("D_{opt}")}</th>
                    <th scope="col">"D/N"</th>
                    <th scope="col">{math(pick(lang, "L_{opt} (nats)", "L_{opt}（nats）"))}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
