//! The versioned record kept in localStorage: settings and progress. Pure data and parsing, no web
//! calls, so that corrupt, foreign or future data is handled by tested code rather than by a crash.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// localStorage key of the current schema.
pub const STORAGE_KEY: &str = "scaling-lab/v1";
/// The schema version written by this build.
pub const VERSION: u32 = 1;
/// Marks an exported progress file, so that importing some other JSON file is refused clearly.
pub const EXPORT_FORMAT: &str = "scaling-lab-progress";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
}

/// What the learner did with one exercise.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub attempts: u32,
    pub solved: bool,
    /// The committed guess of a "predict, then reveal" exercise, kept so the reveal survives a reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guess: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    #[serde(default = "default_format")]
    pub format: String,
    pub version: u32,
    /// Seed of this learner's randomized exercise parameters.
    pub learner_seed: u64,
    #[serde(default)]
    pub lang: Option<Language>,
    #[serde(default)]
    pub theme: Option<Theme>,
    /// Slugs of chapters read to the end.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// Keyed by `{slug}/{exercise id}`.
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseRecord>,
}

fn default_format() -> String {
    EXPORT_FORMAT.to_string()
}

impl Record {
    pub fn new(learner_seed: u64) -> Record {
        Record {
            format: default_format(),
            version: VERSION,
            learner_seed,
            lang: None,
            theme: None,
            read: BTreeSet::new(),
            exercises: BTreeMap::new(),
        }
    }

    pub fn solved_count(&self) -> usize {
        self.exercises.values().filter(|e| e.solved).count()
    }

    /// Combine an imported record with this one: nothing earned on either side is lost.
    pub fn merge(&mut self, other: Record) {
        self.read.extend(other.read);
        for (k, v) in other.exercises {
            let e = self.exercises.entry(k).or_default();
            e.attempts = e.attempts.max(v.attempts);
            e.solved |= v.solved;
            if e.guess.is_none() {
                e.guess = v.guess;
            }
        }
    }
}

/// Why stored or imported text could not be used.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    NotJson(String),
    NotOurs,
    FutureVersion(u32),
    Invalid(String),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::NotJson(e) => write!(f, "not valid JSON ({e})"),
            ParseError::NotOurs => write!(f, "not a Scaling Lab progress file"),
            ParseError::FutureVersion(v) => {
                write!(f, "written by a newer version of Scaling Lab (schema {v}, this one reads {VERSION})")
            }
            ParseError::Invalid(e) => write!(f, "damaged progress data ({e})"),
        }
    }
}

impl ParseError {
    /// The reason in the reader's language (the `Display` text stays the developer's).
    pub fn words(&self, lang: Language) -> String {
        match (self, lang) {
            (ParseError::NotJson(_), Language::En) => "it is not a JSON file".into(),
            (ParseError::NotJson(_), Language::Zh) => "它不是 JSON 文件".into(),
            (ParseError::NotOurs, Language::En) => "it is not a Scaling Lab progress file".into(),
            (ParseError::NotOurs, Language::Zh) => "它不是规模实验室的进度文件".into(),
            (ParseError::FutureVersion(v), Language::En) => format!("it was written by a newer version of Scaling Lab (schema {v}; this one reads {VERSION})"),
            (ParseError::FutureVersion(v), Language::Zh) => format!("它由更新版本的规模实验室写成（格式版本 {v}，本版本只能读取 {VERSION}）"),
            (ParseError::Invalid(e), Language::En) => format!("its progress data are damaged ({e})"),
            (ParseError::Invalid(e), Language::Zh) => format!("其中的进度数据已损坏（{e}）"),
        }
    }
}

/// Parse stored or imported text into a record of the current schema.
pub fn parse(text: &str) -> Result<Record, ParseError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ParseError::NotJson(e.to_string()))?;
    let obj = value.as_object().ok_or(ParseError::NotOurs)?;
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(EXPORT_FORMAT) => {}
        _ => return Err(ParseError::NotOurs),
    }
    let version = obj.get("version").and_then(|v| v.as_u64()).ok_or(ParseError::NotOurs)?;
    if version > VERSION as u64 {
        return Err(ParseError::FutureVersion(version as u32));
    }
    serde_json::from_value(value).map_err(|e| ParseError::Invalid(e.to_string()))
}

pub fn to_json(record: &Record) -> String {
    serde_json::to_string_pretty(record).expect("a Record always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        let mut r = Record::new(42);
        r.read.insert("power-laws".into());
        r.exercises.insert(
            "power-laws/ch2-slope".into(),
            ExerciseRecord { attempts: 2, solved: true, guess: None },
        );
        r
    }

    #[test]
    fn round_trips() {
        let r = sample();
        assert_eq!(parse(&to_json(&r)), Ok(r));
    }

    #[test]
    fn refuses_foreign_and_corrupt_data() {
        assert!(matches!(parse("{not json"), Err(ParseError::NotJson(_))));
        assert_eq!(parse("[1,2]"), Err(ParseError::NotOurs));
        assert_eq!(parse(r#"{"format":"other","version":1}"#), Err(ParseError::NotOurs));
        assert_eq!(
            parse(r#"{"format":"scaling-lab-progress","version":7,"learner_seed":1}"#),
            Err(ParseError::FutureVersion(7))
        );
        assert!(matches!(
            parse(r#"{"format":"scaling-lab-progress","version":1,"learner_seed":"x"}"#),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn merge_keeps_everything_earned() {
        let mut a = Record::new(1);
        a.exercises.insert("c/x".into(), ExerciseRecord { attempts: 5, solved: false, guess: Some("-0.3".into()) });
        let mut b = sample();
        b.exercises.insert("c/x".into(), ExerciseRecord { attempts: 1, solved: true, guess: None });
        a.merge(b);
        assert!(a.read.contains("power-laws"));
        assert_eq!(a.exercises["c/x"], ExerciseRecord { attempts: 5, solved: true, guess: Some("-0.3".into()) });
        assert_eq!(a.solved_count(), 2);
        assert_eq!(a.learner_seed, 1, "the learner keeps their own numbers");
    }
}
