//! Light and dark themes: follow `prefers-color-scheme` until the reader picks one, then remember it.
//! `Theme::dark()` is the effective theme, which charts read to pick their colours.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::schema::Theme;
use crate::state::store::Store;

#[derive(Clone, Copy)]
pub struct ThemeState {
    system_dark: RwSignal<bool>,
    /// The reader's explicit choice, if any: the store's on the page, `<html data-theme>` in a widget
    /// bundle (which has no store of its own; see `widgets::remote`).
    explicit: Signal<Option<Theme>>,
}

/// `prefers-color-scheme: dark`, followed. Reference-counted: a widget bundle shares one between all
/// its widgets, so the listener is added once per module, not once per mounted widget.
fn system_dark_signal() -> ArcRwSignal<bool> {
    let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let system_dark = ArcRwSignal::new(query.as_ref().map(|q| q.matches()).unwrap_or(false));
    if let Some(q) = query {
        let set = system_dark.clone();
        let cb = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| set.set(e.matches()));
        let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        cb.forget();
    }
    system_dark
}

/// The page's `<html data-theme>` as a widget bundle sees it, followed with a MutationObserver.
fn observed_choice() -> ArcRwSignal<Option<Theme>> {
    let read = || match html_element().and_then(|el| el.get_attribute("data-theme")).as_deref() {
        Some("dark") => Some(Theme::Dark),
        Some("light") => Some(Theme::Light),
        _ => None,
    };
    let explicit = ArcRwSignal::new(read());
    let set = explicit.clone();
    let cb = Closure::<dyn FnMut()>::new(move || set.set(read()));
    if let (Some(el), Ok(observer)) = (html_element(), web_sys::MutationObserver::new(cb.as_ref().unchecked_ref())) {
        let init = web_sys::MutationObserverInit::new();
        init.set_attributes(true);
        init.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        let _ = observer.observe_with_options(&el, &init);
    }
    cb.forget();
    explicit
}

thread_local! {
    // In a widget bundle: one system listener and one observer for all its widgets.
    static OBSERVED: (ArcRwSignal<bool>, ArcRwSignal<Option<Theme>>) = (system_dark_signal(), observed_choice());
}

fn html_element() -> Option<web_sys::Element> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
}

impl ThemeState {
    /// The page's theme: the stored choice, written to `<html data-theme>` for the CSS (and for widget
    /// bundles, which read it back).
    pub fn provide() -> ThemeState {
        let store = Store::get();
        let explicit = Signal::derive(move || store.record.with(|r| r.theme));
        Effect::new(move |_| {
            if let Some(el) = html_element() {
                match explicit.get() {
                    Some(Theme::Dark) => _ = el.set_attribute("data-theme", "dark"),
                    Some(Theme::Light) => _ = el.set_attribute("data-theme", "light"),
                    None => _ = el.remove_attribute("data-theme"),
                }
            }
        });
        let state = ThemeState { system_dark: system_dark_signal().into(), explicit };
        provide_context(state);
        state
    }

    /// The theme as a separately loaded widget module sees it: the page's `<html data-theme>`,
    /// followed with a MutationObserver, so charts there switch with the page's toggle.
    pub fn provide_observed() -> ThemeState {
        let (system, explicit) = OBSERVED.with(|(s, e)| (s.clone(), e.clone()));
        let state = ThemeState { system_dark: system.into(), explicit: RwSignal::from(explicit).into() };
        provide_context(state);
        state
    }

    pub fn get() -> ThemeState {
        expect_context::<ThemeState>()
    }

    /// The effective theme: the reader's choice, else the system's.
    pub fn dark(&self) -> bool {
        match self.explicit.get() {
            Some(t) => t == Theme::Dark,
            None => self.system_dark.get(),
        }
    }

    pub fn dark_untracked(&self) -> bool {
        match self.explicit.get_untracked() {
            Some(t) => t == Theme::Dark,
            None => self.system_dark.get_untracked(),
        }
    }

    pub fn toggle(&self) {
        let next = if self.dark() { Theme::Light } else { Theme::Dark };
        Store::get().update(|r| r.theme = Some(next));
    }
}
