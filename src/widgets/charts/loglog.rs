//! A log–log chart of one or more series (markers or lines) with a legend and power-of-ten tick labels.

use leptos::prelude::*;
use plotters::coord::combinators::{LogCoord, WithKeyPoints};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::frame::ChartCanvas;
use crate::format::log_tick;
use crate::legend::{least_covered_corner, Corner};
use crate::ticks::log_axis_ticks;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SeriesKind {
    Markers,
    Line,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    pub kind: SeriesKind,
    /// Index into the theme palette (0 accent, 1 contrast, 2 muted).
    pub color: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogLogSpec {
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
}

pub(super) struct Palette {
    pub(super) bg: RGBColor,
    pub(super) fg: RGBColor,
    pub(super) grid: RGBColor,
    pub(super) series: [RGBColor; 3],
}

pub(super) fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            bg: RGBColor(0x1a, 0x1e, 0x23),
            fg: RGBColor(0xe6, 0xe8, 0xeb),
            grid: RGBColor(0x34, 0x3a, 0x42),
            series: [RGBColor(0x7f, 0xb2, 0xef), RGBColor(0xfb, 0x9a, 0x5b), RGBColor(0xaa, 0xb2, 0xbd)],
        }
    } else {
        Palette {
            bg: RGBColor(0xff, 0xff, 0xff),
            fg: RGBColor(0x1d, 0x21, 0x26),
            grid: RGBColor(0xe4, 0xe6, 0xe1),
            series: [RGBColor(0x1f, 0x5f, 0xa8), RGBColor(0xc2, 0x41, 0x0c), RGBColor(0x5b, 0x64, 0x70)],
        }
    }
}

/// Range covering all positive values, widened to whole decades when it spans less than one.
pub(super) fn log_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return None;
    }
    let (l, h) = (lo.log10(), hi.log10());
    let pad = ((h - l) * 0.06).max(0.05);
    Some((10f64.powf(l - pad), 10f64.powf(h + pad)))
}

/// A log axis over `[lo, hi]` with `ticks::log_axis_ticks`' labelled and grid points.
pub(super) fn log_axis(lo: f64, hi: f64) -> WithKeyPoints<LogCoord<f64>> {
    let (key, light) = log_axis_ticks(lo, hi);
    (lo..hi).log_scale().with_key_points(key).with_light_points(light)
}

/// Draw `spec` on `canvas` sized to its CSS box times the device pixel ratio.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, spec: &LogLogSpec, dark: bool) -> Result<(), String> {
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
    let (cw, ch) = (canvas.client_width().max(1) as f64, canvas.client_height().max(1) as f64);
    canvas.set_width((cw * dpr).round() as u32);
    canvas.set_height((ch * dpr).round() as u32);
    let px = |v: f64| (v * dpr).round() as i32;
    let pal = palette(dark);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&pal.bg).map_err(|e| e.to_string())?;
    let all = spec.series.iter().flat_map(|s| s.points.iter());
    let xs = log_range(all.clone().map(|p| p.0));
    let ys = log_range(all.map(|p| p.1));
    let (Some((x0, x1)), Some((y0, y1))) = (xs, ys) else { return Ok(()) };
    let font = |size: f64| ("sans-serif", px(size)).into_font().color(&pal.fg);
    let narrow = cw < 480.0;
    let (plot, legend) = plot_and_legend(&root, spec, &pal, dpr, narrow, Corner::LowerLeft)?;
    let mut chart = ChartBuilder::on(&plot)
        .margin(px(10.0))
        .x_label_area_size(px(if narrow { 38.0 } else { 44.0 }))
        .y_label_area_size(px(if narrow { 52.0 } else { 62.0 }))
        .build_cartesian_2d(log_axis(x0, x1), log_axis(y0, y1))
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .x_label_formatter(&|v| log_tick(*v))
        .y_label_formatter(&|v| log_tick(*v))
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(pal.grid.mix(0.5))
        .bold_line_style(pal.grid)
        .axis_style(pal.fg.mix(0.6))
        .draw()
        .map_err(|e| e.to_string())?;
    // Learning curves fall from upper left to lower right: the lower-left corner is where they are not.
    draw_series(&mut chart, spec, &pal, dpr, |x, y| x > 0.0 && y > 0.0, legend)?;
    root.present().map_err(|e| e.to_string())
}

/// Where the legend goes: on a narrow canvas with several series, a strip above the plot (a legend
/// inside a phone-sized plot covers its data), else inside the plot (`preferred` corner, moved to hide
/// fewer points). Returns the plot's area and, for the second case, the corner to pass `draw_series`.
pub(super) fn plot_and_legend(
    root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    spec: &LogLogSpec,
    pal: &Palette,
    dpr: f64,
    narrow: bool,
    preferred: Corner,
) -> Result<(DrawingArea<CanvasBackend, plotters::coord::Shift>, Option<Corner>), String> {
    if !narrow || spec.series.len() < 2 {
        return Ok((root.clone(), Some(preferred)));
    }
    let px = |v: f64| (v * dpr).round() as i32;
    let (w, h) = root.dim_in_pixel();
    // At most about a third of the height for the legend: more columns, with labels cut to fit.
    let n = spec.series.len();
    let rows_max = ((h as f64 / dpr * 0.32 / 18.0).floor() as usize).max(2);
    let widest = spec.series.iter().map(|s| label_width(&s.label)).fold(0.0, f64::max);
    let mut cols = if widest + 40.0 < w as f64 / dpr / 2.0 { 2 } else { 1 };
    cols = cols.max(n.div_ceil(rows_max)).min(3);
    let rows = n.div_ceil(cols);
    let col_w = w as f64 / dpr / cols as f64;
    let (strip, plot) = root.split_vertically(px(8.0 + rows as f64 * 18.0));
    let r = px(3.5);
    let font = ("sans-serif", px(12.0)).into_font().color(&pal.fg);
    for (i, s) in spec.series.iter().enumerate() {
        let x = px((i % cols) as f64 * col_w + 10.0);
        let y = px(8.0 + (i / cols) as f64 * 18.0 + 9.0);
        strip.draw(&legend_mark(s.kind, (x, y), r, series_style(s, pal, dpr))).map_err(|e| e.to_string())?;
        let label = cut_to_width(&s.label, col_w - 36.0);
        strip.draw(&Text::new(label, (x + r * 3 + px(6.0), y - px(7.0)), font.clone())).map_err(|e| e.to_string())?;
    }
    Ok((plot, None))
}

/// Estimated width in CSS pixels of `text` in the 12-px legend font (CJK characters are about square).
fn label_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> f64 {
    if c as u32 >= 0x2E80 { 12.0 } else { 6.8 }
}

/// A series' stroke and fill: its theme colour, 2 device-independent pixels wide.
fn series_style(s: &Series, pal: &Palette, dpr: f64) -> ShapeStyle {
    ShapeStyle { color: pal.series[s.color % 3].to_rgba(), filled: true, stroke_width: ((2.0 * dpr).round() as u32).max(1) }
}

/// A series' sample in a legend, at `(x, y)`: a marker of radius `r`, or a short line.
fn legend_mark(kind: SeriesKind, (x, y): (i32, i32), r: i32, style: ShapeStyle) -> DynElement<'static, CanvasBackend, (i32, i32)> {
    match kind {
        SeriesKind::Markers => Circle::new((x + r + r / 2, y), r, style).into_dyn(),
        SeriesKind::Line => PathElement::new(vec![(x, y), (x + r * 3, y)], style).into_dyn(),
    }
}

/// `text`, cut with "…" to fit `width` CSS pixels (the full labels are in the chart's data table).
fn cut_to_width(text: &str, width: f64) -> String {
    if label_width(text) <= width {
        return text.to_string();
    }
    let (mut out, mut used) = (String::new(), 0.0);
    for c in text.chars() {
        used += char_width(c);
        if used + 7.0 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Draws every series of `spec` (markers or lines, theme colours, sizes in device pixels) and, when
/// `legend` names a corner, their legend inside the plot. Points failing `keep` (e.g. non-positive
/// values on a log axis) are skipped.
/// Shared by the log–log and log-x charts.
pub(super) fn draw_series<X, Y>(
    chart: &mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>,
    spec: &LogLogSpec,
    pal: &Palette,
    dpr: f64,
    keep: fn(f64, f64) -> bool,
    legend: Option<Corner>,
) -> Result<(), String>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let px = |v: f64| (v * dpr).round() as i32;
    let r = px(3.5);
    for s in &spec.series {
        let style = series_style(s, pal, dpr);
        let pts: Vec<(f64, f64)> = s.points.iter().copied().filter(|&(x, y)| keep(x, y)).collect();
        let anno = match s.kind {
            SeriesKind::Markers => chart
                .draw_series(pts.iter().map(|&p| Circle::new(p, r, style)))
                .map_err(|e| e.to_string())?,
            SeriesKind::Line => chart.draw_series(LineSeries::new(pts, style)).map_err(|e| e.to_string())?,
        };
        let kind = s.kind;
        anno.label(s.label.as_str()).legend(move |at| legend_mark(kind, at, r, style));
    }
    let Some(preferred) = legend else { return Ok(()) };
    // The legend box, estimated from its labels (12-px text, a marker, padding), goes where it hides
    // the fewest points.
    let widest = spec.series.iter().map(|s| label_width(&s.label)).fold(0.0, f64::max);
    let size = (px(widest + 44.0), px(spec.series.len() as f64 * 19.0 + 14.0));
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let points: Vec<(i32, i32)> = spec
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied().filter(|&(x, y)| keep(x, y)))
        .map(|p| chart.backend_coord(&p))
        .collect();
    let legend = match least_covered_corner(&points, ((xs.start, ys.start), (xs.end, ys.end)), size, preferred) {
        Corner::UpperLeft => SeriesLabelPosition::UpperLeft,
        Corner::UpperRight => SeriesLabelPosition::UpperRight,
        Corner::LowerLeft => SeriesLabelPosition::LowerLeft,
        Corner::LowerRight => SeriesLabelPosition::LowerRight,
    };
    chart
        .configure_series_labels()
        .position(legend)
        .background_style(pal.bg.mix(0.85))
        .border_style(pal.grid)
        .label_font(("sans-serif", px(12.0)).into_font().color(&pal.fg))
        .legend_area_size(px(26.0))
        .draw()
        .map_err(|e| e.to_string())
}

/// A log–log chart bound to `spec` (see [`ChartCanvas`]). `label` is the canvas's accessible name; the
/// widget prints the numbers beside it.
#[component]
pub fn LogLogChart(spec: Signal<Option<LogLogSpec>>, label: Signal<String>) -> impl IntoView {
    view! { <ChartCanvas spec=spec label=label draw=draw/> }
}
