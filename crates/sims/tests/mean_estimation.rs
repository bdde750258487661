//! Statistical tests of the mean-estimation simulation against the closed form MSE = σ²/n
//! (CS324 "Scaling laws"; course chapter 2).

use sims::{expected_mse, simulate_mean_estimation, MeanEstimationParams, ParamError, SimError};

fn run(p: &MeanEstimationParams) -> sims::MeanEstimationResult {
    simulate_mean_estimation(p, &mut |_| true).expect("valid parameters")
}

fn test_params(seed: u64) -> MeanEstimationParams {
    MeanEstimationParams {
        sigma: 2.0,
        n_min: 10,
        n_max: 10_000,
        points: 10,
        repeats: 400,
        seed,
    }
}

#[test]
fn expected_mse_is_sigma_squared_over_n() {
    // CS324 "Scaling laws": the sample mean of n i.i.d. draws with variance σ² has MSE σ²/n.
    assert_eq!(expected_mse(1.0, 1.0), 1.0);
    assert!((expected_mse(2.0, 100.0) - 0.04).abs() < 1e-15);
    assert!((expected_mse(0.5, 20.0) - 0.0125).abs() < 1e-15);
}

#[test]
fn measured_slope_is_minus_one() {
    // Theory: ln MSE = ln σ² − ln n, slope −1. Each point's MSE has relative s.e. √(2/400) ≈ 7 %, so
    // in ln-space the noise is ≈ 0.07 over ln n spanning 6.9; the slope s.e. is ≈ 0.01, and a
    // tolerance of 0.05 is ~5 s.e.: it fails only if the estimator or the fit is wrong.
    let r = run(&test_params(7));
    assert!((r.fit.slope + 1.0).abs() < 0.05, "slope {}", r.fit.slope);
    assert!(r.fit.slope_stderr < 0.03, "stderr {}", r.fit.slope_stderr);
    assert!(r.fit.r2 > 0.99, "r2 {}", r.fit.r2);
    // Intercept: ln σ² = ln 4 ≈ 1.386, within the same ~5 s.e. allowance (intercept s.e. ≈ 0.05 here).
    assert!(
        (r.fit.intercept - 4f64.ln()).abs() < 0.3,
        "intercept {}",
        r.fit.intercept
    );
}

#[test]
fn each_mse_is_within_its_sampling_error_of_theory() {
    // With r repeats the MSE estimate is (σ²/n)·χ²_r/r, whose relative s.e. is √(2/r) = 7.1 % for
    // r = 400. The band [0.7, 1.3] is ±4.2 s.e., so across 10 points a false alarm has probability
    // well under 1e-3, while an estimator off by a factor (e.g. σ instead of σ², n−1 vs n²) fails.
    let p = test_params(11);
    let r = run(&p);
    assert_eq!(r.n.len(), 10);
    assert_eq!((r.n[0], *r.n.last().unwrap()), (10, 10_000));
    for ((&n, &mse), &theory) in r.n.iter().zip(&r.mse).zip(&r.theory) {
        assert!((theory - 4.0 / n as f64).abs() < 1e-15);
        let ratio = mse / theory;
        assert!(
            (0.7..=1.3).contains(&ratio),
            "n = {n}: mse/theory = {ratio}"
        );
    }
}

#[test]
fn same_seed_same_result_different_seed_different_result() {
    let small = MeanEstimationParams {
        sigma: 1.0,
        n_min: 5,
        n_max: 500,
        points: 5,
        repeats: 50,
        seed: 3,
    };
    let a = run(&small);
    let b = run(&small);
    assert_eq!(a, b);
    let c = run(&MeanEstimationParams { seed: 4, ..small });
    assert_ne!(a.mse, c.mse);
    assert_eq!(a.theory, c.theory);
}

#[test]
fn validation_rejects_each_bad_field() {
    let ok = MeanEstimationParams::default();
    assert_eq!(ok.validate(), Ok(()));
    let field = |p: MeanEstimationParams| match p.validate() {
        Err(ParamError::OutOfRange { field, .. }) => field,
        other => panic!("expected OutOfRange, got {other:?}"),
    };
    assert_eq!(
        field(MeanEstimationParams {
            sigma: 0.0,
            ..ok.clone()
        }),
        "sigma"
    );
    assert_eq!(
        field(MeanEstimationParams {
            sigma: f64::NAN,
            ..ok.clone()
        }),
        "sigma"
    );
    assert_eq!(
        field(MeanEstimationParams {
            sigma: f64::INFINITY,
            ..ok.clone()
        }),
        "sigma"
    );
    assert_eq!(
        field(MeanEstimationParams {
            n_min: 0,
            ..ok.clone()
        }),
        "n_min"
    );
    assert_eq!(
        field(MeanEstimationParams {
            n_min: 100,
            n_max: 100,
            ..ok.clone()
        }),
        "n_max"
    );
    assert_eq!(
        field(MeanEstimationParams {
            n_max: 1_000_001,
            ..ok.clone()
        }),
        "n_max"
    );
    assert_eq!(
        field(MeanEstimationParams {
            points: 1,
            ..ok.clone()
        }),
        "points"
    );
    assert_eq!(
        field(MeanEstimationParams {
            points: 41,
            ..ok.clone()
        }),
        "points"
    );
    assert_eq!(
        field(MeanEstimationParams {
            repeats: 0,
            ..ok.clone()
        }),
        "repeats"
    );
    assert_eq!(
        field(MeanEstimationParams {
            repeats: 10_001,
            ..ok.clone()
        }),
        "repeats"
    );
    // Σ n·repeats for 1e3..1e6 at 10 points is ≈ 2.3e6, × 1000 repeats ≈ 2.3e9 > 5e8.
    let costly = MeanEstimationParams {
        n_min: 1_000,
        n_max: 1_000_000,
        repeats: 1_000,
        ..ok.clone()
    };
    assert!(matches!(
        costly.validate(),
        Err(ParamError::TooCostly { .. })
    ));
    // Bad parameters surface from the simulation too, before any work is done.
    let mut calls = 0;
    let err = simulate_mean_estimation(&MeanEstimationParams { sigma: -1.0, ..ok }, &mut |_| {
        calls += 1;
        true
    });
    assert!(matches!(err, Err(SimError::Invalid(_))));
    assert_eq!(calls, 0);
}

#[test]
fn default_is_valid_and_cheap() {
    let p = MeanEstimationParams::default();
    assert_eq!(p.validate(), Ok(()));
    assert!(p.cost() < 1e7, "cost {}", p.cost());
}

#[test]
fn cancellation_stops_the_run() {
    let p = test_params(1);
    let mut seen = Vec::new();
    let r = simulate_mean_estimation(&p, &mut |f| {
        seen.push(f);
        f < 0.3
    });
    assert_eq!(r, Err(SimError::Cancelled));
    let last = *seen.last().unwrap();
    assert!((0.3..0.5).contains(&last), "stopped at {last}");
    // Cancelling at the very first report stops before any draw.
    assert_eq!(
        simulate_mean_estimation(&p, &mut |_| false),
        Err(SimError::Cancelled)
    );
}

#[test]
fn progress_is_monotone_from_zero_to_one() {
    let mut seen = Vec::new();
    run_with(&test_params(2), &mut seen);
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    // Throttled to about every 1 %: not once per repeat (10 × 400 = 4000 repeats).
    assert!(seen.len() <= 110, "{} calls", seen.len());
}

fn run_with(p: &MeanEstimationParams, seen: &mut Vec<f64>) {
    simulate_mean_estimation(p, &mut |f| {
        seen.push(f);
        true
    })
    .unwrap();
}

#[test]
fn params_and_result_round_trip_through_json() {
    let p = MeanEstimationParams {
        sigma: 1.0,
        n_min: 5,
        n_max: 50,
        points: 4,
        repeats: 20,
        seed: 9,
    };
    let back: MeanEstimationParams =
        serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
    let r = run(&p);
    let back: sims::MeanEstimationResult =
        serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back.n, r.n);
    assert_eq!(back.fit.slope, r.fit.slope);
}

#[test]
fn repeats_bound_is_round_and_within_the_cost_cap() {
    use sims::mean_estimation::MAX_DRAWS;
    // The chapter's widget (12 sizes) at the sliders' widest n range, 1000 to 100 000: Σn of the
    // grid is about 2.9e5, so 5e8 draws allow 1721 repeats, rounded down to 1000.
    let widest = MeanEstimationParams {
        n_min: 1_000,
        n_max: 100_000,
        points: 12,
        ..MeanEstimationParams::default()
    };
    let sum: f64 = widest.sample_sizes().iter().map(|&n| n as f64).sum();
    assert!((2.8e5..3.0e5).contains(&sum), "Σn = {sum}");
    assert_eq!(widest.max_repeats(), (MAX_DRAWS / sum).floor() as usize);
    assert_eq!(widest.repeats_bound(), 1000);
    let at = |repeats| MeanEstimationParams {
        repeats,
        ..widest.clone()
    };
    assert_eq!(at(1000).validate(), Ok(()));
    assert_eq!(at(widest.max_repeats()).validate(), Ok(()));
    // One more than the exact maximum is refused, and the refusal carries that maximum.
    assert_eq!(
        at(widest.max_repeats() + 1).validate(),
        Err(ParamError::TooCostly {
            cost: sum * (widest.max_repeats() + 1) as f64,
            cap: MAX_DRAWS,
            unit: sims::CostUnit::NormalDraws,
            max_repeats: widest.max_repeats(),
        })
    );
    // Any narrower range is cheaper, so the bound holds for every slider position.
    for (n_min, n_max) in [(1, 100), (10, 10_000), (999, 1_000), (1_000, 99_000)] {
        let p = MeanEstimationParams {
            n_min,
            n_max,
            ..at(1000)
        };
        assert_eq!(p.validate(), Ok(()), "{n_min}..{n_max}");
    }
    // Cheap ranges are bounded by the hard limit of 10 000, not by the cap.
    let cheap = MeanEstimationParams {
        n_min: 1,
        n_max: 100,
        ..widest
    };
    assert_eq!(cheap.repeats_bound(), 10_000);
}

#[test]
fn out_of_range_errors_carry_the_rule_as_data() {
    use sims::Rule;
    let ok = MeanEstimationParams::default();
    let err = |p: MeanEstimationParams| p.validate().unwrap_err();
    assert_eq!(
        err(MeanEstimationParams {
            repeats: 0,
            ..ok.clone()
        }),
        ParamError::OutOfRange {
            field: "repeats",
            value: "0".into(),
            rule: Rule::Between {
                min: 1.0,
                max: 10_000.0
            }
        }
    );
    assert_eq!(
        err(MeanEstimationParams {
            n_min: 50,
            n_max: 20,
            ..ok.clone()
        }),
        ParamError::OutOfRange {
            field: "n_max",
            value: "20".into(),
            rule: Rule::Above("n_min")
        }
    );
    // The developer's text (lesson compiler) reads as before.
    assert_eq!(
        err(MeanEstimationParams { sigma: -1.0, ..ok }).to_string(),
        "sigma = -1 is out of range: must be finite and > 0"
    );
}
