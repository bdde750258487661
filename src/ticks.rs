//! Where the ticks of a log axis go: powers of ten, denser when the axis is short, so that every axis
//! carries at least two labelled ticks (a lone "3" says nothing about the scale); and how they are
//! written, in one style per axis (never 10⁹ beside 2×10⁹, or 10⁵ beside 200000). Plain arithmetic,
//! tested natively; the charts (wasm only) call it.

use crate::format::{count, log_tick, pow10};

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

/// How the labels of one log axis are written: one style for all of its ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStyle {
    /// Every tick a power of ten: 10⁻³, 10⁰, 10⁶.
    Powers,
    /// Plain decimals, between 0.001 and 10 000: 0.002, 0.5, 2, 300, 5000.
    Plain,
    /// Short-scale counts, from 1 up to 10¹⁵: 500, 20K, 5M, 2B, 1.5T.
    Short,
    /// A mantissa times a power of ten, for whatever else: 1×10²¹, 2×10²¹, 5×10⁻⁴.
    Scientific,
}

impl TickStyle {
    /// The style for an axis labelled at `ticks` (positive values): powers of ten when every tick is
    /// one, else the first of plain, short-scale and scientific that can write all of them.
    pub fn of(ticks: &[f64]) -> TickStyle {
        let is_power = |v: f64| (v.log10() - v.log10().round()).abs() < 1e-9;
        let (lo, hi) = ticks.iter().fold((f64::INFINITY, 0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        if ticks.iter().all(|&v| is_power(v)) {
            TickStyle::Powers
        } else if lo >= 1e-3 && hi < 1e4 {
            TickStyle::Plain
        } else if lo >= 1.0 && hi < 1e15 {
            TickStyle::Short
        } else {
            TickStyle::Scientific
        }
    }

    /// `v`'s label in this style.
    pub fn label(self, v: f64) -> String {
        if !(v.is_finite() && v > 0.0) {
            return String::new();
        }
        match self {
            TickStyle::Powers => log_tick(v),
            // Six decimals hold any tick of an axis at or above 0.001 (even steps included); the zeros
            // after the last digit go.
            TickStyle::Plain => format!("{v:.6}").trim_end_matches('0').trim_end_matches('.').to_string(),
            TickStyle::Short => count(v),
            TickStyle::Scientific => {
                let mut e = (v.log10() + 1e-9).floor() as i32;
                let mut m = ((v / 10f64.powi(e)) * 100.0).round() / 100.0;
                if m >= 10.0 {
                    (m, e) = (m / 10.0, e + 1);
                }
                let m = format!("{m:.2}");
                format!("{}×{}", m.trim_end_matches('0').trim_end_matches('.'), pow10(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        let ticks = log_axis_ticks(lo, hi).0;
        let style = TickStyle::of(&ticks);
        ticks.into_iter().map(|v| style.label(v)).collect()
    }

    /// The style a label is written in, read from its text alone.
    fn style_of(label: &str) -> &'static str {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
        let exponent = |s: &str| s.strip_prefix('⁻').unwrap_or(s).chars().all(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
        if label.strip_prefix("10").is_some_and(|e| !e.is_empty() && exponent(e)) {
            "power"
        } else if let Some((m, e)) = label.split_once("×10") {
            assert!(digits(m) && exponent(e), "{label}");
            "scientific"
        } else if label.ends_with(['K', 'M', 'B', 'T']) {
            "short"
        } else {
            assert!(digits(label), "{label}");
            "plain"
        }
    }

    #[test]
    fn every_label_of_an_axis_is_written_alike() {
        // Axes the course's charts draw: parameters, tokens, FLOPs, losses, MSEs, epochs; long and short.
        let axes = [
            (1.2e8, 9e12), (1.5e9, 2.2e10), (2e5, 3e6), (6.2e9, 9.1e9), (3e20, 4e21), (1.3e23, 5e24),
            (1.7, 4.2), (2.1, 2.9), (1.55, 2.7), (0.31, 0.47), (3e-4, 2e-3), (2e-6, 3e-5), (1e-4, 0.5),
            (10.0, 1e4), (1.0, 60.0), (120.0, 180.0), (300.0, 5000.0), (700.0, 20000.0), (0.8, 12.0),
        ];
        for (lo, hi) in axes {
            let text = labels(lo, hi);
            let styles: Vec<&str> = text.iter().map(|l| style_of(l)).collect();
            assert!(styles.iter().all(|s| *s == styles[0]), "{lo}–{hi}: {text:?}");
            // And a style that reads at a glance: nothing longer than 7 characters (10⁻¹², 1.5×10²¹).
            assert!(text.iter().all(|l| l.chars().count() <= 8), "{lo}–{hi}: {text:?}");
        }
    }

    #[test]
    fn styles_by_axis() {
        assert_eq!(labels(1.5e9, 2.2e10), ["2B", "5B", "10B", "20B"]);
        assert_eq!(labels(2e5, 3e6), ["200K", "500K", "1M", "2M"]);
        assert_eq!(labels(3e20, 4e21), ["5×10²⁰", "1×10²¹", "2×10²¹"]);
        assert_eq!(labels(3e-4, 2e-3), ["5×10⁻⁴", "1×10⁻³", "2×10⁻³"]);
        assert_eq!(labels(1.2e8, 9e12), ["10⁹", "10¹⁰", "10¹¹", "10¹²"]);
        assert_eq!(labels(0.8, 12.0), ["1", "2", "5", "10"]);
        assert_eq!(labels(1.55, 2.7), ["1.6", "1.8", "2", "2.2", "2.4", "2.6"]);
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
