//! Heavy computation off the main thread: the message protocol (native-testable), the worker's entry
//! point and the page-side client.

pub mod protocol;

#[cfg(target_arch = "wasm32")]
pub mod augment;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod worker;
