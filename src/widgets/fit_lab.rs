//! Fit lab (chapter 5): fit a scaling law to the shipped datablations runs (Muennighoff et al. 2023,
//! Apache-2.0) or to the reader's CSV, hold out the largest-compute runs, and read the fitted curve,
//! the residuals, the constants with bootstrap intervals, the extrapolated frontier with its 95 % band
//! and the predicted optimum at a budget.
//!
//! Work split: CSV import and the data checks run on the main thread (bounded by the importer's row
//! and field limits); the fit and the bootstrap run in the widget's worker (`scaling::fit_lab` via
//! `FitLabJob::Fit` and `FitLabJob::Bootstrap`), with the runs sent inside the job. The URL keeps the
//! settings, never the pasted CSV. User text (labels, CSV errors) is only ever rendered as text nodes.
//!
//! Messages: the crate reports refusals and failures as data (`FitLabError`, the importer's
//! `RowProblem`), worded here in the page's language by `crate::scaling_text`. New inputs clear the
//! previous fit, its charts and any failure message; a fit whose loss does not fall with scale says so
//! and is not bootstrapped (it has no frontier, N_opt or extrapolation to resample).
//!
//! The predicted optimum N_opt and D_opt at the budget carry the bootstrap's 95 % intervals (each
//! resample's own closed-form optimum) in the summary, the table and the CSV export. When the
//! held-out RMSE comes out below the training RMSE, a note under the summary says why, with this
//! fit's counts (`FitOutcome::held_out_below_training`, worded by `scaling_text`).

use leptos::prelude::*;
use scaling::fit_lab::{
    check_fit_job, log_grid, results_csv, shipped_runs, BootstrapJob, BootstrapOutcome, DataSource, FitJob, FitLabError, FitLabParams,
    FitOutcome, FittedLaw, GridSize, LawForm,
};
use scaling::csv_import::{ColumnMapping, DataColumn};
use scaling::{import_csv, CsvImport, Run};
use wasm_bindgen::JsCast;

use super::charts::logx::LogXChart;
use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind, SMOOTH_POINTS};
use super::common::{actions_view, busy_view, notices_view, url_params, Runner};
use super::controls::{SeedControl, Slider};
use super::law_explorer::math;
use crate::compute::client::ScalingWorker;
use crate::compute::protocol::{FitLabJob, FitLabOutput};
use crate::format::round_sig;
use crate::format::{count, count_sig, grouped, grouped_f64, sig};
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::{
    column_label, exponent_not_positive, file_too_large, file_unreadable, fit_lab_error, held_out_below_training, import_overview, job_error, row_problem,
};
use crate::shell::app::page_lang;

/// Largest CSV file read, bytes. The importer stops at 100 000 rows anyway; this keeps a stray
/// multi-gigabyte file from being read into memory at all.
const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Most runs listed in the data table.
const MAX_TABLE_ROWS: usize = 500;

/// Why there is no fit to show, decided on the page before any job is sent.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    /// The reader's CSV source with nothing imported yet.
    NoRuns,
    /// A CSV was imported but none of its lines gave a run (the import report above lists why).
    NothingUsable,
    /// The data or settings cannot be fitted.
    Refused(FitLabError),
}

/// A file the page could not take.
#[derive(Clone, Debug, PartialEq)]
enum FileProblem {
    TooLarge { name: String, megabytes: f64 },
    Unreadable { name: String },
}

#[component]
pub fn FitLab(id: String, defaults: FitLabParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &FitLabParams| p.validate().map_err(|e| fit_lab_error(&e, at_start)));
    // Fits run in the scaling-widgets module's worker: the page's own module has no fitting code.
    let runner: Runner<ScalingWorker> = Runner::new();
    let invalid = Memo::new(move |_| params.with(|p| p.validate().err()));

    // The reader's CSV: the text being edited, and the last import (only on "Use this CSV" or a file).
    let csv_text = RwSignal::new(String::new());
    let imported: RwSignal<Option<CsvImport>> = RwSignal::new(None);
    // The file the import came from (None for pasted text), named in the data line.
    let imported_file: RwSignal<Option<String>> = RwSignal::new(None);
    let file_error: RwSignal<Option<FileProblem>> = RwSignal::new(None);
    // The imported text is kept so that the reader can map its columns by hand and import it again.
    let imported_text = StoredValue::new(String::new());
    let do_import = move |text: &str, file: Option<String>| {
        imported_text.set_value(text.to_string());
        // A new import supersedes a file that could not be read.
        file_error.set(None);
        imported_file.set(file);
        imported.set(Some(import_csv(text, None)));
    };
    let remap = Callback::new(move |m: ColumnMapping| {
        imported_text.with_value(|t| imported.set(Some(import_csv(t, Some(m)))));
    });

    let source = Memo::new(move |_| params.with(|p| p.source));
    let runs: Memo<Vec<Run>> = Memo::new(move |_| match source.get() {
        DataSource::Csv => imported.with(|i| i.as_ref().map(|i| i.rows.clone()).unwrap_or_default()),
        s => shipped_runs(s),
    });
    let fit_key = Memo::new(move |_| params.with(|p| (p.law, p.grid, p.hold_out)));
    // Data that cannot be fitted is refused here, with the reason, before any job is sent.
    let refusal = Memo::new(move |_| {
        let (law, _, k) = fit_key.get();
        runs.with(|all| {
            if all.is_empty() {
                let tried = source.get() == DataSource::Csv && imported.with(|i| i.is_some());
                return Some(if tried { Refusal::NothingUsable } else { Refusal::NoRuns });
            }
            check_fit_job(all, law, k).err().map(Refusal::Refused)
        })
    });

    let fit_out: RwSignal<Option<FitOutcome>> = RwSignal::new(None);
    let boot_out: RwSignal<Option<BootstrapOutcome>> = RwSignal::new(None);
    Effect::new(move |_| match runner.output.get() {
        Some(FitLabOutput::Fit(o)) => fit_out.set(Some(o)),
        Some(FitLabOutput::Bootstrap(b)) => boot_out.set(Some(b)),
        _ => {}
    });
    // A new fit whenever the data, law, grid or hold-out change.
    Effect::new(move |_| {
        if locked.get() {
            return;
        }
        let (law, grid, held_out) = fit_key.get();
        let all = runs.get();
        // New inputs: the previous fit, its bootstrap and any failure message are no longer about
        // what is on screen (the charts blank with them).
        fit_out.set(None);
        boot_out.set(None);
        runner.error.set(None);
        if refusal.get().is_some() || invalid.get().is_some() {
            // A fit of the previous data may still be running: its result must not show under this data.
            runner.cancel();
            return;
        }
        runner.request(FitLabJob::Fit(FitJob { runs: all, law, grid, held_out }));
    });
    // A new bootstrap after each fit and whenever the budget or the resampling settings change.
    Effect::new(move |_| {
        if locked.get() {
            return;
        }
        let Some(fit) = fit_out.get() else { return };
        let (budget, resamples, seed, ok) = params.with(|p| (p.budget, p.resamples, p.seed, p.validate().is_ok()));
        boot_out.set(None);
        // A law whose loss does not fall with scale has no frontier to resample: the results say why.
        if !ok || fit.law.nonpositive_exponent().is_some() {
            return;
        }
        runner.request(FitLabJob::Bootstrap(BootstrapJob {
            runs: fit.training_runs(),
            fit: fit.law.clone(),
            budget,
            resamples,
            seed,
            band_c: band_grid(&fit, budget),
        }));
    });

    let fit_spec = Signal::derive(move || {
        let lang = lang.get();
        let budget = params.with(|p| p.budget);
        fit_out.with(|f| f.as_ref().map(|f| boot_out.with(|b| fit_chart(f, b.as_ref(), budget, lang))))
    });
    let residual_spec = Signal::derive(move || {
        let lang = lang.get();
        fit_out.with(|f| f.as_ref().map(|f| residual_chart(f, lang)))
    });
    let fit_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart: loss against training compute, the fitted frontier and its 95% band", "双对数图：损失随训练计算量的变化、拟合的最优前沿及其 95% 区间").to_string()
    });
    let residual_label = Signal::derive(move || {
        pick(lang.get(), "Chart: residuals (observed minus predicted loss) against training compute", "图：残差（观测损失减预测损失）随训练计算量的变化").to_string()
    });

    let chart_id = format!("fitlab-{id}-chart");
    let download_csv = move |_| {
        let budget = params.with_untracked(|p| p.budget);
        if let Some(text) = fit_out.with_untracked(|f| f.as_ref().map(|f| boot_out.with_untracked(|b| results_csv(f, b.as_ref(), budget)))) {
            crate::shell::dom::download("fit-lab-results.csv", "text/csv", &text);
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        if file.size() > MAX_FILE_BYTES {
            file_error.set(Some(FileProblem::TooLarge { name: file.name(), megabytes: file.size() / 1048576.0 }));
            return;
        }
        file_error.set(None);
        leptos::task::spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            // The widget may have been unmounted while the file was read: its signals are gone then.
            if csv_text.try_get_untracked().is_none() {
                return;
            }
            match read {
                Ok(v) => {
                    let text = v.as_string().unwrap_or_default();
                    do_import(&text, Some(file.name()));
                    // Huge files stay out of the text box (it would freeze the page); small ones are shown.
                    csv_text.set(if text.len() <= 200_000 { text } else { String::new() });
                }
                Err(_) => file_error.set(Some(FileProblem::Unreadable { name: file.name() })),
            }
        });
    };

    let select_source = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let s = match v.as_str() {
            "datablations-all" => DataSource::DatablationsAll,
            "csv" => DataSource::Csv,
            _ => DataSource::DatablationsSingleEpoch,
        };
        params.update(|p| p.source = s);
    };
    let select_law = move |ev: leptos::ev::Event| {
        let law = if event_target_value(&ev) == "power-compute" { LawForm::PowerCompute } else { LawForm::Chinchilla };
        params.update(|p| p.law = law);
    };
    let select_grid = move |ev: leptos::ev::Event| {
        let grid = if event_target_value(&ev) == "full" { GridSize::Full } else { GridSize::Reduced };
        params.update(|p| p.grid = grid);
    };
    // Element ids, kept in the arena so the view closures stay `Fn` (they are re-run by <Show>).
    let ids = StoredValue::new([format!("{id}-source"), format!("{id}-law"), format!("{id}-grid"), format!("{id}-csv"), format!("{id}-file"), chart_id]);
    let el = move |i: usize| ids.with_value(|v| v[i].clone());

    view! {
        <section class="widget fit-lab" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Fit lab", "拟合实验室"))}>
            <h3 class="widget-title">{move || pick(l(), "Fit lab: fit, check on held-out runs, extrapolate", "拟合实验室：拟合、用留出的运行检验、外推")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to open the fit lab.", "先在上方提交你的猜测，再打开拟合实验室。")}</p> }>
                <div class="controls choices">
                    <div class="control choice">
                        <label for=el(0)><span>{move || pick(l(), "data", "数据")}</span></label>
                        <select id=el(0) class="fit-source" on:change=select_source prop:value=move || source_value(source.get())>
                            <option value="datablations-single-epoch" selected=move || source.get() == DataSource::DatablationsSingleEpoch>{move || pick(l(), "datablations, single-epoch runs (41)", "datablations，单轮训练（41 个）")}</option>
                            <option value="datablations-all" selected=move || source.get() == DataSource::DatablationsAll>{move || pick(l(), "datablations, all runs incl. repeated data (296)", "datablations，全部运行，含重复数据（296 个）")}</option>
                            <option value="csv" selected=move || source.get() == DataSource::Csv>{move || pick(l(), "your CSV", "你的 CSV")}</option>
                        </select>
                    </div>
                    <div class="control choice">
                        <label for=el(1)><span>{move || pick(l(), "law", "规律形式")}</span></label>
                        <select id=el(1) class="fit-law" on:change=select_law prop:value=move || params.with(|p| if p.law == LawForm::PowerCompute { "power-compute" } else { "chinchilla" })>
                            <option value="chinchilla" selected=move || params.with(|p| p.law == LawForm::Chinchilla)>"L(N, D) = E + A/Nᵅ + B/Dᵝ"</option>
                            <option value="power-compute" selected=move || params.with(|p| p.law == LawForm::PowerCompute)>"L(C) = E + A·C⁻ᵅ"</option>
                        </select>
                    </div>
                    <div class="control choice">
                        <label for=el(2)><span>{move || pick(l(), "starting points", "初始点网格")}</span></label>
                        <select id=el(2) class="fit-grid" on:change=select_grid prop:value=move || params.with(|p| if p.grid == GridSize::Full { "full" } else { "reduced" })
                            disabled=move || params.with(|p| p.law != LawForm::Chinchilla)>
                            <option value="reduced" selected=move || params.with(|p| p.grid == GridSize::Reduced)>{move || pick(l(), "243 starts (fast)", "243 个起点（快）")}</option>
                            <option value="full" selected=move || params.with(|p| p.grid == GridSize::Full)>{move || pick(l(), "4500 starts (Hoffmann et al.)", "4500 个起点（Hoffmann 等）")}</option>
                        </select>
                    </div>
                </div>
                <div class="controls">
                    <Slider label=Signal::derive(move || pick(l(), "hold out the largest-compute runs", "留出计算量最大的运行数").to_string()) value=Signal::derive(move || params.with(|p| p.hold_out as f64))
                        min=0.0 max=10.0 step=1.0 integer=true display=|v: f64| format!("{v:.0}") on_input=move |v: f64| params.update(|p| p.hold_out = v as usize)/>
                    <Slider label=Signal::derive(move || pick(l(), "budget C (FLOPs)", "预算 C（FLOPs）").to_string()) value=Signal::derive(move || params.with(|p| p.budget))
                        min=1e18 max=1e26 log=true display=|v: f64| sig(v, 2) on_input=move |v: f64| params.update(|p| p.budget = round_sig(v, 2))/>
                    <Slider label=Signal::derive(move || pick(l(), "bootstrap resamples", "自助重采样次数").to_string()) value=Signal::derive(move || params.with(|p| p.resamples as f64))
                        min=10.0 max=2000.0 log=true integer=true display=|v: f64| format!("{v:.0}") on_input=move |v: f64| params.update(|p| p.resamples = v as usize)/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                <Show when=move || source.get() == DataSource::Csv>
                    <div class="fit-csv">
                        <p class="hint">{move || pick(l(),
                            "Paste runs as CSV with columns N (params), D (tokens) or C (FLOPs), and loss (nats/token); an optional name column labels them. Suffixes like 7B or 1.4T work. Your CSV stays in this page: it is not put in the link, so a copied link shows the shipped data.",
                            "以 CSV 粘贴运行记录：N（参数量）、D（词元数）或 C（FLOPs）、损失（nats/词元）三列，可选的 name 列作为标签。支持 7B、1.4T 这样的后缀。你的 CSV 只留在本页面，不会写进链接，所以复制的链接显示的是自带数据。")}</p>
                        <label for=el(3)>{move || pick(l(), "CSV text", "CSV 文本")}</label>
                        <textarea id=el(3) class="fit-csv-text" rows="6" style="width:100%;font-family:monospace" spellcheck="false"
                            prop:value=move || csv_text.get() on:input=move |ev| csv_text.set(event_target_value(&ev))></textarea>
                        <div class="widget-actions">
                            <button class="button fit-csv-use" on:click=move |_| csv_text.with_untracked(|t| do_import(t, None))>{move || pick(l(), "Use this CSV", "使用这段 CSV")}</button>
                            <button class="button" on:click=move |_| {
                                csv_text.set(scaling::DATABLATIONS_RUNS_CSV.to_string());
                                do_import(scaling::DATABLATIONS_RUNS_CSV, Some("datablations-runs.csv".into()));
                            }>{move || pick(l(), "Load the datablations CSV as an example", "载入 datablations CSV 作为示例")}</button>
                            <label for=el(4) class="button">{move || pick(l(), "Open a CSV file…", "打开 CSV 文件…")}</label>
                            <input id=el(4) class="fit-csv-file" type="file" accept=".csv,.tsv,.txt,text/csv" on:change=on_file
                                style="position:absolute;width:1px;height:1px;opacity:0"/>
                        </div>
                        {move || file_error.get().map(|p| {
                            let text = match p {
                                FileProblem::TooLarge { name, megabytes } => file_too_large(&name, megabytes, MAX_FILE_BYTES / 1048576.0, l()),
                                FileProblem::Unreadable { name } => file_unreadable(&name, l()),
                            };
                            view! { <p class="notice error fit-file-error" role="alert">{text}</p> }
                        })}
                        {move || imported.with(|i| i.as_ref().map(|i| view! { {import_view(i, l())}{mapping_view(i, l(), remap)} }))}
                    </div>
                </Show>
                {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{fit_lab_error(&e, l())}</p> })}
                {move || refusal.get().map(|r| match r {
                    Refusal::NoRuns => view! { <p class="notice fit-refused" role="status">{pick(l(), "No runs to fit yet: paste a CSV and press “Use this CSV”, or open a file.", "还没有可拟合的运行：粘贴 CSV 后点击“使用这段 CSV”，或打开文件。")}</p> }.into_any(),
                    Refusal::NothingUsable => view! { <p class="notice fit-refused" role="status">{pick(l(),
                        "Nothing to fit: none of this CSV’s lines could be used as a run (the problems are listed above). Correct the CSV and press “Use this CSV” again, or open another file.",
                        "没有可拟合的运行：这段 CSV 中没有一行能用作运行（问题已在上方列出）。请修改 CSV 后再次点击“使用这段 CSV”，或打开另一个文件。")}</p> }.into_any(),
                    Refusal::Refused(e) => view! { <p class="notice error fit-refused" role="alert">{pick(l(), "Not fitted: ", "未拟合：")}{fit_lab_error(&e, l())}</p> }.into_any(),
                })}
                {move || runner.error.get().map(|e| view! { <p class="notice error fit-job-error" role="alert">{job_error(&e, l())}</p> })}
                {busy_view(runner)}
                <div id=el(5)>
                    <LogLogChart spec=fit_spec label=fit_label/>
                </div>
                <LogXChart spec=residual_spec label=residual_label/>
                {move || fit_out.with(|f| f.as_ref().map(|f| {
                    let budget = params.with(|p| p.budget);
                    boot_out.with(|b| results_view(f, b.as_ref(), budget, l()))
                }))}
                <div class="widget-actions">
                    <button class="button fit-download-csv" disabled=move || fit_out.with(|f| f.is_none()) on:click=download_csv>{move || pick(l(), "Download results (CSV)", "下载结果（CSV）")}</button>
                    <button class="button fit-download-png" disabled=move || fit_out.with(|f| f.is_none()) on:click=move |_| download_canvas_png(&el(5), "fit-lab-chart.png")>{move || pick(l(), "Download chart (PNG)", "下载图表（PNG）")}</button>
                </div>
                {actions_view(params, defaults.clone())}
                <p class="hint fit-source-line">{move || {
                    if source.get() != DataSource::Csv {
                        return pick(l(),
                            "Data: training runs of Muennighoff et al. (2023), “Scaling Data-Constrained Language Models”, from the huggingface/datablations repository, Apache-2.0 licence.",
                            "数据：Muennighoff 等（2023）《Scaling Data-Constrained Language Models》的训练运行，取自 huggingface/datablations 仓库，Apache-2.0 许可。").to_string();
                    }
                    let file = imported_file.get();
                    imported.with(|i| csv_source_line(i.as_ref(), file.as_deref(), l()))
                }}</p>
            </Show>
        </section>
    }
}

/// The data line under the lab when the reader's CSV is the source: which file (or pasted text), how
/// many runs were read and how many lines rejected.
fn csv_source_line(i: Option<&CsvImport>, file: Option<&str>, lang: Language) -> String {
    let Some(i) = i else {
        return pick(lang, "Data: your CSV (nothing imported yet).", "数据：你的 CSV（尚未导入）。").to_string();
    };
    let rejected = i.errors.len() + i.errors_not_listed;
    let n = i.rows.len();
    match lang {
        Language::En => format!(
            "Data: your CSV{}, {} {}{}.",
            file.map(|f| format!(" “{f}”")).unwrap_or_default(),
            grouped(n as u64),
            if n == 1 { "run" } else { "runs" },
            if rejected > 0 { format!(" ({} line{} rejected)", grouped(rejected as u64), if rejected == 1 { "" } else { "s" }) } else { String::new() }
        ),
        Language::Zh => format!(
            "数据：你的 CSV{}，{} 个运行{}。",
            file.map(|f| format!("“{f}”")).unwrap_or_default(),
            grouped(n as u64),
            if rejected > 0 { format!("（{} 行被拒绝）", grouped(rejected as u64)) } else { String::new() }
        ),
    }
}

fn source_value(s: DataSource) -> &'static str {
    match s {
        DataSource::DatablationsSingleEpoch => "datablations-single-epoch",
        DataSource::DatablationsAll => "datablations-all",
        DataSource::Csv => "csv",
    }
}

/// Compute values for the fitted curve and its band: from the smallest run to past the budget or the
/// largest run, at the chart's density for smooth curves (40 values showed facets).
fn band_grid(fit: &FitOutcome, budget: f64) -> Vec<f64> {
    let (lo, hi) = fit.runs.iter().fold((f64::INFINITY, 0f64), |(lo, hi), r| (lo.min(r.c), hi.max(r.c)));
    let lo = if lo.is_finite() { lo } else { budget / 100.0 };
    log_grid(lo.min(budget), hi.max(budget) * 1.5, SMOOTH_POINTS)
}

fn fit_chart(f: &FitOutcome, b: Option<&BootstrapOutcome>, budget: f64, lang: Language) -> LogLogSpec {
    let train: Vec<(f64, f64)> = f.runs.iter().filter(|r| !r.held_out).map(|r| (r.c, r.run.loss)).collect();
    let held: Vec<(f64, f64)> = f.runs.iter().filter(|r| r.held_out).map(|r| (r.c, r.run.loss)).collect();
    let grid = band_grid(f, budget);
    let mut series = vec![Series { label: pick(lang, "training runs", "训练运行").into(), points: train, kind: SeriesKind::Markers, color: 0 }];
    if !held.is_empty() {
        series.push(Series { label: pick(lang, "held-out runs", "留出的运行").into(), points: held, kind: SeriesKind::Markers, color: 1 });
    }
    let frontier_label = match f.law {
        FittedLaw::Chinchilla(_) => pick(lang, "fit: best loss L*(C)", "拟合：最优损失 L*(C)"),
        FittedLaw::PowerCompute(_) => pick(lang, "fit: L(C)", "拟合：L(C)"),
    };
    series.push(Series { label: frontier_label.into(), points: grid.iter().map(|&c| (c, f.law.frontier(c))).collect(), kind: SeriesKind::Line, color: 2 });
    if let Some(b) = b {
        // One closed outline (lower edge forward, upper edge back) so the band has one legend entry.
        let outline = b.band.iter().map(|p| (p.c, p.loss.lo)).chain(b.band.iter().rev().map(|p| (p.c, p.loss.hi))).collect();
        series.push(Series { label: pick(lang, "95% band (bootstrap)", "95% 区间（自助法）").into(), points: outline, kind: SeriesKind::Line, color: 1 });
    }
    LogLogSpec { x_label: pick(lang, "training compute C (FLOPs)", "训练计算量 C（FLOPs）").into(), y_label: pick(lang, "loss (nats/token)", "损失（nats/词元）").into(), series }
}

fn residual_chart(f: &FitOutcome, lang: Language) -> LogLogSpec {
    let train: Vec<(f64, f64)> = f.runs.iter().filter(|r| !r.held_out).map(|r| (r.c, r.residual)).collect();
    let held: Vec<(f64, f64)> = f.runs.iter().filter(|r| r.held_out).map(|r| (r.c, r.residual)).collect();
    let (lo, hi) = f.runs.iter().fold((f64::INFINITY, 0f64), |(lo, hi), r| (lo.min(r.c), hi.max(r.c)));
    let mut series = vec![Series { label: pick(lang, "training runs", "训练运行").into(), points: train, kind: SeriesKind::Markers, color: 0 }];
    if !held.is_empty() {
        series.push(Series { label: pick(lang, "held-out runs", "留出的运行").into(), points: held, kind: SeriesKind::Markers, color: 1 });
    }
    series.push(Series { label: pick(lang, "zero", "零线").into(), points: vec![(lo, 0.0), (hi, 0.0)], kind: SeriesKind::Line, color: 2 });
    LogLogSpec {
        x_label: pick(lang, "training compute C (FLOPs)", "训练计算量 C（FLOPs）").into(),
        y_label: pick(lang, "observed − predicted (nats)", "观测 − 预测（nats）").into(),
        series,
    }
}

/// The CSV import report: accepted rows, per-line errors (as text), truncation.
fn import_view(i: &CsvImport, lang: Language) -> impl IntoView {
    let (n, rejected) = (i.rows.len(), i.errors.len() + i.errors_not_listed);
    let summary = match lang {
        Language::En => format!(
            "Read {} run{}{}; {} rejected.",
            grouped(n as u64),
            if n == 1 { "" } else { "s" },
            if i.has_header { format!(" (columns: {})", i.columns.join(", ")) } else { String::new() },
            match rejected {
                0 => "no line".to_string(),
                1 => "1 line".to_string(),
                r => format!("{} lines", grouped(r as u64)),
            }
        ),
        Language::Zh => format!(
            "{}{}{}",
            if n == 0 { "没有读入任何运行".to_string() } else { format!("读入 {} 个运行", grouped(n as u64)) },
            if i.has_header { format!("（列：{}）", i.columns.join("、")) } else { String::new() },
            if rejected == 0 { "，没有被拒绝的行。".to_string() } else { format!("；{} 行被拒绝。", grouped(rejected as u64)) }
        ),
    };
    // An empty file has no columns to name: its one error line says so.
    let mapping = (i.mapping.is_none() && !i.columns.is_empty()).then(|| {
        view! { <p class="notice error" role="alert">{pick(lang,
            "Could not find the columns: name them N (or params), D (or tokens) or C (or flops), and loss.",
            "找不到所需的列：请把列命名为 N（或 params）、D（或 tokens）或 C（或 flops），以及 loss。")}</p> }
    });
    // Every row refused for the same column (the loss mapped to N, say): one sentence that says so.
    let overview = import_overview(i, lang).map(|t| view! { <p class="notice error fit-csv-overview" role="alert">{t}</p> });
    let truncated = i.truncated.then(|| {
        view! { <p class="notice" role="status">{pick(lang,
            "The file is longer than 100 000 rows: only the first 100 000 were read.",
            "文件超过 100 000 行：只读入了前 100 000 行。")}</p> }
    });
    let shown: Vec<_> = i.errors.iter().take(50).map(|e| (e.line, row_problem(&e.problem, i, lang))).collect();
    let more = i.errors.len().saturating_sub(shown.len()) + i.errors_not_listed;
    let errors = (!shown.is_empty()).then(|| {
        let items = shown
            .into_iter()
            .map(|(line, text)| {
                let at = match lang {
                    Language::En => format!("line {line}: "),
                    Language::Zh => format!("第 {line} 行："),
                };
                view! { <li>{at}{text}</li> }
            })
            .collect_view();
        view! {
            <details class="data-table fit-csv-errors" open>
                <summary>{pick(lang, "Rejected lines", "被拒绝的行")}</summary>
                <ul>{items}</ul>
                {(more > 0).then(|| view! { <p>{match lang {
                    Language::En => format!("… and {} more.", grouped(more as u64)),
                    Language::Zh => format!("……另有 {} 行。", grouped(more as u64)),
                }}</p> })}
            </details>
        }
    });
    view! {
        <p class="readout fit-csv-summary" role="status">{summary}</p>
        {overview}
        {mapping}
        {truncated}
        {errors}
    }
}

/// Column choices for the imported CSV: which column holds N, which D (tokens) or C (FLOPs, D = C/6N),
/// and which the loss. Starts from the guessed mapping; a change imports the same text again.
fn mapping_view(i: &CsvImport, lang: Language, remap: Callback<ColumnMapping>) -> impl IntoView {
    // Header names, or "column k" in the page's language for a file without a header.
    let columns: Vec<String> = (0..i.columns.len()).map(|k| column_label(i, k, lang)).collect();
    if columns.len() < 3 {
        return None;
    }
    let current = i.mapping.unwrap_or(ColumnMapping { n: 0, data: DataColumn::Tokens(1), loss: 2, label: None, unique: None });
    let column_select = move |label: &'static str, selected: usize, set: fn(&mut ColumnMapping, usize)| {
        let options = columns.iter().enumerate().map(|(k, c)| view! { <option value=k.to_string() selected=k == selected>{c.clone()}</option> }).collect_view();
        view! {
            <label class="control"><span>{label}</span>
                <select on:change=move |ev| {
                    if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                        let mut m = current;
                        set(&mut m, k);
                        remap.run(m);
                    }
                }>{options}</select>
            </label>
        }
    };
    let data_options = (0..i.columns.len())
        .map(|k| (k, column_label(i, k, lang)))
        .flat_map(|(k, c)| {
            let selected = current.data;
            [
                view! { <option value=format!("d{k}") selected=selected == DataColumn::Tokens(k)>{format!("D = {c}")}</option> },
                view! { <option value=format!("c{k}") selected=selected == DataColumn::Flops(k)>{format!("C = {c}")}</option> },
            ]
        })
        .collect_view();
    let n_select = column_select(pick(lang, "N (parameters)", "N（参数量）"), current.n, |m, k| m.n = k);
    let loss_select = column_select(pick(lang, "loss (nats/token)", "损失（nats/词元）"), current.loss, |m, k| m.loss = k);
    Some(view! {
        <fieldset class="controls fit-csv-mapping">
            <legend>{pick(lang, "Columns", "列")}</legend>
            {n_select}
            <label class="control"><span>{pick(lang, "D (tokens) or C (FLOPs)", "D（词元数）或 C（FLOPs）")}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let k = v.get(1..).unwrap_or_default().parse::<usize>();
                    if let Ok(k) = k {
                        let mut m = current;
                        m.data = if v.starts_with('c') { DataColumn::Flops(k) } else { DataColumn::Tokens(k) };
                        remap.run(m);
                    }
                }>{data_options}</select>
            </label>
            {loss_select}
        </fieldset>
    })
}

/// A fitted constant's symbol as the lesson writes it (the CSV export keeps the ASCII names).
fn symbol(name: &str) -> &str {
    match name {
        "alpha" => "α",
        "beta" => "β",
        other => other,
    }
}

/// Significant digits of N_opt and D_opt (and their intervals) in the summary: the same for both, so
/// that neither looks more precise than the other (5.07B parameters and 110B tokens).
const OPT_DIGITS: usize = 3;

fn results_view(f: &FitOutcome, b: Option<&BootstrapOutcome>, budget: f64, lang: Language) -> impl IntoView {
    let n_train = f.runs.iter().filter(|r| !r.held_out).count();
    let n_held = f.runs.len() - n_train;
    let frontier = f.law.frontier(budget);
    let band = b.and_then(|b| b.boot.get("L_extrap"));
    let interval = |name: &str| b.and_then(|b| b.boot.get(name));
    let held = f.held_out_rmse.map(|h| sig(h, 3)).unwrap_or_else(|| "—".into());
    // A fit whose loss does not fall with scale has no frontier: no prediction, N_opt or L* is shown
    // (they would be NaN), and a notice says why instead.
    let falling = f.law.nonpositive_exponent().is_none() && frontier.is_finite();
    let opt = f.law.optimum(budget).filter(|o| falling && o.n_opt.is_finite() && o.d_opt.is_finite());
    // A held-out error below the training error reads as a bug: say why, only when it happens.
    let below = f.held_out_below_training().map(|h| view! { <p class="hint fit-rmse-note">{held_out_below_training(&h, lang)}</p> });
    let n_iv = interval("N_opt");
    let d_iv = interval("D_opt");
    let fitted = match lang {
        Language::En => format!("Fitted on {} runs ({} held out). Training RMSE {} nats, held-out RMSE {held} nats.", grouped(n_train as u64), grouped(n_held as u64), sig(f.train_rmse, 3)),
        Language::Zh => format!("用 {} 个运行拟合（留出 {} 个）。训练 RMSE {} nats，留出 RMSE {held} nats。", grouped(n_train as u64), grouped(n_held as u64), sig(f.train_rmse, 3)),
    };
    let prediction = falling.then(|| match lang {
        Language::En => format!(
            " At C = {} FLOPs the fit predicts a best loss of {} nats{}{}.",
            sig(budget, 2),
            sig(frontier, 4),
            band.map(|i| format!(" (95% interval {} – {})", sig(i.lo, 4), sig(i.hi, 4))).unwrap_or_default(),
            opt.map(|o| format!(
                " with N_{{opt}} = {} parameters{} and D_{{opt}} = {} tokens{}",
                count_sig(o.n_opt, OPT_DIGITS),
                n_iv.map(|i| format!(" (95% interval {} – {})", count_sig(i.lo, OPT_DIGITS), count_sig(i.hi, OPT_DIGITS))).unwrap_or_default(),
                count_sig(o.d_opt, OPT_DIGITS),
                d_iv.map(|i| format!(" (95% interval {} – {})", count_sig(i.lo, OPT_DIGITS), count_sig(i.hi, OPT_DIGITS))).unwrap_or_default(),
            ))
            .unwrap_or_default(),
        ),
        Language::Zh => format!(
            "在 C = {} FLOPs 时，拟合预测的最优损失为 {} nats{}{}。",
            sig(budget, 2),
            sig(frontier, 4),
            band.map(|i| format!("（95% 区间 {} – {}）", sig(i.lo, 4), sig(i.hi, 4))).unwrap_or_default(),
            opt.map(|o| format!(
                "，对应 N_{{opt}} = {} 参数{}、D_{{opt}} = {} 词元{}",
                count_sig(o.n_opt, OPT_DIGITS),
                n_iv.map(|i| format!("（95% 区间 {} – {}）", count_sig(i.lo, OPT_DIGITS), count_sig(i.hi, OPT_DIGITS))).unwrap_or_default(),
                count_sig(o.d_opt, OPT_DIGITS),
                d_iv.map(|i| format!("（95% 区间 {} – {}）", count_sig(i.lo, OPT_DIGITS), count_sig(i.hi, OPT_DIGITS))).unwrap_or_default(),
            ))
            .unwrap_or_default(),
        ),
    });
    let summary = format!("{fitted}{}", prediction.unwrap_or_default());
    let no_frontier = f.law.nonpositive_exponent().map(|(name, value)| {
        view! { <p class="notice error fit-no-frontier" role="alert">{exponent_not_positive(name, value, lang)}</p> }
    });
    let converged = f.law.converged();
    let warn = (!converged).then(|| {
        view! { <p class="notice error fit-not-converged" role="alert">{pick(lang,
            "The optimiser did not converge: the constants below are where it stopped, not a minimum. Try the 4500-start grid, more runs, or fewer held out.",
            "优化器没有收敛：下面的常数只是它停下的位置，不是极小值。试试 4500 个起点的网格、更多的运行或少留出几个。")}</p> }
    });
    let boot_note = b.map(|b| {
        let s = match lang {
            Language::En => format!(
                "Bootstrap: {} of {} resamples refitted{}{}; intervals are 2.5th–97.5th percentiles.",
                grouped((b.boot.attempted - b.boot.failed) as u64),
                grouped(b.boot.attempted as u64),
                if b.boot.failed > 0 { format!(", {} did not converge and are left out", grouped(b.boot.failed as u64)) } else { String::new() },
                if b.boot.cancelled { ", cancelled early" } else { "" }
            ),
            Language::Zh => format!(
                "自助法：{} 次重采样中 {} 次重新拟合成功{}{}；区间取第 2.5 到 97.5 百分位。",
                grouped(b.boot.attempted as u64),
                grouped((b.boot.attempted - b.boot.failed) as u64),
                if b.boot.failed > 0 { format!("，{} 次未收敛，已剔除", grouped(b.boot.failed as u64)) } else { String::new() },
                if b.boot.cancelled { "，提前取消" } else { "" }
            ),
        };
        view! { <p class="readout fit-boot">{s}</p> }
    });
    let mut rows: Vec<(String, f64, Option<scaling::Interval>)> = f.law.constants().into_iter().map(|(k, v)| (symbol(k).to_string(), v, interval(k))).collect();
    if let Some(o) = opt {
        rows.push((format!("N_{{opt}} (C = {})", sig(budget, 2)), o.n_opt, n_iv));
        rows.push((format!("D_{{opt}} (C = {})", sig(budget, 2)), o.d_opt, d_iv));
    }
    if falling {
        rows.push((format!("L* (C = {})", sig(budget, 2)), frontier, band));
    }
    let const_rows = rows
        .into_iter()
        .map(|(k, v, i)| {
            let iv = i.map(|i| format!("{} – {}", table_value(i.lo), table_value(i.hi))).unwrap_or_else(|| "—".into());
            view! { <tr><th scope="row">{math(&k)}</th><td>{table_value(v)}</td><td>{iv}</td></tr> }
        })
        .collect_view();
    // A pasted file can hold 100 000 runs; the page lists the first ones (the CSV export has all).
    let listed = f.runs.len().min(MAX_TABLE_ROWS);
    let cut_note = (f.runs.len() > listed).then(|| match lang {
        Language::En => format!("The first {listed} of {} runs; the CSV export has all of them.", f.runs.len()),
        Language::Zh => format!("只列出 {} 个运行中的前 {listed} 个；导出的 CSV 包含全部。", f.runs.len()),
    });
    let run_rows = f
        .runs
        .iter()
        .take(listed)
        .map(|r| {
            view! {
                <tr>
                    <td>{r.run.label.clone()}</td><td>{count(r.run.n)}</td><td>{count(r.run.d)}</td><td>{sig(r.c, 3)}</td>
                    <td>{sig(r.run.loss, 4)}</td><td>{sig(r.predicted, 4)}</td><td>{sig(r.residual, 3)}</td>
                    <td>{if r.held_out { pick(lang, "held out", "留出") } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {warn}
        {no_frontier}
        <p class="readout fit-summary" aria-live="polite">{math(&summary)}</p>
        {below}
        {boot_note}
        <table class="fit-constants">
            <caption>{pick(lang, "Fitted constants with 95% bootstrap intervals", "拟合常数及 95% 自助法区间")}</caption>
            <thead><tr><th scope="col">{pick(lang, "quantity", "量")}</th><th scope="col">{pick(lang, "estimate", "估计值")}</th><th scope="col">{pick(lang, "95% interval", "95% 区间")}</th></tr></thead>
            <tbody>{const_rows}</tbody>
        </table>
        <details class="data-table">
            <summary>{lang.strings().data_table}</summary>
            <table>
                <thead><tr>
                    <th scope="col">{pick(lang, "run", "运行")}</th><th scope="col">"N"</th><th scope="col">"D"</th><th scope="col">"C"</th>
                    <th scope="col">{pick(lang, "loss", "损失")}</th><th scope="col">{pick(lang, "predicted", "预测")}</th>
                    <th scope="col">{pick(lang, "residual", "残差")}</th><th scope="col"></th>
                </tr></thead>
                <tbody>{run_rows}</tbody>
            </table>
            {cut_note.map(|t| view! { <p class="hint">{t}</p> })}
        </details>
    }
}

/// A value in the constants table: four significant digits, except that whole numbers from 1,000 up to
/// a million (where [`sig`] prints every integer digit, e.g. 93189 for an N_opt bound) are grouped in
/// threes as the sliders show them (93,189).
fn table_value(v: f64) -> String {
    if (1e3..1e6).contains(&v) {
        grouped_f64(v)
    } else {
        sig(v, 4)
    }
}

/// Save the first canvas inside the element `container_id` as a PNG file.
fn download_canvas_png(container_id: &str, filename: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(canvas) = document.get_element_by_id(container_id).and_then(|el| el.query_selector("canvas").ok().flatten()) else { return };
    let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
    let Ok(url) = canvas.to_data_url() else { return };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
}
