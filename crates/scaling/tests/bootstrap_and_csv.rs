//! Bootstrap (seeded, cancellable, ≥ 1000 resamples) and CSV import (separators, suffixes,
//! per-line errors, hostile input).

use scaling::bootstrap::{bootstrap, bootstrap_chinchilla, percentile, CHINCHILLA_QUANTITIES};
use scaling::csv_import::{guess_mapping, parse_quantity, Quantity, RowProblem, ValueProblem, MAX_LOSS, MAX_ROWS};
use scaling::{
    datablations_runs, fit_chinchilla, import_csv, ColumnMapping, DataColumn, InitGrid,
    LbfgsOptions, Run, HUBER_DELTA,
};

fn runs_from(values: &[f64]) -> Vec<Run> {
    values
        .iter()
        .map(|&v| Run {
            n: 1.0,
            d: 1.0,
            loss: v,
            unique: None,
            label: String::new(),
        })
        .collect()
}

/// For the mean of n values the percentile interval should match the normal-theory
/// mean ± 1.96·s/√n (bootstrap standard error ≈ s·√((n−1)/n)/√n); checked to 10% of the width
/// with 2000 resamples and a fixed seed.
#[test]
fn bootstrap_of_the_mean_matches_normal_theory() {
    // Deterministic, roughly symmetric sample: 200 values of a sine sequence.
    let vals: Vec<f64> = (0..200).map(|i| 3.0 + (i as f64 * 0.7).sin()).collect();
    let n = vals.len() as f64;
    let mean = vals.iter().sum::<f64>() / n;
    let s = (vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let half = 1.96 * s / n.sqrt();
    let data = runs_from(&vals);
    let mut fit = |r: &[Run]| Some(vec![r.iter().map(|x| x.loss).sum::<f64>() / r.len() as f64]);
    let b = bootstrap(&data, &["mean"], &mut fit, 2000, 7, 0.95, &mut |_| true).unwrap();
    let iv = b.get("mean").unwrap();
    assert!(
        ((iv.hi - iv.lo) / (2.0 * half) - 1.0).abs() < 0.1,
        "{iv:?} vs ±{half}"
    );
    assert!((iv.median - mean).abs() < 0.1 * half);
    assert_eq!(b.samples.len(), 2000);
    // Same seed, same result; another seed differs.
    let b2 = bootstrap(&data, &["mean"], &mut fit, 2000, 7, 0.95, &mut |_| true).unwrap();
    assert_eq!(b, b2);
    let b3 = bootstrap(&data, &["mean"], &mut fit, 2000, 8, 0.95, &mut |_| true).unwrap();
    assert_ne!(b.intervals, b3.intervals);
}

#[test]
fn bootstrap_cancels_and_counts_failures() {
    let data = runs_from(&[1.0, 2.0, 3.0]);
    let mut calls = 0;
    let mut fit = |r: &[Run]| {
        if r[0].loss > 2.5 {
            None
        } else {
            Some(vec![r[0].loss])
        }
    };
    let b = bootstrap(&data, &["x"], &mut fit, 1000, 1, 0.9, &mut |_| {
        calls += 1;
        calls < 10
    })
    .unwrap();
    assert!(b.cancelled);
    assert_eq!(b.attempted, 10);
    assert_eq!(b.samples.len() + b.failed, 10);
    assert!(bootstrap(&[], &["x"], &mut fit, 10, 1, 0.9, &mut |_| true).is_err());
    assert!(bootstrap(&data, &["x"], &mut fit, 10, 1, 1.5, &mut |_| true).is_err());
    // NumPy linear percentile: np.percentile([1,2,3,4], 25) = 1.75.
    assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
}

/// 1000 warm-started resamples of the single-epoch datablations fit: every quantity gets an
/// interval that contains the full-data estimate, a = β/(α+β) is consistent with the
/// fitted α, β, and each resample's (N_opt, D_opt) spends the budget C = 6ND.
#[test]
fn chinchilla_bootstrap_on_datablations() {
    let runs: Vec<Run> = datablations_runs()
        .rows
        .into_iter()
        .filter(|r| r.unique == Some(r.d))
        .collect();
    let grid = InitGrid {
        a: vec![5.0, 10.0],
        b: vec![5.0, 10.0],
        e: vec![0.5],
        alpha: vec![0.5],
        beta: vec![0.5],
    };
    let opts = LbfgsOptions::default();
    let full = fit_chinchilla(&runs, &grid, HUBER_DELTA, &opts, &mut |_| true).unwrap();
    let mut last = 0.0;
    let b = bootstrap_chinchilla(
        &runs,
        &full,
        HUBER_DELTA,
        &opts,
        5.76e23,
        (70e9, 1.4e12),
        1000,
        42,
        0.95,
        &mut |f| {
            assert!(f >= last);
            last = f;
            true
        },
    )
    .unwrap();
    assert_eq!(b.attempted, 1000);
    assert!(last == 1.0);
    assert!(
        b.samples.len() >= 900,
        "only {} of 1000 resamples converged",
        b.samples.len()
    );
    let p = full.params;
    let opt = p.compute_optimal(5.76e23);
    let point = [
        p.e,
        p.a,
        p.b,
        p.alpha,
        p.beta,
        opt.a,
        opt.n_opt,
        opt.d_opt,
        p.loss(70e9, 1.4e12),
    ];
    assert_eq!(point.len(), CHINCHILLA_QUANTITIES.len());
    for (name, v) in CHINCHILLA_QUANTITIES.iter().zip(point) {
        let iv = b.get(name).unwrap();
        assert!(
            iv.lo < iv.hi && iv.lo <= v && v <= iv.hi,
            "{name}: {v} not in {iv:?}"
        );
    }
    for s in &b.samples {
        assert!((s[5] - s[4] / (s[3] + s[4])).abs() < 1e-12);
        // Each resample's N_opt and D_opt spend the budget: C = 6·N_opt·D_opt.
        assert!((6.0 * s[6] * s[7] / 5.76e23 - 1.0).abs() < 1e-9, "{s:?}");
    }
}

#[test]
fn suffixes_and_scientific_notation() {
    assert_eq!(parse_quantity("7e9", false), Ok(7e9));
    assert_eq!(parse_quantity("7B", false), Ok(7e9));
    assert_eq!(parse_quantity("1.4T", false), Ok(1.4e12));
    assert_eq!(parse_quantity("350M", false), Ok(350e6));
    assert_eq!(parse_quantity("125k", false), Ok(125e3));
    assert_eq!(parse_quantity(" 2.5 ", false), Ok(2.5));
    assert_eq!(parse_quantity("2,5", true), Ok(2.5));
    assert_eq!(parse_quantity("350m", false), Err(ValueProblem::AmbiguousM { text: "350m".into() }));
    assert_eq!(parse_quantity("NaN", false), Err(ValueProblem::NaN));
    assert_eq!(parse_quantity("inf", false), Err(ValueProblem::Infinite { text: "inf".into() }));
    assert_eq!(parse_quantity("-3", false), Err(ValueProblem::NotPositive { text: "-3".into() }));
    assert_eq!(parse_quantity("0", false), Err(ValueProblem::NotPositive { text: "0".into() }));
    assert_eq!(parse_quantity("", false), Err(ValueProblem::Missing));
    assert_eq!(parse_quantity("=cmd|' /C calc'!A0", false), Err(ValueProblem::NotANumber { text: "=cmd|' /C calc'!A0".into() }));
    // The developer text still reads as before.
    assert!(parse_quantity("350m", false).unwrap_err().to_string().contains("ambiguous"));
}

#[test]
fn header_detection_separators_and_mapping() {
    let comma = "N,D,loss\n7B,1.4T,1.94\n1e9,2e10,2.5\n";
    let semi = "params;tokens;loss\n7B;1.4T;1,94\n";
    let tab = "model\tparameters\tflops\tval_loss\nA\t1e9\t1.2e20\t2.5\n";
    let a = import_csv(comma, None);
    assert!(a.has_header && a.delimiter == ',' && a.errors.is_empty());
    assert_eq!(a.rows.len(), 2);
    assert_eq!(
        (a.rows[0].n, a.rows[0].d, a.rows[0].loss),
        (7e9, 1.4e12, 1.94)
    );
    let b = import_csv(semi, None);
    assert_eq!(b.delimiter, ';');
    assert_eq!(b.rows[0].loss, 1.94);
    let c = import_csv(tab, None);
    assert_eq!(c.delimiter, '\t');
    let m = c.mapping.unwrap();
    assert_eq!(m.data, DataColumn::Flops(2));
    assert_eq!(m.label, Some(0));
    // D = C / (6N) = 1.2e20 / 6e9.
    assert!((c.rows[0].d / 2e10 - 1.0).abs() < 1e-12);
    // No header: positional N, D, loss.
    let d = import_csv("1e9,2e10,2.5\n2e9,4e10,2.3\n", None);
    assert!(!d.has_header && d.rows.len() == 2 && d.columns[0] == "column 1");
    // Datablations header: unique_tokens is not taken for D.
    let h: Vec<String> = [
        "run_name",
        "params",
        "tokens",
        "unique_tokens",
        "epochs",
        "val_loss",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        guess_mapping(&h),
        Some(ColumnMapping {
            n: 1,
            data: DataColumn::Tokens(2),
            loss: 5,
            label: Some(0),
            unique: Some(3)
        })
    );
    // Unrecognised header: no rows, one error saying why.
    let u = import_csv("foo,bar,baz\n1,2,3\n", None);
    assert!(u.rows.is_empty() && u.errors.len() == 1 && u.mapping.is_none());
    // An explicit mapping overrides the guess.
    let e = import_csv(
        "foo,bar,baz\n3,1e9,2e10\n",
        Some(ColumnMapping {
            n: 1,
            data: DataColumn::Tokens(2),
            loss: 0,
            label: None,
            unique: None,
        }),
    );
    assert_eq!(e.rows.len(), 1);
    assert_eq!(e.rows[0].loss, 3.0);
}

#[test]
fn bad_rows_are_listed_with_line_numbers_and_skipped() {
    let text = "name,N,D,loss\n\
                ok,1e9,2e10,2.5\n\
                word,abc,2e10,2.5\n\
                neg,1e9,-5,2.5\n\
                nan,1e9,2e10,NaN\n\
                inf,1e9,2e10,inf\n\
                short,1e9\n\
                milli,5m,2e10,2.5\n\
                ok2,2e9,4e10,2.3\n";
    let r = import_csv(text, None);
    assert_eq!(r.rows.len(), 2);
    let lines: Vec<u64> = r.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8]);
    let bad = |quantity, column, problem| RowProblem::BadValue { quantity, column, problem };
    assert_eq!(r.errors[0].problem, bad(Quantity::Params, 1, ValueProblem::NotANumber { text: "abc".into() }));
    assert_eq!(r.errors[1].problem, bad(Quantity::Tokens, 2, ValueProblem::NotPositive { text: "-5".into() }));
    assert_eq!(r.errors[2].problem, bad(Quantity::Loss, 3, ValueProblem::NaN));
    assert_eq!(r.errors[4].problem, RowProblem::MissingField { quantity: Quantity::Tokens, column: 2, fields: 2 });
    assert_eq!(r.errors[5].problem, bad(Quantity::Params, 1, ValueProblem::AmbiguousM { text: "5m".into() }));
    assert!(r.errors[1].to_string().contains("D (tokens)") && r.errors[1].to_string().contains("not positive"));
}

#[test]
fn a_loss_column_mapped_to_parameter_counts_rejects_every_row_naming_the_column() {
    // The datablations file with the loss read from `params` (column 1): values of 10⁸…10¹⁰ are
    // not per-token losses. Every row is rejected as such instead of being fitted into NaN.
    let text = scaling::DATABLATIONS_RUNS_CSV;
    let guessed = import_csv(text, None).mapping.unwrap();
    let r = import_csv(text, Some(ColumnMapping { loss: 1, ..guessed }));
    assert!(r.rows.is_empty());
    assert_eq!(r.errors.len(), 296);
    assert!(r.errors.iter().all(|e| matches!(
        e.problem,
        RowProblem::BadValue { quantity: Quantity::Loss, column: 1, problem: ValueProblem::LossTooLarge { max, .. } } if max == MAX_LOSS
    )));
    // The first data row, line 2: 2b84b4b has 2.81e9 parameters.
    assert_eq!(r.errors[0].line, 2);
    assert_eq!(r.errors[0].problem, RowProblem::BadValue { quantity: Quantity::Loss, column: 1, problem: ValueProblem::LossTooLarge { value: 2.81e9, max: MAX_LOSS } });
    // The right column imports all 296 runs, every loss below the limit.
    assert_eq!(import_csv(text, None).rows.len(), 296);
}

#[test]
fn hostile_input_is_bounded() {
    // Formula injection and HTML in labels: kept as inert text.
    let r = import_csv(
        "name,N,D,loss\n=cmd|' /C calc'!A0,1e9,2e10,2.5\n<script>alert(1)</script>,1e9,2e10,2.5\n",
        None,
    );
    assert_eq!(r.rows.len(), 2);
    assert!(r.rows[0].label.starts_with("'="));
    assert_eq!(r.rows[1].label, "<script>alert(1)</script>");
    // A very long line: the label is cut, an overlong number is an error.
    let long = format!(
        "name,N,D,loss\n{},1e9,2e10,2.5\n1,{},2e10,2.5\n",
        "x".repeat(1_000_000),
        "9".repeat(100_000)
    );
    let r = import_csv(&long, None);
    assert_eq!(r.rows.len(), 1);
    assert_eq!(
        r.rows[0].label.chars().count(),
        scaling::csv_import::MAX_LABEL_CHARS
    );
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].line, 3);
    // 10⁶ rows: cut at MAX_ROWS with an error that says so.
    let mut big = String::from("N,D,loss\n");
    for i in 0..1_000_000 {
        big.push_str(&format!("{},2e10,2.5\n", 1e6 + i as f64));
    }
    let r = import_csv(&big, None);
    assert_eq!(r.rows.len(), MAX_ROWS);
    assert!(r.truncated);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].problem, RowProblem::TooManyRows { max: MAX_ROWS });
    assert_eq!(r.errors[0].line, MAX_ROWS as u64 + 2);
    // Empty input.
    assert_eq!(import_csv("", None).errors.len(), 1);
}

#[test]
fn shipped_datablations_csv_parses_completely() {
    let r = datablations_runs();
    assert!(r.errors.is_empty());
    // PROVENANCE.md: 296 rows; params min 7,098,752, max 8.67e9; val_loss min 2.336741, max 11.018380.
    assert_eq!(r.rows.len(), 296);
    let min_n = r.rows.iter().map(|x| x.n).fold(f64::INFINITY, f64::min);
    let max_l = r.rows.iter().map(|x| x.loss).fold(0.0, f64::max);
    let min_l = r.rows.iter().map(|x| x.loss).fold(f64::INFINITY, f64::min);
    assert_eq!((min_n, max_l, min_l), (7_098_752.0, 11.018380, 2.336741));
    assert_eq!(r.rows[0].label, "2b84b4b");
}
