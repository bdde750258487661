//! DOM tests of components, run in headless Chromium by wasm-bindgen-test (`scripts/test.sh`).
//! They mount single components with the contexts the app provides and check what a reader sees.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use scaling_lab::i18n::Language;
use scaling_lab::shell::app::PageLang;
use scaling_lab::shell::theme::ThemeState;
use scaling_lab::state::schema::STORAGE_KEY;
use scaling_lab::state::store::{StorageStatus, Store};
use scaling_lab::widgets::charts::{LogLogChart, LogLogSpec, Series, SeriesKind};
use scaling_lab::widgets::controls::Slider;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn host() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    el.style().set_property("width", "640px").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn chart_draws_on_a_hidpi_canvas() {
    let el = host();
    let spec = LogLogSpec {
        x_label: "n".into(),
        y_label: "MSE".into(),
        series: vec![Series {
            label: "σ²/n".into(),
            points: (1..=4).map(|k| (10f64.powi(k), 10f64.powi(-k))).collect(),
            kind: SeriesKind::Line,
            color: 0,
        }],
    };
    let handle = leptos::mount::mount_to(el.clone(), move || {
        Store::provide();
        ThemeState::provide();
        view! { <LogLogChart spec=Signal::derive(move || Some(spec.clone())) label=Signal::derive(|| "chart".to_string())/> }
    });
    next_frame().await;
    next_frame().await;
    let canvas: web_sys::HtmlCanvasElement = el.query_selector("canvas").unwrap().unwrap().unchecked_into();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(canvas.width(), (canvas.client_width() as f64 * dpr).round() as u32, "backing store in device pixels");
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let data = ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data();
    // The background is white in the light theme; axes, labels and the line must have drawn darker pixels.
    let dark = data.chunks(4).filter(|p| p[0] < 128 && p[3] > 0).count();
    assert!(dark > 500, "only {dark} dark pixels: nothing was drawn");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(canvas.get_attribute("aria-label").as_deref(), Some("chart"));
    drop(handle);
}

/// A canvas of `w`×`h` CSS pixels in the page, as a chart box gives its canvas.
fn sized_canvas(w: u32, h: u32) -> web_sys::HtmlCanvasElement {
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").unwrap().unchecked_into();
    canvas.set_attribute("style", &format!("display: block; width: {w}px; height: {h}px")).unwrap();
    document().body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Pixels of the light theme's second series colour (orange, #c2410c) or a blend of it with white, in
/// `rect` (device pixels) right of `skip_left` pixels (the legend's samples, drawn in that colour).
fn orange_pixels(canvas: &web_sys::HtmlCanvasElement, rect: ((i32, i32), (i32, i32)), skip_left: i32) -> usize {
    let ((l, t), (r, b)) = rect;
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let (x0, w, h) = (l + skip_left, r - l - skip_left, b - t);
    let data = ctx.get_image_data(x0 as f64, t as f64, w as f64, h as f64).unwrap().data();
    data.chunks(4).filter(|p| p[0] as i32 - p[2] as i32 > 60 && p[0] as i32 > p[1] as i32 + 40).count()
}

#[wasm_bindgen_test]
fn the_legend_covers_no_line_not_even_between_its_points() {
    use scaling_lab::widgets::charts::loglog::{draw, LegendPlace};
    // One line whose two samples lie outside the lower-left corner (the log–log chart's preferred
    // legend corner) but whose segment crosses it, as the planner's IsoFLOP curves crossed the legend
    // between their samples; markers in the two upper corners. The only free corner is lower right.
    let line = |label: &str, points: Vec<(f64, f64)>, kind| Series { label: label.into(), points, kind, color: 1 };
    let spec = LogLogSpec {
        x_label: "x".into(),
        y_label: "y".into(),
        series: vec![
            // On a 640×400 canvas the samples land left of and above the box (about 90 and 60 px
            // away), the segment between them runs through its right half.
            line("a line between two samples", vec![(1.0, 0.0095), (20.0, 0.001)], SeriesKind::Line),
            line("ends", vec![(1.0, 1.0), (1000.0, 1.0)], SeriesKind::Markers),
        ],
    };
    let canvas = sized_canvas(640, 400);
    let placed = draw(&canvas, &spec, false).unwrap();
    let Some(LegendPlace::Inside(rect)) = placed else { panic!("legend not inside the plot: {placed:?}") };
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let samples = (34.0 * dpr).round() as i32;
    assert_eq!(orange_pixels(&canvas, rect, samples), 0, "the legend at {rect:?} sits on a series");
    assert!(orange_pixels(&canvas, ((0, 0), (canvas.width() as i32, canvas.height() as i32)), 0) > 100, "the series were drawn");
    // A line across the top and one across the bottom hold every corner: the legend goes below the plot.
    let mut spec = spec;
    spec.series = vec![line("top", vec![(1.0, 1.0), (1000.0, 1.0)], SeriesKind::Line), line("bottom", vec![(1.0, 0.001), (1000.0, 0.001)], SeriesKind::Line)];
    let placed = draw(&canvas, &spec, false).unwrap();
    let Some(LegendPlace::Below(((_, top), (_, bottom)))) = placed else { panic!("legend not below the plot: {placed:?}") };
    assert_eq!(bottom, canvas.height() as i32);
    assert!(top > canvas.height() as i32 * 3 / 4, "a strip, not a box: {placed:?}");
    canvas.remove();
}

#[wasm_bindgen_test]
async fn log_slider_maps_position_to_value() {
    let el = host();
    let got = RwSignal::new(0.0);
    let handle = leptos::mount::mount_to(el.clone(), move || {
        view! {
            <Slider label="n" value=Signal::derive(move || got.get()) min=10.0 max=100000.0 log=true integer=true
                display=|v: f64| format!("{v:.0}") on_input=move |v: f64| got.set(v)/>
        }
    });
    let input: web_sys::HtmlInputElement = el.query_selector("input[type=range]").unwrap().unwrap().unchecked_into();
    // 200 positions over log10 1..5: position 100 is halfway, 10³.
    assert_eq!((input.min().as_str(), input.max().as_str(), input.step().as_str()), ("0", "200", "1"));
    input.set_value("100");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(got.get_untracked(), 1000.0);
    next_frame().await;
    let output = el.query_selector("output").unwrap().unwrap();
    assert_eq!(output.text_content().as_deref(), Some("1000"));
    // The last position is the maximum exactly (a float step used to stop one position short).
    input.set_value(&input.max());
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(got.get_untracked(), 100000.0);
    // The label is tied to the control for screen readers.
    let label = el.query_selector("label").unwrap().unwrap();
    assert_eq!(label.get_attribute("for"), input.get_attribute("id"));
    drop(handle);
}

#[wasm_bindgen_test]
fn corrupt_storage_is_set_aside_not_fatal() {
    let storage = local_storage();
    storage.set_item(STORAGE_KEY, "{this is not json").unwrap();
    let owner = Owner::new();
    owner.with(|| {
        let store = Store::provide();
        match store.status.get_untracked() {
            StorageStatus::Recovered { key, reason } => {
                assert_eq!(storage.get_item(&key).unwrap().as_deref(), Some("{this is not json"), "the bad text is kept");
                assert!(reason.contains("JSON"), "{reason}");
            }
            other => panic!("expected a recovery, got {other:?}"),
        }
        // A fresh record was written in its place and the store keeps working.
        store.update(|r| {
            r.read.insert("power-laws".into());
        });
        let saved = storage.get_item(STORAGE_KEY).unwrap().unwrap();
        assert!(saved.contains("power-laws"));
    });
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn choice_exercise_grades_and_explains() {
    use scaling_lab::course::{ChoiceOption, Exercise, ExerciseSpec};
    let storage = local_storage();
    storage.clear().unwrap();
    let el = host();
    let spec = ExerciseSpec {
        id: "dom-test".into(),
        kind: Exercise::Choice {
            prompt_html: "<p>Slope?</p>".into(),
            multiple: false,
            options: vec![
                ChoiceOption { html: "−1".into(), correct: true, explain_html: "<p>σ²/n</p>".into() },
                ChoiceOption { html: "−1/2".into(), correct: false, explain_html: "<p>that is σ/√n</p>".into() },
            ],
        },
    };
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let store = Store::provide();
        provide_context(PageLang(Memo::new(|_| Language::En)));
        let view = scaling_lab::exercises::render("chapter".into(), spec.clone());
        (store, view).1
    });
    let click = |sel: &str| {
        let e: web_sys::HtmlElement = el.query_selector(sel).unwrap().unwrap().unchecked_into();
        e.click();
    };
    next_frame().await;
    let radios = el.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(radios.length(), 2);
    radios.item(1).unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    next_frame().await;
    let check: web_sys::HtmlButtonElement = el.query_selector("button.primary").unwrap().unwrap().unchecked_into();
    assert!(!check.disabled(), "choosing an option enables Check");
    click("button.primary");
    next_frame().await;
    let text = el.text_content().unwrap();
    assert!(text.contains("Not quite"), "{text}");
    assert!(text.contains("that is σ/√n"), "the chosen option's explanation shows");
    radios.item(0).unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    next_frame().await;
    click("button.primary");
    next_frame().await;
    assert!(el.text_content().unwrap().contains("Correct"));
    let saved = storage.get_item(STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("\"chapter/dom-test\"") && saved.contains("\"solved\": true"), "{saved}");
    drop(handle);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_bundle_theme_follows_the_page_attribute() {
    // A widget bundle has no store: it reads the theme the page writes on <html data-theme>.
    let html = document().document_element().unwrap();
    html.set_attribute("data-theme", "dark").unwrap();
    let el = host();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let theme = ThemeState::provide_observed();
        view! { <p>{move || if theme.dark() { "dark" } else { "light" }}</p> }
    });
    next_frame().await;
    assert_eq!(el.text_content().as_deref(), Some("dark"));
    html.set_attribute("data-theme", "light").unwrap();
    next_frame().await;
    assert_eq!(el.text_content().as_deref(), Some("light"));
    html.set_attribute("data-theme", "dark").unwrap();
    next_frame().await;
    assert_eq!(el.text_content().as_deref(), Some("dark"));
    drop(handle);
    html.remove_attribute("data-theme").unwrap();
}

fn probe(spec: scaling_lab::course::TypedWidgetSpec, locked: Signal<bool>) -> AnyView {
    let lang = scaling_lab::shell::app::page_lang();
    view! { <p class="probe">{move || format!("{} {} {}", spec.id, lang.get().code(), locked.get())}</p> }.into_any()
}

#[wasm_bindgen_test]
async fn a_bundle_mounts_follows_language_and_lock_and_unmounts() {
    use scaling_lab::course::{TypedWidgetSpec as WidgetSpec, Widget};
    use scaling_lab::widgets::bundle;
    let el = host();
    let spec = WidgetSpec { id: "w1".into(), widget: Widget::MeanEstimation(Default::default()) };
    let json = serde_json::to_string(&spec).unwrap();
    let handle = bundle::mount(probe, el.clone(), &json, "zh", true).unwrap();
    next_frame().await;
    assert_eq!(el.text_content().as_deref(), Some("w1 zh true"));
    bundle::set_lang(handle, "en");
    bundle::set_locked(handle, false);
    next_frame().await;
    assert_eq!(el.text_content().as_deref(), Some("w1 en false"));
    bundle::unmount(handle);
    assert_eq!(el.child_element_count(), 0, "unmounting removes the widget");
    // Unreadable input is an error for the page to show, not a panic.
    assert!(bundle::mount(probe, el.clone(), "{not json", "en", false).is_err());
    assert!(bundle::mount(probe, el, &json, "fr", false).is_err());
}

#[wasm_bindgen_test]
fn the_browsers_float_parser_rounds_as_rusts_literals_do() {
    use scaling_lab::format::parse_f64;
    // Hard cases for correct rounding (halfway and near-subnormal values); the expected values are
    // Rust literals, read by rustc's own parser.
    let cases: [(&str, f64); 8] = [
        ("0.1", 0.1),
        ("9007199254740993", 9007199254740993.0),
        ("1e23", 1e23),
        ("2.2250738585072011e-308", 2.2250738585072011e-308),
        ("4.9406564584124654e-324", 4.9406564584124654e-324),
        ("-7.0e-10", -7.0e-10),
        ("123456789012345678901234567890", 123456789012345678901234567890.0),
        (".30000000000000004", 0.30000000000000004),
    ];
    for (text, v) in cases {
        assert_eq!(parse_f64(text).map(f64::to_bits), Some(v.to_bits()), "{text}");
    }
    assert_eq!(parse_f64("12px"), None, "parseFloat alone would read 12");
}
