//! Chapter 8's playgrounds with character noise switched on, as the chapter sets them up (the widget
//! blocks of `content/{en,zh}/08-text-augmentation.md` are read here, so the test follows the
//! chapter): with the chapter's probabilities and any seed a reader may pick, the noise visibly
//! changes the augmented sentences.
//!
//! Why the Chinese playground needs a rate well above 0.1: its sentence holds only three characters
//! of the course's OCR confusion set (天, 已 and 人, against pairs such as 己/已/巳, 人/入, 天/夫), so
//! its 8 augmented sentences give about 24 chances for an OCR edit, and none fires with probability
//! (1 − p)^24 when EDA keeps all three: 8 % at p = 0.1, 0.02 % at p = 0.3.

use std::collections::BTreeMap;

use augment_lab::params::{TextLang, TextLangChoice, TextPlaygroundParams};
use augment_lab::protocol::{run, Job, Output, TextJob};

/// The `key = value` lines of the widget block with this id (values as written, strings unquoted).
fn block(md: &str, id: &str) -> BTreeMap<String, String> {
    let mut blocks = md.split("```widget text-playground\n").skip(1).map(|b| b.split("\n```").next().unwrap_or(""));
    let body = blocks
        .find(|b| b.lines().any(|l| l.trim() == format!("id = \"{id}\"")))
        .unwrap_or_else(|| panic!("no text-playground block {id}"));
    body.lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

fn params(b: &BTreeMap<String, String>) -> TextPlaygroundParams {
    let mut p = TextPlaygroundParams::default();
    for (k, v) in b {
        let f = || v.parse::<f64>().unwrap_or_else(|_| panic!("{k} = {v}"));
        match k.as_str() {
            "id" | "seed" => {}
            "lang" => {
                p.lang = match v.as_str() {
                    "en" => TextLangChoice::En,
                    "zh" => TextLangChoice::Zh,
                    _ => TextLangChoice::Page,
                }
            }
            "text" => p.text = v.clone(),
            "alpha_sr" => p.alpha_sr = f(),
            "alpha_ri" => p.alpha_ri = f(),
            "alpha_rs" => p.alpha_rs = f(),
            "p_rd" => p.p_rd = f(),
            "num_aug" => p.num_aug = f(),
            "p_keyboard" => p.p_keyboard = f(),
            "p_ocr" => p.p_ocr = f(),
            "p_insert" => p.p_insert = f(),
            "p_delete" => p.p_delete = f(),
            "p_substitute" => p.p_substitute = f(),
            "p_swap" => p.p_swap = f(),
            other => panic!("unexpected key {other} in the block"),
        }
    }
    p
}

/// Character edits over all augmented sentences of one run.
fn char_edits(p: &TextPlaygroundParams, page: TextLang, seed: u64) -> usize {
    let lang = match p.lang {
        TextLangChoice::En => TextLang::En,
        TextLangChoice::Zh => TextLang::Zh,
        TextLangChoice::Page => page,
    };
    let job = TextJob { text: p.text.clone(), lang, eda: p.eda(), char_noise: p.char_noise(), seed };
    let Ok((Output::Text(t), _)) = run(&Job::Text(job), None) else { panic!("the text job failed") };
    assert_eq!(t.noisy.len(), t.sentences.iter().filter(|s| s.op.is_some()).count(), "one noisy variant per augmented sentence");
    t.noisy.iter().map(|n| n.edits.len()).sum()
}

#[test]
fn the_chapters_noise_playgrounds_change_the_sentences_for_every_seed() {
    for (file, page) in [("en", TextLang::En), ("zh", TextLang::Zh)] {
        let path = format!("{}/../../content/{file}/08-text-augmentation.md", env!("CARGO_MANIFEST_DIR"));
        let md = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for id in ["ch8-noise", "ch8-zh"] {
            let b = block(&md, id);
            let p = params(&b);
            assert!(p.char_noise().is_on(), "{file} {id}: noise is on in the chapter");
            let own: u64 = b["seed"].parse().unwrap();
            // The block's own seed, and the first hundred a reader reaches with the seed control.
            let unchanged: Vec<u64> = (0..100).chain([own]).filter(|&s| char_edits(&p, page, s) == 0).collect();
            assert!(unchanged.is_empty(), "{file} {id}: character noise changed nothing with seeds {unchanged:?}");
        }
    }
}
