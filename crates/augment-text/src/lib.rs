//! Text augmentation for Scaling Lab's augmentation chapter.
//!
//! What lives here, and the source each part follows:
//!
//! - [`tokenize`]: EDA's English cleaning ([`tokenize::get_only_chars`], exactly as
//!   `jasonwei20/eda_nlp` `code/eda.py` does it) and Chinese word segmentation with jieba-rs.
//! - [`synonyms`]: synonym tables plus the stop words that synonym replacement skips: WordNet 3.1
//!   for English (Princeton licence, shipped beside the data) and a small Chinese table written
//!   for the course.
//! - [`eda`]: the four EDA operations (Wei & Zou 2019, EMNLP, arXiv 1901.11196) with
//!   `n = max(1, int(α·len))` and the `num_aug` split, shuffle and trimming of `eda.py`. Every
//!   output reports its [`eda::Edit`]s so the UI can highlight changed words.
//! - [`char_noise`]: keyboard-neighbour typos, OCR confusions and random character edits, on
//!   grapheme clusters so that emoji and combining marks are never split.
//! - [`back_translation`]: prepared example pairs written for the course (no model runs).
//!
//! Everything random takes a `u64` seed or a caller's `ChaCha8Rng`: outputs are deterministic, and
//! nothing touches the OS RNG, threads or the filesystem, so the crate builds for
//! `wasm32-unknown-unknown`. The design follows `shared/reference/augmentation.md` §3.

pub mod back_translation;
pub mod char_noise;
pub mod eda;
pub mod synonyms;
pub mod tokenize;

pub use char_noise::{char_noise, CharEdit, CharEditKind, CharNoiseConfig, NoisyText};
pub use eda::{
    eda, eda_with, random_deletion, random_insertion, random_swap, synonym_replacement, Augmented,
    EdaConfig, EdaOp, Edit, EditKind, OpOutput,
};
pub use synonyms::SynonymTable;
pub use tokenize::{get_only_chars, ChineseTokenizer, EnglishTokenizer, Tokenizer};

/// Errors of this crate: bad data tables, bad configuration values, bad dictionaries.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// A synonym-table line could not be parsed (1-based line number and the reason).
    #[error("synonym table line {line}: {reason}")]
    SynonymTable { line: usize, reason: String },
    /// A probability or rate was outside its range, or not finite.
    #[error("parameter {name} = {value} is invalid: {reason}")]
    InvalidParameter {
        name: &'static str,
        value: f64,
        reason: &'static str,
    },
    /// jieba-rs refused the segmentation dictionary (message from jieba-rs).
    #[error("segmentation dictionary: {0}")]
    Dictionary(String),
}

/// The RNG used everywhere in this crate: ChaCha8 seeded from a `u64`, identical on every platform.
pub type Rng = rand_chacha::ChaCha8Rng;

/// Build the crate's RNG from a seed (`ChaCha8Rng::seed_from_u64`).
pub fn rng_from_seed(seed: u64) -> Rng {
    use rand::SeedableRng;
    rand_chacha::ChaCha8Rng::seed_from_u64(seed)
}

/// Check that `value` is a probability in [0, 1].
pub(crate) fn check_probability(name: &'static str, value: f64) -> Result<(), Error> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            value,
            reason: "must be a finite probability in [0, 1]",
        })
    }
}
