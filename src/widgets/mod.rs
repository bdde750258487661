//! Live widgets embedded in lessons, one file per widget, with the shared pieces: charts, controls,
//! URL state and the job runner that keeps heavy work in a Web Worker. Chapter 2's widgets are built
//! into the page; the others live in two separately loaded widget bundles (`remote`, `bundle`).

pub mod augment;
pub mod box_averaging;
pub mod bundle;
pub mod capacity;
pub mod charts;
pub mod common;
pub mod compute_planner;
pub mod controls;
pub mod fit_lab;
pub mod data_constrained;
pub mod inference_planner;
pub mod law_explorer;
pub mod mean_estimation;
pub mod preset_compare;
pub mod remote;
pub mod sim_widget;

use leptos::prelude::*;

use crate::course::{TypedWidgetSpec, Widget, WidgetSpec};

/// The component for a widget block.
pub fn render(spec: WidgetSpec) -> AnyView {
    render_locked(spec, Signal::derive(|| false))
}

/// Like [`render`], but shows only a placeholder while `locked` is true (predict-then-reveal).
/// Chapter 2's widgets are part of the page's module; the others come from a widget bundle.
pub fn render_locked(spec: WidgetSpec, locked: Signal<bool>) -> AnyView {
    match spec.widget.kind.as_str() {
        "mean-estimation" => match spec.widget.params() {
            Ok(p) => view! { <mean_estimation::MeanEstimation id=spec.id defaults=p locked=locked/> }.into_any(),
            Err(e) => unreadable(e),
        },
        "box-averaging" => match spec.widget.params() {
            Ok(p) => view! { <box_averaging::BoxAveraging id=spec.id defaults=p locked=locked/> }.into_any(),
            Err(e) => unreadable(e),
        },
        kind => match bundle_of(kind) {
            Some(bundle) => view! { <remote::RemoteWidget spec=spec bundle=bundle locked=locked/> }.into_any(),
            None => unreadable(format!("unknown widget kind {kind:?}")),
        },
    }
}

/// Which bundle carries a widget kind (`Widget::kind`); `None` for the widgets built into the page
/// (chapter 2's) and for unknown kinds.
pub fn bundle_of(kind: &str) -> Option<remote::Bundle> {
    use remote::Bundle::*;
    match kind {
        "capacity-sweep" | "fit-lab" | "data-constrained" | "inference-planner" | "preset-compare" | "law-explorer" | "compute-planner" => Some(Scaling),
        "image-playground" | "digit-mixing" | "text-playground" => Some(Augment),
        _ => None,
    }
}

/// A widget block this build cannot read: the compiled lessons and the app do not match.
fn unreadable(detail: String) -> AnyView {
    let lang = crate::shell::app::page_lang();
    view! {
        <div class="notice error" role="alert">
            <p>{move || crate::i18n::pick(lang.get(), "This widget could not be read. Reload the page; if it persists, please report it.", "无法读取这个组件。请刷新页面；如果仍然出现，请报告这个问题。")}</p>
            <p class="muted"><code>{detail}</code></p>
        </div>
    }
    .into_any()
}

/// The scaling-law widgets (chapters 3–5) and chapter 1's capacity sweep: rendered inside the
/// `scaling-widgets` bundle.
pub fn render_scaling(spec: TypedWidgetSpec, locked: Signal<bool>) -> AnyView {
    match spec.widget {
        Widget::CapacitySweep(p) => view! { <capacity::CapacitySweep id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::FitLab(p) => view! { <fit_lab::FitLab id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::DataConstrained(p) => view! { <data_constrained::DataConstrained id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::InferencePlanner(p) => view! { <inference_planner::InferencePlanner id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::PresetCompare(p) => view! { <preset_compare::PresetCompare id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::LawExplorer(p) => view! { <law_explorer::LawExplorer id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::ComputePlanner(p) => view! { <compute_planner::ComputePlanner id=spec.id defaults=p locked=locked/> }.into_any(),
        other => not_in_bundle(other),
    }
}

/// The augmentation playgrounds (chapters 6–8): rendered inside the `augment-widgets` bundle.
pub fn render_augment(spec: TypedWidgetSpec, locked: Signal<bool>) -> AnyView {
    match spec.widget {
        Widget::ImagePlayground(p) => view! { <augment::image_playground::ImagePlayground id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::DigitMixing(p) => view! { <augment::digit_mixing::DigitMixing id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::TextPlayground(p) => view! { <augment::text_playground::TextPlayground id=spec.id defaults=p locked=locked/> }.into_any(),
        other => not_in_bundle(other),
    }
}

fn not_in_bundle(widget: Widget) -> AnyView {
    let message = format!("this module does not carry the widget {widget:?}");
    view! { <p class="notice error" role="alert">{message}</p> }.into_any()
}
