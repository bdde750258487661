//! Log–log helpers shared by every power-law widget: geometric grids of sample sizes and the
//! ordinary-least-squares line through `(ln x, ln y)`.
//!
//! A power law `y = A·x^slope` is a straight line on log–log axes, `ln y = ln A + slope·ln x`, so the
//! exponent the course asks learners to "read off the plot" is exactly the OLS slope computed here.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// `points` values from `min` to `max` (both included) with a constant ratio between neighbours.
///
/// Returns an empty vector if `points == 0`, `[min]` if `points == 1`, and an empty vector if either
/// end is non-positive or non-finite (a geometric grid needs `0 < min`, finite ends).
pub fn log_space(min: f64, max: f64, points: usize) -> Vec<f64> {
    if points == 0 || !(min > 0.0 && max > 0.0 && min.is_finite() && max.is_finite()) {
        return Vec::new();
    }
    if points == 1 {
        return vec![min];
    }
    let (lo, hi) = (min.ln(), max.ln());
    let step = (hi - lo) / (points - 1) as f64;
    (0..points)
        .map(|i| {
            // Pin the ends so callers can rely on `first == min` and `last == max` exactly.
            if i == 0 {
                min
            } else if i == points - 1 {
                max
            } else {
                (lo + step * i as f64).exp()
            }
        })
        .collect()
}

/// Integer sample sizes spaced geometrically between `min` and `max` (inclusive), rounded to the
/// nearest integer, deduplicated and strictly increasing.
///
/// Rounding can merge neighbours at the small end (for example `1..=3` with 10 points gives
/// `[1, 2, 3]`), so the result may hold fewer than `points` values. `min == 0` is treated as 1
/// (a sample of size 0 has no mean). Empty if `points == 0` or `min > max`.
pub fn log_space_int(min: u64, max: u64, points: usize) -> Vec<u64> {
    let min = min.max(1);
    if points == 0 || min > max {
        return Vec::new();
    }
    let mut out: Vec<u64> = log_space(min as f64, max as f64, points)
        .into_iter()
        .map(|v| (v.round() as u64).clamp(min, max))
        .collect();
    out.dedup();
    out
}

/// The largest number of the 1–2–5 series (1, 2, 5, 10, 20, 50, …) that is ≤ `x`; 0 when `x < 1`
/// or `x` is NaN. Bounds derived from a cost cap are rounded down with it, so that a control stops
/// at a round number (1000, not 1721) and the cap still holds.
pub fn floor_1_2_5(x: f64) -> u64 {
    if x.is_nan() || x < 1.0 {
        return 0;
    }
    let mut decade = 1u64;
    while let Some(next) = decade.checked_mul(10) {
        if next as f64 > x {
            break;
        }
        decade = next;
    }
    [5u64, 2, 1]
        .into_iter()
        .filter_map(|m| m.checked_mul(decade))
        .find(|&v| v as f64 <= x)
        .unwrap_or(decade)
}

/// A straight line `ln y = intercept + slope·ln x` fitted by ordinary least squares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineFit {
    /// The power-law exponent (dimensionless): `y ∝ x^slope`.
    pub slope: f64,
    /// `ln A` in `y = A·x^slope` (natural log of the prefactor, in the units of `y`).
    pub intercept: f64,
    /// Coefficient of determination of the fit in log space, in `[0, 1]`; 1 when the residuals are
    /// all zero (including the degenerate case of constant `y`).
    pub r2: f64,
    /// Standard error of the slope, `sqrt(SSE/(m−2) / Σ(ln x − mean)²)` for `m` points.
    /// NaN for exactly two points (no residual degrees of freedom).
    pub slope_stderr: f64,
}

/// Why a log–log fit could not be made.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum FitError {
    #[error("x and y have different lengths ({x} vs {y})")]
    LengthMismatch { x: usize, y: usize },
    #[error("a line needs at least 2 points, got {0}")]
    TooFewPoints(usize),
    #[error("point {index} is not positive and finite (x = {x}, y = {y}); log–log needs x > 0 and y > 0")]
    NonPositive { index: usize, x: f64, y: f64 },
    #[error("all x values are equal, so the slope is undefined")]
    ZeroVarianceX,
}

/// OLS fit of `ln y` on `ln x`.
///
/// Errors: mismatched lengths, fewer than 2 points, any `x` or `y` that is not finite and > 0,
/// or all `x` equal.
pub fn fit_loglog(x: &[f64], y: &[f64]) -> Result<LineFit, FitError> {
    if x.len() != y.len() {
        return Err(FitError::LengthMismatch {
            x: x.len(),
            y: y.len(),
        });
    }
    let m = x.len();
    if m < 2 {
        return Err(FitError::TooFewPoints(m));
    }
    for (index, (&xi, &yi)) in x.iter().zip(y).enumerate() {
        let ok = |v: f64| v.is_finite() && v > 0.0;
        if !ok(xi) || !ok(yi) {
            return Err(FitError::NonPositive {
                index,
                x: xi,
                y: yi,
            });
        }
    }
    let lx: Vec<f64> = x.iter().map(|v| v.ln()).collect();
    let ly: Vec<f64> = y.iter().map(|v| v.ln()).collect();
    let mf = m as f64;
    let mx = lx.iter().sum::<f64>() / mf;
    let my = ly.iter().sum::<f64>() / mf;
    // Centred sums keep the fit accurate when ln x spans a narrow range far from 0.
    let sxx: f64 = lx.iter().map(|a| (a - mx).powi(2)).sum();
    let sxy: f64 = lx.iter().zip(&ly).map(|(a, b)| (a - mx) * (b - my)).sum();
    let syy: f64 = ly.iter().map(|b| (b - my).powi(2)).sum();
    // Relative threshold: x values equal up to rounding still have no usable spread.
    if sxx <= 1e-24 * mx.abs().max(1.0).powi(2) * mf {
        return Err(FitError::ZeroVarianceX);
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let sse: f64 = lx
        .iter()
        .zip(&ly)
        .map(|(a, b)| (b - intercept - slope * a).powi(2))
        .sum();
    let r2 = if syy > 0.0 {
        (1.0 - sse / syy).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let slope_stderr = if m > 2 {
        (sse / (mf - 2.0) / sxx).sqrt()
    } else {
        f64::NAN
    };
    Ok(LineFit {
        slope,
        intercept,
        r2,
        slope_stderr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_space_ends_and_ratio() {
        let v = log_space(1.0, 1000.0, 4);
        assert_eq!(v.len(), 4);
        assert_eq!(v[0], 1.0);
        assert_eq!(v[3], 1000.0);
        assert!((v[1] - 10.0).abs() < 1e-9 && (v[2] - 100.0).abs() < 1e-9);
        assert!(log_space(0.0, 10.0, 3).is_empty());
        assert_eq!(log_space(5.0, 10.0, 1), vec![5.0]);
    }

    #[test]
    fn log_space_int_rounds_and_dedups() {
        assert_eq!(log_space_int(1, 3, 10), vec![1, 2, 3]);
        assert_eq!(log_space_int(10, 10_000, 4), vec![10, 100, 1000, 10_000]);
        let v = log_space_int(1, 1_000_000, 40);
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert_eq!((v[0], *v.last().unwrap()), (1, 1_000_000));
        assert!(log_space_int(5, 4, 3).is_empty());
    }
}
