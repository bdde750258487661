//! The text playground's job: EDA (Wei & Zou 2019) on an English or Chinese sentence, then
//! character noise on each augmented sentence. The synonym tables and the jieba segmenter are
//! built once per worker (parsing them takes longer than an EDA run) and kept.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use augment_text::{
    char_noise, eda_with, ChineseTokenizer, EnglishTokenizer, SynonymTable, Tokenizer,
};

use crate::grid::bad;
use crate::params::{TextLang, MAX_TEXT_CHARS};
use crate::protocol::{sample_seed, JobError, TextJob, TextOutput};

/// Largest `num_aug`, as the playground's parameters allow (EDA's Table 3 goes up to 16).
pub const MAX_NUM_AUG: f64 = 16.0;

static WORDNET_EN: OnceLock<SynonymTable> = OnceLock::new();
static ZH_COURSE: OnceLock<SynonymTable> = OnceLock::new();
static ZH_TOKENIZER: OnceLock<ChineseTokenizer> = OnceLock::new();

fn wordnet_en() -> &'static SynonymTable {
    WORDNET_EN.get_or_init(SynonymTable::wordnet_en)
}

fn zh_course() -> &'static SynonymTable {
    ZH_COURSE.get_or_init(SynonymTable::zh_course)
}

/// jieba with the small embedded dictionary, taught every word of the Chinese synonym table so
/// that synonym replacement sees them as single tokens.
fn zh_tokenizer() -> &'static ChineseTokenizer {
    ZH_TOKENIZER.get_or_init(|| ChineseTokenizer::small().with_words_of(zh_course()))
}

/// Refuse values that `EdaConfig::validate` accepts but that would make EDA run for minutes:
/// α above 1 (more edits than words), a `num_aug` above [`MAX_NUM_AUG`] and a text longer than
/// [`MAX_TEXT_CHARS`] (the limits of [`crate::params::TextPlaygroundParams::validate`]).
fn check_bounds(job: &TextJob) -> Result<(), JobError> {
    let n = job.text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(bad(format!(
            "text has {n} characters, at most {MAX_TEXT_CHARS} are accepted"
        )));
    }
    let e = &job.eda;
    for (name, v) in [
        ("alpha_sr", e.alpha_sr),
        ("alpha_ri", e.alpha_ri),
        ("alpha_rs", e.alpha_rs),
    ] {
        if v > 1.0 {
            return Err(bad(format!("{name} must be in [0, 1], got {v}")));
        }
    }
    if e.num_aug > MAX_NUM_AUG {
        return Err(bad(format!(
            "num_aug must be at most {MAX_NUM_AUG}, got {}",
            e.num_aug
        )));
    }
    Ok(())
}

/// Run a [`TextJob`] (no pixels).
///
/// EDA runs with the job's seed. When any character-noise probability is above 0, augmented
/// sentence `i` (in EDA's output order, the original excluded) gets noise seeded with
/// [`sample_seed`]`(seed, i)`.
///
/// # Errors
/// [`JobError::BadParams`] for an invalid [`augment_text::EdaConfig`] or
/// [`augment_text::CharNoiseConfig`], α > 1, `num_aug` > [`MAX_NUM_AUG`] or a text longer than
/// [`MAX_TEXT_CHARS`].
pub fn run_text(job: &TextJob) -> Result<TextOutput, JobError> {
    check_bounds(job)?;
    job.char_noise.validate().map_err(bad)?;
    let (tokenizer, table): (&dyn Tokenizer, &SynonymTable) = match job.lang {
        TextLang::En => (&EnglishTokenizer, wordnet_en()),
        TextLang::Zh => (zh_tokenizer(), zh_course()),
    };
    let sentences = eda_with(tokenizer, &job.text, &job.eda, table, job.seed).map_err(bad)?;
    let words = tokenizer.tokenize(&job.text);
    let c = &job.char_noise;
    let noisy_on = [
        c.p_keyboard,
        c.p_ocr,
        c.p_insert,
        c.p_delete,
        c.p_substitute,
        c.p_swap,
    ]
    .iter()
    .any(|&p| p > 0.0);
    let noisy = if noisy_on {
        sentences
            .iter()
            .filter(|s| s.op.is_some())
            .enumerate()
            .map(|(i, s)| char_noise(&s.text, c, sample_seed(job.seed, i as u32)).map_err(bad))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    // The same segmentation as augment-text's char_noise (extended grapheme clusters).
    let noisy_clusters = noisy
        .iter()
        .map(|n| n.text.graphemes(true).map(str::to_string).collect())
        .collect();
    Ok(TextOutput {
        words,
        sentences,
        noisy,
        noisy_clusters,
    })
}
