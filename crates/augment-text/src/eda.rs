//! EDA: Easy Data Augmentation (Wei & Zou, EMNLP 2019, D19-1670, arXiv 1901.11196), as implemented
//! in `jasonwei20/eda_nlp` `code/eda.py` and described in `shared/reference/augmentation.md` §3.
//! That repo has no licence, so this is a reimplementation from the description, not a port.
//!
//! The four operations take a word list and an RNG and return an [`OpOutput`]: the new words plus
//! the [`Edit`]s that produced them, so the UI can highlight changed words. [`eda`] (English) and
//! [`eda_with`] (any [`Tokenizer`]) run the whole recipe: `n = max(1, int(α·len))` per operation,
//! `int(num_aug/4)+1` sentences per operation, clean, shuffle, trim to `num_aug` (or keep each with
//! probability `num_aug/len` when `num_aug < 1`), then append the original sentence.
//!
//! Randomness: eda.py uses Python's global Mersenne Twister; this crate draws from a seeded
//! ChaCha8, in the same order of calls, so the *distribution* of outputs matches eda.py and a seed
//! reproduces the same outputs on every platform (not Python's exact sentences).
//!
//! Where eda.py would crash (empty input: `randint(0, -1)` or `clean_line[0]`), these functions
//! return the input unchanged instead.

use rand::seq::SliceRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::synonyms::SynonymTable;
use crate::tokenize::{EnglishTokenizer, Tokenizer};
use crate::{check_probability, rng_from_seed, Error};

/// Which EDA operation produced an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EdaOp {
    /// SR: replace up to n non-stop words (all their occurrences) with a random synonym.
    SynonymReplacement,
    /// RI: n times, insert the first synonym of a random word at a random position (never last).
    RandomInsertion,
    /// RS: n times, swap two random positions.
    RandomSwap,
    /// RD: delete each word with probability p, keeping at least one word.
    RandomDeletion,
}

/// How one token changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditKind {
    /// The word at an output position differs from the input word there (SR).
    Replace,
    /// The output word at `index` was inserted (RI).
    Insert,
    /// The word at an output position came from another position (RS).
    Swap,
    /// The input word at `index` was removed (RD).
    Delete,
}

/// One changed token. `index` is a position in the **output** words for `Replace`, `Insert` and
/// `Swap` (the word to highlight), and in the **input** words for `Delete` (the word to show
/// struck through). `before` is the input word (`None` for `Insert`), `after` the output word
/// (`None` for `Delete`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub kind: EditKind,
    pub index: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The result of one operation: output words and the edits from the input words, in index order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpOutput {
    pub words: Vec<String>,
    pub edits: Vec<Edit>,
}

/// One sentence returned by [`eda`]: `op` is `None` for the original sentence (always last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Augmented {
    pub op: Option<EdaOp>,
    /// The sentence after the tokenizer's cleaning (eda.py's `get_only_chars` for English).
    pub text: String,
    /// The words the edits index into.
    pub words: Vec<String>,
    pub edits: Vec<Edit>,
}

/// EDA's parameters, named as in `eda.py`'s `eda(sentence, alpha_sr, alpha_ri, alpha_rs, p_rd,
/// num_aug)`. `Default` is eda.py's default: all four 0.1 and `num_aug = 9`.
///
/// An α or `p_rd` of 0 switches that operation off (eda.py's `if alpha_sr > 0`). `num_aug` may be
/// fractional below 1 (the repo's ablations use 0.125…): each pooled sentence is then kept with
/// probability `num_aug / pool size`; at or above 1 it is truncated to an integer count.
/// Paper Table 3 suggests α = 0.05, n_aug = 16 for 500 training sentences and α = 0.1, n_aug = 4
/// for 5,000 or more (augmentation.md §3, marked "verify before publishing").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EdaConfig {
    pub alpha_sr: f64,
    pub alpha_ri: f64,
    pub alpha_rs: f64,
    pub p_rd: f64,
    pub num_aug: f64,
}

impl Default for EdaConfig {
    fn default() -> Self {
        Self {
            alpha_sr: 0.1,
            alpha_ri: 0.1,
            alpha_rs: 0.1,
            p_rd: 0.1,
            num_aug: 9.0,
        }
    }
}

impl EdaConfig {
    /// Words to change for SR, RI and RS: `max(1, int(alpha·num_words))` (eda.py; `int` truncates,
    /// so 0.29·100 = 28.999999999999996 gives 28, as in Python).
    pub fn n_changes(alpha: f64, num_words: usize) -> usize {
        let x = alpha * num_words as f64;
        // `as usize` truncates toward zero like Python's int() and saturates NaN/negatives to 0.
        (x as usize).max(1)
    }

    /// Sentences generated per enabled operation before trimming: `int(num_aug/4) + 1` (eda.py).
    pub fn num_new_per_technique(&self) -> usize {
        (self.num_aug / 4.0) as usize + 1
    }

    /// # Errors
    /// [`Error::InvalidParameter`] if an α or `num_aug` is negative or not finite, or `p_rd` is not
    /// in [0, 1].
    pub fn validate(&self) -> Result<(), Error> {
        for (name, v) in [
            ("alpha_sr", self.alpha_sr),
            ("alpha_ri", self.alpha_ri),
            ("alpha_rs", self.alpha_rs),
            ("num_aug", self.num_aug),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::InvalidParameter {
                    name,
                    value: v,
                    reason: "must be finite and >= 0",
                });
            }
        }
        check_probability("p_rd", self.p_rd)
    }
}

/// Output positions whose word differs from the input word there (same-length outputs only).
fn diff_edits(input: &[String], output: &[String], kind: EditKind) -> Vec<Edit> {
    input
        .iter()
        .zip(output)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| Edit {
            kind,
            index: i,
            before: Some(a.clone()),
            after: Some(b.clone()),
        })
        .collect()
}

/// SR (eda.py `synonym_replacement`): shuffle the distinct non-stop words (first-occurrence
/// order before the shuffle, where eda.py's `list(set(...))` order is arbitrary); for each, if it
/// has synonyms, replace **all** its occurrences with a uniformly chosen synonym; stop once `n`
/// words were replaced (checked after each candidate, as eda.py does).
///
/// Edits: one `Replace` per output position whose word changed.
pub fn synonym_replacement<R: Rng + ?Sized>(
    words: &[String],
    n: usize,
    syn: &SynonymTable,
    rng: &mut R,
) -> OpOutput {
    let mut new_words = words.to_vec();
    let mut candidates: Vec<&String> = Vec::new();
    for w in words {
        if !syn.is_stop_word(w) && !candidates.contains(&w) {
            candidates.push(w);
        }
    }
    candidates.shuffle(rng);
    let mut num_replaced = 0;
    for cand in candidates {
        let synonyms = syn.get(cand);
        if !synonyms.is_empty() {
            let s = &synonyms[rng.random_range(0..synonyms.len())];
            for w in new_words.iter_mut() {
                if w == cand {
                    w.clone_from(s);
                }
            }
            num_replaced += 1;
        }
        if num_replaced >= n {
            break;
        }
    }
    let edits = diff_edits(words, &new_words, EditKind::Replace);
    OpOutput {
        words: new_words,
        edits,
    }
}

/// RI (eda.py `random_insertion`/`add_word`), `n` times: draw a random word of the current
/// sentence (stop words included, inserted words included) until one has synonyms, at most 10
/// draws (as in eda.py, where the counter check follows the draw, a hit on the 10th draw is also
/// given up); insert its **first** synonym at `randint(0, len−1)` inclusive, so never at the end.
///
/// Edits: one `Insert` per inserted output position.
pub fn random_insertion<R: Rng + ?Sized>(
    words: &[String],
    n: usize,
    syn: &SynonymTable,
    rng: &mut R,
) -> OpOutput {
    // (word, Some(input index)) for original words, (word, None) for inserted ones.
    let mut new_words: Vec<(String, Option<usize>)> = words
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, w)| (w, Some(i)))
        .collect();
    if !new_words.is_empty() {
        for _ in 0..n {
            let mut counter = 0;
            let first_synonym = loop {
                let pick = &new_words[rng.random_range(0..new_words.len())].0;
                let synonyms = syn.get(pick);
                counter += 1;
                if counter >= 10 {
                    break None;
                }
                if let Some(s) = synonyms.first() {
                    break Some(s.clone());
                }
            };
            if let Some(s) = first_synonym {
                let idx = rng.random_range(0..new_words.len());
                new_words.insert(idx, (s, None));
            }
        }
    }
    let edits = new_words
        .iter()
        .enumerate()
        .filter(|(_, (_, origin))| origin.is_none())
        .map(|(i, (w, _))| Edit {
            kind: EditKind::Insert,
            index: i,
            before: None,
            after: Some(w.clone()),
        })
        .collect();
    OpOutput {
        words: new_words.into_iter().map(|(w, _)| w).collect(),
        edits,
    }
}

/// RS (eda.py `random_swap`/`swap_word`), `n` times: draw a first index, then draw the second
/// until it differs; eda.py gives up on a swap once its counter passes 3 (so after 4 draws, the
/// last of which is also discarded). A one-word sentence is therefore unchanged.
///
/// Edits: one `Swap` per output position whose word changed (swapping equal words changes nothing).
pub fn random_swap<R: Rng + ?Sized>(words: &[String], n: usize, rng: &mut R) -> OpOutput {
    let mut new_words = words.to_vec();
    if !new_words.is_empty() {
        let len = new_words.len();
        for _ in 0..n {
            let i = rng.random_range(0..len);
            let mut j = i;
            let mut counter = 0;
            let mut gave_up = false;
            while j == i {
                j = rng.random_range(0..len);
                counter += 1;
                if counter > 3 {
                    gave_up = true;
                    break;
                }
            }
            if !gave_up {
                new_words.swap(i, j);
            }
        }
    }
    let edits = diff_edits(words, &new_words, EditKind::Swap);
    OpOutput {
        words: new_words,
        edits,
    }
}

/// RD (eda.py `random_deletion`): a one-word sentence is returned unchanged (no draw); otherwise
/// each word is kept if `U(0,1) > p`; if every word was deleted, one uniformly drawn input word is
/// returned, so the output is never empty for a non-empty input. `p` outside [0, 1] acts like the
/// nearest bound; [`eda`] rejects it.
///
/// Edits: one `Delete` per removed input position (`index` into `words`).
pub fn random_deletion<R: Rng + ?Sized>(words: &[String], p: f64, rng: &mut R) -> OpOutput {
    if words.len() <= 1 {
        return OpOutput {
            words: words.to_vec(),
            edits: Vec::new(),
        };
    }
    let mut keep: Vec<bool> = words.iter().map(|_| rng.random::<f64>() > p).collect();
    if !keep.iter().any(|&k| k) {
        keep[rng.random_range(0..words.len())] = true;
    }
    let mut out = Vec::new();
    let mut edits = Vec::new();
    for (i, (w, k)) in words.iter().zip(&keep).enumerate() {
        if *k {
            out.push(w.clone());
        } else {
            edits.push(Edit {
                kind: EditKind::Delete,
                index: i,
                before: Some(w.clone()),
                after: None,
            });
        }
    }
    OpOutput { words: out, edits }
}

/// EDA on an English sentence with eda.py's cleaning ([`EnglishTokenizer`]); see [`eda_with`].
///
/// # Errors
/// As [`EdaConfig::validate`].
pub fn eda(
    sentence: &str,
    config: &EdaConfig,
    syn: &SynonymTable,
    seed: u64,
) -> Result<Vec<Augmented>, Error> {
    eda_with(&EnglishTokenizer, sentence, config, syn, seed)
}

/// EDA (eda.py `eda`) with any tokenizer, seeded.
///
/// Steps, in eda.py's order of random draws: clean and tokenize; for SR, RI, RS (each if its α > 0)
/// generate `int(num_aug/4)+1` sentences with `n = max(1, int(α·len))`, then the same count of RD
/// sentences (if `p_rd > 0`); clean each joined sentence again; shuffle the pool; keep the first
/// `num_aug` (or, for `num_aug < 1`, each with probability `num_aug / pool size`); append the
/// cleaned original (`op: None`) last.
///
/// Returns at most `floor(num_aug) + 1` sentences. Empty input (nothing left after cleaning) gives
/// only the original, where eda.py would raise.
///
/// # Errors
/// As [`EdaConfig::validate`].
pub fn eda_with<T: Tokenizer + ?Sized>(
    tokenizer: &T,
    sentence: &str,
    config: &EdaConfig,
    syn: &SynonymTable,
    seed: u64,
) -> Result<Vec<Augmented>, Error> {
    config.validate()?;
    let cleaned = tokenizer.clean(sentence);
    let words = tokenizer.tokenize(sentence);
    let original = Augmented {
        op: None,
        text: cleaned,
        words: words.clone(),
        edits: Vec::new(),
    };
    if words.is_empty() {
        return Ok(vec![original]);
    }
    let mut rng = rng_from_seed(seed);
    let per = config.num_new_per_technique();
    let num_words = words.len();
    let mut pool: Vec<Augmented> = Vec::new();
    let mut push = |op: EdaOp, out: OpOutput| {
        pool.push(Augmented {
            op: Some(op),
            text: tokenizer.clean(&tokenizer.join(&out.words)),
            words: out.words,
            edits: out.edits,
        })
    };
    if config.alpha_sr > 0.0 {
        let n = EdaConfig::n_changes(config.alpha_sr, num_words);
        for _ in 0..per {
            push(
                EdaOp::SynonymReplacement,
                synonym_replacement(&words, n, syn, &mut rng),
            );
        }
    }
    if config.alpha_ri > 0.0 {
        let n = EdaConfig::n_changes(config.alpha_ri, num_words);
        for _ in 0..per {
            push(
                EdaOp::RandomInsertion,
                random_insertion(&words, n, syn, &mut rng),
            );
        }
    }
    if config.alpha_rs > 0.0 {
        let n = EdaConfig::n_changes(config.alpha_rs, num_words);
        for _ in 0..per {
            push(EdaOp::RandomSwap, random_swap(&words, n, &mut rng));
        }
    }
    if config.p_rd > 0.0 {
        for _ in 0..per {
            push(
                EdaOp::RandomDeletion,
                random_deletion(&words, config.p_rd, &mut rng),
            );
        }
    }
    pool.shuffle(&mut rng);
    if config.num_aug >= 1.0 {
        pool.truncate(config.num_aug as usize);
    } else if !pool.is_empty() {
        let keep_prob = config.num_aug / pool.len() as f64;
        pool.retain(|_| rng.random::<f64>() < keep_prob);
    }
    pool.push(original);
    Ok(pool)
}
