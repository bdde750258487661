//! Keeping the reader's place: when the language changes, the scroll position as a fraction of the
//! page, remembered on the click and restored once the other language's text is rendered; on a link to
//! an #anchor, the anchor, scrolled to again as widget bundles arrive above it (or bring it), until the
//! reader scrolls on their own.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static PENDING: Cell<Option<f64>> = const { Cell::new(None) };
    static ANCHOR: RefCell<Option<String>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// Scroll to the element `id` now if it exists, and again whenever a widget bundle mounts, until the
/// reader scrolls, clicks or types (or another page replaces the anchor).
pub fn hold_anchor(id: String) {
    scroll_to_id(&id);
    ANCHOR.with(|a| *a.borrow_mut() = Some(id));
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    // Any sign of the reader's own navigation ends the hold; the listener stays for later anchors.
    let release = Closure::<dyn FnMut()>::new(release_anchor);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    for event in ["wheel", "touchstart", "keydown", "mousedown"] {
        let _ = w.add_event_listener_with_callback_and_add_event_listener_options(event, release.as_ref().unchecked_ref(), &options);
    }
    release.forget();
}

/// The page has no anchor to keep (a new page without one, or a restored place).
pub fn release_anchor() {
    ANCHOR.with(|a| *a.borrow_mut() = None);
}

/// A widget bundle has just mounted a widget: content above the anchor may have grown.
pub fn widget_mounted() {
    if let Some(id) = ANCHOR.with(|a| a.borrow().clone()) {
        scroll_to_id(&id);
    }
}

fn scroll_to_id(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

fn scroll_metrics() -> Option<(web_sys::Window, f64, f64)> {
    let w = web_sys::window()?;
    let doc = w.document()?.document_element()?;
    let inner = w.inner_height().ok()?.as_f64()?;
    let max = (doc.scroll_height() as f64 - inner).max(1.0);
    Some((w, max, inner))
}

pub fn remember_scroll() {
    if let Some((w, max, _)) = scroll_metrics() {
        let y = w.scroll_y().unwrap_or(0.0);
        PENDING.with(|p| p.set(Some((y / max).clamp(0.0, 1.0))));
    }
}

/// Restore a remembered place, if any (called after a chapter renders). Returns whether it did.
pub fn restore_scroll() -> bool {
    let Some(f) = PENDING.with(|p| p.take()) else { return false };
    if let Some((w, max, _)) = scroll_metrics() {
        w.scroll_to_with_x_and_y(0.0, f * max);
    }
    true
}
