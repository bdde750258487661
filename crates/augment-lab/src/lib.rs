//! The augmentation lab's science side, shared by three parties that must agree on it:
//!
//! - the lesson compiler and the app, which read widget parameters ([`params`]) from lesson blocks
//!   and URLs;
//! - the app's augmentation widgets, which send [`protocol::Request`]s to the augmentation worker;
//! - the worker (`crates/augment-worker`), a separate wasm module loaded only when an
//!   augmentation widget is on screen, which runs them with [`protocol::handle`].
//!
//! Nothing here touches the web: the runner is tested natively with `cargo test`.

pub mod catalog;
pub mod decode;
pub mod digits;
pub mod grid;
pub mod mixing;
pub mod params;
pub mod protocol;
pub mod run;
pub mod text;
