//! Answer keys of the augmentation chapters' randomized exercises, checked against the golden values of
//! shared/reference/augmentation.md (§1.5 CutMix box table, §3 EDA counts).

use std::collections::BTreeMap;

use lessons::model::{AnswerFn, Widget};

fn params(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn cutmix_label_weight_matches_the_golden_boxes() {
    // Golden: 32×32, box (0,0,8,8) → lam_adjusted 0.9375; box (8,8,24,24) → 0.75.
    let f = AnswerFn::CutmixLabelWeight;
    assert_eq!(f.eval(&params(&[("w", 32.0), ("h", 32.0), ("bw", 8.0), ("bh", 8.0)])), Ok(0.9375));
    assert_eq!(f.eval(&params(&[("w", 32.0), ("h", 32.0), ("bw", 16.0), ("bh", 16.0)])), Ok(0.75));
    assert!(f.eval(&params(&[("w", 32.0), ("h", 32.0), ("bw", 33.0), ("bh", 1.0)])).unwrap_err().contains("fit"));
}

#[test]
fn eda_changes_truncate_like_python_int() {
    // §3: n = max(1, int(alpha·num_words)); 0.29·100 = 28.999… gives 28 in eda.py.
    let f = AnswerFn::EdaChanges;
    assert_eq!(f.eval(&params(&[("alpha", 0.29), ("words", 100.0)])), Ok(28.0));
    assert_eq!(f.eval(&params(&[("alpha", 0.05), ("words", 10.0)])), Ok(1.0));
    assert_eq!(f.eval(&params(&[("alpha", 0.1), ("words", 25.0)])), Ok(2.0));
    assert!(f.eval(&params(&[("alpha", -0.1), ("words", 25.0)])).is_err());
}

#[test]
fn untouched_probability_multiplies_the_skips() {
    let f = AnswerFn::UntouchedProbability;
    let p = f.eval(&params(&[("p1", 0.5), ("p2", 0.8), ("p3", 0.0)])).unwrap();
    assert!((p - 0.1).abs() < 1e-12, "{p}");
    assert!(f.eval(&params(&[("p1", 1.5), ("p2", 0.0), ("p3", 0.0)])).is_err());
}

#[test]
fn augmentation_widget_kinds_are_named_as_in_markdown() {
    for (w, kind) in [
        (Widget::ImagePlayground(Default::default()), "image-playground"),
        (Widget::DigitMixing(Default::default()), "digit-mixing"),
        (Widget::TextPlayground(Default::default()), "text-playground"),
    ] {
        assert_eq!(w.kind(), kind);
        assert!(Widget::KINDS.contains(&kind));
    }
}
