//! Charts drawn with plotters on a canvas: crisp on HiDPI screens (the backing store is sized in device
//! pixels), redrawn at most once per animation frame, coloured by the theme, and always paired with a
//! text alternative by the widget that uses them.

pub mod frame;
pub mod loglog;
pub mod logx;

pub use loglog::{LogLogChart, LogLogSpec, Series, SeriesKind};

/// Samples of a smooth curve drawn across a chart (power laws with an offset, IsoFLOP profiles, the
/// law explorer's curves): one per 1.6 CSS pixels of the widest plot (about 620 px in the 44-rem
/// column), so that at a device pixel ratio of 2 no curve shows its facets. Data tables list their
/// own, coarser samples of the same functions.
pub const SMOOTH_POINTS: usize = 400;

/// [`SMOOTH_POINTS`] values from `lo` to `hi`, evenly spaced on a log axis.
pub fn smooth_grid(lo: f64, hi: f64) -> Vec<f64> {
    let (l0, l1) = (lo.ln(), hi.ln());
    let last = (SMOOTH_POINTS - 1) as f64;
    (0..SMOOTH_POINTS).map(|i| (l0 + (l1 - l0) * i as f64 / last).exp()).collect()
}
