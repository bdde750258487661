//! Mixing on digits (chapter 7): mixup and CutMix on two UCI handwritten digits, the mixed image and
//! the mixed soft label as bars, and a batch mixed the way torchvision v2 does it (one λ, each image
//! with its neighbour). The digits and the mixing live in the augmentation worker.

use augment_lab::params::{DigitMixingParams, MixMethod, DIGIT_COUNT};
use augment_lab::protocol::{Job, MixOutput, MixSample, Output};
use js_sys::Uint8Array;
use leptos::prelude::*;

use super::{pixel_canvas, status_view, PixelView};
use crate::compute::augment::AugmentWorker;
use crate::format::sig;
use crate::i18n::{pick, Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::widgets::common::{actions_view, notices_view, worker_widget, WorkerWidget};
use crate::widgets::controls::{SeedControl, Slider};

/// Bytes of one 8×8 RGBA digit.
const DIGIT_BYTES: u32 = 8 * 8 * 4;

#[component]
pub fn DigitMixing(id: String, defaults: DigitMixingParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let WorkerWidget { params, notices, invalid, runner } =
        worker_widget::<_, AugmentWorker>(&id, &defaults, locked, DigitMixingParams::validate, |p| (Job::Mix(p), None));
    // The crate's rule text is the developer's English; the reader gets it in the page's language.
    let problem = Memo::new(move |_| invalid.get().map(|raw| params.with(|p| problem_text(p, l()).unwrap_or(raw))));
    let random_pair = move |_| {
        let pick_index = || (js_sys::Math::random() * DIGIT_COUNT as f64) as usize % DIGIT_COUNT;
        params.update(|p| {
            p.a = pick_index();
            p.b = pick_index();
        });
    };
    let index_input = move |which: &'static str| {
        let value = move || params.with(|p| if which == "a" { p.a } else { p.b });
        view! {
            <label class="control">
                <span>{move || format!("{} {}", pick(l(), "digit image", "数字图像"), if which == "a" { "A" } else { "B" })}</span>
                <input type="number" min="0" max=DIGIT_COUNT - 1 step="1" prop:value=move || value().to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<usize>() {
                            params.update(|p| if which == "a" { p.a = v } else { p.b = v });
                        }
                    }/>
            </label>
        }
    };
    let group = format!("{id}-method");
    let method_radio = move |m: MixMethod, label: &'static str| {
        view! {
            <label class="radio">
                <input type="radio" name=group.clone() prop:checked=move || params.with(|p| p.method == m)
                    on:change=move |_| params.update(|p| p.method = m)/>
                {label}
            </label>
        }
    };

    view! {
        <section class="widget digit-mixing" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Mixup and CutMix on digits", "数字图像上的 mixup 与 CutMix"))}>
            <h3 class="widget-title">{move || pick(l(), "Playground: mixing two digits", "演示：混合两个数字")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to mix.", "先在上方提交你的猜测，再进行混合。")}</p> }>
                <div class="controls">
                    <fieldset class="control">
                        <legend>{move || pick(l(), "Method", "方法")}</legend>
                        {method_radio(MixMethod::Mixup, "mixup")}
                        {method_radio(MixMethod::Cutmix, "CutMix")}
                    </fieldset>
                    <Slider label=Signal::derive(move || "α".to_string()) value=Signal::derive(move || params.with(|p| p.alpha))
                        min=0.1 max=10.0 log=true display=|v: f64| sig(v, 2) on_input=move |v: f64| params.update(|p| p.alpha = (v * 100.0).round() / 100.0)/>
                    {index_input("a")}
                    {index_input("b")}
                    <div class="control"><button class="button" on:click=random_pair>{move || pick(l(), "Random pair", "随机一对")}</button></div>
                    <Slider label=Signal::derive(move || pick(l(), "batch size", "批大小").to_string()) value=Signal::derive(move || params.with(|p| p.batch as f64))
                        min=2.0 max=16.0 step=1.0 integer=true display=|v: f64| format!("{v:.0}") on_input=move |v: f64| params.update(|p| p.batch = v as u32)/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                {status_view(problem, runner)}
                {move || runner.output.get().and_then(|(out, pixels)| match (out, pixels) {
                    (Output::Mix(m), Some(px)) => Some(mix_view(m, px, l())),
                    _ => None,
                })}
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn digit(pixels: &Uint8Array, sample: usize, which: u32, label: String) -> impl IntoView {
    let offset = (sample as u32 * 3 + which) * DIGIT_BYTES;
    pixel_canvas(PixelView { buffer: pixels.clone(), offset, width: 8, height: 8 }, label, "digit-canvas")
}

fn label_bars(s: &MixSample, lang: Language) -> impl IntoView {
    let bars = s
        .label
        .iter()
        .enumerate()
        .map(|(class, &w)| {
            let pct = format!("{:.0}%", w * 100.0);
            view! {
                <div class="label-bar">
                    <span class="label-class">{class}</span>
                    <span class="bar-track"><span class="bar-fill" style=format!("width: {:.1}%", w * 100.0)></span></span>
                    <span class="label-value">{if w > 0.0 { sig(w, 3) } else { "0".into() }}</span>
                    <span class="sr-only">{pct}</span>
                </div>
            }
        })
        .collect_view();
    view! { <div class="label-bars" role="group" aria-label=pick(lang, "mixed label over the 10 classes", "10 个类别上的混合标签")>{bars}</div> }
}

/// Why `p` cannot be mixed, for the reader (`DigitMixingParams::validate` has the same rules).
fn problem_text(p: &DigitMixingParams, lang: Language) -> Option<String> {
    let last = DIGIT_COUNT - 1;
    if let Some((name, i)) = [("A", p.a), ("B", p.b)].into_iter().find(|(_, i)| *i >= DIGIT_COUNT) {
        return Some(match lang {
            Language::En => format!("Digit image {name} must be a number from 0 to {last} (the digits set has {DIGIT_COUNT} images), not {i}."),
            Language::Zh => format!("数字图像 {name} 的编号须在 0 到 {last} 之间（数据集共 {DIGIT_COUNT} 张图），不能是 {i}。"),
        });
    }
    if !(p.alpha.is_finite() && p.alpha > 0.0) {
        return Some(pick(lang, "α must be a positive number.", "α 必须是正数。").to_string());
    }
    if !(2..=16).contains(&p.batch) {
        return Some(pick(lang, "The batch must hold 2 to 16 images.", "批大小须在 2 到 16 之间。").to_string());
    }
    None
}

fn pair_text(s: &MixSample, lang: Language) -> String {
    let cut = s.cut_box.map(|b| (b.x2 - b.x1) * (b.y2 - b.y1));
    if s.label_a == s.label_b {
        // Both weights land on one class: the mixed label is that class with weight 1, whatever λ.
        return match lang {
            Language::En => format!(
                "λ = {} drawn from Beta(α, α), but A and B are both class {}: the weights λ and 1 − λ add up on it, so the label stays class {} with weight 1.",
                sig(s.lam, 3), s.label_a, s.label_a
            ),
            Language::Zh => format!(
                "从 Beta(α, α) 抽到 λ = {}，但 A 和 B 都是类别 {}：λ 与 1 − λ 两份权重加在同一个类别上，标签仍是类别 {}，权重为 1。",
                sig(s.lam, 3), s.label_a, s.label_a
            ),
        };
    }
    match (lang, cut) {
        (Language::En, None) => format!(
            "λ = {} drawn from Beta(α, α). The image is λ·A + (1 − λ)·B, and so is the label: {} of class {} and {} of class {}.",
            sig(s.lam, 3), sig(s.lam_used, 3), s.label_a, sig(1.0 - s.lam_used, 3), s.label_b
        ),
        (Language::Zh, None) => format!(
            "从 Beta(α, α) 抽到 λ = {}。图像是 λ·A + (1 − λ)·B，标签也一样：类别 {} 占 {}，类别 {} 占 {}。",
            sig(s.lam, 3), s.label_a, sig(s.lam_used, 3), s.label_b, sig(1.0 - s.lam_used, 3)
        ),
        (Language::En, Some(area)) => format!(
            "λ = {} drawn from Beta(α, α); a box of {area} of the 64 pixels was pasted from B, so the label weight of A is 1 − {area}/64 = {} (class {}) and of B {} (class {}).",
            sig(s.lam, 3), sig(s.lam_used, 3), s.label_a, sig(1.0 - s.lam_used, 3), s.label_b
        ),
        (Language::Zh, Some(area)) => format!(
            "从 Beta(α, α) 抽到 λ = {}；从 B 贴入的方框占 64 个像素中的 {area} 个，所以 A（类别 {}）的标签权重是 1 − {area}/64 = {}，B（类别 {}）是 {}。",
            sig(s.lam, 3), s.label_a, sig(s.lam_used, 3), s.label_b, sig(1.0 - s.lam_used, 3)
        ),
    }
}

fn mix_view(m: MixOutput, pixels: Uint8Array, lang: Language) -> impl IntoView {
    let p = &m.pair;
    let pair = view! {
        <div class="mix-pair">
            <figure>{digit(&pixels, 0, 0, format!("A: {} {}", pick(lang, "digit", "数字"), p.label_a))}<figcaption>{format!("A · {}", p.label_a)}</figcaption></figure>
            <figure>{digit(&pixels, 0, 1, format!("B: {} {}", pick(lang, "digit", "数字"), p.label_b))}<figcaption>{format!("B · {}", p.label_b)}</figcaption></figure>
            <figure>{digit(&pixels, 0, 2, pair_text(p, lang))}<figcaption>{pick(lang, "mixed", "混合")}</figcaption></figure>
            {label_bars(p, lang)}
        </div>
        <p class="readout" aria-live="polite">{pair_text(p, lang)}</p>
    };
    let batch = m
        .batch
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let (wa, wb) = (sig(s.lam_used, 2), sig(1.0 - s.lam_used, 2));
            if s.label_a == s.label_b {
                // Same class twice: one weight of 1, not "0: 0.6" above "0: 0.4".
                let text = format!("{} 1", s.label_a);
                return view! { <figure>{digit(&pixels, k + 1, 2, text)}<figcaption>{format!("{}: 1", s.label_a)}</figcaption></figure> }.into_any();
            }
            let text = format!("{} {wa} · {} {wb}", s.label_a, s.label_b);
            view! { <figure>{digit(&pixels, k + 1, 2, text)}<figcaption>{format!("{}: {wa}", s.label_a)}<br/>{format!("{}: {wb}", s.label_b)}</figcaption></figure> }.into_any()
        })
        .collect_view();
    let rows = m
        .batch
        .iter()
        .enumerate()
        .map(|(k, s)| view! { <tr><td>{k + 1}</td><td>{s.a}" ("{s.label_a}")"</td><td>{s.b}" ("{s.label_b}")"</td><td>{sig(s.lam, 3)}</td><td>{sig(s.lam_used, 3)}</td></tr> })
        .collect_view();
    view! {
        {pair}
        <h4 class="batch-title">{match lang {
            Language::En => format!("A batch of {}: one λ = {}, each image mixed with the one before it", m.batch.len(), m.batch.first().map(|s| sig(s.lam, 3)).unwrap_or_default()),
            Language::Zh => format!("一个大小为 {} 的批次：共用一个 λ = {}，每张图与前一张混合", m.batch.len(), m.batch.first().map(|s| sig(s.lam, 3)).unwrap_or_default()),
        }}</h4>
        <div class="mix-batch">{batch}</div>
        <details class="data-table">
            <summary>{lang.strings().data_table}</summary>
            <table>
                <thead><tr><th scope="col">"#"</th><th scope="col">"A"</th><th scope="col">"B"</th><th scope="col">"λ"</th><th scope="col">{pick(lang, "label weight of A", "A 的标签权重")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
