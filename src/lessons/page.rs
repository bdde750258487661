//! One chapter or page (`/{lang}/{slug}`): title, objectives, body, on-page table of contents,
//! previous/next links and ←/→ keys, "read" marking when the end is reached, and the document title.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use super::{body, place};
use crate::course::{Chapter, CourseIndex, Kind};
use crate::i18n::{Language, LanguageExt};
use crate::shell::app::{page_lang, CourseData};
use crate::shell::dom::{fetch_json, focus_in_input, href, set_title};
use crate::shell::not_found::NotFound;
use crate::state::store::Store;

fn valid_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 80 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn known(index: &CourseIndex, slug: &str) -> bool {
    index.chapters.iter().any(|c| c.slug == slug) || index.pages.iter().any(|p| p.slug == slug)
}

/// Previous and next chapters (slug, title) around `slug`, in course order.
fn neighbours(index: &CourseIndex, slug: &str, lang: Language) -> (Option<(String, String)>, Option<(String, String)>) {
    let Some(i) = index.chapters.iter().position(|c| c.slug == slug) else { return (None, None) };
    let entry = |j: usize| index.chapters.get(j).map(|c| (c.slug.clone(), format!("{}. {}", c.order, c.title.get(lang))));
    (i.checked_sub(1).and_then(entry), entry(i + 1))
}

#[component]
pub fn ChapterPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let lang = page_lang();
    let data = CourseData::get();
    // The chapter for the current (language, slug), fetched anew on every change; a reply that
    // arrives after the reader moved on is dropped, so quick clicks or ←/→ presses never leave one
    // chapter's text under another's address (latest request wins, with its key kept beside it).
    let loaded = RwSignal::new(None::<((Language, String), Result<Arc<Chapter>, String>)>);
    let retry = RwSignal::new(0u32);
    Effect::new(move |_| {
        retry.track();
        let key = (lang.get(), slug.get());
        // Only fetch what the index lists: unknown slugs are a not-found page, not a failed request.
        if data.index.get().map(|r| r.is_ok_and(|i| known(&i, &key.1))) != Some(true) || !valid_slug(&key.1) {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = fetch_json::<Chapter>(&format!("lessons/{}/{}.json", key.0.code(), key.1)).await.map(Arc::new);
            let current = (lang.try_get_untracked(), slug.try_get_untracked());
            if current == (Some(key.0), Some(key.1.clone())) {
                loaded.try_set(Some((key, result)));
            }
        });
    });
    let chapter = move || loaded.with(|c| c.as_ref().filter(|(k, _)| k.0 == lang.get() && k.1 == slug.get()).map(|(_, r)| r.clone()));

    // ←/→ move between chapters unless a form control, or a formula that scrolls sideways, has focus
    // (its arrows scroll it): from the address being read, with neighbours from the course index, so
    // a press works at once, even before the chapter arrived.
    let navigate = use_navigate();
    let handle = window_event_listener(leptos::ev::keydown, move |e| {
        if e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() || e.default_prevented() || focus_in_input() {
            return;
        }
        let Some(Ok(index)) = data.index.get_untracked() else { return };
        let (l, s) = (lang.get_untracked(), slug.get_untracked());
        let (prev, next) = neighbours(&index, &s, l);
        let target = match e.key().as_str() {
            "ArrowLeft" => prev,
            "ArrowRight" => next,
            _ => None,
        };
        if let Some((slug, _)) = target {
            e.prevent_default();
            // `href` already carries the base path: do not let the router prepend it again.
            navigate(&href(&format!("/{}/{slug}", l.code())), NavigateOptions { resolve: false, ..Default::default() });
        }
    });
    on_cleanup(move || handle.remove());

    view! {
        {move || {
            let s = lang.get().strings();
            let index = match data.index.get() {
                None => return view! { <div class="content no-toc"><p class="loading">{s.loading}</p></div> }.into_any(),
                Some(Err(e)) => return view! { <div class="content no-toc"><p class="notice error">{s.load_failed}" "{e}</p></div> }.into_any(),
                Some(Ok(index)) => index,
            };
            if !valid_slug(&slug.get()) || !known(&index, &slug.get()) {
                return view! { <NotFound/> }.into_any();
            }
            match chapter() {
                None => view! { <div class="content no-toc"><p class="loading">{s.loading}</p></div> }.into_any(),
                Some(Err(e)) => view! {
                    <div class="content no-toc"><div class="notice error" role="alert">
                        <p>{s.load_failed}" "{e}</p>
                        <button class="button" on:click=move |_| retry.update(|n| *n += 1)>{s.retry}</button>
                    </div></div>
                }.into_any(),
                Some(Ok(ch)) => view! { <ChapterView chapter=ch index=index/> }.into_any(),
            }
        }}
    }
}

#[component]
fn ChapterView(chapter: Arc<Chapter>, index: Arc<CourseIndex>) -> impl IntoView {
    let lang = chapter.lang;
    let s = lang.strings();
    let store = Store::get();
    set_title(&format!("{} · {}", chapter.title, s.site_title));
    let (prev, next) = neighbours(&index, &chapter.slug, lang);
    let order = index.chapters.iter().find(|c| c.slug == chapter.slug).map(|c| c.order);
    let (prev_href, next_href) = (
        prev.as_ref().map(|(slug, _)| href(&format!("/{}/{slug}", lang.code()))),
        next.as_ref().map(|(slug, _)| href(&format!("/{}/{slug}", lang.code()))),
    );


    // A chapter counts as read once its end has been on screen.
    if chapter.kind == Kind::Chapter {
        let slug = chapter.slug.clone();
        let check = move || {
            let Some(w) = web_sys::window() else { return };
            let Some(end) = w.document().and_then(|d| d.get_element_by_id("chapter-end")) else { return };
            let h = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            if end.get_bounding_client_rect().top() < h && !store.record.with_untracked(|r| r.read.contains(&slug)) {
                let slug = slug.clone();
                store.update(|r| {
                    r.read.insert(slug);
                });
            }
        };
        let c = check.clone();
        let handle = window_event_listener(leptos::ev::scroll, move |_| c());
        on_cleanup(move || handle.remove());
        request_animation_frame(check);
    }

    // After the first render: restore the place kept across a language switch or left by Back or
    // Forward, or honour #anchor.
    request_animation_frame(|| {
        place::release_anchor();
        if place::restore_scroll() || place::restore_popped() {
            return;
        }
        let Some(w) = web_sys::window() else { return };
        let hash = w.location().hash().unwrap_or_default();
        let id = js_sys::decode_uri_component(hash.trim_start_matches('#')).ok().and_then(|v| v.as_string()).unwrap_or_default();
        if !id.is_empty() {
            place::hold_anchor(id);
        }
    });

    let toc: Vec<_> = chapter.headings.iter().filter(|h| h.level == 2 || h.level == 3).cloned().collect();
    let has_toc = toc.len() >= 2;
    let toc_view = has_toc.then(|| {
        let items = toc
            .into_iter()
            .map(|h| {
                view! { <li class=format!("l{}", h.level)><a href=format!("#{}", h.id) inner_html=h.html.clone()></a></li> }
            })
            .collect_view();
        view! {
            <aside class="toc" aria-label=s.on_this_page>
                <div class="toc-inner"><h2>{s.on_this_page}</h2><ol>{items}</ol></div>
            </aside>
        }
    });
    let objectives = (!chapter.objectives.is_empty()).then(|| {
        let items = chapter.objectives.iter().map(|o| view! { <li inner_html=o.clone()></li> }).collect_view();
        view! { <section class="objectives"><h2>{s.what_you_will_learn}</h2><ul>{items}</ul></section> }
    });
    let meta = order.map(|o| {
        let label = match lang {
            Language::Zh => format!("第 {o} 章 · 约 {} {}", chapter.minutes, s.minutes),
            Language::En => format!("{} {o} · about {} {}", s.chapter_label, chapter.minutes, s.minutes),
        };
        view! { <p class="meta">{label}</p> }
    });
    let pager = (chapter.kind == Kind::Chapter).then(|| {
        view! {
            <nav class="pager" aria-label=s.previous_next>
                {prev.zip(prev_href).map(|((_, t), h)| view! { <a class="prev" href=h rel="prev"><small>"← "{s.previous}</small>{t}</a> })}
                {next.zip(next_href).map(|((_, t), h)| view! { <a class="next" href=h rel="next"><small>{s.next}" →"</small>{t}</a> })}
            </nav>
        }
    });
    view! {
        <div class="content" class:no-toc=!has_toc>
            <article class="chapter" lang=lang.code()>
                <h1>{chapter.title.clone()}</h1>
                {meta}
                {objectives}
                {body::render(&chapter)}
                <div id="chapter-end"></div>
                {pager}
            </article>
            {toc_view}
        </div>
    }
}
