//! Every test vector of the shared reference file `scaling-laws.json` (schema
//! scaling-law-reference/v1), dispatched on its `fn` to this crate and checked with the vector's
//! own rtol. The file is read at test time: `$SCALING_LAB_REFERENCE` if set, else
//! `$CARGO_MANIFEST_DIR/../../../shared/reference/scaling-laws.json` (CI: shared/ beside the
//! clone), else `/work/shared/reference/scaling-laws.json`. A missing file fails the test.

use std::path::PathBuf;

use scaling::chinchilla::{preset, ChinchillaParams, Preset};
use scaling::{kaplan, muennighoff, BnslParams};
use serde_json::Value;

fn reference_path() -> PathBuf {
    if let Ok(p) = std::env::var("SCALING_LAB_REFERENCE") {
        return PathBuf::from(p);
    }
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/scaling-laws.json");
    if beside.exists() {
        return beside;
    }
    PathBuf::from("/work/shared/reference/scaling-laws.json")
}

fn load() -> Value {
    let path = reference_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "reference file {} is required and unreadable: {e}",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("reference JSON parses")
}

fn num(v: &Value, key: &str) -> f64 {
    v.get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("input {key} missing or not a number in {v}"))
}

fn params_named(name: &str) -> ChinchillaParams {
    let p = match name {
        "hoffmann_rounded" => Preset::HoffmannRounded,
        "hoffmann_tex" => Preset::HoffmannUnrounded,
        "besiroglu" => Preset::Besiroglu2024,
        "muennighoff_c4" => Preset::MuennighoffC4,
        other => panic!("unknown params preset {other}"),
    };
    preset(p)
}

fn check(id: &str, what: &str, got: f64, expected: f64, rtol: f64) -> Result<(), String> {
    let err = ((got - expected) / expected).abs();
    if err <= rtol {
        Ok(())
    } else {
        Err(format!("{id} {what}: got {got:.12e}, expected {expected:.12e} (rel err {err:.2e} > rtol {rtol:e})"))
    }
}

/// Evaluates one vector; returns Ok(number of asserted values) or Err(description).
/// Unknown `fn` names are an error, so no vector can be skipped.
fn run_vector(v: &Value) -> Result<usize, String> {
    let id = v["id"].as_str().unwrap_or("?");
    let f = v["fn"].as_str().ok_or(format!("{id}: fn missing"))?;
    let inp = &v["inputs"];
    let exp = &v["expected"];
    let rtol = v["rtol"].as_f64().ok_or(format!("{id}: rtol missing"))?;
    let scalar = |got: f64| -> Result<usize, String> {
        check(
            id,
            f,
            got,
            exp.as_f64().ok_or(format!("{id}: expected not a number"))?,
            rtol,
        )
        .map(|_| 1)
    };
    match f {
        "chinchilla_loss" => {
            let p = params_named(inp["params"].as_str().unwrap_or(""));
            scalar(p.loss(num(inp, "N"), num(inp, "D")))
        }
        "chinchilla_compute_optimal" => {
            let p = params_named(inp["params"].as_str().unwrap_or(""));
            let o = p.compute_optimal(num(inp, "C"));
            let obj = exp
                .as_object()
                .ok_or(format!("{id}: expected not an object"))?;
            let mut count = 0;
            for (k, e) in obj {
                let got = match k.as_str() {
                    "G" => o.g,
                    "a" => o.a,
                    "N_opt" => o.n_opt,
                    "D_opt" => o.d_opt,
                    "D_over_N" => o.tokens_per_param,
                    "L_opt" => o.l_opt,
                    other => return Err(format!("{id}: unhandled expected key {other}")),
                };
                check(id, k, got, e.as_f64().unwrap(), rtol)?;
                count += 1;
            }
            Ok(count)
        }
        "kaplan_L_N" => scalar(kaplan::loss_n(num(inp, "N"))),
        "kaplan_L_D" => scalar(kaplan::loss_d(num(inp, "D"))),
        "kaplan_L_Cmin" => scalar(kaplan::loss_c_min(num(inp, "C_min_pfdays"))),
        "kaplan_L_ND_table2" => scalar(kaplan::loss_nd_table2(num(inp, "N"), num(inp, "D"))),
        "kaplan_L_NS_table3" => scalar(kaplan::loss_ns_table3(num(inp, "N"), num(inp, "S_min"))),
        "kaplan_B_crit" => scalar(kaplan::critical_batch(
            num(inp, "L"),
            num(inp, "B_star"),
            num(inp, "alpha_B"),
        )),
        "kaplan_N_opt" => {
            // inputs.C_min documents the convention "C/2 in PF-days", which n_opt_for_flop applies.
            if inp["C_min"].as_str() != Some("C/2 in PF-days") {
                return Err(format!(
                    "{id}: unexpected C_min convention {}",
                    inp["C_min"]
                ));
            }
            scalar(kaplan::n_opt_for_flop(num(inp, "C_flop")))
        }
        "pow" => scalar(num(inp, "base").powf(num(inp, "exp"))),
        "kaplan_alpha_C_min" => scalar(kaplan::alpha_c_min_theory(
            num(inp, "alpha_S"),
            num(inp, "alpha_B"),
            num(inp, "alpha_N"),
        )),
        "muennighoff_loss" => {
            let l = muennighoff::loss(num(inp, "N"), num(inp, "D"), num(inp, "U"))
                .map_err(|e| format!("{id}: {e}"))?;
            scalar(l)
        }
        "muennighoff_effective_data" => scalar(muennighoff::effective_data(
            num(inp, "U"),
            num(inp, "R_D"),
            num(inp, "R_D_star"),
        )),
        "bnsl" => {
            if inp["params"].as_str() != Some("caballero_fig1") {
                return Err(format!("{id}: unknown bnsl params {}", inp["params"]));
            }
            scalar(BnslParams::caballero_fig1().eval(num(inp, "x")))
        }
        other => Err(format!("{id}: unhandled fn {other}")),
    }
}

#[test]
fn every_reference_vector_passes_and_none_is_skipped() {
    let r = load();
    let vectors = r["test_vectors"].as_array().expect("test_vectors array");
    assert!(
        vectors.len() >= 40,
        "expected the full vector list, got {}",
        vectors.len()
    );
    let mut failures = Vec::new();
    let mut asserted = 0;
    for v in vectors {
        match run_vector(v) {
            Ok(n) => asserted += n,
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
    assert!(asserted >= vectors.len());
}

#[test]
fn an_unknown_fn_is_reported_not_skipped() {
    let v: Value = serde_json::json!({"id": "x", "fn": "no_such_fn", "inputs": {}, "expected": 1.0, "rtol": 1e-9});
    assert!(run_vector(&v).is_err());
}

/// Constants in the reference `constants` block agree with the presets of this crate.
#[test]
fn presets_match_reference_constants() {
    let r = load();
    let h = &r["constants"]["hoffmann2022"];
    let cases = [
        (Preset::HoffmannRounded, &h["rounded_eq10"]),
        (Preset::HoffmannUnrounded, &h["unrounded_tex"]),
        (
            Preset::Besiroglu2024,
            &r["constants"]["besiroglu2024"]["published"],
        ),
        (
            Preset::MuennighoffC4,
            &r["constants"]["muennighoff2023"]["c4_fit"],
        ),
    ];
    for (p, c) in cases {
        let q = preset(p);
        for (got, key) in [
            (q.e, "E"),
            (q.a, "A"),
            (q.b, "B"),
            (q.alpha, "alpha"),
            (q.beta, "beta"),
        ] {
            let want = num(c, key);
            assert!(
                ((got - want) / want).abs() < 1e-9,
                "{p:?} {key}: {got} vs {want}"
            );
        }
    }
    let m = &r["constants"]["muennighoff2023"];
    assert_eq!(muennighoff::R_D_STAR, num(m, "R_D_star"));
    assert_eq!(muennighoff::R_N_STAR, num(m, "R_N_star"));
    // U_N / U_D = G² for α = β (reference "U_N_over_U_D").
    let ratio = muennighoff::n_for_tokens(1.0, &preset(Preset::MuennighoffC4));
    assert!(
        (ratio / num(m, "U_N_over_U_D") - 1.0).abs() < 1e-8,
        "{ratio}"
    );
    let b = BnslParams::caballero_fig1();
    let fig1 = &r["constants"]["caballero2022_bnsl"]["figure1_params"];
    assert_eq!(b.b, num(fig1, "b"));
    assert_eq!(b.f, vec![1.1, 1.425, 0.05]);
}
