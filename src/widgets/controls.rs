//! Form controls for widget parameters: labelled sliders (linear or logarithmic) that show their value,
//! and a seed field with a "new seed" button.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Positions of a slider without an explicit step (every logarithmic one).
const POSITIONS: u32 = 200;

/// A slider for a value in `[min, max]`; with `log`, the thumb moves in log10 of the value (for
/// quantities spanning decades, such as n). `on_input` receives the (rounded, if `integer`) value.
/// `hint`, when given and not empty, is a line under the slider that the input is described by (its
/// bound and why, for example).
///
/// The input itself counts whole positions `0..=steps` (`step` apart for a linear slider with a
/// `step`, else [`POSITIONS`] of them, evenly spaced in the value or its log10): a float step such as
/// (log10 max − log10 min)/200 can leave the browser's last valid position one step short of `max`,
/// which is how a slider to 2000 used to stop at 1948.
///
/// The value the slider starts with (a widget's default, or a link's value) is rarely one of those
/// positions (5.76×10²³ on a log slider lies between 5.62×10²³ and 5.75×10²³), so the position
/// nearest it stands for that value exactly: moving away and back restores the starting value
/// instead of a neighbour of it.
#[component]
pub fn Slider(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<f64>,
    min: f64,
    max: f64,
    #[prop(optional)] step: Option<f64>,
    #[prop(optional)] log: bool,
    #[prop(optional)] integer: bool,
    #[prop(into)] display: Callback<f64, String>,
    #[prop(into)] on_input: Callback<f64>,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    /// The label as trusted HTML (symbols with `<sub>`/`<sup>`), shown instead of `label`.
    #[prop(into, optional)]
    label_html: Option<Signal<String>>,
) -> impl IntoView {
    let id = format!("s{}", js_sys::Math::random().to_bits());
    let (lo, hi) = if log { (min.log10(), max.log10()) } else { (min, max) };
    let linear_step = step.filter(|s| !log && *s > 0.0);
    let steps = match linear_step {
        // A whole number of steps; the slack keeps 0.5/0.01 from losing its last step to round-off.
        Some(s) => (((hi - lo) / s + 1e-9).floor() as u32).max(1),
        None => POSITIONS,
    };
    let to_pos = move |v: f64| {
        let x = if log { v.max(min).log10() } else { v };
        match linear_step {
            Some(s) => (x - lo) / s,
            None => (x - lo) / (hi - lo) * steps as f64,
        }
    };
    // The starting value and the position that stands for it (None if it is outside [min, max]).
    let start = value.get_untracked();
    let start_pos = (start.is_finite() && start >= min && start <= max).then(|| to_pos(start).round().clamp(0.0, steps as f64));
    let from_pos = move |p: f64| {
        let k = p.round().clamp(0.0, steps as f64);
        let v = if start_pos == Some(k) {
            start
        } else if k == steps as f64 && linear_step.is_none_or(|s| (lo + k * s - hi).abs() < s / 2.0) {
            // The last position is the maximum exactly, not a float near it.
            max
        } else {
            let x = match linear_step {
                Some(s) => lo + k * s,
                None => lo + k / steps as f64 * (hi - lo),
            };
            if log { 10f64.powf(x) } else { x }
        };
        let v = v.clamp(min, max);
        if integer {
            v.round()
        } else {
            v
        }
    };
    let on = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Some(p) = crate::format::parse_f64(&input.value()) {
            on_input.run(from_pos(p));
        }
    };
    let hint_id = format!("{id}-hint");
    let hint_text = move || hint.map(|h| h.get()).filter(|h| !h.is_empty());
    view! {
        <div class="control">
            <label for=id.clone()>
                {match label_html {
                    Some(html) => view! { <span inner_html=move || html.get()></span> }.into_any(),
                    None => view! { <span>{move || label.get()}</span> }.into_any(),
                }}
                <output for=id.clone()>{move || display.run(value.get())}</output>
            </label>
            <input
                id=id
                type="range"
                min="0"
                max=steps
                step="1"
                prop:value=move || to_pos(value.get()).to_string()
                aria-valuetext=move || display.run(value.get())
                aria-describedby={let h = hint_id.clone(); move || hint_text().map(|_| h.clone())}
                disabled=move || disabled.get()
                on:input=on
            />
            {move || hint_text().map(|t| view! { <p class="hint" id=hint_id.clone()>{t}</p> })}
        </div>
    }
}

/// The RNG seed: a number field and a button drawing a new one.
#[component]
pub fn SeedControl(#[prop(into)] label: Signal<String>, #[prop(into)] new_label: Signal<String>, #[prop(into)] value: Signal<u64>, #[prop(into)] on_change: Callback<u64>) -> impl IntoView {
    let id = format!("seed{}", js_sys::Math::random().to_bits());
    view! {
        <div class="control seed">
            <label for=id.clone()><span>{move || label.get()}</span></label>
            <div class="answer-row">
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    prop:value=move || value.get().to_string()
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        match input.value().trim().parse::<u64>() {
                            Ok(v) => on_change.run(v),
                            Err(_) => input.set_value(&value.get_untracked().to_string()),
                        }
                    }
                />
                <button class="button" on:click=move |_| on_change.run((js_sys::Math::random() * 1e9) as u64)>{move || new_label.get()}</button>
            </div>
        </div>
    }
}

/// A file picker in the page's language: the browser's own `<input type=file>` writes "Choose File No
/// file chosen" in the browser's language and truncates it, so the input is visually hidden (still
/// focusable, and opened by Enter/Space) and labelled by a button-styled `<label>`; the chosen file's
/// name, or `none`, is shown next to it and describes the input. The same pattern as the fit lab's
/// CSV picker.
#[component]
pub fn FilePicker(
    id: String,
    /// The button's text, which is also the input's accessible name.
    #[prop(into)]
    button: Signal<String>,
    /// The name of the file in use, if any.
    #[prop(into)]
    chosen: Signal<Option<String>>,
    /// Shown when no file is chosen ("No file chosen").
    #[prop(into)]
    none: Signal<String>,
    accept: &'static str,
    #[prop(into)] on_change: Callback<leptos::ev::Event>,
) -> impl IntoView {
    let name_id = format!("{id}-name");
    view! {
        <span class="file-picker">
            <input id=id.clone() type="file" accept=accept aria-describedby=name_id.clone() on:change=move |ev| on_change.run(ev)
                style="position:absolute;width:1px;height:1px;opacity:0"/>
            <label for=id class="button">{move || button.get()}</label>
            <span class="file-name" id=name_id>{move || chosen.get().unwrap_or_else(|| none.get())}</span>
        </span>
    }
}
