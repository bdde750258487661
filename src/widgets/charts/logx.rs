//! A chart with a logarithmic x axis and a linear y axis, for quantities that can be negative, such as
//! the residuals of a fit (observed − predicted loss, nats) against compute. Same series type, theme
//! palette, HiDPI sizing and once-per-frame redraws as the log–log chart.

use leptos::prelude::*;
use plotters::prelude::*;

use super::frame::ChartCanvas;
use super::loglog::{log_range, prepare, render, LegendPlace, LogAxis, LogLogSpec};
use crate::format::lin_tick;
use crate::legend::Corner;

/// Linear range covering all finite values with 8 % padding (a unit range around a single value).
fn lin_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return None;
    }
    let pad = if hi > lo { (hi - lo) * 0.08 } else { lo.abs().max(1e-3) * 0.5 };
    Some((lo - pad, hi + pad))
}

/// Draw `spec` (x > 0 on a log axis, y linear) on `canvas` sized to its CSS box times the device pixel
/// ratio; says where the legend went.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, spec: &LogLogSpec, dark: bool) -> Result<Option<LegendPlace>, String> {
    let (root, f) = prepare(canvas, dark)?;
    let all = spec.series.iter().flat_map(|s| s.points.iter());
    let xs = log_range(all.clone().map(|p| p.0));
    let ys = lin_range(all.filter(|p| p.0 > 0.0).map(|p| p.1));
    let (Some((x0, x1)), Some((y0, y1))) = (xs, ys) else { return Ok(None) };
    let f = &f;
    let x_axis = LogAxis::new(x0, x1);
    render(
        &root,
        f,
        spec,
        Corner::UpperRight,
        |x, y| x > 0.0 && y.is_finite(),
        |area| {
            f.builder(area)
                .build_cartesian_2d(x_axis.coord(), y0..y1)
                .map_err(|e| e.to_string())
        },
        |chart| {
            chart
                .configure_mesh()
                .x_desc(spec.x_label.as_str())
                .y_desc(spec.y_label.as_str())
                .x_labels(if f.narrow { 5 } else { 8 })
                .y_labels(if f.narrow { 5 } else { 7 })
                .x_label_formatter(&|v| x_axis.style.label(*v))
                .y_label_formatter(&|v| lin_tick(*v, y1 - y0))
                .label_style(f.font(12.0))
                .axis_desc_style(f.font(13.0))
                .light_line_style(f.pal.grid.mix(0.5))
                .bold_line_style(f.pal.grid)
                .axis_style(f.pal.fg.mix(0.6))
                .draw()
                .map_err(|e| e.to_string())
        },
    )
}

/// A chart with a log x and linear y axis bound to `spec` (see [`ChartCanvas`]). `label` is the canvas's
/// accessible name.
#[component]
pub fn LogXChart(spec: Signal<Option<LogLogSpec>>, label: Signal<String>) -> impl IntoView {
    view! { <ChartCanvas spec=spec label=label draw=draw/> }
}
