//! The root component: stores and contexts, the router under the deployment base path, and the routes
//! (`/` → preferred language, `/{lang}/` home, `/{lang}/{slug}` chapters and pages, anything else →
//! not found).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::NavigateOptions;
use leptos_router::path;

use super::dom::{fetch_json, router_base, set_html_lang};
use super::header::Header;
use super::home::Home;
use super::not_found::NotFound;
use super::sidebar::Sidebar;
use super::theme::ThemeState;
use crate::course::CourseIndex;
use crate::i18n::{Language, LanguageExt};
use crate::lessons::page::ChapterPage;
use crate::state::store::{StorageStatus, Store};

/// The course index, loaded once per visit.
#[derive(Clone, Copy)]
pub struct CourseData {
    pub index: LocalResource<Result<Arc<CourseIndex>, String>>,
}

impl CourseData {
    pub fn get() -> CourseData {
        expect_context::<CourseData>()
    }
}

/// The language of the page being shown (from the `/{lang}/` path segment).
#[derive(Clone, Copy)]
pub struct PageLang(pub Memo<Language>);

pub fn page_lang() -> Memo<Language> {
    expect_context::<PageLang>().0
}

/// The language a visitor without a language in the path gets: their last choice, else the browser's.
pub fn preferred_language() -> Language {
    if let Some(l) = Store::get().record.with_untracked(|r| r.lang) {
        return l;
    }
    let langs: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Language::from_browser_languages(langs.iter().map(String::as_str))
}

/// The language of an address the routes do not know: its first segment when that is a language
/// (`/zh/power-laws/extra` is a Chinese page not found), else the reader's preferred language.
fn address_language() -> Signal<Language> {
    let location = leptos_router::hooks::use_location();
    let base = router_base();
    Signal::derive(move || {
        let path = location.pathname.get();
        let rest = path.strip_prefix(base.as_str()).unwrap_or(&path);
        rest.trim_start_matches('/').split('/').next().and_then(Language::from_code).unwrap_or_else(preferred_language)
    })
}

#[component]
pub fn App() -> impl IntoView {
    Store::provide();
    ThemeState::provide();
    super::dom::install_hash_link_handler();
    crate::lessons::place::install_history_places();
    let index = LocalResource::new(|| async { fetch_json::<CourseIndex>("lessons/index.json").await.map(Arc::new) });
    provide_context(CourseData { index });

    view! {
        <Router base=router_base()>
            <Routes fallback=|| view! { <Frame lang=address_language()><NotFound/></Frame> }>
                <Route path=path!("/") view=RootRedirect/>
                <ParentRoute path=path!("/:lang") view=LangLayout>
                    <Route path=path!("") view=Home/>
                    <Route path=path!(":slug") view=ChapterPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn RootRedirect() -> impl IntoView {
    let lang = preferred_language();
    // `href` already carries the base path, so the router must not prepend it again; replace, so that
    // Back does not land on the redirect.
    let options = NavigateOptions { resolve: false, replace: true, ..Default::default() };
    view! { <Redirect path=super::href(&format!("/{}/", lang.code())) options=options/> }
}

/// Validates the language segment and frames its pages; an unknown language is a not-found page.
#[component]
fn LangLayout() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("lang").unwrap_or_default()));
    let valid = Memo::new(move |_| Language::from_code(&code.get()));
    let lang = Memo::new(move |_| valid.get().unwrap_or_else(preferred_language));
    provide_context(PageLang(lang));
    let store = Store::get();
    Effect::new(move |_| {
        if let Some(l) = valid.get() {
            if store.record.with_untracked(|r| r.lang) != Some(l) {
                store.update(|r| r.lang = Some(l));
            }
        }
    });
    view! {
        <Show when=move || !code.get().is_empty() fallback=|| view! { <RootRedirect/> }>
            <Frame lang=lang.into()>
                <Show when=move || valid.get().is_some() fallback=|| view! { <NotFound/> }>
                    <Outlet/>
                </Show>
            </Frame>
        </Show>
    }
}

/// Header, sidebar and the storage notice around a page.
#[component]
pub fn Frame(lang: Signal<Language>, children: Children) -> impl IntoView {
    if use_context::<PageLang>().is_none() {
        provide_context(PageLang(Memo::new(move |_| lang.get())));
    }
    Effect::new(move |_| set_html_lang(lang.get().code()));
    let sidebar_open = RwSignal::new(false);
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && sidebar_open.get_untracked() {
            sidebar_open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let store = Store::get();
    let notice = move || {
        let s = lang.get().strings();
        match store.status.get() {
            StorageStatus::Ok => None,
            StorageStatus::Unavailable => Some(view! { <div class="notice" role="status">{s.storage_unavailable}</div> }.into_any()),
            StorageStatus::Recovered { key, reason } => Some(
                view! { <div class="notice" role="status">{s.storage_recovered}" "<code>{key}</code>" ("{reason}")"</div> }.into_any(),
            ),
        }
    };
    view! {
        <a class="skip-link" href="#main">{move || lang.get().strings().skip_to_content}</a>
        <Header sidebar_open=sidebar_open/>
        <div class="layout">
            <Sidebar open=sidebar_open/>
            // On narrow screens the open drawer dims the page; a tap outside closes it.
            <div class="drawer-backdrop" class:open=move || sidebar_open.get() aria-hidden="true" on:click=move |_| sidebar_open.set(false)></div>
            <main id="main" tabindex="-1">
                {notice}
                {children()}
            </main>
        </div>
    }
}
