//! The image playground's pipeline editor: steps in order, each with its probability and the op's
//! own fields, edited through the op's serde form so every op of the engine is editable without a
//! form per op. An edit that the engine refuses is shown at the step and not applied.

use augment_image::{Op, Pipeline};
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{pick, Language};
use crate::shell::app::page_lang;

/// An edit of one step, refused with the engine's message.
type StepEdit = Box<dyn FnOnce(&mut augment_image::Step) -> Result<(), String>>;

/// Choices of the string-valued fields, as serde writes them.
fn choices(field: &str) -> Option<&'static [&'static str]> {
    match field {
        "interpolation" => Some(&["nearest", "bilinear"]),
        "padding_mode" => Some(&["constant", "edge", "reflect", "symmetric"]),
        "policy" => Some(&["cifar10"]),
        _ => None,
    }
}

/// Replace `field` (or element `index` of it) of `op` by `value`; the engine's message if the result
/// is not a valid op.
fn edited(op: &Op, field: &str, index: Option<usize>, value: Value) -> Result<Op, String> {
    let mut json = serde_json::to_value(op).map_err(|e| e.to_string())?;
    let slot = json.get_mut(field).ok_or("unknown field")?;
    match index {
        Some(i) => *slot.get_mut(i).ok_or("unknown element")? = value,
        None => *slot = value,
    }
    let op: Op = serde_json::from_value(json).map_err(|e| e.to_string())?;
    op.validate().map_err(|e| e.to_string())?;
    Ok(op)
}

/// A number as JSON: integers stay integers so that integer fields (sizes, bits) accept them.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// A number as a field shows it: integers whole, others to 4 significant digits (4/3 as 1.333, not
/// 1.3333333333333333, which a field's width clips). Only the display: the value stays exact until
/// the field is edited.
fn shown(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (_, Some(u), _) => u.to_string(),
        (_, _, Some(v)) if v.is_finite() && v != 0.0 => {
            let decimals = (3 - v.abs().log10().floor() as i32).max(0) as usize;
            let s = format!("{v:.decimals$}");
            if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
        }
        _ => n.to_string(),
    }
}

#[component]
pub fn PipelineEditor(#[prop(into)] pipeline: Signal<Pipeline>, #[prop(into)] on_change: Callback<Pipeline>) -> impl IntoView {
    let lang = page_lang();
    let error = RwSignal::new(None::<(usize, String)>);
    let set_step = move |i: usize, f: StepEdit| {
        let mut p = pipeline.get_untracked();
        let Some(step) = p.ops.get_mut(i) else { return };
        match f(step) {
            Ok(()) => {
                error.set(None);
                on_change.run(p);
            }
            Err(e) => error.set(Some((i, e))),
        }
    };
    let catalog: Vec<&'static str> = augment_lab::catalog::op_catalog().iter().map(|o| o.name()).collect();
    let chosen = RwSignal::new(catalog.first().copied().unwrap_or_default());
    let add = move |_| {
        if let Some(step) = augment_lab::catalog::step_for(chosen.get_untracked()) {
            let mut p = pipeline.get_untracked();
            p.ops.push(step);
            on_change.run(p);
        }
    };
    let steps = move || {
        let l = lang.get();
        pipeline.get().ops.into_iter().enumerate().map(|(i, step)| step_view(i, step, l, pipeline, on_change, error, set_step)).collect_view()
    };
    view! {
        <div class="pipeline-editor">
            <ol class="pipeline-steps">{steps}</ol>
            {move || pipeline.with(|p| p.ops.is_empty()).then(|| view! {
                <p class="hint">{pick(lang.get(), "No steps: every sample is the original.", "没有步骤：每个样本都与原图相同。")}</p>
            })}
            <div class="add-step">
                <label>
                    <span>{move || pick(lang.get(), "Add an operation", "添加操作")}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(name) = catalog.iter().find(|n| **n == v) { chosen.set(name) }
                    }>
                        {augment_lab::catalog::op_catalog().into_iter().map(|o| view! { <option value=o.name()>{o.name()}</option> }).collect_view()}
                    </select>
                </label>
                <button class="button" on:click=add>{move || pick(lang.get(), "Add", "添加")}</button>
            </div>
        </div>
    }
}

fn step_view(
    i: usize,
    step: augment_image::Step,
    l: Language,
    pipeline: Signal<Pipeline>,
    on_change: Callback<Pipeline>,
    error: RwSignal<Option<(usize, String)>>,
    set_step: impl Fn(usize, StepEdit) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = step.op.name();
    let fields = match serde_json::to_value(&step.op) {
        Ok(Value::Object(m)) => m.into_iter().filter(|(k, _)| k != "type").collect::<Vec<_>>(),
        _ => vec![],
    };
    let count = pipeline.with_untracked(|p| p.ops.len());
    let reorder = move |delta: isize| {
        move |_| {
            let mut p = pipeline.get_untracked();
            let j = i as isize + delta;
            if j >= 0 && (j as usize) < p.ops.len() {
                p.ops.swap(i, j as usize);
                on_change.run(p);
            }
        }
    };
    let remove = move |_| {
        let mut p = pipeline.get_untracked();
        if i < p.ops.len() {
            p.ops.remove(i);
            error.set(None);
            on_change.run(p);
        }
    };
    let field_views = fields
        .into_iter()
        .map(|(field, value)| field_view(i, field, value, step.op.clone(), set_step))
        .collect_view();
    let prob_label = format!("{} {}: {}", pick(l, "step", "步骤"), i + 1, pick(l, "apply with probability p", "执行概率 p"));
    view! {
        <li class="pipeline-step">
            <div class="step-head">
                <strong>{name}</strong>
                <label class="step-p">
                    <span>{pick(l, "apply with p", "执行概率 p")}</span>
                    <input type="number" min="0" max="1" step="0.05" aria-label=prob_label prop:value=step.p.to_string()
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse::<f64>();
                            set_step(i, Box::new(move |s| match v {
                                Ok(v) if (0.0..=1.0).contains(&v) => { s.p = v; Ok(()) }
                                _ => Err("p must be a number in [0, 1]".into()),
                            }));
                        }/>
                </label>
                <span class="step-buttons">
                    <button class="icon-button" disabled=i == 0 on:click=reorder(-1) aria-label=format!("{} {}", pick(l, "Move up", "上移"), name)>"↑"</button>
                    <button class="icon-button" disabled=i + 1 == count on:click=reorder(1) aria-label=format!("{} {}", pick(l, "Move down", "下移"), name)>"↓"</button>
                    <button class="icon-button" on:click=remove aria-label=format!("{} {}", pick(l, "Remove", "删除"), name)>"×"</button>
                </span>
            </div>
            <div class="step-fields">{field_views}</div>
            {move || error.get().filter(|(j, _)| *j == i).map(|(_, e)| view! { <p class="notice error" role="alert">{e}</p> })}
        </li>
    }
}

fn field_view(
    i: usize,
    field: String,
    value: Value,
    op: Op,
    set_step: impl Fn(usize, StepEdit) + Copy + Send + Sync + 'static,
) -> AnyView {
    let commit = move |field: String, index: Option<usize>, v: Value, op: Op| {
        set_step(i, Box::new(move |s| {
            s.op = edited(&op, &field, index, v)?;
            Ok(())
        }));
    };
    match value {
        Value::Number(n) => {
            let (f, o) = (field.clone(), op.clone());
            view! {
                <label class="field"><span>{field.clone()}</span>
                    <input type="number" step="any" prop:value=shown(&n) on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() { commit(f.clone(), None, number(v), o.clone()) }
                    }/>
                </label>
            }
            .into_any()
        }
        Value::Array(items) if items.iter().all(Value::is_number) => {
            let inputs = items
                .iter()
                .enumerate()
                .map(|(k, item)| {
                    let (f, o) = (field.clone(), op.clone());
                    view! {
                        <input type="number" step="any" aria-label=format!("{field} [{k}]") prop:value=item.as_number().map(shown).unwrap_or_default() on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() { commit(f.clone(), Some(k), number(v), o.clone()) }
                        }/>
                    }
                })
                .collect_view();
            view! { <div class="field array" role="group" aria-label=field.clone()><span>{field.clone()}</span>{inputs}</div> }.into_any()
        }
        Value::Bool(b) => {
            let (f, o) = (field.clone(), op.clone());
            view! {
                <label class="field"><input type="checkbox" prop:checked=b on:change=move |ev| {
                    commit(f.clone(), None, Value::Bool(event_target_checked(&ev)), o.clone())
                }/><span>{field.clone()}</span></label>
            }
            .into_any()
        }
        Value::String(s) if choices(&field).is_some() => {
            let (f, o) = (field.clone(), op.clone());
            let options = choices(&field).unwrap_or_default().iter().map(|c| view! { <option value=*c selected=*c == s>{*c}</option> }).collect_view();
            view! {
                <label class="field"><span>{field.clone()}</span>
                    <select on:change=move |ev| commit(f.clone(), None, Value::String(event_target_value(&ev)), o.clone())>{options}</select>
                </label>
            }
            .into_any()
        }
        other => view! { <span class="field fixed"><span>{field}</span>" "<code>{super::compact(&other)}</code></span> }.into_any(),
    }
}
