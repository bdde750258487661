//! The reading experience: the chapter page (body, table of contents, previous/next, keyboard), and
//! keeping the reader's place across a language switch.

pub mod body;
pub mod page;
pub mod place;
