//! Compute planner (chapters 3–4): a training budget in FLOPs or as GPUs × hours × peak FLOP/s ×
//! utilization; IsoFLOP profiles for several budgets with their minima and the frontier through
//! them; the optimum's N, D, tokens per parameter and loss under the chosen Chinchilla-form preset
//! and under Kaplan's allocation; famous models placed against the frontier. Readout, data
//! tables, CSV/PNG export and URL state as in every widget. Numbers from
//! `scaling::compute_planner` (closed forms, a few thousand `powf`: main thread, in a Memo).

use leptos::prelude::*;
use scaling::chinchilla::{self, Preset};
use scaling::compute_planner::{BudgetMode, ComputePlannerParams, IsoFlopCurve, Plan};

use super::charts::{smooth_grid, LogLogChart, LogLogSpec, Series, SeriesKind};
use super::common::{actions_view, lazy_details, notices_view, url_params};
use super::controls::Slider;
use super::law_explorer::{checkbox_control, export_png, math, math_plain, preset_name, select_control};
use crate::format::{round_sig, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::lab_param_error;
use crate::shell::app::page_lang;

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("—".to_string(), |v| sig(v, digits))
}

/// Palette indices by meaning, the same in both charts: the preset's optimum and frontier, Kaplan's
/// allocation, the other budgets and the published models, and the reader's budget's IsoFLOP curve.
const OPTIMUM: usize = 0;
const KAPLAN: usize = 1;
const OTHERS: usize = 2;
const BUDGET: usize = 3;

/// The IsoFLOP chart. Its curves are the plan's, drawn from the preset's closed form at
/// [`smooth_grid`]'s density over the same N ranges (the plan's 41 samples per curve, which the data
/// table lists, showed facets); the frontier likewise over the plan's budgets.
fn isoflop_spec(plan: &Plan, preset: Preset, lang: Language) -> LogLogSpec {
    let law = chinchilla::preset(preset);
    let span = |c: &IsoFlopCurve| c.points.first().zip(c.points.last()).map_or((c.minimum.n_opt, c.minimum.n_opt), |(a, b)| (a.n, b.n));
    let mut series: Vec<Series> = plan
        .curves
        .iter()
        .map(|c| {
            let yours = c.c == plan.budget;
            let (lo, hi) = span(c);
            Series {
                label: if yours { format!("C = {}{}", sig(c.c, 3), pick(lang, " (your budget)", "（你的预算）")) } else { format!("C = {}", sig(c.c, 3)) },
                points: law.isoflop_profile(c.c, &smooth_grid(lo, hi)).iter().map(|p| (p.n, p.loss)).collect(),
                kind: SeriesKind::Line,
                color: if yours { BUDGET } else { OTHERS },
            }
        })
        .collect();
    let (lo, hi) = plan.curves.iter().map(span).fold((f64::INFINITY, 0.0f64), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
    let budgets = plan.frontier.first().zip(plan.frontier.last()).map_or(vec![], |(a, b)| smooth_grid(a.c, b.c));
    series.push(Series {
        label: pick(lang, "frontier through the minima", "经过各最小值的前沿").into(),
        points: budgets.into_iter().map(|c| law.compute_optimal(c)).filter(|o| o.n_opt >= lo && o.n_opt <= hi).map(|o| (o.n_opt, o.l_opt)).collect(),
        kind: SeriesKind::Line,
        color: OPTIMUM,
    });
    series.push(Series {
        label: pick(lang, "minima", "最小值").into(),
        points: plan.curves.iter().map(|c| (c.minimum.n_opt, c.minimum.l_opt)).collect(),
        kind: SeriesKind::Markers,
        color: OPTIMUM,
    });
    series.push(Series {
        label: pick(lang, "Kaplan's allocation of the budget", "按 Kaplan 分配预算").into(),
        points: vec![(plan.kaplan.n, plan.kaplan.loss)],
        kind: SeriesKind::Markers,
        color: KAPLAN,
    });
    LogLogSpec { x_label: pick(lang, "parameters N", "参数量 N").into(), y_label: pick(lang, "loss (nats/token)", "损失（nats/词元）").into(), series }
}

fn allocation_spec(plan: &Plan, preset: Preset, lang: Language) -> LogLogSpec {
    let mut series = vec![
        Series {
            label: math_plain(&format!("{}{}N_{{opt}}(C)", preset_name(preset, lang), pick(lang, ": ", "："))),
            points: plan.frontier.iter().map(|o| (o.c, o.n_opt)).collect(),
            kind: SeriesKind::Line,
            color: OPTIMUM,
        },
        Series { label: math_plain(pick(lang, "Kaplan Table 6: N_{opt}(C)", "Kaplan 表 6：N_{opt}(C)")), points: plan.kaplan_frontier.clone(), kind: SeriesKind::Line, color: KAPLAN },
        Series { label: pick(lang, "your budget: optimum", "你的预算：最优点").into(), points: vec![(plan.budget, plan.optimum.n_opt)], kind: SeriesKind::Markers, color: OPTIMUM },
        Series { label: pick(lang, "your budget: Kaplan", "你的预算：Kaplan").into(), points: vec![(plan.budget, plan.kaplan.n)], kind: SeriesKind::Markers, color: KAPLAN },
    ];
    let placed: Vec<(f64, f64)> = plan.models.iter().filter_map(|m| m.c.map(|c| (c, m.model.n))).collect();
    if !placed.is_empty() {
        series.push(Series { label: pick(lang, "published models", "已发表的模型").into(), points: placed, kind: SeriesKind::Markers, color: OTHERS });
    }
    LogLogSpec { x_label: pick(lang, "training compute C (FLOPs)", "训练算力 C（FLOPs）").into(), y_label: pick(lang, "parameters N", "参数量 N").into(), series }
}

/// The readout, as widget text for [`math`].
fn summary(plan: &Plan, preset: Preset, lang: Language) -> String {
    let o = &plan.optimum;
    let k = &plan.kaplan;
    match lang {
        Language::En => format!(
            "Budget C = {} FLOPs, constants: {}. The optimum is N = {} parameters trained on D = {} tokens ({} tokens per parameter), loss {} nats. Kaplan's allocation of the same budget (Table 6) is N = {} on D = {} tokens ({} tokens per parameter); the same law scores it at {} nats, {} nats worse.",
            sig(plan.budget, 3), preset_name(preset, lang), sig(o.n_opt, 3), sig(o.d_opt, 3), sig(o.tokens_per_param, 3), sig(o.l_opt, 4),
            sig(k.n, 3), sig(k.d, 3), sig(k.tokens_per_param, 3), sig(k.loss, 4), sig(k.loss - o.l_opt, 2)
        ),
        Language::Zh => format!(
            "预算 C = {} FLOPs，常数：{}。最优方案是 N = {} 个参数、训练 D = {} 个词元（每参数 {} 个词元），损失 {} nats。同样的预算按 Kaplan 的分配（表 6）是 N = {}、D = {} 个词元（每参数 {} 个词元）；同一条规律给它的损失是 {} nats，差了 {} nats。",
            sig(plan.budget, 3), preset_name(preset, lang), sig(o.n_opt, 3), sig(o.d_opt, 3), sig(o.tokens_per_param, 3), sig(o.l_opt, 4),
            sig(k.n, 3), sig(k.d, 3), sig(k.tokens_per_param, 3), sig(k.loss, 4), sig(k.loss - o.l_opt, 2)
        ),
    }
}

fn tables(plan: &Plan, lang: Language) -> impl IntoView {
    let minima = plan
        .curves
        .iter()
        .map(|c| {
            let m = &c.minimum;
            view! { <tr><td>{sig(c.c, 3)}</td><td>{sig(m.n_opt, 4)}</td><td>{sig(m.d_opt, 4)}</td><td>{sig(m.tokens_per_param, 4)}</td><td>{sig(m.l_opt, 5)}</td></tr> }
        })
        .collect_view();
    let points = plan
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(move |p| (c.c, *p)))
        .map(|(c, p)| view! { <tr><td>{sig(c, 3)}</td><td>{sig(p.n, 4)}</td><td>{sig(p.d, 4)}</td><td>{sig(p.loss, 5)}</td></tr> })
        .collect_view();
    let frontier = plan
        .frontier
        .iter()
        .zip(&plan.kaplan_frontier)
        .map(|(o, (_, kn))| view! { <tr><td>{sig(o.c, 3)}</td><td>{sig(o.n_opt, 4)}</td><td>{sig(o.d_opt, 4)}</td><td>{sig(o.l_opt, 5)}</td><td>{sig(*kn, 4)}</td></tr> })
        .collect_view();
    let models = plan
        .models
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.model.name}</th><td>{sig(m.model.n, 3)}</td><td>{opt(m.model.d, 3)}</td><td>{opt(m.c, 3)}</td>
                    <td>{opt(m.model.tokens_per_param(), 3)}</td><td>{opt(m.size_ratio, 3)}</td><td>{opt(m.loss, 4)}</td><td>{opt(m.l_opt, 4)}</td>
                    <td>{m.model.source}</td>
                </tr>
            }
        })
        .collect_view();
    let has_models = !plan.models.is_empty();
    view! {
            <table>
                <caption>{pick(lang, "Minima of the IsoFLOP curves", "各 IsoFLOP 曲线的最小值")}</caption>
                <thead><tr><th scope="col">"C (FLOPs)"</th><th scope="col">{math("N_{opt}")}</th><th scope="col">{math("D_{opt}")}</th><th scope="col">"D/N"</th><th scope="col">{pick(lang, "loss (nats)", "损失（nats）")}</th></tr></thead>
                <tbody>{minima}</tbody>
            </table>
            {has_models.then(|| view! {
                <table>
                    <caption>{pick(lang, "Published models against the frontier (tokens not stated per model: —)", "已发表模型与前沿的对比（论文未单独给出词元数的记为 —）")}</caption>
                    <thead><tr><th scope="col">{pick(lang, "model", "模型")}</th><th scope="col">"N"</th><th scope="col">"D"</th><th scope="col">"C = 6ND"</th><th scope="col">"D/N"</th>
                        <th scope="col">{math("N/N_{opt}")}</th><th scope="col">{pick(lang, "loss (nats)", "损失（nats）")}</th><th scope="col">{math("L_{opt}")}</th><th scope="col">{pick(lang, "source", "来源")}</th></tr></thead>
                    <tbody>{models}</tbody>
                </table>
            })}
            <table>
                <caption>{pick(lang, "Frontier: optimum and Kaplan's N at each budget", "前沿：各预算下的最优点与 Kaplan 的 N")}</caption>
                <thead><tr><th scope="col">"C (FLOPs)"</th><th scope="col">{math("N_{opt}")}</th><th scope="col">{math("D_{opt}")}</th><th scope="col">{math("L_{opt}")}</th><th scope="col">{pick(lang, "Kaplan N", "Kaplan 的 N")}</th></tr></thead>
                <tbody>{frontier}</tbody>
            </table>
            <table>
                <caption>{pick(lang, "The IsoFLOP curves, sampled (the chart draws them finer)", "IsoFLOP 曲线的取样点（图中曲线取样更密）")}</caption>
                <thead><tr><th scope="col">"C (FLOPs)"</th><th scope="col">"N"</th><th scope="col">"D = C/(6N)"</th><th scope="col">{pick(lang, "loss (nats)", "损失（nats）")}</th></tr></thead>
                <tbody>{points}</tbody>
            </table>
    }
}

#[component]
pub fn ComputePlanner(id: String, defaults: ComputePlannerParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &ComputePlannerParams| p.validate().map_err(|e| lab_param_error(&e, at_start)));
    let invalid = Memo::new(move |_| params.with(|p| p.validate().err().map(|e| lab_param_error(&e, lang.get()))));
    let plan = Memo::new(move |_| params.with(|p| p.validate().ok().map(|_| p.plan())));
    let preset = move || params.with(|p| p.preset);
    let iso_spec = Signal::derive(move || plan.get().map(|p| isoflop_spec(&p, preset(), l())));
    let alloc_spec = Signal::derive(move || plan.get().map(|p| allocation_spec(&p, preset(), l())));
    let iso_label = Signal::derive(move || pick(lang.get(), "IsoFLOP curves: loss against N at fixed compute, with their minima", "IsoFLOP 曲线：固定算力下损失随 N 的变化及其最小值").to_string());
    let alloc_label = Signal::derive(move || pick(lang.get(), "Compute-optimal N against compute, Kaplan's allocation and published models", "计算最优 N 随算力的变化、Kaplan 的分配与已发表模型").to_string());
    let set = move |f: fn(&mut ComputePlannerParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let lbl = move |en: &'static str, zh: &'static str| Signal::derive(move || pick(lang.get(), en, zh).to_string());
    let fmt = |v: f64| sig(v, 3);
    let gpu = move || params.with(|p| p.budget_mode == BudgetMode::Gpu);
    let mode_options = Signal::derive(move || {
        vec![
            ("flops".to_string(), pick(lang.get(), "FLOPs", "FLOPs").to_string()),
            ("gpu".to_string(), pick(lang.get(), "GPU-hours × peak × utilization", "GPU 数 × 小时 × 峰值 × 利用率").to_string()),
        ]
    });
    let preset_options = Signal::derive(move || Preset::ALL.iter().map(|p| (p.name().to_string(), math_plain(preset_name(*p, lang.get())))).collect::<Vec<_>>());
    let wid = StoredValue::new(id.clone());

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Compute planner", "算力规划器"))}>
            <h3 class="widget-title">{move || pick(l(), "Planner: how big a model for your compute?", "规划器：这些算力该训练多大的模型？")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to open the planner.", "先在上方提交你的猜测，再打开规划器。")}</p> }>
                <div class="controls choices">
                    {select_control(lbl("Budget given as", "预算的给法"), mode_options, Signal::derive(move || if gpu() { "gpu".to_string() } else { "flops".to_string() }), move |v| {
                        params.update(|p| p.budget_mode = if v == "gpu" { BudgetMode::Gpu } else { BudgetMode::Flops });
                    })}
                    {select_control(lbl("Constants of L(N, D)", "L(N, D) 的常数"), preset_options, Signal::derive(move || preset().name().to_string()), move |v| {
                        if let Some(np) = Preset::from_name(&v) { params.update(|p| p.preset = np); }
                    })}
                    <Slider label=lbl("IsoFLOP curves", "IsoFLOP 曲线条数") value=Signal::derive(move || params.with(|p| p.curves as f64)) min=1.0 max=7.0 step=1.0 integer=true
                        display=|v: f64| format!("{v:.0}") on_input=set(|p, v| p.curves = v as u32)/>
                    {checkbox_control(lbl("Show published models", "显示已发表的模型"), Signal::derive(move || params.with(|p| p.show_models)), move |b| params.update(|p| p.show_models = b))}
                </div>
                <div class="controls">
                    <Show when=move || !gpu()>
                        // Log sliders land on long floats: three significant digits keep shared links short.
                        <Slider label=lbl("budget C (FLOPs)", "预算 C（FLOPs）") value=Signal::derive(move || params.with(|p| p.c)) min=1e18 max=1e27 log=true display=fmt on_input=set(|p, v| p.c = round_sig(v, 3))/>
                    </Show>
                    <Show when=gpu>
                        <Slider label=lbl("GPUs", "GPU 数") value=Signal::derive(move || params.with(|p| p.gpus)) min=1.0 max=1e5 log=true integer=true display=|v: f64| format!("{v:.0}") on_input=set(|p, v| p.gpus = v)/>
                        <Slider label=lbl("hours", "小时") value=Signal::derive(move || params.with(|p| p.hours)) min=1.0 max=1e4 log=true display=fmt on_input=set(|p, v| p.hours = round_sig(v, 3))/>
                        <Slider label=lbl("peak FLOP/s per GPU", "每块 GPU 的峰值 FLOP/s") value=Signal::derive(move || params.with(|p| p.peak_flops)) min=1e12 max=1e16 log=true display=fmt on_input=set(|p, v| p.peak_flops = round_sig(v, 3))/>
                        <Slider label=lbl("utilization", "利用率") value=Signal::derive(move || params.with(|p| p.utilization)) min=0.05 max=1.0 step=0.01 display=|v: f64| format!("{:.0} %", v * 100.0) on_input=set(|p, v| p.utilization = v)/>
                        <p class="hint">{move || {
                            let c = params.with(|p| p.budget_flop());
                            match l() { Language::En => format!("= {} FLOPs", sig(c, 3)), Language::Zh => format!("= {} FLOPs", sig(c, 3)) }
                        }}</p>
                    </Show>
                </div>
                {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                {move || plan.get().map(|p| view! { <p class="readout" aria-live="polite">{math(&summary(&p, preset(), l()))}</p> })}
                <LogLogChart spec=iso_spec label=iso_label/>
                <LogLogChart spec=alloc_spec label=alloc_label/>
                <p class="hint">{move || {
                    let p = preset();
                    math(&match l() {
                        Language::En => format!("Constants: {}. Kaplan's allocation: Kaplan et al. 2020, Table 6, with C_{{min}} = C/2 as in Hoffmann et al. 2022, App D.4. Model sizes: sources in the data table.", p.source()),
                        Language::Zh => format!("常数：{}。Kaplan 的分配：Kaplan 等 2020 表 6，按 Hoffmann 等 2022 附录 D.4 取 C_{{min}} = C/2。模型规模的来源见数据表。", p.source_zh()),
                    })
                }}</p>
                {lazy_details(move || l().strings().data_table.to_string(), move || plan.get().map(|p| tables(&p, l())))}
                <div class="widget-actions">
                    <button class="button" on:click=move |_| {
                        let text = params.with_untracked(|p| p.validate().ok().map(|_| p.table_csv()));
                        if let Some(text) = text { crate::shell::dom::download(&format!("{}.csv", wid.get_value()), "text/csv", &text); }
                    }>{move || pick(l(), "Download CSV", "下载 CSV")}</button>
                    <button class="button" on:click=move |_| { let w = wid.get_value(); export_png(&w, 0, &format!("{w}-isoflop.png")) }>{move || pick(l(), "PNG: IsoFLOP chart", "PNG：IsoFLOP 图")}</button>
                    <button class="button" on:click=move |_| { let w = wid.get_value(); export_png(&w, 1, &format!("{w}-allocation.png")) }>{move || pick(l(), "PNG: allocation chart", "PNG：分配图")}</button>
                </div>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}
