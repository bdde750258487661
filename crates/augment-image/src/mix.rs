//! Pair augmentations: mixup (Zhang et al. 2018) and CutMix (Yun et al. 2019) as torchvision v2
//! implements them (spec §1.5), on a pair (a, b) where torchvision pairs a batch with `roll(x, 1)`.
//!
//! `lam` always weights the original sample `a` (spec §1.5: `y' = roll(y,1)·(1−lam) + y·lam`).
//! Labels are weight vectors over `num_classes` classes (10 for CIFAR-10).

use rand_distr::{Beta, Distribution};
use serde::{Deserialize, Serialize};

use crate::color::blend;
use crate::sample::randint;
use crate::{bad, AugmentError, Image, Result, Rng};

fn same_size(a: &Image, b: &Image) -> Result<()> {
    if a.width != b.width || a.height != b.height {
        return Err(AugmentError::SizeMismatch {
            a_w: a.width,
            a_h: a.height,
            b_w: b.width,
            b_h: b.height,
        });
    }
    Ok(())
}

fn check_lam(lam: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&lam) {
        return Err(bad("lam", format!("must be in [0, 1], got {lam}")));
    }
    Ok(())
}

/// `lam ~ Beta(α, α)` (spec §1.5; torchvision and both original repos default to α = 1, i.e. U(0, 1)).
/// Errors unless `α > 0` and finite.
pub fn draw_lam(rng: &mut Rng, alpha: f64) -> Result<f64> {
    if !(alpha > 0.0 && alpha.is_finite()) {
        return Err(bad("alpha", format!("must be > 0, got {alpha}")));
    }
    let beta = Beta::new(alpha, alpha).map_err(|e| bad("alpha", e.to_string()))?;
    Ok(beta.sample(rng))
}

/// mixup of two images: `lam·a + (1−lam)·b` in float32, truncated like torchvision's `_blend`
/// (torchvision's MixUp expects float images; on uint8 this crate uses the blend rule of spec §1.2).
/// RGBA including alpha. Errors if sizes differ or `lam ∉ [0, 1]`.
pub fn mixup(a: &Image, b: &Image, lam: f64) -> Result<Image> {
    same_size(a, b)?;
    check_lam(lam)?;
    let data = a
        .data
        .iter()
        .zip(&b.data)
        .map(|(&x, &y)| blend(f32::from(x), f32::from(y), lam))
        .collect();
    Image::new(a.width, a.height, data)
}

/// A CutMix box in pixels: columns `[x1, x2)`, rows `[y1, y2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CutBox {
    pub x1: u32,
    pub y1: u32,
    pub x2: u32,
    pub y2: u32,
}

impl CutBox {
    /// Area in pixels.
    pub fn area(&self) -> u64 {
        u64::from(self.x2.saturating_sub(self.x1)) * u64::from(self.y2.saturating_sub(self.y1))
    }
}

/// torchvision's CutMix box for `lam` and centre `(r_x, r_y)` on a `W × H` image (spec §1.5):
/// `r = 0.5·√(1−lam)`, `rw = int(r·W)`, `rh = int(r·H)`, clipped to the image.
pub fn cutmix_box(w: u32, h: u32, lam: f64, r_x: u32, r_y: u32) -> Result<CutBox> {
    check_lam(lam)?;
    let r = 0.5 * (1.0 - lam).sqrt();
    let rw = (r * f64::from(w)) as i64;
    let rh = (r * f64::from(h)) as i64;
    let (rx, ry) = (i64::from(r_x), i64::from(r_y));
    Ok(CutBox {
        x1: (rx - rw).max(0) as u32,
        y1: (ry - rh).max(0) as u32,
        x2: (rx + rw).min(i64::from(w)) as u32,
        y2: (ry + rh).min(i64::from(h)) as u32,
    })
}

/// `lam_adjusted = 1 − box_area/(W·H)`: the label weight of `a` after pasting (spec §1.5).
pub fn cutmix_lam_adjusted(w: u32, h: u32, b: &CutBox) -> f64 {
    1.0 - b.area() as f64 / (f64::from(w) * f64::from(h))
}

/// Parameters of one CutMix draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CutMixParams {
    /// The Beta(α, α) draw.
    pub lam: f64,
    /// Box centre, `r_x ~ randint(W)`, `r_y ~ randint(H)`.
    pub r_x: u32,
    pub r_y: u32,
    pub cut_box: CutBox,
    /// Area-corrected label weight of `a`.
    pub lam_adjusted: f64,
}

/// Draw CutMix parameters for a `W × H` pair (spec §1.5). Errors on bad α or size.
pub fn draw_cutmix(rng: &mut Rng, alpha: f64, w: u32, h: u32) -> Result<CutMixParams> {
    if w == 0 || h == 0 {
        return Err(AugmentError::BadSize { width: w, height: h });
    }
    let lam = draw_lam(rng, alpha)?;
    let r_x = randint(rng, 0, i64::from(w)) as u32;
    let r_y = randint(rng, 0, i64::from(h)) as u32;
    let cut_box = cutmix_box(w, h, lam, r_x, r_y)?;
    Ok(CutMixParams {
        lam,
        r_x,
        r_y,
        cut_box,
        lam_adjusted: cutmix_lam_adjusted(w, h, &cut_box),
    })
}

/// Paste `b`'s pixels inside `cut_box` onto a copy of `a`; returns the image and `lam_adjusted`
/// (the weight of `a`'s label). Errors if sizes differ or the box is not inside the image.
pub fn cutmix(a: &Image, b: &Image, cut_box: &CutBox) -> Result<(Image, f64)> {
    same_size(a, b)?;
    if cut_box.x1 > cut_box.x2
        || cut_box.y1 > cut_box.y2
        || cut_box.x2 > a.width
        || cut_box.y2 > a.height
    {
        return Err(bad("cut_box", format!("{cut_box:?} not inside {}x{}", a.width, a.height)));
    }
    let mut out = a.clone();
    let row = 4 * a.width as usize;
    let (x1, x2) = (4 * cut_box.x1 as usize, 4 * cut_box.x2 as usize);
    for y in cut_box.y1 as usize..cut_box.y2 as usize {
        out.data[y * row + x1..y * row + x2].copy_from_slice(&b.data[y * row + x1..y * row + x2]);
    }
    Ok((out, cutmix_lam_adjusted(a.width, a.height, cut_box)))
}

/// One-hot label: weight 1 on `label` of `num_classes`. Errors if `label ≥ num_classes`.
pub fn one_hot(label: usize, num_classes: usize) -> Result<Vec<f64>> {
    if label >= num_classes {
        return Err(bad("label", format!("{label} ≥ num_classes {num_classes}")));
    }
    let mut v = vec![0.0; num_classes];
    v[label] = 1.0;
    Ok(v)
}

/// Mixed label weights `lam·y_a + (1−lam)·y_b` (spec §1.5). Errors if lengths differ or `lam ∉ [0, 1]`.
pub fn mix_labels(y_a: &[f64], y_b: &[f64], lam: f64) -> Result<Vec<f64>> {
    check_lam(lam)?;
    if y_a.len() != y_b.len() {
        return Err(bad("labels", format!("lengths differ: {} vs {}", y_a.len(), y_b.len())));
    }
    Ok(y_a.iter().zip(y_b).map(|(a, b)| lam * a + (1.0 - lam) * b).collect())
}

/// Mixed one-hot labels for class indices over `num_classes` (10 for CIFAR-10).
pub fn mix_label_indices(a: usize, b: usize, lam: f64, num_classes: usize) -> Result<Vec<f64>> {
    mix_labels(&one_hot(a, num_classes)?, &one_hot(b, num_classes)?, lam)
}
