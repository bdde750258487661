//! Keeping the reader's place when the language changes: the scroll position as a fraction of the
//! page, remembered on the click and restored once the other language's text is rendered.

use std::cell::Cell;

thread_local! {
    static PENDING: Cell<Option<f64>> = const { Cell::new(None) };
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
