//! Colour and point kernels of torchvision v2 for uint8 images (spec §1.2, §1.6).
//!
//! All functions act on the RGB part and copy alpha through. Arithmetic is `f32`, as in torch, where
//! a uint8 tensor times a Python float promotes to float32; casts back to `u8` truncate after clamping
//! to [0, 255] (`_blend`, brightness, contrast, saturation, autocontrast), except hue which uses
//! `trunc(v·255.999)` (spec §1.2). Per-value maps are done through 256-entry lookup tables where the
//! result depends only on the input byte, which is both exact and fast.

use crate::{bad, Image, Result};

/// torchvision's luma, `0.2989·R + 0.587·G + 0.114·B` in float32 (spec §1.2), before any cast.
#[inline]
pub fn gray_f32(r: u8, g: u8, b: u8) -> f32 {
    // Evaluated left to right as torch does: r·0.2989 + g·0.587 + b·0.114.
    f32::from(r) * 0.2989f32 + f32::from(g) * 0.587f32 + f32::from(b) * 0.114f32
}

/// The uint8 grayscale value: `trunc(gray_f32)`. White maps to 254 (spec §1.6, pytorch/vision#8632).
#[inline]
pub fn gray_u8(r: u8, g: u8, b: u8) -> u8 {
    gray_f32(r, g, b).clamp(0.0, 255.0) as u8
}

/// `_blend(a, b, r) = trunc(clamp(r·a + (1−r)·b, 0, 255))` with float32 operands (spec §1.2).
///
/// `r` is taken as `f64` and `1 − r` is formed in `f64` before the cast to `f32`, as Python does
/// before handing the scalar to torch.
#[inline]
pub fn blend(a: f32, b: f32, r: f64) -> u8 {
    (a * r as f32 + b * (1.0 - r) as f32).clamp(0.0, 255.0) as u8
}

/// Apply `f` to every pixel's RGB (alpha untouched) of a copy of `img`.
fn map_pixels(img: &Image, mut f: impl FnMut(&mut [u8])) -> Image {
    let mut out = img.clone();
    for px in out.data.chunks_exact_mut(4) {
        f(&mut px[..3]);
    }
    out
}

/// Apply a 256-entry lookup table to R, G and B of a copy of `img`.
fn map_lut(img: &Image, lut: &[u8; 256]) -> Image {
    map_pixels(img, |px| {
        px[0] = lut[px[0] as usize];
        px[1] = lut[px[1] as usize];
        px[2] = lut[px[2] as usize];
    })
}

fn lut_f32(f: impl Fn(u8) -> f32) -> [f32; 256] {
    let mut lut = [0f32; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        *v = f(i as u8);
    }
    lut
}

fn lut_from(f: impl Fn(u8) -> u8) -> [u8; 256] {
    let mut lut = [0u8; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        *v = f(i as u8);
    }
    lut
}

/// `Grayscale` / `RandomGrayscale` kernel: RGB ← `trunc(0.2989R + 0.587G + 0.114B)` replicated to
/// the three channels (spec §1.2). White becomes 254.
pub fn rgb_to_grayscale(img: &Image) -> Image {
    map_pixels(img, |px| {
        let g = gray_u8(px[0], px[1], px[2]);
        px[0] = g;
        px[1] = g;
        px[2] = g;
    })
}

/// `adjust_brightness`: `trunc(clamp(x·f))` (spec §1.2). Errors if `f < 0` or not finite.
pub fn adjust_brightness(img: &Image, factor: f64) -> Result<Image> {
    check_factor("brightness_factor", factor)?;
    let f = factor as f32;
    Ok(map_lut(img, &lut_from(|x| (f32::from(x) * f).clamp(0.0, 255.0) as u8)))
}

/// Mean over all pixels of `floor(gray_f32)`: the scalar that contrast blends towards (spec §1.2).
pub fn contrast_mean(img: &Image) -> f32 {
    let mut sum: u64 = 0;
    for px in img.data.chunks_exact(4) {
        sum += u64::from(gray_u8(px[0], px[1], px[2]));
    }
    (sum as f64 / img.pixel_count().max(1) as f64) as f32
}

/// `adjust_contrast`: `blend(x, mean(floor(gray(x))), f)` (spec §1.2). Errors if `f < 0` or not finite.
pub fn adjust_contrast(img: &Image, factor: f64) -> Result<Image> {
    check_factor("contrast_factor", factor)?;
    let m = contrast_mean(img);
    Ok(map_lut(img, &lut_from(|x| blend(f32::from(x), m, factor))))
}

/// `adjust_saturation`: `blend(x, floor(gray(x)), f)` per pixel (spec §1.2). Errors if `f < 0` or not finite.
pub fn adjust_saturation(img: &Image, factor: f64) -> Result<Image> {
    check_factor("saturation_factor", factor)?;
    let r = factor as f32;
    let one_minus = (1.0 - factor) as f32;
    Ok(map_pixels(img, |px| {
        let g = f32::from(gray_u8(px[0], px[1], px[2])) * one_minus;
        for c in px.iter_mut() {
            *c = (f32::from(*c) * r + g).clamp(0.0, 255.0) as u8;
        }
    }))
}

fn check_factor(name: &'static str, f: f64) -> Result<()> {
    if !f.is_finite() || f < 0.0 {
        return Err(bad(name, format!("must be a finite number ≥ 0, got {f}")));
    }
    Ok(())
}

/// torchvision's `_rgb_to_hsv` for one pixel of floats in [0, 1] (spec §1.2, Pillow `Convert.c` based).
/// Returns (h, s, v) with h in [0, 1).
#[inline]
pub fn rgb_to_hsv(r: f32, g: f32, b: f32) -> (f32, f32, f32) {
    let maxc = r.max(g).max(b);
    let minc = r.min(g).min(b);
    let eqc = maxc == minc;
    let cr = maxc - minc;
    let s = cr / if eqc { 1.0 } else { maxc };
    let div = if eqc { 1.0 } else { cr };
    // Only the two normalised distances the branch uses are computed (same values as torch's).
    let h = if maxc == r {
        (maxc - b) / div - (maxc - g) / div
    } else if maxc == g {
        2.0 + (maxc - r) / div - (maxc - b) / div
    } else {
        4.0 + (maxc - g) / div - (maxc - r) / div
    };
    // fmod(·, 1) of a non-negative value (h/6 + 1 ≥ 0).
    let h = crate::num::fract_floor(h * (1.0 / 6.0) + 1.0);
    (h, s, maxc)
}

/// torchvision's `_hsv_to_rgb` for one pixel (spec §1.2). Returns floats in [0, 1].
#[inline]
pub fn hsv_to_rgb(h: f32, s: f32, v: f32) -> (f32, f32, f32) {
    let h6 = h * 6.0;
    // For h ≥ 0 (the hue kernel's range) trunc is floor and avoids a libm call.
    let i = if h6 >= 0.0 { (h6 as i32) as f32 } else { h6.floor() };
    let f = h6 - i;
    let i = (i as i32).rem_euclid(6);
    let sxf = s * f;
    let one_minus_s = 1.0 - s;
    let q = ((1.0 - sxf) * v).clamp(0.0, 1.0);
    let t = ((sxf + one_minus_s) * v).clamp(0.0, 1.0);
    let p = (one_minus_s * v).clamp(0.0, 1.0);
    match i {
        0 => (v, t, p),
        1 => (q, v, p),
        2 => (p, v, t),
        3 => (p, q, v),
        4 => (t, p, v),
        _ => (v, p, q),
    }
}

/// `adjust_hue`: shift the HSV hue by `f ∈ [−0.5, 0.5]` turns (spec §1.2): `x/255` → HSV →
/// `h = (h + f) mod 1` → RGB → `trunc(v·255.999)`. Errors if `f` is outside [−0.5, 0.5].
pub fn adjust_hue(img: &Image, factor: f64) -> Result<Image> {
    if !(-0.5..=0.5).contains(&factor) {
        return Err(bad("hue_factor", format!("must be in [-0.5, 0.5], got {factor}")));
    }
    let f = factor as f32;
    // 255 + 1 − 1e-3: torchvision's float→uint8 scale, which maps 1.0 to 255 without rounding up.
    let scale = 255.999f32;
    // x/255 in float32, tabulated (exactly the same values, without a division per channel).
    let unit = lut_f32(|x| f32::from(x) / 255.0);
    Ok(map_pixels(img, |px| {
        if px[0] == px[1] && px[1] == px[2] {
            // s = 0: every hue maps back to v; trunc(v·255.999) is x for all x (checked in tests).
            return;
        }
        let (h, s, v) = rgb_to_hsv(
            unit[px[0] as usize],
            unit[px[1] as usize],
            unit[px[2] as usize],
        );
        let h = crate::num::fract_floor(h + f);
        let (r, g, b) = hsv_to_rgb(h, s, v);
        px[0] = (r * scale) as u8;
        px[1] = (g * scale) as u8;
        px[2] = (b * scale) as u8;
    }))
}

/// `invert`: `255 − x` (spec §1.2).
pub fn invert(img: &Image) -> Image {
    map_pixels(img, |px| {
        for c in px.iter_mut() {
            *c = 255 - *c;
        }
    })
}

/// `posterize(bits)`: `x & (((1<<bits)−1) << (8−bits))`, keeping the top `bits` bits (spec §1.2).
/// Errors if `bits > 8`.
pub fn posterize(img: &Image, bits: u8) -> Result<Image> {
    if bits > 8 {
        return Err(bad("bits", format!("must be in 0..=8, got {bits}")));
    }
    let mask: u8 = (((1u16 << bits) - 1) << (8 - bits)) as u8;
    Ok(map_pixels(img, |px| {
        for c in px.iter_mut() {
            *c &= mask;
        }
    }))
}

/// `solarize(threshold)`: `x ≥ t ? 255 − x : x` (spec §1.2). `threshold` is a float in [0, 255]
/// (RandAugment passes e.g. 178.5). Errors outside that range.
pub fn solarize(img: &Image, threshold: f64) -> Result<Image> {
    if !(0.0..=255.0).contains(&threshold) {
        return Err(bad("threshold", format!("must be in [0, 255], got {threshold}")));
    }
    Ok(map_lut(
        img,
        &lut_from(|x| if f64::from(x) >= threshold { 255 - x } else { x }),
    ))
}

/// `autocontrast`: per channel, `(x − min)/((max − min)/255)` in float32, clamped and truncated;
/// a constant channel is unchanged (spec §1.2).
pub fn autocontrast(img: &Image) -> Image {
    let mut lo = [255u8; 3];
    let mut hi = [0u8; 3];
    for px in img.data.chunks_exact(4) {
        for c in 0..3 {
            lo[c] = lo[c].min(px[c]);
            hi[c] = hi[c].max(px[c]);
        }
    }
    let mut luts = [[0u8; 256]; 3];
    for c in 0..3 {
        let (min, inv_scale) = if lo[c] == hi[c] {
            (0.0f32, 1.0f32)
        } else {
            // torch: inv_scale = (max − min)·(1/255), then diff / inv_scale.
            (
                f32::from(lo[c]),
                (f32::from(hi[c]) - f32::from(lo[c])) * (1.0f32 / 255.0),
            )
        };
        luts[c] = lut_from(|x| ((f32::from(x) - min) / inv_scale).clamp(0.0, 255.0) as u8);
    }
    map_pixels(img, |px| {
        for c in 0..3 {
            px[c] = luts[c][px[c] as usize];
        }
    })
}

/// The equalize lookup table of one channel's histogram (PIL `ImageOps.equalize` scheme, spec §1.2),
/// or `None` when `step == 0` (channel unchanged).
pub fn equalize_lut(hist: &[u64; 256]) -> Option<[u8; 256]> {
    let n: u64 = hist.iter().sum();
    let last = hist.iter().rposition(|&h| h > 0)?;
    let step = (n - hist[last]) / 255;
    if step == 0 {
        return None;
    }
    let mut lut = [0u8; 256];
    let mut cum = 0u64;
    for k in 1..256 {
        cum += hist[k - 1];
        lut[k] = ((cum + step / 2) / step).min(255) as u8;
    }
    Some(lut)
}

/// `equalize`: per-channel histogram equalization (spec §1.2).
pub fn equalize(img: &Image) -> Image {
    let mut hists = [[0u64; 256]; 3];
    for px in img.data.chunks_exact(4) {
        for c in 0..3 {
            hists[c][px[c] as usize] += 1;
        }
    }
    let luts: Vec<Option<[u8; 256]>> = hists.iter().map(equalize_lut).collect();
    map_pixels(img, |px| {
        for c in 0..3 {
            if let Some(lut) = &luts[c] {
                px[c] = lut[px[c] as usize];
            }
        }
    })
}
