//! Chinese lesson text quotes with “…”, not with ASCII "…" (a fresh-user test found
//! 至于要"多充足" and 参数"重复"次数 in chapters 2–4 and the glossary while chapters 5–8
//! used “…”). Code spans, math, link targets and TOML string delimiters keep their
//! ASCII quotes; Chinese text inside a TOML string must not use escaped \"…\".

use std::path::Path;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Prose with code spans, `$…$` / `$$…$$` math and `](target)` link targets removed.
fn strip_protected(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
            }
            '$' => {
                let double = chars.peek() == Some(&'$');
                if double {
                    chars.next();
                }
                while let Some(d) = chars.next() {
                    if d == '$' {
                        if double && chars.peek() == Some(&'$') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Spans between successive `quote` markers that contain Chinese text.
fn quoted_chinese(text: &str, quote: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(quote).collect();
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| i % 2 == 1 && *i + 1 < parts.len() && p.chars().any(is_cjk))
        .map(|(_, p)| p.to_string())
        .collect()
}

fn offences(body: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let (mut front, mut fence) = (0, false);
    for (i, line) in body.lines().enumerate() {
        if line.trim() == "+++" {
            front += 1;
            continue;
        }
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        let spans = if front == 1 || fence {
            // TOML: ASCII quotes delimit strings; Chinese quoted inside a string must use “…”.
            quoted_chinese(line, "\\\"")
        } else {
            quoted_chinese(&strip_protected(line), "\"")
        };
        found.extend(spans.into_iter().map(|s| (i + 1, s)));
    }
    found
}

#[test]
fn the_checker_finds_straight_quotes() {
    let body = "+++\ntitle = \"幂律\"\n+++\n至于要\"多充足\"，`\"代码\"` $\"x\"$\n\
                ```exercise\nprompt = \"叫\\\"计算最优\\\"的\"\n```\n\"No copyright restrictions.\"\n\
                要“多充足”\n";
    assert_eq!(offences(body), vec![(4, "多充足".to_string()), (6, "计算最优".to_string())]);
}

#[test]
fn chinese_lessons_use_chinese_quotes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/zh");
    let mut all = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".md") {
            continue;
        }
        checked += 1;
        for (line, span) in offences(&std::fs::read_to_string(&path).unwrap()) {
            all.push(format!("content/zh/{name}:{line}: \"{span}\" should be “{span}”"));
        }
    }
    assert!(checked >= 8, "read only {checked} Chinese lesson files from {}", dir.display());
    assert!(all.is_empty(), "straight quotes in Chinese text:\n{}", all.join("\n"));
}
