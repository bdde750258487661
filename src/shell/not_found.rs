//! The in-app "not found" page for unknown paths, languages and slugs.

use leptos::prelude::*;

use super::app::page_lang;
use super::dom::{href, set_title};
use crate::i18n::LanguageExt;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = page_lang();
    Effect::new(move |_| set_title(&format!("{} · {}", lang.get().strings().not_found_title, lang.get().strings().site_title)));
    view! {
        <div class="content no-toc">
            <article class="not-found">
                <h1>{move || lang.get().strings().not_found_title}</h1>
                <p>{move || lang.get().strings().not_found_body}</p>
                <p><a class="button primary" href=move || href(&format!("/{}/", lang.get().code()))>{move || lang.get().strings().back_home}</a></p>
            </article>
        </div>
    }
}
