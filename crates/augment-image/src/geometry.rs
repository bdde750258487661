//! Geometric kernels: flips, the inverse affine matrix and grid sampling (affine, rotate, expand),
//! padding (constant / edge / reflect / symmetric), crops and (antialiased) resizing.
//!
//! Conventions follow torchvision v2's tensor path (spec §1.4): the inverse matrix maps an output
//! pixel to an input pixel in coordinates centred on the image centre; output pixel (xo, yo) sits at
//! `(xo − W/2 + 0.5, yo − H/2 + 0.5)`; `grid_sample` runs with `align_corners=False` and zero padding;
//! the fill uses an all-ones mask channel; integer results are rounded (half to even, as `round_`).
//! Alpha is sampled like a colour channel but always filled with 255 (spec, intro: "geometric fill
//! uses black with alpha 255"), composited so that an opaque input gives an opaque output.

use serde::{Deserialize, Serialize};

use crate::image::check_size;
use crate::{bad, num, Image, Result};

/// Interpolation for geometric ops. Tensors support only these two (spec §1.1, RandomRotation row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Interpolation {
    /// `InterpolationMode.NEAREST`.
    #[default]
    Nearest,
    /// `InterpolationMode.BILINEAR`.
    Bilinear,
}

/// `padding_mode` of `RandomCrop` / `F.pad` (spec §1.1, RandomCrop row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaddingMode {
    /// Outside pixels take the fill colour.
    #[default]
    Constant,
    /// Repeat the border pixel.
    Edge,
    /// Mirror without repeating the edge: `[1,2,3,4]` padded by 2 → `[3,2,1,2,3,4,3,2]`.
    Reflect,
    /// Mirror repeating the edge: `[1,2,3,4]` padded by 2 → `[2,1,1,2,3,4,4,3]`.
    Symmetric,
}

/// Map a possibly out-of-range index `i` onto `0..n` under `mode`; `None` means "use the fill".
///
/// Unlike torch, reflect/symmetric padding wider than the image folds repeatedly (periodically)
/// instead of raising, so that no input makes this crate panic or error mid-pipeline.
#[inline]
pub fn pad_index(i: i64, n: i64, mode: PaddingMode) -> Option<i64> {
    if (0..n).contains(&i) {
        return Some(i);
    }
    match mode {
        PaddingMode::Constant => None,
        PaddingMode::Edge => Some(i.clamp(0, n - 1)),
        PaddingMode::Reflect => {
            if n == 1 {
                return Some(0);
            }
            let period = 2 * (n - 1);
            let k = i.rem_euclid(period);
            Some(if k >= n { period - k } else { k })
        }
        PaddingMode::Symmetric => {
            let period = 2 * n;
            let k = i.rem_euclid(period);
            Some(if k >= n { period - 1 - k } else { k })
        }
    }
}

/// `horizontal_flip`: `out[y][x] = in[y][W−1−x]` (spec §1.1).
pub fn hflip(img: &Image) -> Image {
    let row = 4 * img.width as usize;
    let mut data = img.data.clone();
    // Whole pixels as `[u8; 4]`: reversing a row of those is one pass of 4-byte swaps.
    for r in data.chunks_exact_mut(row) {
        r.as_chunks_mut::<4>().0.reverse();
    }
    Image { width: img.width, height: img.height, data }
}

/// `vertical_flip`: `out[y][x] = in[H−1−y][x]` (spec §1.1).
pub fn vflip(img: &Image) -> Image {
    let row = 4 * img.width as usize;
    let mut data = Vec::with_capacity(img.data.len());
    for src in img.data.chunks_exact(row).rev() {
        data.extend_from_slice(src);
    }
    Image {
        width: img.width,
        height: img.height,
        data,
    }
}

/// torchvision's `_get_inverse_affine_matrix(center, angle, translate, scale, shear)` (spec §1.4).
///
/// `angle` and `shear` in degrees (F.affine's convention, "clockwise" on screen), `center` and
/// `translate` in pixels in the caller's coordinate frame. Returns `M` (row-major 2×3) mapping output
/// to input coordinates.
pub fn inverse_affine_matrix(
    center: [f64; 2],
    angle: f64,
    translate: [f64; 2],
    scale: f64,
    shear: [f64; 2],
) -> [f64; 6] {
    let rot = angle.to_radians();
    let sx = shear[0].to_radians();
    let sy = shear[1].to_radians();
    let [cx, cy] = center;
    let [tx, ty] = translate;
    let a = (rot - sy).cos() / sy.cos();
    let b = -(rot - sy).cos() * sx.tan() / sy.cos() - rot.sin();
    let c = (rot - sy).sin() / sy.cos();
    let d = -(rot - sy).sin() * sx.tan() / sy.cos() + rot.cos();
    let mut m = [d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0];
    m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
    m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
    m[2] += cx;
    m[5] += cy;
    m
}

/// `_compute_affine_output_size`: push the corners `(±W/2, ±H/2)` through `m`, shift to `[0, W]`,
/// truncate to a 1e-4 grid and take `ceil(max) − floor(min)` (spec §1.4). Returns `(width, height)`.
pub fn affine_output_size(m: &[f64; 6], w: u32, h: u32) -> (i64, i64) {
    let (hw, hh) = (0.5 * f64::from(w), 0.5 * f64::from(h));
    let corners = [(-hw, -hh), (-hw, hh), (hw, hh), (hw, -hh)];
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for (x, y) in corners {
        let p = [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    let tol = 1e-4;
    let shift = [hw, hh];
    let mut size = [0i64; 2];
    for k in 0..2 {
        let cmax = (((hi[k] + shift[k]) / tol).trunc() * tol).ceil();
        let cmin = (((lo[k] + shift[k]) / tol).trunc() * tol).floor();
        size[k] = (cmax - cmin) as i64;
    }
    (size[0], size[1])
}

/// Grid-sample `img` through the inverse matrix `m` (centred coordinates, spec §1.4) onto an
/// `out_w × out_h` canvas. `fill = None` is torchvision's `fill=None` (plain zero padding, no mask);
/// `Some(rgb)` uses the mask rule (nearest: mask < 0.5 → fill; bilinear: `img·mask + (1−mask)·fill`).
pub fn warp(
    img: &Image,
    m: &[f64; 6],
    out_w: u32,
    out_h: u32,
    interpolation: Interpolation,
    fill: Option<[u8; 3]>,
) -> Result<Image> {
    let n = check_size(out_w, out_h)?;
    let (w, h) = (img.width as i64, img.height as i64);
    let mut data = vec![0u8; 4 * n];
    let fill4 = fill.map(|f| [f32::from(f[0]), f32::from(f[1]), f32::from(f[2]), 255.0]);
    let (half_w, half_h) = (0.5 * f64::from(img.width), 0.5 * f64::from(img.height));
    let src = &img.data;
    let wu = w as usize;
    let outside: [u8; 4] = match fill {
        Some(f) => [f[0], f[1], f[2], 255],
        None => [0, 0, 0, 255],
    };
    for yo in 0..out_h as usize {
        let yc = yo as f64 - 0.5 * f64::from(out_h) + 0.5;
        for xo in 0..out_w as usize {
            let xc = xo as f64 - 0.5 * f64::from(out_w) + 0.5;
            // Input pixel coordinates (align_corners=False): centred coordinate + size/2 − 0.5.
            let ix = m[0] * xc + m[1] * yc + m[2] + half_w - 0.5;
            let iy = m[3] * xc + m[4] * yc + m[5] + half_h - 0.5;
            let o = 4 * (yo * out_w as usize + xo);
            let px = &mut data[o..o + 4];
            if !(ix.is_finite() && iy.is_finite()) {
                px.copy_from_slice(&outside);
                continue;
            }
            match interpolation {
                Interpolation::Nearest => {
                    let xr = num::round_even_f64(ix);
                    let yr = num::round_even_f64(iy);
                    if xr >= 0.0 && yr >= 0.0 && xr < w as f64 && yr < h as f64 {
                        let s = 4 * (yr as usize * wu + xr as usize);
                        px.copy_from_slice(&src[s..s + 4]);
                    } else {
                        px.copy_from_slice(&outside);
                    }
                }
                Interpolation::Bilinear => {
                    let (x0, y0) = (num::floor_i64(ix), num::floor_i64(iy));
                    let fx = (ix - x0 as f64) as f32;
                    let fy = (iy - y0 as f64) as f32;
                    if x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h {
                        // All four taps inside: mask = 1, so every fill rule reduces to the sample.
                        let s00 = 4 * (y0 as usize * wu + x0 as usize);
                        let s10 = s00 + 4 * wu;
                        let (w00, w01) = ((1.0 - fx) * (1.0 - fy), fx * (1.0 - fy));
                        let (w10, w11) = ((1.0 - fx) * fy, fx * fy);
                        for c in 0..4 {
                            let v = w00 * f32::from(src[s00 + c])
                                + w01 * f32::from(src[s00 + 4 + c])
                                + w10 * f32::from(src[s10 + c])
                                + w11 * f32::from(src[s10 + 4 + c]);
                            px[c] = num::round_u8(v);
                        }
                        continue;
                    }
                    let mut acc = [0f32; 4];
                    let mut mask = 0f32;
                    for (dy, wy) in [(0i64, 1.0 - fy), (1, fy)] {
                        let yy = y0 + dy;
                        if yy < 0 || yy >= h {
                            continue;
                        }
                        for (dx, wx) in [(0i64, 1.0 - fx), (1, fx)] {
                            let xx = x0 + dx;
                            if xx < 0 || xx >= w {
                                continue;
                            }
                            let wgt = wx * wy;
                            let s = 4 * (yy as usize * wu + xx as usize);
                            for c in 0..4 {
                                acc[c] += wgt * f32::from(src[s + c]);
                            }
                            mask += wgt;
                        }
                    }
                    for c in 0..4 {
                        let v = match (fill4, c) {
                            // Alpha composites the opaque fill properly (zero-padded sample plus
                            // (1 − mask)·255), so an opaque image stays opaque; torchvision's
                            // mask rule is kept for the colour channels only.
                            (_, 3) => acc[3] + (1.0 - mask) * 255.0,
                            (Some(f), _) => acc[c] * mask + (1.0 - mask) * f[c],
                            (None, _) => acc[c],
                        };
                        px[c] = num::round_u8(v);
                    }
                }
            }
        }
    }
    Image::new(out_w, out_h, data)
}

/// `F.affine` (tensor path): `angle` degrees (clockwise on screen), `translate` pixels (positive x
/// moves content right), `scale`, `shear` degrees (x, y), `center` in pixels from the top-left
/// (`None` = image centre). Output has the input's size. Errors if `scale ≤ 0` or a value is not finite.
#[allow(clippy::too_many_arguments)]
pub fn affine(
    img: &Image,
    angle: f64,
    translate: [f64; 2],
    scale: f64,
    shear: [f64; 2],
    interpolation: Interpolation,
    fill: Option<[u8; 3]>,
    center: Option<[f64; 2]>,
) -> Result<Image> {
    if !(scale > 0.0 && scale.is_finite()) {
        return Err(bad("scale", format!("must be > 0, got {scale}")));
    }
    if ![angle, translate[0], translate[1], shear[0], shear[1]]
        .iter()
        .all(|v| v.is_finite())
    {
        return Err(bad("affine", "angle, translate and shear must be finite"));
    }
    let c = centre_relative(img, center);
    let m = inverse_affine_matrix(c, angle, translate, scale, shear);
    warp(img, &m, img.width, img.height, interpolation, fill)
}

fn centre_relative(img: &Image, center: Option<[f64; 2]>) -> [f64; 2] {
    match center {
        None => [0.0, 0.0],
        Some([cx, cy]) => [
            cx - 0.5 * f64::from(img.width),
            cy - 0.5 * f64::from(img.height),
        ],
    }
}

/// `F.rotate`: `angle` degrees **counter-clockwise** (spec §1.4; implemented as the inverse affine
/// matrix of `−angle`). With `expand`, the canvas grows to hold the whole rotated image (§1.4 expand
/// rule); otherwise it keeps the input size. Errors if `angle` is not finite or the expanded canvas
/// is too large.
pub fn rotate(
    img: &Image,
    angle: f64,
    interpolation: Interpolation,
    expand: bool,
    center: Option<[f64; 2]>,
    fill: Option<[u8; 3]>,
) -> Result<Image> {
    if !angle.is_finite() {
        return Err(bad("angle", "must be finite"));
    }
    let c = centre_relative(img, center);
    let m = inverse_affine_matrix(c, -angle, [0.0, 0.0], 1.0, [0.0, 0.0]);
    let (ow, oh) = if expand {
        let (ow, oh) = affine_output_size(&m, img.width, img.height);
        let to_u32 = |v: i64| u32::try_from(v.max(1)).unwrap_or(u32::MAX);
        (to_u32(ow), to_u32(oh))
    } else {
        (img.width, img.height)
    };
    warp(img, &m, ow, oh, interpolation, fill)
}

/// Pad by `[left, top, right, bottom]` pixels with `mode` (`fill` is used by `Constant` only).
pub fn pad(img: &Image, padding: [u32; 4], mode: PaddingMode, fill: [u8; 3]) -> Result<Image> {
    let [l, t, r, b] = padding.map(i64::from);
    let ow = i64::from(img.width) + l + r;
    let oh = i64::from(img.height) + t + b;
    padded_crop(img, -t, -l, oh, ow, mode, fill)
}

/// Read the window `[top, top+height) × [left, left+width)` of `img`, where the window may reach
/// outside the image; outside pixels follow `mode` (constant uses `fill` with alpha 255). This is
/// `pad` followed by `crop` without materialising the padded image.
pub fn padded_crop(
    img: &Image,
    top: i64,
    left: i64,
    height: i64,
    width: i64,
    mode: PaddingMode,
    fill: [u8; 3],
) -> Result<Image> {
    let (ow, oh) = (
        u32::try_from(width).map_err(|_| bad("width", format!("invalid crop width {width}")))?,
        u32::try_from(height).map_err(|_| bad("height", format!("invalid crop height {height}")))?,
    );
    let n = check_size(ow, oh)?;
    let (w, h) = (i64::from(img.width), i64::from(img.height));
    let fill4 = [fill[0], fill[1], fill[2], 255];
    let mut data = Vec::with_capacity(4 * n);
    // Column map computed once per call (not per pixel).
    let cols: Vec<Option<usize>> = (0..width)
        .map(|x| pad_index(left + x, w, mode).map(|v| v as usize))
        .collect();
    let row_bytes = 4 * img.width as usize;
    for y in 0..height {
        match pad_index(top + y, h, mode) {
            None => {
                for _ in 0..width {
                    data.extend_from_slice(&fill4);
                }
            }
            Some(sy) => {
                let row = &img.data[sy as usize * row_bytes..(sy as usize + 1) * row_bytes];
                // Fast path: the whole window row lies inside the image.
                if left >= 0 && left + width <= w {
                    data.extend_from_slice(&row[4 * left as usize..4 * (left + width) as usize]);
                    continue;
                }
                for c in &cols {
                    match c {
                        Some(sx) => data.extend_from_slice(&row[4 * sx..4 * sx + 4]),
                        None => data.extend_from_slice(&fill4),
                    }
                }
            }
        }
    }
    Image::new(ow, oh, data)
}

/// `F.crop(top, left, height, width)`: torchvision zero-pads a window that reaches outside the
/// image; here the padding is black with alpha 255.
pub fn crop(img: &Image, top: i64, left: i64, height: i64, width: i64) -> Result<Image> {
    padded_crop(img, top, left, height, width, PaddingMode::Constant, [0, 0, 0])
}

/// Per-output-index taps of a separable resampling pass, with int16-range fixed-point weights.
struct Taps {
    start: Vec<usize>,
    len: Vec<usize>,
    /// `kmax` weights per output index (unused slots are 0).
    weights: Vec<i32>,
    kmax: usize,
    precision: u32,
}

/// Triangle-filter taps for resizing `in_size → out_size` (align_corners=False), following torch's
/// separable uint8 bilinear kernel (ATen `UpSampleKernel.cpp`: `_compute_indices_min_size_weights_aa`
/// and `_compute_index_ranges_int16_weights`), itself modelled on Pillow's `ImagingResample`.
/// With `antialias=false` torch uses `_compute_indices_min_size_weights` (two taps at
/// `src = max(scale·(i+0.5) − 0.5, 0)`, clamped at the last pixel); the support-1 triangle below
/// yields the same taps and weights:
/// `scale = in/out`; `support = scale` if antialiasing a downscale else 1; `center = scale·(i + 0.5)`;
/// `xmin = max(trunc(center − support + 0.5), 0)`, `xmax = min(trunc(center + support + 0.5), in)`;
/// `w_j = tri((j + xmin − center + 0.5)/max(scale,1))` (only when antialiasing) normalised to sum 1,
/// then quantised to `round(w·2^p)` with the largest `p < 22` for which `2·max_w·2^p < 2^15`.
fn bilinear_taps(in_size: usize, out_size: usize, antialias: bool) -> Taps {
    let scale = in_size as f64 / out_size as f64;
    let (support, inv) = if antialias && scale >= 1.0 {
        (scale, 1.0 / scale)
    } else {
        (1.0, 1.0)
    };
    let kmax = (support.ceil() as usize) * 2 + 1;
    let mut start = Vec::with_capacity(out_size);
    let mut len = Vec::with_capacity(out_size);
    let mut wf = vec![0f64; out_size * kmax];
    let mut max_w = 0f64;
    for i in 0..out_size {
        let center = scale * (i as f64 + 0.5);
        let xmin = ((center - support + 0.5) as i64).max(0) as usize;
        let xmax = ((center + support + 0.5) as i64).min(in_size as i64).max(0) as usize;
        let n = xmax.saturating_sub(xmin).min(kmax);
        let row = &mut wf[i * kmax..i * kmax + kmax];
        let mut total = 0.0;
        for (j, w) in row.iter_mut().enumerate().take(n) {
            let t = (j as f64 + xmin as f64 - center + 0.5) * inv;
            *w = (1.0 - t.abs()).max(0.0);
            total += *w;
        }
        if total != 0.0 {
            for w in row.iter_mut().take(n) {
                *w /= total;
                max_w = max_w.max(*w);
            }
        }
        start.push(xmin);
        len.push(n);
    }
    let mut precision = 0u32;
    while precision < 22 {
        let next = (0.5 + max_w * f64::from(1u32 << (precision + 1))) as i64;
        if next >= 1 << 15 {
            break;
        }
        precision += 1;
    }
    let one = f64::from(1u32 << precision);
    let weights = wf.iter().map(|&w| (0.5 + w * one).floor() as i32).collect();
    Taps {
        start,
        len,
        weights,
        kmax,
        precision,
    }
}

#[inline]
fn fixed_to_u8(acc: i32, precision: u32) -> u8 {
    (acc >> precision).clamp(0, 255) as u8
}

/// Resize the in-bounds window `(top, left, height, width)` of `img` to `out_w × out_h`.
///
/// Bilinear: two separable passes (horizontal first, into a uint8 buffer, then vertical), each
/// skipped when that side keeps its size, as torch's uint8 kernel does. Nearest: torch's legacy
/// `nearest`, `src = min(floor(dst·(in/out)), in−1)` in float32.
#[allow(clippy::too_many_arguments)]
fn resize_window(
    img: &Image,
    top: usize,
    left: usize,
    height: usize,
    width: usize,
    out_w: u32,
    out_h: u32,
    interpolation: Interpolation,
    antialias: bool,
) -> Result<Image> {
    let n = check_size(out_w, out_h)?;
    let (ow, oh) = (out_w as usize, out_h as usize);
    let stride = 4 * img.width as usize;
    match interpolation {
        Interpolation::Nearest => {
            let map = |o: usize, inn: usize, out: usize| -> usize {
                if inn == out {
                    o
                } else {
                    let s = inn as f32 / out as f32;
                    ((o as f32 * s).floor() as usize).min(inn - 1)
                }
            };
            let cols: Vec<usize> = (0..ow).map(|x| map(x, width, ow)).collect();
            let mut data = Vec::with_capacity(4 * n);
            for y in 0..oh {
                let sy = top + map(y, height, oh);
                let row = &img.data[sy * stride..];
                for &sx in &cols {
                    let s = 4 * (left + sx);
                    data.extend_from_slice(&row[s..s + 4]);
                }
            }
            Image::new(out_w, out_h, data)
        }
        Interpolation::Bilinear => {
            // Horizontal pass over the window rows: height × ow.
            let mut horiz: Vec<u8>;
            if ow != width {
                let taps = bilinear_taps(width, ow, antialias);
                horiz = vec![0u8; 4 * ow * height];
                let half = 1i32 << taps.precision >> 1;
                for y in 0..height {
                    let start = (top + y) * stride + 4 * left;
                    // Whole pixels, so the tap loop indexes once per pixel, not once per channel.
                    let row = img.data[start..start + 4 * width].as_chunks::<4>().0;
                    let dst = horiz[y * 4 * ow..(y + 1) * 4 * ow].as_chunks_mut::<4>().0;
                    for (x, out) in dst.iter_mut().enumerate() {
                        let ws = &taps.weights[x * taps.kmax..x * taps.kmax + taps.len[x]];
                        let s0 = taps.start[x];
                        let mut acc = [half; 4];
                        for (p, &wk) in row[s0..s0 + ws.len()].iter().zip(ws) {
                            for c in 0..4 {
                                acc[c] += i32::from(p[c]) * wk;
                            }
                        }
                        for c in 0..4 {
                            out[c] = fixed_to_u8(acc[c], taps.precision);
                        }
                    }
                }
            } else {
                horiz = Vec::with_capacity(4 * ow * height);
                for y in 0..height {
                    let s = (top + y) * stride + 4 * left;
                    horiz.extend_from_slice(&img.data[s..s + 4 * width]);
                }
            }
            if oh == height {
                return Image::new(out_w, out_h, horiz);
            }
            let taps = bilinear_taps(height, oh, antialias);
            let half = 1i32 << taps.precision >> 1;
            let row_len = 4 * ow;
            let mut data = vec![0u8; 4 * n];
            let mut acc = vec![0i32; row_len];
            for y in 0..oh {
                acc.iter_mut().for_each(|a| *a = half);
                let s0 = taps.start[y];
                for k in 0..taps.len[y] {
                    let wk = taps.weights[y * taps.kmax + k];
                    let src = &horiz[(s0 + k) * row_len..(s0 + k + 1) * row_len];
                    for (a, &v) in acc.iter_mut().zip(src) {
                        *a += i32::from(v) * wk;
                    }
                }
                for (d, &a) in data[y * row_len..(y + 1) * row_len].iter_mut().zip(&acc) {
                    *d = fixed_to_u8(a, taps.precision);
                }
            }
            Image::new(out_w, out_h, data)
        }
    }
}

/// `F.resize(img, [out_h, out_w], interpolation, antialias)` (see [`resized_crop`] for the kernel).
pub fn resize(
    img: &Image,
    out_w: u32,
    out_h: u32,
    interpolation: Interpolation,
    antialias: bool,
) -> Result<Image> {
    resize_window(
        img,
        0,
        0,
        img.height as usize,
        img.width as usize,
        out_w,
        out_h,
        interpolation,
        antialias,
    )
}

/// `F.resized_crop(img, top, left, height, width, [out_h, out_w], interpolation, antialias)`:
/// crop then resize. The window must lie inside the image (RandomResizedCrop's windows always do);
/// errors otherwise.
#[allow(clippy::too_many_arguments)]
pub fn resized_crop(
    img: &Image,
    top: u32,
    left: u32,
    height: u32,
    width: u32,
    out_w: u32,
    out_h: u32,
    interpolation: Interpolation,
    antialias: bool,
) -> Result<Image> {
    if height == 0
        || width == 0
        || u64::from(top) + u64::from(height) > u64::from(img.height)
        || u64::from(left) + u64::from(width) > u64::from(img.width)
    {
        return Err(bad(
            "crop",
            format!(
                "window top={top} left={left} {width}x{height} is not inside the {}x{} image",
                img.width, img.height
            ),
        ));
    }
    resize_window(
        img,
        top as usize,
        left as usize,
        height as usize,
        width as usize,
        out_w,
        out_h,
        interpolation,
        antialias,
    )
}
