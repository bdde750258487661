//! On the page: a widget whose code lives in a separately loaded module, a *widget bundle* (the
//! scaling-law widgets of chapters 3–5, the augmentation playgrounds of chapters 6–8), so that the
//! first load carries only the shell and chapter 2's widgets. A bundle is fetched once, on the first
//! widget that needs it, and mounts the widget into a host element with its own reactive runtime
//! (see `widgets::bundle`); the page forwards the language and the predict-then-reveal lock to it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::course::WidgetSpec;
use crate::i18n::pick;
use crate::shell::app::page_lang;

/// The separately built widget modules (`src/bin/*-widgets.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    Scaling,
    Augment,
}

impl Bundle {
    /// The module's file stem in dist/ (`{stem}.js`, `{stem}_bg.wasm`).
    pub fn stem(self) -> &'static str {
        match self {
            Bundle::Scaling => "scaling-widgets",
            Bundle::Augment => "augment-widgets",
        }
    }
}

// The loader: one `import()` per module URL, shared by every widget of the page, and a failed import
// forgotten so that "try again" fetches anew. `import()` is syntax, not a function wasm can call, and
// an inline-JS snippet would be one more preloaded file (whose preload a reload aborts): so the loader
// is built once with the Function constructor.
const LOADER: &str = r#"
const modules = (globalThis.__scalingLabBundles ??= new Map());
let p = modules.get(js);
if (!p) {
  p = import(js).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
  p.catch(() => modules.delete(js));
  modules.set(js, p);
}
return p;
"#;

async fn load_widget_bundle(js: &str, wasm: &str) -> Result<JsValue, JsValue> {
    let loader = js_sys::Function::new_with_args("js, wasm", LOADER);
    let promise: js_sys::Promise = loader.call2(&JsValue::NULL, &js.into(), &wasm.into())?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await
}

#[wasm_bindgen]
extern "C" {
    /// A loaded bundle's exports (`widget_bundle!` in `widgets::bundle`).
    #[derive(Clone)]
    type BundleModule;
    #[wasm_bindgen(method, catch)]
    fn mount_widget(this: &BundleModule, host: &web_sys::HtmlElement, spec: &str, lang: &str, locked: bool) -> Result<u32, JsValue>;
    #[wasm_bindgen(method)]
    fn set_widget_lang(this: &BundleModule, handle: u32, lang: &str);
    #[wasm_bindgen(method)]
    fn set_widget_locked(this: &BundleModule, handle: u32, locked: bool);
    #[wasm_bindgen(method)]
    fn unmount_widget(this: &BundleModule, handle: u32);
}

async fn load(bundle: Bundle) -> Result<BundleModule, String> {
    let (js, wasm) = crate::compute::client::unhashed_module_urls(bundle.stem()).ok_or("no module URL")?;
    load_widget_bundle(&js, &wasm).await.map(JsCast::unchecked_into).map_err(js_text)
}

fn js_text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}

thread_local! {
    // "Try again" on one widget retries every widget of the page whose bundle failed: they share it.
    // Reference-counted, not arena-owned: the first widget's owner must not take it away with it.
    static RETRIES: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

fn retries() -> ArcRwSignal<u32> {
    RETRIES.with(|r| r.clone())
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// A widget rendered by `bundle`. While the module loads, a status line holds the place.
#[component]
pub fn RemoteWidget(spec: WidgetSpec, bundle: Bundle, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let host = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(Status::Loading);
    let retries = retries();
    // Plain shared cells, not arena values: the async load and the cleanup may outlive this owner.
    let mounted: Rc<RefCell<Option<(BundleModule, u32)>>> = Rc::default();
    let alive = Rc::new(Cell::new(true));
    let json = serde_json::to_string(&spec).unwrap_or_default();

    let (m, a) = (mounted.clone(), alive.clone());
    let r = retries.clone();
    Effect::new(move |_| {
        r.track();
        // A retry concerns the widgets still waiting or failed, not those already mounted.
        if status.get_untracked() == Status::Ready {
            return;
        }
        let Some(el) = host.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let (mounted, alive, json) = (m.clone(), a.clone(), json.clone());
        status.set(Status::Loading);
        leptos::task::spawn_local(async move {
            let module = load(bundle).await;
            if !alive.get() {
                return;
            }
            let (Some(code), Some(is_locked)) = (lang.try_get_untracked(), locked.try_get_untracked()) else { return };
            match module.and_then(|m| m.mount_widget(&el, &json, code.code(), is_locked).map(|h| (m, h)).map_err(js_text)) {
                Ok(pair) => {
                    *mounted.borrow_mut() = Some(pair);
                    status.set(Status::Ready);
                    // After this frame's layout, so the anchor's place includes the widget.
                    request_animation_frame(crate::lessons::place::widget_mounted);
                }
                Err(e) => status.set(Status::Failed(e)),
            }
        });
    });
    let m = mounted.clone();
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some((module, handle)) = m.borrow().as_ref() {
            module.set_widget_lang(*handle, code);
        }
    });
    let m = mounted.clone();
    Effect::new(move |_| {
        let is_locked = locked.get();
        if let Some((module, handle)) = m.borrow().as_ref() {
            module.set_widget_locked(*handle, is_locked);
        }
    });
    // The page is single-threaded; the wrapper only satisfies `on_cleanup`'s bounds.
    let both = send_wrapper::SendWrapper::new((alive, mounted));
    on_cleanup(move || {
        let (alive, mounted) = &*both;
        alive.set(false);
        if let Some((module, handle)) = mounted.borrow_mut().take() {
            module.unmount_widget(handle);
        }
    });

    view! {
        {move || match status.get() {
            Status::Ready => None,
            Status::Loading => Some(view! {
                <p class="widget-loading" role="status">{move || pick(lang.get(), "Loading the widget…", "正在加载组件……")}</p>
            }.into_any()),
            Status::Failed(e) => Some({
                let retries = retries.clone();
                view! {
                <div class="notice error" role="alert">
                    <p>{move || pick(lang.get(),
                        "This widget's code could not be loaded. Check the connection, then try again.",
                        "未能加载这个组件的代码。请检查网络连接后重试。")}</p>
                    <p class="muted"><code>{e.clone()}</code></p>
                    <button class="button" on:click=move |_| retries.update(|n| *n += 1)>
                        {move || pick(lang.get(), "Try again", "重试")}
                    </button>
                </div>
            }.into_any()
            }),
        }}
        <div class="remote-widget" class:loading=move || status.get() != Status::Ready node_ref=host></div>
    }
}
