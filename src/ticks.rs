//! Where the ticks of a log axis go: powers of ten, denser when the axis is short, so that every axis
//! carries at least two labelled ticks (a lone "3" says nothing about the scale). Plain arithmetic,
//! tested natively; the charts (wasm only) call it.

/// Ticks for a log axis over `[lo, hi]` (`0 < lo < hi`): `(labelled, grid only)`.
///
/// Labelled: 1·10ᵏ, thinned to every other decade over more than 8 decades; plus 2·10ᵏ and 5·10ᵏ under
/// two decades; every integer multiple m·10ᵏ when that still leaves fewer than two; and evenly spaced
/// values when even those do (an axis inside one step, such as 2.1–2.9). Grid only: every m·10ᵏ.
pub fn log_axis_ticks(lo: f64, hi: f64) -> (Vec<f64>, Vec<f64>) {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return (Vec::new(), Vec::new());
    }
    let (e0, e1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let span = hi.log10() - lo.log10();
    let mults: &[f64] = if span < 2.0 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let stride = if span > 8.0 { 2 } else { 1 };
    let inside = |v: &f64| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9);
    let mut bold: Vec<f64> = (e0..=e1)
        .filter(|e| mults.len() > 1 || e.rem_euclid(stride) == 0)
        .flat_map(|e| mults.iter().map(move |m| m * 10f64.powi(e)))
        .filter(inside)
        .collect();
    let light: Vec<f64> = (e0..=e1).flat_map(|e| (1..10).map(move |m| m as f64 * 10f64.powi(e))).filter(inside).collect();
    if bold.len() < 2 {
        bold = light.clone();
    }
    if bold.len() < 2 {
        bold = even_ticks(lo, hi);
    }
    (bold, light)
}

/// Two to six round values inside `[lo, hi]`, a power of ten (or twice one) apart.
fn even_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut step = 10f64.powf((hi - lo).log10().floor());
    if (hi - lo) / step < 2.0 {
        step /= 5.0;
    }
    if (hi - lo) / step > 6.0 {
        step *= 2.0;
    }
    let first = (lo / step).ceil();
    (0..)
        .map(|i| ((first + i as f64) * step * 1e9).round() / 1e9)
        .take_while(|v| *v <= hi * (1.0 + 1e-9))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::log_tick;

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        log_axis_ticks(lo, hi).0.into_iter().map(log_tick).collect()
    }

    #[test]
    fn decades_are_labelled_as_powers_of_ten() {
        assert_eq!(labels(1.0, 1e4), ["10⁰", "10¹", "10²", "10³", "10⁴"]);
        // Over more than eight decades, every other one.
        assert_eq!(labels(1.0, 1e12).len(), 7);
    }

    #[test]
    fn every_axis_has_two_distinct_labels_inside_it() {
        for (lo, hi) in [(3.0, 4.5), (2.1, 2.9), (2.0, 2.52), (1.8, 3.6), (0.31, 0.47), (6.2e9, 9.1e9), (120.0, 180.0)] {
            let (bold, _) = log_axis_ticks(lo, hi);
            assert!(bold.len() >= 2, "{lo}–{hi}: {bold:?}");
            assert!(bold.iter().all(|v| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9)), "{lo}–{hi}: {bold:?}");
            let text = labels(lo, hi);
            let mut unique = text.clone();
            unique.dedup();
            assert_eq!(unique, text, "{lo}–{hi}: labels repeat");
            assert!(text.len() <= 9, "{lo}–{hi}: too crowded: {text:?}");
        }
    }

    #[test]
    fn nonsense_ranges_give_no_ticks() {
        assert_eq!(log_axis_ticks(0.0, 1.0), (vec![], vec![]));
        assert_eq!(log_axis_ticks(2.0, 1.0), (vec![], vec![]));
    }
}
