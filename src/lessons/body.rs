//! Renders a compiled chapter body: trusted HTML from the lesson compiler interleaved with live
//! widgets and exercises.

use leptos::prelude::*;

use crate::course::{Chapter, Segment};

pub fn render(chapter: &Chapter) -> impl IntoView {
    chapter
        .body
        .iter()
        .map(|segment| match segment {
            Segment::Html(html) => view! { <div class="md" inner_html=html.clone()></div> }.into_any(),
            Segment::Widget(spec) => crate::widgets::render(spec.clone()).into_any(),
            Segment::Exercise(spec) => crate::exercises::render(chapter.slug.clone(), spec.clone()).into_any(),
        })
        .collect_view()
}
