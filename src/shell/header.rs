//! The top bar: home link, glossary and about, the language switch (same page, same place, other
//! language), the theme toggle, and the menu button that opens the sidebar on narrow screens.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::app::page_lang;
use super::dom::{href, router_base};
use crate::state::address::language_href;
use super::theme::ThemeState;
use crate::i18n::LanguageExt;
use crate::lessons::place;

#[component]
pub fn Header(sidebar_open: RwSignal<bool>) -> impl IntoView {
    let lang = page_lang();
    let s = move || lang.get().strings();
    let theme = ThemeState::get();
    let location = use_location();
    // The same page in the other language, with its widget state (query) and place (#anchor). The
    // router's location is right after its own navigations (the address bar catches up only later),
    // but widgets rewrite the query and in-page links push the hash behind its back: those quiet
    // changes are read from window.location when they happen, until the router navigates again.
    let quiet = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        location.hash.track();
        quiet.set(None);
    });
    Effect::new(move |first_run_done: Option<()>| {
        crate::state::url::track_address();
        if first_run_done.is_some() {
            let loc = web_sys::window().map(|w| w.location());
            let search = loc.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
            let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
            quiet.set(Some((search, hash)));
        }
    });
    let switch_href = move || {
        let (search, hash) = quiet.get().unwrap_or_else(|| (location.search.get(), location.hash.get()));
        language_href(&router_base(), &location.pathname.get(), &search, &hash, lang.get().other().code())
    };
    // A hash typed into the address bar (or a history step the router ignores) changes the place too.
    let on_hash = window_event_listener(leptos::ev::hashchange, |_| crate::state::url::notify_address());
    on_cleanup(move || on_hash.remove());
    view! {
        <header class="site-header">
            <button
                class="icon-button menu-button"
                aria-controls="sidebar"
                aria-expanded=move || sidebar_open.get().to_string()
                on:click=move |_| sidebar_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰"</span>
                <span class="sr-only">{move || s().menu}</span>
            </button>
            <a class="brand" href=move || href(&format!("/{}/", lang.get().code()))>{move || s().site_title}</a>
            <nav aria-label="Site">
                <a class="hide-narrow" href=move || href(&format!("/{}/glossary", lang.get().code()))>{move || s().glossary}</a>
                <a class="hide-narrow" href=move || href(&format!("/{}/about", lang.get().code()))>{move || s().about}</a>
                <a
                    class="icon-button lang-switch"
                    href=switch_href
                    hreflang=move || lang.get().other().code()
                    lang=move || lang.get().other().code()
                    title=move || s().switch_language
                    on:click=move |ev| {
                        let section = place::remember_scroll();
                        // The address carries the section being read, not an #anchor scrolled past.
                        if let Some(a) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(t).ok()) {
                            a.set_hash(&section.unwrap_or_default());
                        }
                    }
                >
                    {move || s().language_name}
                </a>
                <button
                    class="icon-button theme-toggle"
                    aria-label=move || if theme.dark() { s().theme_to_light } else { s().theme_to_dark }
                    title=move || if theme.dark() { s().theme_to_light } else { s().theme_to_dark }
                    on:click=move |_| theme.toggle()
                >
                    <span aria-hidden="true">{move || if theme.dark() { "☀" } else { "☾" }}</span>
                </button>
            </nav>
        </header>
    }
}

