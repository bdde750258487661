//! Numeric answers: fixed (`numeric`) or drawn per learner (`random`, parameters from the learner's
//! seed and the exercise id, answer computed by the same science code the widgets use).

use std::collections::BTreeMap;

use leptos::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{attempt, feedback, record, reveal, verdict_after_solution, Frame};
use crate::course::{fill_placeholders_with, Exercise, Tolerance};
use crate::format::{number, parse_number};
use crate::i18n::LanguageExt;
use crate::shell::app::page_lang;
use crate::state::store::Store;

/// The learner's values for a random exercise: a stable function of (learner seed, exercise id).
pub fn draw_values(learner_seed: u64, id: &str, exercise: &Exercise) -> BTreeMap<String, f64> {
    let Exercise::Random { params, .. } = exercise else { return BTreeMap::new() };
    // FNV-1a of the id, mixed with the learner's seed: each exercise gets its own stream.
    let h = id.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    let mut rng = ChaCha8Rng::seed_from_u64(learner_seed ^ h);
    params.iter().map(|(name, range)| (name.clone(), range.draw(rng.random::<f64>()))).collect()
}

fn tolerance_hint(t: &Tolerance) -> String {
    match t {
        Tolerance::Rel(r) => format!("±{}%", number(r * 100.0)),
        Tolerance::Abs(a) => format!("±{}", number(*a)),
    }
}

#[component]
pub fn NumericExercise(key: String, id: String, exercise: Exercise) -> impl IntoView {
    let lang = page_lang();
    let store = Store::get();
    let seed = store.record.with_untracked(|r| r.learner_seed);
    let values = draw_values(seed, &id, &exercise);
    let (prompt, solution_html, unit, tolerance, expected, kind) = match &exercise {
        Exercise::Numeric { prompt_html, answer, tolerance, unit, solution_html } => {
            (prompt_html.clone(), solution_html.clone(), unit.clone(), *tolerance, Ok(*answer), "numeric")
        }
        Exercise::Random { prompt_html, answer, tolerance, unit, solution_html, .. } => {
            let expected = answer.eval(&values);
            let mut with_answer = values.clone();
            if let Ok(a) = expected {
                with_answer.insert("answer".into(), a);
            }
            (fill_placeholders_with(prompt_html, &values, number), fill_placeholders_with(solution_html, &with_answer, number), unit.clone(), *tolerance, expected, "random")
        }
        _ => unreachable!(),
    };
    let input = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<bool, ()>>);
    let tried = RwSignal::new(false);
    // A solution once shown stays shown (and recorded), also after a reload.
    let show = RwSignal::new(record(&key).get_untracked().revealed);
    let k = key.clone();
    let k_reveal = key.clone();
    let k_verdict = key.clone();
    let check = move || {
        let Some(given) = parse_number(&input.get_untracked()) else {
            result.set(Some(Err(())));
            return;
        };
        let right = match &expected {
            Ok(e) => tolerance.accepts(*e, given),
            Err(_) => false,
        };
        attempt(&k, right);
        tried.set(true);
        result.set(Some(Ok(right)));
    };
    let check2 = check.clone();
    let input_id = format!("answer-{key}").replace('/', "-");
    let hint = tolerance_hint(&tolerance);
    view! {
        <Frame key=key.clone() kind=kind>
            <div class="prompt" inner_html=prompt></div>
            {(kind == "random").then(|| view! { <p class="hint">{move || lang.get().strings().your_numbers}</p> })}
            <div class="answer-row">
                <label for=input_id.clone()>{move || lang.get().strings().your_answer}</label>
                <input id=input_id type="text" inputmode="decimal" autocomplete="off"
                    prop:value=move || input.get()
                    on:input=move |ev| { input.set(event_target_value(&ev)); result.set(None); }
                    on:keydown=move |ev| if ev.key() == "Enter" { check2() }
                />
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
                <span class="hint">{hint}</span>
                <button class="button primary" on:click=move |_| check()>{move || lang.get().strings().check}</button>
                {move || (tried.get() && !show.get()).then(|| view! {
                    <button class="button show-solution" on:click={let k = k_reveal.clone(); move |_| { reveal(&k); show.set(true); }}>{lang.get().strings().show_solution}</button>
                })}
            </div>
            {move || match result.get() {
                // Once the solution is shown, no invitation to try again.
                Some(Ok(right)) if show.get() => Some(verdict_after_solution(right, &k_verdict).into_any()),
                Some(Ok(right)) => Some(feedback(right).into_any()),
                Some(Err(())) => Some(view! { <p class="feedback wrong" role="status">{lang.get().strings().not_a_number}</p> }.into_any()),
                None => None,
            }}
            {move || show.get().then(|| view! {
                <div class="solution"><strong>{lang.get().strings().solution}</strong><div inner_html=solution_html.clone()></div></div>
            })}
        </Frame>
    }
}
