//! Scaling Lab app crate: the UI. Science lives in crates/ with no web dependency; this crate only calls
//! it. Modules that are plain logic (formatting, strings, the scaling widgets' messages, stored schema,
//! URL state, the worker protocol) build natively too so `cargo test` covers them; everything touching
//! the DOM is wasm32-only.

pub mod compute;
pub mod course;
pub mod format;
pub mod i18n;
pub mod legend;
pub mod scaling_text;
pub mod sims_text;
pub mod state;
pub mod ticks;

#[cfg(target_arch = "wasm32")]
pub mod exercises;
#[cfg(target_arch = "wasm32")]
pub mod lessons;
#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod widgets;

/// Mount the app on `<body>`; a panic replaces the page with a visible error panel. In a compute worker
/// (the same module, instantiated by `assets/compute-worker.js`) there is no window and nothing to mount.
/// The worker's entry points are exported by the binaries (`src/main.rs`, `src/bin/scaling-widgets.rs`),
/// not here: an export of the library would pull every job's code into every module.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    shell::error_panel::install_panic_hook();
    leptos::mount::mount_to_body(shell::app::App);
}
