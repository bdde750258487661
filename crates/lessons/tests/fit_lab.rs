//! The fit lab's lesson hooks: the `fit-lab` widget kind and the `power_law_extrapolation` answer
//! key (a pure power law's naive extrapolation, `scaling::fit_lab::extrapolate_pure_power_law`).

use std::collections::BTreeMap;

use lessons::model::{AnswerFn, Widget};

fn values(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn power_law_extrapolation_answer_key() {
    let f = AnswerFn::PowerLawExtrapolation;
    assert_eq!(f.name(), "power_law_extrapolation");
    assert_eq!(f.param_names(), &["l1", "l2", "decades"]);
    assert!(AnswerFn::ALL.contains(&f));
    // 3.0 → 2.7 nats in one decade is a factor 0.9 per decade: 2.7·0.9³ = 1.9683 after three more.
    let got = f.eval(&values(&[("l1", 3.0), ("l2", 2.7), ("decades", 3.0)])).unwrap();
    assert!((got - 1.9683).abs() < 1e-12, "{got}");
    assert!(f.eval(&values(&[("l1", 2.0), ("l2", 3.0), ("decades", 1.0)])).is_err());
    assert!(f.eval(&values(&[("l1", 3.0), ("l2", 2.7)])).is_err());
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(json, "\"power_law_extrapolation\"");
}

#[test]
fn fit_lab_widget_kind_round_trips() {
    let w = Widget::FitLab(scaling::fit_lab::FitLabParams::default());
    assert_eq!(w.kind(), "fit-lab");
    assert!(Widget::KINDS.contains(&"fit-lab"));
    let json = serde_json::to_value(&w).unwrap();
    assert_eq!(json["kind"], "fit-lab");
    assert_eq!(json["params"]["law"], "chinchilla");
    let back: Widget = serde_json::from_value(json).unwrap();
    assert_eq!(back, w);
}
