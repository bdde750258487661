//! Widget state in the URL query: `?{widget id}.{field}=value`. Generic over any serde parameter
//! struct, so every widget gets shareable links, and bad values become notices instead of crashes.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Map, Value};

/// The result of reading a widget's state from the query.
#[derive(Debug, PartialEq)]
pub struct FromQuery<T> {
    pub params: T,
    /// One per ignored key, naming the key and why (shown to the reader).
    pub notices: Vec<Notice>,
}

/// Why a query key was ignored. Data, not a sentence: the page words it in the reader's language
/// (`Display` is the English text).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The widget has no such setting.
    Unknown { key: String },
    /// The value is not of the setting's type (a word for a number, an unknown choice).
    BadValue { key: String, raw: String },
    /// The value breaks the widget's rules; `reason` is what its validate function said (the
    /// widget words it in the page's language).
    Rejected { key: String, reason: String },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Unknown { key } => write!(f, "{key}: unknown setting"),
            Notice::BadValue { key, raw } => write!(f, "{key}={raw}: not a valid value"),
            Notice::Rejected { key, reason } => write!(f, "{key}: {reason}"),
        }
    }
}

/// Why a candidate set of values could not be built.
enum BuildError {
    /// A value of the wrong type for its field (serde could not read it).
    Type,
    /// The widget's validate function refused it.
    Invalid(String),
}

/// Read `{prefix}.{field}` keys over `defaults`. Each value is parsed with the JSON type of the default
/// field; the combination must pass `validate`, or else keys are taken one by one and those that break
/// it are dropped with a notice.
pub fn read<T, V>(defaults: &T, prefix: &str, query: &[(String, String)], validate: V) -> FromQuery<T>
where
    T: Serialize + DeserializeOwned + Clone,
    V: Fn(&T) -> Result<(), String>,
{
    let base = match serde_json::to_value(defaults) {
        Ok(Value::Object(m)) => m,
        _ => return FromQuery { params: defaults.clone(), notices: vec![] },
    };
    let mut notices = Vec::new();
    let mut parsed: Vec<(String, String, Value, String)> = Vec::new();
    let dotted = format!("{prefix}.");
    for (key, raw) in query {
        let Some(field) = key.strip_prefix(&dotted) else { continue };
        match base.get(field) {
            None => notices.push(Notice::Unknown { key: key.clone() }),
            Some(default) => match parse_like(default, raw) {
                Some(v) => parsed.push((key.clone(), field.to_string(), v, shorten(raw))),
                None => notices.push(Notice::BadValue { key: key.clone(), raw: shorten(raw) }),
            },
        }
    }
    let build = |m: &Map<String, Value>| -> Result<T, BuildError> {
        let t: T = serde_json::from_value(Value::Object(m.clone())).map_err(|_| BuildError::Type)?;
        validate(&t).map_err(BuildError::Invalid)?;
        Ok(t)
    };
    let mut all = base.clone();
    for (_, field, v, _) in &parsed {
        all.insert(field.clone(), v.clone());
    }
    if let Ok(t) = build(&all) {
        return FromQuery { params: t, notices };
    }
    let mut current = base;
    for (key, field, v, raw) in parsed {
        let mut candidate = current.clone();
        candidate.insert(field, v);
        match build(&candidate) {
            Ok(_) => current = candidate,
            Err(BuildError::Type) => notices.push(Notice::BadValue { key, raw }),
            Err(BuildError::Invalid(reason)) => notices.push(Notice::Rejected { key, reason }),
        }
    }
    let params = build(&current).unwrap_or_else(|_| defaults.clone());
    FromQuery { params, notices }
}

/// The query pairs for the fields of `params` that differ from `defaults`, in field order.
pub fn write<T: Serialize>(defaults: &T, params: &T, prefix: &str) -> Vec<(String, String)> {
    let (Ok(Value::Object(d)), Ok(Value::Object(p))) = (serde_json::to_value(defaults), serde_json::to_value(params))
    else {
        return vec![];
    };
    p.into_iter()
        .filter(|(k, v)| d.get(k) != Some(v))
        .map(|(k, v)| {
            let s = match v {
                Value::String(s) => s,
                // Whole floats print as `10`, not `10.0`: shorter links that read like the slider.
                Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) && !n.is_u64() && !n.is_i64() => {
                    format!("{}", n.as_f64().unwrap_or_default() as i64)
                }
                other => other.to_string(),
            };
            (format!("{prefix}.{k}"), s)
        })
        .collect()
}

/// Replace every `{prefix}.*` pair of `query` by `pairs`, keeping other widgets' keys.
pub fn merge(query: &[(String, String)], prefix: &str, pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let dotted = format!("{prefix}.");
    let mut out: Vec<(String, String)> = query.iter().filter(|(k, _)| !k.starts_with(&dotted)).cloned().collect();
    out.extend(pairs);
    out
}

fn parse_like(default: &Value, raw: &str) -> Option<Value> {
    let raw = raw.trim();
    match default {
        Value::Bool(_) => match raw {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        Value::Number(n) if n.is_u64() => raw.parse::<u64>().ok().map(Value::from),
        Value::Number(n) if n.is_i64() => raw.parse::<i64>().ok().map(Value::from),
        Value::Number(_) => crate::format::parse_f64(raw).filter(|v| v.is_finite()).map(Value::from),
        Value::String(_) => Some(Value::String(raw.to_string())),
        Value::Null | Value::Array(_) | Value::Object(_) => serde_json::from_str(raw).ok(),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct P {
        sigma: f64,
        n_min: u64,
        n_max: u64,
        log: bool,
    }
    const D: P = P { sigma: 1.0, n_min: 10, n_max: 1000, log: true };

    fn validate(p: &P) -> Result<(), String> {
        if p.sigma <= 0.0 {
            return Err("sigma must be positive".into());
        }
        if p.n_min >= p.n_max {
            return Err("n_min must be below n_max".into());
        }
        Ok(())
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn reads_valid_values_and_ignores_other_widgets() {
        let r = read(&D, "mse", &q(&[("mse.sigma", "2.5"), ("boxes.d", "3"), ("mse.log", "false")]), validate);
        assert_eq!(r.params, P { sigma: 2.5, log: false, ..D });
        assert!(r.notices.is_empty());
    }

    #[test]
    fn combined_constraints_are_checked_together() {
        // n_min = 2000 alone would break n_min < n_max; with n_max = 5000 in the same link it is fine.
        let r = read(&D, "mse", &q(&[("mse.n_min", "2000"), ("mse.n_max", "5000")]), validate);
        assert_eq!(r.params, P { n_min: 2000, n_max: 5000, ..D });
    }

    #[test]
    fn bad_values_become_notices() {
        let r = read(
            &D,
            "mse",
            &q(&[("mse.sigma", "banana"), ("mse.n_min", "-4"), ("mse.zzz", "1"), ("mse.n_max", "5"), ("mse.sigma", "NaN")]),
            validate,
        );
        assert_eq!(r.params, D);
        assert_eq!(r.notices.len(), 5, "{:?}", r.notices);
        assert!(r.notices.contains(&Notice::Unknown { key: "mse.zzz".into() }));
        assert!(r.notices.contains(&Notice::BadValue { key: "mse.sigma".into(), raw: "banana".into() }));
        assert!(r.notices.contains(&Notice::Rejected { key: "mse.n_max".into(), reason: "n_min must be below n_max".into() }));
        assert!(r.notices.iter().any(|n| n.to_string() == "mse.zzz: unknown setting"));
    }

    #[test]
    fn an_unknown_choice_is_a_bad_value_not_serdes_message() {
        // Before, `axis=banana` became "unknown variant `banana`, expected …": serde's words, in English.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        enum Axis {
            N,
            D,
        }
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        struct E {
            axis: Axis,
        }
        let r = read(&E { axis: Axis::N }, "x", &q(&[("x.axis", "banana")]), |_| Ok(()));
        assert_eq!(r.params, E { axis: Axis::N });
        assert_eq!(read(&E { axis: Axis::N }, "x", &q(&[("x.axis", "d")]), |_| Ok(())).params, E { axis: Axis::D });
        assert_eq!(r.notices, vec![Notice::BadValue { key: "x.axis".into(), raw: "banana".into() }]);
    }

    #[test]
    fn write_emits_only_changes_and_round_trips() {
        let p = P { sigma: 3.0, n_max: 50_000, ..D };
        let pairs = write(&D, &p, "mse");
        assert_eq!(pairs, q(&[("mse.n_max", "50000"), ("mse.sigma", "3")]));
        assert_eq!(read(&D, "mse", &pairs, validate).params, p);
        let merged = merge(&q(&[("boxes.d", "2"), ("mse.sigma", "9")]), "mse", pairs);
        assert_eq!(merged, q(&[("boxes.d", "2"), ("mse.n_max", "50000"), ("mse.sigma", "3")]));
    }
}
