//! Multiple choice, one or many answers: check, see each option's explanation, retry.

use leptos::prelude::*;

use super::{attempt, feedback, record, reveal, verdict, verdict_after_solution, Frame};
use crate::course::{ChoiceOption, Exercise};
use crate::i18n::LanguageExt;
use crate::shell::app::page_lang;

#[component]
pub fn ChoiceExercise(key: String, exercise: Exercise) -> impl IntoView {
    let Exercise::Choice { prompt_html, multiple, options } = exercise.clone() else { unreachable!() };
    let k = key.clone();
    let grade = move |selected: &[usize]| {
        let right = exercise.grade_choice(selected);
        attempt(&k, right);
        right
    };
    view! {
        <Frame key=key.clone() kind="choice">
            <div class="prompt" inner_html=prompt_html></div>
            <Options name=key.clone() multiple=multiple options=options grade=grade progress_key=key/>
        </Frame>
    }
}

/// The option list with a check button; shared with predict exercises whose guess is a choice.
/// `progress_key` (a choice exercise's record) keeps "Show solution" in the learner's record: shown
/// once, the solution stays shown, and a right answer after it does not count as solved.
#[component]
pub fn Options(
    name: String,
    multiple: bool,
    options: Vec<ChoiceOption>,
    grade: impl Fn(&[usize]) -> bool + 'static,
    #[prop(optional, into)] locked: Signal<bool>,
    #[prop(optional)] progress_key: Option<String>,
) -> impl IntoView {
    let lang = page_lang();
    let selected = RwSignal::new(Vec::<usize>::new());
    // Some(right) after a check, cleared when the selection changes.
    let result = RwSignal::new(None::<bool>);
    let tried = RwSignal::new(false);
    let solution = RwSignal::new(progress_key.as_deref().is_some_and(|k| record(k).get_untracked().revealed));
    let reveal_key = progress_key.clone();
    let kind = if multiple { "checkbox" } else { "radio" };
    let group = name;
    let items = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let correct = o.correct;
            let explain = o.explain_html.clone();
            let name = plain_text(&o.html);
            let state_class = move || match result.get() {
                _ if solution.get() && correct => "option right",
                Some(_) if selected.with(|s| s.contains(&i)) => {
                    if correct { "option right" } else { "option wrong" }
                }
                _ => "option",
            };
            view! {
                <label class=state_class>
                    <input
                        type=kind
                        name=group.clone()
                        aria-label=name
                        prop:checked=move || selected.with(|s| s.contains(&i))
                        disabled=move || locked.get()
                        on:change=move |_| {
                            result.set(None);
                            selected.update(|s| {
                                if multiple {
                                    if let Some(p) = s.iter().position(|&x| x == i) { s.remove(p); } else { s.push(i); }
                                } else {
                                    *s = vec![i];
                                }
                            });
                        }
                    />
                    <span>
                        <span inner_html=o.html.clone()></span>
                        {move || (solution.get() || (result.get().is_some() && selected.with(|s| s.contains(&i))))
                            .then(|| view! { <span class="explain" inner_html=explain.clone()></span> })}
                    </span>
                </label>
            }
        })
        .collect_view();
    let check = move |_| {
        let right = selected.with(|s| grade(s));
        result.set(Some(right));
        tried.set(true);
    };
    view! {
        <fieldset>
            <legend class="hint">{move || if multiple { lang.get().strings().choose_many } else { lang.get().strings().choose_one }}</legend>
            {items}
        </fieldset>
        <div class="answer-row">
            <button class="button primary" disabled=move || selected.with(|s| s.is_empty()) || locked.get() on:click=check>
                {move || lang.get().strings().check}
            </button>
            {move || (tried.get() && !solution.get() && !locked.get()).then(|| view! {
                <button class="button show-solution" on:click={let k = reveal_key.clone(); move |_| {
                    if let Some(k) = &k { reveal(k); }
                    solution.set(true);
                }}>{lang.get().strings().show_solution}</button>
            })}
        </div>
        // Locked (a committed prediction) or with the solution shown: a verdict, with no invitation to
        // try again.
        {move || result.get().map(|right| match (&progress_key, locked.get() || solution.get()) {
            (Some(k), true) if !locked.get() => verdict_after_solution(right, k).into_any(),
            (_, true) => verdict(right).into_any(),
            (_, false) => feedback(right).into_any(),
        })}
    }
}

/// An option's text without markup, used as the input's accessible name: assistive technology (and
/// axe-core) drops MathML inside a `<label>`, which would leave options written purely in math
/// (`$-1$`) without a name. MathML token text (`<mo>−</mo><mn>1</mn>`) reads as `−1`.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

