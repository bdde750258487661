//! The page's entry point: mounts the app (see `scaling_lab::start`) and, in a compute worker started
//! with this module, runs chapter 2's simulations (fits run in the scaling-widgets module).

fn main() {
    #[cfg(target_arch = "wasm32")]
    scaling_lab::start();
}

/// Called by `assets/compute-worker.js` after it instantiated this module in a worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_compute_worker() {
    scaling_lab::compute::worker::start::<scaling_lab::compute::protocol::Simulations>();
}
