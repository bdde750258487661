//! CSV import of training runs (N, D or C, loss) for fitting.
//!
//! Accepts comma, semicolon or tab separators (detected from the first line), an optional header
//! (detected: a first row with any non-numeric field), a column mapping guessed from the header
//! names or given by the caller, and numbers written with unit suffixes (7e9, 7B, 1.4T, 350M,
//! 125k). Every rejected row is reported with its line number and reason and skipped; nothing is
//! dropped silently.
//!
//! Hostile input is bounded: at most [`MAX_ROWS`] data rows are read (an error says where the
//! file was cut), fields longer than [`MAX_FIELD_CHARS`] are rejected, at most [`MAX_ERRORS`]
//! errors are listed (the rest are counted). Labels are stored as text, control characters
//! removed and cut to [`MAX_LABEL_CHARS`]; a label that starts like a spreadsheet formula
//! (`=`, `+`, `-`, `@`) gets a leading `'` so that re-exporting it cannot inject a formula.
//! HTML in labels is kept as text; escaping is the renderer's job.

use serde::{Deserialize, Serialize};

use crate::chinchilla::FLOPS_PER_PARAM_TOKEN_TRAIN;
use crate::Run;

/// Most data rows read from one file.
pub const MAX_ROWS: usize = 100_000;
/// Most errors listed individually; further ones are only counted.
pub const MAX_ERRORS: usize = 1_000;
/// Longest accepted field, in characters.
pub const MAX_FIELD_CHARS: usize = 256;
/// Longest kept label, in characters.
pub const MAX_LABEL_CHARS: usize = 120;

/// Which column holds the training tokens, or the compute from which D = C/(6N) is derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataColumn {
    /// Column index of D, training tokens.
    Tokens(usize),
    /// Column index of C, training FLOPs.
    Flops(usize),
}

/// Column indices (0-based) of the quantities of a [`Run`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// N, parameters.
    pub n: usize,
    /// D (tokens) or C (FLOPs).
    pub data: DataColumn,
    /// Loss, nats/token.
    pub loss: usize,
    /// Optional label (run name).
    pub label: Option<usize>,
    /// Optional U, unique tokens (data-constrained runs).
    pub unique: Option<usize>,
}

/// One rejected line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line number in the file.
    pub line: u64,
    /// What was wrong, naming the column.
    pub message: String,
}

/// Result of [`import_csv`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CsvImport {
    /// Column names (from the header, or "column 1", … without one).
    pub columns: Vec<String>,
    /// Whether the first row was taken as a header.
    pub has_header: bool,
    /// Separator used.
    pub delimiter: char,
    /// Mapping used (guessed or given); `None` if none could be guessed.
    pub mapping: Option<ColumnMapping>,
    /// Accepted runs, in file order.
    pub rows: Vec<Run>,
    /// Rejected lines (first [`MAX_ERRORS`]).
    pub errors: Vec<RowError>,
    /// Errors beyond [`MAX_ERRORS`], counted but not listed.
    pub errors_not_listed: usize,
    /// True if the file had more than [`MAX_ROWS`] data rows and was cut.
    pub truncated: bool,
}

/// Pick the separator among `,`, `;`, tab: the most frequent in the first non-empty line
/// (outside double quotes); `,` on ties or when none occurs.
pub fn detect_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        return b',';
    }
    [b',', b';', b'\t'][best]
}

fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Guess a mapping from header names. Exact names win (after lower-casing and removing
/// non-alphanumerics): N ← n, params, parameters, num_params, model_size; D ← d, tokens,
/// train_tokens, training_tokens, num_tokens, data; C ← c, flops, flop, compute; loss ← loss, l,
/// val_loss, validation_loss, eval_loss, test_loss, train_loss; label ← name, run, run_name,
/// model, label, id; U (optional) ← u, unique, unique_tokens. Then names containing "param", "token" (but not "unique"), "flop" or "loss".
/// D is preferred over C when both exist. `None` if N, D/C or loss is missing.
pub fn guess_mapping(headers: &[String]) -> Option<ColumnMapping> {
    let names: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let exact = |set: &[&str]| names.iter().position(|h| set.contains(&h.as_str()));
    let contains = |pat: &str| {
        names
            .iter()
            .position(|h| h.contains(pat) && !h.contains("unique") && !h.contains("embed"))
    };
    let n = exact(&[
        "n",
        "params",
        "parameters",
        "numparams",
        "nparams",
        "modelsize",
    ])
    .or_else(|| contains("param"))?;
    let d = exact(&[
        "d",
        "tokens",
        "traintokens",
        "trainingtokens",
        "numtokens",
        "ntokens",
        "data",
    ])
    .or_else(|| contains("token"));
    let c = exact(&["c", "flops", "flop", "compute"]).or_else(|| contains("flop"));
    let loss = exact(&[
        "loss",
        "l",
        "valloss",
        "validationloss",
        "evalloss",
        "testloss",
        "trainloss",
    ])
    .or_else(|| contains("loss"))?;
    let data = match (d, c) {
        (Some(d), _) => DataColumn::Tokens(d),
        (None, Some(c)) => DataColumn::Flops(c),
        (None, None) => return None,
    };
    let label = exact(&["name", "run", "runname", "model", "label", "id"]);
    let unique = exact(&["u", "unique", "uniquetokens", "ud"]);
    Some(ColumnMapping {
        n,
        data,
        loss,
        label,
        unique,
    })
}

/// Parse a positive quantity such as `7e9`, `7B`, `1.4T`, `350M`, `125k`, `2.5`.
/// Suffixes: k/K = 10³, M = 10⁶, B/b = 10⁹, T/t = 10¹². A lower-case `m` is rejected as
/// ambiguous (milli or million?). With `decimal_comma`, a single `,` is read as the decimal point.
/// Errors (as text for [`RowError`]): empty, not a number, NaN or infinite, ≤ 0.
pub fn parse_quantity(field: &str, decimal_comma: bool) -> Result<f64, String> {
    let s = field.trim();
    if s.is_empty() {
        return Err("missing value".into());
    }
    if s.chars().count() > MAX_FIELD_CHARS {
        return Err(format!("value longer than {MAX_FIELD_CHARS} characters"));
    }
    let (num, mult) = match s.chars().last() {
        Some('k' | 'K') => (&s[..s.len() - 1], 1e3),
        Some('M') => (&s[..s.len() - 1], 1e6),
        Some('B' | 'b') => (&s[..s.len() - 1], 1e9),
        Some('T' | 't') => (&s[..s.len() - 1], 1e12),
        Some('m') => {
            return Err(format!(
                "{} has the ambiguous suffix 'm': write M for million",
                show(s)
            ))
        }
        _ => (s, 1.0),
    };
    let owned;
    let num = if decimal_comma && num.matches(',').count() == 1 && !num.contains('.') {
        owned = num.replace(',', ".");
        owned.as_str()
    } else {
        num
    };
    // Rust's parser also accepts "inf" and "NaN"; those are caught below with a clearer message.
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{} is not a number", show(s)))?;
    let v = v * mult;
    if v.is_nan() {
        return Err("value is NaN".into());
    }
    if v.is_infinite() {
        return Err(format!("{} is infinite", show(s)));
    }
    if v <= 0.0 {
        return Err(format!("{} is not positive", show(s)));
    }
    Ok(v)
}

/// Quote a field for an error message, cut to 40 characters.
fn show(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// Make a label safe to keep and re-export: control characters removed, length capped, formula
/// prefixes neutralised with a leading `'`.
pub fn sanitize_label(s: &str) -> String {
    let mut out: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LABEL_CHARS)
        .collect();
    if out.starts_with(['=', '+', '-', '@']) {
        out.insert(0, '\'');
    }
    out
}

/// Import runs from CSV `text`. With `mapping` = `None` the mapping is guessed from the header
/// ([`guess_mapping`]); a file without a header is read positionally as N, D, loss. D is computed
/// as C/(6N) when the mapping names a FLOPs column. Never fails: problems are in
/// [`CsvImport::errors`] with line numbers (a file whose columns cannot be recognised has one
/// error on line 1 and no rows).
pub fn import_csv(text: &str, mapping: Option<ColumnMapping>) -> CsvImport {
    let delimiter = detect_delimiter(text);
    let decimal_comma = delimiter != b',';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = CsvImport {
        columns: Vec::new(),
        has_header: false,
        delimiter: delimiter as char,
        mapping,
        rows: Vec::new(),
        errors: Vec::new(),
        errors_not_listed: 0,
        truncated: false,
    };
    let push_err = |out: &mut CsvImport, line: u64, message: String| {
        if out.errors.len() < MAX_ERRORS {
            out.errors.push(RowError { line, message });
        } else {
            out.errors_not_listed += 1;
        }
    };
    let mut records = reader.records();
    let mut first_data: Option<csv::StringRecord> = None;
    // The first parseable record decides header vs data.
    for rec in records.by_ref() {
        match rec {
            Ok(r) if r.iter().all(|f| f.is_empty()) => continue,
            Ok(r) => {
                // A header is a first row whose fields are mostly not numbers; a data row with
                // one bad value stays a data row (and is reported).
                let numeric = r
                    .iter()
                    .filter(|f| parse_quantity(f, decimal_comma).is_ok())
                    .count();
                if 2 * numeric >= r.len() {
                    out.columns = (1..=r.len()).map(|i| format!("column {i}")).collect();
                    first_data = Some(r);
                } else {
                    out.has_header = true;
                    out.columns = r.iter().map(sanitize_label).collect();
                }
                break;
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                push_err(&mut out, line, format!("unreadable line: {e}"));
            }
        }
    }
    if out.columns.is_empty() {
        push_err(&mut out, 1, "the file has no rows".into());
        return out;
    }
    if out.mapping.is_none() {
        out.mapping = if out.has_header {
            guess_mapping(&out.columns)
        } else if out.columns.len() >= 3 {
            Some(ColumnMapping {
                n: 0,
                data: DataColumn::Tokens(1),
                loss: 2,
                label: None,
                unique: None,
            })
        } else {
            None
        };
    }
    let Some(map) = out.mapping else {
        push_err(
            &mut out,
            1,
            "could not recognise the columns N (params), D (tokens) or C (flops), and loss; choose them by hand".into(),
        );
        return out;
    };
    let data_idx = match map.data {
        DataColumn::Tokens(i) | DataColumn::Flops(i) => i,
    };
    let width = out.columns.len();
    if [map.n, data_idx, map.loss]
        .iter()
        .chain(map.label.iter())
        .chain(map.unique.iter())
        .any(|&i| i >= width)
    {
        push_err(
            &mut out,
            1,
            format!("the mapping names a column beyond the {width} columns of the file"),
        );
        return out;
    }
    let data_name = match map.data {
        DataColumn::Tokens(_) => "D (tokens)",
        DataColumn::Flops(_) => "C (FLOPs)",
    };
    let mut data_rows = 0usize;
    let rest = first_data.into_iter().map(Ok).chain(records);
    for rec in rest {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                push_err(&mut out, line, format!("unreadable line: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        if data_rows == MAX_ROWS {
            out.truncated = true;
            push_err(
                &mut out,
                line,
                format!("the file has more than {MAX_ROWS} data rows; only the first {MAX_ROWS} were read"),
            );
            break;
        }
        data_rows += 1;
        let field = |i: usize, what: &str| -> Result<f64, String> {
            match rec.get(i) {
                None => Err(format!(
                    "{what}: missing value (the line has {} fields)",
                    rec.len()
                )),
                Some(f) => parse_quantity(f, decimal_comma).map_err(|m| format!("{what}: {m}")),
            }
        };
        let parsed = (|| {
            let n = field(map.n, "N (params)")?;
            let x = field(data_idx, data_name)?;
            let loss = field(map.loss, "loss")?;
            let d = match map.data {
                DataColumn::Tokens(_) => x,
                DataColumn::Flops(_) => x / (FLOPS_PER_PARAM_TOKEN_TRAIN * n),
            };
            let unique = match map.unique {
                Some(i) => Some(field(i, "U (unique tokens)")?),
                None => None,
            };
            Ok::<_, String>((n, d, loss, unique))
        })();
        match parsed {
            Ok((n, d, loss, unique)) => {
                let label = map
                    .label
                    .and_then(|i| rec.get(i))
                    .map(sanitize_label)
                    .unwrap_or_default();
                out.rows.push(Run {
                    n,
                    d,
                    loss,
                    unique,
                    label,
                });
            }
            Err(m) => push_err(&mut out, line, m),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("\"x;y;z\",b,c"), b',');
        assert_eq!(detect_delimiter("single"), b',');
        assert_eq!(detect_delimiter(""), b',');
    }

    #[test]
    fn labels_are_sanitised() {
        assert_eq!(sanitize_label("+1 run"), "'+1 run");
        assert_eq!(sanitize_label("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(sanitize_label("a\u{0}b\u{7}"), "ab");
        assert_eq!(sanitize_label("plain"), "plain");
    }
}
