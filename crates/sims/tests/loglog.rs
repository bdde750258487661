//! The log–log fit must recover a power law exactly, and refuse inputs it cannot take logs of.

use sims::{fit_loglog, log_space, FitError};

#[test]
fn recovers_an_exact_power_law() {
    // y = 3·x^(−0.5): on log–log axes a line with slope −0.5 and intercept ln 3.
    let x = log_space(1.0, 1e6, 12);
    let y: Vec<f64> = x.iter().map(|v| 3.0 * v.powf(-0.5)).collect();
    let fit = fit_loglog(&x, &y).unwrap();
    assert!((fit.slope + 0.5).abs() < 1e-12, "{}", fit.slope);
    assert!(
        (fit.intercept - 3f64.ln()).abs() < 1e-10,
        "{}",
        fit.intercept
    );
    assert!((fit.r2 - 1.0).abs() < 1e-12);
    assert!(fit.slope_stderr < 1e-10);
}

#[test]
fn slope_stderr_matches_textbook_formula() {
    // ln y = 2·ln x + e with residuals e = (+0.1, −0.1, −0.1, +0.1) at ln x = 0, 1, 2, 3.
    // OLS on these (symmetric residuals orthogonal to ln x) keeps slope 2; SSE = 0.04, dof 2,
    // Sxx = 5, so s.e. = √(0.04/2/5) = √0.004.
    let lx = [0.0f64, 1.0, 2.0, 3.0];
    let e = [0.1, -0.1, -0.1, 0.1];
    let x: Vec<f64> = lx.iter().map(|v| v.exp()).collect();
    let y: Vec<f64> = lx.iter().zip(e).map(|(v, e)| (2.0 * v + e).exp()).collect();
    let fit = fit_loglog(&x, &y).unwrap();
    assert!((fit.slope - 2.0).abs() < 1e-12);
    assert!((fit.slope_stderr - 0.004f64.sqrt()).abs() < 1e-12);
    assert!(fit.r2 < 1.0 && fit.r2 > 0.99);
}

#[test]
fn two_points_give_a_line_without_stderr() {
    let fit = fit_loglog(&[1.0, 10.0], &[1.0, 0.1]).unwrap();
    assert!((fit.slope + 1.0).abs() < 1e-12);
    assert!(fit.slope_stderr.is_nan());
}

#[test]
fn rejects_bad_input() {
    assert_eq!(fit_loglog(&[1.0], &[1.0]), Err(FitError::TooFewPoints(1)));
    assert_eq!(fit_loglog(&[], &[]), Err(FitError::TooFewPoints(0)));
    assert_eq!(
        fit_loglog(&[1.0, 2.0], &[1.0]),
        Err(FitError::LengthMismatch { x: 2, y: 1 })
    );
    assert!(matches!(
        fit_loglog(&[1.0, 2.0], &[1.0, 0.0]),
        Err(FitError::NonPositive { index: 1, .. })
    ));
    assert!(matches!(
        fit_loglog(&[-1.0, 2.0], &[1.0, 1.0]),
        Err(FitError::NonPositive { index: 0, .. })
    ));
    assert!(matches!(
        fit_loglog(&[1.0, f64::NAN], &[1.0, 1.0]),
        Err(FitError::NonPositive { index: 1, .. })
    ));
    assert!(matches!(
        fit_loglog(&[1.0, f64::INFINITY], &[1.0, 1.0]),
        Err(FitError::NonPositive { .. })
    ));
    assert_eq!(
        fit_loglog(&[5.0, 5.0, 5.0], &[1.0, 2.0, 3.0]),
        Err(FitError::ZeroVarianceX)
    );
}

#[test]
fn floor_1_2_5_rounds_down_to_the_series() {
    use sims::floor_1_2_5;
    // 1, 2, 5, 10, 20, 50, …: the largest member not above x.
    for (x, want) in [
        (1.0, 1),
        (1.9, 1),
        (2.0, 2),
        (4.99, 2),
        (5.0, 5),
        (9.9, 5),
        (10.0, 10),
        (49.0, 20),
        (1721.7, 1000),
        (1948.0, 1000),
        (2014.7, 2000),
        (6666.0, 5000),
        (1e4, 10_000),
        (1e19, 10_000_000_000_000_000_000),
        (f64::INFINITY, 10_000_000_000_000_000_000),
    ] {
        assert_eq!(floor_1_2_5(x), want, "x = {x}");
    }
    // Below 1 (and NaN) no member fits.
    assert_eq!(floor_1_2_5(0.99), 0);
    assert_eq!(floor_1_2_5(-3.0), 0);
    assert_eq!(floor_1_2_5(f64::NAN), 0);
}
