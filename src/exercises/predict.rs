//! "Predict, then reveal": the learner commits a guess (numeric or choice), which is locked and kept;
//! only then does the widget run and show the truth, with the explanation.

use leptos::prelude::*;

use super::choice::Options;
use super::{attempt, record, Frame};
use crate::course::{format_number, Exercise, Guess};
use crate::format::{number, parse_number};
use crate::i18n::{Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::state::store::Store;

#[component]
pub fn PredictExercise(key: String, exercise: Exercise) -> impl IntoView {
    let lang = page_lang();
    let Exercise::Predict { prompt_html, guess, widget, reveal_html } = exercise.clone() else { unreachable!() };
    let rec = record(&key);
    let committed = Memo::new(move |_| rec.get().guess.is_some());
    let k = key.clone();
    let commit = move |text: String, right: bool| {
        let key = k.clone();
        Store::get().update(|r| {
            let e = r.exercises.entry(key).or_default();
            e.guess = Some(text);
        });
        attempt(&k, right);
    };
    let guess_view = match guess {
        Guess::Numeric { answer, tolerance, unit } => {
            let input = RwSignal::new(String::new());
            let error = RwSignal::new(false);
            let commit = commit.clone();
            let input_id = format!("guess-{key}").replace('/', "-");
            view! {
                <div class="answer-row">
                    <label for=input_id.clone()>{move || lang.get().strings().your_answer}</label>
                    <input id=input_id type="text" inputmode="decimal" autocomplete="off"
                        prop:value=move || rec.get().guess.clone().unwrap_or_else(|| input.get())
                        disabled=move || committed.get()
                        on:input=move |ev| { input.set(event_target_value(&ev)); error.set(false); }/>
                    {unit.map(|u| view! { <span class="unit">{u}</span> })}
                    <button class="button primary" disabled=move || committed.get() on:click=move |_| {
                        match parse_number(&input.get_untracked()) {
                            Some(v) => commit(format_number(v), tolerance.accepts(answer, v)),
                            None => error.set(true),
                        }
                    }>{move || lang.get().strings().commit_guess}</button>
                </div>
                {move || error.get().then(|| view! { <p class="feedback wrong" role="status">{lang.get().strings().not_a_number}</p> })}
                // The verdict on the committed guess: how far it was from the answer.
                {move || rec.get().guess.and_then(|g| parse_number(&g)).map(|g| {
                    let right = tolerance.accepts(answer, g);
                    let l = lang.get();
                    let text = match l {
                        Language::En => format!("Your guess {}; the answer {}.", number(g), number(answer)),
                        Language::Zh => format!("你的猜测是 {}；答案是 {}。", number(g), number(answer)),
                    };
                    view! { <p class=if right { "feedback right verdict" } else { "feedback wrong verdict" } role="status">{text}</p> }
                })}
            }
            .into_any()
        }
        Guess::Choice { multiple, options } => {
            let ex = exercise.clone();
            let commit = commit.clone();
            let grade = move |sel: &[usize]| {
                let right = ex.grade_choice(sel);
                let text = sel.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
                commit(text, right);
                right
            };
            view! { <Options name=key.clone() multiple=multiple options=options grade=grade locked=Signal::derive(move || committed.get())/> }.into_any()
        }
    };
    let locked = Signal::derive(move || !committed.get());
    view! {
        <Frame key=key.clone() kind="predict">
            <div class="prompt" inner_html=prompt_html></div>
            {guess_view}
            {move || committed.get().then(|| view! {
                <p class="hint" role="status">{lang.get().strings().guess_locked}</p>
            })}
            {crate::widgets::render_locked(widget, locked)}
            {move || committed.get().then(|| view! { <div class="solution" inner_html=reveal_html.clone()></div> })}
        </Frame>
    }
}
