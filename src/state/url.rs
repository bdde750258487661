//! Reading and writing the page's query string without a navigation, so widgets can keep their state in
//! the URL (shareable links) without re-rendering the page; and a signal for such quiet changes.

use leptos::prelude::{ArcTrigger, Notify, Track};

thread_local! {
    static ADDRESS_CHANGED: ArcTrigger = ArcTrigger::new();
}

/// Subscribe the running effect to changes of the address that the router does not see: a widget's
/// query rewritten with replaceState, an in-page `#anchor` pushed by the link handler. (The router's
/// own location memos only change on its navigations and on popstate.)
pub fn track_address() {
    ADDRESS_CHANGED.with(|t| t.track());
}

/// Tell the subscribers of [`track_address`] that `window.location` changed behind the router's back.
pub fn notify_address() {
    ADDRESS_CHANGED.with(|t| t.notify());
}

pub fn current_query() -> Vec<(String, String)> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    parse(&search)
}

/// Parse `?a=1&b=x%20y` into pairs (percent-decoded; `+` is a space).
pub fn parse(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    js_sys::decode_uri_component(&s).ok().and_then(|v| v.as_string()).unwrap_or(s)
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

/// Replace the query string in place (history.replaceState), keeping path and hash.
pub fn replace_query(pairs: &[(String, String)]) {
    let Some(window) = web_sys::window() else { return };
    let loc = window.location();
    let path = loc.pathname().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{}{hash}", query.join("&")) };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    notify_address();
}
