//! Character-level noise: keyboard-neighbour typos, OCR confusions and random character edits
//! (insert, delete, substitute, swap), the character augmenters of the nlpaug family, seeded.
//!
//! Unicode safety: text is cut into extended grapheme clusters (UAX #29, `unicode-segmentation`)
//! and every edit moves, drops or adds whole clusters, so an emoji with skin tone or a ZWJ family,
//! a flag, or a letter with combining marks is never split into an invalid or different sequence.
//! Whitespace clusters are never edited, so word boundaries stay where they were.
//!
//! One pass, left to right. At each non-whitespace cluster the operations are tried in a fixed
//! order (OCR, keyboard, substitute, delete, swap, insert), each firing with its probability when
//! it applies; the first that fires is the only edit at that cluster. For small probabilities each
//! operation's rate is therefore close to its `p`.

use rand::Rng;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::{check_probability, rng_from_seed, Error};

/// QWERTY neighbours of each lowercase letter: keys touching it on a standard staggered
/// keyboard (same row left/right, and the two touching keys in the rows above and below).
pub const QWERTY_NEIGHBOURS: [(char, &str); 26] = [
    ('q', "wa"),
    ('w', "qeas"),
    ('e', "wrsd"),
    ('r', "etdf"),
    ('t', "ryfg"),
    ('y', "tugh"),
    ('u', "yihj"),
    ('i', "uojk"),
    ('o', "ipkl"),
    ('p', "ol"),
    ('a', "qwsz"),
    ('s', "weadzx"),
    ('d', "ersfxc"),
    ('f', "rtdgcv"),
    ('g', "tyfhvb"),
    ('h', "yugjbn"),
    ('j', "uihknm"),
    ('k', "iojlm"),
    ('l', "opk"),
    ('z', "asx"),
    ('x', "sdzc"),
    ('c', "dfxv"),
    ('v', "fgcb"),
    ('b', "ghvn"),
    ('n', "hjbm"),
    ('m', "jkn"),
];

/// OCR confusions: `(seen, read as one of)`. Sources of the pairs: shapes that OCR engines and
/// the nlpaug OCR augmenter's table commonly confuse (Latin: `rn`↔`m`, `cl`↔`d`, `vv`↔`w`,
/// `0`↔`O`, `1`↔`l`↔`I`, `5`↔`S`, `8`↔`B`, `2`↔`Z`, `6`↔`b`, `9`↔`g`; Chinese: look-alike
/// characters 己/已/巳, 未/末, 人/入, 土/士, 日/曰, 天/夫). Multi-character patterns come first
/// because the longest match wins.
pub const OCR_CONFUSIONS: &[(&str, &[&str])] = &[
    ("rn", &["m"]),
    ("cl", &["d"]),
    ("vv", &["w"]),
    ("m", &["rn"]),
    ("d", &["cl"]),
    ("w", &["vv"]),
    ("0", &["O", "o"]),
    ("O", &["0"]),
    ("o", &["0"]),
    ("1", &["l", "I"]),
    ("l", &["1", "I"]),
    ("I", &["1", "l"]),
    ("5", &["S"]),
    ("S", &["5"]),
    ("8", &["B"]),
    ("B", &["8"]),
    ("2", &["Z"]),
    ("Z", &["2"]),
    ("6", &["b"]),
    ("b", &["6"]),
    ("9", &["g"]),
    ("g", &["9"]),
    ("己", &["已", "巳"]),
    ("已", &["己", "巳"]),
    ("巳", &["己", "已"]),
    ("未", &["末"]),
    ("末", &["未"]),
    ("人", &["入"]),
    ("入", &["人"]),
    ("土", &["士"]),
    ("士", &["土"]),
    ("日", &["曰"]),
    ("曰", &["日"]),
    ("天", &["夫"]),
    ("夫", &["天"]),
];

/// Probability of each operation per grapheme cluster, all in [0, 1]. `Default` is all zero
/// (no noise).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CharNoiseConfig {
    /// Replace an ASCII letter with a QWERTY neighbour (case kept).
    pub p_keyboard: f64,
    /// Replace an [`OCR_CONFUSIONS`] pattern starting here with a confusion.
    pub p_ocr: f64,
    /// Insert a random character after this one (same class: letter, digit, or another cluster
    /// of the text).
    pub p_insert: f64,
    /// Delete this cluster.
    pub p_delete: f64,
    /// Replace with a random character of the same class.
    pub p_substitute: f64,
    /// Swap with the next cluster (if that is not whitespace).
    pub p_swap: f64,
}

impl CharNoiseConfig {
    /// Whether any operation can fire (some probability above 0).
    pub fn is_on(&self) -> bool {
        [self.p_keyboard, self.p_ocr, self.p_insert, self.p_delete, self.p_substitute, self.p_swap]
            .iter()
            .any(|&p| p > 0.0)
    }

    /// # Errors
    /// [`Error::InvalidParameter`] if any probability is not in [0, 1].
    pub fn validate(&self) -> Result<(), Error> {
        check_probability("p_keyboard", self.p_keyboard)?;
        check_probability("p_ocr", self.p_ocr)?;
        check_probability("p_insert", self.p_insert)?;
        check_probability("p_delete", self.p_delete)?;
        check_probability("p_substitute", self.p_substitute)?;
        check_probability("p_swap", self.p_swap)
    }
}

/// The kind of a character edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CharEditKind {
    Keyboard,
    Ocr,
    Insert,
    Delete,
    Substitute,
    Swap,
}

/// One character edit. `start` and `len` count grapheme clusters of the **output** text (the part
/// to highlight; `len` is 0 for a deletion, which sits before output cluster `start`). `before` is
/// the input text replaced (empty for an insertion), `after` the output text (empty for a deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharEdit {
    pub kind: CharEditKind,
    pub start: usize,
    pub len: usize,
    pub before: String,
    pub after: String,
}

/// Noisy text and the edits that made it, in output order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoisyText {
    pub text: String,
    pub edits: Vec<CharEdit>,
}

/// QWERTY neighbours of an ASCII letter (either case, returned lowercase); `None` otherwise.
pub fn qwerty_neighbours(c: char) -> Option<&'static str> {
    let lc = c.to_ascii_lowercase();
    QWERTY_NEIGHBOURS
        .iter()
        .find(|(k, _)| *k == lc)
        .map(|(_, n)| *n)
}

fn single_char(g: &str) -> Option<char> {
    let mut it = g.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

fn match_case(c: char, like: char) -> char {
    if like.is_ascii_uppercase() {
        c.to_ascii_uppercase()
    } else {
        c
    }
}

/// A random cluster of the same class as `g`: a letter for an ASCII letter (case kept), a digit
/// for an ASCII digit, otherwise another non-whitespace cluster of the text (`None` if the text
/// has no other one).
fn random_like<R: Rng + ?Sized>(
    g: &str,
    pool: &[&str],
    rng: &mut R,
    differ: bool,
) -> Option<String> {
    if let Some(c) = single_char(g) {
        if c.is_ascii_alphabetic() {
            loop {
                let r = (b'a' + rng.random_range(0..26u8)) as char;
                let r = match_case(r, c);
                if !differ || r != c {
                    return Some(r.to_string());
                }
            }
        }
        if c.is_ascii_digit() {
            loop {
                let r = (b'0' + rng.random_range(0..10u8)) as char;
                if !differ || r != c {
                    return Some(r.to_string());
                }
            }
        }
    }
    let others: Vec<&&str> = pool.iter().filter(|p| !differ || **p != g).collect();
    if others.is_empty() {
        None
    } else {
        Some(others[rng.random_range(0..others.len())].to_string())
    }
}

/// Add character noise to `text` with a ChaCha8 RNG seeded by `seed`; see [`char_noise_with_rng`].
///
/// # Errors
/// As [`CharNoiseConfig::validate`].
pub fn char_noise(text: &str, config: &CharNoiseConfig, seed: u64) -> Result<NoisyText, Error> {
    char_noise_with_rng(text, config, &mut rng_from_seed(seed))
}

/// Add character noise to `text` (module docs give the order of operations). Empty input gives
/// empty output; whitespace-only input is returned unchanged.
///
/// # Errors
/// As [`CharNoiseConfig::validate`].
pub fn char_noise_with_rng<R: Rng + ?Sized>(
    text: &str,
    config: &CharNoiseConfig,
    rng: &mut R,
) -> Result<NoisyText, Error> {
    config.validate()?;
    let gs: Vec<&str> = text.graphemes(true).collect();
    let pool: Vec<&str> = gs.iter().copied().filter(|g| !is_space(g)).collect();
    let mut out: Vec<String> = Vec::with_capacity(gs.len());
    let mut edits = Vec::new();
    let mut i = 0;
    while i < gs.len() {
        let g = gs[i];
        if is_space(g) {
            out.push(g.to_string());
            i += 1;
            continue;
        }
        // OCR: longest pattern (table order) that starts at cluster i.
        if config.p_ocr > 0.0 {
            let hit = OCR_CONFUSIONS.iter().find_map(|(from, to)| {
                let k = from.graphemes(true).count();
                (i + k <= gs.len() && gs[i..i + k].concat() == *from).then_some((k, *from, *to))
            });
            if let Some((k, from, to)) = hit {
                if rng.random::<f64>() < config.p_ocr {
                    let after = to[rng.random_range(0..to.len())];
                    let start = out.len();
                    out.extend(after.graphemes(true).map(str::to_string));
                    edits.push(CharEdit {
                        kind: CharEditKind::Ocr,
                        start,
                        len: out.len() - start,
                        before: from.to_string(),
                        after: after.to_string(),
                    });
                    i += k;
                    continue;
                }
            }
        }
        if config.p_keyboard > 0.0 {
            if let Some((c, nb)) = single_char(g).and_then(|c| qwerty_neighbours(c).map(|n| (c, n)))
            {
                if rng.random::<f64>() < config.p_keyboard {
                    let nbs: Vec<char> = nb.chars().collect();
                    let r = match_case(nbs[rng.random_range(0..nbs.len())], c).to_string();
                    edits.push(CharEdit {
                        kind: CharEditKind::Keyboard,
                        start: out.len(),
                        len: 1,
                        before: g.to_string(),
                        after: r.clone(),
                    });
                    out.push(r);
                    i += 1;
                    continue;
                }
            }
        }
        if config.p_substitute > 0.0 && rng.random::<f64>() < config.p_substitute {
            if let Some(r) = random_like(g, &pool, rng, true) {
                edits.push(CharEdit {
                    kind: CharEditKind::Substitute,
                    start: out.len(),
                    len: 1,
                    before: g.to_string(),
                    after: r.clone(),
                });
                out.push(r);
                i += 1;
                continue;
            }
        }
        if config.p_delete > 0.0 && rng.random::<f64>() < config.p_delete {
            edits.push(CharEdit {
                kind: CharEditKind::Delete,
                start: out.len(),
                len: 0,
                before: g.to_string(),
                after: String::new(),
            });
            i += 1;
            continue;
        }
        // Swapping equal clusters would be an edit that changes nothing.
        if config.p_swap > 0.0
            && i + 1 < gs.len()
            && !is_space(gs[i + 1])
            && gs[i + 1] != g
            && rng.random::<f64>() < config.p_swap
        {
            let next = gs[i + 1];
            edits.push(CharEdit {
                kind: CharEditKind::Swap,
                start: out.len(),
                len: 2,
                before: format!("{g}{next}"),
                after: format!("{next}{g}"),
            });
            out.push(next.to_string());
            out.push(g.to_string());
            i += 2;
            continue;
        }
        out.push(g.to_string());
        if config.p_insert > 0.0 && rng.random::<f64>() < config.p_insert {
            if let Some(r) = random_like(g, &pool, rng, false) {
                edits.push(CharEdit {
                    kind: CharEditKind::Insert,
                    start: out.len(),
                    len: 1,
                    before: String::new(),
                    after: r.clone(),
                });
                out.push(r);
            }
        }
        i += 1;
    }
    Ok(NoisyText {
        text: out.concat(),
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_on_when_any_probability_is_above_zero() {
        assert!(!CharNoiseConfig::default().is_on());
        let each: [fn(&mut CharNoiseConfig); 6] = [
            |c| c.p_keyboard = 0.01,
            |c| c.p_ocr = 0.01,
            |c| c.p_insert = 0.01,
            |c| c.p_delete = 0.01,
            |c| c.p_substitute = 0.01,
            |c| c.p_swap = 0.01,
        ];
        for set in each {
            let mut c = CharNoiseConfig::default();
            set(&mut c);
            assert!(c.is_on(), "{c:?}");
        }
    }
}
