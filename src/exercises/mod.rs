//! Self-grading exercises, one file per kind, sharing the frame (title, status badge) and the record
//! kept in the store (`{slug}/{id}`: attempts, solved, solution shown, committed guess). Only an
//! exercise answered right before its solution was shown counts as solved; one whose solution was
//! shown first says so ("Solution shown") and is not counted on the home page.

pub mod choice;
pub mod numeric;
pub mod predict;

use leptos::prelude::*;

use crate::course::{Exercise, ExerciseSpec};
use crate::i18n::{pick, LanguageExt};
use crate::shell::app::page_lang;
use crate::state::schema::{ExerciseRecord, ExerciseStatus};
use crate::state::store::Store;

pub fn render(slug: String, spec: ExerciseSpec) -> AnyView {
    let key = format!("{slug}/{}", spec.id);
    let ex = spec.kind.clone();
    match spec.kind {
        Exercise::Choice { .. } => view! { <choice::ChoiceExercise key=key exercise=ex/> }.into_any(),
        Exercise::Numeric { .. } | Exercise::Random { .. } => {
            view! { <numeric::NumericExercise key=key id=spec.id exercise=ex/> }.into_any()
        }
        Exercise::Predict { .. } => view! { <predict::PredictExercise key=key exercise=ex/> }.into_any(),
    }
}

/// The learner's record of exercise `key`, reactive.
pub fn record(key: &str) -> Memo<ExerciseRecord> {
    let store = Store::get();
    let key = key.to_string();
    Memo::new(move |_| store.record.with(|r| r.exercises.get(&key).cloned().unwrap_or_default()))
}

/// Count an attempt; a right one before the solution was shown marks the exercise solved (and it
/// stays solved).
pub fn attempt(key: &str, right: bool) {
    let key = key.to_string();
    Store::get().update(|r| r.exercises.entry(key).or_default().attempt(right));
}

/// Record that the learner asked for the solution (kept, so a reload cannot undo it).
pub fn reveal(key: &str) {
    let key = key.to_string();
    Store::get().update(|r| r.exercises.entry(key).or_default().reveal());
}

/// The exercise box: kind label, solved badge, then the body. Its element id `exercise-{id}` makes
/// an exercise a deep-link target (`…/power-laws#exercise-ch2-mse-slope`).
#[component]
pub fn Frame(key: String, kind: &'static str, children: Children) -> impl IntoView {
    let lang = page_lang();
    let anchor = format!("exercise-{}", key.rsplit('/').next().unwrap_or(&key));
    let rec = record(&key);
    let label = move || {
        let l = lang.get();
        let k = match kind {
            "choice" => pick(l, "Multiple choice", "选择题"),
            "numeric" => pick(l, "Numeric answer", "数值题"),
            "random" => pick(l, "Your own numbers", "专属数值题"),
            _ => pick(l, "Predict, then reveal", "先预测，再揭晓"),
        };
        format!("{} · {k}", l.strings().exercise)
    };
    let status = Memo::new(move |_| rec.get().status());
    view! {
        <section class="exercise" id=anchor class:solved=move || status.get() == ExerciseStatus::Solved
            class:solution-shown=move || status.get() == ExerciseStatus::SolutionShown data-exercise=key.clone()>
            <div class="ex-head">
                <span>{label}</span>
                {move || match status.get() {
                    ExerciseStatus::Solved => Some(view! { <span class="badge">{lang.get().strings().solved_badge}</span> }),
                    ExerciseStatus::SolutionShown => Some(view! { <span class="badge shown">{pick(lang.get(), "Solution shown", "已看解答")}</span> }),
                    ExerciseStatus::Open => None,
                }}
            </div>
            {children()}
        </section>
    }
}

/// Right/wrong without an invitation to try again: for a committed prediction, or once the solution
/// is shown.
pub fn verdict(right: bool) -> impl IntoView {
    let lang = page_lang();
    view! {
        <p class=if right { "feedback right" } else { "feedback wrong" } role="status">
            {move || if right { lang.get().strings().correct } else { lang.get().strings().incorrect }}
        </p>
    }
}

/// The verdict on an answer given with the solution shown; a right one that did not solve the
/// exercise (it was not solved before) says why it is not counted.
pub fn verdict_after_solution(right: bool, key: &str) -> impl IntoView {
    let lang = page_lang();
    let rec = record(key);
    let uncounted = move || right && rec.get().status() == ExerciseStatus::SolutionShown;
    view! {
        {verdict(right)}
        {move || uncounted().then(|| view! {
            <p class="hint not-counted">{pick(lang.get(),
                "Not counted as solved: the solution was shown before a right answer.",
                "不计入已完成：答对之前已经看过解答。")}</p>
        })}
    }
}

/// Right/wrong feedback line.
pub fn feedback(right: bool) -> impl IntoView {
    let lang = page_lang();
    let s = move || lang.get().strings();
    view! {
        <p class=if right { "feedback right" } else { "feedback wrong" } role="status">
            {move || if right { s().correct.to_string() } else { match lang.get() {
                crate::i18n::Language::En => format!("{} {}.", s().incorrect, s().try_again),
                // Chinese sentences end with a full-width stop and take no space after one.
                crate::i18n::Language::Zh => format!("{}{}。", s().incorrect, s().try_again),
            } }}
        </p>
    }
}
