//! What the scaling-law widgets (chapters 3–5) tell the reader when something is wrong, in the
//! page's language. The `scaling` crate stays web-free and language-free: its errors are data (which
//! field, which run, which column, what range), and this module words them for a reader, naming the
//! control or row and saying what to do. Their `Display` texts remain the developer's (lesson
//! compiler, native tests). Plain logic, so it builds and is tested natively.

use scaling::chinchilla::InferenceError;
use scaling::csv_import::{CsvImport, Quantity, RowProblem, ValueProblem};
use scaling::fit_lab::{Exponent, FitLabError, HeldOutBelowTraining, RunQuantity, Setting};
use scaling::law_explorer::{ParamError, Rule, Unit};
use scaling::muennighoff::DataConstrainedError;
use scaling::planner_params::PlannerParamError;
use scaling::{BootstrapError, FitError};

use crate::compute::protocol::JobError;
use crate::format::sig;
use crate::i18n::Language;

fn en(lang: Language) -> bool {
    lang == Language::En
}

/// Chinese text with a space between a Chinese character and an adjacent Latin letter or digit
/// (`最小 N 必须`, `没有 D（词元数）`), as Chinese typesetting does; English passes through.
fn spaced(s: String, lang: Language) -> String {
    if en(lang) {
        return s;
    }
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // Digits include superscripts (10¹⁵), letters include Greek (α, β).
    let latin = |c: char| c.is_ascii_alphanumeric() || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c) || ('α'..='ω').contains(&c);
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if (cjk(p) && latin(c)) || (latin(p) && cjk(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// "1 run", "3 runs".
fn runs_en(n: usize) -> String {
    format!("{n} {}", if n == 1 { "run" } else { "runs" })
}

/// A number as the widgets print it (3 significant digits, ×10ᵏ for large and small values).
fn num(v: f64) -> String {
    sig(v, 3)
}

/// Run `index` (0-based) as the reader counts it, with its label when it has one.
fn run_name(index: usize, label: &str, lang: Language) -> String {
    match (en(lang), label.is_empty()) {
        (true, true) => format!("Run {}", index + 1),
        (true, false) => format!("Run {} (“{label}”)", index + 1),
        (false, true) => format!("第 {} 个运行", index + 1),
        (false, false) => format!("第 {} 个运行（“{label}”）", index + 1),
    }
}

/// Why the fit lab cannot fit, or why its fit or bootstrap failed.
pub fn fit_lab_error(e: &FitLabError, lang: Language) -> String {
    spaced(fit_lab_error_words(e, lang), lang)
}

fn fit_lab_error_words(e: &FitLabError, lang: Language) -> String {
    let en = en(lang);
    match e {
        FitLabError::OutOfRange { field, value, min, max } => {
            let (name_en, name_zh) = match field {
                Setting::HoldOut => ("The number of held-out runs", "留出的运行数"),
                Setting::Budget => ("The budget C", "预算 C"),
                Setting::Resamples => ("The number of bootstrap resamples", "自助重采样次数"),
            };
            if en {
                format!("{name_en} must be between {} and {} (it is {}). Choose a value in that range.", num(*min), num(*max), num(*value))
            } else {
                format!("{name_zh}必须在 {} 到 {} 之间（现在是 {}）。请选择这个范围内的值。", num(*min), num(*max), num(*value))
            }
        }
        FitLabError::TooFewRuns { law, loaded, held_out, need } => {
            let law = law.formula();
            let train = loaded.saturating_sub(*held_out);
            if loaded < need {
                if en {
                    format!("Only {} loaded: fitting {law} needs at least {need}. Add more runs to your data.", runs_en(*loaded))
                } else {
                    format!("只载入了 {loaded} 个运行：拟合 {law} 至少需要 {need} 个。请在数据中补充更多运行。")
                }
            } else if en {
                format!(
                    "{} loaded and {held_out} held out leaves {train} to fit, but {law} needs at least {need}. Hold out at most {} (the slider “hold out the largest-compute runs”).",
                    runs_en(*loaded),
                    loaded - need
                )
            } else {
                format!(
                    "载入了 {loaded} 个运行，留出 {held_out} 个后只剩 {train} 个用于拟合，而 {law} 至少需要 {need} 个。请把“留出计算量最大的运行数”调到 {} 或更少。",
                    loaded - need
                )
            }
        }
        FitLabError::Unvaried(q) => match (q, en) {
            (RunQuantity::N, true) => "Every training run has the same model size N. The fit needs at least two different N to tell the A/Nᵅ term apart from E: add runs of another model size.".into(),
            (RunQuantity::N, false) => "所有训练运行的模型规模 N 都相同。至少要有两个不同的 N，才能把 A/Nᵅ 项和 E 区分开：请加入其他规模模型的运行。".into(),
            (RunQuantity::D, true) => "Every training run saw the same number of tokens D. The fit needs at least two different D to tell the B/Dᵝ term apart from E: add runs trained on another number of tokens.".into(),
            (RunQuantity::D, false) => "所有训练运行的训练词元数 D 都相同。至少要有两个不同的 D，才能把 B/Dᵝ 项和 E 区分开：请加入训练词元数不同的运行。".into(),
            (RunQuantity::C, true) => "Every training run used the same compute C = 6ND. A power law in C needs at least two different compute values: add runs of another size.".into(),
            (RunQuantity::C, false) => "所有训练运行的计算量 C = 6ND 都相同。幂律 L(C) 至少需要两个不同的计算量：请加入规模不同的运行。".into(),
        },
        FitLabError::NonPositive { index, label } => {
            let run = run_name(*index, label, lang);
            if en {
                format!("{run}: N, D and the loss must all be positive numbers. Correct or remove that run.")
            } else {
                format!("{run}：N、D 和损失都必须是正数。请修正或删除这个运行。")
            }
        }
        FitLabError::LossTooLarge { index, label, loss, max } => {
            let run = run_name(*index, label, lang);
            if en {
                format!("{run} has a loss of {}, more than {} nats per token: that is not a per-token loss. Check that the loss column holds the loss in nats.", num(*loss), num(*max))
            } else {
                format!("{run}的损失是 {}，超过每词元 {} nats，不可能是每词元的损失。请检查损失列是否选对、单位是否为 nats。", num(*loss), num(*max))
            }
        }
        FitLabError::ExponentNotPositive { name, value } => exponent_not_positive(*name, *value, lang),
        FitLabError::Fit(f) => fit_error(f, lang),
        FitLabError::Bootstrap(b) => match (b, en) {
            (BootstrapError::NoSuccess { failed }, true) => format!(
                "The bootstrap failed: none of the {failed} resampled refits converged, so there are no intervals. Try more runs, fewer held out, or another seed."
            ),
            (BootstrapError::NoSuccess { failed }, false) => {
                format!("自助法失败：{failed} 次重采样拟合全都没有收敛，因此给不出区间。试试更多的运行、少留出几个，或换一个种子。")
            }
            (BootstrapError::Empty, true) => "The bootstrap had no runs to resample.".into(),
            (BootstrapError::Empty, false) => "自助法没有可以重采样的运行。".into(),
            (BootstrapError::BadOptions, true) => "The bootstrap settings are invalid: choose between 10 and 2000 resamples.".into(),
            (BootstrapError::BadOptions, false) => "自助法的设置无效：重采样次数请选 10 到 2000。".into(),
        },
    }
}

/// Why the held-out RMSE can be below the training RMSE, with this fit's counts: a few held-out
/// runs can all lie close to the law by chance, and (when [`HeldOutBelowTraining::few_runs_dominate`])
/// a few training runs far from the law, which the Huber fit lets pull only weakly, dominate the
/// training RMSE. Shown under the fit summary only when it happens.
pub fn held_out_below_training(h: &HeldOutBelowTraining, lang: Language) -> String {
    spaced(held_out_below_training_words(h, lang), lang)
}

fn held_out_below_training_words(h: &HeldOutBelowTraining, lang: Language) -> String {
    let k = h.held_out;
    let chance = match (en(lang), k) {
        (true, 1) => "with only 1 held-out run, it can lie close to the fitted law by chance".to_string(),
        (true, 2) => "with only 2 held-out runs, both can lie close to the fitted law by chance".to_string(),
        (true, _) => format!("with only {k} held-out runs, all of them can lie close to the fitted law by chance"),
        (false, 1) => "只有 1 个留出运行，它可能碰巧落在拟合的规律附近".to_string(),
        (false, 2) => "只有 2 个留出运行，两个都可能碰巧落在拟合的规律附近".to_string(),
        (false, _) => format!("只有 {k} 个留出运行，它们都可能碰巧落在拟合的规律附近"),
    };
    let Some(without) = h.train_rmse_without.filter(|_| h.few_runs_dominate()) else {
        return if en(lang) {
            format!("The held-out error is below the training error here: {chance}. With more held-out runs the held-out error is usually the larger.")
        } else {
            format!("这里留出误差低于训练误差：{chance}。留出的运行多一些时，通常是留出误差更大。")
        };
    };
    let (m, n) = (h.dominant, h.training);
    if en(lang) {
        let worst = if m == 1 { format!("the worst of the {n} training runs makes") } else { format!("the {m} worst of the {n} training runs make") };
        let mut chance = chance;
        chance[..1].make_ascii_uppercase();
        format!(
            "The held-out error is below the training error here. The fit limits the pull of runs far from the law (the Huber loss), but the RMSE squares each residual, so such runs dominate the training RMSE: {worst} up at least half of its sum of squares (without {} it would be {} nats). {chance}.",
            if m == 1 { "that run" } else { "those runs" },
            num(without)
        )
    } else {
        format!(
            "这里留出误差低于训练误差。拟合用 Huber 损失限制了远离规律的运行的拉力，而 RMSE 对每个残差取平方，所以这样的运行主导了训练 RMSE：{n} 个训练运行中最差的 {m} 个就占了平方和的一半以上（去掉{}，训练 RMSE 为 {} nats）。另外，{chance}。",
            if m == 1 { "它" } else { "它们" },
            num(without)
        )
    }
}

/// The fitted exponent `name` is `value` ≤ 0: the fit has no frontier, optimum or bootstrap.
pub fn exponent_not_positive(name: Exponent, value: f64, lang: Language) -> String {
    spaced(exponent_not_positive_words(name, value, lang), lang)
}

fn exponent_not_positive_words(name: Exponent, value: f64, lang: Language) -> String {
    let symbol = match name {
        Exponent::Alpha => "α",
        Exponent::Beta => "β",
    };
    if en(lang) {
        format!(
            "The fitted exponent {symbol} = {} is not positive: in this fit the loss does not fall as the runs grow, so there is no compute-optimal frontier, no Nₒₚₜ and nothing to extrapolate (and no bootstrap). Check that the loss column holds the loss, and that larger runs reach lower losses.",
            num(value)
        )
    } else {
        format!(
            "拟合得到的指数 {symbol} = {} 不是正数：按这个拟合，损失不会随规模增大而下降，因此没有计算最优前沿、没有 Nₒₚₜ，也无从外推（也不做自助法）。请检查损失列是否选对，以及更大的运行是否确实达到了更低的损失。",
            num(value)
        )
    }
}

fn fit_error(e: &FitError, lang: Language) -> String {
    let en = en(lang);
    match e {
        FitError::TooFewPoints { got, need } => {
            if en {
                format!("Only {} for the fit; it needs at least {need}. Add runs or hold out fewer.", runs_en(*got))
            } else {
                format!("只有 {got} 个运行可用于拟合，至少需要 {need} 个。请补充运行，或少留出几个。")
            }
        }
        FitError::NonPositive(v) => {
            if en {
                format!("A value of {} is zero, negative or not a number: N, D and the loss must all be positive.", num(*v))
            } else {
                format!("有一个值是 {}，不是正数：N、D 和损失都必须是正数。", num(*v))
            }
        }
        FitError::NoFiniteStart => {
            if en {
                "The optimiser found no starting point where the law gives a finite loss for these runs. Check the data for extreme values.".into()
            } else {
                "优化器找不到一个能让这些运行的损失取有限值的起点。请检查数据里是否有极端值。".into()
            }
        }
        FitError::Cancelled => if en { "The fit was cancelled.".into() } else { "拟合已取消。".into() },
        FitError::ShapeMismatch | FitError::IsoFlop(_) => {
            if en {
                format!("The fit failed ({e}).")
            } else {
                format!("拟合失败（{e}）。")
            }
        }
    }
}

/// A failed worker job: the job's own failure as [`JobFailure`] words it, the rest in a sentence
/// that keeps the developer detail in parentheses.
pub fn job_error<F: JobFailure>(e: &JobError<F>, lang: Language) -> String {
    let words = match (e, en(lang)) {
        (JobError::Job(f), _) => f.words(lang),
        (JobError::Worker(m), true) => format!("The computation stopped unexpectedly ({m}). Change a setting or reload the page to try again."),
        (JobError::Worker(m), false) => format!("计算意外中止（{m}）。请改动一项设置或刷新页面后再试。"),
        (JobError::Malformed(m), true) => format!("Internal error: the request could not be read ({m})."),
        (JobError::Malformed(m), false) => format!("内部错误：无法读取计算请求（{m}）。"),
    };
    spaced(words, lang)
}

/// A job family's own failure ([`crate::compute::protocol::Jobs::Failure`]) in the reader's words.
pub trait JobFailure {
    fn words(&self, lang: Language) -> String;
}

impl JobFailure for FitLabError {
    fn words(&self, lang: Language) -> String {
        fit_lab_error_words(self, lang)
    }
}

/// A simulation's failure (chapter 2): its developer text, since the page validated the parameters
/// before sending them and a failure is a bug to report.
impl JobFailure for String {
    fn words(&self, lang: Language) -> String {
        if en(lang) {
            format!("The simulation failed: {self}.")
        } else {
            format!("模拟失败（{self}）。")
        }
    }
}

fn quantity(q: Quantity, lang: Language) -> &'static str {
    match (q, en(lang)) {
        (Quantity::Params, true) => "N (parameters)",
        (Quantity::Params, false) => "N（参数量）",
        (Quantity::Tokens, true) => "D (tokens)",
        (Quantity::Tokens, false) => "D（词元数）",
        (Quantity::Flops, true) => "C (FLOPs)",
        (Quantity::Flops, false) => "C（FLOPs）",
        (Quantity::Loss, true) => "loss",
        (Quantity::Loss, false) => "损失",
        (Quantity::Unique, true) => "U (unique tokens)",
        (Quantity::Unique, false) => "U（不重复词元数）",
    }
}

/// A CSV column as the reader knows it: its header name, or its position in a file without one.
pub fn column_name(i: &CsvImport, column: usize, lang: Language) -> String {
    match (i.has_header.then(|| i.columns.get(column)).flatten(), en(lang)) {
        (Some(name), true) => format!("column “{name}”"),
        (Some(name), false) => format!("“{name}”列"),
        (None, true) => format!("column {}", column + 1),
        (None, false) => format!("第 {} 列", column + 1),
    }
}

/// The label of a column in the column choices (its name, or "column k" / "第 k 列").
pub fn column_label(i: &CsvImport, column: usize, lang: Language) -> String {
    match (i.has_header.then(|| i.columns.get(column)).flatten(), en(lang)) {
        (Some(name), _) => name.clone(),
        (None, true) => format!("column {}", column + 1),
        (None, false) => format!("第 {} 列", column + 1),
    }
}

fn value_problem(p: &ValueProblem, lang: Language) -> String {
    match (p, en(lang)) {
        (ValueProblem::Missing, true) => "the value is empty".into(),
        (ValueProblem::Missing, false) => "值是空的".into(),
        (ValueProblem::TooLong { max }, true) => format!("the value is longer than {max} characters"),
        (ValueProblem::TooLong { max }, false) => format!("值超过了 {max} 个字符"),
        (ValueProblem::AmbiguousM { text }, true) => format!("“{text}” ends in m, which could mean milli or million: write M for million"),
        (ValueProblem::AmbiguousM { text }, false) => format!("“{text}”以 m 结尾，分不清是“毫”还是“百万”：百万请写成 M"),
        (ValueProblem::NotANumber { text }, true) => format!("“{text}” is not a number"),
        (ValueProblem::NotANumber { text }, false) => format!("“{text}”不是数字"),
        (ValueProblem::NaN, true) => "the value is NaN, not a number".into(),
        (ValueProblem::NaN, false) => "值是 NaN，不是数字".into(),
        (ValueProblem::Infinite { text }, true) => format!("“{text}” is infinite"),
        (ValueProblem::Infinite { text }, false) => format!("“{text}”是无穷大"),
        (ValueProblem::NotPositive { text }, true) => format!("“{text}” is not positive: it must be greater than 0"),
        (ValueProblem::NotPositive { text }, false) => format!("“{text}”不是正数：必须大于 0"),
        (ValueProblem::LossTooLarge { value, max }, true) => {
            format!("{} is more than {} nats per token, too large for a loss: is the loss in another column?", num(*value), num(*max))
        }
        (ValueProblem::LossTooLarge { value, max }, false) => {
            format!("{} 超过每词元 {} nats，不可能是损失：损失是不是在另一列？", num(*value), num(*max))
        }
    }
}

/// Why one line of the reader's CSV was rejected (the line number is shown beside it).
pub fn row_problem(p: &RowProblem, i: &CsvImport, lang: Language) -> String {
    spaced(row_problem_words(p, i, lang), lang)
}

fn row_problem_words(p: &RowProblem, i: &CsvImport, lang: Language) -> String {
    let en = en(lang);
    match p {
        RowProblem::Unreadable { .. } => {
            if en {
                "this line cannot be read as CSV: check its quotes and separators".into()
            } else {
                "这一行无法按 CSV 读取：请检查引号和分隔符".into()
            }
        }
        RowProblem::NoRows => if en { "the file is empty".into() } else { "文件是空的".into() },
        RowProblem::ColumnsNotRecognised => {
            if en {
                "the columns were not recognised: choose them below".into()
            } else {
                "无法识别各列：请在下方选择".into()
            }
        }
        RowProblem::MappingBeyondColumns { width } => {
            if en {
                format!("the chosen columns do not exist: the file has only {width}")
            } else {
                format!("所选的列不存在：文件只有 {width} 列")
            }
        }
        RowProblem::TooManyRows { max } => {
            if en {
                format!("only the first {max} rows were read; the rest of the file is ignored")
            } else {
                format!("只读入了前 {max} 行，文件的其余部分被忽略")
            }
        }
        RowProblem::MissingField { quantity: q, column, fields } => {
            let col = column_name(i, *column, lang);
            if en {
                format!("no {} in {col}: the line has only {fields} field(s)", quantity(*q, lang))
            } else {
                format!("{col}没有{}：这一行只有 {fields} 个字段", quantity(*q, lang))
            }
        }
        RowProblem::BadValue { quantity: q, column, problem } => {
            let col = column_name(i, *column, lang);
            if en {
                format!("{} ({col}): {}", quantity(*q, lang), value_problem(problem, lang))
            } else {
                format!("{}（{col}）：{}", quantity(*q, lang), value_problem(problem, lang))
            }
        }
    }
}

/// When no row could be used and every row failed on the same column, one sentence that says so
/// and what to do (the per-line list alone would bury it).
pub fn import_overview(i: &CsvImport, lang: Language) -> Option<String> {
    import_overview_words(i, lang).map(|s| spaced(s, lang))
}

fn import_overview_words(i: &CsvImport, lang: Language) -> Option<String> {
    if !i.rows.is_empty() || i.errors.len() < 2 {
        return None;
    }
    let key = |p: &RowProblem| match p {
        RowProblem::BadValue { quantity, column, .. } | RowProblem::MissingField { quantity, column, .. } => Some((*quantity, *column)),
        _ => None,
    };
    let first = key(&i.errors[0].problem)?;
    if !i.errors.iter().all(|e| key(&e.problem) == Some(first)) {
        return None;
    }
    let (q, column) = first;
    let col = column_name(i, column, lang);
    let n = i.errors.len() + i.errors_not_listed;
    Some(if en(lang) {
        format!(
            "None of the {n} rows could be used: the {} in {col} is invalid on every row. Check that {col} really holds the {}, or choose another column below.",
            quantity(q, lang),
            quantity(q, lang)
        )
    } else {
        format!("{n} 行全都无法使用：每一行的{}（{col}）都无效。请确认{col}确实是{}，或在下方改选其他列。", quantity(q, lang), quantity(q, lang))
    })
}

/// The CSV file chosen is larger than the page reads.
pub fn file_too_large(name: &str, megabytes: f64, limit: f64, lang: Language) -> String {
    spaced(file_too_large_words(name, megabytes, limit, lang), lang)
}

fn file_too_large_words(name: &str, megabytes: f64, limit: f64, lang: Language) -> String {
    if en(lang) {
        format!("“{name}” is {} MB, more than the {} MB this page reads. Use a smaller file, or only the rows you need.", sig(megabytes, 3), sig(limit, 3))
    } else {
        format!("“{name}”有 {} MB，超过了本页可读取的 {} MB。请换一个小一些的文件，或只保留需要的行。", sig(megabytes, 3), sig(limit, 3))
    }
}

/// The browser could not read the chosen file.
pub fn file_unreadable(name: &str, lang: Language) -> String {
    spaced(file_unreadable_words(name, lang), lang)
}

fn file_unreadable_words(name: &str, lang: Language) -> String {
    if en(lang) {
        format!("Could not read “{name}”. Try opening it again, or paste its text into the box.")
    } else {
        format!("无法读取“{name}”。请重新打开，或把文件内容粘贴到文本框里。")
    }
}

/// The name of a law explorer or compute planner setting, as its control is labelled.
fn lab_field(field: &str, lang: Language) -> String {
    let (en_name, zh_name) = match field {
        "e" => ("E (irreducible loss)", "E（不可约损失）"),
        "a" => ("A", "A"),
        "b" => ("B", "B"),
        "alpha" => ("α", "α"),
        "beta" => ("β", "β"),
        "alpha_n" => ("α_N", "α_N"),
        "n_c" => ("N_c", "N_c"),
        "alpha_d" => ("α_D", "α_D"),
        "d_c" => ("D_c", "D_c"),
        "alpha_c" => ("α_C^min", "α_C^min"),
        "c_c" => ("C_c^min", "C_c^min"),
        "fixed_d" => ("the fixed D", "固定的 D"),
        "fixed_n" => ("the fixed N", "固定的 N"),
        "n_min" => ("the smallest N", "最小 N"),
        "n_max" => ("the largest N", "最大 N"),
        "d_min" => ("the smallest D", "最小 D"),
        "d_max" => ("the largest D", "最大 D"),
        "c_min" => ("the smallest C", "最小 C"),
        "c_max" => ("the largest C", "最大 C"),
        "points" => ("the number of points", "点数"),
        "c" => ("the budget C", "预算 C"),
        "gpus" => ("the number of GPUs", "GPU 数"),
        "hours" => ("the hours", "小时数"),
        "peak_flops" => ("the peak FLOP/s per GPU", "每块 GPU 的峰值 FLOP/s"),
        "utilization" => ("the utilization", "利用率"),
        "curves" => ("the number of IsoFLOP curves", "IsoFLOP 曲线条数"),
        other => return other.to_string(),
    };
    if en(lang) { en_name } else { zh_name }.to_string()
}

fn unit(u: Unit, lang: Language) -> &'static str {
    match (u, en(lang)) {
        (Unit::None, _) => "",
        (Unit::Nats, true) => " nats/token",
        (Unit::Nats, false) => " nats/词元",
        (Unit::Params, true) => " parameters",
        (Unit::Params, false) => " 个参数",
        (Unit::Tokens, true) => " tokens",
        (Unit::Tokens, false) => " 个词元",
        (Unit::Flops, _) => " FLOPs",
        (Unit::PfDays, true) => " PF-days",
        (Unit::PfDays, false) => " PF-天",
        (Unit::FlopsPerSecond, _) => " FLOP/s",
        (Unit::Hours, true) => " hours",
        (Unit::Hours, false) => " 小时",
    }
}

/// `s` with its first letter upper-cased (English sentences that start with a field name).
fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A law explorer or compute planner setting out of range.
pub fn lab_param_error(e: &ParamError, lang: Language) -> String {
    spaced(lab_param_error_words(e, lang), lang)
}

fn lab_param_error_words(e: &ParamError, lang: Language) -> String {
    let ParamError::OutOfRange { field, value, rule } = e;
    let name = lab_field(field, lang);
    let value = crate::format::parse_f64(value).map(num).unwrap_or_else(|| value.clone());
    match (*rule, en(lang)) {
        (Rule::Range { min, max, open_min: false, unit: u }, true) => {
            format!("{} must be between {} and {}{} (it is {value}).", capital(&name), num(min), num(max), unit(u, lang))
        }
        (Rule::Range { min, max, open_min: false, unit: u }, false) => {
            format!("{name}必须在 {} 到 {}{}之间（现在是 {value}）。", num(min), num(max), unit(u, lang))
        }
        (Rule::Range { min, max, open_min: true, unit: u }, true) => {
            format!("{} must be above {} and at most {}{} (it is {value}).", capital(&name), num(min), num(max), unit(u, lang))
        }
        (Rule::Range { min, max, open_min: true, unit: u }, false) => {
            format!("{name}必须大于 {} 且不超过 {}{}（现在是 {value}）。", num(min), num(max), unit(u, lang))
        }
        (Rule::Below { upper, min, max, unit: u }, true) => format!(
            "{} must be below {}: move one of the two sliders (both between {} and {}{}).",
            capital(&name),
            lab_field(upper, lang),
            num(min),
            num(max),
            unit(u, lang)
        ),
        (Rule::Below { upper, min, max, unit: u }, false) => format!(
            "{name}必须小于{}：请移动两个滑块中的一个（两者都在 {} 到 {}{}之间）。",
            lab_field(upper, lang),
            num(min),
            num(max),
            unit(u, lang)
        ),
        (Rule::GpuBudget { min, max }, true) => format!(
            "GPUs × hours × peak FLOP/s × utilization gives a budget outside {} to {} FLOPs: change one of them.",
            num(min),
            num(max)
        ),
        (Rule::GpuBudget { min, max }, false) => {
            format!("GPU 数 × 小时数 × 峰值 FLOP/s × 利用率得到的预算超出了 {} 到 {} FLOPs 的范围：请调整其中一项。", num(min), num(max))
        }
    }
}

/// The name and unit of a chapter-4 planner setting, as its control is labelled.
fn planner_field(field: &str, lang: Language) -> (String, &'static str) {
    let (en_name, zh_name, u) = match field {
        "n" => ("the parameters N", "参数量 N", Unit::Params),
        "unique_tokens" => ("the unique tokens U", "不重复词元数 U", Unit::Tokens),
        "epochs" => ("the epochs D/U", "训练轮数 D/U", Unit::None),
        "max_epochs" => ("“plot up to (epochs)”", "“横轴上限（轮）”", Unit::None),
        "threshold" => ("the stopping threshold", "停止阈值", Unit::None),
        "budget" => ("the budget C", "预算 C", Unit::Flops),
        "inference_tokens" => ("the lifetime inference tokens", "生命周期内的推理词元数", Unit::Tokens),
        other => return (other.to_string(), ""),
    };
    ((if en(lang) { en_name } else { zh_name }).to_string(), unit(u, lang))
}

/// A chapter-4 planner setting out of range, or the chosen epochs beyond the plotted range.
pub fn planner_param_error(e: &PlannerParamError, lang: Language) -> String {
    spaced(planner_param_error_words(e, lang), lang)
}

fn planner_param_error_words(e: &PlannerParamError, lang: Language) -> String {
    match (e, en(lang)) {
        (PlannerParamError::OutOfRange { field, value, min, max }, true) => {
            let (name, u) = planner_field(field, lang);
            format!("{} must be between {} and {}{u} (it is {}).", capital(&name), num(*min), num(*max), num(*value))
        }
        (PlannerParamError::OutOfRange { field, value, min, max }, false) => {
            let (name, u) = planner_field(field, lang);
            format!("{name}必须在 {} 到 {}{u}之间（现在是 {}）。", num(*min), num(*max), num(*value))
        }
        (PlannerParamError::EpochsBeyondRange { epochs, max_epochs }, true) => format!(
            "The chosen {} epochs lie beyond the plotted range (up to {}): raise “plot up to (epochs)” or choose fewer epochs.",
            num(*epochs),
            num(*max_epochs)
        ),
        (PlannerParamError::EpochsBeyondRange { epochs, max_epochs }, false) => {
            format!("所选的 {} 轮超出了横轴范围（最多 {} 轮）：请调高“横轴上限（轮）”，或减少训练轮数。", num(*epochs), num(*max_epochs))
        }
    }
}

/// The data-constrained law refused its inputs.
pub fn data_constrained_error(e: &DataConstrainedError, lang: Language) -> String {
    spaced(data_constrained_error_words(e, lang), lang)
}

fn data_constrained_error_words(e: &DataConstrainedError, lang: Language) -> String {
    match (e, en(lang)) {
        (DataConstrainedError::UniqueExceedsTotal { unique, total }, true) => format!(
            "The unique tokens U = {} exceed the tokens trained on, D = {}: train for at least one epoch.",
            num(*unique),
            num(*total)
        ),
        (DataConstrainedError::UniqueExceedsTotal { unique, total }, false) => {
            format!("不重复词元数 U = {} 超过了训练词元数 D = {}：至少要训练一轮。", num(*unique), num(*total))
        }
        (DataConstrainedError::NonPositive, true) => "N, D and U must all be positive numbers.".into(),
        (DataConstrainedError::NonPositive, false) => "N、D 和 U 都必须是正数。".into(),
    }
}

/// The inference-aware optimum could not be computed.
pub fn inference_error(e: &InferenceError, lang: Language) -> String {
    spaced(inference_error_words(e, lang), lang)
}

fn inference_error_words(e: &InferenceError, lang: Language) -> String {
    match (e, en(lang)) {
        (InferenceError::Unreachable { target, e }, true) => format!(
            "The target loss of {} nats is not above this law's irreducible loss E = {} nats, so no model size reaches it: choose a smaller training budget.",
            num(*target),
            num(*e)
        ),
        (InferenceError::Unreachable { target, e }, false) => {
            format!("目标损失 {} nats 不高于该规律的不可约损失 E = {} nats，任何规模的模型都达不到：请选一个小一些的训练预算。", num(*target), num(*e))
        }
        (InferenceError::InvalidInput, true) => "The budget and the inference tokens must be finite numbers, the tokens zero or more.".into(),
        (InferenceError::InvalidInput, false) => "预算和推理词元数都必须是有限的数，推理词元数不能为负。".into(),
    }
}

/// Why a chapter-4 planner shows no result: its settings, or the law it evaluates, refused.
#[derive(Clone, Debug, PartialEq)]
pub enum PlannerProblem {
    Params(PlannerParamError),
    DataConstrained(DataConstrainedError),
    Inference(InferenceError),
}

impl From<PlannerParamError> for PlannerProblem {
    fn from(e: PlannerParamError) -> Self {
        PlannerProblem::Params(e)
    }
}

impl From<DataConstrainedError> for PlannerProblem {
    fn from(e: DataConstrainedError) -> Self {
        PlannerProblem::DataConstrained(e)
    }
}

impl From<InferenceError> for PlannerProblem {
    fn from(e: InferenceError) -> Self {
        PlannerProblem::Inference(e)
    }
}

impl PlannerProblem {
    /// The reader's message.
    pub fn text(&self, lang: Language) -> String {
        match self {
            PlannerProblem::Params(e) => planner_param_error(e, lang),
            PlannerProblem::DataConstrained(e) => data_constrained_error(e, lang),
            PlannerProblem::Inference(e) => inference_error(e, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scaling::csv_import::{import_csv, ColumnMapping};
    use scaling::fit_lab::LawForm;

    /// Developer words that must never reach a Chinese reader (nor the field names of the code).
    const DEV: [&str; 12] = ["out of range", "got", "must be", "finite", "> 0", "n_min", "hold_out", "run ", "NaN", "resample", "nats/token", "None"];

    fn no_dev_words(zh: &str) {
        for w in DEV {
            assert!(!zh.contains(w), "{w:?} in {zh:?}");
        }
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {zh:?}");
    }

    #[test]
    fn too_few_runs_never_holds_out_more_than_were_loaded_and_says_what_to_do() {
        // Two runs with "hold out 3": the crate holds out both; the text counts the runs loaded.
        let e = FitLabError::TooFewRuns { law: LawForm::Chinchilla, loaded: 2, held_out: 2, need: 5 };
        assert_eq!(fit_lab_error(&e, Language::En), "Only 2 runs loaded: fitting L(N, D) = E + A/Nᵅ + B/Dᵝ needs at least 5. Add more runs to your data.");
        let zh = fit_lab_error(&e, Language::Zh);
        assert_eq!(zh, "只载入了 2 个运行：拟合 L(N, D) = E + A/Nᵅ + B/Dᵝ 至少需要 5 个。请在数据中补充更多运行。");
        no_dev_words(&zh);
        // Enough runs, too many held out: how many may be held out.
        let e = FitLabError::TooFewRuns { law: LawForm::Chinchilla, loaded: 7, held_out: 3, need: 5 };
        let text = fit_lab_error(&e, Language::En);
        assert!(text.starts_with("7 runs loaded and 3 held out leaves 4 to fit"), "{text}");
        assert!(text.contains("Hold out at most 2"), "{text}");
        let zh = fit_lab_error(&e, Language::Zh);
        assert!(zh.contains("载入了 7 个运行，留出 3 个后只剩 4 个") && zh.contains("调到 2 或更少"), "{zh}");
        no_dev_words(&zh);
    }

    #[test]
    fn every_fit_lab_error_has_reader_wording_in_both_languages() {
        let errors = [
            FitLabError::OutOfRange { field: Setting::HoldOut, value: 60.0, min: 0.0, max: 50.0 },
            FitLabError::OutOfRange { field: Setting::Budget, value: 1e40, min: 1e15, max: 1e30 },
            FitLabError::TooFewRuns { law: LawForm::PowerCompute, loaded: 1, held_out: 0, need: 3 },
            FitLabError::Unvaried(RunQuantity::N),
            FitLabError::Unvaried(RunQuantity::D),
            FitLabError::Unvaried(RunQuantity::C),
            FitLabError::NonPositive { index: 2, label: "tiny".into() },
            FitLabError::LossTooLarge { index: 0, label: String::new(), loss: 2.81e9, max: 20.0 },
            FitLabError::ExponentNotPositive { name: Exponent::Beta, value: -0.24 },
            FitLabError::Fit(FitError::NoFiniteStart),
            FitLabError::Fit(FitError::TooFewPoints { got: 0, need: 5 }),
            FitLabError::Bootstrap(BootstrapError::NoSuccess { failed: 200 }),
        ];
        for e in &errors {
            no_dev_words(&fit_lab_error(e, Language::Zh));
            let en = fit_lab_error(e, Language::En);
            assert!(!en.contains("got ") && !en.contains("out of range") && !en.contains("hold_out"), "{en}");
        }
        // Runs are counted from 1 and named by label.
        assert_eq!(
            fit_lab_error(&errors[6], Language::En),
            "Run 3 (“tiny”): N, D and the loss must all be positive numbers. Correct or remove that run."
        );
        assert!(fit_lab_error(&errors[7], Language::Zh).starts_with("第 1 个运行的损失是 2.81×10⁹"));
        // The minus is the typographic one once format::sig prints it so; either way the value is named.
        let exponent = fit_lab_error(&errors[8], Language::En).replace('−', "-");
        assert!(exponent.starts_with("The fitted exponent β = -0.24 is not positive"), "{exponent}");
        assert!(fit_lab_error(&errors[11], Language::Zh).starts_with("自助法失败：200 次重采样拟合全都没有收敛"));
    }

    #[test]
    fn a_held_out_error_below_the_training_error_is_explained_with_its_counts() {
        // Two held-out runs, no training run dominating: the small sample is the reason.
        let h = HeldOutBelowTraining { held_out: 2, training: 20, train_rmse: 0.05, held_out_rmse: 0.03, dominant: 6, train_rmse_without: Some(0.04) };
        assert!(!h.few_runs_dominate());
        assert_eq!(
            held_out_below_training(&h, Language::En),
            "The held-out error is below the training error here: with only 2 held-out runs, both can lie close to the fitted law by chance. With more held-out runs the held-out error is usually the larger."
        );
        let zh = held_out_below_training(&h, Language::Zh);
        assert_eq!(zh, "这里留出误差低于训练误差：只有 2 个留出运行，两个都可能碰巧落在拟合的规律附近。留出的运行多一些时，通常是留出误差更大。");
        no_dev_words(&zh);
        let one = HeldOutBelowTraining { held_out: 1, ..h };
        assert!(held_out_below_training(&one, Language::En).contains("with only 1 held-out run, it can lie"));
        assert!(held_out_below_training(&one, Language::Zh).contains("只有 1 个留出运行，它可能"));
        // The shipped single-epoch runs with 3 held out: 2 of 38 training runs make up half the sum
        // of squares; the text names them and the RMSE without them, and claims nothing about
        // "usually" (with such runs the held-out error stays below for any hold-out).
        let h = HeldOutBelowTraining { held_out: 3, training: 38, train_rmse: 0.235, held_out_rmse: 0.016, dominant: 2, train_rmse_without: Some(0.1223) };
        assert!(h.few_runs_dominate());
        let en = held_out_below_training(&h, Language::En);
        assert!(en.contains("the 2 worst of the 38 training runs make up at least half of its sum of squares (without those runs it would be 0.122 nats)"), "{en}");
        assert!(en.ends_with("With only 3 held-out runs, all of them can lie close to the fitted law by chance."), "{en}");
        assert!(!en.contains("usually"), "{en}");
        let zh = held_out_below_training(&h, Language::Zh);
        assert!(zh.contains("38 个训练运行中最差的 2 个就占了平方和的一半以上（去掉它们，训练 RMSE 为 0.122 nats）"), "{zh}");
        assert!(zh.ends_with("另外，只有 3 个留出运行，它们都可能碰巧落在拟合的规律附近。"), "{zh}");
        no_dev_words(&zh);
        let single = HeldOutBelowTraining { dominant: 1, ..h };
        assert!(held_out_below_training(&single, Language::En).contains("the worst of the 38 training runs makes up at least half of its sum of squares (without that run it would be"));
    }

    #[test]
    fn a_wrong_loss_column_is_named_per_line_and_summed_up() {
        // The datablations file with the loss read from `params`.
        let text = scaling::DATABLATIONS_RUNS_CSV;
        let guessed = import_csv(text, None).mapping.unwrap();
        let i = import_csv(text, Some(ColumnMapping { loss: 1, ..guessed }));
        let first = &i.errors[0];
        assert_eq!(
            row_problem(&first.problem, &i, Language::En),
            "loss (column “params”): 2.81×10⁹ is more than 20 nats per token, too large for a loss: is the loss in another column?"
        );
        let zh = row_problem(&first.problem, &i, Language::Zh);
        assert_eq!(zh, "损失（“params”列）：2.81×10⁹ 超过每词元 20 nats，不可能是损失：损失是不是在另一列？");
        no_dev_words(&zh);
        let overview = import_overview(&i, Language::En).unwrap();
        assert!(overview.starts_with("None of the 296 rows could be used: the loss in column “params” is invalid on every row."), "{overview}");
        no_dev_words(&import_overview(&i, Language::Zh).unwrap());
        // The right column: no overview.
        assert_eq!(import_overview(&import_csv(text, None), Language::En), None);
    }

    #[test]
    fn csv_lines_name_the_column_in_the_readers_language() {
        let i = import_csv("1e9,2e10,2.5\n1e9,abc,2.5\n5m,2e10,2.5\n1e9\n", None);
        let texts: Vec<String> = i.errors.iter().map(|e| row_problem(&e.problem, &i, Language::Zh)).collect();
        assert_eq!(texts[0], "D（词元数）（第 2 列）：“abc”不是数字");
        assert_eq!(texts[1], "N（参数量）（第 1 列）：“5m”以 m 结尾，分不清是“毫”还是“百万”：百万请写成 M");
        assert_eq!(texts[2], "第 2 列没有 D（词元数）：这一行只有 1 个字段");
        texts.iter().for_each(|t| no_dev_words(t));
        assert_eq!(row_problem(&import_csv("", None).errors[0].problem, &i, Language::Zh), "文件是空的");
        assert_eq!(column_label(&i, 0, Language::Zh), "第 1 列");
    }

    #[test]
    fn lab_and_planner_settings_are_named_as_their_controls() {
        let p = scaling::law_explorer::LawExplorerParams { n_min: 1e12, n_max: 1e9, ..Default::default() };
        let e = p.validate().unwrap_err();
        assert_eq!(
            lab_param_error(&e, Language::En),
            "The smallest N must be below the largest N: move one of the two sliders (both between 1000 and 1×10¹⁵ parameters)."
        );
        let zh = lab_param_error(&e, Language::Zh);
        assert_eq!(zh, "最小 N 必须小于最大 N：请移动两个滑块中的一个（两者都在 1000 到 1×10¹⁵ 个参数之间）。");
        no_dev_words(&zh);
        let q = scaling::compute_planner::ComputePlannerParams { utilization: 1.5, ..Default::default() };
        assert_eq!(lab_param_error(&q.validate().unwrap_err(), Language::Zh), "利用率必须大于 0 且不超过 1（现在是 1.5）。");
        let d = scaling::planner_params::DataConstrainedParams { n: 1e20, ..Default::default() };
        let zh = planner_param_error(&d.validate().unwrap_err(), Language::Zh);
        assert_eq!(zh, "参数量 N 必须在 1×10⁷ 到 1×10¹³ 个参数之间（现在是 1×10²⁰）。");
        no_dev_words(&zh);
        let d = scaling::planner_params::DataConstrainedParams { epochs: 50.0, max_epochs: 10.0, ..Default::default() };
        assert!(planner_param_error(&d.validate().unwrap_err(), Language::En).starts_with("The chosen 50 epochs lie beyond the plotted range (up to 10)"));
        no_dev_words(&data_constrained_error(&DataConstrainedError::UniqueExceedsTotal { unique: 2e9, total: 1e9 }, Language::Zh));
        no_dev_words(&inference_error(&InferenceError::InvalidInput, Language::Zh));
    }

    #[test]
    fn worker_failures_are_sentences() {
        let zh = job_error(&JobError::<String>::Worker("the compute worker stopped unexpectedly".into()), Language::Zh);
        assert!(zh.starts_with("计算意外中止"), "{zh}");
        let e = JobError::Job(FitLabError::Bootstrap(BootstrapError::NoSuccess { failed: 3 }));
        assert_eq!(job_error(&e, Language::Zh), fit_lab_error(&FitLabError::Bootstrap(BootstrapError::NoSuccess { failed: 3 }), Language::Zh));
    }
}
