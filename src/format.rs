//! Number formatting for readouts and chart ticks: powers of ten with superscripts (10⁶), short scale
//! suffixes for counts (7B, 1.4T), and significant-digit readouts. Shared by charts and their text
//! alternatives so that both print the same numbers. Displayed negatives take the minus sign U+2212
//! (−0.5), as in print; what a program reads back (CSV exports, URL values, stored guesses) keeps the
//! ASCII hyphen-minus and does not come from here. And the reverse: parsing what a learner types, in
//! either minus and in the full-width forms a Chinese input method produces.

/// The minus sign (U+2212) of displayed numbers.
pub const MINUS: char = '−';

/// `s` with every ASCII hyphen-minus turned into [`MINUS`]: for number text made by `format!` or by
/// `lessons::model::format_number` (`-0.25` → `−0.25`, `2.5e-6` → `2.5e−6`). Only for numbers.
pub fn minus_sign(s: &str) -> String {
    s.replace('-', "−")
}

/// A number as an exercise shows it (`format_number`'s digits, typographic minus).
pub fn number(x: f64) -> String {
    minus_sign(&crate::course::format_number(x))
}

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `10` followed by the exponent in superscript digits: `pow10(-3)` is "10⁻³".
pub fn pow10(exp: i32) -> String {
    let mut s = String::from("10");
    if exp < 0 {
        s.push('⁻');
    }
    for c in exp.unsigned_abs().to_string().chars() {
        s.push(SUPERSCRIPT[c.to_digit(10).unwrap_or(0) as usize]);
    }
    s
}

/// Tick label for a log axis: exact powers of ten as `10ᵏ`, other values with 2 significant digits.
pub fn log_tick(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return String::new();
    }
    let e = v.log10();
    let r = e.round();
    if (e - r).abs() < 1e-9 {
        pow10(r as i32)
    } else {
        sig(v, 2)
    }
}

/// Tick label on a linear axis whose range spans `span`: plain decimals, down to two digits below the
/// span's leading one, so that every tick of the axis is written alike ([`sig`] would put 5×10⁻⁴
/// beside 0.001); a tick within a billionth of the span of 0 is printed as 0. Tick positions are
/// computed in floating point, so the zero of a residual axis arrives as something like −8.8×10⁻²¹.
pub fn lin_tick(v: f64, span: f64) -> String {
    if v.abs() <= span.abs() * 1e-9 {
        return "0".into();
    }
    let decimals = if span.is_finite() && span > 0.0 { (2 - span.log10().floor() as i32).clamp(0, 15) as usize } else { 6 };
    minus_sign(&trim_zeros(&format!("{v:.decimals$}")))
}

/// Short-scale count: 950, 1.2K, 7B, 1.4T (used for parameters, tokens, FLOPs in labels).
pub fn count(v: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    if !v.is_finite() {
        return v.to_string();
    }
    for (scale, unit) in UNITS {
        if v.abs() >= scale {
            return minus_sign(&format!("{}{unit}", trim_zeros(&format!("{:.2}", v / scale))));
        }
    }
    minus_sign(&trim_zeros(&format!("{v:.2}")))
}

/// A whole count with all its digits, grouped in threes with commas (1,176,490; 2,000,000; 950), as
/// chapter 2's simulators show n and repeats in readouts, sliders, notes and tables (unlike [`count`],
/// which shortens). Chinese text uses the same grouping (usual in Chinese technical writing too). URL
/// values are written elsewhere and stay plain digits.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// [`grouped`] of a slider's value (whole by construction; rounded in case).
pub fn grouped_f64(v: f64) -> String {
    grouped(v.max(0.0).round() as u64)
}

/// `digits` significant digits; scientific notation with a ×10ᵏ suffix outside [1e-3, 1e6).
pub fn sig(v: f64, digits: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return if v.is_nan() { "—".into() } else { minus_sign(&v.to_string()) };
    }
    let digits = digits.max(1);
    let e = v.abs().log10().floor() as i32;
    if (-3..6).contains(&e) {
        let decimals = (digits as i32 - 1 - e).max(0) as usize;
        minus_sign(&trim_zeros(&format!("{v:.decimals$}")))
    } else {
        let m = v / 10f64.powi(e);
        // Rounding the mantissa can carry to 10.0: renormalise.
        let (m, e) = if (m.abs() * 10f64.powi(digits as i32 - 1)).round() >= 10f64.powi(digits as i32) {
            (m / 10.0, e + 1)
        } else {
            (m, e)
        };
        format!("{}×{}", minus_sign(&trim_zeros(&format!("{:.*}", digits - 1, m))), pow10(e))
    }
}

/// A short-scale count with `digits` significant digits (`count_sig(5.0712e9, 3)` is 5.07B,
/// `count_sig(1.1046e11, 3)` 110B), for quantities printed side by side that should carry the same
/// precision ([`count`] keeps two decimals, so 5.07B but 110.46B). Rounded in decimal before the
/// unit is chosen, so 999.6B to three digits is 1T, not 1000B. Trailing zeros are dropped, as in [`sig`].
pub fn count_sig(v: f64, digits: usize) -> String {
    const UNITS: [(i32, &str); 5] = [(12, "T"), (9, "B"), (6, "M"), (3, "K"), (0, "")];
    if !v.is_finite() || v == 0.0 {
        return count(v);
    }
    let digits = digits.max(1);
    let text = format!("{:.*e}", digits - 1, v);
    let e: i32 = text.rsplit('e').next().and_then(|x| x.parse().ok()).unwrap_or(0);
    let rounded = parse_f64(&text).unwrap_or(v);
    let (unit_exp, unit) = UNITS.into_iter().find(|(k, _)| e >= *k).unwrap_or((0, ""));
    let decimals = (digits as i32 - 1 - (e - unit_exp)).max(0) as usize;
    minus_sign(&format!("{}{unit}", trim_zeros(&format!("{:.decimals$}", rounded / 10f64.powi(unit_exp)))))
}

/// R² of a fit as a readout writes it, with its relation: `= 0.9996`, four significant digits. A
/// fit that is not exactly perfect never reads as `= 1`: from 0.99995 up to (not including) 1 it is
/// `> 0.9999`.
pub fn r_squared(r2: f64) -> String {
    if (0.99995..1.0).contains(&r2) {
        "> 0.9999".into()
    } else {
        format!("= {}", sig(r2, 4))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// A decimal number in Rust's `f64` syntax without `inf` and `nan` (`-1.5`, `+2`, `.5`, `3.`,
/// `2e-3`); `None` for anything else. Every number the page reads from text goes through here: in
/// the browser the engine's `parseFloat`, correctly rounded as Rust's parser is, reads the checked
/// text, so the page's wasm module need not carry Rust's float-parsing tables (about 10 KB).
pub fn parse_f64(s: &str) -> Option<f64> {
    if !is_decimal(s.as_bytes()) {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    let v = js_sys::Number::parse_float(s);
    #[cfg(not(target_arch = "wasm32"))]
    let v = s.parse::<f64>().ok()?;
    (!v.is_nan()).then_some(v)
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
fn is_decimal(s: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let s = s.strip_prefix(b"+").or_else(|| s.strip_prefix(b"-")).unwrap_or(s);
    let int = digits(s);
    let mut rest = &s[int..];
    let mut frac = 0;
    if let Some(r) = rest.strip_prefix(b".") {
        frac = digits(r);
        rest = &r[frac..];
    }
    if int + frac == 0 {
        return false;
    }
    if let Some(r) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let r = r.strip_prefix(b"+").or_else(|| r.strip_prefix(b"-")).unwrap_or(r);
        let exp = digits(r);
        return exp > 0 && exp == r.len();
    }
    rest.is_empty()
}

/// Rounds a positive value to `digits` significant digits (other values pass through), so slider values
/// make short URLs. Through decimal text, so that 1e20 stays exactly 1e20 (scaling by 10^k would not).
pub fn round_sig(v: f64, digits: i32) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return v;
    }
    parse_f64(&format!("{:.*e}", (digits - 1).max(0) as usize, v)).unwrap_or(v)
}

/// Parse a number as a learner types it: `0.25`, `-1/3`, `2e-3`, `−0.5` (the minus sign U+2212),
/// and the full-width forms of a Chinese input method (`０．５`, `－１／３`, `0。5` with the ideographic
/// full stop). `1,5` and `1，5` are refused: a comma is a thousands separator as often as a decimal one.
pub fn parse_number(input: &str) -> Option<f64> {
    let s: String = input
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '\u{3000}' => None,
            '−' | '\u{FE63}' => Some('-'),
            '。' => Some('.'),
            // Full-width ASCII (U+FF01..U+FF5E) is ASCII shifted by 0xFEE0: ０–９, －, ＋, ．, ／, ｅ, Ｅ.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c => Some(c),
        })
        .collect();
    if s.is_empty() {
        return None;
    }
    let v = if let Some((n, d)) = s.split_once('/') {
        let n = parse_f64(n)?;
        let d = parse_f64(d)?;
        if d == 0.0 {
            return None;
        }
        n / d
    } else {
        parse_f64(&s)?
    };
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_f64_takes_rusts_decimal_syntax_and_nothing_else() {
        for (text, v) in [("0", 0.0), ("-1.5", -1.5), ("+2", 2.0), (".5", 0.5), ("3.", 3.0), ("2e-3", 0.002), ("1E+2", 100.0), ("6e23", 6e23)] {
            assert_eq!(parse_f64(text), Some(v), "{text}");
        }
        for text in ["", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "inf", "NaN", "0x10", "1_000", "--1", "1e5x"] {
            assert_eq!(parse_f64(text), None, "{text:?}");
        }
        // Out of range is infinite, as Rust's parser says; callers filter finite values.
        assert_eq!(parse_f64("1e400"), Some(f64::INFINITY));
    }

    #[test]
    fn a_linear_tick_that_is_zero_within_rounding_prints_as_zero() {
        // The residual chart's axis from −0.11 to 0.13 nats: plotters put its zero tick at −8.8e-21.
        assert_eq!(lin_tick(-8.8e-21, 0.24), "0");
        assert_eq!(lin_tick(3e-12, 0.24), "0");
        assert_eq!(lin_tick(0.05, 0.24), "0.05");
        // A tick that is small but real on a small axis keeps its value.
        assert_eq!(lin_tick(2e-6, 1e-5), "0.000002");
        // Every tick of an axis written alike: no 5×10⁻⁴ beside 0.001.
        let ticks: Vec<String> = [-0.001, -0.0005, 0.0, 0.0005, 0.001].iter().map(|&v| lin_tick(v, 0.0024)).collect();
        assert_eq!(ticks, ["−0.001", "−0.0005", "0", "0.0005", "0.001"]);
        assert_eq!(lin_tick(-0.5, 1.9), "−0.5");
        assert_eq!(lin_tick(1.0, 1.9), "1");
    }

    #[test]
    fn powers_of_ten_use_superscripts() {
        assert_eq!(pow10(6), "10⁶");
        assert_eq!(pow10(-3), "10⁻³");
        assert_eq!(pow10(0), "10⁰");
        assert_eq!(pow10(12), "10¹²");
        assert_eq!(log_tick(1000.0), "10³");
        assert_eq!(log_tick(0.01), "10⁻²");
        assert_eq!(log_tick(300.0), "300");
    }

    #[test]
    fn grouped_counts_keep_every_digit() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(950), "950");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(253_500), "253,500");
        assert_eq!(grouped(1_176_490), "1,176,490");
        assert_eq!(grouped(2_000_000), "2,000,000");
        assert_eq!(grouped_f64(1_176_490.0), "1,176,490");
    }

    #[test]
    fn counts_use_short_scale() {
        assert_eq!(count(7e9), "7B");
        assert_eq!(count(1.4e12), "1.4T");
        assert_eq!(count(175e9), "175B");
        assert_eq!(count(950.0), "950");
        assert_eq!(count(1_500.0), "1.5K");
    }

    #[test]
    fn counts_with_significant_digits() {
        // Chinchilla-sized numbers: 5.0712e9 parameters and 1.1046e11 tokens, three digits each.
        assert_eq!(count_sig(5.0712e9, 3), "5.07B");
        assert_eq!(count_sig(1.1046e11, 3), "110B");
        assert_eq!(count_sig(7.0e10, 3), "70B");
        assert_eq!(count_sig(1.4e12, 3), "1.4T");
        // Rounding carries into the next unit.
        assert_eq!(count_sig(999.6e9, 3), "1T");
        assert_eq!(count_sig(999_600.0, 3), "1M");
        assert_eq!(count_sig(1234.0, 3), "1.23K");
        assert_eq!(count_sig(123.456, 3), "123");
        assert_eq!(count_sig(0.012345, 3), "0.0123");
        assert_eq!(count_sig(-2.5e6, 3), "−2.5M");
        assert_eq!(count_sig(0.0, 3), "0");
    }

    #[test]
    fn r_squared_is_one_only_when_the_fit_is_perfect() {
        assert_eq!(r_squared(1.0), "= 1");
        assert_eq!(r_squared(0.99996), "> 0.9999");
        assert_eq!(r_squared(0.999_999_9), "> 0.9999");
        assert_eq!(r_squared(0.99961), "= 0.9996");
        assert_eq!(r_squared(0.99993), "= 0.9999");
        assert_eq!(r_squared(0.9712), "= 0.9712");
        assert_eq!(r_squared(0.5), "= 0.5");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(sig(0.0012345, 3), "0.00123");
        assert_eq!(sig(-0.998, 3), "−0.998");
        assert_eq!(sig(-0.076, 2), "−0.076");
        assert_eq!(sig(-2.5e-7, 2), "−2.5×10⁻⁷");
        assert_eq!(sig(f64::NEG_INFINITY, 2), "−inf");
        assert_eq!(count(-1.5e9), "−1.5B");
        assert_eq!(count(-3.0), "−3");
        assert!(!sig(-1234.5, 3).contains('-'), "no hyphen-minus in a readout");
        assert_eq!(sig(1.5e-7, 3), "1.5×10⁻⁷");
        assert_eq!(sig(5.76e23, 3), "5.76×10²³");
        assert_eq!(sig(9.999e9, 2), "1×10¹⁰");
        assert_eq!(sig(1234567.0, 3), "1.23×10⁶");
        assert_eq!(sig(123456.0, 3), "123456");
        assert_eq!(sig(0.0, 3), "0");
    }

    #[test]
    fn rounding_to_significant_digits_is_exact_in_decimal() {
        assert_eq!(round_sig(1.2345e20, 3), 1.23e20);
        assert_eq!(round_sig(5.76e23, 2), 5.8e23);
        assert_eq!(round_sig(0.0, 3), 0.0);
        assert_eq!(round_sig(-2.5, 1), -2.5);
    }

    #[test]
    fn learner_numbers_parse() {
        assert_eq!(parse_number(" 0.25 "), Some(0.25));
        assert_eq!(parse_number("-1/3"), Some(-1.0 / 3.0));
        assert_eq!(parse_number("−0.5"), Some(-0.5));
        assert_eq!(parse_number("2e-3"), Some(0.002));
        assert_eq!(parse_number("1/0"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("NaN"), None);
    }

    #[test]
    fn learner_numbers_parse_from_a_chinese_input_method() {
        assert_eq!(parse_number("０．５"), Some(0.5));
        assert_eq!(parse_number("－１"), Some(-1.0));
        assert_eq!(parse_number("－０．２５"), Some(-0.25));
        assert_eq!(parse_number("１／４"), Some(0.25));
        assert_eq!(parse_number("２ｅ－３"), Some(0.002));
        assert_eq!(parse_number("0。5"), Some(0.5));
        assert_eq!(parse_number("\u{3000}３\u{3000}"), Some(3.0));
        assert_eq!(parse_number("﹣0.5"), Some(-0.5));
        assert_eq!(parse_number("1，5"), None);
        assert_eq!(parse_number("1,5"), None);
        assert_eq!(parse_number("５ａ"), None);
    }

    #[test]
    fn displayed_numbers_read_back() {
        // What the app shows a learner, typed back, is the same number.
        for x in [-0.25, -1.0 / 3.0, -2.5e-6, 1.2e7, -1234.0] {
            let shown = number(x);
            assert!(!shown.contains('-'), "{shown}");
            let back = parse_number(&shown).unwrap();
            assert!((back - x).abs() <= 1e-3 * x.abs(), "{shown} → {back}");
        }
        assert_eq!(number(-0.25), "−0.25");
        assert_eq!(number(2.5e-6), "2.5e−6");
    }
}
