//! Synonym tables and stop words for synonym replacement (SR) and random insertion (RI).
//!
//! A [`SynonymTable`] maps a word to its synonyms, most relevant first, and carries the stop words
//! that SR must not replace. Two tables ship with the crate, as text embedded at compile time:
//!
//! - [`SynonymTable::wordnet_en`]: `data/wordnet-en/synonyms.tsv`, 8,844 head words derived from
//!   WordNet 3.1 (Princeton WordNet licence: `data/wordnet-en/LICENSE.txt` and
//!   `WordNet-3.1-license-header.txt`; provenance in `data/wordnet-en/PROVENANCE.md`), with EDA's
//!   128 stop words.
//! - [`SynonymTable::zh_course`]: `data/zh/synonyms.tsv`, a small table **written for Scaling Lab**
//!   (MIT OR Apache-2.0), because no Chinese synonym list with a clear permissive licence was found
//!   (see `data/zh/PROVENANCE.md`), with a short list of Chinese function words as stop words.
//!
//! eda.py asks WordNet at run time and drops the word itself from its synonyms; the shipped tables
//! already exclude the head word, and [`SynonymTable::get`] filters it again for user tables.

use std::collections::{HashMap, HashSet};

use crate::Error;

const WORDNET_EN_TSV: &str = include_str!("../data/wordnet-en/synonyms.tsv");
const ZH_COURSE_TSV: &str = include_str!("../data/zh/synonyms.tsv");

/// EDA's stop-word list, in `eda.py`'s order: the 127 NLTK English stop words plus `''`
/// (128 entries; augmentation.md §3 "Stop words are a hard-coded list of 128 entries").
pub const EDA_STOP_WORDS: [&str; 128] = [
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "s",
    "t",
    "can",
    "will",
    "just",
    "don",
    "should",
    "now",
    "",
];

/// Chinese function words that SR skips, written for the course (the Chinese EDA port uses a
/// much longer list; these are the particles, pronouns and connectives a learner will meet first).
pub const ZH_STOP_WORDS: &[&str] = &[
    "的", "了", "是", "在", "和", "也", "就", "都", "而", "及", "与", "着", "或", "把", "被", "让",
    "给", "从", "到", "对", "向", "很", "不", "没", "没有", "一个", "这", "那", "这个", "那个",
    "之", "吧", "吗", "呢", "啊", "呀", "我", "你", "您", "他", "她", "它", "我们", "你们", "他们",
    "她们", "它们", "自己", "但", "但是", "因为", "所以", "如果", "虽然", "还", "又", "得", "地",
];

/// Word → synonyms (most relevant first) plus the stop words SR skips.
#[derive(Debug, Clone, Default)]
pub struct SynonymTable {
    map: HashMap<String, Vec<String>>,
    stop_words: HashSet<String>,
}

impl SynonymTable {
    /// Parse `word<TAB>syn1,syn2,...` lines (the format of `data/*/synonyms.tsv`).
    ///
    /// Blank lines and lines starting with `#` are skipped. Synonyms keep their order (the first
    /// is what RI inserts, as eda.py inserts `synonyms[0]`); duplicates and the head word are
    /// dropped. A repeated head word appends to the earlier entry.
    ///
    /// # Errors
    /// [`Error::SynonymTable`] for a line without a tab, an empty word or synonym, or a word or
    /// synonym containing whitespace: tokens must stay single tokens, so that an SR output has
    /// as many tokens as its input (eda.py re-splits on spaces to cope with WordNet's multi-word
    /// lemmas; a whitespace-free table makes that re-split a no-op).
    pub fn parse_tsv(text: &str, stop_words: &[&str]) -> Result<Self, Error> {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| Error::SynonymTable {
                line: line_no,
                reason: reason.to_string(),
            };
            let (word, syns) = line.split_once('\t').ok_or_else(|| bad("no tab"))?;
            if word.is_empty() || word.chars().any(char::is_whitespace) {
                return Err(bad("empty word or word with whitespace"));
            }
            let entry = map.entry(word.to_string()).or_default();
            for s in syns.split(',') {
                if s.is_empty() || s.chars().any(char::is_whitespace) {
                    return Err(bad("empty synonym or synonym with whitespace"));
                }
                if s != word && !entry.iter().any(|e| e == s) {
                    entry.push(s.to_string());
                }
            }
        }
        Ok(Self {
            map,
            stop_words: stop_words.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// The shipped English table (WordNet 3.1 derived, 8,844 head words) with
    /// [`EDA_STOP_WORDS`]. Credit: "WordNet 3.1, Princeton University".
    pub fn wordnet_en() -> Self {
        // The embedded file is checked by the tests; a parse error here is a build defect.
        Self::parse_tsv(WORDNET_EN_TSV, &EDA_STOP_WORDS).unwrap_or_default()
    }

    /// The shipped Chinese table, written for Scaling Lab (MIT OR Apache-2.0), with
    /// [`ZH_STOP_WORDS`].
    pub fn zh_course() -> Self {
        Self::parse_tsv(ZH_COURSE_TSV, ZH_STOP_WORDS).unwrap_or_default()
    }

    /// Synonyms of `word`, most relevant first; empty if none. Never contains `word` itself.
    pub fn get(&self, word: &str) -> &[String] {
        self.map.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether SR must skip `word`.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(word)
    }

    /// Number of head words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True if the table has no head word.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every word of the table, head words and synonyms (used to teach the segmenter these words).
    pub fn vocabulary(&self) -> impl Iterator<Item = &str> {
        self.map
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.as_str()).chain(v.iter().map(String::as_str)))
    }
}
