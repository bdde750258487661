//! Keeping the reader's place: when the language changes, the section being read (its heading's id,
//! the same in both languages) and how far into it, remembered on the click and restored once the
//! other language's text is rendered (the page fraction when no heading is above); on a link to
//! an #anchor, the anchor, scrolled to again as widget bundles arrive above it (or bring it), until the
//! reader scrolls on their own; on Back and Forward, where the reader was on that page
//! ([`install_history_places`]).

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The last scroll position on each address (path and query), for Back and Forward.
    static VISITED: RefCell<std::collections::HashMap<String, f64>> = RefCell::new(std::collections::HashMap::new());
    /// Back or Forward was pressed and the page it leads to has not restored its place yet.
    static POPPED: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Option<Place>> = const { RefCell::new(None) };
    static ANCHOR: RefCell<Option<String>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn address(w: &web_sys::Window) -> String {
    let l = w.location();
    format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
}

/// Keep the scroll position of every address the reader visits, so that Back and Forward return to it
/// once the chapter has rendered ([`restore_popped`]); the browser's own restoration runs before the
/// chapter's text has arrived and lands at the top. Call once.
pub fn install_history_places() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(history) = w.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = Closure::<dyn FnMut()>::new(|| {
        // While a popped page loads, its height changes and the browser clamps the scroll position:
        // that is not the reader's place.
        if POPPED.get() {
            return;
        }
        if let Some(w) = web_sys::window() {
            let y = w.scroll_y().unwrap_or(0.0);
            VISITED.with(|v| v.borrow_mut().insert(address(&w), y));
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    let _ = w.add_event_listener_with_callback_and_add_event_listener_options("scroll", on_scroll.as_ref().unchecked_ref(), &options);
    on_scroll.forget();
    let on_pop = Closure::<dyn FnMut()>::new(|| POPPED.set(true));
    let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
}

/// After a page rendered: if Back or Forward led to it, scroll to where the reader was on it.
/// Returns whether it did.
pub fn restore_popped() -> bool {
    if !POPPED.replace(false) {
        return false;
    }
    let Some(w) = web_sys::window() else { return false };
    match VISITED.with(|v| v.borrow().get(&address(&w)).copied()) {
        Some(y) => {
            w.scroll_to_with_x_and_y(0.0, y);
            true
        }
        None => false,
    }
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

/// Where the reader is: in the section under heading `id`, `f` of the way to the next heading; or,
/// above the first heading, `f` of the page.
enum Place {
    Section { id: String, f: f64 },
    Page(f64),
}

/// The chapter's headings with an id, and the top of each in page coordinates.
fn headings(w: &web_sys::Window) -> Vec<(String, f64)> {
    let y = w.scroll_y().unwrap_or(0.0);
    let Some(list) = w.document().and_then(|d| d.query_selector_all("article.chapter :is(h2, h3, h4)[id]").ok()) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| (e.id(), e.get_bounding_client_rect().top() + y))
        .collect()
}

/// How far below the top of the window a heading counts as the one being read: where the browser puts
/// a heading it scrolls to (`scroll-padding-top`, below the sticky header), and a little more.
fn reading_line(w: &web_sys::Window) -> f64 {
    let padding = w
        .document()
        .and_then(|d| d.document_element())
        .and_then(|e| w.get_computed_style(&e).ok().flatten())
        .and_then(|style| style.get_property_value("scroll-padding-top").ok())
        .and_then(|v| crate::format::parse_f64(v.trim_end_matches("px")))
        .unwrap_or(0.0);
    padding + 8.0
}

/// Remember the reader's place before the language changes (see [`restore_scroll`]); returns the id
/// of the section's heading (None above the first heading), which the switch puts in the address.
pub fn remember_scroll() -> Option<String> {
    let (w, max, _) = scroll_metrics()?;
    let y = w.scroll_y().unwrap_or(0.0);
    let top = y + reading_line(&w);
    let hs = headings(&w);
    let (place, section) = match hs.iter().rposition(|(_, hy)| *hy <= top) {
        Some(i) => {
            let end = hs.get(i + 1).map_or(max + w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0), |(_, y)| *y);
            let (id, start) = hs[i].clone();
            (Place::Section { id: id.clone(), f: ((top - start) / (end - start).max(1.0)).clamp(0.0, 1.0) }, Some(id))
        }
        None => (Place::Page((y / max).clamp(0.0, 1.0)), None),
    };
    PENDING.with(|p| *p.borrow_mut() = Some(place));
    section
}

/// Restore a remembered place, if any (called after a chapter renders). Returns whether it did.
pub fn restore_scroll() -> bool {
    let Some(place) = PENDING.with(|p| p.borrow_mut().take()) else { return false };
    let Some((w, max, inner)) = scroll_metrics() else { return true };
    let target = match place {
        Place::Section { id, f } => {
            let hs = headings(&w);
            match hs.iter().position(|(h, _)| *h == id) {
                Some(i) => {
                    let start = hs[i].1;
                    let end = hs.get(i + 1).map_or(max + inner, |(_, y)| *y);
                    start + f * (end - start) - reading_line(&w)
                }
                None => return false,
            }
        }
        Place::Page(f) => f * max,
    };
    w.scroll_to_with_x_and_y(0.0, target.max(0.0));
    true
}
