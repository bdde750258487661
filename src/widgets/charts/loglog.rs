//! A log–log chart of one or more series (markers or lines) with a legend and power-of-ten tick labels.

use leptos::prelude::*;
use plotters::coord::combinators::{LogCoord, WithKeyPoints};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;

use super::frame::ChartCanvas;
use crate::legend::{corner_box, free_corner, Corner, Rect, Shape};
use crate::ticks::{log_axis_ticks, TickStyle};

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
    /// Index into the theme palette (0 accent, 1 contrast, 2 muted, 3 ink: the text colour).
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
    pub(super) series: [RGBColor; 4],
}

pub(super) fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            bg: RGBColor(0x1a, 0x1e, 0x23),
            fg: RGBColor(0xe6, 0xe8, 0xeb),
            grid: RGBColor(0x34, 0x3a, 0x42),
            series: [RGBColor(0x7f, 0xb2, 0xef), RGBColor(0xfb, 0x9a, 0x5b), RGBColor(0xaa, 0xb2, 0xbd), RGBColor(0xe6, 0xe8, 0xeb)],
        }
    } else {
        Palette {
            bg: RGBColor(0xff, 0xff, 0xff),
            fg: RGBColor(0x1d, 0x21, 0x26),
            grid: RGBColor(0xe4, 0xe6, 0xe1),
            series: [RGBColor(0x1f, 0x5f, 0xa8), RGBColor(0xc2, 0x41, 0x0c), RGBColor(0x5b, 0x64, 0x70), RGBColor(0x1d, 0x21, 0x26)],
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

/// A log axis over `[lo, hi]`: `ticks::log_axis_ticks`' labelled and grid points, computed once per
/// draw, and the one style its labels are written in.
pub(super) struct LogAxis {
    range: (f64, f64),
    key: Vec<f64>,
    light: Vec<f64>,
    pub(super) style: TickStyle,
}

impl LogAxis {
    pub(super) fn new(lo: f64, hi: f64) -> LogAxis {
        let (key, light) = log_axis_ticks(lo, hi);
        LogAxis { range: (lo, hi), style: TickStyle::of(&key), key, light }
    }

    /// The axis as plotters takes it (once per layout the chart tries).
    pub(super) fn coord(&self) -> WithKeyPoints<LogCoord<f64>> {
        (self.range.0..self.range.1).log_scale().with_key_points(self.key.clone()).with_light_points(self.light.clone())
    }
}

/// Draw `spec` on `canvas` sized to its CSS box times the device pixel ratio; says where the legend went.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, spec: &LogLogSpec, dark: bool) -> Result<Option<LegendPlace>, String> {
    let (root, f) = prepare(canvas, dark)?;
    let all = spec.series.iter().flat_map(|s| s.points.iter());
    let xs = log_range(all.clone().map(|p| p.0));
    let ys = log_range(all.map(|p| p.1));
    let (Some((x0, x1)), Some((y0, y1))) = (xs, ys) else { return Ok(None) };
    let f = &f;
    let (x_axis, y_axis) = (LogAxis::new(x0, x1), LogAxis::new(y0, y1));
    // Learning curves fall from upper left to lower right: the lower-left corner is where they are not.
    render(
        &root,
        f,
        spec,
        Corner::LowerLeft,
        |x, y| x > 0.0 && y > 0.0,
        |area| {
            f.builder(area)
                .build_cartesian_2d(x_axis.coord(), y_axis.coord())
                .map_err(|e| e.to_string())
        },
        |chart| {
            chart
                .configure_mesh()
                .x_desc(spec.x_label.as_str())
                .y_desc(spec.y_label.as_str())
                .x_label_formatter(&|v| x_axis.style.label(*v))
                .y_label_formatter(&|v| y_axis.style.label(*v))
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

pub(super) type Area = DrawingArea<CanvasBackend, Shift>;

/// What one draw works with: the device pixel ratio, whether the canvas is phone-narrow, the palette.
pub(super) struct Frame {
    pub(super) dpr: f64,
    pub(super) narrow: bool,
    pub(super) pal: Palette,
}

impl Frame {
    /// CSS pixels to device pixels.
    pub(super) fn px(&self, v: f64) -> i32 {
        (v * self.dpr).round() as i32
    }

    /// A chart builder on `area` with the margin and axis-label room every chart uses.
    pub(super) fn builder<'a, 'b>(&self, area: &'a Area) -> ChartBuilder<'a, 'b, CanvasBackend> {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(self.px(10.0))
            .x_label_area_size(self.px(if self.narrow { 38.0 } else { 44.0 }))
            .y_label_area_size(self.px(if self.narrow { 52.0 } else { 62.0 }));
        builder
    }

    /// The chart's text at `size` CSS pixels in the theme's foreground colour.
    pub(super) fn font(&self, size: f64) -> TextStyle<'static> {
        ("sans-serif", self.px(size)).into_font().color(&self.pal.fg)
    }
}

/// Sizes `canvas`' backing store to its CSS box times the device pixel ratio (crisp on HiDPI screens)
/// and fills it with the theme's background.
pub(super) fn prepare(canvas: &web_sys::HtmlCanvasElement, dark: bool) -> Result<(Area, Frame), String> {
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
    let (cw, ch) = (canvas.client_width().max(1) as f64, canvas.client_height().max(1) as f64);
    canvas.set_width((cw * dpr).round() as u32);
    canvas.set_height((ch * dpr).round() as u32);
    let frame = Frame { dpr, narrow: cw < 480.0, pal: palette(dark) };
    let root = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?.into_drawing_area();
    root.fill(&frame.pal.bg).map_err(|e| e.to_string())?;
    Ok((root, frame))
}

/// Where a draw put the legend, in the canvas's device pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendPlace {
    /// A box inside the plot, in a corner where it covers no series.
    Inside(Rect),
    /// A strip below the plot: on a phone with several series, or when every corner holds data.
    Below(Rect),
}

/// The part both chart kinds share: builds the axes with `build` and the grid and tick labels with
/// `mesh`, puts the legend in a corner of the plot where it covers none of the series (the lines
/// between their points included), else rebuilds the chart above a legend strip; then draws the
/// series. The legend is drawn before the series, so that were it ever misplaced, the data would
/// show over it rather than be hidden.
pub(super) fn render<X, Y>(
    root: &Area,
    f: &Frame,
    spec: &LogLogSpec,
    preferred: Corner,
    keep: fn(f64, f64) -> bool,
    build: impl for<'a> Fn(&'a Area) -> Result<ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, String>,
    mesh: impl Fn(&mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>) -> Result<(), String>,
) -> Result<Option<LegendPlace>, String>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    if !(f.narrow && spec.series.len() > 1) {
        let mut chart = build(root)?;
        let size = legend_size(root, spec, f)?;
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let area = ((xs.start, ys.start), (xs.end, ys.end));
        let inset = f.px(6.0);
        if let Some(corner) = free_corner(&plotted_shapes(&chart, spec, f, keep), area, size, inset, preferred) {
            let rect = corner_box(area, size, corner, inset);
            mesh(&mut chart)?;
            draw_legend_box(root, spec, f, rect)?;
            draw_series(&mut chart, spec, f, keep)?;
            root.present().map_err(|e| e.to_string())?;
            return Ok(Some(LegendPlace::Inside(rect)));
        }
    }
    let (plot, strip, cols) = split_for_strip(root, spec, f);
    let mut chart = build(&plot)?;
    mesh(&mut chart)?;
    let rect = draw_legend_strip(&strip, spec, f, cols)?;
    draw_series(&mut chart, spec, f, keep)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(Some(LegendPlace::Below(rect)))
}

/// The legend's padding, sample column and row height, in CSS pixels.
const LEGEND_PAD: f64 = 8.0;
const LEGEND_MARK: f64 = 24.0;
const LEGEND_ROW: f64 = 18.0;
/// Marker radius and line width, in CSS pixels.
const MARKER_R: f64 = 3.5;
const LINE_W: f64 = 2.0;

/// The legend box's size in device pixels, from its labels as the canvas measures them.
fn legend_size(root: &Area, spec: &LogLogSpec, f: &Frame) -> Result<(i32, i32), String> {
    let font = f.font(12.0);
    let mut widest = 0;
    for s in &spec.series {
        widest = widest.max(root.estimate_text_size(&s.label, &font).map_err(|e| e.to_string())?.0 as i32);
    }
    let rows = spec.series.len() as f64;
    Ok((f.px(2.0 * LEGEND_PAD + LEGEND_MARK) + widest, f.px(2.0 * LEGEND_PAD + rows * LEGEND_ROW)))
}

/// What the series will cover, in device pixels: each line's polyline (half its stroke plus a gap
/// either side) and each marker (its radius plus the gap).
fn plotted_shapes<X, Y>(chart: &ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>, spec: &LogLogSpec, f: &Frame, keep: fn(f64, f64) -> bool) -> Vec<Shape>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let gap = f.px(3.0);
    let mut shapes = Vec::new();
    for s in &spec.series {
        let pts = s.points.iter().filter(|&&(x, y)| keep(x, y)).map(|p| chart.backend_coord(p));
        match s.kind {
            SeriesKind::Markers => shapes.extend(pts.map(|at| Shape::Dot { at, r: f.px(MARKER_R) + gap })),
            SeriesKind::Line => shapes.push(Shape::Line { points: pts.collect(), half_width: f.px(LINE_W / 2.0) + gap }),
        }
    }
    shapes
}

/// The legend inside the plot: a framed box at `rect` (the canvas's device pixels) with a sample and
/// a label per series.
fn draw_legend_box(root: &Area, spec: &LogLogSpec, f: &Frame, rect: Rect) -> Result<(), String> {
    let ((left, top), (right, bottom)) = rect;
    root.draw(&Rectangle::new([(left, top), (right, bottom)], f.pal.bg.filled())).map_err(|e| e.to_string())?;
    root.draw(&Rectangle::new([(left, top), (right, bottom)], f.pal.grid)).map_err(|e| e.to_string())?;
    let font = f.font(12.0).pos(Pos::new(HPos::Left, VPos::Center));
    let x = left + f.px(LEGEND_PAD);
    for (i, s) in spec.series.iter().enumerate() {
        let y = top + f.px(LEGEND_PAD + (i as f64 + 0.5) * LEGEND_ROW);
        root.draw(&legend_mark(s.kind, (x, y), f.px(MARKER_R), series_style(s, f))).map_err(|e| e.to_string())?;
        root.draw(&Text::new(s.label.as_str(), (x + f.px(LEGEND_MARK), y), font.clone())).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Columns and rows of the legend strip for a canvas `w` device pixels wide and `h` high: one or two
/// columns by label length, more (up to three, labels cut to fit) when the rows would take more than
/// about a third of the height.
fn strip_grid((w, h): (u32, u32), spec: &LogLogSpec, f: &Frame) -> (usize, usize) {
    let n = spec.series.len();
    let rows_max = ((h as f64 / f.dpr * 0.32 / LEGEND_ROW).floor() as usize).max(2);
    let widest = spec.series.iter().map(|s| label_width(&s.label)).fold(0.0, f64::max);
    let cols = if widest + 40.0 < w as f64 / f.dpr / 2.0 { 2 } else { 1 };
    let cols = cols.max(n.div_ceil(rows_max)).min(3);
    (cols, n.div_ceil(cols))
}

/// The plot above, the legend strip below (a legend inside a phone-sized plot covers its data), and
/// the strip's number of columns.
fn split_for_strip(root: &Area, spec: &LogLogSpec, f: &Frame) -> (Area, Area, usize) {
    let (w, h) = root.dim_in_pixel();
    let (cols, rows) = strip_grid((w, h), spec, f);
    let (plot, strip) = root.split_vertically(h as i32 - f.px(8.0 + rows as f64 * LEGEND_ROW));
    (plot, strip, cols)
}

/// The legend in the strip below the plot, in `cols` columns; returns the strip's rectangle in the
/// canvas's device pixels.
fn draw_legend_strip(strip: &Area, spec: &LogLogSpec, f: &Frame, cols: usize) -> Result<Rect, String> {
    let (w, h) = strip.dim_in_pixel();
    let (x0, y0) = strip.get_base_pixel();
    let col_w = w as f64 / f.dpr / cols as f64;
    let r = f.px(MARKER_R);
    let font = f.font(12.0).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, s) in spec.series.iter().enumerate() {
        let x = f.px((i % cols) as f64 * col_w + 10.0);
        let y = f.px(2.0 + (i / cols) as f64 * LEGEND_ROW + LEGEND_ROW / 2.0);
        strip.draw(&legend_mark(s.kind, (x, y), r, series_style(s, f))).map_err(|e| e.to_string())?;
        let label = cut_to_width(&s.label, col_w - 36.0);
        strip.draw(&Text::new(label, (x + r * 3 + f.px(6.0), y), font.clone())).map_err(|e| e.to_string())?;
    }
    Ok(((x0, y0), (x0 + w as i32, y0 + h as i32)))
}

/// Estimated width in CSS pixels of `text` in the 12-px legend font (CJK characters are about square).
fn label_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> f64 {
    if c as u32 >= 0x2E80 { 12.0 } else { 6.8 }
}

/// A series' stroke and fill: its theme colour, [`LINE_W`] CSS pixels wide.
fn series_style(s: &Series, f: &Frame) -> ShapeStyle {
    ShapeStyle { color: f.pal.series[s.color % f.pal.series.len()].to_rgba(), filled: true, stroke_width: f.px(LINE_W).max(1) as u32 }
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

/// Draws every series of `spec`: markers or lines, theme colours, sizes in device pixels. Points
/// failing `keep` (e.g. non-positive values on a log axis) are skipped.
fn draw_series<X, Y>(chart: &mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>, spec: &LogLogSpec, f: &Frame, keep: fn(f64, f64) -> bool) -> Result<(), String>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let r = f.px(MARKER_R);
    for s in &spec.series {
        let style = series_style(s, f);
        let pts = s.points.iter().copied().filter(|&(x, y)| keep(x, y));
        match s.kind {
            SeriesKind::Markers => chart.draw_series(pts.map(|p| Circle::new(p, r, style))).map(|_| ()),
            SeriesKind::Line => chart.draw_series(LineSeries::new(pts, style)).map(|_| ()),
        }
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A log–log chart bound to `spec` (see [`ChartCanvas`]). `label` is the canvas's accessible name; the
/// widget prints the numbers beside it.
#[component]
pub fn LogLogChart(spec: Signal<Option<LogLogSpec>>, label: Signal<String>) -> impl IntoView {
    view! { <ChartCanvas spec=spec label=label draw=draw/> }
}
