//! The op vocabulary: [`Op`] (a serializable configuration, one variant per torchvision v2 transform,
//! same names and defaults), [`Params`] (what one draw produced, also serializable, self-contained so
//! that [`apply`] needs nothing else) and the draw/apply split of the spec's design rule.
//!
//! Serde form: internally tagged by `"type"`, e.g. `{"type":"RandomHorizontalFlip","p":0.5}`; missing
//! fields take torchvision's defaults, so TOML lesson blocks can stay short. Sizes are `[height,
//! width]` as in torchvision; paddings are `[left, top, right, bottom]`.

use rand::Rng as _;
use serde::{Deserialize, Serialize};

use crate::auto::{self, AutoAugmentPolicy, AutoStep};
use crate::geometry::{self, Interpolation, PaddingMode};
use crate::sample::{self, uniform, randint, round_int, Window};
use crate::{bad, color, filter, Image, Result, Rng};

fn half() -> f64 {
    0.5
}
fn tenth() -> f64 {
    0.1
}
fn yes() -> bool {
    true
}
fn fill_zero() -> Option<[u8; 3]> {
    Some([0, 0, 0])
}
fn bilinear() -> Interpolation {
    Interpolation::Bilinear
}
fn rrc_scale() -> [f64; 2] {
    [0.08, 1.0]
}
fn rrc_ratio() -> [f64; 2] {
    [3.0 / 4.0, 4.0 / 3.0]
}
fn blur_sigma() -> [f64; 2] {
    [0.1, 2.0]
}
fn erase_scale() -> [f64; 2] {
    [0.02, 0.33]
}
fn erase_ratio() -> [f64; 2] {
    [0.3, 3.3]
}
fn one_u32() -> u32 {
    1
}
fn two() -> usize {
    2
}
fn nine() -> usize {
    9
}
fn thirty_one() -> usize {
    31
}

/// The value RandomErasing / Cutout paints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EraseValue {
    /// One RGB colour (torchvision's `value=0` is black).
    Constant([u8; 3]),
    /// Independent uniform random bytes per RGB value. torchvision's `value='random'` draws N(0, 1)
    /// for normalised float images; on uint8 that would be almost all 0/1, so uniform bytes are used.
    Random,
}

impl Default for EraseValue {
    fn default() -> Self {
        EraseValue::Constant([0, 0, 0])
    }
}

/// One augmentation, configured. Names, fields and defaults follow torchvision.transforms v2
/// (spec §1.1); ranges are written out as `[min, max]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Op {
    /// Flip left–right with probability `p` (default 0.5).
    RandomHorizontalFlip {
        #[serde(default = "half")]
        p: f64,
    },
    /// Flip top–bottom with probability `p` (default 0.5).
    RandomVerticalFlip {
        #[serde(default = "half")]
        p: f64,
    },
    /// Rotate by `angle ~ U(degrees)` degrees counter-clockwise. torchvision's `degrees=d` is `[-d, d]`.
    RandomRotation {
        degrees: [f64; 2],
        #[serde(default)]
        interpolation: Interpolation,
        #[serde(default)]
        expand: bool,
        /// Pixels from the top-left; `None` = image centre.
        #[serde(default)]
        center: Option<[f64; 2]>,
        /// RGB fill outside the image (default black); `None` = torchvision's `fill=None`.
        #[serde(default = "fill_zero")]
        fill: Option<[u8; 3]>,
    },
    /// Random affine: `angle ~ U(degrees)`, `tx = round(U(−a·W, a·W))`, `ty = round(U(−b·H, b·H))`
    /// for `translate = [a, b]` (maximal fractions, not a range),
    /// `scale ~ U(scale)`, `shear_x ~ U(shear[0], shear[1])`, `shear_y ~ U(shear[2], shear[3])`.
    RandomAffine {
        degrees: [f64; 2],
        #[serde(default)]
        translate: Option<[f64; 2]>,
        #[serde(default)]
        scale: Option<[f64; 2]>,
        #[serde(default)]
        shear: Option<[f64; 4]>,
        #[serde(default)]
        interpolation: Interpolation,
        #[serde(default = "fill_zero")]
        fill: Option<[u8; 3]>,
        #[serde(default)]
        center: Option<[f64; 2]>,
    },
    /// Pad (optionally) then crop `size = [h, w]` at a uniform position.
    RandomCrop {
        size: [u32; 2],
        /// `[left, top, right, bottom]`.
        #[serde(default)]
        padding: Option<[u32; 4]>,
        #[serde(default)]
        pad_if_needed: bool,
        #[serde(default)]
        fill: [u8; 3],
        #[serde(default)]
        padding_mode: PaddingMode,
    },
    /// Crop a random area/aspect window (10 tries, then centre fallback; spec §1.3) and resize to `size = [h, w]`.
    RandomResizedCrop {
        size: [u32; 2],
        #[serde(default = "rrc_scale")]
        scale: [f64; 2],
        #[serde(default = "rrc_ratio")]
        ratio: [f64; 2],
        #[serde(default = "bilinear")]
        interpolation: Interpolation,
        #[serde(default = "yes")]
        antialias: bool,
    },
    /// Brightness, contrast, saturation, hue factor ranges, applied in a random order (spec §1.1).
    /// Use [`Op::color_jitter`] for torchvision's scalar form.
    ColorJitter {
        #[serde(default)]
        brightness: Option<[f64; 2]>,
        #[serde(default)]
        contrast: Option<[f64; 2]>,
        #[serde(default)]
        saturation: Option<[f64; 2]>,
        #[serde(default)]
        hue: Option<[f64; 2]>,
    },
    /// Always convert to gray (replicated to RGB).
    Grayscale,
    /// Convert to gray with probability `p` (default 0.1).
    RandomGrayscale {
        #[serde(default = "tenth")]
        p: f64,
    },
    /// Gaussian blur with `kernel_size = [kx, ky]` (odd) and `σ ~ U(sigma)`.
    GaussianBlur {
        kernel_size: [u32; 2],
        #[serde(default = "blur_sigma")]
        sigma: [f64; 2],
    },
    /// Additive Gaussian noise on `x/255` (defaults mean 0, σ 0.1, clip).
    GaussianNoise {
        #[serde(default)]
        mean: f64,
        #[serde(default = "tenth")]
        sigma: f64,
        #[serde(default = "yes")]
        clip: bool,
    },
    /// Sharpness with factor `sharpness_factor`, probability `p` (default 0.5).
    RandomAdjustSharpness {
        sharpness_factor: f64,
        #[serde(default = "half")]
        p: f64,
    },
    /// Keep the top `bits` bits, probability `p` (default 0.5).
    RandomPosterize {
        bits: u8,
        #[serde(default = "half")]
        p: f64,
    },
    /// Invert values ≥ `threshold`, probability `p` (default 0.5).
    RandomSolarize {
        threshold: f64,
        #[serde(default = "half")]
        p: f64,
    },
    /// Per-channel autocontrast, probability `p` (default 0.5).
    RandomAutocontrast {
        #[serde(default = "half")]
        p: f64,
    },
    /// Per-channel histogram equalization, probability `p` (default 0.5).
    RandomEqualize {
        #[serde(default = "half")]
        p: f64,
    },
    /// `255 − x`, probability `p` (default 0.5).
    RandomInvert {
        #[serde(default = "half")]
        p: f64,
    },
    /// Random erasing (Zhong et al. 2020): probability `p`, area fraction `scale`, aspect `ratio`
    /// (10 tries, no-op fallback; spec §1.3).
    RandomErasing {
        #[serde(default = "half")]
        p: f64,
        #[serde(default = "erase_scale")]
        scale: [f64; 2],
        #[serde(default = "erase_ratio")]
        ratio: [f64; 2],
        #[serde(default)]
        value: EraseValue,
    },
    /// Cutout (DeVries & Taylor 2017, `util/cutout.py`): `n_holes` squares of side `length`, centre
    /// uniform over the image, clipped at the borders, painted black.
    Cutout {
        #[serde(default = "one_u32")]
        n_holes: u32,
        length: u32,
    },
    /// RandAugment (Cubuk et al. 2020): `num_ops` uniform picks from 14 ops at bin `magnitude` of
    /// `num_magnitude_bins` (defaults 2, 9, 31).
    RandAugment {
        #[serde(default = "two")]
        num_ops: usize,
        #[serde(default = "nine")]
        magnitude: usize,
        #[serde(default = "thirty_one")]
        num_magnitude_bins: usize,
        #[serde(default)]
        interpolation: Interpolation,
        #[serde(default)]
        fill: Option<[u8; 3]>,
    },
    /// TrivialAugmentWide (Müller & Hutter 2021): one uniform op, uniform bin of `num_magnitude_bins`.
    TrivialAugmentWide {
        #[serde(default = "thirty_one")]
        num_magnitude_bins: usize,
        #[serde(default)]
        interpolation: Interpolation,
        #[serde(default)]
        fill: Option<[u8; 3]>,
    },
    /// AutoAugment (Cubuk et al. 2019) with a learned policy (CIFAR-10 only here).
    AutoAugment {
        #[serde(default)]
        policy: AutoAugmentPolicy,
        #[serde(default)]
        interpolation: Interpolation,
        #[serde(default)]
        fill: Option<[u8; 3]>,
    },
}

/// What one draw of an [`Op`] produced: every value needed to apply it (spec's "draw" half).
/// Variant names match the [`Op`] that produced them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Params {
    RandomHorizontalFlip {
        flip: bool,
    },
    RandomVerticalFlip {
        flip: bool,
    },
    RandomRotation {
        /// Degrees, counter-clockwise.
        angle: f64,
        interpolation: Interpolation,
        expand: bool,
        center: Option<[f64; 2]>,
        fill: Option<[u8; 3]>,
    },
    RandomAffine {
        /// Degrees, F.affine's convention (clockwise on screen).
        angle: f64,
        /// Pixels (integers, as torchvision rounds them).
        translate: [i64; 2],
        scale: f64,
        /// Degrees (x, y).
        shear: [f64; 2],
        interpolation: Interpolation,
        fill: Option<[u8; 3]>,
        center: Option<[f64; 2]>,
    },
    RandomCrop {
        /// Effective padding `[left, top, right, bottom]` (including `pad_if_needed`).
        padding: [u32; 4],
        /// Window in padded coordinates.
        window: Window,
        fill: [u8; 3],
        padding_mode: PaddingMode,
    },
    RandomResizedCrop {
        window: Window,
        /// Tries used (1..=10), 0 = centre fallback.
        tries: u32,
        /// Output `[h, w]`.
        size: [u32; 2],
        interpolation: Interpolation,
        antialias: bool,
    },
    ColorJitter {
        /// `randperm(4)` over [brightness, contrast, saturation, hue] (0..=3).
        order: [u8; 4],
        brightness: Option<f64>,
        contrast: Option<f64>,
        saturation: Option<f64>,
        hue: Option<f64>,
    },
    Grayscale,
    RandomGrayscale {
        apply: bool,
    },
    GaussianBlur {
        kernel_size: [u32; 2],
        sigma: f64,
    },
    GaussianNoise {
        mean: f64,
        sigma: f64,
        clip: bool,
        /// Seed of the per-pixel noise stream (so the params stay small).
        seed: u64,
    },
    RandomAdjustSharpness {
        apply: bool,
        sharpness_factor: f64,
    },
    RandomPosterize {
        apply: bool,
        bits: u8,
    },
    RandomSolarize {
        apply: bool,
        threshold: f64,
    },
    RandomAutocontrast {
        apply: bool,
    },
    RandomEqualize {
        apply: bool,
    },
    RandomInvert {
        apply: bool,
    },
    RandomErasing {
        /// `None` when the coin said no or all 10 tries failed (no-op).
        window: Option<Window>,
        /// Whether the `p` coin said yes (distinguishes the fallback from the coin).
        applied: bool,
        value: EraseValue,
        /// Seed for `EraseValue::Random`.
        seed: u64,
    },
    Cutout {
        /// The clipped holes (may be empty-area at the borders).
        holes: Vec<Window>,
    },
    /// RandAugment / TrivialAugmentWide / AutoAugment: the ops that run, in order.
    AutoSteps {
        steps: Vec<AutoStep>,
        /// AutoAugment's sub-policy index (0..25); `None` for the others.
        sub_policy: Option<usize>,
        interpolation: Interpolation,
        fill: Option<[u8; 3]>,
    },
}

fn check_p(p: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&p) {
        return Err(bad("p", format!("must be in [0, 1], got {p}")));
    }
    Ok(())
}

fn check_range(name: &'static str, r: [f64; 2], lo: f64, hi: f64) -> Result<()> {
    if !(r[0].is_finite() && r[1].is_finite() && lo <= r[0] && r[0] <= r[1] && r[1] <= hi) {
        return Err(bad(name, format!("need {lo} ≤ min ≤ max ≤ {hi}, got {r:?}")));
    }
    Ok(())
}

fn check_size(name: &'static str, size: [u32; 2]) -> Result<()> {
    if size[0] == 0 || size[1] == 0 || u64::from(size[0]) * u64::from(size[1]) > crate::image::MAX_PIXELS {
        return Err(bad(name, format!("invalid size {size:?}")));
    }
    Ok(())
}

impl Op {
    /// torchvision's scalar ColorJitter: a value `v` gives `[max(0, 1−v), 1+v]` for brightness,
    /// contrast and saturation and `[−v, v]` for hue (`0 ≤ v ≤ 0.5`); `0` means "off" (spec §1.1).
    pub fn color_jitter(brightness: f64, contrast: f64, saturation: f64, hue: f64) -> Op {
        let enh = |v: f64| (v != 0.0).then(|| [(1.0 - v).max(0.0), 1.0 + v]);
        Op::ColorJitter {
            brightness: enh(brightness),
            contrast: enh(contrast),
            saturation: enh(saturation),
            hue: (hue != 0.0).then_some([-hue, hue]),
        }
    }

    /// torchvision's class name of this op (also the serde tag).
    pub fn name(&self) -> &'static str {
        match self {
            Op::RandomHorizontalFlip { .. } => "RandomHorizontalFlip",
            Op::RandomVerticalFlip { .. } => "RandomVerticalFlip",
            Op::RandomRotation { .. } => "RandomRotation",
            Op::RandomAffine { .. } => "RandomAffine",
            Op::RandomCrop { .. } => "RandomCrop",
            Op::RandomResizedCrop { .. } => "RandomResizedCrop",
            Op::ColorJitter { .. } => "ColorJitter",
            Op::Grayscale => "Grayscale",
            Op::RandomGrayscale { .. } => "RandomGrayscale",
            Op::GaussianBlur { .. } => "GaussianBlur",
            Op::GaussianNoise { .. } => "GaussianNoise",
            Op::RandomAdjustSharpness { .. } => "RandomAdjustSharpness",
            Op::RandomPosterize { .. } => "RandomPosterize",
            Op::RandomSolarize { .. } => "RandomSolarize",
            Op::RandomAutocontrast { .. } => "RandomAutocontrast",
            Op::RandomEqualize { .. } => "RandomEqualize",
            Op::RandomInvert { .. } => "RandomInvert",
            Op::RandomErasing { .. } => "RandomErasing",
            Op::Cutout { .. } => "Cutout",
            Op::RandAugment { .. } => "RandAugment",
            Op::TrivialAugmentWide { .. } => "TrivialAugmentWide",
            Op::AutoAugment { .. } => "AutoAugment",
        }
    }

    /// Check the configuration against torchvision's constraints. [`Op::draw`] calls it, so a
    /// pipeline decoded from a URL cannot reach the kernels with bad values.
    pub fn validate(&self) -> Result<()> {
        match self {
            Op::RandomHorizontalFlip { p }
            | Op::RandomVerticalFlip { p }
            | Op::RandomGrayscale { p }
            | Op::RandomAutocontrast { p }
            | Op::RandomEqualize { p }
            | Op::RandomInvert { p } => check_p(*p),
            Op::RandomRotation { degrees, center, .. } => {
                check_range("degrees", *degrees, -1e6, 1e6)?;
                check_center(center)
            }
            Op::RandomAffine {
                degrees,
                translate,
                scale,
                shear,
                center,
                ..
            } => {
                check_range("degrees", *degrees, -1e6, 1e6)?;
                if let Some([a, b]) = translate {
                    // (a, b) are the maximal fractions of W and H (not a range), as in torchvision.
                    check_range("translate", [*a; 2], 0.0, 1.0)?;
                    check_range("translate", [*b; 2], 0.0, 1.0)?;
                }
                if let Some(s) = scale {
                    check_range("scale", *s, f64::MIN_POSITIVE, 1e6)?;
                }
                if let Some(s) = shear {
                    check_range("shear", [s[0], s[1]], -89.0, 89.0)?;
                    check_range("shear", [s[2], s[3]], -89.0, 89.0)?;
                }
                check_center(center)
            }
            Op::RandomCrop { size, .. } => check_size("size", *size),
            Op::RandomResizedCrop {
                size, scale, ratio, ..
            } => {
                check_size("size", *size)?;
                check_range("scale", *scale, 0.0, f64::MAX)?;
                check_range("ratio", *ratio, f64::MIN_POSITIVE, f64::MAX)
            }
            Op::ColorJitter {
                brightness,
                contrast,
                saturation,
                hue,
            } => {
                for (name, r) in [
                    ("brightness", brightness),
                    ("contrast", contrast),
                    ("saturation", saturation),
                ] {
                    if let Some(r) = r {
                        check_range(name, *r, 0.0, 1e6)?;
                    }
                }
                if let Some(h) = hue {
                    check_range("hue", *h, -0.5, 0.5)?;
                }
                Ok(())
            }
            Op::Grayscale => Ok(()),
            Op::GaussianBlur { kernel_size, sigma } => {
                for k in kernel_size {
                    if k % 2 == 0 || *k > 1001 {
                        return Err(bad("kernel_size", format!("must be odd and ≤ 1001, got {k}")));
                    }
                }
                check_range("sigma", *sigma, f64::MIN_POSITIVE, 1e6)
            }
            Op::GaussianNoise { mean, sigma, .. } => {
                if !(mean.is_finite() && sigma.is_finite() && *sigma >= 0.0) {
                    return Err(bad("sigma", "mean must be finite and sigma ≥ 0"));
                }
                Ok(())
            }
            Op::RandomAdjustSharpness {
                sharpness_factor,
                p,
            } => {
                check_p(*p)?;
                check_range("sharpness_factor", [*sharpness_factor; 2], 0.0, 1e6)
            }
            Op::RandomPosterize { bits, p } => {
                check_p(*p)?;
                if *bits > 8 {
                    return Err(bad("bits", format!("must be ≤ 8, got {bits}")));
                }
                Ok(())
            }
            Op::RandomSolarize { threshold, p } => {
                check_p(*p)?;
                check_range("threshold", [*threshold; 2], 0.0, 255.0)
            }
            Op::RandomErasing {
                p, scale, ratio, ..
            } => {
                check_p(*p)?;
                check_range("scale", *scale, 0.0, 1.0)?;
                check_range("ratio", *ratio, f64::MIN_POSITIVE, f64::MAX)
            }
            Op::Cutout { n_holes, .. } => {
                if *n_holes > 1000 {
                    return Err(bad("n_holes", "must be ≤ 1000"));
                }
                Ok(())
            }
            Op::RandAugment {
                num_ops,
                magnitude,
                num_magnitude_bins,
                ..
            } => {
                if *num_magnitude_bins < 2 || magnitude >= num_magnitude_bins {
                    return Err(bad(
                        "magnitude",
                        format!("need 2 ≤ num_magnitude_bins and magnitude < bins, got {magnitude}/{num_magnitude_bins}"),
                    ));
                }
                if *num_ops > 100 {
                    return Err(bad("num_ops", "must be ≤ 100"));
                }
                Ok(())
            }
            Op::TrivialAugmentWide {
                num_magnitude_bins, ..
            } => {
                if *num_magnitude_bins < 2 {
                    return Err(bad("num_magnitude_bins", "must be ≥ 2"));
                }
                Ok(())
            }
            Op::AutoAugment { .. } => Ok(()),
        }
    }

    /// Draw this op's parameters for a `width × height` input (the "draw" half). Deterministic given
    /// the RNG state. Errors if the configuration is invalid or cannot fit the image (e.g. a crop
    /// larger than the padded image).
    pub fn draw(&self, width: u32, height: u32, rng: &mut Rng) -> Result<Params> {
        self.validate()?;
        crate::image::check_size(width, height)?;
        let (wf, hf) = (f64::from(width), f64::from(height));
        let coin = |rng: &mut Rng, p: f64| rng.random::<f64>() < p;
        Ok(match self {
            Op::RandomHorizontalFlip { p } => Params::RandomHorizontalFlip { flip: coin(rng, *p) },
            Op::RandomVerticalFlip { p } => Params::RandomVerticalFlip { flip: coin(rng, *p) },
            Op::RandomRotation {
                degrees,
                interpolation,
                expand,
                center,
                fill,
            } => Params::RandomRotation {
                angle: uniform(rng, degrees[0], degrees[1]),
                interpolation: *interpolation,
                expand: *expand,
                center: *center,
                fill: *fill,
            },
            Op::RandomAffine {
                degrees,
                translate,
                scale,
                shear,
                interpolation,
                fill,
                center,
            } => {
                let angle = uniform(rng, degrees[0], degrees[1]);
                let translate = match translate {
                    Some([a, b]) => {
                        let (mx, my) = (a * wf, b * hf);
                        [
                            round_int(uniform(rng, -mx, mx)),
                            round_int(uniform(rng, -my, my)),
                        ]
                    }
                    None => [0, 0],
                };
                let scale = match scale {
                    Some([a, b]) => uniform(rng, *a, *b),
                    None => 1.0,
                };
                let shear = match shear {
                    Some(s) => [uniform(rng, s[0], s[1]), uniform(rng, s[2], s[3])],
                    None => [0.0, 0.0],
                };
                Params::RandomAffine {
                    angle,
                    translate,
                    scale,
                    shear,
                    interpolation: *interpolation,
                    fill: *fill,
                    center: *center,
                }
            }
            Op::RandomCrop {
                size,
                padding,
                pad_if_needed,
                fill,
                padding_mode,
            } => {
                let [ch, cw] = *size;
                let mut pad = padding.unwrap_or([0; 4]);
                let mut pw = u64::from(width) + u64::from(pad[0]) + u64::from(pad[2]);
                let mut ph = u64::from(height) + u64::from(pad[1]) + u64::from(pad[3]);
                if *pad_if_needed {
                    if pw < u64::from(cw) {
                        let diff = (u64::from(cw) - pw) as u32;
                        pad[0] += diff;
                        pad[2] += diff;
                        pw += 2 * u64::from(diff);
                    }
                    if ph < u64::from(ch) {
                        let diff = (u64::from(ch) - ph) as u32;
                        pad[1] += diff;
                        pad[3] += diff;
                        ph += 2 * u64::from(diff);
                    }
                }
                if u64::from(cw) > pw || u64::from(ch) > ph {
                    return Err(bad(
                        "size",
                        format!("crop {cw}x{ch} larger than padded image {pw}x{ph}"),
                    ));
                }
                let top = randint(rng, 0, (ph - u64::from(ch)) as i64 + 1) as u32;
                let left = randint(rng, 0, (pw - u64::from(cw)) as i64 + 1) as u32;
                Params::RandomCrop {
                    padding: pad,
                    window: Window {
                        top,
                        left,
                        height: ch,
                        width: cw,
                    },
                    fill: *fill,
                    padding_mode: *padding_mode,
                }
            }
            Op::RandomResizedCrop {
                size,
                scale,
                ratio,
                interpolation,
                antialias,
            } => {
                let d = sample::rrc_window(rng, width, height, *scale, *ratio);
                Params::RandomResizedCrop {
                    window: d.window,
                    tries: d.tries,
                    size: *size,
                    interpolation: *interpolation,
                    antialias: *antialias,
                }
            }
            Op::ColorJitter {
                brightness,
                contrast,
                saturation,
                hue,
            } => {
                let perm = sample::randperm(rng, 4);
                let order = [perm[0] as u8, perm[1] as u8, perm[2] as u8, perm[3] as u8];
                let mut draw = |r: &Option<[f64; 2]>| r.map(|[a, b]| uniform(rng, a, b));
                Params::ColorJitter {
                    order,
                    brightness: draw(brightness),
                    contrast: draw(contrast),
                    saturation: draw(saturation),
                    hue: draw(hue),
                }
            }
            Op::Grayscale => Params::Grayscale,
            Op::RandomGrayscale { p } => Params::RandomGrayscale { apply: coin(rng, *p) },
            Op::GaussianBlur { kernel_size, sigma } => Params::GaussianBlur {
                kernel_size: *kernel_size,
                sigma: uniform(rng, sigma[0], sigma[1]),
            },
            Op::GaussianNoise { mean, sigma, clip } => Params::GaussianNoise {
                mean: *mean,
                sigma: *sigma,
                clip: *clip,
                seed: rng.random(),
            },
            Op::RandomAdjustSharpness {
                sharpness_factor,
                p,
            } => Params::RandomAdjustSharpness {
                apply: coin(rng, *p),
                sharpness_factor: *sharpness_factor,
            },
            Op::RandomPosterize { bits, p } => Params::RandomPosterize {
                apply: coin(rng, *p),
                bits: *bits,
            },
            Op::RandomSolarize { threshold, p } => Params::RandomSolarize {
                apply: coin(rng, *p),
                threshold: *threshold,
            },
            Op::RandomAutocontrast { p } => Params::RandomAutocontrast { apply: coin(rng, *p) },
            Op::RandomEqualize { p } => Params::RandomEqualize { apply: coin(rng, *p) },
            Op::RandomInvert { p } => Params::RandomInvert { apply: coin(rng, *p) },
            Op::RandomErasing {
                p,
                scale,
                ratio,
                value,
            } => {
                let applied = coin(rng, *p);
                let window = if applied {
                    sample::erasing_window(rng, width, height, *scale, *ratio)
                } else {
                    None
                };
                Params::RandomErasing {
                    window,
                    applied,
                    value: *value,
                    seed: rng.random(),
                }
            }
            Op::Cutout { n_holes, length } => {
                let half = i64::from(*length / 2);
                let holes = (0..*n_holes)
                    .map(|_| {
                        let y = randint(rng, 0, i64::from(height));
                        let x = randint(rng, 0, i64::from(width));
                        let y1 = (y - half).clamp(0, i64::from(height));
                        let y2 = (y + half).clamp(0, i64::from(height));
                        let x1 = (x - half).clamp(0, i64::from(width));
                        let x2 = (x + half).clamp(0, i64::from(width));
                        Window {
                            top: y1 as u32,
                            left: x1 as u32,
                            height: (y2 - y1) as u32,
                            width: (x2 - x1) as u32,
                        }
                    })
                    .collect();
                Params::Cutout { holes }
            }
            Op::RandAugment {
                num_ops,
                magnitude,
                num_magnitude_bins,
                interpolation,
                fill,
            } => Params::AutoSteps {
                steps: auto::rand_augment_draw(
                    rng,
                    *num_ops,
                    *magnitude,
                    *num_magnitude_bins,
                    width,
                    height,
                ),
                sub_policy: None,
                interpolation: *interpolation,
                fill: *fill,
            },
            Op::TrivialAugmentWide {
                num_magnitude_bins,
                interpolation,
                fill,
            } => Params::AutoSteps {
                steps: auto::trivial_augment_draw(rng, *num_magnitude_bins, width, height),
                sub_policy: None,
                interpolation: *interpolation,
                fill: *fill,
            },
            Op::AutoAugment {
                policy,
                interpolation,
                fill,
            } => {
                let (id, steps) = auto::auto_augment_draw(rng, *policy, width, height);
                Params::AutoSteps {
                    steps,
                    sub_policy: Some(id),
                    interpolation: *interpolation,
                    fill: *fill,
                }
            }
        })
    }

    /// Draw then apply: one random application of this op.
    pub fn run(&self, img: &Image, rng: &mut Rng) -> Result<(Image, Params)> {
        let params = self.draw(img.width, img.height, rng)?;
        let out = apply(&params, img)?;
        Ok((out, params))
    }
}

fn check_center(c: &Option<[f64; 2]>) -> Result<()> {
    match c {
        Some([x, y]) if !(x.is_finite() && y.is_finite()) => Err(bad("center", "must be finite")),
        _ => Ok(()),
    }
}

fn paint(out: &mut Image, win: &Window, value: EraseValue, seed: u64) {
    let w = out.width as usize;
    let mut rng = crate::rng_from_seed(seed);
    let y_end = (win.top as usize + win.height as usize).min(out.height as usize);
    let x_end = (win.left as usize + win.width as usize).min(w);
    for y in win.top as usize..y_end {
        for x in win.left as usize..x_end {
            let o = 4 * (y * w + x);
            let rgb = match value {
                EraseValue::Constant(c) => c,
                EraseValue::Random => rng.random::<[u8; 3]>(),
            };
            out.data[o..o + 3].copy_from_slice(&rgb);
        }
    }
}

impl Params {
    /// Whether applying these parameters returns the input unchanged: a flip that did not flip, a
    /// `Random*` op whose coin said no, erasing that found no window. [`Pipeline::run`] skips the copy
    /// then. (An op that runs may still leave a particular image as it was; that is not detected.)
    ///
    /// [`Pipeline::run`]: crate::Pipeline::run
    pub fn is_identity(&self) -> bool {
        match self {
            Params::RandomHorizontalFlip { flip } | Params::RandomVerticalFlip { flip } => !flip,
            Params::RandomGrayscale { apply }
            | Params::RandomAdjustSharpness { apply, .. }
            | Params::RandomPosterize { apply, .. }
            | Params::RandomSolarize { apply, .. }
            | Params::RandomAutocontrast { apply }
            | Params::RandomEqualize { apply }
            | Params::RandomInvert { apply } => !apply,
            Params::RandomErasing { window, .. } => window.is_none(),
            _ => false,
        }
    }
}

/// Apply drawn parameters to an image (the pure "apply" half): never mutates `img`, same output
/// for the same inputs. Output size: the input's, except `RandomCrop` / `RandomResizedCrop`
/// (`size = [h, w]`) and `RandomRotation` with `expand` (§1.4 expand rule).
/// Errors if a parameter is out of range for the kernel or the window does not fit `img`.
pub fn apply(params: &Params, img: &Image) -> Result<Image> {
    img.validate()?;
    match params {
        Params::RandomHorizontalFlip { flip } => Ok(if *flip {
            geometry::hflip(img)
        } else {
            img.clone()
        }),
        Params::RandomVerticalFlip { flip } => Ok(if *flip {
            geometry::vflip(img)
        } else {
            img.clone()
        }),
        Params::RandomRotation {
            angle,
            interpolation,
            expand,
            center,
            fill,
        } => geometry::rotate(img, *angle, *interpolation, *expand, *center, *fill),
        Params::RandomAffine {
            angle,
            translate,
            scale,
            shear,
            interpolation,
            fill,
            center,
        } => geometry::affine(
            img,
            *angle,
            [translate[0] as f64, translate[1] as f64],
            *scale,
            *shear,
            *interpolation,
            *fill,
            *center,
        ),
        Params::RandomCrop {
            padding,
            window,
            fill,
            padding_mode,
        } => geometry::padded_crop(
            img,
            i64::from(window.top) - i64::from(padding[1]),
            i64::from(window.left) - i64::from(padding[0]),
            i64::from(window.height),
            i64::from(window.width),
            *padding_mode,
            *fill,
        ),
        Params::RandomResizedCrop {
            window,
            size,
            interpolation,
            antialias,
            ..
        } => geometry::resized_crop(
            img,
            window.top,
            window.left,
            window.height,
            window.width,
            size[1],
            size[0],
            *interpolation,
            *antialias,
        ),
        Params::ColorJitter {
            order,
            brightness,
            contrast,
            saturation,
            hue,
        } => {
            let mut out = img.clone();
            for &k in order {
                out = match (k, brightness, contrast, saturation, hue) {
                    (0, Some(f), ..) => color::adjust_brightness(&out, *f)?,
                    (1, _, Some(f), ..) => color::adjust_contrast(&out, *f)?,
                    (2, _, _, Some(f), _) => color::adjust_saturation(&out, *f)?,
                    (3, _, _, _, Some(f)) => color::adjust_hue(&out, *f)?,
                    (0..=3, ..) => out,
                    _ => return Err(bad("order", format!("index {k} outside 0..=3"))),
                };
            }
            Ok(out)
        }
        Params::Grayscale => Ok(color::rgb_to_grayscale(img)),
        Params::RandomGrayscale { apply } => Ok(if *apply {
            color::rgb_to_grayscale(img)
        } else {
            img.clone()
        }),
        Params::GaussianBlur { kernel_size, sigma } => filter::gaussian_blur(img, *kernel_size, *sigma),
        Params::GaussianNoise {
            mean,
            sigma,
            clip,
            seed,
        } => filter::gaussian_noise(img, *mean, *sigma, *clip, *seed),
        Params::RandomAdjustSharpness {
            apply,
            sharpness_factor,
        } => {
            if *apply {
                filter::adjust_sharpness(img, *sharpness_factor)
            } else {
                Ok(img.clone())
            }
        }
        Params::RandomPosterize { apply, bits } => {
            if *apply {
                color::posterize(img, *bits)
            } else {
                Ok(img.clone())
            }
        }
        Params::RandomSolarize { apply, threshold } => {
            if *apply {
                color::solarize(img, *threshold)
            } else {
                Ok(img.clone())
            }
        }
        Params::RandomAutocontrast { apply } => Ok(if *apply {
            color::autocontrast(img)
        } else {
            img.clone()
        }),
        Params::RandomEqualize { apply } => Ok(if *apply {
            color::equalize(img)
        } else {
            img.clone()
        }),
        Params::RandomInvert { apply } => Ok(if *apply {
            color::invert(img)
        } else {
            img.clone()
        }),
        Params::RandomErasing {
            window,
            value,
            seed,
            ..
        } => {
            let mut out = img.clone();
            if let Some(win) = window {
                paint(&mut out, win, *value, *seed);
            }
            Ok(out)
        }
        Params::Cutout { holes } => {
            let mut out = img.clone();
            for win in holes {
                paint(&mut out, win, EraseValue::Constant([0, 0, 0]), 0);
            }
            Ok(out)
        }
        Params::AutoSteps {
            steps,
            interpolation,
            fill,
            ..
        } => {
            let mut out = img.clone();
            for s in steps {
                out = auto::apply_auto_op(&out, s, *interpolation, *fill)?;
            }
            Ok(out)
        }
    }
}
