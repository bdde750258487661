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
///
/// `revealed` was added to schema version 1 without a version bump, since nothing old breaks: a
/// record written before it has no such field and reads as "not shown" (its `solved` is kept as it
/// was), a record whose solution was never shown is written exactly as before (the field is left
/// out), and a build from before the field ignores it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub attempts: u32,
    /// Answered right before the solution was shown: this, and only this, counts as solved.
    pub solved: bool,
    /// The learner pressed "Show solution". A right answer after that does not make it solved.
    #[serde(default, skip_serializing_if = "is_false")]
    pub revealed: bool,
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where the learner stands with one exercise, as the badge shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExerciseStatus {
    Open,
    Solved,
    /// The solution was shown before the exercise was solved: not counted as solved.
    SolutionShown,
}

impl ExerciseRecord {
    /// Count an attempt. A right one solves the exercise (for good) only if its solution has not been
    /// shown; after the solution, typing the answer it shows proves nothing.
    pub fn attempt(&mut self, right: bool) {
        self.attempts += 1;
        if right && !self.revealed {
            self.solved = true;
        }
    }

    /// The learner asked for the solution.
    pub fn reveal(&mut self) {
        self.revealed = true;
    }

    pub fn status(&self) -> ExerciseStatus {
        if self.solved {
            ExerciseStatus::Solved
        } else if self.revealed {
            ExerciseStatus::SolutionShown
        } else {
            ExerciseStatus::Open
        }
    }
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
            e.revealed |= v.revealed;
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
            ExerciseRecord { attempts: 2, solved: true, revealed: false, guess: None },
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
    fn only_an_answer_before_the_solution_counts_as_solved() {
        // Shown the solution, then typed its answer: not solved, but the solution shown is recorded.
        let mut e = ExerciseRecord::default();
        e.attempt(false);
        e.reveal();
        e.attempt(true);
        assert_eq!(e, ExerciseRecord { attempts: 2, solved: false, revealed: true, guess: None });
        assert_eq!(e.status(), ExerciseStatus::SolutionShown);
        // Solved first, solution looked at afterwards: still solved.
        let mut e = ExerciseRecord::default();
        e.attempt(true);
        e.reveal();
        e.attempt(true);
        assert_eq!(e.status(), ExerciseStatus::Solved);
        assert_eq!(ExerciseRecord::default().status(), ExerciseStatus::Open);
        let mut r = Record::new(1);
        r.exercises.insert("c/shown".into(), ExerciseRecord { attempts: 1, solved: false, revealed: true, guess: None });
        r.exercises.insert("c/solved".into(), ExerciseRecord { attempts: 1, solved: true, revealed: true, guess: None });
        assert_eq!(r.solved_count(), 1);
    }

    #[test]
    fn progress_stored_before_the_solution_flag_still_loads() {
        // As the build before this field stored it (and as a progress file exported then reads).
        let old = r#"{"format":"scaling-lab-progress","version":1,"learner_seed":42,"lang":"zh","theme":null,
            "read":["power-laws"],"exercises":{"power-laws/ch2-slope":{"attempts":2,"solved":true},
            "power-laws/ch2-predict-d4":{"attempts":1,"solved":false,"guess":"-0.5"}}}"#;
        let r = parse(old).expect("an old record loads");
        assert_eq!(r.learner_seed, 42);
        assert_eq!(r.lang, Some(Language::Zh));
        assert_eq!(r.exercises["power-laws/ch2-slope"], ExerciseRecord { attempts: 2, solved: true, revealed: false, guess: None });
        assert_eq!(r.exercises["power-laws/ch2-predict-d4"].guess.as_deref(), Some("-0.5"));
        assert_eq!(r.solved_count(), 1);
        // Written back, an exercise whose solution was never shown looks as it did.
        let json: serde_json::Value = serde_json::from_str(&to_json(&r)).unwrap();
        assert_eq!(json["exercises"]["power-laws/ch2-slope"], serde_json::json!({"attempts": 2, "solved": true}));
        assert_eq!(json["version"], 1);
        // A shown solution survives a round trip.
        let mut r = r;
        r.exercises.get_mut("power-laws/ch2-slope").unwrap().reveal();
        assert_eq!(parse(&to_json(&r)), Ok(r));
    }

    #[test]
    fn merge_keeps_everything_earned() {
        let mut a = Record::new(1);
        a.exercises.insert("c/x".into(), ExerciseRecord { attempts: 5, solved: false, revealed: false, guess: Some("-0.3".into()) });
        let mut b = sample();
        b.exercises.insert("c/x".into(), ExerciseRecord { attempts: 1, solved: true, revealed: false, guess: None });
        b.exercises.insert("c/y".into(), ExerciseRecord { attempts: 3, solved: false, revealed: true, guess: None });
        a.merge(b);
        assert!(a.read.contains("power-laws"));
        assert_eq!(a.exercises["c/x"], ExerciseRecord { attempts: 5, solved: true, revealed: false, guess: Some("-0.3".into()) });
        assert_eq!(a.exercises["c/y"].status(), ExerciseStatus::SolutionShown, "a shown solution is kept too");
        assert_eq!(a.solved_count(), 2);
        assert_eq!(a.learner_seed, 1, "the learner keeps their own numbers");
    }
}
