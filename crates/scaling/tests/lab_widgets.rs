//! Tests of the law explorer and compute planner widget parameters and of the famous-model list,
//! against the shared reference file `scaling-laws.json` (located as in reference_vectors.rs) and
//! the papers' printed numbers quoted beside each assertion.

use std::path::PathBuf;

use scaling::chinchilla::Preset;
use scaling::compute_planner::{BudgetMode, ComputePlannerParams};
use scaling::famous_models::FAMOUS_MODELS;
use scaling::law_explorer::{Axis, LawExplorerParams, LawPreset};
use serde_json::Value;

fn reference() -> Value {
    let path = std::env::var("SCALING_LAB_REFERENCE").map(PathBuf::from).unwrap_or_else(|_| {
        let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/scaling-laws.json");
        if beside.exists() {
            beside
        } else {
            PathBuf::from("/work/shared/reference/scaling-laws.json")
        }
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reference file {} unreadable: {e}", path.display()));
    serde_json::from_str(&text).expect("reference JSON parses")
}

fn vector(r: &Value, id: &str) -> Value {
    r["test_vectors"].as_array().unwrap().iter().find(|v| v["id"] == id).unwrap_or_else(|| panic!("no vector {id}")).clone()
}

fn close(got: f64, want: f64, rtol: f64) -> bool {
    (got - want).abs() <= rtol * want.abs()
}

fn explorer(axis: Axis, preset: LawPreset) -> LawExplorerParams {
    LawExplorerParams { axis, preset, show_compare: false, ..Default::default() }
}

/// Evaluate the main law at exactly `x` by using a two-point grid starting at x.
fn at(p: &LawExplorerParams, x: f64) -> scaling::law_explorer::LawPoint {
    let mut q = p.clone();
    match p.axis {
        Axis::N => (q.n_min, q.n_max) = (x, x * 10.0),
        Axis::D => (q.d_min, q.d_max) = (x, x * 10.0),
        Axis::C => (q.c_min, q.c_max) = (x, x * 10.0),
    }
    q.points = 2;
    q.validate().unwrap();
    q.curves().main[0]
}

#[test]
fn kaplan_single_variable_laws_match_the_reference_vectors() {
    let r = reference();
    // "kaplan_LN_1e+09": eq 1.1 at N = 1e9 is 2.375640295 nats.
    let v = vector(&r, "kaplan_LN_1e+09");
    let p = at(&explorer(Axis::N, LawPreset::Kaplan2020), v["inputs"]["N"].as_f64().unwrap());
    assert!(close(p.loss, v["expected"].as_f64().unwrap(), 1e-9), "{p:?}");
    assert_eq!(p.d, None, "L(N) is the data-unlimited law");
    // "kaplan_LD_1e+10": eq 1.2 at D = 1e10 is 2.262441754 nats.
    let v = vector(&r, "kaplan_LD_1e+10");
    let p = at(&explorer(Axis::D, LawPreset::Kaplan2020), v["inputs"]["D"].as_f64().unwrap());
    assert!(close(p.loss, v["expected"].as_f64().unwrap(), 1e-9), "{p:?}");
    // "kaplan_LCmin_1pfd": eq 1.3 at C_min = 1 PF-day = 8.64e19 FLOP is 2.658080226 nats.
    let v = vector(&r, "kaplan_LCmin_1pfd");
    let p = at(&explorer(Axis::C, LawPreset::Kaplan2020), 8.64e19);
    assert!(close(p.loss, v["expected"].as_f64().unwrap(), 1e-9), "{p:?}");
}

#[test]
fn kaplan_joint_law_matches_table2_vector() {
    let r = reference();
    // "kaplan_LND_1e9_1e10": eq 1.5 with Table 2 at N = 1e9, D = 1e10 is 2.419651819 nats.
    let v = vector(&r, "kaplan_LND_1e9_1e10");
    let mut p = explorer(Axis::N, LawPreset::KaplanNd);
    p.fixed_d = v["inputs"]["D"].as_f64().unwrap();
    let pt = at(&p, v["inputs"]["N"].as_f64().unwrap());
    assert!(close(pt.loss, v["expected"].as_f64().unwrap(), 1e-9), "{pt:?}");
    // Same number from the D axis with N fixed.
    let mut p = explorer(Axis::D, LawPreset::KaplanNd);
    p.fixed_n = 1e9;
    assert!(close(at(&p, 1e10).loss, v["expected"].as_f64().unwrap(), 1e-9));
}

#[test]
fn chinchilla_split_terms_sum_to_the_reference_loss() {
    let r = reference();
    // "chin_loss_hoffmann_rounded_chinchilla_70B_1.4T": 1.936645471 nats.
    let v = vector(&r, "chin_loss_hoffmann_rounded_chinchilla_70B_1.4T");
    let mut p = explorer(Axis::N, LawPreset::HoffmannRounded);
    p.fixed_d = 1.4e12;
    let pt = at(&p, 70e9);
    let want = v["expected"].as_f64().unwrap();
    assert!(close(pt.loss, want, 1e-9), "{pt:?}");
    let e = r["constants"]["hoffmann2022"]["rounded_eq10"]["E"].as_f64().unwrap();
    assert_eq!(pt.irreducible, Some(e));
    let sum = pt.irreducible.unwrap() + pt.param_term.unwrap() + pt.data_term.unwrap();
    assert!(close(sum, want, 1e-9));
    // A/N^α with A = 406.4, α = 0.34 at N = 7e10, written out from eq (10).
    assert!(close(pt.param_term.unwrap(), 406.4 / 70e9f64.powf(0.34), 1e-12));
}

#[test]
fn chinchilla_c_axis_is_the_compute_optimal_loss() {
    let r = reference();
    // "chin_opt_besiroglu_C5.76e+23": L_opt = 1.974441108, N_opt = 72248702500.
    let v = vector(&r, "chin_opt_besiroglu_C5.76e+23");
    let pt = at(&explorer(Axis::C, LawPreset::Besiroglu2024), 5.76e23);
    assert!(close(pt.loss, v["expected"]["L_opt"].as_f64().unwrap(), 1e-9), "{pt:?}");
    assert!(close(pt.n.unwrap(), v["expected"]["N_opt"].as_f64().unwrap(), 1e-9));
}

#[test]
fn custom_constants_replace_the_preset_only_when_custom() {
    let r = reference();
    let b = &r["constants"]["besiroglu2024"]["published"];
    let mut p = explorer(Axis::N, LawPreset::HoffmannRounded);
    p.load_constants(LawPreset::Besiroglu2024);
    p.fixed_d = 1.4e12;
    // Not custom: still the rounded Hoffmann law (1.936645471 at Chinchilla's N and D).
    assert!(close(at(&p, 70e9).loss, 1.936645471, 1e-9));
    p.custom = true;
    assert_eq!(p.e, b["E"].as_f64().unwrap());
    // Custom with Besiroglu's constants: "chin_loss_besiroglu_chinchilla_70B_1.4T" = 1.973881863.
    assert!(close(at(&p, 70e9).loss, 1.973881863, 1e-9));
}

#[test]
fn comparison_curve_uses_its_own_published_constants() {
    let mut p = LawExplorerParams { axis: Axis::N, preset: LawPreset::HoffmannRounded, show_compare: true, compare: LawPreset::Kaplan2020, ..Default::default() };
    (p.n_min, p.n_max, p.points) = (1e9, 1e10, 2);
    let c = p.curves();
    let cmp = c.compare.unwrap();
    // "kaplan_LN_1e+09" and "kaplan_LN_1e+10": 2.375640295 and 1.99425497.
    assert!(close(cmp[0].loss, 2.375640295, 1e-9));
    assert!(close(cmp[1].loss, 1.99425497, 1e-9));
    p.show_compare = false;
    assert!(p.curves().compare.is_none());
}

#[test]
fn law_csv_has_a_row_per_point_and_every_column() {
    let p = LawExplorerParams { points: 7, ..Default::default() };
    let csv = p.table_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 8);
    assert!(lines[0].starts_with("N_params,N_params,D_tokens,C_flop,loss_nats,E_nats,"), "{}", lines[0]);
    assert!(lines[0].ends_with("compare_loss_nats"));
    assert_eq!(lines[1].split(',').count(), 9);
}

#[test]
fn url_and_toml_names_are_kebab_case() {
    let p: LawExplorerParams = serde_json::from_value({
        let mut v = serde_json::to_value(LawExplorerParams::default()).unwrap();
        v["axis"] = "c".into();
        v["preset"] = "kaplan-nd".into();
        v
    })
    .unwrap();
    assert_eq!((p.axis, p.preset), (Axis::C, LawPreset::KaplanNd));
    let v = serde_json::to_value(ComputePlannerParams { budget_mode: BudgetMode::Gpu, ..Default::default() }).unwrap();
    assert_eq!(v["budget_mode"], "gpu");
    assert_eq!(v["preset"], "hoffmann-rounded");
}

#[test]
fn planner_optimum_matches_reference_and_kaplan_matches_hoffmann_d4() {
    let r = reference();
    // "chin_opt_hoffmann_rounded_C1e+21": N_opt 1824217697, D/N 50.08358642, L_opt 2.32888294.
    let v = vector(&r, "chin_opt_hoffmann_rounded_C1e+21");
    let p = ComputePlannerParams { c: 1e21, ..Default::default() };
    p.validate().unwrap();
    let plan = p.plan();
    assert!(close(plan.optimum.n_opt, v["expected"]["N_opt"].as_f64().unwrap(), 1e-9));
    assert!(close(plan.optimum.tokens_per_param, v["expected"]["D_over_N"].as_f64().unwrap(), 1e-9));
    assert!(close(plan.optimum.l_opt, v["expected"]["L_opt"].as_f64().unwrap(), 1e-9));
    // Hoffmann App D.4: Kaplan's allocation at 1e21 FLOPs is 4.68B parameters
    // ("d4_head_to_head_1e21.kaplan_N").
    let kn = r["constants"]["hoffmann2022"]["d4_head_to_head_1e21"]["kaplan_N"].as_f64().unwrap();
    assert!(close(plan.kaplan.n, kn, 1e-3), "{}", plan.kaplan.n);
    assert!(close(6.0 * plan.kaplan.n * plan.kaplan.d, 1e21, 1e-12));
    // Kaplan's bigger model on less data loses to the optimum under the same law.
    assert!(plan.kaplan.loss > plan.optimum.l_opt);
}

#[test]
fn planner_isoflop_minima_are_the_curves_lowest_points() {
    let p = ComputePlannerParams { preset: Preset::MuennighoffC4, curves: 3, ..Default::default() };
    let plan = p.plan();
    assert_eq!(plan.curves.len(), 3);
    // The middle curve is the budget itself (Gopher's 5.76e23); "chin_opt_muennighoff_c4_C5.76e+23"
    // gives N_opt = 69962173310 and L_opt = 2.025162368.
    let mid = &plan.curves[1];
    assert_eq!(mid.c, 5.76e23);
    assert!(close(mid.minimum.n_opt, 69962173310.0, 1e-9));
    assert!(close(mid.minimum.l_opt, 2.025162368, 1e-9));
    for c in &plan.curves {
        let lowest = c.points.iter().map(|q| q.loss).fold(f64::INFINITY, f64::min);
        assert!(c.minimum.l_opt <= lowest + 1e-12);
        // The grid is within a factor 30 of N_opt on both sides, so its best point is close.
        assert!(lowest - c.minimum.l_opt < 1e-3);
    }
    assert!(close(plan.curves[2].c / plan.curves[1].c, 10.0, 1e-12));
}

#[test]
fn gpu_budget_is_the_product_and_validates() {
    // 1000 GPUs × 24 h × 3600 s × 1e15 FLOP/s × 0.5 = 4.32e22 FLOPs.
    let p = ComputePlannerParams { budget_mode: BudgetMode::Gpu, gpus: 1000.0, hours: 24.0, peak_flops: 1e15, utilization: 0.5, ..Default::default() };
    assert!(close(p.budget_flop(), 4.32e22, 1e-12));
    assert_eq!(p.validate(), Ok(()));
    let bad = ComputePlannerParams { utilization: 1.5, ..p.clone() };
    assert!(bad.validate().unwrap_err().to_string().contains("utilization"));
    let tiny = ComputePlannerParams { gpus: 1.0, hours: 1e-6, peak_flops: 1.0, ..p };
    assert!(tiny.validate().is_err());
    assert!(ComputePlannerParams { c: f64::NAN, ..Default::default() }.validate().is_err());
}

#[test]
fn hoffmann_table1_rows_equal_the_reference() {
    let r = reference();
    for row in r["constants"]["hoffmann2022"]["models_table1"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        let m = FAMOUS_MODELS.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(m.n, row["N"].as_f64().unwrap(), "{name}");
        assert_eq!(m.d, Some(row["D"].as_f64().unwrap()), "{name}");
    }
}

#[test]
fn published_compute_is_six_n_d() {
    // Where the source prints the training compute, C = 6·N·D holds within 3 % (GPT-3: Brown et
    // al. Table D.1 3.14e23; Chinchilla: Gopher's 5.76e23, Hoffmann Sec 4; Llama 3 405B: 3.8e25,
    // arXiv:2407.21783). The papers count FLOPs in more detail (attention, embeddings).
    let mut checked = 0;
    for m in FAMOUS_MODELS {
        if let Some(c) = m.c_published {
            let six_nd = m.c().expect("a row with compute has D");
            assert!(close(six_nd, c, 0.03), "{}: 6ND = {six_nd:e}, published {c:e}", m.name);
            checked += 1;
        }
        assert!(!m.source.is_empty());
    }
    assert_eq!(checked, 3);
}

#[test]
fn llama_rows_are_the_published_sizes() {
    // LLaMA (arXiv:2302.13971): 7B and 13B on 1.0T tokens, 33B and 65B on 1.4T.
    // Llama 2 (arXiv:2307.09288): 7B, 13B, 70B on 2.0T. Llama 3 (arXiv:2407.21783): 405B on 15.6T.
    let want = [
        ("LLaMA 7B", 7e9, 1.0e12),
        ("LLaMA 13B", 13e9, 1.0e12),
        ("LLaMA 33B", 33e9, 1.4e12),
        ("LLaMA 65B", 65e9, 1.4e12),
        ("Llama 2 7B", 7e9, 2.0e12),
        ("Llama 2 13B", 13e9, 2.0e12),
        ("Llama 2 70B", 70e9, 2.0e12),
        ("Llama 3 405B", 405e9, 15.6e12),
    ];
    for (name, n, d) in want {
        let m = FAMOUS_MODELS.iter().find(|m| m.name == name).unwrap();
        assert_eq!((m.n, m.d), (n, Some(d)), "{name}");
    }
}

#[test]
fn models_are_placed_against_the_frontier() {
    let plan = ComputePlannerParams::default().plan();
    let gopher = plan.models.iter().find(|m| m.model.name == "Gopher").unwrap();
    // Gopher (280B on 300B tokens) is far larger than compute-optimal under Hoffmann's law.
    assert!(gopher.size_ratio.unwrap() > 2.0);
    assert!(gopher.loss.unwrap() > gopher.l_opt.unwrap());
    // "chin_loss_hoffmann_rounded_gopher_280B_300B": 1.993258462 nats.
    assert!(close(gopher.loss.unwrap(), 1.993258462, 1e-9));
    let l3 = plan.models.iter().find(|m| m.model.name == "Llama 3 8B").unwrap();
    assert_eq!((l3.c, l3.loss), (None, None));
    assert!(ComputePlannerParams { show_models: false, ..Default::default() }.plan().models.is_empty());
    let csv = ComputePlannerParams::default().table_csv();
    assert!(csv.lines().any(|l| l.starts_with("model,Chinchilla,")));
    assert!(csv.lines().any(|l| l.starts_with("kaplan,")));
}
