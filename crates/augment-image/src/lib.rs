//! torchvision-v2-exact image augmentations on RGBA `u8` buffers.
//!
//! The reference semantics are torchvision.transforms v2 with uint8 tensor kernels, as written down in
//! `/work/shared/reference/augmentation.md` §1 (cited below as "spec §x.y"). Every random operation is
//! split in two, following the spec's design rule:
//!
//! * **draw**: [`Op::draw`] reads the image size and a seeded RNG and returns a serializable [`Params`]
//!   value that holds everything needed to apply the op (so the UI can show what was drawn), and
//! * **apply**: [`apply`] is a pure function of `(&Params, &Image)` that never mutates its input.
//!
//! [`Pipeline`] chains ops with probabilities, is serde-serializable and has a compact URL form.
//! Pair ops (mixup, CutMix) live in [`mix`].
//!
//! Colour kernels act on RGB and pass alpha through; geometric fill is black with alpha 255 (spec, intro).
//!
//! Module map: [`image`] (the buffer), [`color`] (point and colour kernels), [`geometry`] (flips, affine,
//! rotation, crop, padding, resize), [`filter`] (Gaussian blur, noise, sharpness), [`sample`] (parameter
//! samplers of spec §1.3), [`auto`] (RandAugment, TrivialAugmentWide, AutoAugment), [`mix`] (mixup,
//! CutMix), [`ops`] (the op/params enums), [`pipeline`] (composition and URL encoding).

pub mod auto;
pub mod color;
pub mod filter;
pub mod geometry;
pub mod image;
pub mod mix;
pub mod ops;
pub mod pipeline;
pub mod sample;

pub use auto::{AugmentSpace, AutoAugmentPolicy, AutoOp};
pub use geometry::{Interpolation, PaddingMode};
pub use image::Image;
pub use ops::{apply, EraseValue, Op, Params};
pub use pipeline::{Applied, Pipeline, Step};

/// The RNG used everywhere: ChaCha8 seeded from a `u64` (no OS entropy, so it runs in wasm).
pub type Rng = rand_chacha::ChaCha8Rng;

/// Build the crate's RNG from a seed.
pub fn rng_from_seed(seed: u64) -> Rng {
    use rand::SeedableRng;
    rand_chacha::ChaCha8Rng::seed_from_u64(seed)
}

/// Errors of this crate. No function panics on bad input; they return one of these.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AugmentError {
    /// The buffer length is not `4·width·height`.
    #[error("RGBA buffer of {width}x{height} needs {expected} bytes, got {got}")]
    BadBufferLength {
        width: u32,
        height: u32,
        expected: usize,
        got: usize,
    },
    /// A size is zero or too large to address.
    #[error("invalid image size {width}x{height}")]
    BadSize { width: u32, height: u32 },
    /// Two images that must match in size do not.
    #[error("image sizes differ: {a_w}x{a_h} vs {b_w}x{b_h}")]
    SizeMismatch { a_w: u32, a_h: u32, b_w: u32, b_h: u32 },
    /// A configuration value is out of its documented range.
    #[error("invalid parameter `{name}`: {reason}")]
    BadParam { name: &'static str, reason: String },
    /// A pipeline string could not be decoded.
    #[error("cannot decode pipeline: {0}")]
    Decode(String),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, AugmentError>;

pub(crate) fn bad(name: &'static str, reason: impl Into<String>) -> AugmentError {
    AugmentError::BadParam {
        name,
        reason: reason.into(),
    }
}
