//! Messages between the page and the augmentation worker. JSON carries the job and the result's
//! description; pixels travel beside it as one byte buffer (transferred, not copied), because 16
//! RGBA samples as JSON numbers would be tens of megabytes.
//!
//! Page → worker: a [`Request`] as JSON, plus the encoded image file for [`Job::Grid`].
//! Worker → page: a [`Reply`] as JSON, plus [`Output`]'s pixel buffer (layout documented on each
//! output type).

use augment_image::mix::CutBox;
use augment_image::{Applied, Pipeline};
use augment_text::{Augmented, CharNoiseConfig, EdaConfig, NoisyText};
use serde::{Deserialize, Serialize};

use crate::params::TextLang;

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub job: Job,
}

/// A unit of work for the augmentation worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Decode the attached image file (PNG, JPEG, GIF, BMP or WebP), downscale it so that its longer
    /// side is at most `max_side`, then run `pipeline` `samples` times.
    Grid(GridJob),
    /// Mix two UCI digits, and a batch, with mixup or CutMix.
    Mix(MixJob),
    /// EDA and character noise on a sentence.
    Text(TextJob),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridJob {
    pub pipeline: Pipeline,
    pub seed: u64,
    /// 1..=16.
    pub samples: u32,
    /// Index of the first sample: a grid split over several workers runs samples
    /// `first..first + samples` here (`first + samples ≤ 16`), each with [`sample_seed`]`(seed, i)`.
    #[serde(default)]
    pub first: u32,
    /// Longer side after downscaling, pixels (the playground uses 512).
    pub max_side: u32,
}

/// Sample `i` of a grid runs the pipeline with this seed, so one sample can be reproduced alone.
pub fn sample_seed(seed: u64, i: u32) -> u64 {
    seed.wrapping_mul(1_000).wrapping_add(u64::from(i))
}

/// What the decoder found in the uploaded or bundled file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// "png", "jpeg", …
    pub format: String,
    /// Size of the file's image, pixels.
    pub width: u32,
    pub height: u32,
    /// Size after downscaling (the original shown in the grid), pixels.
    pub used_width: u32,
    pub used_height: u32,
}

/// One grid sample: its size and what each pipeline step drew.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridSample {
    pub width: u32,
    pub height: u32,
    pub seed: u64,
    pub applied: Vec<Applied>,
}

/// Pixels: the downscaled original (`used_width × used_height × 4` RGBA bytes), then each sample
/// in order (`width × height × 4`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridOutput {
    pub source: SourceInfo,
    pub samples: Vec<GridSample>,
}

/// A mix job is the widget's parameters: the pair `a`, `b` (digit indices, 0..1797), the method, α
/// (Beta(α, α), > 0), the seed, and the size of the batch view (2..=16: random digits, one λ, each
/// mixed with its neighbour as torchvision v2's MixUp/CutMix do with `batch.roll(1)`).
pub type MixJob = crate::params::DigitMixingParams;

/// One mixed pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MixSample {
    pub a: usize,
    pub b: usize,
    pub label_a: u8,
    pub label_b: u8,
    /// The Beta(α, α) draw.
    pub lam: f64,
    /// The weight of `a` in the label: `lam` for mixup, the area-corrected λ for CutMix.
    pub lam_used: f64,
    /// CutMix's pasted box (pixels of the 8×8 image), `None` for mixup.
    pub cut_box: Option<CutBox>,
    /// The mixed soft label over the 10 classes.
    pub label: Vec<f64>,
}

/// Pixels: for the pair and then each batch element, three 8×8 RGBA images (`a`, `b`, mixed),
/// 768 bytes per sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MixOutput {
    pub pair: MixSample,
    pub batch: Vec<MixSample>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextJob {
    pub text: String,
    pub lang: TextLang,
    pub eda: EdaConfig,
    pub char_noise: CharNoiseConfig,
    pub seed: u64,
}

/// No pixels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextOutput {
    /// The tokens EDA worked on (after cleaning; jieba's words for Chinese).
    pub words: Vec<String>,
    /// EDA's sentences, the original last (as `augment_text::eda_with` returns them).
    pub sentences: Vec<Augmented>,
    /// Character-noise variants (as many as EDA's augmented sentences, none when all its
    /// probabilities are 0).
    pub noisy: Vec<NoisyText>,
    /// Each noisy text split into grapheme clusters (the unit of [`NoisyText`]'s edit positions),
    /// so the page can highlight edits without a segmenter of its own.
    #[serde(default)]
    pub noisy_clusters: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Output {
    Grid(GridOutput),
    Mix(MixOutput),
    Text(TextOutput),
}

/// Worker → page: exactly one per request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Done { id: u32, output: Output },
    /// The page shows the error in the reader's language ([`JobError`] is typed for that).
    Failed { id: u32, error: JobError },
}

/// Why a job produced nothing. Never a panic: every bad input maps to one of these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobError {
    /// The request JSON could not be read (a bug, not the reader's fault).
    Malformed { detail: String },
    /// A grid job came without file bytes, or with an empty file.
    EmptyFile,
    /// The bytes are not an image format the decoder knows (e.g. a text file renamed .png).
    NotAnImage,
    /// The header declares more pixels than the decoder may allocate (a decompression bomb or a
    /// huge photo): `width × height` against the limit `max_pixels`.
    TooLarge { width: u32, height: u32, max_pixels: u64 },
    /// A known format whose data is broken (truncated PNG, bad JPEG); the decoder's message.
    Corrupt { detail: String },
    /// A parameter out of range (pipeline, α, digit index, …); the engine's message.
    BadParams { detail: String },
}

pub use crate::run::{handle, run};
