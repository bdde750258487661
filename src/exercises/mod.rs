//! Self-grading exercises, one file per kind, sharing the frame (title, solved badge) and the record
//! kept in the store (`{slug}/{id}`: attempts, solved, committed guess).

pub mod choice;
pub mod numeric;
pub mod predict;

use leptos::prelude::*;

use crate::course::{Exercise, ExerciseSpec};
use crate::i18n::{pick, LanguageExt};
use crate::shell::app::page_lang;
use crate::state::schema::ExerciseRecord;
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

/// Count an attempt; a right one marks the exercise solved (and it stays solved).
pub fn attempt(key: &str, right: bool) {
    let key = key.to_string();
    Store::get().update(|r| {
        let e = r.exercises.entry(key).or_default();
        e.attempts += 1;
        e.solved |= right;
    });
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
    view! {
        <section class="exercise" id=anchor class:solved=move || rec.get().solved data-exercise=key.clone()>
            <div class="ex-head">
                <span>{label}</span>
                {move || rec.get().solved.then(|| view! { <span class="badge">{lang.get().strings().solved_badge}</span> })}
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
