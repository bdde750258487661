//! Inference-aware planner (chapter 4): the Chinchilla-optimal model at a training budget sets a
//! loss target; among all (N, D_train) reaching that loss, the one with the least lifetime compute
//! 6·N·D_train + 2·N·D_inference (Sardana & Frankle 2023) is compared with it, and the lifetime
//! compute is plotted against N along the iso-loss curve. Closed forms and a bisection from
//! `scaling::planner_params`, cheap enough for a Memo on the main thread.

use leptos::prelude::*;
use scaling::planner_params::{InferencePlan, InferencePlannerParams, LifetimeCost};
use scaling::Preset;

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind, SMOOTH_POINTS};
use super::common::{actions_view, notices_view, url_params};
use super::controls::Slider;
use super::law_explorer::{export_png, math_plain, preset_name};
use crate::format::round_sig;
use crate::format::{count, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::{planner_param_error, PlannerProblem};
use crate::shell::app::page_lang;

/// A `<select>` over [`Preset::ALL`], styled as the shared `select_control` (a `.control.choice`).
#[component]
pub fn PresetSelect(value: Signal<Preset>, #[prop(into)] on_change: Callback<Preset>) -> impl IntoView {
    let lang = page_lang();
    let id = format!("preset{}", js_sys::Math::random().to_bits());
    view! {
        <div class="control choice">
            <label for=id.clone()><span>{move || pick(lang.get(), "Constants of L(N, D)", "L(N, D) 的常数")}</span></label>
            <select id=id prop:value=move || value.get().name() on:change=move |ev| {
                if let Some(p) = Preset::from_name(&event_target_value(&ev)) {
                    on_change.run(p);
                }
            }>
                {Preset::ALL.into_iter().map(|p| view! {
                    <option value=p.name() selected=move || value.get() == p>{move || math_plain(preset_name(p, lang.get()))}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn InferencePlanner(id: String, defaults: InferencePlannerParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &InferencePlannerParams| p.validate().map_err(|e| planner_param_error(&e, at_start)));
    let plan = Memo::new(move |_| {
        params.with(|p| -> Result<InferencePlan, PlannerProblem> {
            p.validate()?;
            Ok(p.plan(SMOOTH_POINTS)?)
        })
    });
    let ok = move || plan.with(|c| c.as_ref().ok().cloned());
    let spec = Signal::derive(move || {
        let l = lang.get();
        ok().map(|c| chart_spec(&c, l))
    });
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: lifetime compute against model size at a fixed loss", "双对数图：固定损失下全生命周期计算量随模型规模的变化").to_string()
    });
    let l = move || lang.get();
    let png_id = StoredValue::new(id.clone());
    let csv = move |_| {
        if let Some(c) = ok() {
            crate::shell::dom::download("inference-planner.csv", "text/csv", &to_csv(&c));
        }
    };

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Inference-aware planner", "考虑推理的规划器"))}>
            <h3 class="widget-title">{move || pick(l(), "Planner: training plus inference", "规划器：训练加推理")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to open the planner.", "先在上方提交你的猜测，再打开规划器。")}</p> }>
                <div class="controls choices">
                    <PresetSelect value=Signal::derive(move || params.with(|p| p.preset)) on_change=move |v: Preset| params.update(|p| p.preset = v)/>
                    <Slider label=Signal::derive(move || pick(l(), "training budget that sets the target loss (FLOPs)", "决定目标损失的训练预算（FLOPs）").to_string()) value=Signal::derive(move || params.with(|p| p.budget))
                        min=1e20 max=1e26 log=true display=|v: f64| sig(v, 3) on_input=move |v: f64| params.update(|p| p.budget = round_sig(v, 3))/>
                    <Slider label=Signal::derive(move || pick(l(), "lifetime inference tokens", "生命周期内的推理词元数").to_string()) value=Signal::derive(move || params.with(|p| p.inference_tokens))
                        min=1e9 max=1e16 log=true display=|v: f64| count(v) on_input=move |v: f64| params.update(|p| p.inference_tokens = round_sig(v, 3))/>
                </div>
                {move || plan.with(|c| c.as_ref().err().map(|e| e.text(l()))).map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <LogLogChart spec=spec label=chart_label/>
                {move || ok().map(|c| readout(&c, params.with_untracked(|p| p.inference_tokens), l()))}
                <div class="widget-actions">
                    <button class="button" on:click=csv>{move || pick(l(), "Download CSV", "下载 CSV")}</button>
                    <button class="button" on:click=move |_| { let w = png_id.get_value(); export_png(&w, 0, &format!("{w}-lifetime-compute.png")) }>{move || pick(l(), "Download PNG", "下载 PNG")}</button>
                </div>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(c: &InferencePlan, lang: Language) -> LogLogSpec {
    LogLogSpec {
        x_label: pick(lang, "parameters N (same loss everywhere)", "参数量 N（整条曲线损失相同）").into(),
        y_label: "FLOPs".into(),
        series: vec![
            Series {
                label: pick(lang, "lifetime: training + inference", "全生命周期：训练 + 推理").into(),
                points: c.iso_loss.iter().map(|&(n, total, _)| (n, total)).collect(),
                kind: SeriesKind::Line,
                color: 0,
            },
            Series {
                label: pick(lang, "training only, 6·N·D", "仅训练，6·N·D").into(),
                points: c.iso_loss.iter().map(|&(n, _, train)| (n, train)).collect(),
                kind: SeriesKind::Line,
                color: 2,
            },
            Series {
                label: match lang {
                    Language::En => format!("Chinchilla-optimal ({})", count(c.chinchilla.n)),
                    Language::Zh => format!("Chinchilla 最优（{}）", count(c.chinchilla.n)),
                },
                points: vec![(c.chinchilla.n, c.chinchilla.total_flop)],
                kind: SeriesKind::Markers,
                color: 1,
            },
            Series {
                label: match lang {
                    Language::En => format!("lifetime-optimal ({})", count(c.inference_optimal.n)),
                    Language::Zh => format!("生命周期最优（{}）", count(c.inference_optimal.n)),
                },
                points: vec![(c.inference_optimal.n, c.inference_optimal.total_flop)],
                kind: SeriesKind::Markers,
                color: 0,
            },
        ],
    }
}

fn row(name: &'static str, c: &LifetimeCost) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}</th><td>{count(c.n)}</td><td>{count(c.d_train)}</td><td>{sig(c.d_train / c.n, 3)}</td>
            <td>{sig(c.train_flop, 3)}</td><td>{sig(c.inference_flop, 3)}</td><td>{sig(c.total_flop, 3)}</td>
        </tr>
    }
}

fn readout(c: &InferencePlan, d_inf: f64, lang: Language) -> impl IntoView {
    let s = lang.strings();
    let (a, b) = (c.chinchilla, c.inference_optimal);
    let saving = 1.0 - b.total_flop / a.total_flop;
    let summary = match lang {
        Language::En => format!(
            "Target loss {} nats/token (the Chinchilla optimum at {} FLOPs). Serving {} tokens, the Chinchilla-optimal model ({} parameters, {} tokens, {} tokens per parameter) costs {} FLOPs over its life; the lifetime optimum is {} parameters trained on {} tokens ({} per parameter), costing {} FLOPs: {:.1}% less.",
            sig(c.target_loss, 4), sig(c.chinchilla_optimum.c, 3), count(d_inf), count(a.n), count(a.d_train), sig(a.d_train / a.n, 3),
            sig(a.total_flop, 3), count(b.n), count(b.d_train), sig(b.d_train / b.n, 3), sig(b.total_flop, 3), saving * 100.0
        ),
        Language::Zh => format!(
            "目标损失 {} nats/词元（即 {} FLOPs 预算下的 Chinchilla 最优点）。若要推理 {} 个词元，Chinchilla 最优模型（{} 参数、{} 训练词元、每参数 {} 个词元）一生共需 {} FLOPs；生命周期最优模型是 {} 参数、{} 训练词元（每参数 {} 个词元），共需 {} FLOPs，少 {:.1}%。",
            sig(c.target_loss, 4), sig(c.chinchilla_optimum.c, 3), count(d_inf), count(a.n), count(a.d_train), sig(a.d_train / a.n, 3),
            sig(a.total_flop, 3), count(b.n), count(b.d_train), sig(b.d_train / b.n, 3), sig(b.total_flop, 3), saving * 100.0
        ),
    };
    view! {
        <p class="readout" aria-live="polite">{summary}</p>
        <details class="data-table">
            <summary>{s.data_table}</summary>
            <table>
                <thead><tr>
                    <th scope="col">{pick(lang, "model", "模型")}</th>
                    <th scope="col">"N"</th>
                    <th scope="col">{pick(lang, "training tokens", "训练词元")}</th>
                    <th scope="col">{pick(lang, "tokens per parameter", "每参数词元数")}</th>
                    <th scope="col">{pick(lang, "training FLOPs", "训练 FLOPs")}</th>
                    <th scope="col">{pick(lang, "inference FLOPs", "推理 FLOPs")}</th>
                    <th scope="col">{pick(lang, "lifetime FLOPs", "生命周期 FLOPs")}</th>
                </tr></thead>
                <tbody>
                    {row(pick(lang, "Chinchilla-optimal", "Chinchilla 最优"), &a)}
                    {row(pick(lang, "lifetime-optimal", "生命周期最优"), &b)}
                </tbody>
            </table>
        </details>
    }
}

fn to_csv(c: &InferencePlan) -> String {
    let mut out = String::from("n_params,lifetime_flop,train_flop\n");
    for (n, total, train) in &c.iso_loss {
        out.push_str(&format!("{n},{total},{train}\n"));
    }
    out
}
