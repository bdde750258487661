//! CSV import of training runs (N, D or C, loss) for fitting.
//!
//! Accepts comma, semicolon or tab separators (detected from the first line), an optional header
//! (detected: a first row with any non-numeric field), a column mapping guessed from the header
//! names or given by the caller, and numbers written with unit suffixes (7e9, 7B, 1.4T, 350M,
//! 125k). Every rejected row is reported with its line number and reason and skipped; nothing is
//! dropped silently. Reasons are data ([`RowProblem`]: which quantity, which column, what is wrong),
//! not sentences, so that the page words them in the reader's language. A loss above [`MAX_LOSS`]
//! nats/token is rejected: it is not a per-token loss, most often the wrong column.
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
/// Largest accepted loss, nats/token. A model that predicts uniformly over its vocabulary V has
/// loss ln V (ln 256 000 ≈ 12.5 for the largest common tokenizers), and a reported final loss is
/// below that; 20 nats is e²⁰ ≈ 5·10⁸ equally likely tokens. A larger value is not a per-token
/// loss: most often the loss was mapped to the N, D or C column, which would fit nonsense.
pub const MAX_LOSS: f64 = 20.0;

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line number in the file.
    pub line: u64,
    /// What was wrong, as data: the page words it in the reader's language (`Display` gives the
    /// English developer text, used by native tools and tests).
    pub problem: RowProblem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// The quantity a column was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// N, parameters.
    Params,
    /// D, training tokens.
    Tokens,
    /// C, training FLOPs.
    Flops,
    /// Loss, nats/token.
    Loss,
    /// U, unique tokens.
    Unique,
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Quantity::Params => "N (params)",
            Quantity::Tokens => "D (tokens)",
            Quantity::Flops => "C (FLOPs)",
            Quantity::Loss => "loss",
            Quantity::Unique => "U (unique tokens)",
        })
    }
}

/// Why one field is not a usable quantity ([`parse_quantity`]); `text` is the field, cut to 40
/// characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case")]
pub enum ValueProblem {
    /// The field is empty.
    #[error("missing value")]
    Missing,
    /// Longer than [`MAX_FIELD_CHARS`].
    #[error("value longer than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// A lower-case `m` suffix: milli or million?
    #[error("\"{text}\" has the ambiguous suffix 'm': write M for million")]
    AmbiguousM {
        /// The field.
        text: String,
    },
    /// Not a number.
    #[error("\"{text}\" is not a number")]
    NotANumber {
        /// The field.
        text: String,
    },
    /// NaN.
    #[error("value is NaN")]
    NaN,
    /// Infinite.
    #[error("\"{text}\" is infinite")]
    Infinite {
        /// The field.
        text: String,
    },
    /// Zero or negative.
    #[error("\"{text}\" is not positive")]
    NotPositive {
        /// The field.
        text: String,
    },
    /// A loss above [`MAX_LOSS`] nats/token: not a per-token loss (most likely another column).
    #[error("{value} is above {max} nats/token, too large for a loss")]
    LossTooLarge {
        /// The value read.
        value: f64,
        /// [`MAX_LOSS`].
        max: f64,
    },
}

/// Why a line was rejected (or, on line 1, why the file could not be read at all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case")]
pub enum RowProblem {
    /// The CSV reader could not read the line (e.g. bad quoting); its message.
    #[error("unreadable line: {detail}")]
    Unreadable {
        /// The CSV reader's message.
        detail: String,
    },
    /// The file has no non-empty line.
    #[error("the file has no rows")]
    NoRows,
    /// The header names were not recognised and no mapping was given.
    #[error("could not recognise the columns N (params), D (tokens) or C (flops), and loss; choose them by hand")]
    ColumnsNotRecognised,
    /// The mapping names a column the file does not have.
    #[error("the mapping names a column beyond the {width} columns of the file")]
    MappingBeyondColumns {
        /// Columns in the file.
        width: usize,
    },
    /// More than [`MAX_ROWS`] data rows: the rest was not read.
    #[error("the file has more than {max} data rows; only the first {max} were read")]
    TooManyRows {
        /// [`MAX_ROWS`].
        max: usize,
    },
    /// The line has too few fields for the column of `quantity`.
    #[error("{quantity}: missing value (the line has {fields} fields)")]
    MissingField {
        /// What the column holds.
        quantity: Quantity,
        /// 0-based column index.
        column: usize,
        /// Fields on the line.
        fields: usize,
    },
    /// The field of `quantity` is not usable.
    #[error("{quantity}: {problem}")]
    BadValue {
        /// What the column holds.
        quantity: Quantity,
        /// 0-based column index.
        column: usize,
        /// What is wrong with it.
        problem: ValueProblem,
    },
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
/// Errors: empty, too long, not a number, NaN or infinite, ≤ 0.
pub fn parse_quantity(field: &str, decimal_comma: bool) -> Result<f64, ValueProblem> {
    let s = field.trim();
    if s.is_empty() {
        return Err(ValueProblem::Missing);
    }
    if s.chars().count() > MAX_FIELD_CHARS {
        return Err(ValueProblem::TooLong { max: MAX_FIELD_CHARS });
    }
    let (num, mult) = match s.chars().last() {
        Some('k' | 'K') => (&s[..s.len() - 1], 1e3),
        Some('M') => (&s[..s.len() - 1], 1e6),
        Some('B' | 'b') => (&s[..s.len() - 1], 1e9),
        Some('T' | 't') => (&s[..s.len() - 1], 1e12),
        Some('m') => return Err(ValueProblem::AmbiguousM { text: show(s) }),
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
        .map_err(|_| ValueProblem::NotANumber { text: show(s) })?;
    let v = v * mult;
    if v.is_nan() {
        return Err(ValueProblem::NaN);
    }
    if v.is_infinite() {
        return Err(ValueProblem::Infinite { text: show(s) });
    }
    if v <= 0.0 {
        return Err(ValueProblem::NotPositive { text: show(s) });
    }
    Ok(v)
}

/// A field for an error message, cut to 40 characters.
fn show(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        cut
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
    let push_err = |out: &mut CsvImport, line: u64, problem: RowProblem| {
        if out.errors.len() < MAX_ERRORS {
            out.errors.push(RowError { line, problem });
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
                push_err(&mut out, line, RowProblem::Unreadable { detail: e.to_string() });
            }
        }
    }
    if out.columns.is_empty() {
        push_err(&mut out, 1, RowProblem::NoRows);
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
        push_err(&mut out, 1, RowProblem::ColumnsNotRecognised);
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
        push_err(&mut out, 1, RowProblem::MappingBeyondColumns { width });
        return out;
    }
    let data_quantity = match map.data {
        DataColumn::Tokens(_) => Quantity::Tokens,
        DataColumn::Flops(_) => Quantity::Flops,
    };
    let mut data_rows = 0usize;
    let rest = first_data.into_iter().map(Ok).chain(records);
    for rec in rest {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                push_err(&mut out, line, RowProblem::Unreadable { detail: e.to_string() });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        if data_rows == MAX_ROWS {
            out.truncated = true;
            push_err(&mut out, line, RowProblem::TooManyRows { max: MAX_ROWS });
            break;
        }
        data_rows += 1;
        let field = |column: usize, quantity: Quantity| -> Result<f64, RowProblem> {
            match rec.get(column) {
                None => Err(RowProblem::MissingField { quantity, column, fields: rec.len() }),
                Some(f) => parse_quantity(f, decimal_comma).map_err(|problem| RowProblem::BadValue { quantity, column, problem }),
            }
        };
        let parsed = (|| {
            let n = field(map.n, Quantity::Params)?;
            let x = field(data_idx, data_quantity)?;
            let loss = field(map.loss, Quantity::Loss)?;
            if loss > MAX_LOSS {
                let problem = ValueProblem::LossTooLarge { value: loss, max: MAX_LOSS };
                return Err(RowProblem::BadValue { quantity: Quantity::Loss, column: map.loss, problem });
            }
            let d = match map.data {
                DataColumn::Tokens(_) => x,
                DataColumn::Flops(_) => x / (FLOPS_PER_PARAM_TOKEN_TRAIN * n),
            };
            let unique = match map.unique {
                Some(i) => Some(field(i, Quantity::Unique)?),
                None => None,
            };
            Ok::<_, RowProblem>((n, d, loss, unique))
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
            Err(problem) => push_err(&mut out, line, problem),
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
