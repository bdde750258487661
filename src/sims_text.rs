//! The simulators of chapters 1 and 2 (the `sims` crate) in the reader's language: control labels, refused settings, the repeats bound, the d-change note and which settings shown numbers belong to.
//! Counts (n, repeats) are shown grouped by [`grouped`] everywhere on screen: 1,176,490, not 1176490.

use sims::box_averaging::{BoxAveragingParams, MAX_COST};
use sims::mean_estimation::{MeanEstimationParams, MAX_DRAWS};
use sims::{CostUnit, ParamError, Rule};

use crate::format::{grouped, sig};
use crate::i18n::Language;

/// Which simulator a field belongs to: the same field has a different control in each (`repeats` is
/// "repeats per n" in one and "repeats" in the other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sim {
    MeanEstimation,
    BoxAveraging,
    /// Chapter 1's capacity sweep (`sims::capacity`).
    Capacity,
}

fn en(lang: Language) -> bool {
    lang == Language::En
}

/// An English count with its noun, grouped: "1 repeat", "1,000 repeats".
fn en_count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n as u64), if n == 1 { one } else { many })
}

/// A number as the sliders show it: whole numbers in full and grouped (2,000,000, as the "largest
/// n" slider prints it), others with 3 significant digits.
fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let sign = if v < 0.0 { "−" } else { "" };
        format!("{sign}{}", grouped(v.abs() as u64))
    } else {
        sig(v, 3)
    }
}

/// The label of the control that sets `field` (the Rust field name, which is also the URL key), as
/// the widget shows it; fields without a control (set only by a link) get a descriptive name.
pub fn field_label(field: &str, sim: Sim, lang: Language) -> String {
    let (e, z) = match (field, sim) {
        ("sigma", _) => ("σ", "σ"),
        ("n_min", _) => ("smallest n", "最小 n"),
        ("n_max", _) => ("largest n", "最大 n"),
        ("points", _) => ("number of n values", "n 的取值个数"),
        ("repeats", Sim::MeanEstimation) => ("repeats per n", "每个 n 的重复次数"),
        ("repeats", Sim::BoxAveraging | Sim::Capacity) => ("repeats", "重复次数"),
        ("n_train", _) => ("training points n", "训练点数 n"),
        ("max_features", _) => ("largest number of features p", "最大特征数 p"),
        ("d", _) => ("dimension d", "维度 d"),
        ("k", _) => ("points per box k", "每个箱子的点数 k"),
        ("noise", _) => ("label noise σ", "标签噪声 σ"),
        ("test_points", _) => ("test points", "测试点数"),
        ("seed", _) => ("seed", "随机种子"),
        (other, _) => return other.to_string(),
    };
    if en(lang) { e } else { z }.to_string()
}

/// The control's label in quotation marks, as the messages name it.
fn quoted(field: &str, sim: Sim, lang: Language) -> String {
    format!("“{}”", field_label(field, sim, lang))
}

/// Why a simulator refused its settings (from a link or a control), naming the control and saying
/// what to do.
pub fn param_error(e: &ParamError, sim: Sim, lang: Language) -> String {
    match e {
        ParamError::OutOfRange { field, value, rule } => {
            let name = quoted(field, sim, lang);
            let value = crate::format::parse_f64(value).filter(|v| v.is_finite()).map(num).unwrap_or_else(|| value.clone());
            match (rule, en(lang)) {
                (Rule::Between { min, max }, true) => format!("{name} must be between {} and {} (it is {value}).", num(*min), num(*max)),
                (Rule::Between { min, max }, false) => format!("{name}必须在 {} 到 {} 之间（现在是 {value}）。", num(*min), num(*max)),
                (Rule::AtLeast(min), true) => format!("{name} must be at least {} (it is {value}).", num(*min)),
                (Rule::AtLeast(min), false) => format!("{name}不能小于 {}（现在是 {value}）。", num(*min)),
                (Rule::AtMost(max), true) => format!("{name} must be at most {} (it is {value}).", num(*max)),
                (Rule::AtMost(max), false) => format!("{name}不能大于 {}（现在是 {value}）。", num(*max)),
                (Rule::Positive, true) => format!("{name} must be a number above 0 (it is {value})."),
                (Rule::Positive, false) => format!("{name}必须是大于 0 的数（现在是 {value}）。"),
                (Rule::NonNegative, true) => format!("{name} must be a number of at least 0 (it is {value})."),
                (Rule::NonNegative, false) => format!("{name}必须是不小于 0 的数（现在是 {value}）。"),
                (Rule::Above(other), true) => format!("{name} must be above {} (it is {value}).", quoted(other, sim, lang)),
                (Rule::Above(other), false) => format!("{name}必须大于{}（现在是 {value}）。", quoted(other, sim, lang)),
            }
        }
        ParamError::TooCostly { cost, cap, unit, max_repeats } => {
            let repeats = quoted("repeats", sim, lang);
            // What makes a run costly: the largest n, or for the capacity sweep the largest p.
            let largest = quoted(if sim == Sim::Capacity { "max_features" } else { "n_max" }, sim, lang);
            let (cost, cap) = (sig(*cost, 2), sig(*cap, 2));
            let over = match (unit, en(lang)) {
                (CostUnit::NormalDraws, true) => format!("This run would need {cost} random draws, more than the {cap} one run may make."),
                (CostUnit::NormalDraws, false) => format!("这次运行需要 {cost} 次随机抽样，超过了一次运行 {cap} 次的上限。"),
                (CostUnit::PointDimensions, true) => {
                    format!("This run would cost {cost} point-dimensions (training and test points × d), more than the {cap} one run may cost.")
                }
                (CostUnit::PointDimensions, false) => format!("这次运行的计算量是 {cost} 点·维（训练点与测试点数 × d），超过了一次运行 {cap} 的上限。"),
                (CostUnit::MultiplyAdds, true) => {
                    format!("This run would cost {cost} multiply-adds (a least-squares fit for every p), more than the {cap} one run may cost.")
                }
                (CostUnit::MultiplyAdds, false) => format!("这次运行需要 {cost} 次乘加运算（每个 p 各做一次最小二乘拟合），超过了一次运行 {cap} 次的上限。"),
            };
            let fix = match (*max_repeats, en(lang)) {
                (0, true) => format!(" Lower the {largest}: even one repeat is too many for this range."),
                (0, false) => format!("请调小{largest}：在这个范围内，连一次重复都超出上限。"),
                (m, true) => format!(" Lower the {largest}, or set {repeats} to {} or fewer.", grouped(m as u64)),
                (m, false) => format!("请调小{largest}，或把{repeats}调到 {} 或更少。", grouped(m as u64)),
            };
            over + &fix
        }
    }
}

/// The hint under the mean-estimation widget's "repeats per n" slider: its maximum `bound` and where
/// it comes from (`costliest` has both n sliders at their largest, so its `n_max` is the largest n
/// they allow, see [`MeanEstimationParams::repeats_bound`]).
pub fn mean_repeats_hint(bound: usize, costliest: &MeanEstimationParams, lang: Language) -> String {
    let (bound, hi, cap) = (grouped(bound as u64), grouped(costliest.n_max), sig(MAX_DRAWS, 1));
    if en(lang) {
        format!("At most {bound}, so that even with the largest n values the sliders allow (up to {hi}) a run stays under the cap of {cap} random draws.")
    } else {
        format!("最多 {bound} 次：这样即使 n 取滑块允许的最大值（最大到 {hi}），一次运行也不超过 {cap} 次随机抽样的上限。")
    }
}

/// The hint under the box-averaging widget's "repeats" slider (whose maximum is `slider_max`) when
/// the cost cap allows fewer for the current d and n range; `None` when every position fits.
pub fn box_repeats_hint(p: &BoxAveragingParams, slider_max: usize, lang: Language) -> Option<String> {
    let m = p.max_repeats();
    (m < slider_max).then(|| {
        let cap = sig(MAX_COST, 1);
        match (m, en(lang)) {
            (0, true) => format!("With this d and n range even one repeat is over the cap of {cap} point-dimensions per run: lower the largest n."),
            (0, false) => format!("在当前的 d 和 n 范围下，一次重复就已超过每次运行 {cap} 点·维的上限：请调小最大 n。"),
            (m, true) => format!("With this d and n range, at most {} repeats fit under the cap of {cap} point-dimensions per run.", grouped(m as u64)),
            (m, false) => format!("在当前的 d 和 n 范围下，最多 {} 次重复才不超过每次运行 {cap} 点·维的上限。", grouped(m as u64)),
        }
    })
}

/// What moving the d slider from `before` to `after` changed besides d (the n range, k and the
/// repeats take the values tuned for the new d, see [`BoxAveragingParams::with_dimension`]), and why;
/// `None` if nothing else changed. Only the controls the reader sees are listed as changed (largest
/// n, k, repeats); the smallest n, which has no control, is named as where the curve now starts.
pub fn dimension_note(before: &BoxAveragingParams, after: &BoxAveragingParams, lang: Language) -> Option<String> {
    let mut changes = Vec::new();
    let mut change = |field: &str, a: String, b: String| {
        if a != b {
            let name = field_label(field, Sim::BoxAveraging, lang);
            changes.push(if en(lang) { format!("{name} from {a} to {b}") } else {
                // A space between a Latin letter and a Chinese character (“最大 n 从”), none after Chinese.
                let gap = if name.ends_with(|c: char| c.is_ascii_alphanumeric()) { " " } else { "" };
                format!("{name}{gap}从 {a} 改为 {b}")
            });
        }
    };
    change("n_max", grouped(before.n_max), grouped(after.n_max));
    change("k", grouped(before.k.into()), grouped(after.k.into()));
    change("repeats", grouped(before.repeats as u64), grouped(after.repeats as u64));
    let start = before.n_min != after.n_min;
    if changes.is_empty() && !start {
        return None;
    }
    let d = after.d;
    let n_min = grouped(after.n_min);
    Some(if en(lang) {
        let start = if start { format!(" (the curve now starts at n = {n_min})") } else { String::new() };
        format!(
            "For d = {d} the simulator took the settings tuned for that dimension: {}{start}. Each d needs its own range of n, since the box side shrinks only like n^(−1/d); fewer repeats in high d keep a run to a few seconds.",
            changes.join(", ")
        )
    } else {
        let start = if start { format!("（曲线现在从 n = {n_min} 开始）") } else { String::new() };
        format!(
            "d = {d} 时，模拟器换用了为这个维度调好的设置：{}{start}。箱子边长只按 n^(−1/d) 缩小，所以每个 d 需要各自的 n 范围；高维时减少重复次数，让一次运行控制在几秒之内。",
            changes.join("，")
        )
    })
}

/// The settings a box-averaging result depends on, briefly: "d = 5, largest n 1,000,000, k = 10,
/// 1 repeat" (the noise only when there is some).
pub fn box_settings(p: &BoxAveragingParams, lang: Language) -> String {
    let noise = p.noise > 0.0;
    if en(lang) {
        let noise = if noise { format!(", noise σ = {}", sig(p.noise, 2)) } else { String::new() };
        format!("d = {}, largest n {}, k = {}{noise}, {}", p.d, grouped(p.n_max), grouped(p.k.into()), en_count(p.repeats, "repeat", "repeats"))
    } else {
        let noise = if noise { format!("、噪声 σ = {}", sig(p.noise, 2)) } else { String::new() };
        format!("d = {}、最大 n {}、k = {}{noise}、重复 {} 次", p.d, grouped(p.n_max), grouped(p.k.into()), grouped(p.repeats as u64))
    }
}

/// The settings a mean-estimation result depends on, briefly: "σ = 2, n from 10 to 10,000, 200
/// repeats per n".
pub fn mean_settings(p: &MeanEstimationParams, lang: Language) -> String {
    if en(lang) {
        format!("σ = {}, n from {} to {}, {} per n", sig(p.sigma, 2), grouped(p.n_min), grouped(p.n_max), en_count(p.repeats, "repeat", "repeats"))
    } else {
        format!("σ = {}、n 从 {} 到 {}、每个 n 重复 {} 次", sig(p.sigma, 2), grouped(p.n_min), grouped(p.n_max), grouped(p.repeats as u64))
    }
}

/// The settings a capacity sweep depends on, briefly: "n = 40, σ = 0.2, p up to 200, 20 repeats".
pub fn capacity_settings(p: &sims::capacity::CapacityParams, lang: Language) -> String {
    if en(lang) {
        format!("n = {}, σ = {}, p up to {}, {}", p.n_train, sig(p.noise, 2), p.max_features, en_count(p.repeats as usize, "repeat", "repeats"))
    } else {
        format!("n = {}、σ = {}、p 最大 {}、重复 {} 次", p.n_train, sig(p.noise, 2), p.max_features, p.repeats)
    }
}

/// The line over a simulator's numbers while they are not those of the current settings:
/// `current` and `shown` are the settings (as [`box_settings`] or [`mean_settings`] word them) of
/// the controls and of the numbers on screen (`None` when not known), `running` whether a run for the
/// current settings is under way (otherwise it was cancelled, failed or the settings are refused).
pub fn stale_line(current: &str, shown: Option<&str>, running: bool, lang: Language) -> String {
    // Settings that differ only in what the summary leaves out (the seed) read as "earlier settings".
    let shown = shown.filter(|s| *s != current);
    match (running, shown, en(lang)) {
        (true, Some(s), true) => format!("Computing for {current}… Until it finishes, the numbers below are those for {s}."),
        (true, None, true) => format!("Computing for {current}… Until it finishes, the numbers below are those of the previous settings."),
        (true, Some(s), false) => format!("正在计算 {current}的结果……完成之前，下方仍是 {s}的结果。"),
        (true, None, false) => format!("正在计算 {current}的结果……完成之前，下方仍是之前设置的结果。"),
        (false, Some(s), true) => format!("The numbers below are those for {s}, not for the current settings."),
        (false, None, true) => "The numbers below are from earlier settings, not the current ones.".to_string(),
        (false, Some(s), false) => format!("下方是 {s}的结果，不是当前设置的结果。"),
        (false, None, false) => "下方的结果来自之前的设置，不是当前设置的结果。".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Developer words that must never reach a reader (the crate's rule texts and field names).
    const DEV: [&str; 10] = ["out of range", "must be in", "..=", "finite", "n_min", "n_max", "test_points", "normal draws", "Some(", "None"];

    fn no_dev_words(text: &str) {
        for w in DEV {
            assert!(!text.contains(w), "{w:?} in {text:?}");
        }
    }

    fn zh(text: &str) {
        no_dev_words(text);
        assert!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {text:?}");
    }

    /// Every refusal the two simulators can give, from their own validate().
    fn refusals() -> Vec<(ParamError, Sim)> {
        let me = MeanEstimationParams::default();
        let mean = [
            MeanEstimationParams { sigma: -1.0, ..me.clone() },
            MeanEstimationParams { sigma: f64::NAN, ..me.clone() },
            MeanEstimationParams { n_min: 0, ..me.clone() },
            MeanEstimationParams { n_max: 2_000_000, ..me.clone() },
            MeanEstimationParams { n_min: 500, n_max: 50, ..me.clone() },
            MeanEstimationParams { points: 1, ..me.clone() },
            MeanEstimationParams { repeats: 20_000, ..me.clone() },
            MeanEstimationParams { n_min: 1_000, n_max: 1_000_000, repeats: 2_000, ..me },
        ];
        let b = BoxAveragingParams::default_for(3);
        let boxes = [
            BoxAveragingParams { d: 7, ..b.clone() },
            BoxAveragingParams { k: 0, ..b.clone() },
            BoxAveragingParams { noise: -0.5, ..b.clone() },
            BoxAveragingParams { repeats: 0, ..b.clone() },
            BoxAveragingParams { test_points: 0, ..b.clone() },
            BoxAveragingParams { n_max: 3_000_000, ..b.clone() },
            BoxAveragingParams { d: 6, n_min: 10_000, n_max: 2_000_000, points: 5, repeats: 20, ..b },
        ];
        let mut out: Vec<(ParamError, Sim)> = mean.iter().map(|p| (p.validate().unwrap_err(), Sim::MeanEstimation)).collect();
        out.extend(boxes.iter().map(|p| (p.validate().unwrap_err(), Sim::BoxAveraging)));
        out
    }

    #[test]
    fn every_refusal_is_worded_in_both_languages_without_developer_words() {
        for (e, sim) in refusals() {
            let (en_text, zh_text) = (param_error(&e, sim, Language::En), param_error(&e, sim, Language::Zh));
            no_dev_words(&en_text);
            assert!(!en_text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese in {en_text:?}");
            zh(&zh_text);
            // The control is named by its label, in quotation marks.
            if let ParamError::OutOfRange { field, .. } = &e {
                assert!(en_text.starts_with(&format!("“{}”", field_label(field, sim, Language::En))), "{en_text}");
                assert!(zh_text.starts_with(&format!("“{}”", field_label(field, sim, Language::Zh))), "{zh_text}");
            }
        }
    }

    #[test]
    fn out_of_range_names_the_control_the_bounds_and_the_value() {
        let e = MeanEstimationParams { repeats: 20_000, ..Default::default() }.validate().unwrap_err();
        assert_eq!(param_error(&e, Sim::MeanEstimation, Language::En), "“repeats per n” must be between 1 and 10,000 (it is 20,000).");
        assert_eq!(param_error(&e, Sim::MeanEstimation, Language::Zh), "“每个 n 的重复次数”必须在 1 到 10,000 之间（现在是 20,000）。");
        let e = BoxAveragingParams { d: 7, ..Default::default() }.validate().unwrap_err();
        assert_eq!(param_error(&e, Sim::BoxAveraging, Language::En), "“dimension d” must be between 1 and 6 (it is 7).");
        assert_eq!(param_error(&e, Sim::BoxAveraging, Language::Zh), "“维度 d”必须在 1 到 6 之间（现在是 7）。");
        let e = BoxAveragingParams { k: 0, ..Default::default() }.validate().unwrap_err();
        assert_eq!(param_error(&e, Sim::BoxAveraging, Language::En), "“points per box k” must be between 1 and 10,000 (it is 0).");
        let e = MeanEstimationParams { sigma: -2.0, ..Default::default() }.validate().unwrap_err();
        assert_eq!(param_error(&e, Sim::MeanEstimation, Language::Zh), "“σ”必须是大于 0 的数（现在是 −2）。");
        let e = MeanEstimationParams { n_min: 500, n_max: 50, ..Default::default() }.validate().unwrap_err();
        assert_eq!(param_error(&e, Sim::MeanEstimation, Language::En), "“largest n” must be above “smallest n” (it is 50).");
        assert_eq!(param_error(&e, Sim::MeanEstimation, Language::Zh), "“最大 n”必须大于“最小 n”（现在是 50）。");
    }

    #[test]
    fn too_costly_says_how_many_repeats_fit() {
        // 1000..1e6 at 10 sizes: Σn ≈ 2.3e6 draws a repeat, so 5e8 allows ⌊5e8/Σn⌋ repeats.
        let p = MeanEstimationParams { n_min: 1_000, n_max: 1_000_000, repeats: 2_000, ..Default::default() };
        let sum: f64 = p.sample_sizes().iter().map(|&n| n as f64).sum();
        let fit = (MAX_DRAWS / sum).floor() as usize;
        let e = p.validate().unwrap_err();
        let en_text = param_error(&e, Sim::MeanEstimation, Language::En);
        let cost = sig(sum * 2_000.0, 2);
        assert!(en_text.starts_with(&format!("This run would need {cost} random draws, more than the 5×10⁸ one run may make.")), "{en_text}");
        assert!(en_text.ends_with(&format!("Lower the “largest n”, or set “repeats per n” to {} or fewer.", grouped(fit as u64))), "{en_text}");
        let zh_text = param_error(&e, Sim::MeanEstimation, Language::Zh);
        assert!(zh_text.contains("超过了一次运行 5×10⁸ 次的上限"), "{zh_text}");
        assert!(zh_text.ends_with(&format!("或把“每个 n 的重复次数”调到 {} 或更少。", grouped(fit as u64))), "{zh_text}");
        // Box averaging names its own repeats control and its unit.
        let b = BoxAveragingParams { d: 6, n_min: 10_000, n_max: 2_000_000, points: 5, repeats: 20, ..Default::default() };
        let zh_text = param_error(&b.validate().unwrap_err(), Sim::BoxAveraging, Language::Zh);
        assert!(zh_text.contains("点·维") && zh_text.contains(&format!("把“重复次数”调到 {} 或更少", grouped(b.max_repeats() as u64))), "{zh_text}");
    }

    #[test]
    fn repeats_hints_state_the_bound() {
        // Both n sliders at their largest (1000 and 100000): the costliest range, not the widest.
        let costliest = MeanEstimationParams { n_min: 1_000, n_max: 100_000, points: 12, ..Default::default() };
        let bound = costliest.repeats_bound();
        assert_eq!(
            mean_repeats_hint(bound, &costliest, Language::En),
            "At most 1,000, so that even with the largest n values the sliders allow (up to 100,000) a run stays under the cap of 5×10⁸ random draws."
        );
        let zh_text = mean_repeats_hint(bound, &costliest, Language::Zh);
        assert_eq!(zh_text, "最多 1,000 次：这样即使 n 取滑块允许的最大值（最大到 100,000），一次运行也不超过 5×10⁸ 次随机抽样的上限。");
        // Box averaging: no hint while every slider position fits, the exact maximum once it does not.
        assert_eq!(box_repeats_hint(&BoxAveragingParams::default_for(1), 50, Language::En), None);
        let wide = BoxAveragingParams { n_max: 2_000_000, ..BoxAveragingParams::default_for(6) };
        let m = wide.max_repeats();
        assert!(m < 50);
        let text = box_repeats_hint(&wide, 50, Language::En).unwrap();
        assert!(text.contains(&format!("at most {} repeats fit under the cap of 2×10⁸ point-dimensions", grouped(m as u64))), "{text}");
        zh(&box_repeats_hint(&wide, 50, Language::Zh).unwrap());
    }

    #[test]
    fn the_dimension_note_lists_what_changed_and_why() {
        let two = BoxAveragingParams::default_for(2);
        let five = two.with_dimension(5);
        let t = BoxAveragingParams::default_for(5);
        let en_text = dimension_note(&two, &five, Language::En).unwrap();
        assert!(en_text.starts_with("For d = 5 the simulator took the settings tuned for that dimension: "), "{en_text}");
        // d = 2 → 5: largest n 15·130² = 253500 → 10·10⁵ = 1000000, smallest n 15·4² = 240 → 10·2⁵ = 320.
        assert!(en_text.contains("largest n from 253,500 to 1,000,000, points per box k from 15 to 10, repeats from 4 to 1"), "{en_text}");
        // The smallest n has no control: it is named as where the curve starts, not as a setting that moved.
        assert!(!en_text.contains("smallest n"), "{en_text}");
        assert!(en_text.contains(" (the curve now starts at n = 320)."), "{en_text}");
        assert!(en_text.contains("n^(−1/d)"));
        assert!(en_text.ends_with("fewer repeats in high d keep a run to a few seconds."), "{en_text}");
        assert!(!en_text.contains("second."), "{en_text}");
        let zh_text = dimension_note(&two, &five, Language::Zh).unwrap();
        assert!(zh_text.starts_with("d = 5 时，模拟器换用了为这个维度调好的设置："), "{zh_text}");
        assert!(zh_text.contains("最大 n 从 253,500 改为 1,000,000，每个箱子的点数 k 从 15 改为 10，重复次数从 4 改为 1（曲线现在从 n = 320 开始）。"), "{zh_text}");
        assert!(!zh_text.contains("最小 n") && !zh_text.contains("一秒"), "{zh_text}");
        assert!(zh_text.ends_with("让一次运行控制在几秒之内。"), "{zh_text}");
        zh(&zh_text);
        assert_eq!((t.n_min, t.n_max, t.k, t.repeats), (320, 1_000_000, 10, 1));
        // d = 5 and d = 6 share k = 10: only what changed is listed; nothing changed, no note.
        let six = five.with_dimension(6);
        assert!(!dimension_note(&five, &six, Language::En).unwrap().contains("points per box k"));
        assert_eq!(dimension_note(&five, &five.with_dimension(5), Language::En), None);
    }

    #[test]
    fn stale_lines_say_what_is_computed_and_what_is_shown() {
        let two = BoxAveragingParams::default_for(2);
        let five = two.with_dimension(5);
        let (now_en, was_en) = (box_settings(&five, Language::En), box_settings(&two, Language::En));
        assert_eq!(now_en, "d = 5, largest n 1,000,000, k = 10, 1 repeat");
        assert_eq!(
            stale_line(&now_en, Some(&was_en), true, Language::En),
            format!("Computing for {now_en}… Until it finishes, the numbers below are those for d = 2, largest n 253,500, k = 15, 4 repeats.")
        );
        let (now_zh, was_zh) = (box_settings(&five, Language::Zh), box_settings(&two, Language::Zh));
        let line = stale_line(&now_zh, Some(&was_zh), true, Language::Zh);
        assert!(line.starts_with("正在计算 d = 5、最大 n"), "{line}");
        assert!(line.ends_with("完成之前，下方仍是 d = 2、最大 n 253,500、k = 15、重复 4 次的结果。"), "{line}");
        // A new seed alone: the summaries agree, so the line speaks of the previous settings.
        assert!(stale_line(&now_en, Some(&now_en), true, Language::En).ends_with("those of the previous settings."));
        assert_eq!(stale_line(&now_zh, None, false, Language::Zh), "下方的结果来自之前的设置，不是当前设置的结果。");
        let noisy = BoxAveragingParams { noise: 0.1, ..two };
        assert!(box_settings(&noisy, Language::En).contains(", noise σ = 0.1, 4 repeats"));
        let m = MeanEstimationParams { sigma: 2.0, repeats: 1, ..Default::default() };
        assert_eq!(mean_settings(&m, Language::En), "σ = 2, n from 10 to 10,000, 1 repeat per n");
        assert_eq!(mean_settings(&m, Language::Zh), "σ = 2、n 从 10 到 10,000、每个 n 重复 1 次");
        let m = MeanEstimationParams { repeats: 1_000, ..m };
        assert_eq!(mean_settings(&m, Language::En), "σ = 2, n from 10 to 10,000, 1,000 repeats per n");
    }

    #[test]
    fn slider_numbers_are_grouped_in_threes() {
        // `format::grouped` itself is tested in format.rs.
        assert_eq!(num(2e6), "2,000,000");
        assert_eq!(num(-20_000.0), "−20,000");
        assert_eq!(num(0.001), "0.001");
    }

    #[test]
    fn points_per_box_is_whole_for_every_dimension() {
        // Whole by type; the note and summaries print it as a plain integer.
        for d in 1..=6 {
            let p = BoxAveragingParams::default_for(d);
            assert!(p.k >= 1);
            assert!(!box_settings(&p, Language::En).contains('.'), "{}", box_settings(&p, Language::En));
        }
    }
}
