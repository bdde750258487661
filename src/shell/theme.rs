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
}

impl ThemeState {
    pub fn provide() -> ThemeState {
        let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        let system_dark = RwSignal::new(query.as_ref().map(|q| q.matches()).unwrap_or(false));
        if let Some(q) = query {
            let cb = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
                system_dark.set(e.matches())
            });
            let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
            cb.forget();
        }
        let state = ThemeState { system_dark };
        let store = Store::get();
        Effect::new(move |_| {
            let explicit = store.record.with(|r| r.theme);
            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                match explicit {
                    Some(Theme::Dark) => _ = el.set_attribute("data-theme", "dark"),
                    Some(Theme::Light) => _ = el.set_attribute("data-theme", "light"),
                    None => _ = el.remove_attribute("data-theme"),
                }
            }
        });
        provide_context(state);
        state
    }

    pub fn get() -> ThemeState {
        expect_context::<ThemeState>()
    }

    /// The effective theme: the reader's choice, else the system's.
    pub fn dark(&self) -> bool {
        match Store::get().record.with(|r| r.theme) {
            Some(t) => t == Theme::Dark,
            None => self.system_dark.get(),
        }
    }

    pub fn dark_untracked(&self) -> bool {
        match Store::get().record.with_untracked(|r| r.theme) {
            Some(t) => t == Theme::Dark,
            None => self.system_dark.get_untracked(),
        }
    }

    pub fn toggle(&self) {
        let next = if self.dark() { Theme::Light } else { Theme::Dark };
        Store::get().update(|r| r.theme = Some(next));
    }
}
