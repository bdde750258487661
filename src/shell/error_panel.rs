//! Last line of defence: a panic anywhere replaces the page with a panel saying what happened and what
//! to report. It is plain DOM (no Leptos), because after a panic the reactive runtime is not trusted.

use crate::i18n::{Language, LanguageExt};

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|c| Language::from_code(&c))
        .unwrap_or(Language::En);
    let s = lang.strings();
    let Some(body) = document.body() else { return };
    let escaped = super::dom::escape_html(message);
    let version = env!("CARGO_PKG_VERSION");
    body.set_inner_html(&format!(
        r#"<main class="error-panel" role="alert" id="error-panel"><h1>{}</h1><p>{}</p><pre>Scaling Lab {version}
{escaped}</pre><p><button class="button primary" onclick="location.reload()">{}</button></p></main>"#,
        s.error_title, s.error_body, s.reload
    ));
}
