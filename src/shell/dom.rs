//! Small helpers over web-sys used across the shell: the deployment base path, links under it, the
//! document title and language, and fetching the compiled lesson JSON.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The app's base path, always ending in `/` (from `<base href>`, which Trunk sets to the public URL):
/// `/` at the root, `/scaling-lab/` under a sub-path.
pub fn base_href() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_else(|| "/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

/// The router's base: the base path without its trailing slash (empty at the root).
pub fn router_base() -> String {
    base_href().trim_end_matches('/').to_string()
}

/// A link to an app path (`/en/power-laws`) under the base path.
pub fn href(path: &str) -> String {
    format!("{}{}", router_base(), path)
}

/// `text` made safe to place inside HTML as text (`&`, `<`, `>` escaped; for element content, not
/// attribute values).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

pub fn set_html_lang(code: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", code);
    }
}

/// Fetch and parse JSON relative to the base path (`lessons/index.json`).
pub async fn fetch_json<T: DeserializeOwned>(path: &str) -> Result<T, String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("{}{}", base_href(), path);
    let resp = JsFuture::from(window.fetch_with_str(&url)).await.map_err(|e| format!("network error: {e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {} for {url}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| format!("unreadable {url}: {e}"))
}

/// Whether keyboard focus is in a form control, or on an element that scrolls sideways (a wide
/// formula in the tab order): then ←/→ belong to it, not to page navigation.
pub fn focus_in_input() -> bool {
    let Some(active) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()) else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || active.get_attribute("contenteditable").is_some_and(|v| v != "false")
        || (!matches!(tag.as_str(), "body" | "html") && active.scroll_width() > active.client_width())
}

/// Offer `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Two kinds of links the router must not take, handled in the capture phase before it sees them:
///
/// - In-page links (`#section`, footnotes, citations) must stay on the page. With `<base href>` set
///   for sub-path hosting, the browser would resolve `#x` against the base (the course home) and the
///   router would navigate there; this handler scrolls to the target instead and records the hash.
/// - Links to files served beside the app (the About page's licence texts) would be routed as an
///   unknown page ("not found"): their click stops here, so the browser simply opens the file.
pub fn install_hash_link_handler() {
    use wasm_bindgen::prelude::*;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let handler = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if let Ok(Some(link)) = target.closest("a[href]:not([href^='#'])") {
            let link: web_sys::HtmlAnchorElement = link.unchecked_into();
            let same_origin = web_sys::window().and_then(|w| w.location().origin().ok()).is_some_and(|o| o == link.origin());
            if same_origin {
                if let Some(rest) = link.pathname().strip_prefix(&base_href()) {
                    if crate::state::address::is_file_path(rest) {
                        // Not prevented: the browser follows the link. Stopped: the router never sees it.
                        e.stop_propagation();
                    }
                }
            }
            return;
        }
        let Ok(Some(anchor)) = target.closest("a[href^='#']") else { return };
        let Some(raw) = anchor.get_attribute("href") else { return };
        let id = raw.trim_start_matches('#');
        let decoded = js_sys::decode_uri_component(id).ok().and_then(|v| v.as_string()).unwrap_or_else(|| id.to_string());
        e.prevent_default();
        e.stop_propagation();
        let Some(w) = web_sys::window() else { return };
        if let Some(el) = w.document().and_then(|d| d.get_element_by_id(&decoded)) {
            el.scroll_into_view();
            let loc = w.location();
            let url = format!("{}{}#{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default(), id);
            if let Ok(h) = w.history() {
                let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&url));
            }
            crate::state::url::notify_address();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        handler.as_ref().unchecked_ref(),
        &options,
    );
    handler.forget();
}

