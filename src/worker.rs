//! The compute Web Worker's entry point (see `scaling_lab::compute::worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    scaling_lab::compute::worker::start();
}
