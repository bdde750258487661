//! The top bar: home link, glossary and about, the language switch (same page, same place, other
//! language), the theme toggle, and the menu button that opens the sidebar on narrow screens.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::app::page_lang;
use super::dom::{href, router_base};
use super::theme::ThemeState;
use crate::i18n::LanguageExt;
use crate::lessons::place;

#[component]
pub fn Header(sidebar_open: RwSignal<bool>) -> impl IntoView {
    let lang = page_lang();
    let s = move || lang.get().strings();
    let theme = ThemeState::get();
    let location = use_location();
    // The same path in the other language, keeping the query (widget state).
    let switch_href = move || {
        let other = lang.get().other();
        let path = location.pathname.get();
        let rest = path.strip_prefix(&router_base()).unwrap_or(&path).to_string();
        let mut parts: Vec<&str> = rest.trim_start_matches('/').splitn(2, '/').collect();
        if parts.is_empty() || parts[0].is_empty() {
            parts = vec![other.code()];
        } else {
            parts[0] = other.code();
        }
        let mut target = href(&format!("/{}", parts.join("/")));
        if parts.len() == 1 {
            target.push('/');
        }
        let search = location.search.get();
        if !search.is_empty() {
            target.push('?');
            target.push_str(search.trim_start_matches('?'));
        }
        target
    };
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
                    on:click=move |_| place::remember_scroll()
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
