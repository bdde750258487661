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
//! ```
//! use augment_image::{Image, Op, Pipeline, Step};
//!
//! let img = Image::filled(32, 32, [200, 100, 50, 255]).unwrap();
//! let pipe = Pipeline::new(vec![
//!     Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
//!     Step { op: Op::color_jitter(0.4, 0.4, 0.4, 0.1), p: 0.8 },
//! ]);
//! let (out, applied) = pipe.run(&img, 7).unwrap(); // `img` is untouched
//! assert_eq!((out.width, out.height), (32, 32));
//! assert_eq!(applied.len(), 2); // one record per step, with the drawn parameters
//! assert_eq!(pipe.run(&img, 7).unwrap().0, out); // same seed, same output
//! let url = pipe.to_url(); // "p1.<base64url of the JSON>"
//! assert_eq!(Pipeline::from_url(&url).unwrap(), pipe);
//!
//! // The draw/apply split, one op at a time:
//! let mut rng = augment_image::rng_from_seed(3);
//! let params = Op::RandAugment { num_ops: 2, magnitude: 9, num_magnitude_bins: 31,
//!     interpolation: Default::default(), fill: None }.draw(32, 32, &mut rng).unwrap();
//! let out = augment_image::apply(&params, &img).unwrap();
//! # let _ = out;
//! ```
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

/// Fast exact rounding helpers. `f32::round_ties_even` / `floor` / `%` lower to libm calls on
/// baseline x86-64 (no SSE4.1), which dominated the per-pixel kernels; these are bit-exact
/// replacements for the ranges the kernels use.
pub(crate) mod num {
    /// `clamp(v, 0, 255)` then round half to even (torch's `round_()` then uint8 cast).
    #[inline(always)]
    pub fn round_u8(v: f32) -> u8 {
        // Adding 1.5·2^23 forces rounding at the units place in the default (ties-to-even) mode;
        // exact for |v| < 2^22.
        const MAGIC: f32 = 12_582_912.0;
        ((v.clamp(0.0, 255.0) + MAGIC) - MAGIC) as u8
    }

    /// Round half to even for |v| < 2^51 (1.5·2^52 trick), NaN-free inputs.
    #[inline(always)]
    pub fn round_even_f64(v: f64) -> f64 {
        const MAGIC: f64 = 6_755_399_441_055_744.0;
        if v.abs() < 2_251_799_813_685_248.0 {
            (v + MAGIC) - MAGIC
        } else {
            v
        }
    }

    /// `floor(v)` as an integer for finite v within i64 range (saturating otherwise).
    #[inline(always)]
    pub fn floor_i64(v: f64) -> i64 {
        let t = v as i64;
        if (t as f64) > v {
            t - 1
        } else {
            t
        }
    }

    /// `x − floor(x)` (torch's `remainder(x, 1.0)`, and `fmod(x, 1.0)` for x ≥ 0); exact.
    #[inline(always)]
    pub fn fract_floor(x: f32) -> f32 {
        let r = x - x.trunc();
        if r < 0.0 {
            r + 1.0
        } else {
            r
        }
    }
}

pub(crate) fn bad(name: &'static str, reason: impl Into<String>) -> AugmentError {
    AugmentError::BadParam {
        name,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    // The fast helpers must agree bit for bit with the std operations they replace.
    #[test]
    fn fast_rounding_matches_std() {
        let mut v = -3.0f32;
        while v < 260.0 {
            for x in [v, v + 0.5, v - 0.5, v + 1e-4] {
                let want = x.round_ties_even().clamp(0.0, 255.0) as u8;
                assert_eq!(num::round_u8(x), want, "{x}");
                let xd = f64::from(x) * 3.7;
                assert_eq!(num::round_even_f64(xd), xd.round_ties_even(), "{xd}");
                assert_eq!(num::floor_i64(xd), xd.floor() as i64, "{xd}");
                assert_eq!(num::fract_floor(x / 7.0), (x / 7.0).rem_euclid(1.0), "{x}");
            }
            v += 0.25;
        }
        assert_eq!(num::round_u8(2.5), 2);
        assert_eq!(num::round_u8(3.5), 4);
        assert_eq!(num::round_even_f64(-2.5), -2.0);
    }

    // The hue kernel skips gray pixels; that is only valid if the full HSV round trip returns x.
    #[test]
    fn hue_round_trip_of_gray_is_identity() {
        for x in 0..=255u8 {
            let u = f32::from(x) / 255.0;
            let (h, s, v) = crate::color::rgb_to_hsv(u, u, u);
            assert_eq!(s, 0.0);
            for f in [-0.5f32, -0.1, 0.0, 0.3, 0.5] {
                let (r, g, b) = crate::color::hsv_to_rgb(num::fract_floor(h + f), s, v);
                for c in [r, g, b] {
                    assert_eq!((c * 255.999) as u8, x);
                }
            }
        }
    }

    // The fast sharpness loop against the spec's rule (§1.2) written naively.
    #[test]
    fn sharpness_matches_naive_rule() {
        let (w, h) = (13usize, 9usize);
        let data: Vec<u8> = (0..4 * w * h).map(|i| (i * 97 % 251) as u8).collect();
        let img = crate::Image::new(w as u32, h as u32, data).unwrap();
        for f in [0.0, 0.5, 2.0] {
            let out = crate::filter::adjust_sharpness(&img, f).unwrap();
            for y in 0..h {
                for x in 0..w {
                    for c in 0..4 {
                        let px = |xx: usize, yy: usize| f64::from(img.data[4 * (yy * w + xx) + c]);
                        let want = if c == 3 || x == 0 || y == 0 || x == w - 1 || y == h - 1 {
                            px(x, y) as u8
                        } else {
                            let mut s = 0.0;
                            for dy in 0..3 {
                                for dx in 0..3 {
                                    let k = if dx == 1 && dy == 1 { 5.0 } else { 1.0 };
                                    s += k * px(x + dx - 1, y + dy - 1);
                                }
                            }
                            let blurred = (s / 13.0).round_ties_even();
                            (px(x, y) + (1.0 - f) * (blurred - px(x, y))).clamp(0.0, 255.0) as u8
                        };
                        assert_eq!(out.data[4 * (y * w + x) + c], want, "({x},{y}) c{c} f{f}");
                    }
                }
            }
        }
    }
}
