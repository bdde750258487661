//! Lessons: the typed model of compiled course content, shared by the lesson compiler and the app.
//!
//! - [`model`] (always compiled, also into the wasm app; depends only on serde and `sims`): the JSON
//!   shapes written by the compiler (`index.json`, `{lang}/{slug}.json`), the typed widget and
//!   exercise blocks, and the grading helpers the app calls ([`model::Tolerance::accepts`],
//!   [`model::Exercise::grade_choice`], [`model::AnswerFn::eval`], [`model::fill_placeholders`]).
//! - `compiler` (feature `compiler`, build-time only): Markdown + typed blocks → [`model`] values,
//!   with LaTeX → MathML, syntax highlighting, citations and cross-language checks. The
//!   `compile-lessons` binary drives it. See docs/ARCHITECTURE.md, "Content pipeline".

pub mod model;

#[cfg(feature = "compiler")]
pub mod compiler;

pub use model::*;
