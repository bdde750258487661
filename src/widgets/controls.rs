//! Form controls for widget parameters: labelled sliders (linear or logarithmic) that show their value,
//! and a seed field with a "new seed" button.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A slider for a value in `[min, max]`; with `log`, the thumb moves in log10 of the value (for
/// quantities spanning decades, such as n). `on_input` receives the (rounded, if `integer`) value.
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
) -> impl IntoView {
    let id = format!("s{}", js_sys::Math::random().to_bits());
    let (lo, hi) = if log { (min.log10(), max.log10()) } else { (min, max) };
    let step = if log { (hi - lo) / 200.0 } else { step.unwrap_or((max - min) / 100.0) };
    let to_pos = move |v: f64| if log { v.max(min).log10() } else { v };
    let from_pos = move |p: f64| {
        // Float steps may stop the thumb a hair short of either end: snap to the ends.
        let p = if p >= hi - step / 2.0 { hi } else if p <= lo + step / 2.0 { lo } else { p };
        let v = if log { 10f64.powf(p) } else { p };
        let v = v.clamp(min, max);
        if integer {
            v.round()
        } else {
            v
        }
    };
    let on = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Ok(p) = input.value().parse::<f64>() {
            on_input.run(from_pos(p));
        }
    };
    view! {
        <div class="control">
            <label for=id.clone()>
                <span>{move || label.get()}</span>
                <output for=id.clone()>{move || display.run(value.get())}</output>
            </label>
            <input
                id=id
                type="range"
                min=lo
                max=hi
                step=step
                prop:value=move || to_pos(value.get()).to_string()
                aria-valuetext=move || display.run(value.get())
                disabled=move || disabled.get()
                on:input=on
            />
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
