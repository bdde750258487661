//! Inside a widget bundle (`src/bin/*-widgets.rs`): mounts a widget into the host element the page
//! gives it, under its own reactive owner, with a language signal the page drives and the theme read
//! from `<html data-theme>`; unmounts it when the page drops the widget. Each bundle is its own wasm
//! module, so the page's first load does not carry these widgets (see `widgets::remote`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;

use crate::course::{Language, TypedWidgetSpec};
use crate::i18n::LanguageExt;
use crate::shell::app::PageLang;
use crate::shell::theme::ThemeState;

/// Renders the widgets a bundle carries (`widgets::render_scaling`, `widgets::render_augment`).
pub type Render = fn(TypedWidgetSpec, Signal<bool>) -> AnyView;

struct Mounted {
    lang: RwSignal<Language>,
    locked: RwSignal<bool>,
    // Dropped in this order: the view (and its owner) first, then the owner of the two signals.
    _view: Box<dyn Any>,
    _owner: Owner,
}

thread_local! {
    static MOUNTED: RefCell<HashMap<u32, Mounted>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// Mount the widget described by `spec_json` (a `WidgetSpec`) into `host`; returns its handle.
/// Errors: unreadable spec or language code.
pub fn mount(render: Render, host: web_sys::HtmlElement, spec_json: &str, lang: &str, locked: bool) -> Result<u32, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(crate::shell::error_panel::install_panic_hook);
    let spec: TypedWidgetSpec = serde_json::from_str(spec_json).map_err(|e| format!("widget spec: {e}"))?;
    let lang = Language::from_code(lang).ok_or_else(|| format!("unknown language {lang:?}"))?;
    let owner = Owner::new();
    let (lang, locked, view) = owner.with(|| {
        let lang = RwSignal::new(lang);
        let locked = RwSignal::new(locked);
        let view = leptos::mount::mount_to(host, move || {
            provide_context(PageLang(Memo::new(move |_| lang.get())));
            ThemeState::provide_observed();
            render(spec, locked.into())
        });
        (lang, locked, Box::new(view) as Box<dyn Any>)
    });
    let handle = NEXT.with(|n| n.replace(n.get() + 1));
    MOUNTED.with(|m| m.borrow_mut().insert(handle, Mounted { lang, locked, _view: view, _owner: owner }));
    Ok(handle)
}

pub fn set_lang(handle: u32, lang: &str) {
    let Some(lang) = Language::from_code(lang) else { return };
    MOUNTED.with(|m| m.borrow().get(&handle).map(|w| w.lang.set(lang)));
}

pub fn set_locked(handle: u32, locked: bool) {
    MOUNTED.with(|m| m.borrow().get(&handle).map(|w| w.locked.set(locked)));
}

pub fn unmount(handle: u32) {
    // Taken out first: dropping runs cleanups, which must not find the map borrowed.
    let widget = MOUNTED.with(|m| m.borrow_mut().remove(&handle));
    drop(widget);
}

/// The exports a bundle's binary gives the page: `mount_widget`, `set_widget_lang`,
/// `set_widget_locked` and `unmount_widget`, rendering with `$render` (a [`Render`]).
#[macro_export]
macro_rules! widget_bundle {
    ($render:path) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn mount_widget(host: web_sys::HtmlElement, spec: &str, lang: &str, locked: bool) -> Result<u32, wasm_bindgen::JsValue> {
            $crate::widgets::bundle::mount($render, host, spec, lang, locked).map_err(|e| wasm_bindgen::JsValue::from_str(&e))
        }
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn set_widget_lang(handle: u32, lang: &str) {
            $crate::widgets::bundle::set_lang(handle, lang)
        }
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn set_widget_locked(handle: u32, locked: bool) {
            $crate::widgets::bundle::set_locked(handle, locked)
        }
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn unmount_widget(handle: u32) {
            $crate::widgets::bundle::unmount(handle)
        }
    };
}
