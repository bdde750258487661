//! Image playground (chapter 7): a bundled photo or the reader's own image through an augmentation
//! pipeline, shown as a grid of seeded samples beside the original, each with the parameters its steps
//! drew (on hover and focus, and in a table). Decoding and augmenting run in the augmentation worker.

use std::collections::HashMap;

use augment_lab::params::{BundledImage, ImagePlaygroundParams};
use augment_lab::protocol::{GridJob, GridOutput, Job, Output};
use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::pipeline_editor::PipelineEditor;
use super::{compact, error_text, pixel_canvas, AugmentRunner, PixelView};
use crate::compute::augment::AugmentError;
use crate::i18n::{en_count, pick, Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::shell::base_href;
use crate::widgets::common::{actions_view, notices_view, url_params, Runner};
use crate::widgets::controls::{FilePicker, SeedControl};

/// Longer side of the image the pipeline sees, pixels: uploads are downscaled to it.
const MAX_SIDE: u32 = 512;
/// Files above this are refused before they are read, bytes.
const MAX_FILE_BYTES: f64 = 30e6;

#[component]
pub fn ImagePlayground(id: String, defaults: ImagePlaygroundParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let (params, notices) = url_params(&id, &defaults, ImagePlaygroundParams::validate);
    let invalid = Memo::new(move |_| params.with(|p| p.validate().err()));
    // Two workers, half of the samples each: on a machine with several cores the grid takes about half
    // the time. The first also decides whether an upload is accepted.
    let runners: [AugmentRunner; 2] = [Runner::new(), Runner::new()];
    let runner = runners[0];
    // The reader's accepted upload (name, bytes); a new file is tried first and only then accepted.
    let upload = StoredValue::new_local(None::<(String, Uint8Array)>);
    let trying = StoredValue::new_local(None::<(String, Uint8Array)>);
    let upload_name = RwSignal::new(None::<String>);
    let upload_error = RwSignal::new(None::<String>);
    let bundled = StoredValue::new_local(HashMap::<BundledImage, Uint8Array>::new());
    let rerun = RwSignal::new(0u32);

    let request_grid = move |p: &ImagePlaygroundParams, bytes: Uint8Array| {
        let half = p.samples.div_ceil(2);
        for (r, (first, samples)) in runners.iter().zip([(0, half), (half, p.samples - half)]) {
            if samples == 0 {
                r.cancel();
                r.output.set(None);
                continue;
            }
            let job = GridJob { pipeline: p.pipeline.clone(), seed: p.seed, samples, first, max_side: MAX_SIDE };
            r.request((Job::Grid(job), Some(bytes.clone())));
        }
    };
    // The grid on screen: both parts, once both workers are done without an error (until then the last
    // complete grid stays).
    let shown = RwSignal::new_local(None::<Vec<(GridOutput, Uint8Array)>>);
    Effect::new(move |_| {
        if runners.iter().any(|r| r.progress.get().is_some() || r.error.with(Option::is_some)) {
            return;
        }
        let parts: Vec<(GridOutput, Uint8Array)> = runners
            .iter()
            .filter_map(|r| match r.output.get() {
                Some((Output::Grid(g), Some(px))) => Some((g, px)),
                _ => None,
            })
            .collect();
        if !parts.is_empty() {
            shown.set(Some(parts));
        }
    });
    // Runs whenever the settings change (or "same seed" is pressed), on the current source.
    Effect::new(move |_| {
        // Not `upload_name`: accepting an upload follows a grid already computed from it.
        rerun.track();
        if locked.get() {
            return;
        }
        let p = params.get();
        if p.validate().is_err() {
            return;
        }
        if let Some((_, bytes)) = upload.get_value() {
            request_grid(&p, bytes);
            return;
        }
        if let Some(bytes) = bundled.with_value(|m| m.get(&p.image).cloned()) {
            request_grid(&p, bytes);
            return;
        }
        let image = p.image;
        leptos::task::spawn_local(async move {
            let fetched = fetch_bytes(&format!("{}{}", base_href(), image.file())).await;
            // The widget may have been unmounted while the photo loaded (the reader went to another
            // page): its signals are gone then, and nothing is left to do.
            let Some(now) = params.try_get_untracked() else { return };
            match fetched {
                Ok(bytes) => {
                    bundled.try_update_value(|m| {
                        m.insert(image, bytes.clone());
                    });
                    // Still wanted? The reader may have moved on while the photo loaded.
                    if now.image == image && upload.try_with_value(Option::is_none) == Some(true) {
                        request_grid(&now, bytes);
                    }
                }
                Err(e) => {
                    runner.error.try_set(Some(AugmentError::Worker(e)));
                }
            }
        });
    });
    // A tried upload becomes the source when it produced a grid, and is dropped with a message if not.
    Effect::new(move |_| {
        if runner.output.with(Option::is_some) {
            if let Some(t) = trying.try_update_value(|t| t.take()).flatten() {
                upload_name.set(Some(t.0.clone()));
                upload.set_value(Some(t));
                upload_error.set(None);
            }
        }
    });
    Effect::new(move |_| {
        if let Some(e) = runner.error.get() {
            if let Some((name, _)) = trying.try_update_value(|t| t.take()).flatten() {
                let msg = error_text(&e, lang.get_untracked());
                upload_error.set(Some(format!("{name}: {msg}")));
            }
        }
    });
    let try_file = move |file: web_sys::File| {
        let name = file.name();
        let lang = lang.get_untracked();
        if file.size() > MAX_FILE_BYTES {
            let mb = (file.size() / 1e6).round();
            upload_error.set(Some(match lang {
                Language::En => format!("{name}: {mb} MB is more than the 30 MB this playground reads."),
                Language::Zh => format!("{name}：{mb} MB，超过本演示可读取的 30 MB。"),
            }));
            return;
        }
        leptos::task::spawn_local(async move {
            let read = JsFuture::from(file.array_buffer()).await;
            // As above: the widget may be gone by the time the file is read.
            let Some(p) = params.try_get_untracked() else { return };
            match read {
                Ok(buf) => {
                    let bytes = Uint8Array::new(&buf);
                    trying.try_set_value(Some((name, bytes.clone())));
                    request_grid(&p, bytes);
                }
                Err(_) => {
                    upload_error.try_set(Some(format!("{name}: {}", pick(lang, "the file could not be read.", "无法读取该文件。"))));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            try_file(file);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            try_file(file);
        }
    };
    let choose_image = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(image) = BundledImage::from_name(&v) {
            let was_upload = upload.with_value(Option::is_some);
            upload.set_value(None);
            upload_name.set(None);
            upload_error.set(None);
            if params.with_untracked(|p| p.image) == image {
                // Back from an upload to the photo the parameters already name: run it again.
                if was_upload {
                    rerun.update(|n| *n += 1);
                }
            } else {
                params.update(|p| p.image = image);
            }
        }
    };
    let file_input_id = format!("{id}-file");
    // Memos, so that a new seed does not rebuild the pipeline editor or the photo list.
    let pipeline = Memo::new(move |_| params.with(|p| p.pipeline.clone()));
    let image = Memo::new(move |_| params.with(|p| p.image));

    view! {
        <section class="widget image-playground" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Image augmentation playground", "图像增强演示"))}>
            <h3 class="widget-title">{move || pick(l(), "Playground: augmenting an image", "演示：图像增强")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to see the samples.", "先在上方提交你的猜测，再查看样本。")}</p> }>
                <div class="controls image-source">
                    <label class="control">
                        <span>{move || pick(l(), "Photo", "照片")}</span>
                        <select on:change=choose_image>
                            {move || upload_name.get().map(|n| view! { <option value="" selected=true>{match l() { Language::En => format!("your image: {n}"), Language::Zh => format!("你的图像：{n}") }}</option> })}
                            {move || {
                                let current = image.get();
                                let has_upload = upload_name.with(Option::is_some);
                                BundledImage::ALL.into_iter().map(|i| view! { <option value=i.name() selected=!has_upload && i == current>{i.name()}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                    <div class="drop-zone" class:dragging=move || dragging.get()
                        on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                        on:dragleave=move |_| dragging.set(false)
                        on:drop=on_drop>
                        <p class="drop-hint">{move || pick(l(), "Your own image: choose a file or drop it here", "你自己的图像：选择文件或拖放到这里")}</p>
                        <FilePicker id=file_input_id.clone() accept="image/*" on_change=on_pick
                            button=Signal::derive(move || pick(l(), "Choose an image…", "选择图像…").to_string())
                            chosen=Signal::derive(move || upload_name.get())
                            none=Signal::derive(move || pick(l(), "No file chosen", "未选择文件").to_string())/>
                    </div>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                    <div class="control">
                        <button class="button" on:click=move |_| rerun.update(|n| *n += 1)>{move || pick(l(), "Run again, same seed", "同一种子再运行")}</button>
                    </div>
                </div>
                {move || upload_error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <PipelineEditor pipeline=pipeline on_change=move |pipe| params.update(|p| p.pipeline = pipe)/>
                {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                {move || runner.error.get().filter(|_| upload_error.with(Option::is_none)).map(|e| view! { <p class="notice error" role="alert">{error_text(&e, l())}</p> })}
                {move || runners.iter().any(|r| r.progress.get().is_some()).then(|| view! {
                    <div class="busy" role="status">
                        <progress aria-label=l().strings().computing></progress>
                        " "{l().strings().computing}" "
                        <button class="button" on:click=move |_| runners.iter().for_each(|r| r.cancel())>{l().strings().cancel}</button>
                    </div>
                })}
                {move || shown.get().map(|parts| grid_view(parts, l()))}
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

async fn fetch_bytes(url: &str) -> Result<Uint8Array, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| format!("{e:?}"))?.unchecked_into();
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buf))
}

/// One line per step: what it drew, or that its coin said no.
fn describe(applied: &[augment_image::Applied], lang: Language) -> Vec<String> {
    applied
        .iter()
        .map(|a| match (&a.params, a.ran) {
            (Some(p), true) => {
                let drawn = serde_json::to_value(p).map(|v| compact(&v)).unwrap_or_default();
                if drawn.is_empty() { a.name.clone() } else { format!("{}: {drawn}", a.name) }
            }
            _ => format!("{}: {}", a.name, pick(lang, "skipped (its p)", "跳过（由 p 决定）")),
        })
        .collect()
}

/// The grid from its parts (one per worker): each part's pixels start with the original, then its samples.
fn grid_view(parts: Vec<(GridOutput, Uint8Array)>, lang: Language) -> impl IntoView {
    let s = parts[0].0.source.clone();
    let original = PixelView { buffer: parts[0].1.clone(), offset: 0, width: s.used_width, height: s.used_height };
    let source_text = match lang {
        Language::En => format!(
            "Original: {} {}×{}{}",
            s.format.to_uppercase(), s.width, s.height,
            if (s.used_width, s.used_height) != (s.width, s.height) { format!(", shown at {}×{}", s.used_width, s.used_height) } else { String::new() }
        ),
        Language::Zh => format!(
            "原图：{} {}×{}{}",
            s.format.to_uppercase(), s.width, s.height,
            if (s.used_width, s.used_height) != (s.width, s.height) { format!("，缩小为 {}×{}", s.used_width, s.used_height) } else { String::new() }
        ),
    };
    // (index, pixels, drawn parameters, (width, height, seed))
    type Row = (usize, PixelView, Vec<String>, (u32, u32, u64));
    let mut samples: Vec<Row> = Vec::new();
    for (g, pixels) in &parts {
        let mut offset = original.bytes();
        for sample in &g.samples {
            let view = PixelView { buffer: pixels.clone(), offset, width: sample.width, height: sample.height };
            offset += view.bytes();
            samples.push((samples.len(), view, describe(&sample.applied, lang), (sample.width, sample.height, sample.seed)));
        }
    }
    let count = samples.len();
    let rows = samples
        .iter()
        .map(|(k, _, lines, (w, h, seed))| view! { <tr><td>{k + 1}</td><td>{format!("{w}×{h}")}</td><td>{*seed}</td><td>{lines.join("; ")}</td></tr> })
        .collect_view();
    let figures = samples
        .into_iter()
        .map(|(k, view, lines, (w, h, _))| {
            let label = format!("{} {}, {w}×{h}: {}", pick(lang, "Sample", "样本"), k + 1, lines.join("; "));
            let items = lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view();
            view! {
                <figure class="sample" tabindex="0">
                    {pixel_canvas(view, label, "sample-canvas")}
                    <figcaption class="drawn"><ul>{items}</ul></figcaption>
                </figure>
            }
        })
        .collect_view();
    view! {
        <div class="augment-grid-wrap">
            <figure class="original">
                {pixel_canvas(original, source_text.clone(), "sample-canvas")}
                <figcaption>{source_text}</figcaption>
            </figure>
            <div class="augment-grid" role="group" aria-label=pick(lang, "Augmented samples", "增强样本")>{figures}</div>
        </div>
        <p class="readout" aria-live="polite">{match lang {
            Language::En => format!("{}. Hover over or focus a sample (Tab) to see what each step drew.", en_count(count, "sample", "samples")),
            Language::Zh => format!("共 {} 个样本。把鼠标移到样本上或用 Tab 键聚焦，可查看每一步抽到的参数。", count),
        }}</p>
        <details class="data-table">
            <summary>{lang.strings().data_table}</summary>
            <table>
                <thead><tr><th scope="col">"#"</th><th scope="col">{pick(lang, "size", "尺寸")}</th><th scope="col">{pick(lang, "seed", "种子")}</th><th scope="col">{pick(lang, "drawn parameters", "抽到的参数")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
