//! The course home: title, what you will learn, the chapter list with progress, and progress export,
//! import and reset.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::app::{page_lang, CourseData};
use super::dom::{download, href, set_title};
use crate::i18n::{Language, LanguageExt};
use crate::state::store::Store;

#[component]
pub fn Home() -> impl IntoView {
    let lang = page_lang();
    let data = CourseData::get();
    let store = Store::get();
    let message = RwSignal::new(None::<(bool, String)>);
    Effect::new(move |_| {
        let s = lang.get().strings();
        set_title(&format!("{} — {}", s.site_title, s.tagline));
    });

    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let s = lang.get_untracked().strings();
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            let l = lang.get_untracked();
            let result = match text {
                None => Err(crate::i18n::pick(l, "the file could not be read", "无法读取这个文件").to_string()),
                Some(t) => store.import(&t).map_err(|e| e.words(l)),
            };
            message.set(Some(match result {
                Ok(()) => (true, s.import_ok.to_string()),
                Err(e) if l == Language::Zh => (false, format!("{}：{e}。", s.import_failed)),
                Err(e) => (false, format!("{}: {e}.", s.import_failed)),
            }));
        });
    };
    let on_reset = move |_| {
        let s = lang.get_untracked().strings();
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(s.reset_confirm).ok()).unwrap_or(false);
        if ok {
            store.reset();
        }
    };

    let chapters = move || {
        let l = lang.get();
        let s = l.strings();
        match data.index.get() {
            None => view! { <p class="loading">{s.loading}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice error">{s.load_failed}" "{e}</p> }.into_any(),
            Some(Ok(index)) => {
                let total_ex: usize = index.chapters.iter().map(|c| c.exercises.len()).sum();
                let read = store.record.with(|r| index.chapters.iter().filter(|c| r.read.contains(&c.slug)).count());
                let solved = store.record.with(|r| r.solved_count());
                let items = index
                    .chapters
                    .iter()
                    .map(|c| {
                        let done = store.record.with(|r| {
                            c.exercises.iter().filter(|id| r.exercises.get(&format!("{}/{id}", c.slug)).is_some_and(|e| e.solved)).count()
                        });
                        let pct = if c.exercises.is_empty() { 0.0 } else { 100.0 * done as f64 / c.exercises.len() as f64 };
                        let is_read = store.record.with(|r| r.read.contains(&c.slug));
                        let objectives = c.objectives.get(l).iter().map(|o| view! { <li inner_html=o.clone()></li> }).collect_view();
                        view! {
                            <li class="chapter-card">
                                <h3>
                                    <a href=href(&format!("/{}/{}", l.code(), c.slug))>{format!("{}. {}", c.order, c.title.get(l))}</a>
                                    {is_read.then(|| view! { <span class="badge">{s.read_mark}</span> })}
                                </h3>
                                <div class="meta">{format!("{} {} · {}/{} ", c.minutes, s.minutes, done, c.exercises.len())}{s.solved_of(c.exercises.len())}</div>
                                <div class="bar" role="presentation"><span style=format!("width:{pct:.0}%")></span></div>
                                <ul>{objectives}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                let first = index.chapters.first().map(|c| href(&format!("/{}/{}", l.code(), c.slug)));
                view! {
                    <section class="progress-summary" aria-label=s.your_progress>
                        <strong>{s.your_progress}</strong>
                        <span class="progress-read">{format!("{read}/{} ", index.chapters.len())}{s.chapters_read}</span>
                        <span class="progress-solved">{format!("{solved}/{total_ex} ")}{s.solved_of(total_ex)}</span>
                        <div class="actions">
                            <button class="button" on:click=move |_| download("scaling-lab-progress.json", "application/json", &store.export())>{s.export_progress}</button>
                            <label class="button">
                                {s.import_progress}
                                <input type="file" accept=".json,application/json" class="sr-only" on:change=on_import/>
                            </label>
                            <button class="button" on:click=on_reset>{s.reset_progress}</button>
                        </div>
                    </section>
                    {move || message.get().map(|(ok, m)| view! { <p class=if ok { "notice success" } else { "notice error" } role="status">{m}</p> })}
                    {first.map(|f| view! { <p><a class="button primary" href=f>{s.start_reading}</a></p> })}
                    <h2>{s.chapters}</h2>
                    <ol class="chapter-list">{items}</ol>
                }
                .into_any()
            }
        }
    };

    view! {
        <div class="content no-toc">
            <article class="home">
                <section class="hero">
                    <h1>{move || lang.get().strings().site_title}</h1>
                    <p>{move || lang.get().strings().tagline}</p>
                </section>
                {chapters}
            </article>
        </div>
    }
}
