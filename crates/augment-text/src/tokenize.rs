//! Cleaning and tokenisation before word-level augmentation, for English and Chinese.
//!
//! English follows EDA exactly: [`get_only_chars`] reimplements `get_only_chars` of
//! `jasonwei20/eda_nlp` `code/eda.py` (augmentation.md §3 "Preprocess"), and words are the
//! non-empty pieces of a split on `' '`.
//!
//! Chinese has no spaces between words, so EDA's word operations need a segmenter first; the
//! Chinese EDA port cuts with jieba, and so does [`ChineseTokenizer`] (jieba-rs 0.11, MIT).
//!
//! Dictionary choice (the app loads this crate in wasm): jieba-rs's `default-dict` feature embeds
//! its 5.07 MB `dict.txt` (349,045 entries) zstd-compressed through `include-flate`, which pulls in
//! the C library zstd-sys; that does not even build for `wasm32-unknown-unknown` without clang,
//! and would add about 1.6 MB of compressed data plus the decoder. So this crate turns it off
//! and offers two dictionaries instead:
//!
//! - [`ChineseTokenizer::small`] (feature `zh-small-dict`, on by default): the 20,000 most frequent
//!   entries of jieba's `dict.txt` (228 KB, 112 KB gzipped), `data/zh/jieba-small.txt`, with
//!   jieba's HMM (always compiled into jieba-rs) for words outside it.
//! - [`ChineseTokenizer::from_dict`]: any jieba-format dictionary, e.g. the full `dict.txt`
//!   fetched by the app at run time.
//!
//! Measured wasm32 size (release, `opt-level = "z"`, LTO, one exported function that cuts a
//! string; jieba-rs 0.11.0, rustc 1.95): without jieba 0.8 KB; jieba-rs with `Jieba::empty()`
//! (code + HMM tables) 561 KB (201 KB gzipped); plus the embedded small dictionary 803 KB (321 KB
//! gzipped), so the small dictionary adds 242 KB. `default-dict` fails to build for wasm32 here
//! (zstd-sys needs clang); its zstd-compressed `dict.txt` alone is 1.63 MB at level 19.

use std::io::BufRead;

use crate::synonyms::SynonymTable;
use crate::Error;

/// A language's cleaning, word splitting and re-joining, as EDA needs them.
pub trait Tokenizer {
    /// Normalise raw text (case, punctuation, whitespace) into the form augmentation works on.
    fn clean(&self, text: &str) -> String;
    /// Words of `text` after [`Tokenizer::clean`]; never contains an empty or whitespace token.
    fn tokenize(&self, text: &str) -> Vec<String>;
    /// Put words back into a sentence (spaces for English, none between Chinese words).
    fn join(&self, words: &[String]) -> String;
}

/// EDA's `get_only_chars`, reproduced exactly (augmentation.md §3, `eda.py`):
///
/// 1. drop `'` and `’`;
/// 2. turn `-`, tab and newline into spaces;
/// 3. lowercase (full Unicode lowercasing, as Python's `str.lower`);
/// 4. replace every character outside `[a-z ]` with a space;
/// 5. collapse runs of spaces and strip **one leading** space. A trailing space is kept, as in
///    eda.py: `"Hello, world!"` gives `"hello world "`.
///
/// Empty input gives `""` (eda.py would raise `IndexError` on `clean_line[0]`).
pub fn get_only_chars(line: &str) -> String {
    let replaced: String = line
        .chars()
        .filter(|&c| c != '\'' && c != '\u{2019}')
        .map(|c| {
            if c == '-' || c == '\t' || c == '\n' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let lower = replaced.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = if c.is_ascii_lowercase() || c == ' ' {
            c
        } else {
            ' '
        };
        // Collapsing while writing equals eda.py's re.sub(' +', ' ', ...).
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    if out.starts_with(' ') {
        out.remove(0);
    }
    out
}

/// EDA's English tokeniser: [`get_only_chars`], then the non-empty pieces of a split on `' '`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnglishTokenizer;

impl Tokenizer for EnglishTokenizer {
    fn clean(&self, text: &str) -> String {
        get_only_chars(text)
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        get_only_chars(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn join(&self, words: &[String]) -> String {
        words.join(" ")
    }
}

#[cfg(feature = "zh-small-dict")]
const JIEBA_SMALL_DICT: &str = include_str!("../data/zh/jieba-small.txt");

/// Chinese tokeniser: light cleaning, then jieba-rs segmentation (`cut` with HMM on).
///
/// Cleaning keeps letters and digits of every script (`char::is_alphanumeric`, so CJK ideographs
/// stay), lowercases them, and turns everything else (punctuation, symbols, emoji, whitespace)
/// into word breaks, mirroring what `get_only_chars` does for English. Latin words inside Chinese
/// text stay whole tokens ("我用python写代码" → …, "python", …).
#[derive(Debug)]
pub struct ChineseTokenizer {
    jieba: jieba_rs::Jieba,
}

impl ChineseTokenizer {
    /// Segmenter with the embedded small dictionary (top 20,000 entries of jieba's `dict.txt`).
    /// Each call parses the 20,000 entries again: build one and keep it.
    #[cfg(feature = "zh-small-dict")]
    pub fn small() -> Self {
        let mut reader = std::io::Cursor::new(JIEBA_SMALL_DICT);
        // The embedded file is in jieba's own format and checked by the tests.
        let jieba =
            jieba_rs::Jieba::with_dict(&mut reader).unwrap_or_else(|_| jieba_rs::Jieba::empty());
        Self { jieba }
    }

    /// Segmenter from a jieba-format dictionary (`word [freq [tag]]` per line), e.g. the full
    /// `dict.txt` fetched at run time.
    ///
    /// # Errors
    /// [`Error::Dictionary`] if a frequency is not an integer or reading fails.
    pub fn from_dict<R: BufRead>(dict: &mut R) -> Result<Self, Error> {
        let jieba =
            jieba_rs::Jieba::with_dict(dict).map_err(|e| Error::Dictionary(e.to_string()))?;
        Ok(Self { jieba })
    }

    /// Teach the segmenter every word of a synonym table that it does not know yet, so that SR
    /// and RI see those words as single tokens. The frequency is jieba's `suggest_freq`, the
    /// smallest that keeps the word whole.
    pub fn with_words_of(mut self, table: &SynonymTable) -> Self {
        let mut words: Vec<&str> = table.vocabulary().collect();
        // HashMap order is random per process; sorting keeps segmentation reproducible.
        words.sort_unstable();
        words.dedup();
        for w in words {
            if !self.jieba.has_word(w) {
                self.jieba.add_word(w, None, None);
            }
        }
        self
    }

    /// Whether the dictionary holds `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

fn is_ascii_alnum_end(s: &str, at_end: bool) -> bool {
    let c = if at_end {
        s.chars().next_back()
    } else {
        s.chars().next()
    };
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

impl ChineseTokenizer {
    /// Cleaning with a space at every removed run, so that jieba never joins words across
    /// punctuation (jieba splits at non-Han characters).
    fn clean_with_breaks(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }
}

impl Tokenizer for ChineseTokenizer {
    /// Display form: the breaks of the cleaning are kept as a space only between two Latin/digit
    /// characters ("hello, world" → "hello world"), dropped between Chinese ones ("你好，世界" →
    /// "你好世界"), the same spacing [`Tokenizer::join`] produces.
    fn clean(&self, text: &str) -> String {
        let broken = Self::clean_with_breaks(text);
        let cs: Vec<char> = broken.chars().collect();
        let mut out = String::with_capacity(broken.len());
        for (i, &c) in cs.iter().enumerate() {
            if c == ' ' {
                let (l, r) = (cs[i - 1], cs[i + 1]);
                if !(l.is_ascii_alphanumeric() && r.is_ascii_alphanumeric()) {
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        let cleaned = Self::clean_with_breaks(text);
        self.jieba
            .cut(&cleaned, true)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| !w.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    fn join(&self, words: &[String]) -> String {
        let mut out = String::new();
        for (i, w) in words.iter().enumerate() {
            // A space only where two Latin/digit runs would otherwise fuse into one word.
            if i > 0 && is_ascii_alnum_end(&words[i - 1], true) && is_ascii_alnum_end(w, false) {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }
}
