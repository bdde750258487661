//! Typed blocks: the TOML body of a `widget <kind>` or `exercise <kind>` fence → a [`Segment`].
//!
//! Each kind has a raw serde struct (`deny_unknown_fields`, Markdown fields as `Spanned<String>`
//! so errors and LaTeX problems point at the field's line). Widget parameters are merged over the
//! params' defaults and then checked with the sims crate's `validate()`, so the rules for what a
//! widget accepts live in one place.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Compiler, FileCtx};
use crate::model::*;

/// A Markdown field with its byte span in the block body.
type Md = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Md,
    #[serde(default)]
    correct: bool,
    explain: Md,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: Spanned<String>,
    prompt: Md,
    #[serde(default)]
    multiple: bool,
    options: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNumeric {
    id: Spanned<String>,
    prompt: Md,
    answer: f64,
    tolerance: Spanned<Tolerance>,
    unit: Option<String>,
    solution: Md,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParamRange {
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    choices: Option<Vec<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRandom {
    id: Spanned<String>,
    prompt: Md,
    answer: Spanned<String>,
    tolerance: Spanned<Tolerance>,
    unit: Option<String>,
    solution: Md,
    params: Spanned<BTreeMap<String, Spanned<RawParamRange>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuess {
    answer: Option<f64>,
    tolerance: Option<Spanned<Tolerance>>,
    unit: Option<String>,
    multiple: Option<bool>,
    options: Option<Vec<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredict {
    id: Spanned<String>,
    prompt: Md,
    reveal: Md,
    guess: Spanned<RawGuess>,
    widget: Spanned<toml::Table>,
}

/// Block-local position info: the body text and the file line of its first line.
struct Body<'b> {
    text: &'b str,
    first_line: usize,
}

impl Body<'_> {
    fn line(&self, offset: usize) -> usize {
        self.first_line + self.text.as_bytes()[..offset.min(self.text.len())].iter().filter(|&&b| b == b'\n').count()
    }

    /// The line of the first `key = …` at or after line `from` (file line), else `fallback`.
    fn key_line(&self, key: &str, from: usize, fallback: usize) -> usize {
        for (i, l) in self.text.lines().enumerate() {
            let line = self.first_line + i;
            if line < from {
                continue;
            }
            let l = l.trim_start();
            if let Some(rest) = l.strip_prefix(key).or_else(|| l.strip_prefix(&format!("\"{key}\""))) {
                if rest.trim_start().starts_with('=') {
                    return line;
                }
            }
        }
        fallback
    }
}

/// Typed-block ids must be safe in URL query keys (`{id}.{key}`) and DOM ids.
fn check_id(ctx: &mut FileCtx, id: &str, line: usize) {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        ctx.error(line, format!("id `{id}` must be lowercase ASCII letters, digits, `-` or `_`"));
    }
}

impl Compiler {
    /// Parses one typed block whose body starts on file line `first_line`. `None` after an error
    /// (already reported).
    pub(crate) fn typed_block(&self, ctx: &mut FileCtx, what: &str, kind: &str, text: &str, first_line: usize) -> Option<Segment> {
        let body = Body { text, first_line };
        let fence_line = first_line - 1;
        match what {
            "widget" => {
                if !Widget::KINDS.contains(&kind) {
                    ctx.error(fence_line, format!("unknown widget kind `{kind}`; known kinds: {}", Widget::KINDS.join(", ")));
                    return None;
                }
                let mut table: toml::Table = parse(ctx, &body)?;
                let id = match table.remove("id") {
                    Some(toml::Value::String(s)) => s,
                    Some(_) => {
                        ctx.error(body.key_line("id", first_line, fence_line), "`id` must be a string".into());
                        return None;
                    }
                    None => {
                        ctx.error(fence_line, "missing field `id`".into());
                        return None;
                    }
                };
                let id_line = body.key_line("id", first_line, fence_line);
                check_id(ctx, &id, id_line);
                let widget = parse_widget(ctx, &body, kind, table, first_line, fence_line)?;
                ctx.register_block("widget", kind, &id, id_line);
                Some(Segment::Widget(WidgetSpec { id, widget }))
            }
            "exercise" => {
                let exercise = match kind {
                    "choice" => self.choice(ctx, &body),
                    "numeric" => self.numeric(ctx, &body),
                    "random" => self.random(ctx, &body),
                    "predict" => self.predict(ctx, &body),
                    _ => {
                        ctx.error(fence_line, format!("unknown exercise kind `{kind}`; known kinds: {}", Exercise::KINDS.join(", ")));
                        None
                    }
                }?;
                Some(Segment::Exercise(exercise))
            }
            _ => None,
        }
    }

    fn md(&self, ctx: &mut FileCtx, body: &Body, field: &Md, placeholders: Option<&BTreeSet<String>>) -> String {
        self.render_html(ctx, field.get_ref(), body.line(field.span().start), placeholders)
    }

    fn options(&self, ctx: &mut FileCtx, body: &Body, raw: &[RawOption], multiple: bool, line: usize) -> Vec<ChoiceOption> {
        if raw.len() < 2 {
            ctx.error(line, format!("a choice needs at least 2 options, found {}", raw.len()));
        }
        let correct = raw.iter().filter(|o| o.correct).count();
        if correct == 0 {
            ctx.error(line, "no option is marked `correct = true`".into());
        } else if !multiple && correct > 1 {
            ctx.error(line, format!("{correct} options are correct but `multiple = false`; set `multiple = true`"));
        }
        raw.iter()
            .map(|o| ChoiceOption {
                html: self.render_inline(ctx, o.text.get_ref(), body.line(o.text.span().start), None),
                correct: o.correct,
                explain_html: self.md(ctx, body, &o.explain, None),
            })
            .collect()
    }

    fn choice(&self, ctx: &mut FileCtx, body: &Body) -> Option<ExerciseSpec> {
        let raw: RawChoice = parse(ctx, body)?;
        let id = exercise_id(ctx, body, &raw.id, "choice");
        let line = body.line(raw.id.span().start);
        let prompt_html = self.md(ctx, body, &raw.prompt, None);
        let options = self.options(ctx, body, &raw.options, raw.multiple, line);
        Some(ExerciseSpec { id, kind: Exercise::Choice { prompt_html, multiple: raw.multiple, options } })
    }

    fn numeric(&self, ctx: &mut FileCtx, body: &Body) -> Option<ExerciseSpec> {
        let raw: RawNumeric = parse(ctx, body)?;
        let id = exercise_id(ctx, body, &raw.id, "numeric");
        check_tolerance(ctx, body, &raw.tolerance);
        if !raw.answer.is_finite() {
            ctx.error(body.key_line("answer", body.first_line, body.first_line), "`answer` must be finite".into());
        }
        Some(ExerciseSpec {
            id,
            kind: Exercise::Numeric {
                prompt_html: self.md(ctx, body, &raw.prompt, None),
                answer: raw.answer,
                tolerance: raw.tolerance.into_inner(),
                unit: raw.unit,
                solution_html: self.md(ctx, body, &raw.solution, None),
            },
        })
    }

    fn random(&self, ctx: &mut FileCtx, body: &Body) -> Option<ExerciseSpec> {
        let raw: RawRandom = parse(ctx, body)?;
        let id = exercise_id(ctx, body, &raw.id, "random");
        check_tolerance(ctx, body, &raw.tolerance);
        let answer_line = body.line(raw.answer.span().start);
        let answer = AnswerFn::ALL.iter().copied().find(|f| f.name() == raw.answer.get_ref());
        let mut params = BTreeMap::new();
        for (name, range) in raw.params.get_ref() {
            let line = body.line(range.span().start);
            let r = range.get_ref();
            let parsed = match (r.min, r.max, r.step, &r.choices) {
                (Some(min), Some(max), Some(step), None) => ParamRange::Range { min, max, step },
                (None, None, None, Some(c)) => ParamRange::Choices(c.clone()),
                _ => {
                    ctx.error(line, format!("param `{name}`: give either `min`, `max` and `step`, or `choices`"));
                    continue;
                }
            };
            if let Err(e) = parsed.validate() {
                ctx.error(line, format!("param `{name}`: {e}"));
            }
            params.insert(name.clone(), parsed);
        }
        let answer = match answer {
            Some(f) => f,
            None => {
                let known: Vec<&str> = AnswerFn::ALL.iter().map(|f| f.name()).collect();
                ctx.error(answer_line, format!("unknown answer function `{}`; known: {}", raw.answer.get_ref(), known.join(", ")));
                return None;
            }
        };
        let expected: BTreeSet<&str> = answer.param_names().iter().copied().collect();
        let given: BTreeSet<&str> = raw.params.get_ref().keys().map(String::as_str).collect();
        if expected != given {
            ctx.error(
                body.line(raw.params.span().start),
                format!(
                    "`{}` takes params {{{}}} but [params] has {{{}}}",
                    answer.name(),
                    answer.param_names().join(", "),
                    given.into_iter().collect::<Vec<_>>().join(", ")
                ),
            );
        } else if params.len() == expected.len() {
            // Every corner of the grid must have an answer (e.g. no n = 0).
            let mut values = BTreeMap::new();
            for (name, r) in &params {
                for u in [0.0, 0.999_999_999] {
                    values.insert(name.clone(), r.draw(u));
                    let mut all = values.clone();
                    for (other, r2) in &params {
                        all.entry(other.clone()).or_insert_with(|| r2.draw(0.0));
                    }
                    if let Err(e) = answer.eval(&all) {
                        ctx.error(body.line(raw.params.span().start), format!("param `{name}` can be drawn as a value the answer rejects: {e}"));
                    }
                }
            }
        }
        let prompt_names: BTreeSet<String> = params.keys().cloned().collect();
        let mut solution_names = prompt_names.clone();
        solution_names.insert("answer".into());
        Some(ExerciseSpec {
            id,
            kind: Exercise::Random {
                prompt_html: self.md(ctx, body, &raw.prompt, Some(&prompt_names)),
                params,
                answer,
                tolerance: raw.tolerance.into_inner(),
                unit: raw.unit,
                solution_html: self.md(ctx, body, &raw.solution, Some(&solution_names)),
            },
        })
    }

    fn predict(&self, ctx: &mut FileCtx, body: &Body) -> Option<ExerciseSpec> {
        let raw: RawPredict = parse(ctx, body)?;
        let id = exercise_id(ctx, body, &raw.id, "predict");
        let guess_line = body.line(raw.guess.span().start);
        let g = raw.guess.get_ref();
        let guess = match (g.answer, &g.tolerance, &g.options) {
            (Some(answer), Some(tol), None) if g.multiple.is_none() => {
                check_tolerance(ctx, body, tol);
                Guess::Numeric { answer, tolerance: *tol.get_ref(), unit: g.unit.clone() }
            }
            (None, None, Some(options)) if g.unit.is_none() => {
                let multiple = g.multiple.unwrap_or(false);
                Guess::Choice { multiple, options: self.options(ctx, body, options, multiple, guess_line) }
            }
            _ => {
                ctx.error(guess_line, "[guess] needs either `answer` and `tolerance` (and optional `unit`), or `[[guess.options]]` (and optional `multiple`)".into());
                return None;
            }
        };
        // The [widget] table: `kind`, `id`, then the widget's params.
        let wline = body.line(raw.widget.span().start);
        let mut table = raw.widget.into_inner();
        let kind = match table.remove("kind") {
            Some(toml::Value::String(s)) => s,
            _ => {
                ctx.error(wline, format!("[widget] needs `kind = \"…\"`, one of: {}", Widget::KINDS.join(", ")));
                return None;
            }
        };
        let wid = match table.remove("id") {
            Some(toml::Value::String(s)) => s,
            _ => {
                ctx.error(wline, "[widget] needs `id = \"…\"`".into());
                return None;
            }
        };
        let wid_line = body.key_line("id", wline, wline);
        check_id(ctx, &wid, wid_line);
        if !Widget::KINDS.contains(&kind.as_str()) {
            ctx.error(body.key_line("kind", wline, wline), format!("unknown widget kind `{kind}`; known kinds: {}", Widget::KINDS.join(", ")));
            return None;
        }
        let widget = parse_widget(ctx, body, &kind, table, wline, wline)?;
        ctx.register_block("widget", &kind, &wid, wid_line);
        Some(ExerciseSpec {
            id,
            kind: Exercise::Predict {
                prompt_html: self.md(ctx, body, &raw.prompt, None),
                guess,
                widget: WidgetSpec { id: wid, widget },
                reveal_html: self.md(ctx, body, &raw.reveal, None),
            },
        })
    }
}

/// Parses the block body as `T`, reporting TOML errors at the file line of their span.
fn parse<T: DeserializeOwned>(ctx: &mut FileCtx, body: &Body) -> Option<T> {
    match toml::from_str::<T>(body.text) {
        Ok(v) => Some(v),
        Err(e) => {
            // An error at the very end (e.g. an unclosed array) belongs to the last line.
            let end = body.text.trim_end().len();
            let line = e.span().map_or(body.first_line, |s| body.line(s.start.min(end)));
            ctx.error(line, format!("in block: {}", e.message().trim()));
            None
        }
    }
}

fn exercise_id(ctx: &mut FileCtx, body: &Body, id: &Spanned<String>, kind: &str) -> String {
    let line = body.line(id.span().start);
    check_id(ctx, id.get_ref(), line);
    ctx.register_block("exercise", kind, id.get_ref(), line);
    id.get_ref().clone()
}

fn check_tolerance(ctx: &mut FileCtx, body: &Body, t: &Spanned<Tolerance>) {
    if let Err(e) = t.get_ref().validate() {
        ctx.error(body.line(t.span().start), e);
    }
}

/// Widget params: TOML keys are the params' fields, missing ones come from the defaults, then
/// `validate()`. Keys are looked up from file line `from` on; `fallback` is the table's line.
fn parse_widget(ctx: &mut FileCtx, body: &Body, kind: &str, table: toml::Table, from: usize, fallback: usize) -> Option<Widget> {
    use sims::box_averaging::BoxAveragingParams;
    use sims::mean_estimation::MeanEstimationParams;
    let result = match kind {
        "mean-estimation" => merge(MeanEstimationParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::MeanEstimation(p)).map_err(param_error)),
        "box-averaging" => {
            // Box-averaging defaults are tuned per dimension, so start from those of the given d.
            let base = match table.get("d").and_then(toml::Value::as_integer) {
                Some(d) if (1..=6).contains(&d) => BoxAveragingParams::default_for(d as usize),
                _ => BoxAveragingParams::default(),
            };
            merge(base, &table).and_then(|p| p.validate().map(|_| Widget::BoxAveraging(p)).map_err(param_error))
        }
        "capacity-sweep" => merge(sims::capacity::CapacityParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::CapacitySweep(p)).map_err(param_error)),
        "fit-lab" => merge(scaling::fit_lab::FitLabParams::default(), &table).and_then(|p| {
            p.validate().map(|_| Widget::FitLab(p)).map_err(|e| {
                let key = match &e {
                    scaling::fit_lab::FitLabError::OutOfRange { field, .. } => Some(field.to_string()),
                    _ => None,
                };
                (key, e.to_string())
            })
        }),
        "data-constrained" => merge(scaling::planner_params::DataConstrainedParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::DataConstrained(p)).map_err(planner_error)),
        "inference-planner" => merge(scaling::planner_params::InferencePlannerParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::InferencePlanner(p)).map_err(planner_error)),
        "preset-compare" => merge(scaling::planner_params::PresetCompareParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::PresetCompare(p)).map_err(planner_error)),
        "law-explorer" => merge(scaling::law_explorer::LawExplorerParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::LawExplorer(p)).map_err(lab_param_error)),
        "compute-planner" => merge(scaling::compute_planner::ComputePlannerParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::ComputePlanner(p)).map_err(lab_param_error)),
        "image-playground" => merge(augment_lab::params::ImagePlaygroundParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::ImagePlayground(p)).map_err(|e| (None, e))),
        "digit-mixing" => merge(augment_lab::params::DigitMixingParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::DigitMixing(p)).map_err(|e| (None, e))),
        "text-playground" => merge(augment_lab::params::TextPlaygroundParams::default(), &table)
            .and_then(|p| p.validate().map(|_| Widget::TextPlayground(p)).map_err(|e| (None, e))),
        _ => Err((None, format!("unknown widget kind `{kind}`"))),
    };
    match result {
        Ok(w) => Some(w),
        Err((key, msg)) => {
            let line = key.map_or(fallback, |k| body.key_line(&k, from, fallback));
            ctx.error(line, format!("widget {kind}: {msg}"));
            None
        }
    }
}

fn param_error(e: sims::error::ParamError) -> (Option<String>, String) {
    let key = match &e {
        sims::error::ParamError::OutOfRange { field, .. } => Some(field.to_string()),
        _ => None,
    };
    (key, e.to_string())
}

fn lab_param_error(e: scaling::law_explorer::ParamError) -> (Option<String>, String) {
    let scaling::law_explorer::ParamError::OutOfRange { field, .. } = &e;
    (Some(field.to_string()), e.to_string())
}

fn planner_error(e: scaling::planner_params::PlannerParamError) -> (Option<String>, String) {
    (e.field().map(str::to_string), e.to_string())
}

/// Overlays `table` on the serialized `base` and deserializes; errors name the offending key.
fn merge<P: Serialize + DeserializeOwned>(base: P, table: &toml::Table) -> Result<P, (Option<String>, String)> {
    let base = toml::Table::try_from(&base).map_err(|e| (None, e.to_string()))?;
    let fields: Vec<&str> = base.keys().map(String::as_str).collect();
    let mut merged = base.clone();
    for (k, v) in table {
        if !base.contains_key(k) {
            return Err((Some(k.clone()), format!("unknown field `{k}`, expected one of {}", fields.join(", "))));
        }
        // One key at a time, so a type error names its key.
        let mut single = base.clone();
        single.insert(k.clone(), v.clone());
        if let Err(e) = toml::Value::Table(single).try_into::<P>() {
            return Err((Some(k.clone()), format!("`{k}`: {}", e.message().trim())));
        }
        merged.insert(k.clone(), v.clone());
    }
    toml::Value::Table(merged).try_into::<P>().map_err(|e| (None, e.message().trim().to_string()))
}
