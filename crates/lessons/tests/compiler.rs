//! Tests of the lesson compiler: front matter, Markdown features, typed blocks (valid and invalid,
//! with the exact `file:line` of each error), course-level checks on fixture trees under
//! tests/fixtures/, and the JSON written by `write_output`.
#![cfg(feature = "compiler")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lessons::compiler::{compile_course, parse_references, slugify, write_output, Compiler, CompiledFile, Diagnostic};
use lessons::*;

/// Front matter of 7 lines: the body starts on line 8 (a blank line), its first text on line 9.
const FM: &str = "+++\nslug = \"t\"\norder = 1\ntitle = \"T\"\nminutes = 5\nobjectives = [\"Know $\\\\alpha$\"]\n+++\n";

fn compiler() -> Compiler {
    let refs = r#"
[kaplan2020]
authors = ["Jared Kaplan", "Sam McCandlish", "Tom Henighan", "Tom B. Brown"]
title = "Scaling Laws for Neural Language Models"
year = 2020
venue = "arXiv"
url = "https://arxiv.org/abs/2001.08361"
[bahri2021]
authors = "Yasaman Bahri et al."
title = "Explaining Neural Scaling Laws"
year = 2021
"#;
    Compiler::new(parse_references(Path::new("references.toml"), refs).unwrap())
}

fn compile_lang(body: &str, lang: Language) -> Result<CompiledFile, Vec<Diagnostic>> {
    compiler().compile_file(Path::new("t.md"), lang, &format!("{FM}\n{body}"))
}

fn compile(body: &str) -> Result<CompiledFile, Vec<Diagnostic>> {
    compile_lang(body, Language::En)
}

fn html(f: &CompiledFile) -> String {
    f.chapter.body.iter().filter_map(|s| if let Segment::Html(h) = s { Some(h.as_str()) } else { None }).collect()
}

/// The errors as `path:line: message` strings.
fn errors(body: &str) -> Vec<String> {
    compile(body).expect_err("expected errors").iter().map(|d| d.to_string()).collect()
}

fn assert_error(body: &str, line: usize, needle: &str) {
    let errs = errors(body);
    assert!(
        errs.iter().any(|e| e.starts_with(&format!("t.md:{line}: ")) && e.contains(needle)),
        "expected t.md:{line}: …{needle}…, got {errs:#?}"
    );
}

#[test]
fn front_matter_is_parsed() {
    let f = compile("Hello.").unwrap();
    let c = &f.chapter;
    assert_eq!((c.slug.as_str(), c.order, c.minutes, c.kind, c.title.as_str()), ("t", 1, 5, Kind::Chapter, "T"));
    assert_eq!(c.objectives.len(), 1);
    assert!(c.objectives[0].starts_with("Know <math>"), "objective is inline HTML: {}", c.objectives[0]);
}

#[test]
fn front_matter_errors() {
    let e = compiler().compile_file(Path::new("t.md"), Language::En, "no front matter").unwrap_err();
    assert_eq!(e[0].to_string(), "t.md:1: missing front matter: the file must start with a `+++` line");
    let e = compiler().compile_file(Path::new("t.md"), Language::En, "+++\nslug = \"t\"\nbogus = 1\ntitle = \"x\"\n+++\n").unwrap_err();
    assert!(e[0].to_string().starts_with("t.md:3: ") && e[0].message.contains("bogus"), "{e:?}");
    let e = compiler().compile_file(Path::new("t.md"), Language::En, "+++\nslug = \"t\"\ntitle = \"x\"\n+++\n").unwrap_err();
    assert!(e.iter().any(|d| d.message.contains("needs `order`")), "{e:?}");
    let page = compiler().compile_file(Path::new("t.md"), Language::En, "+++\nslug = \"about\"\ntitle = \"About\"\nkind = \"page\"\n+++\nHi").unwrap();
    assert_eq!(page.chapter.kind, Kind::Page);
}

#[test]
fn math_becomes_mathml() {
    let f = compile("Inline $\\frac{\\sigma^2}{n}$ here.\n\n$$\n\\log \\mathrm{MSE} = 2\\log\\sigma - \\log n\n$$\n").unwrap();
    let h = html(&f);
    assert!(h.contains("<math><mfrac><msup><mi>σ</mi><mn>2</mn></msup><mi>n</mi></mfrac></math>"), "{h}");
    // A display formula scrolls sideways in a narrow column: it is in the tab order, named by the
    // formula written on one line; a short inline one is not.
    assert!(h.contains("<math tabindex=\"0\" aria-label=\"log MSE = 2 log σ − log n\" display=\"block\">"), "{h}");
    assert!(!h.contains('$'), "{h}");
    assert_eq!(h.matches("tabindex").count(), 1, "{h}");
}

#[test]
fn bad_latex_fails_with_its_line() {
    // Body line 9 is the first text line.
    assert_error("Fine $x$.\n\nBroken $\\frac{1}$ here.", 11, "bad LaTeX");
    // Unbalanced braces keep pulldown-cmark from seeing math at all; the stray `$` is an error.
    assert_error("Fine.\n\nBroken $\\frac{1}{$ here.", 11, "unmatched `$`");
    assert!(compile("Costs \\$5 and \\$6.").is_ok());
    assert_error("Unknown $\\notacommand x$.", 9, "bad LaTeX");
    // In display math, the line inside the block where the error is.
    assert_error("$$\na = b\n\\foo\n$$", 11, "bad LaTeX");
}

#[test]
fn headings_get_unique_ids_and_toc() {
    let f = compile("## Straight lines on log–log axes\n\n### Two\n\n## Two\n\n## 幂律从何而来\n\n## Custom {#my-id}\n\n## $\\alpha$ and `code`").unwrap();
    let ids: Vec<&str> = f.chapter.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["straight-lines-on-log-log-axes", "two", "two-2", "幂律从何而来", "my-id", "alpha-and-code"]);
    assert_eq!(f.chapter.headings[1].level, 3);
    assert!(f.chapter.headings[5].html.contains("<math>") && f.chapter.headings[5].html.contains("<code>code</code>"));
    assert!(
        html(&f).contains("<h2 id=\"幂律从何而来\">幂律从何而来<a class=\"heading-anchor\" href=\"#幂律从何而来\" aria-label=\"§ 幂律从何而来\">#</a></h2>"),
        "{}",
        html(&f)
    );
    assert_eq!(slugify("算例：读出指数"), "算例-读出指数");
    assert_eq!(slugify("!!!"), "section");
}

#[test]
fn citations_are_numbered_and_listed() {
    let f = compile("A [@bahri2021]. B [@kaplan2020; @bahri2021].").unwrap();
    let h = html(&f);
    assert!(h.contains("<span class=\"citation\">[<a href=\"#ref-bahri2021\">1</a>]</span>"), "{h}");
    assert!(h.contains("[<a href=\"#ref-kaplan2020\">2</a>, <a href=\"#ref-bahri2021\">1</a>]"), "{h}");
    let keys: Vec<(&str, u32)> = f.chapter.references.iter().map(|r| (r.key.as_str(), r.number)).collect();
    assert_eq!(keys, [("bahri2021", 1), ("kaplan2020", 2)]);
    assert!(h.contains("<li id=\"ref-kaplan2020\">Jared Kaplan et al. (2020). <a href=\"https://arxiv.org/abs/2001.08361\">"), "{h}");
    assert_eq!(f.chapter.headings.last().unwrap().id, "references");
    let zh = compile_lang("甲 [@kaplan2020]。", Language::Zh).unwrap();
    assert!(html(&zh).contains("参考文献") && html(&zh).contains("Jared Kaplan 等"));
    assert_error("Text.\n\nSee [@nobody2030].", 11, "unknown citation key `nobody2030`");
}

#[test]
fn admonitions_figures_footnotes_tables() {
    let f = compile(
        "> [!WARNING]\n> Careful with $n$.\n\n![A plot](plot.png \"The *MSE* against $n$\")\n\nText[^a] and[^b].\n\n[^b]: Second.\n[^a]: First.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n",
    )
    .unwrap();
    let h = html(&f);
    assert!(h.contains("<aside class=\"admonition admonition-warning\" role=\"note\"><p class=\"admonition-title\">Warning</p>"), "{h}");
    assert!(h.contains("<figure><img src=\"plot.png\" alt=\"A plot\" loading=\"lazy\"><figcaption>The <em>MSE</em> against <math><mi>n</mi></math></figcaption></figure>"), "{h}");
    assert!(h.contains("<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\">1</a></sup>"), "{h}");
    // Footnotes are listed in order of first reference, after the text.
    let (a, b) = (h.find("<li id=\"fn-a\">").unwrap(), h.find("<li id=\"fn-b\">").unwrap());
    assert!(a < b && a > h.find("Text").unwrap());
    assert!(h.contains("<table>") && h.contains("<del>old</del>") && h.contains("type=\"checkbox\""), "{h}");
    // An image without a title stays inline.
    let g = compile("![x](y.png)").unwrap();
    assert!(!html(&g).contains("<figure>"));
}

#[test]
fn code_is_highlighted_with_classes() {
    let f = compile("```rust\nfn main() { let x = 1; }\n```\n\n```unknownlang\n<b>\n```").unwrap();
    let h = html(&f);
    assert!(h.contains("<pre class=\"code\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"), "{h}");
    assert!(h.contains("<span class=\"hl-keyword"), "{h}");
    assert!(h.contains("<code class=\"language-unknownlang\">&lt;b&gt;"), "{h}");
}

#[test]
fn widget_blocks() {
    let f = compile("Before.\n\n```widget mean-estimation\nid = \"mse\"\nsigma = 2\nrepeats = 50\n```\n\nAfter.\n\n```widget box-averaging\nid = \"boxes\"\nd = 4\n```").unwrap();
    let kinds: Vec<&str> = f.chapter.body.iter().map(|s| match s {
        Segment::Html(_) => "html",
        Segment::Widget(_) => "widget",
        Segment::Exercise(_) => "exercise",
    }).collect();
    assert_eq!(kinds, ["html", "widget", "html", "widget"]);
    let Segment::Widget(w) = &f.chapter.body[1] else { unreachable!() };
    let Widget::MeanEstimation(p) = &w.widget else { panic!("{w:?}") };
    let d = sims::mean_estimation::MeanEstimationParams::default();
    assert_eq!((p.sigma, p.repeats, p.n_max), (2.0, 50, d.n_max));
    let Segment::Widget(w) = &f.chapter.body[3] else { unreachable!() };
    // Box averaging starts from the defaults tuned for the given d.
    assert_eq!(w.widget, Widget::BoxAveraging(sims::box_averaging::BoxAveragingParams::default_for(4)));
}

#[test]
fn widget_block_errors() {
    // Fence on line 9, body from line 10.
    assert_error("```widget no-such-widget\nid = \"x\"\n```", 9, "unknown widget kind `no-such-widget`");
    assert_error("```widget mean-estimation\nid = \"x\"\nsigmaa = 1\n```", 11, "unknown field `sigmaa`");
    assert_error("```widget mean-estimation\nid = \"x\"\nn_min = \"ten\"\n```", 11, "`n_min`");
    assert_error("```widget mean-estimation\nid = \"x\"\n\nsigma = -1.0\n```", 12, "sigma = -1 is out of range");
    assert_error("```widget mean-estimation\nid = \"x\"\nsigma = [1\n```", 11, "in block");
    assert_error("```widget mean-estimation\nsigma = 1\n```", 9, "missing field `id`");
    assert_error("```widget mean-estimation\nid = \"Bad.Id\"\n```", 10, "lowercase");
    assert_error("```widget mean-estimation\nid = \"a\"\n```\n\n```widget box-averaging\nid = \"a\"\n```", 14, "duplicate id `a`");
    assert_error("- item\n\n  ```widget mean-estimation\n  id = \"a\"\n  ```", 11, "top level");
}

const CHOICE: &str = r#"```exercise choice
id = "c1"
prompt = "Slope of $\\sigma^2/n$?"
[[options]]
text = "$-1$"
correct = true
explain = "Yes."
[[options]]
text = "$-1/2$"
explain = "That is the RMSE."
```"#;

#[test]
fn choice_exercise() {
    let f = compile(CHOICE).unwrap();
    let Segment::Exercise(e) = &f.chapter.body[0] else { panic!() };
    assert_eq!(e.id, "c1");
    let Exercise::Choice { prompt_html, multiple, options } = &e.kind else { panic!() };
    assert!(!multiple && prompt_html.starts_with("<p>Slope of <math>"));
    assert!(options[0].html.starts_with("<math>"), "unwrapped inline html: {}", options[0].html);
    assert!(options[0].correct && !options[1].correct);
    assert_eq!(options[1].explain_html, "<p>That is the RMSE.</p>\n");
    assert!(e.kind.grade_choice(&[0]) && !e.kind.grade_choice(&[1]));
    assert_eq!(f.blocks.len(), 1);
}

#[test]
fn choice_exercise_errors() {
    // Body starts on line 10; `explain` of option 2 is line 18.
    assert_error(&CHOICE.replace("explain = \"That is the RMSE.\"", "explain = \"$\\\\frac{1}$\""), 18, "bad LaTeX");
    assert_error(&CHOICE.replace("correct = true", "correct = false"), 10, "no option is marked");
    assert_error(&CHOICE.replace("[[options]]\ntext = \"$-1/2$\"", "[[options]]\ncorrect = true\ntext = \"$-1/2$\""), 10, "`multiple = false`");
    assert_error(&CHOICE.replace("explain = \"Yes.\"", "explain = \"Yes.\"\nhint = \"no\""), 16, "unknown field `hint`");
    assert_error(&CHOICE.replace("exercise choice", "exercise essay"), 9, "unknown exercise kind `essay`");
}

#[test]
fn numeric_exercise() {
    let body = "```exercise numeric\nid = \"n1\"\nprompt = \"MSE?\"\nanswer = 0.04\ntolerance = { rel = 0.02 }\nunit = \"nats\"\nsolution = \"$1/25$\"\n```";
    let f = compile(body).unwrap();
    let Segment::Exercise(e) = &f.chapter.body[0] else { panic!() };
    assert_eq!(e.kind.grade_numeric(0.0408), Some(true));
    let Exercise::Numeric { tolerance, unit, .. } = &e.kind else { panic!() };
    assert_eq!((*tolerance, unit.as_deref()), (Tolerance::Rel(0.02), Some("nats")));
    assert_error(&body.replace("{ rel = 0.02 }", "{ rel = -0.02 }"), 13, "must be finite and ≥ 0");
    assert_error(&body.replace("{ rel = 0.02 }", "{ within = 0.02 }"), 13, "in block");
    assert_error(&body.replace("answer = 0.04\n", ""), 10, "missing field `answer`");
}

const RANDOM: &str = r#"```exercise random
id = "r1"
prompt = "With $\\sigma = {sigma}$, $n = {n}$ and $\\frac{1}{n}$: MSE?"
answer = "mean_estimation_mse"
tolerance = { rel = 0.01 }
solution = "$\\sigma^2/n$ = {answer}"
[params]
sigma = { min = 0.5, max = 4.0, step = 0.5 }
n = { choices = [10, 20, 50] }
```"#;

#[test]
fn random_exercise_keeps_placeholders() {
    let f = compile(RANDOM).unwrap();
    let Segment::Exercise(e) = &f.chapter.body[0] else { panic!() };
    let Exercise::Random { prompt_html, params, answer, solution_html, .. } = &e.kind else { panic!() };
    assert_eq!(*answer, AnswerFn::MeanEstimationMse);
    assert!(prompt_html.contains("<mo>=</mo><mn>{sigma}</mn>"), "{prompt_html}");
    // `\frac{1}{n}` is a LaTeX group, not a placeholder.
    assert!(prompt_html.contains("<mfrac><mn>1</mn><mi>n</mi></mfrac>"), "{prompt_html}");
    assert!(solution_html.contains("= {answer}"), "{solution_html}");
    assert_eq!(params["n"], ParamRange::Choices(vec![10.0, 20.0, 50.0]));
    let values: BTreeMap<String, f64> = [("sigma".to_string(), 1.5), ("n".to_string(), 20.0)].into();
    assert!(fill_placeholders(prompt_html, &values).contains("<mn>1.5</mn>"));
}

#[test]
fn random_exercise_errors() {
    // Body from line 10: answer on 12, [params] on 15, sigma on 16.
    assert_error(&RANDOM.replace("mean_estimation_mse", "kaplan_loss"), 12, "unknown answer function `kaplan_loss`");
    assert_error(&RANDOM.replace("n = { choices", "m = { choices").replace("{n}", "{m}"), 15, "takes params {sigma, n}");
    assert_error(&RANDOM.replace("{sigma}$,", "{sgma}$,"), 11, "unknown placeholder {sgma}");
    assert_error(&RANDOM.replace("= {answer}", "= {answr}"), 14, "unknown placeholder {answr}");
    assert_error(&RANDOM.replace("step = 0.5", "step = 0"), 16, "step = 0 must be > 0");
    assert_error(&RANDOM.replace("[10, 20, 50]", "[0, 20]"), 15, "integer ≥ 1");
}

const PREDICT: &str = r#"```exercise predict
id = "p1"
prompt = "Slope in $d = 4$?"
reveal = "$-1/4$"
[guess]
answer = -0.25
tolerance = { abs = 0.08 }
[widget]
kind = "box-averaging"
id = "p1-sim"
d = 4
```"#;

#[test]
fn predict_exercise() {
    let f = compile(PREDICT).unwrap();
    let Segment::Exercise(e) = &f.chapter.body[0] else { panic!() };
    let Exercise::Predict { guess, widget, .. } = &e.kind else { panic!() };
    assert_eq!(*guess, Guess::Numeric { answer: -0.25, tolerance: Tolerance::Abs(0.08), unit: None });
    assert_eq!(widget.id, "p1-sim");
    assert_eq!(widget.widget, Widget::BoxAveraging(sims::box_averaging::BoxAveragingParams::default_for(4)));
    assert_eq!(e.kind.grade_numeric(-0.3), Some(true));
    // Body from line 10: [guess] on 13, [widget] on 16, kind on 17, d on 19.
    assert_error(&PREDICT.replace("d = 4", "d = 9"), 19, "d = 9 is out of range");
    assert_error(&PREDICT.replace("kind = \"box-averaging\"", "kind = \"nope\""), 17, "unknown widget kind `nope`");
    assert_error(&PREDICT.replace("answer = -0.25\n", ""), 13, "[guess] needs");
    let choice = PREDICT.replace(
        "answer = -0.25\ntolerance = { abs = 0.08 }",
        "[[guess.options]]\ntext = \"flatter\"\ncorrect = true\nexplain = \"ok\"\n[[guess.options]]\ntext = \"steeper\"\nexplain = \"no\"",
    );
    let f = compile(&choice).unwrap();
    let Segment::Exercise(e) = &f.chapter.body[0] else { panic!() };
    assert!(e.kind.grade_choice(&[0]) && !e.kind.grade_choice(&[1]));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn course_errors(name: &str) -> Vec<String> {
    let root = fixture(name);
    compile_course(&root)
        .expect_err("expected errors")
        .iter()
        .map(|d| d.to_string().replace(&format!("{}/", root.display()), ""))
        .collect()
}

#[test]
fn course_compiles_and_writes_json() {
    let out = compile_course(&fixture("ok")).unwrap();
    let slugs: Vec<&str> = out.index.chapters.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(slugs, ["intro", "power"]);
    assert_eq!(out.index.pages[0].slug, "glossary");
    assert_eq!(out.index.pages[0].title, Lang { zh: "术语表".into(), en: "Glossary".into() });
    let power = &out.index.chapters[1];
    assert_eq!(power.exercises, ["power-num"]);
    assert_eq!(power.title.zh, "幂律");
    assert_eq!(out.chapters.len(), 6);
    let dir = std::env::temp_dir().join(format!("lessons-test-{}", std::process::id()));
    write_output(&out, &dir).unwrap();
    let index: CourseIndex = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index, out.index);
    let zh: Chapter = serde_json::from_str(&std::fs::read_to_string(dir.join("zh/power.json")).unwrap()).unwrap();
    assert_eq!(zh.lang, Language::Zh);
    assert_eq!(zh.references[0].key, "hestness2017");
    // The Chinese heading (`## 引言`) takes the English one's anchor, so a language switch keeps the place.
    assert_eq!(zh.headings[0].id, "intro");
    assert!(zh.body.iter().any(|s| matches!(s, Segment::Html(h) if h.contains("<h2 id=\"intro\">引言"))));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn zh_en_block_mismatch_is_an_error() {
    let errs = course_errors("mismatch");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].starts_with("zh/power.md:14: zh/en typed blocks differ at block 1: zh has widget mean-estimation `mse-zh`"), "{errs:#?}");
    assert!(errs[0].contains("en has widget mean-estimation `mse` (") && errs[0].ends_with("en/power.md:14)"), "{errs:#?}");
}

#[test]
fn zh_en_heading_mismatch_is_an_error() {
    let errs = course_errors("headings");
    assert_eq!(errs, ["zh/power.md:1: headings differ from en/power.md at heading 2: level 3 `slopes` here, level 2 `slopes` there (both languages need the same heading levels in the same order: they share their anchors)"]);
}

#[test]
fn missing_language_is_an_error() {
    let errs = course_errors("missing");
    assert_eq!(errs, [
        "zh/intro.md:1: `intro` has no en version (no en/*.md with slug = \"intro\")",
        "en/power.md:1: `power` has no zh version (no zh/*.md with slug = \"power\")",
    ]);
}

#[test]
fn empty_content_gives_an_empty_index() {
    let out = compile_course(&fixture("empty")).unwrap();
    assert!(out.index.chapters.is_empty() && out.index.pages.is_empty() && out.chapters.is_empty());
    assert!(compile_course(&fixture("does-not-exist")).is_err());
}

#[test]
fn references_toml_errors_have_lines() {
    let e = parse_references(Path::new("references.toml"), "[a]\ntitle = \"x\"\nyear = 2020\nauthors = \"A\"\npages = 3\n").unwrap_err();
    assert!(e[0].to_string().starts_with("references.toml:5: "), "{e:?}");
}
