//! The scaling-law widgets of chapters 3–5 as a module of their own, fetched by the page only when a
//! chapter shows one (see `scaling_lab::widgets::remote`). Its exports are `widget_bundle!`'s, and
//! the compute worker's entry point for the fit lab's fits and bootstraps.

#[cfg(target_arch = "wasm32")]
scaling_lab::widget_bundle!(scaling_lab::widgets::render_scaling);

/// Called by `assets/compute-worker.js` after it instantiated this module in a worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_compute_worker() {
    scaling_lab::compute::worker::start::<scaling_lab::compute::protocol::Fits>();
}

fn main() {}
