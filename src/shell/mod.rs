//! The frame around every page: router and routes, header, sidebar, theme, language, the error panel,
//! and the small DOM helpers they share.

pub mod app;
pub mod dom;
pub mod error_panel;
pub mod header;
pub mod home;
pub mod not_found;
pub mod sidebar;
pub mod theme;

pub use dom::{base_href, href};
