//! Parameter samplers (spec §1.3): RandomResizedCrop's 10-try sampler with its centre fallback and
//! RandomErasing's 10-try sampler with its no-op fallback, plus the torch-style primitives they use.
//!
//! The RNG stream is ChaCha8, not torch's, so draws match torchvision in distribution and in their
//! branch structure, not value for value.

use rand::Rng as _;
use serde::{Deserialize, Serialize};

use crate::Rng;

/// `torch.empty(1).uniform_(a, b)`: U(a, b) (returns `a` when `a == b`).
#[inline]
pub fn uniform(rng: &mut Rng, a: f64, b: f64) -> f64 {
    a + (b - a) * rng.random::<f64>()
}

/// `torch.randint(lo, hi)`: uniform integer in `[lo, hi)`; returns `lo` when the range is empty.
#[inline]
pub fn randint(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..hi)
    }
}

/// Python's `round` (half to even) followed by `int`, as used in the samplers.
#[inline]
pub fn round_int(v: f64) -> i64 {
    v.round_ties_even() as i64
}

/// A crop window in pixels: rows `[top, top+height)`, columns `[left, left+width)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub top: u32,
    pub left: u32,
    pub height: u32,
    pub width: u32,
}

/// Result of [`rrc_window`]: the window and whether it came from the centre-crop fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RrcDraw {
    pub window: Window,
    /// Number of tries used (1..=10), or 0 when all 10 failed and the fallback was taken.
    pub tries: u32,
}

/// `RandomResizedCrop.make_params` for a `W × H` image (spec §1.3): up to 10 draws of
/// `target_area = H·W·U(scale)`, `aspect = exp(U(ln r0, ln r1))` (ratio = w/h),
/// `w = round(√(area·aspect))`, `h = round(√(area/aspect))`, accepted if `0 < w ≤ W` and `0 < h ≤ H`;
/// otherwise the centre-crop fallback clamps the aspect to `ratio`.
pub fn rrc_window(rng: &mut Rng, w: u32, h: u32, scale: [f64; 2], ratio: [f64; 2]) -> RrcDraw {
    let (wf, hf) = (f64::from(w), f64::from(h));
    let area = wf * hf;
    let (l0, l1) = (ratio[0].ln(), ratio[1].ln());
    for t in 0..10 {
        let target_area = area * uniform(rng, scale[0], scale[1]);
        let aspect = uniform(rng, l0, l1).exp();
        let cw = round_int((target_area * aspect).sqrt());
        let ch = round_int((target_area / aspect).sqrt());
        if 0 < cw && cw <= i64::from(w) && 0 < ch && ch <= i64::from(h) {
            let top = randint(rng, 0, i64::from(h) - ch + 1);
            let left = randint(rng, 0, i64::from(w) - cw + 1);
            return RrcDraw {
                window: Window {
                    top: top as u32,
                    left: left as u32,
                    height: ch as u32,
                    width: cw as u32,
                },
                tries: t + 1,
            };
        }
    }
    RrcDraw {
        window: rrc_fallback(w, h, ratio),
        tries: 0,
    }
}

/// The centre-crop fallback of `RandomResizedCrop.make_params` (spec §1.3).
pub fn rrc_fallback(w: u32, h: u32, ratio: [f64; 2]) -> Window {
    let r = f64::from(w) / f64::from(h);
    let (rmin, rmax) = (ratio[0].min(ratio[1]), ratio[0].max(ratio[1]));
    let (cw, ch) = if r < rmin {
        (i64::from(w), round_int(f64::from(w) / rmin))
    } else if r > rmax {
        (round_int(f64::from(h) * rmax), i64::from(h))
    } else {
        (i64::from(w), i64::from(h))
    };
    // Guard against degenerate ratios (not reachable with validated configs).
    let cw = cw.clamp(1, i64::from(w));
    let ch = ch.clamp(1, i64::from(h));
    Window {
        top: ((i64::from(h) - ch) / 2) as u32,
        left: ((i64::from(w) - cw) / 2) as u32,
        height: ch as u32,
        width: cw as u32,
    }
}

/// `RandomErasing.make_params` (spec §1.3): up to 10 draws of `erase_area = H·W·U(scale)`,
/// `aspect = exp(U(ln r0, ln r1))`, `h = round(√(area·aspect))`, `w = round(√(area/aspect))`,
/// accepted only if `h < H` and `w < W` (strict). Returns `None` when all 10 fail (no-op).
pub fn erasing_window(
    rng: &mut Rng,
    w: u32,
    h: u32,
    scale: [f64; 2],
    ratio: [f64; 2],
) -> Option<Window> {
    let area = f64::from(w) * f64::from(h);
    let (l0, l1) = (ratio[0].ln(), ratio[1].ln());
    for _ in 0..10 {
        let erase_area = area * uniform(rng, scale[0], scale[1]);
        let aspect = uniform(rng, l0, l1).exp();
        let eh = round_int((erase_area * aspect).sqrt());
        let ew = round_int((erase_area / aspect).sqrt());
        if !(eh < i64::from(h) && ew < i64::from(w)) {
            continue;
        }
        let top = randint(rng, 0, i64::from(h) - eh + 1);
        let left = randint(rng, 0, i64::from(w) - ew + 1);
        return Some(Window {
            top: top as u32,
            left: left as u32,
            height: eh.max(0) as u32,
            width: ew.max(0) as u32,
        });
    }
    None
}

/// `torch.randperm(n)`.
pub fn randperm(rng: &mut Rng, n: usize) -> Vec<usize> {
    use rand::seq::SliceRandom;
    let mut v: Vec<usize> = (0..n).collect();
    v.shuffle(rng);
    v
}
