//! Golden behaviours of EDA from `shared/reference/augmentation.md` §3 (which describes
//! `jasonwei20/eda_nlp` `code/eda.py`), plus determinism and edge cases.
//! Each test quotes the rule it checks.

use augment_text::eda::{
    eda, eda_with, random_deletion, random_insertion, random_swap, synonym_replacement, EdaConfig,
    EdaOp, EditKind,
};
use augment_text::synonyms::{SynonymTable, EDA_STOP_WORDS};
use augment_text::tokenize::{get_only_chars, EnglishTokenizer, Tokenizer};
use augment_text::{rng_from_seed, Error};

fn w(s: &str) -> Vec<String> {
    s.split(' ')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn table(tsv: &str) -> SynonymTable {
    SynonymTable::parse_tsv(tsv, &EDA_STOP_WORDS).unwrap()
}

// --- get_only_chars: "drop ' and ’; turn -, tab and newline into spaces; lowercase; replace every
// non-[a-z ] character with a space; collapse spaces and strip the leading one."

#[test]
fn get_only_chars_follows_the_five_steps() {
    // Trailing space kept: only a leading space is stripped.
    assert_eq!(get_only_chars("Hello, World!"), "hello world ");
    assert_eq!(get_only_chars("don't stop"), "dont stop");
    assert_eq!(get_only_chars("it\u{2019}s fine"), "its fine");
    assert_eq!(
        get_only_chars("well-known\tfact\nhere"),
        "well known fact here"
    );
    assert_eq!(get_only_chars("   leading spaces"), "leading spaces");
    assert_eq!(get_only_chars("Room 101, floor 3"), "room floor ");
    assert_eq!(get_only_chars("Café"), "caf ");
}

#[test]
fn get_only_chars_edge_cases() {
    assert_eq!(get_only_chars(""), "");
    assert_eq!(get_only_chars("?!... ,;"), "");
    assert_eq!(get_only_chars("🙂👨\u{200d}👩\u{200d}👧"), "");
    // Mixed scripts: everything outside [a-z ] becomes a space.
    assert_eq!(get_only_chars("I ❤\u{fe0f} 机器学习 NLP"), "i nlp");
    assert_eq!(
        EnglishTokenizer.tokenize("I love 机器学习 🤖 so much!"),
        w("i love so much")
    );
}

// --- n = max(1, int(alpha * num_words)); int(num_aug/4)+1 sentences per technique.

#[test]
fn n_is_max_one_int_alpha_len() {
    assert_eq!(EdaConfig::n_changes(0.1, 5), 1); // int(0.5) = 0, max(1, 0) = 1
    assert_eq!(EdaConfig::n_changes(0.1, 30), 3);
    assert_eq!(EdaConfig::n_changes(0.5, 9), 4); // int(4.5) = 4
    assert_eq!(EdaConfig::n_changes(0.29, 100), 28); // 0.29*100 = 28.999999999999996 in IEEE doubles
    assert_eq!(EdaConfig::n_changes(0.05, 0), 1);
}

#[test]
fn num_new_per_technique_is_int_num_aug_over_4_plus_1() {
    let per = |num_aug: f64| {
        EdaConfig {
            num_aug,
            ..EdaConfig::default()
        }
        .num_new_per_technique()
    };
    assert_eq!(per(9.0), 3);
    assert_eq!(per(16.0), 5);
    assert_eq!(per(4.0), 2);
    assert_eq!(per(1.0), 1);
    assert_eq!(per(0.5), 1);
    assert_eq!(per(32.0), 9);
}

const SENTENCE: &str = "The quick brown fox jumps over the lazy dog near the big old house today";

#[test]
fn eda_default_returns_num_aug_plus_original_last() {
    // Defaults alpha = 0.1, num_aug = 9: pool of 4 * 3 = 12, shuffled, trimmed to 9, original appended.
    let syn = SynonymTable::wordnet_en();
    let out = eda(SENTENCE, &EdaConfig::default(), &syn, 7).unwrap();
    assert_eq!(out.len(), 10);
    let last = out.last().unwrap();
    assert_eq!(last.op, None);
    assert_eq!(last.text, get_only_chars(SENTENCE));
    assert!(last.edits.is_empty());
    assert!(out[..9].iter().all(|a| a.op.is_some()));
    for op in [
        EdaOp::SynonymReplacement,
        EdaOp::RandomInsertion,
        EdaOp::RandomSwap,
        EdaOp::RandomDeletion,
    ] {
        assert!(out[..9].iter().filter(|a| a.op == Some(op)).count() <= 3);
    }
}

#[test]
fn eda_pool_split_and_trim() {
    let syn = SynonymTable::wordnet_en();
    // num_aug = 12: int(12/4)+1 = 4 per technique, pool 16, trimmed to 12.
    let cfg = EdaConfig {
        num_aug: 12.0,
        ..EdaConfig::default()
    };
    let out = eda(SENTENCE, &cfg, &syn, 1).unwrap();
    assert_eq!(out.len(), 13);
    // num_aug = 100: 26 per technique, pool 104, trimmed to 100: every op keeps >= 22 sentences.
    let cfg = EdaConfig {
        num_aug: 100.0,
        ..EdaConfig::default()
    };
    let out = eda(SENTENCE, &cfg, &syn, 1).unwrap();
    assert_eq!(out.len(), 101);
    for op in [
        EdaOp::SynonymReplacement,
        EdaOp::RandomInsertion,
        EdaOp::RandomSwap,
        EdaOp::RandomDeletion,
    ] {
        let c = out.iter().filter(|a| a.op == Some(op)).count();
        assert!((22..=26).contains(&c), "{op:?}: {c}");
    }
}

#[test]
fn eda_zero_alpha_switches_an_operation_off() {
    // eda.py: `if (alpha_sr > 0)` etc. Only RD on: int(9/4)+1 = 3 sentences, fewer than num_aug.
    let syn = SynonymTable::wordnet_en();
    let cfg = EdaConfig {
        alpha_sr: 0.0,
        alpha_ri: 0.0,
        alpha_rs: 0.0,
        p_rd: 0.1,
        num_aug: 9.0,
    };
    let out = eda(SENTENCE, &cfg, &syn, 3).unwrap();
    assert_eq!(out.len(), 4);
    assert!(out[..3].iter().all(|a| a.op == Some(EdaOp::RandomDeletion)));
}

#[test]
fn eda_pool_is_shuffled() {
    // "pool all outputs, clean them, shuffle, truncate": the first output is not always SR.
    let syn = SynonymTable::wordnet_en();
    let mut firsts = std::collections::HashSet::new();
    for seed in 0..40 {
        let out = eda(SENTENCE, &EdaConfig::default(), &syn, seed).unwrap();
        firsts.insert(format!("{:?}", out[0].op));
    }
    assert_eq!(firsts.len(), 4, "{firsts:?}");
}

#[test]
fn eda_fractional_num_aug_keeps_with_probability() {
    // num_aug < 1: keep each pooled sentence with probability num_aug / len(pool).
    // num_aug = 0.5, pool = 4 (1 per technique): expected kept = 0.5 per call.
    // Per call sd = sqrt(4 * 0.125 * 0.875) = 0.661; over 2000 seeds the mean's sd is 0.015: tolerance 0.06 (4 sd).
    let syn = SynonymTable::wordnet_en();
    let cfg = EdaConfig {
        num_aug: 0.5,
        ..EdaConfig::default()
    };
    let mut kept = 0usize;
    let trials = 2000;
    for seed in 0..trials {
        let out = eda("good movie with great acting", &cfg, &syn, seed).unwrap();
        assert_eq!(out.last().unwrap().op, None);
        kept += out.len() - 1;
    }
    let mean = kept as f64 / trials as f64;
    assert!((mean - 0.5).abs() < 0.06, "mean kept {mean}");
    // num_aug = 0 keeps nothing but the original.
    let cfg = EdaConfig {
        num_aug: 0.0,
        ..EdaConfig::default()
    };
    assert_eq!(eda(SENTENCE, &cfg, &syn, 9).unwrap().len(), 1);
}

#[test]
fn eda_outputs_are_clean_and_every_changed_word_is_reported() {
    let syn = SynonymTable::wordnet_en();
    let words = EnglishTokenizer.tokenize(SENTENCE);
    let cfg = EdaConfig {
        num_aug: 40.0,
        ..EdaConfig::default()
    };
    for a in eda(SENTENCE, &cfg, &syn, 11).unwrap() {
        // Outputs went through get_only_chars again, as in eda.py.
        assert_eq!(get_only_chars(&a.text), a.text);
        assert_eq!(a.text, a.words.join(" "));
        match a.op {
            None => assert_eq!(a.words, words),
            Some(EdaOp::SynonymReplacement) | Some(EdaOp::RandomSwap) => {
                assert_eq!(a.words.len(), words.len());
                let changed: Vec<usize> = (0..words.len())
                    .filter(|&i| words[i] != a.words[i])
                    .collect();
                let reported: Vec<usize> = a.edits.iter().map(|e| e.index).collect();
                assert_eq!(changed, reported);
            }
            Some(EdaOp::RandomInsertion) => {
                assert_eq!(a.words.len(), words.len() + a.edits.len());
                let mut rest = a.words.clone();
                for e in a.edits.iter().rev() {
                    assert_eq!(e.kind, EditKind::Insert);
                    rest.remove(e.index);
                }
                assert_eq!(rest, words);
            }
            Some(EdaOp::RandomDeletion) => {
                assert_eq!(a.words.len() + a.edits.len(), words.len());
                let kept: Vec<String> = (0..words.len())
                    .filter(|i| !a.edits.iter().any(|e| e.index == *i))
                    .map(|i| words[i].clone())
                    .collect();
                assert_eq!(kept, a.words);
            }
        }
    }
}

#[test]
fn eda_is_deterministic_per_seed() {
    let syn = SynonymTable::wordnet_en();
    let a = eda(SENTENCE, &EdaConfig::default(), &syn, 42).unwrap();
    let b = eda(SENTENCE, &EdaConfig::default(), &syn, 42).unwrap();
    assert_eq!(a, b);
    let c = eda(SENTENCE, &EdaConfig::default(), &syn, 43).unwrap();
    assert_ne!(a, c);
}

#[test]
fn eda_edge_inputs() {
    let syn = SynonymTable::wordnet_en();
    let cfg = EdaConfig::default();
    for empty in ["", "   ", "?!...;", "🙂🙂 👍🏽", "机器学习"] {
        let out = eda(empty, &cfg, &syn, 0).unwrap();
        assert_eq!(out.len(), 1, "{empty:?}");
        assert_eq!(out[0].text, "");
        assert!(out[0].words.is_empty());
    }
    // One word: RD and RS leave it, SR uses WordNet ("happy	glad" in synonyms.tsv's PROVENANCE examples).
    let out = eda("Happy!", &cfg, &syn, 5).unwrap();
    assert_eq!(out.len(), 10);
    for a in &out {
        match a.op {
            Some(EdaOp::SynonymReplacement) => assert_eq!(a.words, w("glad")),
            Some(EdaOp::RandomDeletion) | Some(EdaOp::RandomSwap) | None => {
                assert_eq!(a.words, w("happy"))
            }
            Some(EdaOp::RandomInsertion) => assert_eq!(a.words, w("glad happy")),
        }
    }
}

#[test]
fn eda_rejects_bad_config() {
    let syn = SynonymTable::wordnet_en();
    let bad = EdaConfig {
        p_rd: 1.5,
        ..EdaConfig::default()
    };
    assert!(matches!(
        eda("a b", &bad, &syn, 0),
        Err(Error::InvalidParameter { name: "p_rd", .. })
    ));
    let bad = EdaConfig {
        alpha_sr: f64::NAN,
        ..EdaConfig::default()
    };
    assert!(eda("a b", &bad, &syn, 0).is_err());
    let bad = EdaConfig {
        num_aug: -1.0,
        ..EdaConfig::default()
    };
    assert!(eda("a b", &bad, &syn, 0).is_err());
}

// --- SR: "replace all occurrences of that word with a random synonym; stop after n words".

#[test]
fn sr_replaces_all_occurrences() {
    let syn = table("cat\tfeline\n");
    for seed in 0..20 {
        let out = synonym_replacement(&w("cat sees a cat"), 1, &syn, &mut rng_from_seed(seed));
        assert_eq!(out.words, w("feline sees a feline"));
        let idx: Vec<usize> = out.edits.iter().map(|e| e.index).collect();
        assert_eq!(idx, vec![0, 3]);
        assert!(out.edits.iter().all(|e| e.kind == EditKind::Replace
            && e.before.as_deref() == Some("cat")
            && e.after.as_deref() == Some("feline")));
    }
}

#[test]
fn sr_skips_stop_words_and_stops_after_n() {
    // "the" is one of EDA's stop words: never replaced even with a synonym listed.
    let syn = table("the\tda\nred\tcrimson\nbig\tlarge\nold\taged\n");
    for seed in 0..50 {
        let out = synonym_replacement(&w("the red big old the"), 2, &syn, &mut rng_from_seed(seed));
        assert_eq!(out.words[0], "the");
        assert_eq!(out.words[4], "the");
        assert_eq!(out.edits.len(), 2, "n = 2 words replaced");
        let all = synonym_replacement(
            &w("the red big old the"),
            10,
            &syn,
            &mut rng_from_seed(seed),
        );
        assert_eq!(all.words, w("the crimson large aged the"));
    }
}

#[test]
fn sr_picks_among_all_synonyms_uniformly() {
    // random.choice over the synonym list: each of 3 synonyms about 1/3 over 3000 seeds
    // (sd 0.0086; tolerance 0.04).
    let syn = table("car\tmachine,automobile,auto\n");
    let mut counts = std::collections::HashMap::new();
    for seed in 0..3000 {
        let out = synonym_replacement(&w("car"), 1, &syn, &mut rng_from_seed(seed));
        *counts.entry(out.words[0].clone()).or_insert(0usize) += 1;
    }
    assert_eq!(counts.len(), 3);
    for (_, c) in counts {
        assert!((c as f64 / 3000.0 - 1.0 / 3.0).abs() < 0.04);
    }
}

// --- RI: "insert synonyms[0] at randint(0, len-1), so never at the end"; stop words not excluded.

#[test]
fn ri_inserts_first_synonym_never_at_end() {
    // "car	machine,automobile,auto" is the first example row in wordnet-en PROVENANCE.md.
    let syn = SynonymTable::wordnet_en();
    assert_eq!(syn.get("car")[0], "machine");
    let words = w("car zzqx zzqy");
    let mut positions = std::collections::HashSet::new();
    for seed in 0..300 {
        let out = random_insertion(&words, 1, &syn, &mut rng_from_seed(seed));
        if out.edits.is_empty() {
            // 9 draws without hitting "car" (p = (2/3)^9 = 0.026) gives up.
            assert_eq!(out.words, words);
            continue;
        }
        assert_eq!(out.edits.len(), 1);
        let e = &out.edits[0];
        assert_eq!(e.after.as_deref(), Some("machine"));
        assert_eq!(out.words[e.index], "machine");
        assert!(
            e.index < words.len(),
            "inserted at {} of {}",
            e.index,
            out.words.len()
        );
        positions.insert(e.index);
    }
    assert_eq!(positions.len(), 3, "all positions 0..=len-1 reachable");
}

#[test]
fn ri_uses_stop_words_too() {
    // The code does not exclude stop words in RI (augmentation.md §3).
    let syn = table("the\tda\n");
    let out = random_insertion(&w("the the"), 1, &syn, &mut rng_from_seed(0));
    assert_eq!(out.words.iter().filter(|x| *x == "da").count(), 1);
}

#[test]
fn ri_gives_up_without_synonyms_and_on_empty() {
    let syn = table("cat\tfeline\n");
    let out = random_insertion(&w("no synonyms here"), 3, &syn, &mut rng_from_seed(1));
    assert_eq!(out.words, w("no synonyms here"));
    assert!(out.edits.is_empty());
    let out = random_insertion(&[], 3, &syn, &mut rng_from_seed(1));
    assert!(out.words.is_empty());
}

// --- RS: "swap two random positions; if the second index equals the first, retry; give up after 3".

#[test]
fn rs_one_word_and_multiset() {
    let one = random_swap(&w("alone"), 5, &mut rng_from_seed(0));
    assert_eq!(one.words, w("alone"));
    let words = w("a b c d e f");
    for seed in 0..50 {
        let out = random_swap(&words, 3, &mut rng_from_seed(seed));
        let mut x = out.words.clone();
        x.sort();
        assert_eq!(x, words);
    }
}

#[test]
fn rs_give_up_rate_on_two_words() {
    // eda.py swap_word: counter += 1 after each draw of idx2, return when counter > 3, so at most
    // 3 useful draws; with 2 words each draw equals idx1 with p = 1/2: P(swap) = 1 - 1/8 = 0.875.
    // 4000 seeds: sd 0.0052, tolerance 0.025.
    let words = w("a b");
    let swapped = (0..4000)
        .filter(|&s| random_swap(&words, 1, &mut rng_from_seed(s)).words == w("b a"))
        .count();
    let rate = swapped as f64 / 4000.0;
    assert!((rate - 0.875).abs() < 0.025, "{rate}");
}

// --- RD: "1-word sentence returned unchanged; keep if U > p; if all deleted return one random word".

#[test]
fn rd_keeps_at_least_one_word() {
    assert_eq!(
        random_deletion(&w("solo"), 1.0, &mut rng_from_seed(0)).words,
        w("solo")
    );
    let words = w("a b c d e");
    let mut seen = std::collections::HashSet::new();
    for seed in 0..200 {
        let out = random_deletion(&words, 1.0, &mut rng_from_seed(seed));
        assert_eq!(out.words.len(), 1);
        assert!(words.contains(&out.words[0]));
        assert_eq!(out.edits.len(), 4);
        seen.insert(out.words[0].clone());
    }
    assert_eq!(seen.len(), 5, "the survivor is uniform over the words");
    assert_eq!(
        random_deletion(&words, 0.0, &mut rng_from_seed(0)).words,
        words
    );
    assert!(random_deletion(&[], 0.5, &mut rng_from_seed(0))
        .words
        .is_empty());
}

#[test]
fn rd_deletes_with_probability_p() {
    // Each of 20 words deleted with p = 0.3; 1000 seeds -> 20,000 Bernoulli trials, sd 0.0032.
    let words: Vec<String> = (0..20).map(|i| format!("w{i}")).collect();
    let deleted: usize = (0..1000)
        .map(|s| {
            random_deletion(&words, 0.3, &mut rng_from_seed(s))
                .edits
                .len()
        })
        .sum();
    let rate = deleted as f64 / 20_000.0;
    assert!((rate - 0.3).abs() < 0.015, "{rate}");
}

#[test]
fn eda_with_english_tokenizer_equals_eda() {
    let syn = SynonymTable::wordnet_en();
    assert_eq!(
        eda(SENTENCE, &EdaConfig::default(), &syn, 8).unwrap(),
        eda_with(&EnglishTokenizer, SENTENCE, &EdaConfig::default(), &syn, 8).unwrap()
    );
}
