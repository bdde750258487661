//! Tests of the always-compiled model: answer functions against the closed forms in the course
//! (COURSE.md ch. 2: "Mean estimation: error σ²/n, slope −1. Nonparametric averaging in d
//! dimensions: slope ≈ −1/d"), tolerances, parameter draws, placeholders, choice grading, JSON.

use std::collections::BTreeMap;

use lessons::*;

fn values(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn mean_estimation_mse_is_sigma_squared_over_n() {
    // COURSE.md: "Mean estimation: error σ²/n".
    for (sigma, n) in [(1.0, 10.0), (2.0, 50.0), (0.5, 200.0), (3.5, 7.0)] {
        let got = AnswerFn::MeanEstimationMse.eval(&values(&[("sigma", sigma), ("n", n)])).unwrap();
        assert_eq!(got, sigma * sigma / n);
    }
    assert_eq!(AnswerFn::MeanEstimationMse.param_names(), &["sigma", "n"]);
}

#[test]
fn box_averaging_slope_is_minus_one_over_d() {
    // COURSE.md: "Nonparametric averaging in d dimensions: slope ≈ −1/d".
    for d in 1..=6 {
        let got = AnswerFn::BoxAveragingSlope.eval(&values(&[("d", d as f64)])).unwrap();
        assert_eq!(got, -1.0 / d as f64);
    }
    assert_eq!(AnswerFn::BoxAveragingSlope.param_names(), &["d"]);
}

#[test]
fn expected_train_mse_is_sigma_squared_times_n_minus_p_over_n() {
    // Least squares with p < n: E[RSS] = σ²(n − p), so the training MSE is σ²(n − p)/n; it is 0
    // once p ≥ n (the fit interpolates).
    for (sigma, n, p, want) in [(1.0, 40.0, 10.0, 0.75), (0.5, 20.0, 15.0, 0.0625), (2.0, 10.0, 10.0, 0.0), (2.0, 10.0, 30.0, 0.0)] {
        let got = AnswerFn::ExpectedTrainMse.eval(&values(&[("sigma", sigma), ("n", n), ("p", p)])).unwrap();
        assert!((got - want).abs() < 1e-15, "σ = {sigma}, n = {n}, p = {p}: {got}");
    }
    assert!(AnswerFn::ExpectedTrainMse.eval(&values(&[("sigma", -1.0), ("n", 10.0), ("p", 2.0)])).is_err());
    assert!(AnswerFn::ExpectedTrainMse.eval(&values(&[("sigma", 1.0), ("n", 10.0), ("p", 2.5)])).is_err());
}

#[test]
fn answer_fn_rejects_bad_params() {
    assert!(AnswerFn::MeanEstimationMse.eval(&values(&[("sigma", 1.0)])).unwrap_err().contains("`n`"));
    assert!(AnswerFn::MeanEstimationMse.eval(&values(&[("sigma", 1.0), ("n", 2.5)])).is_err());
    assert!(AnswerFn::MeanEstimationMse.eval(&values(&[("sigma", -1.0), ("n", 2.0)])).is_err());
    assert!(AnswerFn::BoxAveragingSlope.eval(&values(&[("d", 0.0)])).is_err());
    assert!(AnswerFn::BoxAveragingSlope.eval(&values(&[("d", f64::NAN)])).is_err());
}

#[test]
fn tolerance_edges() {
    // 0.04 ± 2 % = [0.0392, 0.0408]: the edges typed as decimals are accepted despite rounding.
    let rel = Tolerance::Rel(0.02);
    assert!(rel.accepts(0.04, 0.0408));
    assert!(rel.accepts(0.04, 0.0392));
    assert!(!rel.accepts(0.04, 0.04081));
    assert!(!rel.accepts(0.04, 0.03919));
    // Negative answers (slopes) use |expected|.
    assert!(rel.accepts(-0.25, -0.255));
    assert!(!rel.accepts(-0.25, 0.25));
    // Relative tolerance around 0 accepts only 0.
    assert!(rel.accepts(0.0, 0.0));
    assert!(!rel.accepts(0.0, 1e-9));
    let abs = Tolerance::Abs(0.08);
    assert!(abs.accepts(-0.25, -0.17));
    assert!(abs.accepts(-0.25, -0.33));
    assert!(!abs.accepts(-0.25, -0.1699));
    assert!(abs.accepts(0.0, 0.08));
    // Non-finite input is never right.
    assert!(!abs.accepts(0.0, f64::NAN));
    assert!(!Tolerance::Abs(f64::INFINITY).accepts(0.0, f64::INFINITY));
    assert!(Tolerance::Abs(0.0).accepts(1.5, 1.5));
    assert!(Tolerance::Rel(-0.1).validate().is_err());
    assert!(Tolerance::Abs(f64::NAN).validate().is_err());
}

#[test]
fn param_range_draws_the_grid() {
    let r = ParamRange::Range { min: 0.5, max: 4.0, step: 0.5 };
    assert_eq!(r.len(), 8);
    assert_eq!(r.draw(0.0), 0.5);
    assert_eq!(r.draw(0.999_999), 4.0);
    assert_eq!(r.draw(0.5), 2.5);
    assert_eq!(r.draw(1.0), 4.0); // clamped
    assert_eq!(r.draw(-3.0), 0.5);
    assert_eq!(r.draw(f64::NAN), 0.5);
    // Decimal steps come out as the decimal values, not 0.30000000000000004.
    let tenth = ParamRange::Range { min: 0.1, max: 0.9, step: 0.1 };
    assert_eq!(tenth.len(), 9);
    assert_eq!(tenth.draw(2.0 / 9.0 + 1e-9), 0.3);
    let choices = ParamRange::Choices(vec![10.0, 20.0, 50.0, 100.0, 200.0]);
    assert_eq!(choices.draw(0.0), 10.0);
    assert_eq!(choices.draw(0.2), 20.0);
    assert_eq!(choices.draw(0.99), 200.0);
    // Every grid value is reachable and uniform: 8 equal bins of u.
    let drawn: Vec<f64> = (0..8).map(|i| r.draw((i as f64 + 0.5) / 8.0)).collect();
    assert_eq!(drawn, vec![0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]);
    assert!(ParamRange::Choices(vec![]).validate().is_err());
    assert!(ParamRange::Range { min: 2.0, max: 1.0, step: 0.1 }.validate().is_err());
    assert!(ParamRange::Range { min: 0.0, max: 1.0, step: 0.0 }.validate().is_err());
    assert!(ParamRange::Range { min: 0.0, max: 1e9, step: 1.0 }.validate().is_err());
}

#[test]
fn placeholders_are_filled_and_formatted() {
    let v = values(&[("sigma", 1.5), ("n", 200.0), ("answer", 0.01125)]);
    assert_eq!(
        fill_placeholders("σ = {sigma}, n = {n}: {answer} {unknown} \\frac{1}{2} {", &v),
        "σ = 1.5, n = 200: 0.01125 {unknown} \\frac{1}{2} {"
    );
    assert_eq!(fill_placeholders("<mn>{n}</mn>", &v), "<mn>200</mn>");
    assert_eq!(format_number(0.04), "0.04");
    assert_eq!(format_number(1.0 / 3.0), "0.3333");
    assert_eq!(format_number(-0.25), "-0.25");
    assert_eq!(format_number(2.5e-6), "2.5e-6");
    assert_eq!(format_number(12_000_000.0), "1.2e7");
    assert_eq!(format_number(10000.0), "10000");
    assert_eq!(format_number(0.0), "0");
    assert_eq!(format_number(123.456), "123.5");
}

fn option(correct: bool) -> ChoiceOption {
    ChoiceOption { html: "x".into(), correct, explain_html: String::new() }
}

#[test]
fn choice_grading() {
    let single: Exercise = Exercise::Choice { prompt_html: String::new(), multiple: false, options: vec![option(false), option(true)] };
    assert!(single.grade_choice(&[1]));
    assert!(!single.grade_choice(&[0]));
    assert!(!single.grade_choice(&[0, 1]));
    assert!(!single.grade_choice(&[]));
    assert!(!single.grade_choice(&[7]));
    let multi: Exercise = Exercise::Choice {
        prompt_html: String::new(),
        multiple: true,
        options: vec![option(true), option(false), option(true)],
    };
    assert!(multi.grade_choice(&[2, 0]));
    assert!(multi.grade_choice(&[0, 2, 2]));
    assert!(!multi.grade_choice(&[0]));
    assert!(!multi.grade_choice(&[0, 1, 2]));
    let numeric: Exercise = Exercise::Numeric {
        prompt_html: String::new(),
        answer: 0.04,
        tolerance: Tolerance::Rel(0.02),
        unit: None,
        solution_html: String::new(),
    };
    assert!(!numeric.grade_choice(&[0]));
    assert_eq!(numeric.grade_numeric(0.0405), Some(true));
    assert_eq!(numeric.grade_numeric(0.05), Some(false));
    assert_eq!(single.grade_numeric(1.0), None);
}

#[test]
fn random_grading_uses_the_answer_fn() {
    let mut params = BTreeMap::new();
    params.insert("sigma".to_string(), ParamRange::Range { min: 0.5, max: 4.0, step: 0.5 });
    params.insert("n".to_string(), ParamRange::Choices(vec![10.0, 20.0]));
    let ex: Exercise = Exercise::Random {
        prompt_html: String::new(),
        params,
        answer: AnswerFn::MeanEstimationMse,
        tolerance: Tolerance::Rel(0.01),
        unit: None,
        solution_html: String::new(),
    };
    let v = values(&[("sigma", 2.0), ("n", 20.0)]);
    assert_eq!(ex.grade_random(&v, 0.2), Ok(true)); // 2²/20
    assert_eq!(ex.grade_random(&v, 0.1), Ok(false));
}

#[test]
fn json_round_trip_and_shape() {
    let spec = WidgetSpec {
        id: "mse".into(),
        widget: Widget::MeanEstimation(sims::mean_estimation::MeanEstimationParams::default()),
    };
    let seg = Segment::Widget(spec.clone());
    let json = serde_json::to_value(&seg).unwrap();
    assert_eq!(json["widget"]["widget"]["kind"], "mean-estimation");
    assert_eq!(json["widget"]["id"], "mse");
    let back: Segment = serde_json::from_value(json).unwrap();
    assert_eq!(back, seg);
    let t: Tolerance = serde_json::from_str(r#"{"rel":0.02}"#).unwrap();
    assert_eq!(t, Tolerance::Rel(0.02));
    let a: AnswerFn = serde_json::from_str(r#""box_averaging_slope""#).unwrap();
    assert_eq!(a, AnswerFn::BoxAveragingSlope);
    assert_eq!(Widget::BoxAveraging(Default::default()).kind(), "box-averaging");
}
