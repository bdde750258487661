//! The lesson compiler (feature `compiler`, build-time only): `content/` → `index.json` and
//! `{lang}/{slug}.json`.
//!
//! [`compile_course`] reads `content/{zh,en}/*.md` and `content/references.toml`, compiles every
//! file ([`Compiler::compile_file`]: front matter, Markdown, typed blocks), then checks the course
//! as a whole: every chapter in both languages with the same order/kind/minutes, the same typed
//! blocks (kinds and ids, in order) in both, unique slugs, chapter orders and exercise ids. All
//! problems are collected as [`Diagnostic`]s (`path:line: message`) rather than stopping at the
//! first, so one build shows a content writer everything to fix.

mod blocks;
mod markdown;
mod mathscroll;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

pub use markdown::slugify;
use markdown::{escape, Lines, Mode};

use crate::model::*;

/// One build error: `path:line: message` (line is 1-based in the source file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// An entry of `content/references.toml`:
/// `[key] authors = "…" | ["…", …], title = "…", year = 2020, venue = "…", url = "…"`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BibEntry {
    pub authors: Authors,
    pub title: String,
    pub year: u32,
    pub venue: Option<String>,
    pub url: Option<String>,
}

/// Authors as one preformatted string or a list of names.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Authors {
    One(String),
    List(Vec<String>),
}

impl Authors {
    fn to_vec(&self) -> Vec<String> {
        match self {
            Authors::One(s) => vec![s.clone()],
            Authors::List(v) => v.clone(),
        }
    }
}

/// Per-file state while compiling one Markdown file.
pub(crate) struct FileCtx {
    pub path: PathBuf,
    pub lang: Language,
    pub diagnostics: Vec<Diagnostic>,
    pub headings: Vec<Heading>,
    ids: HashSet<String>,
    /// Citation keys in order of first citation.
    pub citations: Vec<String>,
    /// Footnote labels in order of first reference.
    footnote_refs: Vec<String>,
    /// (label, html, line) in order of definition.
    pub footnote_defs: Vec<(String, String, usize)>,
    /// Typed blocks in order: (what, kind, id, line), for the zh/en comparison and id checks.
    pub blocks: Vec<BlockRef>,
    /// Ids for the body's headings by position, from the other language's file of the same slug
    /// (see [`Compiler::compile_file_sharing`]); set once the front matter gives the slug.
    pub shared_heading_ids: Vec<String>,
}

/// A typed block as seen by the cross-file checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockRef {
    /// `"widget"` or `"exercise"`.
    pub what: &'static str,
    pub kind: String,
    pub id: String,
    pub line: usize,
}

impl FileCtx {
    fn new(path: PathBuf, lang: Language) -> Self {
        FileCtx {
            path,
            lang,
            diagnostics: Vec::new(),
            headings: Vec::new(),
            ids: HashSet::new(),
            citations: Vec::new(),
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            blocks: Vec::new(),
            shared_heading_ids: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, line: usize, message: String) {
        self.diagnostics.push(Diagnostic { path: self.path.clone(), line, message });
    }

    /// `base`, or `base-2`, `base-3`, … if already taken in this chapter.
    pub(crate) fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The footnote's number, and whether this is its first reference.
    pub(crate) fn footnote_number(&mut self, label: &str) -> (usize, bool) {
        match self.footnote_refs.iter().position(|l| l == label) {
            Some(p) => (p + 1, false),
            None => {
                self.footnote_refs.push(label.to_string());
                (self.footnote_refs.len(), true)
            }
        }
    }

    /// Records a typed block; ids must be unique within the chapter.
    pub(crate) fn register_block(&mut self, what: &'static str, kind: &str, id: &str, line: usize) {
        if let Some(prev) = self.blocks.iter().find(|b| b.id == id) {
            let msg = format!("duplicate id `{id}` (first used on line {})", prev.line);
            self.error(line, msg);
        }
        self.blocks.push(BlockRef { what, kind: kind.to_string(), id: id.to_string(), line });
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: Spanned<String>,
    order: Option<u32>,
    title: String,
    #[serde(default)]
    objectives: Vec<Spanned<String>>,
    minutes: Option<u32>,
    #[serde(default)]
    kind: Kind,
}

/// One compiled Markdown file with what the course-level checks need.
#[derive(Clone, Debug)]
pub struct CompiledFile {
    pub path: PathBuf,
    pub chapter: Chapter,
    pub blocks: Vec<BlockRef>,
}

/// The compiled course.
#[derive(Clone, Debug, Default)]
pub struct CourseOutput {
    pub index: CourseIndex,
    /// Every chapter and page in both languages.
    pub chapters: Vec<Chapter>,
}

/// Holds the parts that are costly to set up (syntax definitions, LaTeX converter) and the
/// bibliography, and compiles files.
pub struct Compiler {
    math: math_core::LatexToMathML,
    syntaxes: syntect::parsing::SyntaxSet,
    references: BTreeMap<String, BibEntry>,
}

impl Compiler {
    /// A compiler with the given bibliography (see [`parse_references`]).
    pub fn new(references: BTreeMap<String, BibEntry>) -> Self {
        // The default config defines no macros, so construction cannot fail.
        let math = math_core::LatexToMathML::new(math_core::MathCoreConfig::default()).unwrap_or_default();
        Compiler { math, syntaxes: syntect::parsing::SyntaxSet::load_defaults_newlines(), references }
    }

    /// Compiles one Markdown file (`source` is its text, `path` only names it in messages).
    pub fn compile_file(&self, path: &Path, lang: Language, source: &str) -> Result<CompiledFile, Vec<Diagnostic>> {
        self.compile_file_sharing(path, lang, source, &HashMap::new())
    }

    /// Like [`Compiler::compile_file`], but the body's headings take, by position, the ids in
    /// `heading_ids[slug]` (the English file's), unless a heading sets its own `{#id}`. So a heading
    /// has one anchor in both languages, and switching language keeps the reader's place.
    pub fn compile_file_sharing(&self, path: &Path, lang: Language, source: &str, heading_ids: &HashMap<String, Vec<String>>) -> Result<CompiledFile, Vec<Diagnostic>> {
        let mut ctx = FileCtx::new(path.to_path_buf(), lang);
        let chapter = self.compile_inner(&mut ctx, source, heading_ids);
        match chapter {
            Some(chapter) if ctx.diagnostics.is_empty() => Ok(CompiledFile { path: path.to_path_buf(), chapter, blocks: ctx.blocks }),
            _ => Err(ctx.diagnostics),
        }
    }

    fn compile_inner(&self, ctx: &mut FileCtx, source: &str, heading_ids: &HashMap<String, Vec<String>>) -> Option<Chapter> {
        // Front matter: `+++` on line 1 up to the next line that is exactly `+++`.
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let mut lines = source.split_inclusive('\n');
        if lines.next().map(str::trim_end) != Some("+++") {
            ctx.error(1, "missing front matter: the file must start with a `+++` line".into());
            return None;
        }
        let fm_start = source.find('\n').map_or(source.len(), |p| p + 1);
        let mut offset = fm_start;
        let mut fm_end = None;
        for l in lines {
            if l.trim_end() == "+++" {
                fm_end = Some((offset, offset + l.len()));
                break;
            }
            offset += l.len();
        }
        let Some((fm_stop, body_start)) = fm_end else {
            ctx.error(1, "unterminated front matter: no closing `+++` line".into());
            return None;
        };
        let fm_text = &source[fm_start..fm_stop];
        let line_in_fm = |off: usize| 2 + fm_text.as_bytes()[..off.min(fm_text.len())].iter().filter(|&&b| b == b'\n').count();
        let fm: FrontMatter = match toml::from_str(fm_text) {
            Ok(fm) => fm,
            Err(e) => {
                let line = e.span().map_or(2, |s| line_in_fm(s.start));
                ctx.error(line, format!("in front matter: {}", e.message().trim()));
                return None;
            }
        };
        let slug_line = line_in_fm(fm.slug.span().start);
        let slug = fm.slug.get_ref().clone();
        ctx.shared_heading_ids = heading_ids.get(&slug).cloned().unwrap_or_default();
        if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            ctx.error(slug_line, format!("slug `{slug}` must be lowercase ASCII letters, digits and `-`"));
        }
        let (order, minutes) = match fm.kind {
            Kind::Chapter => {
                if fm.order.is_none() {
                    ctx.error(2, "a chapter needs `order`".into());
                }
                if fm.minutes.is_none() {
                    ctx.error(2, "a chapter needs `minutes`".into());
                }
                (fm.order.unwrap_or(0), fm.minutes.unwrap_or(0))
            }
            Kind::Page => (fm.order.unwrap_or(0), fm.minutes.unwrap_or(0)),
        };
        let objectives = fm.objectives.iter().map(|o| self.render_inline(ctx, o.get_ref(), line_in_fm(o.span().start), None)).collect();
        let body_first_line = 1 + source[..body_start].matches('\n').count();
        let body_text = &source[body_start..];
        let mut body = self.render(ctx, body_text, Lines::Body { text: body_text, first_line: body_first_line }, &Mode { body: true, placeholders: None });
        let references = self.finish(ctx, &mut body);
        Some(Chapter {
            slug,
            lang: ctx.lang,
            kind: fm.kind,
            order,
            title: fm.title,
            objectives,
            minutes,
            headings: std::mem::take(&mut ctx.headings),
            body,
            references,
        })
    }

    /// Appends the footnotes and the reference list to the body; returns the references.
    fn finish(&self, ctx: &mut FileCtx, body: &mut Vec<Segment>) -> Vec<Reference> {
        let mut tail = String::new();
        if !ctx.footnote_defs.is_empty() || !ctx.footnote_refs.is_empty() {
            let mut defs = ctx.footnote_defs.clone();
            for label in ctx.footnote_refs.clone() {
                if !defs.iter().any(|(l, _, _)| *l == label) {
                    ctx.error(1, format!("footnote [^{label}] is referenced but never defined"));
                }
            }
            // Referenced ones in reference order, then any unreferenced ones.
            defs.sort_by_key(|(l, _, _)| ctx.footnote_refs.iter().position(|r| r == l).unwrap_or(usize::MAX));
            tail.push_str("<section class=\"footnotes\"><ol>\n");
            for (label, html, _) in defs {
                let id = slugify(&label);
                tail.push_str(&format!("<li id=\"fn-{id}\">{html}<a href=\"#fnref-{id}\" class=\"footnote-backref\" aria-label=\"back\">↩</a></li>\n"));
            }
            tail.push_str("</ol></section>\n");
        }
        let mut references = Vec::new();
        if !ctx.citations.is_empty() {
            let title = if ctx.lang == Language::Zh { "参考文献" } else { "References" };
            let id = ctx.unique_id("references".into());
            ctx.headings.push(Heading { level: 2, id: id.clone(), html: title.into() });
            tail.push_str(&format!("<section class=\"references\"><h2 id=\"{id}\">{title}</h2><ol>\n"));
            for (i, key) in ctx.citations.iter().enumerate() {
                let Some(e) = self.references.get(key) else { continue };
                let authors = e.authors.to_vec();
                let shown = if authors.len() > 3 {
                    format!("{} {}", authors[0], if ctx.lang == Language::Zh { "等" } else { "et al." })
                } else {
                    authors.join(", ")
                };
                let title_html = match &e.url {
                    Some(u) => format!("<a href=\"{}\">{}</a>", escape(u), escape(&e.title)),
                    None => escape(&e.title),
                };
                let venue = e.venue.as_deref().map(|v| format!(" <i>{}</i>.", escape(v))).unwrap_or_default();
                tail.push_str(&format!("<li id=\"ref-{}\">{} ({}). {title_html}.{venue}</li>\n", escape(key), escape(&shown), e.year));
                references.push(Reference {
                    key: key.clone(),
                    number: i as u32 + 1,
                    authors,
                    title: e.title.clone(),
                    year: e.year,
                    venue: e.venue.clone(),
                    url: e.url.clone(),
                });
            }
            tail.push_str("</ol></section>\n");
        }
        if !tail.is_empty() {
            match body.last_mut() {
                Some(Segment::Html(h)) => h.push_str(&tail),
                _ => body.push(Segment::Html(tail)),
            }
        }
        references
    }
}

/// Parses `content/references.toml` (see [`BibEntry`]); errors carry the file line.
pub fn parse_references(path: &Path, text: &str) -> Result<BTreeMap<String, BibEntry>, Vec<Diagnostic>> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        vec![Diagnostic { path: path.to_path_buf(), line, message: e.message().trim().to_string() }]
    })
}

/// Compiles the course in `content_dir` (which must exist). A missing `references.toml` is an
/// empty bibliography; missing or empty `zh/` and `en/` directories give an empty course.
pub fn compile_course(content_dir: &Path) -> Result<CourseOutput, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let io_err = |path: &Path, e: std::io::Error| Diagnostic { path: path.to_path_buf(), line: 1, message: e.to_string() };
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic { path: content_dir.to_path_buf(), line: 1, message: "content directory not found".into() }]);
    }
    let refs_path = content_dir.join("references.toml");
    let references = match std::fs::read_to_string(&refs_path) {
        Ok(text) => parse_references(&refs_path, &text).unwrap_or_else(|d| {
            diags.extend(d);
            BTreeMap::new()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(vec![io_err(&refs_path, e)]),
    };
    let compiler = Compiler::new(references);
    let mut files: Vec<(Language, CompiledFile)> = Vec::new();
    // English first: its heading ids become the Chinese file's too (one anchor per heading).
    let mut heading_ids: HashMap<String, Vec<String>> = HashMap::new();
    for lang in [Language::En, Language::Zh] {
        let dir = content_dir.join(lang.code());
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "md")).collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                diags.push(io_err(&dir, e));
                continue;
            }
        };
        paths.sort();
        for path in paths {
            match std::fs::read_to_string(&path) {
                Ok(src) => match compiler.compile_file_sharing(&path, lang, &src, &heading_ids) {
                    Ok(f) => {
                        if lang == Language::En {
                            let ids = f.chapter.headings.iter().map(|h| h.id.clone()).collect();
                            heading_ids.insert(f.chapter.slug.clone(), ids);
                        }
                        files.push((lang, f))
                    }
                    Err(d) => diags.extend(d),
                },
                Err(e) => diags.push(io_err(&path, e)),
            }
        }
    }
    let output = check_course(files, &mut diags);
    if diags.is_empty() {
        Ok(output)
    } else {
        Err(diags)
    }
}

/// The course-level checks and the index, from compiled files (exposed for tests).
pub fn check_course(files: Vec<(Language, CompiledFile)>, diags: &mut Vec<Diagnostic>) -> CourseOutput {
    let mut by_lang: HashMap<Language, BTreeMap<String, CompiledFile>> = HashMap::new();
    for (lang, f) in files {
        let map = by_lang.entry(lang).or_default();
        if let Some(prev) = map.get(&f.chapter.slug) {
            diags.push(Diagnostic {
                path: f.path.clone(),
                line: 2,
                message: format!("duplicate slug `{}` (also in {})", f.chapter.slug, prev.path.display()),
            });
            continue;
        }
        map.insert(f.chapter.slug.clone(), f);
    }
    let zh = by_lang.remove(&Language::Zh).unwrap_or_default();
    let en = by_lang.remove(&Language::En).unwrap_or_default();
    for (one, other, other_lang) in [(&zh, &en, "en"), (&en, &zh, "zh")] {
        for (slug, f) in one {
            if !other.contains_key(slug) {
                diags.push(Diagnostic {
                    path: f.path.clone(),
                    line: 1,
                    message: format!("`{slug}` has no {other_lang} version (no {other_lang}/*.md with slug = \"{slug}\")"),
                });
            }
        }
    }
    let mut output = CourseOutput::default();
    let mut orders: HashMap<u32, PathBuf> = HashMap::new();
    let mut exercise_ids: HashMap<String, PathBuf> = HashMap::new();
    for (slug, z) in &zh {
        let Some(e) = en.get(slug) else { continue };
        let (zc, ec) = (&z.chapter, &e.chapter);
        if zc.kind != ec.kind || zc.order != ec.order || zc.minutes != ec.minutes {
            diags.push(Diagnostic {
                path: z.path.clone(),
                line: 2,
                message: format!(
                    "front matter differs from {}: kind/order/minutes {:?}/{}/{} vs {:?}/{}/{}",
                    e.path.display(),
                    zc.kind,
                    zc.order,
                    zc.minutes,
                    ec.kind,
                    ec.order,
                    ec.minutes
                ),
            });
        }
        compare_blocks(z, e, diags);
        compare_headings(z, e, diags);
        if zc.kind == Kind::Chapter {
            if let Some(prev) = orders.insert(zc.order, z.path.clone()) {
                diags.push(Diagnostic { path: z.path.clone(), line: 2, message: format!("duplicate order {} (also {})", zc.order, prev.display()) });
            }
        }
        for f in [z, e] {
            for b in f.blocks.iter().filter(|b| b.what == "exercise") {
                let key = format!("{}:{}", f.chapter.lang.code(), b.id);
                if let Some(prev) = exercise_ids.insert(key, f.path.clone()) {
                    if prev != f.path {
                        diags.push(Diagnostic {
                            path: f.path.clone(),
                            line: b.line,
                            message: format!("exercise id `{}` is also used in {} (exercise ids are course-wide)", b.id, prev.display()),
                        });
                    }
                }
            }
        }
        let title = Lang { zh: zc.title.clone(), en: ec.title.clone() };
        match zc.kind {
            Kind::Chapter => output.index.chapters.push(ChapterEntry {
                slug: slug.clone(),
                order: ec.order,
                minutes: ec.minutes,
                title,
                objectives: Lang { zh: zc.objectives.clone(), en: ec.objectives.clone() },
                exercises: e.blocks.iter().filter(|b| b.what == "exercise").map(|b| b.id.clone()).collect(),
            }),
            Kind::Page => output.index.pages.push(PageEntry { slug: slug.clone(), order: ec.order, title }),
        }
        output.chapters.push(zc.clone());
        output.chapters.push(ec.clone());
    }
    output.index.chapters.sort_by_key(|c| c.order);
    output.index.pages.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    output
}

/// zh and en must have the same headings (levels, in order): they share their anchors by position.
fn compare_headings(z: &CompiledFile, e: &CompiledFile, diags: &mut Vec<Diagnostic>) {
    let levels = |f: &CompiledFile| f.chapter.headings.iter().map(|h| h.level).collect::<Vec<_>>();
    let (zl, el) = (levels(z), levels(e));
    if zl != el {
        let at = zl.iter().zip(&el).position(|(a, b)| a != b).unwrap_or(zl.len().min(el.len()));
        let describe = |f: &CompiledFile| {
            f.chapter.headings.get(at).map_or("no heading".to_string(), |h| format!("level {} `{}`", h.level, h.id))
        };
        diags.push(Diagnostic {
            path: z.path.clone(),
            line: 1,
            message: format!(
                "headings differ from {} at heading {}: {} here, {} there (both languages need the same heading levels in the same order: they share their anchors)",
                e.path.display(),
                at + 1,
                describe(z),
                describe(e)
            ),
        });
    }
}

/// zh and en must have the same typed blocks (kinds and ids) in the same order.
fn compare_blocks(z: &CompiledFile, e: &CompiledFile, diags: &mut Vec<Diagnostic>) {
    let label = |b: &BlockRef| format!("{} {} `{}`", b.what, b.kind, b.id);
    let n = z.blocks.len().max(e.blocks.len());
    for i in 0..n {
        match (z.blocks.get(i), e.blocks.get(i)) {
            (Some(a), Some(b)) if a.what == b.what && a.kind == b.kind && a.id == b.id => continue,
            (a, b) => {
                let (path, line) = match a {
                    Some(a) => (z.path.clone(), a.line),
                    None => (z.path.clone(), 1),
                };
                let theirs = match b {
                    Some(b) => format!("{} ({}:{})", label(b), e.path.display(), b.line),
                    None => format!("nothing ({} has only {} typed blocks)", e.path.display(), e.blocks.len()),
                };
                let ours = a.map_or_else(|| format!("nothing (only {} typed blocks)", z.blocks.len()), label);
                diags.push(Diagnostic {
                    path,
                    line,
                    message: format!("zh/en typed blocks differ at block {}: zh has {ours}, en has {theirs}", i + 1),
                });
                return;
            }
        }
    }
}

/// Writes `out_dir/index.json` and `out_dir/{lang}/{slug}.json` (compact JSON).
pub fn write_output(output: &CourseOutput, out_dir: &Path) -> std::io::Result<()> {
    let json = |v: &dyn erased::Json| v.to_json();
    for lang in Language::ALL {
        std::fs::create_dir_all(out_dir.join(lang.code()))?;
    }
    std::fs::write(out_dir.join("index.json"), json(&output.index)?)?;
    for c in &output.chapters {
        std::fs::write(out_dir.join(c.lang.code()).join(format!("{}.json", c.slug)), json(c)?)?;
    }
    Ok(())
}

mod erased {
    //! A tiny object-safe wrapper so `write_output` can serialize different types in one closure.
    pub trait Json {
        fn to_json(&self) -> std::io::Result<String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> std::io::Result<String> {
            serde_json::to_string(self).map_err(std::io::Error::other)
        }
    }
}
