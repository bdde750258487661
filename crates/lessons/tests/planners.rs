//! The chapter-4 planner blocks (`data-constrained`, `inference-planner`, `preset-compare`) and the
//! `chinchilla_n_opt` answer key: parsing over the science crate's defaults, validation errors at
//! the offending line, and answers checked against /work/shared/reference/scaling-laws.json.

use std::collections::BTreeMap;

use lessons::*;

fn values(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Reference vectors at C = 5.76e23 FLOPs (computed closed form, Hoffmann App D.2):
/// hoffmann_rounded N_opt = 32189859150, hoffmann_tex 40360938390, besiroglu 72248702500.
#[test]
fn chinchilla_n_opt_matches_reference_vectors() {
    let f = AnswerFn::ChinchillaNOpt;
    assert_eq!(f.name(), "chinchilla_n_opt");
    assert_eq!(f.param_names(), &["c", "preset"]);
    for (preset, want) in [(0.0, 32189859150.0), (1.0, 40360938390.0), (2.0, 72248702500.0)] {
        let got = f.eval(&values(&[("c", 5.76e23), ("preset", preset)])).unwrap();
        assert!((got / want - 1.0).abs() < 1e-9, "preset {preset}: {got} vs {want}");
    }
    // chin_opt_hoffmann_rounded_C1e+21: N_opt = 1824217697.
    let got = f.eval(&values(&[("c", 1e21), ("preset", 0.0)])).unwrap();
    assert!((got / 1824217697.0 - 1.0).abs() < 1e-9);
}

#[test]
fn chinchilla_n_opt_rejects_bad_parameters() {
    let f = AnswerFn::ChinchillaNOpt;
    assert!(f.eval(&values(&[("c", 1e21), ("preset", 4.0)])).is_err());
    assert!(f.eval(&values(&[("c", 1e21), ("preset", 0.5)])).is_err());
    assert!(f.eval(&values(&[("c", -1.0), ("preset", 0.0)])).is_err());
    assert!(f.eval(&values(&[("c", 1e21)])).is_err());
    assert!(AnswerFn::ALL.contains(&f));
}

#[test]
fn planner_kinds_are_registered() {
    for k in ["data-constrained", "inference-planner", "preset-compare"] {
        assert!(Widget::KINDS.contains(&k), "{k}");
    }
    let w = Widget::DataConstrained(Default::default());
    assert_eq!(w.kind(), "data-constrained");
    let json = serde_json::to_value(&Widget::InferencePlanner(Default::default())).unwrap();
    assert_eq!(json["kind"], "inference-planner");
    assert_eq!(json["params"]["preset"], "hoffmann-rounded");
    assert_eq!(Widget::PresetCompare(Default::default()).kind(), "preset-compare");
}

#[cfg(feature = "compiler")]
mod compiled {
    use std::path::Path;

    use lessons::compiler::{parse_references, Compiler};
    use lessons::*;

    const FM: &str = "+++\nslug = \"t\"\norder = 1\ntitle = \"T\"\nminutes = 5\nobjectives = [\"x\"]\n+++\n";

    fn compile(body: &str) -> Result<Chapter, Vec<String>> {
        let c = Compiler::new(parse_references(Path::new("references.toml"), "").unwrap());
        c.compile_file(Path::new("t.md"), Language::En, &format!("{FM}\n{body}"))
            .map(|f| f.chapter)
            .map_err(|d| d.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn blocks_merge_over_defaults() {
        let ch = compile("```widget data-constrained\nid = \"dc\"\nepochs = 8\n```\n\n```widget inference-planner\nid = \"ip\"\npreset = \"besiroglu2024\"\ninference_tokens = 1e12\n```\n\n```widget preset-compare\nid = \"pc\"\n```\n").unwrap();
        let widgets: Vec<&WidgetSpec> = ch.body.iter().filter_map(|s| if let Segment::Widget(w) = s { Some(w) } else { None }).collect();
        assert_eq!(widgets.len(), 3);
        match &widgets[0].widget {
            Widget::DataConstrained(p) => {
                assert_eq!(p.epochs, 8.0);
                assert_eq!(p.unique_tokens, 25e9);
            }
            other => panic!("{other:?}"),
        }
        match &widgets[1].widget {
            Widget::InferencePlanner(p) => {
                assert_eq!(p.preset, scaling::Preset::Besiroglu2024);
                assert_eq!(p.inference_tokens, 1e12);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_params_point_at_their_line() {
        // Body line 1 is the blank after the front matter (line 8); the fence is line 9.
        let errs = compile("```widget data-constrained\nid = \"dc\"\nthreshold = 2.0\n```\n").unwrap_err();
        assert!(errs.iter().any(|e| e.starts_with("t.md:11: ") && e.contains("threshold")), "{errs:#?}");
        let errs = compile("```widget inference-planner\nid = \"ip\"\npreset = \"gpt\"\n```\n").unwrap_err();
        assert!(errs.iter().any(|e| e.starts_with("t.md:11: ") && e.contains("preset")), "{errs:#?}");
    }

    #[test]
    fn random_exercise_with_chinchilla_n_opt_compiles() {
        let body = "```exercise random\nid = \"r\"\nprompt = \"C = {c}, preset {preset}\"\nanswer = \"chinchilla_n_opt\"\ntolerance = { rel = 0.02 }\nsolution = \"{answer}\"\n[params]\nc = { choices = [1e21, 1e22] }\npreset = { choices = [0, 2] }\n```\n";
        let ch = compile(body).unwrap();
        assert!(ch.body.iter().any(|s| matches!(s, Segment::Exercise(ExerciseSpec { kind: Exercise::Random { answer: AnswerFn::ChinchillaNOpt, .. }, .. }))));
    }
}
