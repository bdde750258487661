//! The chapter list beside every page, with a tick for chapters read; a drawer on narrow screens that
//! closes when a link is followed.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::app::{page_lang, CourseData};
use super::dom::href;
use crate::i18n::LanguageExt;
use crate::state::store::Store;

#[component]
pub fn Sidebar(open: RwSignal<bool>) -> impl IntoView {
    let lang = page_lang();
    let data = CourseData::get();
    let store = Store::get();
    let location = use_location();
    let list = move || {
        let l = lang.get();
        let current = location.pathname.get();
        data.index.get().and_then(|r| r.ok()).map(|index| {
            let chapters = index
                .chapters
                .iter()
                .map(|c| {
                    let link = href(&format!("/{}/{}", l.code(), c.slug));
                    let here = current.trim_end_matches('/') == link;
                    let read = store.record.with(|r| r.read.contains(&c.slug));
                    view! {
                        <li>
                            <a href=link.clone() aria-current=here.then_some("page")>
                                <span class="num">{c.order}</span>
                                <span>{c.title.get(l).clone()}</span>
                                {read.then(|| view! { <span class="tick" title=l.strings().read_mark>"✓"<span class="sr-only">{l.strings().read_mark}</span></span> })}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            let pages = index
                .pages
                .iter()
                .map(|p| {
                    let link = href(&format!("/{}/{}", l.code(), p.slug));
                    let here = current.trim_end_matches('/') == link;
                    view! { <li><a href=link aria-current=here.then_some("page")>{p.title.get(l).clone()}</a></li> }
                })
                .collect_view();
            view! {
                <h2>{l.strings().chapters}</h2>
                <ol>{chapters}</ol>
                <ul class="pages">{pages}</ul>
            }
        })
    };
    view! {
        <nav id="sidebar" class="sidebar" class:open=move || open.get() aria-label=move || lang.get().strings().chapters
            on:click=move |_| open.set(false)>
            <div class="sidebar-inner">{list}</div>
        </nav>
    }
}
