//! Neighbourhood and noise kernels: Gaussian blur (spec §1.3), sharpness (spec §1.2) and
//! Gaussian noise (spec §1.1, GaussianNoise row).
//!
//! Blur is computed separably in float32 (torchvision convolves with the 2-D outer-product kernel;
//! the two agree up to float rounding, which can flip a result that lands within ~1e-5 of a .5 tie).

use rand::SeedableRng;
use rand_distr::{Distribution, Normal};

use crate::geometry::{pad_index, PaddingMode};
use crate::{bad, Image, Result};

/// The 1-D Gaussian kernel of torchvision v2: `lim = (k−1)/(2√2σ)`, `x = linspace(−lim, lim, k)`,
/// `softmax(−x²)`, i.e. `exp(−t²/(2σ²))/Σ` for `t = −(k−1)/2 … (k−1)/2` (spec §1.3).
/// Errors unless `k` is odd and positive and `σ > 0`.
pub fn gaussian_kernel1d(k: u32, sigma: f64) -> Result<Vec<f32>> {
    if k == 0 || k.is_multiple_of(2) {
        return Err(bad("kernel_size", format!("must be odd and > 0, got {k}")));
    }
    if !(sigma > 0.0 && sigma.is_finite()) {
        return Err(bad("sigma", format!("must be > 0, got {sigma}")));
    }
    let half = f64::from(k - 1) / 2.0;
    let w: Vec<f64> = (0..k)
        .map(|i| {
            let t = f64::from(i) - half;
            (-t * t / (2.0 * sigma * sigma)).exp()
        })
        .collect();
    let s: f64 = w.iter().sum();
    Ok(w.iter().map(|v| (v / s) as f32).collect())
}

/// The σ torchvision's functional `gaussian_blur` uses when called with `sigma=None`:
/// `σ = 0.3·((k − 1)/2 − 1) + 0.8`, which equals `0.15·k + 0.35` (spec §1.1, GaussianBlur row).
pub fn default_sigma(kernel_size: u32) -> f64 {
    0.3 * ((f64::from(kernel_size) - 1.0) * 0.5 - 1.0) + 0.8
}

/// `gaussian_blur(img, [kx, ky], [σ, σ])`: separable normalised Gaussian, reflect padding of
/// `k//2`, result rounded half-to-even back to uint8 (spec §1.1, §1.3). Alpha is blurred too (it is a
/// channel of the tensor); an opaque image stays opaque.
pub fn gaussian_blur(img: &Image, kernel_size: [u32; 2], sigma: f64) -> Result<Image> {
    let kx = gaussian_kernel1d(kernel_size[0], sigma)?;
    let ky = gaussian_kernel1d(kernel_size[1], sigma)?;
    let (w, h) = (img.width as usize, img.height as usize);
    let (rx, ry) = ((kx.len() / 2) as i64, (ky.len() / 2) as i64);
    // Horizontal pass: each row is widened once into a reflect-padded float row, then convolved.
    let padded_w = w + 2 * rx as usize;
    let xmap: Vec<usize> = (0..padded_w as i64)
        .map(|j| pad_index(j - rx, w as i64, PaddingMode::Reflect).unwrap_or(0) as usize)
        .collect();
    let mut rowf = vec![0f32; 4 * padded_w];
    let mut tmp = vec![0f32; 4 * w * h];
    for y in 0..h {
        let row = &img.data[4 * w * y..4 * w * (y + 1)];
        for (j, &sx) in xmap.iter().enumerate() {
            for c in 0..4 {
                rowf[4 * j + c] = f32::from(row[4 * sx + c]);
            }
        }
        let out = &mut tmp[4 * w * y..4 * w * (y + 1)];
        for x in 0..w {
            let mut acc = [0f32; 4];
            let win = &rowf[4 * x..4 * (x + kx.len())];
            for (kv, p) in kx.iter().zip(win.chunks_exact(4)) {
                for c in 0..4 {
                    acc[c] += kv * p[c];
                }
            }
            out[4 * x..4 * x + 4].copy_from_slice(&acc);
        }
    }
    let mut data = vec![0u8; 4 * w * h];
    let mut acc = vec![0f32; 4 * w];
    for y in 0..h as i64 {
        acc.iter_mut().for_each(|a| *a = 0.0);
        for (k, &kv) in ky.iter().enumerate() {
            let sy = pad_index(y + k as i64 - ry, h as i64, PaddingMode::Reflect).unwrap_or(0) as usize;
            let src = &tmp[4 * w * sy..4 * w * (sy + 1)];
            for (a, &v) in acc.iter_mut().zip(src) {
                *a += kv * v;
            }
        }
        let dst = &mut data[4 * w * y as usize..4 * w * (y as usize + 1)];
        for (d, &a) in dst.iter_mut().zip(&acc) {
            *d = crate::num::round_u8(a);
        }
    }
    Image::new(img.width, img.height, data)
}

/// `adjust_sharpness(f)` (spec §1.2): blur with `[[1,1,1],[1,5,1],[1,1,1]]/13` over the valid
/// region, round, then interior pixels become `x + (1−f)(blurred − x)` (clamped, truncated); the
/// 1-pixel border is unchanged; images with H ≤ 2 or W ≤ 2 are returned unchanged.
/// Errors if `f < 0` or not finite.
pub fn adjust_sharpness(img: &Image, factor: f64) -> Result<Image> {
    if !factor.is_finite() || factor < 0.0 {
        return Err(bad("sharpness_factor", format!("must be ≥ 0, got {factor}")));
    }
    let (w, h) = (img.width as usize, img.height as usize);
    let mut out = img.clone();
    if w <= 2 || h <= 2 {
        return Ok(out);
    }
    let alpha = (1.0 - factor) as f32;
    let src = &img.data;
    let row = 4 * w;
    for y in 1..h - 1 {
        let (r0, r1, r2) = (
            &src[row * (y - 1)..row * y],
            &src[row * y..row * (y + 1)],
            &src[row * (y + 1)..row * (y + 2)],
        );
        let dst = &mut out.data[row * y..row * (y + 1)];
        #[allow(clippy::needless_range_loop)] // neighbours at i ± 4 in three rows
        for i in 4..row - 4 {
            if i & 3 == 3 {
                continue; // alpha passes through
            }
            let at = |r: &[u8], k: usize| u32::from(r[k]);
            let centre = at(r1, i);
            let s = at(r0, i - 4)
                + at(r0, i)
                + at(r0, i + 4)
                + at(r1, i - 4)
                + at(r1, i + 4)
                + at(r2, i - 4)
                + at(r2, i)
                + at(r2, i + 4)
                + 5 * centre;
            // round(s/13) exactly: s/13 can never be a .5 tie, so this equals torch's round_().
            let blurred = (2 * s + 13) / 26;
            let v = centre as f32 + alpha * (blurred as f32 - centre as f32);
            dst[i] = v.clamp(0.0, 255.0) as u8;
        }
    }
    Ok(out)
}

/// `gaussian_noise(mean, sigma, clip)` on a uint8 image. torchvision defines it for float images
/// only (spec §1.1); here the image is converted `x/255`, noise `N(mean, σ)` is added per RGB value
/// (drawn from ChaCha8 seeded with `seed`, row-major, R, G, B), clamped to [0, 1] when `clip`
/// (always clamped before the cast, so `clip=false` only matters for the float semantics) and
/// converted back with torchvision's `trunc(v·255.999)`. Errors if `σ < 0` or not finite.
pub fn gaussian_noise(img: &Image, mean: f64, sigma: f64, clip: bool, seed: u64) -> Result<Image> {
    let normal = Normal::new(mean as f32, sigma as f32)
        .map_err(|e| bad("sigma", format!("{e} (mean={mean}, sigma={sigma})")))?;
    if !mean.is_finite() {
        return Err(bad("mean", "must be finite"));
    }
    let _ = clip;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut out = img.clone();
    for px in out.data.chunks_exact_mut(4) {
        for c in px.iter_mut().take(3) {
            let v = f32::from(*c) / 255.0 + normal.sample(&mut rng);
            *c = (v.clamp(0.0, 1.0) * 255.999) as u8;
        }
    }
    Ok(out)
}
