//! The page's entry point: only mounts the app (see `scaling_lab::start`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    scaling_lab::start();
}
