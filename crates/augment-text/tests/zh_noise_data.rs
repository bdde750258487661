//! Chinese segmentation and EDA, character noise, the shipped data tables and the prepared
//! back-translation examples.

use augment_text::back_translation::EXAMPLES;
use augment_text::char_noise::{
    char_noise, qwerty_neighbours, CharEditKind, CharNoiseConfig, OCR_CONFUSIONS,
};
use augment_text::eda::{eda_with, synonym_replacement, EdaConfig, EdaOp};
use augment_text::synonyms::{SynonymTable, EDA_STOP_WORDS};
use augment_text::tokenize::{ChineseTokenizer, Tokenizer};
use augment_text::{rng_from_seed, Error};
use unicode_segmentation::UnicodeSegmentation;

// --- Chinese segmentation (jieba-rs with the small dictionary)

#[test]
fn zh_segments_the_jieba_readme_example() {
    // jieba README, accurate mode: "我来到北京清华大学" -> 我/ 来到/ 北京/ 清华大学
    let t = ChineseTokenizer::small();
    assert_eq!(
        t.tokenize("我来到北京清华大学"),
        ["我", "来到", "北京", "清华大学"]
    );
}

#[test]
fn zh_cleaning_drops_punctuation_emoji_and_keeps_latin_words() {
    let t = ChineseTokenizer::small();
    assert!(t.tokenize("").is_empty());
    assert!(t.tokenize("，。！？……🙂🙂").is_empty());
    let toks = t.tokenize("我用Python写代码🙂，很开心！");
    assert!(toks.contains(&"python".to_string()), "{toks:?}");
    assert!(toks
        .iter()
        .all(|x| !x.contains('🙂') && !x.contains('，') && !x.trim().is_empty()));
    assert_eq!(toks.concat(), "我用python写代码很开心");
    assert_eq!(t.clean("你好，世界！"), "你好世界");
    assert_eq!(t.clean("Hello, World 2024!"), "hello world 2024");
    assert_eq!(t.clean("用GPU，训练"), "用gpu训练");
    // Join puts spaces only between Latin/digit runs.
    let words: Vec<String> = ["我", "爱", "deep", "learning", "和", "gpu", "4", "块"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(t.join(&words), "我爱deep learning和gpu 4块");
}

#[test]
fn zh_table_words_become_single_tokens() {
    let syn = SynonymTable::zh_course();
    let t = ChineseTokenizer::small().with_words_of(&syn);
    for word in syn.vocabulary() {
        assert!(t.has_word(word), "{word}");
    }
    let toks = t.tokenize("今天天气非常好，我们很开心。");
    for must in ["今天", "非常", "开心"] {
        assert!(toks.contains(&must.to_string()), "{must} in {toks:?}");
    }
}

#[test]
fn zh_synonym_replacement_uses_the_course_table() {
    let syn = SynonymTable::zh_course();
    let t = ChineseTokenizer::small().with_words_of(&syn);
    let words = t.tokenize("今天的电影非常有趣");
    for seed in 0..30 {
        let out = synonym_replacement(&words, 1, &syn, &mut rng_from_seed(seed));
        assert_eq!(out.words.len(), words.len());
        assert_eq!(out.edits.len(), 1);
        let e = &out.edits[0];
        let before = e.before.as_deref().unwrap();
        assert!(syn
            .get(before)
            .iter()
            .any(|s| Some(s.as_str()) == e.after.as_deref()));
        // "的" is a stop word of the course list.
        assert_ne!(before, "的");
    }
}

#[test]
fn zh_eda_end_to_end() {
    let syn = SynonymTable::zh_course();
    let t = ChineseTokenizer::small().with_words_of(&syn);
    let s = "我们今天一起去看电影，大家都非常高兴！🎬";
    let cfg = EdaConfig {
        num_aug: 8.0,
        ..EdaConfig::default()
    };
    let a = eda_with(&t, s, &cfg, &syn, 3).unwrap();
    assert_eq!(a, eda_with(&t, s, &cfg, &syn, 3).unwrap());
    assert_eq!(a.len(), 9);
    let original = a.last().unwrap();
    assert_eq!(original.op, None);
    assert_eq!(original.text, "我们今天一起去看电影大家都非常高兴");
    for x in &a {
        assert!(
            !x.text.contains(' '),
            "no spaces between Chinese words: {}",
            x.text
        );
        assert_eq!(x.text, t.join(&x.words));
        if x.op == Some(EdaOp::RandomSwap) || x.op == Some(EdaOp::SynonymReplacement) {
            assert_eq!(x.words.len(), original.words.len());
        }
    }
}

#[test]
fn zh_from_dict_reports_bad_dictionaries() {
    let mut good = std::io::Cursor::new("机器学习 100 n\n数据 50\n");
    let t = ChineseTokenizer::from_dict(&mut good).unwrap();
    assert_eq!(t.tokenize("机器学习数据"), ["机器学习", "数据"]);
    let mut bad = std::io::Cursor::new("机器学习 many n\n");
    assert!(matches!(
        ChineseTokenizer::from_dict(&mut bad),
        Err(Error::Dictionary(_))
    ));
}

// --- Character noise

const NOISY_INPUT: &str = "Hello wörld 123 rn 👨\u{200d}👩\u{200d}👧 🇨🇳 e\u{301} 已经 🙂";

#[test]
fn char_noise_zero_is_identity_and_deterministic() {
    assert_eq!(
        char_noise(NOISY_INPUT, &CharNoiseConfig::default(), 1)
            .unwrap()
            .text,
        NOISY_INPUT
    );
    assert_eq!(
        char_noise("", &CharNoiseConfig::default(), 1).unwrap().text,
        ""
    );
    let cfg = CharNoiseConfig {
        p_keyboard: 0.2,
        p_ocr: 0.2,
        p_insert: 0.1,
        p_delete: 0.1,
        p_substitute: 0.1,
        p_swap: 0.1,
    };
    let a = char_noise(NOISY_INPUT, &cfg, 5).unwrap();
    assert_eq!(a, char_noise(NOISY_INPUT, &cfg, 5).unwrap());
    let differs = (0..10).any(|s| char_noise(NOISY_INPUT, &cfg, 100 + s).unwrap() != a);
    assert!(differs);
}

#[test]
fn char_noise_never_splits_grapheme_clusters() {
    // Every output cluster must be an input cluster, an ASCII letter/digit, or an OCR output:
    // a broken emoji (a lone 👨 or a bare ZWJ, a lone regional indicator, a bare accent) fails.
    let input: Vec<&str> = NOISY_INPUT.graphemes(true).collect();
    let cfg = CharNoiseConfig {
        p_keyboard: 0.3,
        p_ocr: 0.3,
        p_insert: 0.3,
        p_delete: 0.3,
        p_substitute: 0.3,
        p_swap: 0.3,
    };
    for seed in 0..200 {
        let out = char_noise(NOISY_INPUT, &cfg, seed).unwrap();
        for g in out.text.graphemes(true) {
            let ok = input.contains(&g)
                || (g.len() == 1 && g.as_bytes()[0].is_ascii_alphanumeric())
                || OCR_CONFUSIONS
                    .iter()
                    .any(|(_, to)| to.iter().any(|t| t.graphemes(true).any(|x| x == g)));
            assert!(ok, "seed {seed}: cluster {g:?} in {:?}", out.text);
        }
        // Whitespace is never edited: same number of spaces.
        assert_eq!(
            out.text.matches(' ').count(),
            NOISY_INPUT.matches(' ').count()
        );
    }
}

#[test]
fn keyboard_noise_uses_qwerty_neighbours() {
    // On a QWERTY keyboard 'a' touches q, w, s, z; 'p' touches o, l; case is kept.
    let mut a_seen = std::collections::HashSet::new();
    for seed in 0..100 {
        let out = char_noise(
            "aP",
            &CharNoiseConfig {
                p_keyboard: 1.0,
                ..Default::default()
            },
            seed,
        )
        .unwrap();
        let cs: Vec<char> = out.text.chars().collect();
        assert!("qwsz".contains(cs[0]), "{}", out.text);
        assert!("OL".contains(cs[1]), "{}", out.text);
        assert!(out.edits.iter().all(|e| e.kind == CharEditKind::Keyboard));
        a_seen.insert(cs[0]);
    }
    assert_eq!(a_seen.len(), 4);
    assert_eq!(qwerty_neighbours('G'), Some("tyfhvb"));
    assert_eq!(qwerty_neighbours('7'), None);
}

#[test]
fn ocr_noise_applies_documented_confusions() {
    let ocr = CharNoiseConfig {
        p_ocr: 1.0,
        ..Default::default()
    };
    assert_eq!(char_noise("rn", &ocr, 0).unwrap().text, "m");
    assert_eq!(char_noise("m", &ocr, 0).unwrap().text, "rn");
    assert_eq!(char_noise("vv", &ocr, 0).unwrap().text, "w");
    let out = char_noise("cl0", &ocr, 0).unwrap();
    assert!(out.text == "dO" || out.text == "do", "{}", out.text);
    assert_eq!(out.edits.len(), 2);
    assert_eq!(out.edits[0].before, "cl");
    assert_eq!(out.edits[0].after, "d");
    let out = char_noise("已", &ocr, 0).unwrap();
    assert!(out.text == "己" || out.text == "巳");
}

#[test]
fn random_edits_delete_swap_insert_substitute() {
    let del = CharNoiseConfig {
        p_delete: 1.0,
        ..Default::default()
    };
    let out = char_noise("ab 🙂", &del, 0).unwrap();
    assert_eq!(out.text, " ");
    assert_eq!(out.edits.len(), 3);
    let swap = CharNoiseConfig {
        p_swap: 1.0,
        ..Default::default()
    };
    assert_eq!(char_noise("ab", &swap, 0).unwrap().text, "ba");
    assert_eq!(char_noise("🙂x", &swap, 0).unwrap().text, "x🙂");
    let ins = CharNoiseConfig {
        p_insert: 1.0,
        ..Default::default()
    };
    let out = char_noise("a1", &ins, 0).unwrap();
    let cs: Vec<char> = out.text.chars().collect();
    assert_eq!(cs.len(), 4);
    assert!(
        cs[1].is_ascii_lowercase() && cs[3].is_ascii_digit(),
        "{}",
        out.text
    );
    let sub = CharNoiseConfig {
        p_substitute: 1.0,
        ..Default::default()
    };
    let out = char_noise("Ab9", &sub, 0).unwrap();
    let cs: Vec<char> = out.text.chars().collect();
    assert!(cs[0].is_ascii_uppercase() && cs[0] != 'A');
    assert!(cs[1].is_ascii_lowercase() && cs[1] != 'b');
    assert!(cs[2].is_ascii_digit() && cs[2] != '9');
    // An emoji has no other cluster to become in "🙂🙂": left alone.
    assert_eq!(char_noise("🙂🙂", &sub, 0).unwrap().text, "🙂🙂");
}

#[test]
fn char_noise_rejects_bad_probabilities() {
    let bad = CharNoiseConfig {
        p_swap: -0.1,
        ..Default::default()
    };
    assert!(matches!(
        char_noise("x", &bad, 0),
        Err(Error::InvalidParameter { name: "p_swap", .. })
    ));
}

// --- Data tables

#[test]
fn wordnet_table_matches_its_provenance() {
    // PROVENANCE.md: 8,844 head words; examples "car	machine,automobile,auto", "happy	glad",
    // "begin	get,start,commence".
    let syn = SynonymTable::wordnet_en();
    assert_eq!(syn.len(), 8844);
    assert_eq!(syn.get("car"), ["machine", "automobile", "auto"]);
    assert_eq!(syn.get("happy"), ["glad"]);
    assert_eq!(syn.get("begin"), ["get", "start", "commence"]);
    assert!(syn.get("qwertyzz").is_empty());
    // augmentation.md §3: 128 stop words including ''.
    assert_eq!(EDA_STOP_WORDS.len(), 128);
    assert!(syn.is_stop_word("") && syn.is_stop_word("the") && !syn.is_stop_word("car"));
}

#[test]
fn zh_table_is_labelled_symmetric_and_large_enough() {
    let raw = include_str!("../data/zh/synonyms.tsv");
    assert!(raw.starts_with("# Chinese synonym table WRITTEN FOR SCALING LAB"));
    assert!(raw.contains("MIT OR Apache-2.0"));
    let syn = SynonymTable::zh_course();
    assert!(syn.len() >= 150, "{}", syn.len());
    for word in syn.vocabulary() {
        for s in syn.get(word) {
            assert!(
                syn.get(s).iter().any(|x| x == word),
                "{word} -> {s} not symmetric"
            );
        }
    }
    assert!(syn.is_stop_word("的"));
}

#[test]
fn synonym_table_parse_errors_name_the_line() {
    let err = SynonymTable::parse_tsv("# c\nok\tfine\nbroken line\n", &[]).unwrap_err();
    assert_eq!(
        err,
        Error::SynonymTable {
            line: 3,
            reason: "no tab".into()
        }
    );
    assert!(SynonymTable::parse_tsv("a\tb c\n", &[]).is_err());
    assert!(SynonymTable::parse_tsv("a\tb,,c\n", &[]).is_err());
    let t = SynonymTable::parse_tsv("a\ta,b,b\n", &[]).unwrap();
    assert_eq!(t.get("a"), ["b"]);
}

// --- Back-translation examples

#[test]
fn back_translation_examples_are_prepared_round_trips() {
    let is_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let en = EXAMPLES.iter().filter(|e| e.source_lang == "en").count();
    let zh = EXAMPLES.iter().filter(|e| e.source_lang == "zh").count();
    assert!(en >= 3 && zh >= 3);
    for e in EXAMPLES {
        assert_ne!(e.source_lang, e.pivot_lang);
        assert_ne!(
            e.source, e.back,
            "a round trip that changes nothing teaches nothing"
        );
        assert_eq!(is_cjk(e.source), e.source_lang == "zh");
        assert_eq!(is_cjk(e.back), e.source_lang == "zh");
        assert_eq!(is_cjk(e.pivot), e.pivot_lang == "zh");
        assert!(!e.note.is_empty());
    }
}
