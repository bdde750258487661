//! Data-constrained explorer (chapter 4): a model of N parameters trained for several epochs over U
//! unique tokens. Effective data D' = U + U·R_D*·(1 − e^(−R_D/R_D*)) against the tokens actually
//! trained on, the loss with repeated against fresh data, and the epoch count after which one more
//! epoch is worth less than a chosen fraction of a fresh one (Muennighoff et al. 2023). Closed forms
//! from `scaling::planner_params`, cheap enough for a Memo on the main thread.

use leptos::prelude::*;
use scaling::planner_params::{DataConstrainedParams, DataConstrainedPoint};

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind, SMOOTH_POINTS};
use super::common::{actions_view, notices_view, url_params};
use super::controls::Slider;
use super::law_explorer::export_png;
use crate::format::round_sig;
use crate::format::{count, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::{planner_param_error, PlannerProblem};
use crate::shell::app::page_lang;

#[derive(Clone, Debug, PartialEq)]
struct Computed {
    curve: Vec<DataConstrainedPoint>,
    chosen: DataConstrainedPoint,
    stop: Option<DataConstrainedPoint>,
    stop_epochs: f64,
    table: Vec<DataConstrainedPoint>,
}

fn compute(p: &DataConstrainedParams) -> Result<Computed, PlannerProblem> {
    p.validate()?;
    let curve = p.curve(SMOOTH_POINTS)?;
    let chosen = p.point(p.epochs)?;
    let stop_epochs = p.stop_epochs();
    let stop = if stop_epochs <= p.max_epochs { Some(p.point(stop_epochs)?) } else { None };
    // A readable table: the doubling epochs inside the plotted range, plus the chosen one.
    let mut epochs: Vec<f64> = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1000.0]
        .into_iter()
        .filter(|&e| e <= p.max_epochs)
        .collect();
    if !epochs.iter().any(|&e| (e - p.epochs).abs() < 1e-9) {
        epochs.push(p.epochs);
    }
    epochs.sort_by(|a, b| a.total_cmp(b));
    let table = epochs.into_iter().map(|e| p.point(e)).collect::<Result<Vec<_>, _>>()?;
    Ok(Computed { curve, chosen, stop, stop_epochs, table })
}

#[component]
pub fn DataConstrained(id: String, defaults: DataConstrainedParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &DataConstrainedParams| p.validate().map_err(|e| planner_param_error(&e, at_start)));
    let computed = Memo::new(move |_| params.with(compute));
    let ok = move || computed.with(|c| c.as_ref().ok().cloned());
    let spec = Signal::derive(move || {
        let l = lang.get();
        ok().map(|c| chart_spec(&c, l))
    });
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: effective data and tokens trained against epochs", "双对数图：有效数据量与训练词元数随轮数的变化").to_string()
    });
    let set = move |f: fn(&mut DataConstrainedParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let l = move || lang.get();
    let png_id = StoredValue::new(id.clone());
    let csv = move |_| {
        if let Some(c) = ok() {
            crate::shell::dom::download("data-constrained.csv", "text/csv", &to_csv(&c.curve));
        }
    };

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Data-constrained explorer", "数据受限探索器"))}>
            <h3 class="widget-title">{move || pick(l(), "Explorer: repeating data", "探索器：重复使用数据")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to open the explorer.", "先在上方提交你的猜测，再打开探索器。")}</p> }>
                <div class="controls">
                    <Slider label=Signal::derive(move || pick(l(), "parameters N", "参数量 N").to_string()) value=Signal::derive(move || params.with(|p| p.n))
                        min=1e8 max=1e12 log=true display=|v: f64| count(v) on_input=set(|p, v| p.n = round_sig(v, 3))/>
                    <Slider label=Signal::derive(move || pick(l(), "unique tokens U", "不重复词元数 U").to_string()) value=Signal::derive(move || params.with(|p| p.unique_tokens))
                        min=1e9 max=1e14 log=true display=|v: f64| count(v) on_input=set(|p, v| p.unique_tokens = round_sig(v, 3))/>
                    <Slider label=Signal::derive(move || pick(l(), "epochs D/U", "训练轮数 D/U").to_string()) value=Signal::derive(move || params.with(|p| p.epochs))
                        min=1.0 max=1000.0 log=true display=|v: f64| sig(v, 3)
                        on_input=move |v: f64| params.update(|p| p.epochs = round_sig(v, 3).min(p.max_epochs))/>
                    <Slider label=Signal::derive(move || pick(l(), "plot up to (epochs)", "横轴上限（轮）").to_string()) value=Signal::derive(move || params.with(|p| p.max_epochs))
                        min=2.0 max=1000.0 log=true display=|v: f64| sig(v, 3)
                        on_input=move |v: f64| params.update(|p| {
                            p.max_epochs = round_sig(v, 2);
                            p.epochs = p.epochs.min(p.max_epochs);
                        })/>
                    <Slider label=Signal::derive(move || pick(l(), "stop when one more epoch is worth less than", "当多一轮的价值低于此比例时停止").to_string()) value=Signal::derive(move || params.with(|p| p.threshold))
                        min=0.05 max=0.95 step=0.05 display=|v: f64| format!("{:.0}%", v * 100.0) on_input=set(|p, v| p.threshold = (v * 100.0).round() / 100.0)/>
                </div>
                {move || computed.with(|c| c.as_ref().err().map(|e| e.text(l()))).map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <LogLogChart spec=spec label=chart_label/>
                {move || ok().map(|c| readout(&c, params.with_untracked(|p| p.clone()), l()))}
                <div class="widget-actions">
                    <button class="button" on:click=csv>{move || pick(l(), "Download CSV", "下载 CSV")}</button>
                    <button class="button" on:click=move |_| { let w = png_id.get_value(); export_png(&w, 0, &format!("{w}-effective-data.png")) }>{move || pick(l(), "Download PNG", "下载 PNG")}</button>
                </div>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn chart_spec(c: &Computed, lang: Language) -> LogLogSpec {
    let mut series = vec![
        Series {
            label: pick(lang, "tokens trained D = U × epochs", "训练词元 D = U × 轮数").into(),
            points: c.curve.iter().map(|p| (p.epochs, p.tokens)).collect(),
            kind: SeriesKind::Line,
            color: 2,
        },
        Series {
            label: pick(lang, "effective data D′", "有效数据 D′").into(),
            points: c.curve.iter().map(|p| (p.epochs, p.effective_tokens)).collect(),
            kind: SeriesKind::Line,
            color: 0,
        },
        Series {
            label: match lang {
                Language::En => format!("your run ({} epochs)", sig(c.chosen.epochs, 3)),
                Language::Zh => format!("你的设置（{} 轮）", sig(c.chosen.epochs, 3)),
            },
            points: vec![(c.chosen.epochs, c.chosen.effective_tokens)],
            kind: SeriesKind::Markers,
            color: 0,
        },
    ];
    if let Some(s) = c.stop {
        series.push(Series {
            label: match lang {
                Language::En => format!("repeating stops paying ({} epochs)", sig(s.epochs, 3)),
                Language::Zh => format!("重复不再划算（{} 轮）", sig(s.epochs, 3)),
            },
            points: vec![(s.epochs, s.effective_tokens)],
            kind: SeriesKind::Markers,
            color: 1,
        });
    }
    LogLogSpec { x_label: pick(lang, "epochs over the unique data", "在不重复数据上的训练轮数").into(), y_label: pick(lang, "tokens", "词元数").into(), series }
}

fn readout(c: &Computed, p: DataConstrainedParams, lang: Language) -> impl IntoView {
    let s = lang.strings();
    let x = c.chosen;
    let ratio = x.effective_tokens / x.tokens;
    let stop = match (lang, c.stop) {
        (Language::En, Some(_)) => format!(
            "One more epoch is worth less than {:.0}% of fresh data after {} epochs.",
            p.threshold * 100.0,
            sig(c.stop_epochs, 3)
        ),
        (Language::En, None) => format!(
            "One more epoch stays worth at least {:.0}% of fresh data up to {} epochs, beyond the plot.",
            p.threshold * 100.0,
            sig(c.stop_epochs, 3)
        ),
        (Language::Zh, Some(_)) => format!("训练超过 {} 轮后，再多一轮的价值不到新数据的 {:.0}%。", sig(c.stop_epochs, 3), p.threshold * 100.0),
        (Language::Zh, None) => format!("直到 {} 轮（超出图的范围），再多一轮的价值仍不低于新数据的 {:.0}%。", sig(c.stop_epochs, 3), p.threshold * 100.0),
    };
    let summary = match lang {
        Language::En => format!(
            "N = {}, U = {}, {} epochs: D = {} tokens trained, effective data D′ = {} ({:.1}% of D). Predicted loss {} nats/token, against {} had all {} tokens been unique (a gap of {}). The last epoch was worth {:.0}% of fresh data. {stop}",
            count(p.n), count(p.unique_tokens), sig(x.epochs, 3), count(x.tokens), count(x.effective_tokens), ratio * 100.0,
            sig(x.loss, 4), sig(x.loss_fresh, 4), count(x.tokens), sig(x.loss - x.loss_fresh, 2), x.marginal_value * 100.0
        ),
        Language::Zh => format!(
            "N = {}，U = {}，{} 轮：共训练 D = {} 个词元，有效数据 D′ = {}（D 的 {:.1}%）。预测损失 {} nats/词元；若这 {} 个词元全部不重复，损失为 {}（差 {}）。最后一轮的价值相当于新数据的 {:.0}%。{stop}",
            count(p.n), count(p.unique_tokens), sig(x.epochs, 3), count(x.tokens), count(x.effective_tokens), ratio * 100.0,
            sig(x.loss, 4), count(x.tokens), sig(x.loss_fresh, 4), sig(x.loss - x.loss_fresh, 2), x.marginal_value * 100.0
        ),
    };
    let rows = c
        .table
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{sig(r.epochs, 3)}</td><td>{count(r.tokens)}</td><td>{count(r.effective_tokens)}</td>
                    <td>{format!("{:.1}%", 100.0 * r.effective_tokens / r.tokens)}</td><td>{format!("{:.0}%", 100.0 * r.marginal_value)}</td>
                    <td>{sig(r.loss, 4)}</td><td>{sig(r.loss_fresh, 4)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="readout" aria-live="polite">{summary}</p>
        <details class="data-table">
            <summary>{s.data_table}</summary>
            <table>
                <thead><tr>
                    <th scope="col">{pick(lang, "epochs", "轮数")}</th>
                    <th scope="col">"D"</th>
                    <th scope="col">"D′"</th>
                    <th scope="col">"D′/D"</th>
                    <th scope="col">{pick(lang, "worth of the last epoch", "最后一轮的价值")}</th>
                    <th scope="col">{pick(lang, "loss (repeated)", "损失（重复）")}</th>
                    <th scope="col">{pick(lang, "loss (all fresh)", "损失（全新数据）")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

fn to_csv(curve: &[DataConstrainedPoint]) -> String {
    let mut out = String::from("epochs,tokens,effective_tokens,marginal_value,loss_nats,loss_fresh_nats\n");
    for p in curve {
        out.push_str(&format!("{},{},{},{},{},{}\n", p.epochs, p.tokens, p.effective_tokens, p.marginal_value, p.loss, p.loss_fresh));
    }
    out
}
