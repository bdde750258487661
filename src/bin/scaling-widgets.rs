//! The scaling-law widgets of chapters 3–5 as a module of their own, fetched by the page only when a
//! chapter shows one (see `scaling_lab::widgets::remote`). Its exports are `widget_bundle!`'s, and
//! the compute worker's entry points: the fit lab's fits and bootstraps, and chapter 1's capacity sweep.

#[cfg(target_arch = "wasm32")]
scaling_lab::widget_bundle!(scaling_lab::widgets::render_scaling);

/// Called by `assets/compute-worker.js` after it instantiated this module in a worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_compute_worker() {
    scaling_lab::compute::worker::start::<scaling_lab::compute::protocol::Fits>();
}

/// The same for chapter 1's capacity sweep (`compute-worker.js?entry=start_capacity_worker`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_capacity_worker() {
    scaling_lab::compute::worker::start::<scaling_lab::compute::protocol::CapacitySweeps>();
}

fn main() {}
