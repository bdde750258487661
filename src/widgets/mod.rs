//! Live widgets embedded in lessons, one file per widget, with the shared pieces: charts, controls,
//! URL state and the job runner that keeps heavy work in a Web Worker.

pub mod augment;
pub mod box_averaging;
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

use leptos::prelude::*;

use crate::course::{Widget, WidgetSpec};

/// The component for a widget block.
pub fn render(spec: WidgetSpec) -> AnyView {
    render_locked(spec, Signal::derive(|| false))
}

/// Like [`render`], but shows only a placeholder while `locked` is true (predict-then-reveal).
pub fn render_locked(spec: WidgetSpec, locked: Signal<bool>) -> AnyView {
    match spec.widget {
        Widget::MeanEstimation(p) => view! { <mean_estimation::MeanEstimation id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::BoxAveraging(p) => view! { <box_averaging::BoxAveraging id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::FitLab(p) => view! { <fit_lab::FitLab id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::DataConstrained(p) => view! { <data_constrained::DataConstrained id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::InferencePlanner(p) => view! { <inference_planner::InferencePlanner id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::PresetCompare(p) => view! { <preset_compare::PresetCompare id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::LawExplorer(p) => view! { <law_explorer::LawExplorer id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::ComputePlanner(p) => view! { <compute_planner::ComputePlanner id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::ImagePlayground(p) => view! { <augment::image_playground::ImagePlayground id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::DigitMixing(p) => view! { <augment::digit_mixing::DigitMixing id=spec.id defaults=p locked=locked/> }.into_any(),
        Widget::TextPlayground(p) => view! { <augment::text_playground::TextPlayground id=spec.id defaults=p locked=locked/> }.into_any(),
    }
}
