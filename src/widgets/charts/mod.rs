//! Charts drawn with plotters on a canvas: crisp on HiDPI screens (the backing store is sized in device
//! pixels), redrawn at most once per animation frame, coloured by the theme, and always paired with a
//! text alternative by the widget that uses them.

pub mod frame;
pub mod loglog;
pub mod logx;

pub use loglog::{LogLogChart, LogLogSpec, Series, SeriesKind};
