//! Lesson-model and compiler tests of the chapter-3 widgets (law explorer, compute planner) and
//! the `kaplan_loss_n` answer function (Kaplan et al. 2020 eq 1.1; values from
//! shared/reference/scaling-laws.json test vectors `kaplan_LN_*`).

use std::collections::BTreeMap;

use lessons::*;

fn values(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn kaplan_loss_n_matches_the_reference_vectors() {
    // kaplan_LN_1e+08: 2.829962516; kaplan_LN_1e+10: 1.99425497 (eq 1.1, rtol 1e-9).
    for (n, want) in [(1e8, 2.829962516), (1e10, 1.99425497)] {
        let got = AnswerFn::KaplanLossN.eval(&values(&[("n", n)])).unwrap();
        assert!((got - want).abs() <= 1e-9 * want, "{n}: {got}");
    }
    assert_eq!(AnswerFn::KaplanLossN.param_names(), &["n"]);
    assert_eq!(AnswerFn::KaplanLossN.name(), "kaplan_loss_n");
    assert!(AnswerFn::KaplanLossN.eval(&values(&[("n", -1.0)])).is_err());
    assert!(AnswerFn::KaplanLossN.eval(&values(&[])).unwrap_err().contains("`n`"));
}

#[test]
fn widget_kinds_are_registered() {
    assert!(Widget::KINDS.contains(&"law-explorer"));
    assert!(Widget::KINDS.contains(&"compute-planner"));
    let w = Widget::LawExplorer(scaling::law_explorer::LawExplorerParams::default());
    assert_eq!(w.kind(), "law-explorer");
    let json = serde_json::to_value(&w).unwrap();
    assert_eq!(json["kind"], "law-explorer");
    assert_eq!(json["params"]["preset"], "hoffmann-rounded");
    let w = Widget::ComputePlanner(scaling::compute_planner::ComputePlannerParams::default());
    assert_eq!(w.kind(), "compute-planner");
}

#[cfg(feature = "compiler")]
mod compiler {
    use std::path::Path;

    use lessons::compiler::{parse_references, Compiler};
    use lessons::*;

    const FM: &str = "+++\nslug = \"t\"\norder = 1\ntitle = \"T\"\nminutes = 5\nobjectives = [\"x\"]\n+++\n";

    fn compile(body: &str) -> Result<Widget, String> {
        let c = Compiler::new(parse_references(Path::new("references.toml"), "").unwrap());
        let f = c.compile_file(Path::new("t.md"), Language::En, &format!("{FM}\n{body}")).map_err(|d| format!("{d:?}"))?;
        f.chapter
            .body
            .iter()
            .find_map(|s| if let Segment::Widget(w) = s { Some(w.widget.clone()) } else { None })
            .ok_or_else(|| "no widget".to_string())
    }

    #[test]
    fn law_explorer_block_merges_over_defaults() {
        let w = compile("```widget law-explorer\nid = \"le\"\naxis = \"d\"\npreset = \"kaplan2020\"\nfixed_n = 1e9\n```\n").unwrap();
        let Widget::LawExplorer(p) = w else { panic!("{w:?}") };
        assert_eq!(p.axis, scaling::law_explorer::Axis::D);
        assert_eq!(p.fixed_n, 1e9);
        assert_eq!(p.points, scaling::law_explorer::LawExplorerParams::default().points);
    }

    #[test]
    fn bad_params_are_errors_on_their_line() {
        let e = compile("```widget law-explorer\nid = \"le\"\nalpha = -1.0\n```\n").unwrap_err();
        assert!(e.contains("alpha") && e.contains("line: 11"), "{e}");
        let e = compile("```widget compute-planner\nid = \"cp\"\nutilization = 2.0\n```\n").unwrap_err();
        assert!(e.contains("utilization"), "{e}");
        let e = compile("```widget compute-planner\nid = \"cp\"\npreset = \"nope\"\n```\n").unwrap_err();
        assert!(e.contains("preset"), "{e}");
    }
}
