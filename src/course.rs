//! The compiled-course model shared with the lesson compiler (`lessons::model`), as the page reads it:
//! widget blocks stay untyped JSON ([`PageWidget`]) until the code that runs the widget parses them.
//!
//! Why: a typed `Widget` would make the page's wasm module carry the deserializers of every widget's
//! parameters (the image-op enums of chapter 6, the fit lab's settings …), though only chapter 2's
//! widgets run in it; the others are parsed inside their widget bundle (`widgets::bundle`).

use serde::{Deserialize, Serialize};

pub use ::lessons::model::*;

/// A widget block as the page holds it: the same JSON as [`Widget`] (`{"kind": …, "params": {…}}`),
/// with the parameters unparsed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageWidget {
    /// The kind name (`mean-estimation`, `fit-lab`, …; [`Widget::KINDS`]).
    pub kind: String,
    pub params: serde_json::Value,
}

impl PageWidget {
    /// The parameters as `P`. Errors: the compiled JSON does not match `P` (a build of the lessons
    /// that does not match the app).
    pub fn params<P: serde::de::DeserializeOwned>(&self) -> Result<P, String> {
        P::deserialize(&self.params).map_err(|e| format!("{} parameters: {e}", self.kind))
    }
}

/// A chapter or page as the page module reads it.
pub type Chapter = ::lessons::model::Chapter<PageWidget>;
pub type Segment = ::lessons::model::Segment<PageWidget>;
pub type WidgetSpec = ::lessons::model::WidgetSpec<PageWidget>;
pub type ExerciseSpec = ::lessons::model::ExerciseSpec<PageWidget>;
pub type Exercise = ::lessons::model::Exercise<PageWidget>;
/// A widget block with typed parameters, as a widget bundle reads it.
pub type TypedWidgetSpec = ::lessons::model::WidgetSpec<Widget>;
