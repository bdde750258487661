//! The auto-augment family (spec §1.7, §1.8): the op vocabulary, the magnitude tables of
//! RandAugment, TrivialAugmentWide and AutoAugment, the CIFAR-10 AutoAugment policy, the three
//! samplers and the op semantics of torchvision's `_apply_image_or_video_transform`.
//!
//! Magnitude tables are float32 tensors in torch (`torch.linspace`); they are reproduced here in
//! `f32` with torch's two-sided linspace formula, so e.g. RandAugment's solarize bin 9 is the float32
//! 0.7, whose threshold `255·m` = 178.49999… inverts 179 but not 178 (spec §1.7).

use rand::Rng as _;
use serde::{Deserialize, Serialize};

use crate::geometry::{affine, rotate, Interpolation};
use crate::sample::randint;
use crate::{bad, color, filter, Image, Result, Rng};

/// One op of the auto-augment vocabulary (torchvision's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AutoOp {
    Identity,
    ShearX,
    ShearY,
    TranslateX,
    TranslateY,
    Rotate,
    Brightness,
    /// Saturation (PIL's `ImageEnhance.Color`).
    Color,
    Contrast,
    Sharpness,
    Posterize,
    Solarize,
    AutoContrast,
    Equalize,
    /// AutoAugment only.
    Invert,
}

/// Which magnitude table (spec §1.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AugmentSpace {
    /// RandAugment's 14 ops with the narrow ranges.
    RandAugment,
    /// TrivialAugmentWide's 14 ops with the wide ranges.
    TrivialAugmentWide,
    /// AutoAugment's ops (narrow ranges, 10 bins, includes Invert, no Identity).
    AutoAugment,
}

/// AutoAugment policies. Only CIFAR-10's is published in the spec (§1.8); ImageNet and SVHN are
/// not implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AutoAugmentPolicy {
    #[default]
    Cifar10,
}

/// The 14 ops of RandAugment and TrivialAugmentWide, in torchvision's `_AUGMENTATION_SPACE` order.
pub const RA_OPS: [AutoOp; 14] = [
    AutoOp::Identity,
    AutoOp::ShearX,
    AutoOp::ShearY,
    AutoOp::TranslateX,
    AutoOp::TranslateY,
    AutoOp::Rotate,
    AutoOp::Brightness,
    AutoOp::Color,
    AutoOp::Contrast,
    AutoOp::Sharpness,
    AutoOp::Posterize,
    AutoOp::Solarize,
    AutoOp::AutoContrast,
    AutoOp::Equalize,
];

/// One entry of an AutoAugment sub-policy: (op, probability, magnitude bin; `None` for ops without one).
pub type PolicyEntry = (AutoOp, f64, Option<usize>);

/// AutoAugment's CIFAR-10 policy: 25 sub-policies of 2 ops each (spec §1.8).
pub const CIFAR10_POLICY: [[PolicyEntry; 2]; 25] = {
    use AutoOp::*;
    [
        [(Invert, 0.1, None), (Contrast, 0.2, Some(6))],
        [(Rotate, 0.7, Some(2)), (TranslateX, 0.3, Some(9))],
        [(Sharpness, 0.8, Some(1)), (Sharpness, 0.9, Some(3))],
        [(ShearY, 0.5, Some(8)), (TranslateY, 0.7, Some(9))],
        [(AutoContrast, 0.5, None), (Equalize, 0.9, None)],
        [(ShearY, 0.2, Some(7)), (Posterize, 0.3, Some(7))],
        [(Color, 0.4, Some(3)), (Brightness, 0.6, Some(7))],
        [(Sharpness, 0.3, Some(9)), (Brightness, 0.7, Some(9))],
        [(Equalize, 0.6, None), (Equalize, 0.5, None)],
        [(Contrast, 0.6, Some(7)), (Sharpness, 0.6, Some(5))],
        [(Color, 0.7, Some(7)), (TranslateX, 0.5, Some(8))],
        [(Equalize, 0.3, None), (AutoContrast, 0.4, None)],
        [(TranslateY, 0.4, Some(3)), (Sharpness, 0.2, Some(6))],
        [(Brightness, 0.9, Some(6)), (Color, 0.2, Some(8))],
        [(Solarize, 0.5, Some(2)), (Invert, 0.0, None)],
        [(Equalize, 0.2, None), (AutoContrast, 0.6, None)],
        [(Equalize, 0.2, None), (Equalize, 0.6, None)],
        [(Color, 0.9, Some(9)), (Equalize, 0.6, None)],
        [(AutoContrast, 0.8, None), (Solarize, 0.2, Some(8))],
        [(Brightness, 0.1, Some(3)), (Color, 0.7, Some(0))],
        [(Solarize, 0.4, Some(5)), (AutoContrast, 0.9, None)],
        [(TranslateY, 0.9, Some(9)), (TranslateY, 0.7, Some(9))],
        [(AutoContrast, 0.9, None), (Solarize, 0.8, Some(3))],
        [(Equalize, 0.8, None), (Invert, 0.1, None)],
        [(TranslateY, 0.7, Some(9)), (AutoContrast, 0.9, None)],
    ]
};

/// `torch.linspace(start, end, steps)[i]` in float32 (torch fills the first half forwards from
/// `start` and the second half backwards from `end`).
pub fn linspace_f32(start: f32, end: f32, steps: usize, i: usize) -> f32 {
    if steps <= 1 {
        return start;
    }
    let step = (end - start) / (steps - 1) as f32;
    if i < steps / 2 {
        start + step * i as f32
    } else {
        end - step * (steps - 1 - i) as f32
    }
}

/// Whether torchvision negates this op's magnitude with probability 0.5 (spec §1.7 "Signed").
pub fn is_signed(op: AutoOp) -> bool {
    matches!(
        op,
        AutoOp::ShearX
            | AutoOp::ShearY
            | AutoOp::TranslateX
            | AutoOp::TranslateY
            | AutoOp::Rotate
            | AutoOp::Brightness
            | AutoOp::Color
            | AutoOp::Contrast
            | AutoOp::Sharpness
    )
}

/// Magnitude of `op` at `bin` of `num_bins` in `space` for a `width × height` image (spec §1.7),
/// before any sign flip; `None` for ops without a magnitude. Returned as the float32 table value
/// widened to `f64` (what `float(magnitudes[i])` gives in Python).
pub fn magnitude(
    space: AugmentSpace,
    op: AutoOp,
    bin: usize,
    num_bins: usize,
    width: u32,
    height: u32,
) -> Option<f64> {
    let wide = space == AugmentSpace::TrivialAugmentWide;
    let lin = |end: f64| f64::from(linspace_f32(0.0, end as f32, num_bins, bin));
    let m = match op {
        AutoOp::Identity | AutoOp::AutoContrast | AutoOp::Equalize | AutoOp::Invert => return None,
        AutoOp::ShearX | AutoOp::ShearY => lin(if wide { 0.99 } else { 0.3 }),
        AutoOp::TranslateX | AutoOp::TranslateY => {
            let side = if op == AutoOp::TranslateX { width } else { height };
            lin(if wide { 32.0 } else { 150.0 / 331.0 * f64::from(side) })
        }
        AutoOp::Rotate => lin(if wide { 135.0 } else { 30.0 }),
        AutoOp::Brightness | AutoOp::Color | AutoOp::Contrast | AutoOp::Sharpness => {
            lin(if wide { 0.99 } else { 0.9 })
        }
        AutoOp::Posterize => {
            // 8 − round(i / ((n−1)/k)), k = 6 (wide) or 4, in float32 with half-to-even rounding.
            let k: f64 = if wide { 6.0 } else { 4.0 };
            let div = ((num_bins as f64 - 1.0) / k) as f32;
            f64::from(8.0 - (bin as f32 / div).round_ties_even())
        }
        AutoOp::Solarize => f64::from(linspace_f32(1.0, 0.0, num_bins, bin)),
    };
    Some(m)
}

/// One applied auto-augment op with its final (signed) magnitude; 0 for ops without one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutoStep {
    pub op: AutoOp,
    pub magnitude: f64,
}

fn signed_step(
    rng: &mut Rng,
    space: AugmentSpace,
    op: AutoOp,
    bin: usize,
    num_bins: usize,
    w: u32,
    h: u32,
) -> AutoStep {
    match magnitude(space, op, bin, num_bins, w, h) {
        Some(mut m) => {
            if is_signed(op) && rng.random::<f64>() <= 0.5 {
                m = -m;
            }
            AutoStep { op, magnitude: m }
        }
        None => AutoStep { op, magnitude: 0.0 },
    }
}

/// RandAugment's draw: `num_ops` times pick one of 14 ops uniformly (with replacement), magnitude
/// `table[op][magnitude]`, sign flip with p = 0.5 for signed ops (spec §1.1, §1.7).
pub fn rand_augment_draw(
    rng: &mut Rng,
    num_ops: usize,
    magnitude_bin: usize,
    num_bins: usize,
    w: u32,
    h: u32,
) -> Vec<AutoStep> {
    (0..num_ops)
        .map(|_| {
            let op = RA_OPS[randint(rng, 0, RA_OPS.len() as i64) as usize];
            signed_step(rng, AugmentSpace::RandAugment, op, magnitude_bin, num_bins, w, h)
        })
        .collect()
}

/// TrivialAugmentWide's draw: one op uniformly from 14, bin `~ randint(num_bins)`, sign flip p = 0.5.
pub fn trivial_augment_draw(rng: &mut Rng, num_bins: usize, w: u32, h: u32) -> Vec<AutoStep> {
    let op = RA_OPS[randint(rng, 0, RA_OPS.len() as i64) as usize];
    let bin = randint(rng, 0, num_bins as i64) as usize;
    vec![signed_step(rng, AugmentSpace::TrivialAugmentWide, op, bin, num_bins, w, h)]
}

/// AutoAugment's draw: pick one of the 25 sub-policies uniformly; each of its 2 ops runs if
/// `rand ≤ p`, with the magnitude from 10 bins and a sign flip for signed ops (spec §1.1, §1.8).
/// Returns the sub-policy index and the ops that run.
pub fn auto_augment_draw(
    rng: &mut Rng,
    policy: AutoAugmentPolicy,
    w: u32,
    h: u32,
) -> (usize, Vec<AutoStep>) {
    let table = match policy {
        AutoAugmentPolicy::Cifar10 => &CIFAR10_POLICY,
    };
    let id = randint(rng, 0, table.len() as i64) as usize;
    let mut steps = Vec::with_capacity(2);
    for &(op, p, bin) in &table[id] {
        if rng.random::<f64>() > p {
            continue;
        }
        steps.push(signed_step(
            rng,
            AugmentSpace::AutoAugment,
            op,
            bin.unwrap_or(0),
            10,
            w,
            h,
        ));
    }
    (id, steps)
}

/// Apply one auto-augment op with its signed magnitude, as torchvision's
/// `_apply_image_or_video_transform` does (spec §1.7): shears about the top-left corner with
/// `shear = deg(atan(m))`, translations by `int(m)` pixels, rotation by `m` degrees, enhance
/// factors `1 + m`, posterize `int(m)` bits, solarize threshold `255·m`.
pub fn apply_auto_op(
    img: &Image,
    step: &AutoStep,
    interpolation: Interpolation,
    fill: Option<[u8; 3]>,
) -> Result<Image> {
    let m = step.magnitude;
    if !m.is_finite() {
        return Err(bad("magnitude", "must be finite"));
    }
    let corner = Some([0.0, 0.0]);
    match step.op {
        AutoOp::Identity => Ok(img.clone()),
        AutoOp::ShearX => affine(
            img,
            0.0,
            [0.0, 0.0],
            1.0,
            [m.atan().to_degrees(), 0.0],
            interpolation,
            fill,
            corner,
        ),
        AutoOp::ShearY => affine(
            img,
            0.0,
            [0.0, 0.0],
            1.0,
            [0.0, m.atan().to_degrees()],
            interpolation,
            fill,
            corner,
        ),
        AutoOp::TranslateX => affine(
            img,
            0.0,
            [m.trunc(), 0.0],
            1.0,
            [0.0, 0.0],
            interpolation,
            fill,
            None,
        ),
        AutoOp::TranslateY => affine(
            img,
            0.0,
            [0.0, m.trunc()],
            1.0,
            [0.0, 0.0],
            interpolation,
            fill,
            None,
        ),
        AutoOp::Rotate => rotate(img, m, interpolation, false, None, fill),
        AutoOp::Brightness => color::adjust_brightness(img, 1.0 + m),
        AutoOp::Color => color::adjust_saturation(img, 1.0 + m),
        AutoOp::Contrast => color::adjust_contrast(img, 1.0 + m),
        AutoOp::Sharpness => filter::adjust_sharpness(img, 1.0 + m),
        AutoOp::Posterize => {
            let bits = m.trunc();
            if !(0.0..=8.0).contains(&bits) {
                return Err(bad("bits", format!("posterize bits {bits} outside 0..=8")));
            }
            color::posterize(img, bits as u8)
        }
        AutoOp::Solarize => color::solarize(img, 255.0 * m),
        AutoOp::AutoContrast => Ok(color::autocontrast(img)),
        AutoOp::Equalize => Ok(color::equalize(img)),
        AutoOp::Invert => Ok(color::invert(img)),
    }
}
