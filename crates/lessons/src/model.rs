//! The compiled course content: serde types written by `compile-lessons` and read by the app.
//!
//! Everything here is plain data plus the small pure functions the app needs to grade answers and
//! render randomized prompts, so it compiles for wasm32 with only serde and `sims`. The JSON shape
//! is an internal contract between this crate's compiler and the app (both use these types), so
//! field names follow Rust, and HTML fields end in `_html` (already sanitized by the compiler:
//! they come from the course's own Markdown, never from learners).
//!
//! Extending: a new widget is a new [`Widget`] variant (plus its arm in [`Widget::kind`] and in the
//! compiler's block parser); a new answer key is a new [`AnswerFn`] variant (plus its arms in
//! [`AnswerFn::param_names`] and [`AnswerFn::eval`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A value in both course languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lang<T> {
    pub zh: T,
    pub en: T,
}

impl<T> Lang<T> {
    /// The value for `lang`.
    pub fn get(&self, lang: Language) -> &T {
        match lang {
            Language::Zh => &self.zh,
            Language::En => &self.en,
        }
    }
}

/// A course language; serialized as `"zh"` / `"en"` (also the directory names under `content/`
/// and the compiled output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
}

impl Language {
    /// Both languages, in the order the compiler processes them.
    pub const ALL: [Language; 2] = [Language::Zh, Language::En];

    /// `"zh"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Zh => "zh",
            Language::En => "en",
        }
    }
}

/// What a Markdown file is: a numbered chapter (in the chapter list) or a free page (glossary,
/// about), not numbered. Front matter `kind = "chapter" | "page"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Chapter,
    Page,
}

/// `index.json`: the table of contents of the whole course, in both languages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CourseIndex {
    /// Chapters sorted by `order`.
    pub chapters: Vec<ChapterEntry>,
    /// Pages sorted by (`order`, `slug`).
    pub pages: Vec<PageEntry>,
}

/// One chapter in [`CourseIndex`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChapterEntry {
    pub slug: String,
    /// Position in the course (front matter `order`), unique among chapters.
    pub order: u32,
    /// Estimated study time in minutes.
    pub minutes: u32,
    /// Plain text titles.
    pub title: Lang<String>,
    /// Learning objectives as inline HTML (Markdown with math compiled).
    pub objectives: Lang<Vec<String>>,
    /// Ids of the chapter's exercises in reading order (the same in both languages).
    pub exercises: Vec<String>,
}

/// One page (glossary, about) in [`CourseIndex`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageEntry {
    pub slug: String,
    /// Front matter `order` (optional for pages, 0 when absent); only sorts the page list.
    pub order: u32,
    pub title: Lang<String>,
}

/// `{lang}/{slug}.json`: one chapter or page in one language.
///
/// `W` is how a widget block is held: typed ([`Widget`], the compiler and the widget bundles) or
/// any other serde shape of the same JSON (the page keeps bundle widgets' parameters unparsed, so its
/// wasm module carries no code for widgets it does not run).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chapter<W = Widget> {
    pub slug: String,
    pub lang: Language,
    pub kind: Kind,
    pub order: u32,
    /// Plain text title.
    pub title: String,
    /// Learning objectives as inline HTML.
    pub objectives: Vec<String>,
    pub minutes: u32,
    /// Every heading of the body in order (for the TOC), plus a final "References" heading when
    /// the chapter cites anything.
    pub headings: Vec<Heading>,
    /// The body: HTML interleaved with typed blocks. Footnotes and the reference list are already
    /// rendered into the last `Html` segment.
    pub body: Vec<Segment<W>>,
    /// The cited works, numbered in order of first citation (`number` starts at 1). Already
    /// rendered as a list at the end of `body`; kept as data for tooltips and the bibliography.
    pub references: Vec<Reference>,
}

/// A heading of a chapter body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 1..=6 (`#` … `######`).
    pub level: u8,
    /// The element id (`<h2 id="…">`), unique within the chapter; Chinese text is kept as is.
    pub id: String,
    /// Inner HTML of the heading (may contain MathML and code).
    pub html: String,
}

/// One piece of a chapter body. Externally tagged in JSON: `{"html": "…"}`, `{"widget": {…}}`,
/// `{"exercise": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment<W = Widget> {
    /// Trusted HTML produced by the compiler (inner HTML of the chapter's article).
    Html(String),
    Widget(WidgetSpec<W>),
    Exercise(ExerciseSpec<W>),
}

/// A bibliography entry from `content/references.toml`, as cited by a chapter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The citation key (`[@key]`); the list item has `id="ref-{key}"`.
    pub key: String,
    /// 1-based number in order of first citation in this chapter.
    pub number: u32,
    /// Author names as listed in references.toml (the rendered list shortens > 3 to "et al.").
    pub authors: Vec<String>,
    pub title: String,
    pub year: u32,
    pub venue: Option<String>,
    pub url: Option<String>,
}

/// A widget placed in a chapter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetSpec<W = Widget> {
    /// Unique within the chapter; prefixes the widget's URL query keys (`?{id}.{key}=…`).
    /// Lowercase ASCII letters, digits, `-` and `_`.
    pub id: String,
    pub widget: W,
}

/// The widget kinds and their initial parameters. JSON: `{"kind": "mean-estimation", "params": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "params", rename_all = "kebab-case")]
pub enum Widget {
    /// Sample-mean MSE against n (slope −1); `sims::mean_estimation`.
    MeanEstimation(sims::mean_estimation::MeanEstimationParams),
    /// Box averaging in d dimensions (slope −1/d); `sims::box_averaging`.
    BoxAveraging(sims::box_averaging::BoxAveragingParams),
    /// Train and test error against the number of random features: the classical U and double
    /// descent; `sims::capacity`.
    CapacitySweep(sims::capacity::CapacityParams),
    /// Fit lab: fit a scaling law to the shipped datablations runs or the reader's CSV, hold out
    /// the largest runs, bootstrap intervals and an extrapolation band; `scaling::fit_lab`.
    FitLab(scaling::fit_lab::FitLabParams),
    /// Epochs over U unique tokens → effective data and loss (Muennighoff et al. 2023);
    /// `scaling::planner_params::DataConstrainedParams`.
    DataConstrained(scaling::planner_params::DataConstrainedParams),
    /// Lifetime-compute optimum vs the Chinchilla one (Sardana & Frankle 2023);
    /// `scaling::planner_params::InferencePlannerParams`.
    InferencePlanner(scaling::planner_params::InferencePlannerParams),
    /// Closed-form N_opt of every published constant set at one budget;
    /// `scaling::planner_params::PresetCompareParams`.
    PresetCompare(scaling::planner_params::PresetCompareParams),
    /// Loss against N, D or C for a published law, constants editable, terms split, two laws
    /// overlaid; `scaling::law_explorer::LawExplorerParams`.
    LawExplorer(scaling::law_explorer::LawExplorerParams),
    /// Budget → IsoFLOP curves, optimum, Kaplan's allocation, famous models;
    /// `scaling::compute_planner::ComputePlannerParams`.
    ComputePlanner(scaling::compute_planner::ComputePlannerParams),
    /// A photo (bundled or the reader's) through an augmentation pipeline, 16 seeded samples with
    /// their drawn parameters; `augment_lab::params::ImagePlaygroundParams`.
    ImagePlayground(augment_lab::params::ImagePlaygroundParams),
    /// Mixup and CutMix on two UCI digits and a batch, with the mixed labels;
    /// `augment_lab::params::DigitMixingParams`.
    DigitMixing(augment_lab::params::DigitMixingParams),
    /// EDA and character noise on an English or Chinese sentence, changed words highlighted;
    /// `augment_lab::params::TextPlaygroundParams`.
    TextPlayground(augment_lab::params::TextPlaygroundParams),
}

impl Widget {
    /// Every kind name accepted after `widget` in a block's info string.
    pub const KINDS: &'static [&'static str] = &["mean-estimation", "box-averaging", "capacity-sweep", "law-explorer", "compute-planner", "data-constrained", "inference-planner", "preset-compare", "fit-lab", "image-playground", "digit-mixing", "text-playground"];

    /// The kind name, as written in Markdown (`widget mean-estimation`) and in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Widget::MeanEstimation(_) => "mean-estimation",
            Widget::BoxAveraging(_) => "box-averaging",
            Widget::CapacitySweep(_) => "capacity-sweep",
            Widget::FitLab(_) => "fit-lab",
            Widget::DataConstrained(_) => "data-constrained",
            Widget::InferencePlanner(_) => "inference-planner",
            Widget::PresetCompare(_) => "preset-compare",
            Widget::LawExplorer(_) => "law-explorer",
            Widget::ComputePlanner(_) => "compute-planner",
            Widget::ImagePlayground(_) => "image-playground",
            Widget::DigitMixing(_) => "digit-mixing",
            Widget::TextPlayground(_) => "text-playground",
        }
    }
}

/// An exercise placed in a chapter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseSpec<W = Widget> {
    /// Unique in the whole course (progress in localStorage is keyed by it). Lowercase ASCII
    /// letters, digits, `-` and `_`.
    pub id: String,
    pub kind: Exercise<W>,
}

/// The exercise kinds. JSON: externally tagged, `{"choice": {…}}` (an internal tag would make serde
/// buffer every exercise before reading it, and the page's wasm carry that code).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exercise<W = Widget> {
    /// Single (`multiple = false`, exactly one correct option) or multiple choice.
    Choice { prompt_html: String, multiple: bool, options: Vec<ChoiceOption> },
    /// A number checked against a fixed answer.
    Numeric { prompt_html: String, answer: f64, tolerance: Tolerance, unit: Option<String>, solution_html: String },
    /// A number whose question is drawn per learner: `prompt_html` and `solution_html` keep
    /// `{name}` placeholders (one per key of `params`, plus `{answer}` in the solution) to be
    /// filled with [`fill_placeholders`] after drawing each parameter with [`ParamRange::draw`];
    /// the answer is `answer.eval(&values)`.
    Random {
        prompt_html: String,
        params: BTreeMap<String, ParamRange>,
        answer: AnswerFn,
        tolerance: Tolerance,
        unit: Option<String>,
        solution_html: String,
    },
    /// Commit a guess, then run `widget` (locked until the guess is in) and read `reveal_html`.
    Predict { prompt_html: String, guess: Guess, widget: WidgetSpec<W>, reveal_html: String },
}

impl Exercise {
    /// Every kind name accepted after `exercise` in a block's info string.
    pub const KINDS: &'static [&'static str] = &["choice", "numeric", "random", "predict"];
}

impl<W> Exercise<W> {
    /// The kind name, as written in Markdown (`exercise choice`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Exercise::Choice { .. } => "choice",
            Exercise::Numeric { .. } => "numeric",
            Exercise::Random { .. } => "random",
            Exercise::Predict { .. } => "predict",
        }
    }

    /// Grades a choice answer (`selected` are 0-based option indices, order and repeats ignored):
    /// true iff the selected set equals the set of correct options. For a single-choice question
    /// more than one selection is wrong. Also grades a predict exercise whose guess is a choice.
    /// Any other kind, or an index out of range, gives false.
    pub fn grade_choice(&self, selected: &[usize]) -> bool {
        match self {
            Exercise::Choice { multiple, options, .. } => grade_options(*multiple, options, selected),
            Exercise::Predict { guess: Guess::Choice { multiple, options }, .. } => {
                grade_options(*multiple, options, selected)
            }
            _ => false,
        }
    }

    /// Grades a number for a `numeric` exercise or a predict exercise with a numeric guess;
    /// `None` for other kinds (a `random` exercise needs its drawn values: [`Exercise::grade_random`]).
    pub fn grade_numeric(&self, given: f64) -> Option<bool> {
        match self {
            Exercise::Numeric { answer, tolerance, .. } => Some(tolerance.accepts(*answer, given)),
            Exercise::Predict { guess: Guess::Numeric { answer, tolerance, .. }, .. } => {
                Some(tolerance.accepts(*answer, given))
            }
            _ => None,
        }
    }

    /// Grades a number for a `random` exercise drawn with `values`. Errors: not a random exercise,
    /// or the answer function rejects the values (see [`AnswerFn::eval`]).
    pub fn grade_random(&self, values: &BTreeMap<String, f64>, given: f64) -> Result<bool, String> {
        match self {
            Exercise::Random { answer, tolerance, .. } => Ok(tolerance.accepts(answer.eval(values)?, given)),
            other => Err(format!("grade_random called on a `{}` exercise", other.kind_name())),
        }
    }
}

fn grade_options(multiple: bool, options: &[ChoiceOption], selected: &[usize]) -> bool {
    let mut chosen: Vec<usize> = selected.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.iter().any(|&i| i >= options.len()) || (!multiple && chosen.len() != 1) {
        return false;
    }
    let correct: Vec<usize> = options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, _)| i).collect();
    chosen == correct
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Inline HTML (a single Markdown paragraph is unwrapped so it fits in a `<label>`).
    pub html: String,
    pub correct: bool,
    /// Why this option is right or wrong, shown after an attempt (block HTML).
    pub explain_html: String,
}

/// The guess of a predict exercise. JSON: externally tagged, as [`Exercise`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Guess {
    /// A number, e.g. a slope; checked with `tolerance`.
    Numeric { answer: f64, tolerance: Tolerance, unit: Option<String> },
    /// Options as in a choice exercise.
    Choice { multiple: bool, options: Vec<ChoiceOption> },
}

/// How close a numeric answer must be. TOML/JSON: `{ rel = 0.02 }` or `{ abs = 0.001 }`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tolerance {
    /// Relative: `|given − expected| ≤ r·|expected|` (r ≥ 0, a fraction: 0.02 = 2 %).
    Rel(f64),
    /// Absolute: `|given − expected| ≤ a`, in the answer's unit.
    Abs(f64),
}

impl Tolerance {
    /// Whether `given` is close enough to `expected`. The bound is inclusive, and widened by a few
    /// ulps so that answers typed at exactly the edge (0.04 ± 2 % = 0.0408) are not rejected by
    /// binary rounding. Non-finite `given` (NaN, ±∞) is never accepted; with `Rel` and
    /// `expected = 0` only an exact 0 (up to rounding) is accepted.
    pub fn accepts(&self, expected: f64, given: f64) -> bool {
        if !given.is_finite() || !expected.is_finite() {
            return false;
        }
        let bound = match *self {
            Tolerance::Rel(r) => r.abs() * expected.abs(),
            Tolerance::Abs(a) => a.abs(),
        };
        let slack = 4.0 * f64::EPSILON * expected.abs().max(given.abs()).max(bound);
        (given - expected).abs() <= bound + slack
    }

    /// Checks the tolerance itself: finite and ≥ 0.
    pub fn validate(&self) -> Result<(), String> {
        let (name, v) = match *self {
            Tolerance::Rel(r) => ("rel", r),
            Tolerance::Abs(a) => ("abs", a),
        };
        if v.is_finite() && v >= 0.0 {
            Ok(())
        } else {
            Err(format!("tolerance {name} = {v} must be finite and ≥ 0"))
        }
    }
}

/// How a randomized parameter is drawn. TOML: `{ min = 0.5, max = 4.0, step = 0.5 }` or
/// `{ choices = [10, 20, 50] }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamRange {
    /// The grid `min, min+step, …` up to `max` (inclusive when it lies on the grid), uniformly.
    Range { min: f64, max: f64, step: f64 },
    /// One of the listed values, uniformly.
    Choices(Vec<f64>),
}

/// Grids larger than this are rejected by [`ParamRange::validate`]: a prompt needs readable values.
pub const MAX_GRID_POINTS: usize = 100_000;

impl ParamRange {
    /// Number of values the parameter can take (0 for an empty `choices`).
    pub fn len(&self) -> usize {
        match self {
            ParamRange::Range { min, max, step } => {
                // The 1e-9 absorbs binary rounding in (max − min)/step, e.g. (4 − 0.5)/0.5.
                let k = ((max - min) / step + 1e-9).floor();
                if k.is_finite() && k >= 0.0 { k as usize + 1 } else { 0 }
            }
            ParamRange::Choices(c) => c.len(),
        }
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Maps a uniform `u ∈ [0, 1)` (from the app's per-learner seeded RNG) to a value: index
    /// `⌊u·len⌋` into the grid or the choices. `u` outside [0, 1) is clamped, NaN counts as 0.
    /// Grid values are rounded to the decimals of `min` and `step`, so 0.1·3 prints as 0.3.
    /// An empty range (rejected at build time) gives NaN.
    pub fn draw(&self, u: f64) -> f64 {
        let len = self.len();
        if len == 0 {
            return f64::NAN;
        }
        let u = if u.is_nan() { 0.0 } else { u.clamp(0.0, 1.0) };
        let idx = ((u * len as f64).floor() as usize).min(len - 1);
        match self {
            ParamRange::Range { min, step, .. } => {
                let v = min + idx as f64 * step;
                // Rounded by an exact power of ten (≤ 10¹²) rather than through text: the quotient
                // of an integer by it is the double nearest the decimal, as parsing it would give.
                let scale = 10f64.powi(decimals_of(*min).max(decimals_of(*step)) as i32);
                let r = (v * scale).round() / scale;
                if r.is_finite() { r } else { v }
            }
            ParamRange::Choices(c) => c[idx],
        }
    }

    /// Checks the range: finite numbers, `min ≤ max`, `step > 0`, at most [`MAX_GRID_POINTS`]
    /// grid points; `choices` non-empty and finite.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            ParamRange::Range { min, max, step } => {
                if !(min.is_finite() && max.is_finite() && step.is_finite()) {
                    return Err("min, max and step must be finite".into());
                }
                if min > max {
                    return Err(format!("min = {min} is above max = {max}"));
                }
                if *step <= 0.0 {
                    return Err(format!("step = {step} must be > 0"));
                }
                if self.len() > MAX_GRID_POINTS {
                    return Err(format!("the grid has {} values, more than {MAX_GRID_POINTS}", self.len()));
                }
                Ok(())
            }
            ParamRange::Choices(c) => {
                if c.is_empty() {
                    return Err("choices must not be empty".into());
                }
                if let Some(v) = c.iter().find(|v| !v.is_finite()) {
                    return Err(format!("choice {v} is not finite"));
                }
                Ok(())
            }
        }
    }
}

/// Digits after the decimal point in the shortest representation of `x` (capped at 12).
fn decimals_of(x: f64) -> usize {
    let s = format!("{}", x.abs());
    if s.contains('e') {
        return 12;
    }
    s.split_once('.').map_or(0, |(_, frac)| frac.len()).min(12)
}

/// A named science function that computes the answer of a `random` exercise from its drawn
/// parameters. TOML/JSON names: `"mean_estimation_mse"`, `"box_averaging_slope"`, `"chinchilla_n_opt"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerFn {
    /// Expected MSE of the sample mean, `σ²/n` (squared sample units); params `sigma` (> 0) and `n`
    /// (integer ≥ 1). `sims::mean_estimation::expected_mse`.
    MeanEstimationMse,
    /// Expected training MSE of least squares with p < n features that contain the target, under
    /// label noise of standard deviation σ: σ²(n − p)/n (squared units of y; 0 for p ≥ n); params
    /// `sigma` (≥ 0), `n` and `p` (integers ≥ 1). `sims::capacity::expected_train_mse`.
    ExpectedTrainMse,
    /// Theoretical log–log slope of the box-averaging error (RMSE) against n, `−1/d`; param `d`
    /// (integer ≥ 1). `sims::box_averaging::theoretical_slope`.
    BoxAveragingSlope,
    /// Naive extrapolation of a pure power law with no irreducible term: the loss fell from `l1`
    /// to `l2` (nats/token, 0 < l2 ≤ l1) over one decade of compute; after `decades` (≥ 0) more
    /// it is l2·(l2/l1)^decades. `scaling::fit_lab::extrapolate_pure_power_law`.
    PowerLawExtrapolation,
    /// Compute-optimal parameters N_opt = G·(C/6)^a from the closed form of Hoffmann et al. 2022
    /// (App D.2), in parameters; params `c` (FLOPs, > 0) and `preset` (integer index into
    /// `scaling::Preset::ALL`: 0 Hoffmann rounded eq 10, 1 Hoffmann unrounded, 2 Besiroglu 2024,
    /// 3 Muennighoff C4). `scaling::planner_params::n_opt_for_preset_index`.
    ChinchillaNOpt,
    /// Kaplan et al. 2020 eq 1.1, L(N) = (N_c/N)^α_N with α_N = 0.076, N_c = 8.8·10¹³, in
    /// nats/token; param `n` (non-embedding parameters, > 0). `scaling::kaplan::loss_n`.
    KaplanLossN,
    /// CutMix's label weight of the first image after pasting a `bw × bh` box into a `w × h`
    /// image, `λ = 1 − bw·bh/(w·h)` (Yun et al. 2019, area-corrected λ; spec §1.2);
    /// params `w`, `h`, `bw`, `bh` (pixels, integers ≥ 1, box within the image).
    /// `augment_image::mix::cutmix_lam_adjusted`.
    CutmixLabelWeight,
    /// Words EDA changes in SR, RI and RS, `n = max(1, int(α·l))` (Wei & Zou 2019; eda.py);
    /// params `alpha` (≥ 0) and `words` (integer ≥ 1). `augment_text::EdaConfig::n_changes`.
    EdaChanges,
    /// Probability that a pipeline of three independent `RandomApply` steps leaves an image
    /// untouched, `(1 − p1)(1 − p2)(1 − p3)`; params `p1`, `p2`, `p3` in [0, 1].
    /// `augment_image::Pipeline` runs each step with its own coin.
    UntouchedProbability,
}

impl AnswerFn {
    /// Every answer function, for error messages.
    pub const ALL: &'static [AnswerFn] = &[AnswerFn::MeanEstimationMse, AnswerFn::ExpectedTrainMse, AnswerFn::BoxAveragingSlope, AnswerFn::KaplanLossN, AnswerFn::ChinchillaNOpt, AnswerFn::PowerLawExtrapolation, AnswerFn::CutmixLabelWeight, AnswerFn::EdaChanges, AnswerFn::UntouchedProbability];

    /// The name used in TOML.
    pub fn name(&self) -> &'static str {
        match self {
            AnswerFn::MeanEstimationMse => "mean_estimation_mse",
            AnswerFn::ExpectedTrainMse => "expected_train_mse",
            AnswerFn::BoxAveragingSlope => "box_averaging_slope",
            AnswerFn::PowerLawExtrapolation => "power_law_extrapolation",
            AnswerFn::ChinchillaNOpt => "chinchilla_n_opt",
            AnswerFn::KaplanLossN => "kaplan_loss_n",
            AnswerFn::CutmixLabelWeight => "cutmix_label_weight",
            AnswerFn::EdaChanges => "eda_changes",
            AnswerFn::UntouchedProbability => "untouched_probability",
        }
    }

    /// The parameter names the function needs; a `random` exercise's `[params]` must have exactly
    /// these keys (checked at build time).
    pub fn param_names(&self) -> &'static [&'static str] {
        match self {
            AnswerFn::MeanEstimationMse => &["sigma", "n"],
            AnswerFn::ExpectedTrainMse => &["sigma", "n", "p"],
            AnswerFn::BoxAveragingSlope => &["d"],
            AnswerFn::PowerLawExtrapolation => &["l1", "l2", "decades"],
            AnswerFn::ChinchillaNOpt => &["c", "preset"],
            AnswerFn::KaplanLossN => &["n"],
            AnswerFn::CutmixLabelWeight => &["w", "h", "bw", "bh"],
            AnswerFn::EdaChanges => &["alpha", "words"],
            AnswerFn::UntouchedProbability => &["p1", "p2", "p3"],
        }
    }

    /// Evaluates the answer. Errors: a parameter is missing or out of its domain (stated in the
    /// variant docs). Extra keys (such as `answer`) are ignored.
    pub fn eval(&self, params: &BTreeMap<String, f64>) -> Result<f64, String> {
        let get = |name: &str| -> Result<f64, String> {
            let v = *params.get(name).ok_or_else(|| format!("{}: missing parameter `{name}`", self.name()))?;
            if v.is_finite() {
                Ok(v)
            } else {
                Err(format!("{}: parameter `{name}` = {v} is not finite", self.name()))
            }
        };
        let positive_int = |name: &str| -> Result<f64, String> {
            let v = get(name)?;
            if v >= 1.0 && v.fract() == 0.0 {
                Ok(v)
            } else {
                Err(format!("{}: parameter `{name}` = {v} must be an integer ≥ 1", self.name()))
            }
        };
        match self {
            AnswerFn::MeanEstimationMse => {
                let sigma = get("sigma")?;
                if sigma <= 0.0 {
                    return Err(format!("{}: sigma = {sigma} must be > 0", self.name()));
                }
                let n = positive_int("n")?;
                Ok(sims::mean_estimation::expected_mse(sigma, n))
            }
            AnswerFn::ExpectedTrainMse => {
                let sigma = get("sigma")?;
                if sigma < 0.0 {
                    return Err(format!("{}: sigma = {sigma} must be ≥ 0", self.name()));
                }
                Ok(sims::capacity::expected_train_mse(sigma, positive_int("n")?, positive_int("p")?))
            }
            AnswerFn::BoxAveragingSlope => {
                let d = positive_int("d")?;
                Ok(sims::box_averaging::theoretical_slope(d as usize))
            }
            AnswerFn::PowerLawExtrapolation => {
                let (l1, l2, decades) = (get("l1")?, get("l2")?, get("decades")?);
                scaling::fit_lab::extrapolate_pure_power_law(l1, l2, decades).map_err(|e| format!("{}: {e}", self.name()))
            }
            AnswerFn::ChinchillaNOpt => {
                let c = get("c")?;
                let index = get("preset")?;
                if !(index >= 0.0 && index.fract() == 0.0) {
                    return Err(format!("{}: preset = {index} must be an integer index", self.name()));
                }
                scaling::planner_params::n_opt_for_preset_index(c, index as usize).ok_or_else(|| {
                    format!(
                        "{}: needs c > 0 FLOPs and preset in 0..={} (got c = {c}, preset = {index})",
                        self.name(),
                        scaling::Preset::ALL.len() - 1
                    )
                })
            }
            AnswerFn::KaplanLossN => {
                let n = get("n")?;
                if n <= 0.0 {
                    return Err(format!("{}: n = {n} must be > 0 parameters", self.name()));
                }
                Ok(scaling::kaplan::loss_n(n))
            }
            AnswerFn::CutmixLabelWeight => {
                let (w, h, bw, bh) = (positive_int("w")?, positive_int("h")?, positive_int("bw")?, positive_int("bh")?);
                if bw > w || bh > h {
                    return Err(format!("{}: the {bw}×{bh} box must fit in the {w}×{h} image", self.name()));
                }
                let cut = augment_image::mix::CutBox { x1: 0, y1: 0, x2: bw as u32, y2: bh as u32 };
                Ok(augment_image::mix::cutmix_lam_adjusted(w as u32, h as u32, &cut))
            }
            AnswerFn::EdaChanges => {
                let alpha = get("alpha")?;
                if alpha < 0.0 {
                    return Err(format!("{}: alpha = {alpha} must be ≥ 0", self.name()));
                }
                let words = positive_int("words")?;
                Ok(augment_text::EdaConfig::n_changes(alpha, words as usize) as f64)
            }
            AnswerFn::UntouchedProbability => {
                let mut prob = 1.0;
                for name in ["p1", "p2", "p3"] {
                    let p = get(name)?;
                    if !(0.0..=1.0).contains(&p) {
                        return Err(format!("{}: {name} = {p} must be a probability in [0, 1]", self.name()));
                    }
                    prob *= 1.0 - p;
                }
                Ok(prob)
            }
        }
    }
}

/// Formats a number for a prompt: integers without a decimal point (`200`), others with at most
/// 4 significant digits and no trailing zeros (`0.04`, `1.5`, `0.3333`), and scientific notation
/// outside [1e-4, 1e6) (`2.5e-6`, `1.2e7`).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".into();
    }
    let a = x.abs();
    if x.fract() == 0.0 && (1.0..1e6).contains(&a) {
        return format!("{}", x as i64);
    }
    if !(1e-4..1e6).contains(&a) {
        let s = format!("{x:.3e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exp}", trim_zeros(mantissa));
    }
    // 4 significant digits: decimals = 3 − floor(log10 |x|).
    let decimals = (3 - a.log10().floor() as i32).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}")).to_string()
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Replaces each `{name}` in `template` whose `name` is a key of `values` with
/// [`format_number`] of its value; other braces are left alone (LaTeX groups, unknown names).
/// Used by the app on `prompt_html` / `solution_html` of a `random` exercise (the compiler turns
/// placeholders inside math into `<mn>{name}</mn>`, so the filled number renders as MathML).
pub fn fill_placeholders(template: &str, values: &BTreeMap<String, f64>) -> String {
    fill_placeholders_with(template, values, format_number)
}

/// [`fill_placeholders`] with the numbers written by `format` (the app passes one that prints the
/// minus sign U+2212 in place of `format_number`'s ASCII hyphen).
pub fn fill_placeholders_with(template: &str, values: &BTreeMap<String, f64>, format: impl Fn(f64) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if values.contains_key(&after[..close]) => {
                out.push_str(&format(values[&after[..close]]));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimals_of(0.5), 1);
        assert_eq!(decimals_of(10.0), 0);
        assert_eq!(decimals_of(0.125), 3);
    }
}
