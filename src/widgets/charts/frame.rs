//! The canvas every chart draws on: redrawn when its spec, the theme or the window size changes, and
//! at most once per animation frame (many requests within one frame draw once, with the latest state).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

type Job = Box<dyn FnOnce()>;

#[derive(Clone, Default)]
pub struct FrameScheduler {
    pending: Rc<RefCell<Option<Job>>>,
}

impl FrameScheduler {
    pub fn schedule(&self, job: impl FnOnce() + 'static) {
        let was_idle = self.pending.borrow_mut().replace(Box::new(job)).is_none();
        if was_idle {
            let pending = self.pending.clone();
            leptos::prelude::request_animation_frame(move || {
                let job = pending.borrow_mut().take();
                if let Some(job) = job {
                    job();
                }
            });
        }
    }
}

/// Draws a spec on a canvas sized in device pixels; `dark` picks the theme palette. Says where the
/// legend went (None: nothing to draw).
pub type DrawFn = fn(&web_sys::HtmlCanvasElement, &super::LogLogSpec, bool) -> Result<Option<super::loglog::LegendPlace>, String>;

/// A canvas bound to `spec` and drawn by `draw` (blank while `spec` is None). `label` is its
/// accessible name (`role="img"`).
#[leptos::component]
pub fn ChartCanvas(spec: Signal<Option<super::LogLogSpec>>, label: Signal<String>, draw: DrawFn) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let theme = crate::shell::theme::ThemeState::get();
    let scheduler = FrameScheduler::default();
    let redraw = move |spec: Option<super::LogLogSpec>, dark: bool| {
        let Some(el) = canvas.get_untracked() else { return };
        let el: web_sys::HtmlCanvasElement = el.unchecked_into();
        scheduler.schedule(move || match spec {
            // Nothing to show (no result yet, invalid settings, refused data, a result being
            // recomputed): a blank canvas, never the last picture posing as current. Setting the
            // width clears the canvas.
            None => {
                el.set_width(el.width());
                let _ = el.remove_attribute("data-legend");
            }
            Some(spec) => match draw(&el, &spec, dark) {
                // Where the legend went, for tests that check it covers no data: "inside" or "below",
                // then its rectangle (left top right bottom) in the canvas's device pixels.
                Ok(Some(place)) => {
                    let (kind, ((l, t), (r, b))) = match place {
                        super::loglog::LegendPlace::Inside(rect) => ("inside", rect),
                        super::loglog::LegendPlace::Below(rect) => ("below", rect),
                    };
                    let _ = el.set_attribute("data-legend", &format!("{kind} {l} {t} {r} {b}"));
                }
                Ok(None) => {
                    let _ = el.remove_attribute("data-legend");
                }
                Err(e) => web_sys::console::log_1(&format!("chart: {e}").into()),
            },
        });
    };
    // The theme read through a memo owned by this component: a window listener runs outside the
    // reactive owner, where the store's context (behind ThemeState::dark) cannot be looked up.
    let dark = Memo::new(move |_| theme.dark());
    let r = redraw.clone();
    Effect::new(move |_| {
        let _ = canvas.get();
        r(spec.get(), dark.get());
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| redraw(spec.get_untracked(), dark.get_untracked()));
    on_cleanup(move || handle.remove());
    view! {
        <div class="chart-box">
            <canvas node_ref=canvas role="img" aria-label=move || label.get()></canvas>
        </div>
    }
}
