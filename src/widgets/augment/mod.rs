//! The augmentation widgets (chapters 6–8): the image playground, mixing on digits and the text
//! playground. Their work runs in the augmentation worker (`crate::compute::augment`); this module
//! holds what they share: painting worker pixels on canvases and the readers' error messages.

pub mod digit_mixing;
pub mod image_playground;
pub mod pipeline_editor;
pub mod text_playground;

use augment_lab::protocol::JobError;
use js_sys::{Uint8Array, Uint8ClampedArray};
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::compute::augment::{AugmentError, AugmentWorker};
use crate::i18n::Language;
use crate::widgets::common::{busy_view, Runner};

pub type AugmentRunner = Runner<AugmentWorker>;

/// An RGBA image inside a pixel buffer from the worker: `width × height × 4` bytes from `offset`.
#[derive(Clone)]
pub struct PixelView {
    pub buffer: Uint8Array,
    pub offset: u32,
    pub width: u32,
    pub height: u32,
}

impl PixelView {
    pub fn bytes(&self) -> u32 {
        self.width * self.height * 4
    }

    /// Paint on `canvas` (resized to the image; CSS scales it).
    pub fn paint(&self, canvas: &web_sys::HtmlCanvasElement) {
        canvas.set_width(self.width);
        canvas.set_height(self.height);
        let end = self.offset + self.bytes();
        if end > self.buffer.length() {
            return;
        }
        let view = Uint8ClampedArray::new_with_byte_offset_and_length(
            &self.buffer.buffer(),
            self.buffer.byte_offset() + self.offset,
            self.bytes(),
        );
        let Ok(data) = web_sys::ImageData::new_with_js_u8_clamped_array_and_sh(&view, self.width, self.height) else { return };
        let ctx = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        if let Some(ctx) = ctx {
            let _ = ctx.put_image_data(&data, 0.0, 0.0);
        }
    }
}

/// A canvas showing `pixels`, described by `label` for screen readers.
pub fn pixel_canvas(pixels: PixelView, label: String, class: &'static str) -> impl IntoView {
    let node = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(canvas) = node.get() {
            pixels.paint(&canvas);
        }
    });
    view! { <canvas node_ref=node class=class role="img" aria-label=label></canvas> }
}

/// Invalid settings, a failed job and the busy bar, in that order.
pub fn status_view(invalid: Memo<Option<String>>, runner: AugmentRunner) -> impl IntoView {
    let lang = crate::shell::app::page_lang();
    view! {
        {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        {move || runner.error.get().map(|e| view! { <p class="notice error" role="alert">{error_text(&e, lang.get())}</p> })}
        {busy_view(runner)}
    }
}

/// The reader's message for a failed job.
pub fn error_text(e: &AugmentError, lang: Language) -> String {
    let en = lang == Language::En;
    match e {
        AugmentError::Worker(m) => {
            if en { format!("The augmentation worker failed: {m}") } else { format!("增强计算线程出错：{m}") }
        }
        AugmentError::Job(j) => match j {
            JobError::EmptyFile => if en { "The file is empty.".into() } else { "文件是空的。".into() },
            JobError::NotAnImage => if en {
                "This file is not an image we can read (PNG, JPEG, GIF, BMP or WebP).".into()
            } else {
                "无法把这个文件读成图像（支持 PNG、JPEG、GIF、BMP、WebP）。".into()
            },
            JobError::TooLarge { width, height, max_pixels } => if en {
                format!("The image is {width}×{height} pixels, more than the {} megapixels allowed.", max_pixels / 1_000_000)
            } else {
                format!("图像有 {width}×{height} 像素，超过允许的 {} 百万像素。", max_pixels / 1_000_000)
            },
            JobError::Corrupt { detail } => if en { format!("The image file is damaged: {detail}") } else { format!("图像文件已损坏：{detail}") },
            JobError::BadParams { detail } => if en { format!("Invalid settings: {detail}") } else { format!("设置无效：{detail}") },
            JobError::Malformed { detail } => if en { format!("Internal error: {detail}") } else { format!("内部错误：{detail}") },
        },
    }
}

/// Numbers in drawn parameters: at most 3 significant digits, integers as integers.
pub fn short_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        crate::format::minus_sign(&format!("{}", v as i64))
    } else {
        crate::format::sig(v, 3)
    }
}

/// A JSON value as compact text: `[0.9, 1.1]`, `true`, an object as `k=v k=v` (nested ones in
/// parentheses), serde's `type` tag left out.
pub fn compact(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let nested = |v: &Value| match v {
        Value::Object(_) => format!("({})", compact(v)),
        other => compact(other),
    };
    match v {
        Value::Number(n) => short_number(n.as_f64().unwrap_or_default()),
        Value::Array(a) => format!("[{}]", a.iter().map(nested).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => m.iter().filter(|(k, _)| *k != "type").map(|(k, v)| format!("{k}={}", nested(v))).collect::<Vec<_>>().join(" "),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "—".into(),
    }
}
