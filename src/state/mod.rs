//! Where state lives: the stored record (settings and progress, versioned), widget state in the URL and
//! the address arithmetic around it, and (in the browser) the reactive store that keeps both in step
//! with the page.

pub mod address;
pub mod query;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod url;
