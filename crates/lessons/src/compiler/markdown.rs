//! Markdown → HTML for chapter bodies and for the Markdown fields of typed blocks.
//!
//! pulldown-cmark parses; this module rewrites the event stream before pulldown-cmark's HTML writer
//! runs: math → MathML (math-core), fenced code → syntect classed spans, headings → stable unique
//! ids (recorded for the TOC), a lone titled image → `<figure>`, GFM alerts → admonition boxes,
//! `[@key]` → numbered citations, footnotes → numbered and collected at the end of the chapter
//! (the stock writer would restart numbering in every segment), and, in bodies, typed blocks
//! (`widget …` / `exercise …` fences) → [`Segment`]s handed to [`super::blocks`].

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{
    html, BlockQuoteKind, BrokenLink, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd,
};

use super::{Compiler, FileCtx};
use crate::model::{Heading, Language, Segment};

/// Link destinations the broken-link callback gives to `[@key]` so the event pass can find them.
const CITE_PREFIX: &str = "cite:";

/// Where the Markdown being rendered sits in its file, to turn byte offsets into line numbers.
#[derive(Clone, Copy)]
pub(crate) enum Lines<'s> {
    /// A chapter body: `text` is the whole file after the front matter, which starts on
    /// `first_line` (1-based).
    Body { text: &'s str, first_line: usize },
    /// A field of a typed block or of the front matter: every message points at `line`.
    Field { line: usize },
}

impl Lines<'_> {
    fn line_of(&self, offset: usize) -> usize {
        match *self {
            Lines::Body { text, first_line } => {
                first_line + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
            }
            Lines::Field { line } => line,
        }
    }
}

/// What may appear in the Markdown being rendered.
pub(crate) struct Mode<'p> {
    /// Typed blocks and TOC headings are only allowed in chapter bodies.
    pub body: bool,
    /// For the prompt and solution of a `random` exercise: the `{name}` placeholders allowed.
    pub placeholders: Option<&'p BTreeSet<String>>,
}

enum Out<'a> {
    Ev(Event<'a>),
    Seg(Segment),
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

impl Compiler {
    /// Renders Markdown to body segments (typed blocks split the HTML), reporting problems to `ctx`.
    pub(crate) fn render(&self, ctx: &mut FileCtx, text: &str, lines: Lines, mode: &Mode) -> Vec<Segment> {
        let callback = |link: BrokenLink| {
            let r = link.reference.trim();
            r.starts_with('@').then(|| (CowStr::from(format!("{CITE_PREFIX}{r}")), CowStr::from("")))
        };
        let events: Vec<(Event, Range<usize>)> =
            Parser::new_with_broken_link_callback(text, options(), Some(callback)).into_offset_iter().collect();
        let outs = self.transform(ctx, &events, text, lines, mode, 0);
        let mut segments = Vec::new();
        let mut pending: Vec<Event> = Vec::new();
        let flush = |pending: &mut Vec<Event>, segments: &mut Vec<Segment>| {
            if !pending.is_empty() {
                let mut s = String::new();
                html::push_html(&mut s, pending.drain(..));
                segments.push(Segment::Html(s));
            }
        };
        for o in outs {
            match o {
                Out::Ev(e) => pending.push(e),
                Out::Seg(s) => {
                    flush(&mut pending, &mut segments);
                    segments.push(s);
                }
            }
        }
        flush(&mut pending, &mut segments);
        segments
    }

    /// Renders Markdown that must not contain typed blocks to one HTML string.
    pub(crate) fn render_html(&self, ctx: &mut FileCtx, text: &str, line: usize, placeholders: Option<&BTreeSet<String>>) -> String {
        let mode = Mode { body: false, placeholders };
        self.render(ctx, text, Lines::Field { line }, &mode)
            .into_iter()
            .map(|s| match s {
                Segment::Html(h) => h,
                _ => String::new(),
            })
            .collect()
    }

    /// Like [`Compiler::render_html`], but a single paragraph is unwrapped so the result is inline
    /// HTML (for option labels and objectives).
    pub(crate) fn render_inline(&self, ctx: &mut FileCtx, text: &str, line: usize, placeholders: Option<&BTreeSet<String>>) -> String {
        let html = self.render_html(ctx, text, line, placeholders);
        let trimmed = html.trim_end();
        match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn transform<'a>(
        &self,
        ctx: &mut FileCtx,
        events: &[(Event<'a>, Range<usize>)],
        text: &str,
        lines: Lines,
        mode: &Mode,
        depth0: usize,
    ) -> Vec<Out<'a>> {
        let mut out = Vec::new();
        let mut depth = depth0;
        let mut i = 0;
        while i < events.len() {
            let (ev, range) = &events[i];
            let line = lines.line_of(range.start);
            match ev {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let end = matching_end(events, i);
                    let inner = self.transform(ctx, &events[i + 1..end], text, lines, mode, depth + 1);
                    let inner_html = to_html(inner);
                    let plain = plain_text(&events[i + 1..end]);
                    let n = *level as u8;
                    // The other language's id for the heading at this position, when there is one.
                    let shared = if mode.body { ctx.shared_heading_ids.get(ctx.headings.len()).cloned() } else { None };
                    let id = ctx.unique_id(id.as_deref().map(str::to_string).or(shared).unwrap_or_else(|| slugify(&plain)));
                    let mut extra = String::new();
                    if !classes.is_empty() {
                        let cls: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                        extra.push_str(&format!(" class=\"{}\"", escape(&cls.join(" "))));
                    }
                    for (k, v) in attrs {
                        extra.push_str(&format!(" {}=\"{}\"", escape(k), escape(v.as_deref().unwrap_or(""))));
                    }
                    if mode.body {
                        ctx.headings.push(Heading { level: n, id: id.clone(), html: inner_html.clone() });
                    }
                    // A visible-on-hover self link, the usual affordance for citing a section.
                    let anchor = if mode.body && (2..=4).contains(&n) {
                        format!("<a class=\"heading-anchor\" href=\"#{0}\" aria-label=\"§ {1}\">#</a>", escape(&id), escape(&plain))
                    } else {
                        String::new()
                    };
                    out.push(Out::Ev(Event::Html(format!("<h{n} id=\"{}\"{extra}>{inner_html}{anchor}</h{n}>\n", escape(&id)).into())));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = matching_end(events, i);
                    let code: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
                        .collect();
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut words = info.split_whitespace();
                    let first = words.next().unwrap_or("");
                    if first == "widget" || first == "exercise" {
                        let block_kind = words.next().unwrap_or("").to_string();
                        if !mode.body {
                            ctx.error(line, format!("a `{first}` block cannot appear inside a Markdown field"));
                        } else if depth > 0 {
                            ctx.error(line, format!("a `{first}` block must be at the top level, not inside a list, quote or footnote"));
                        } else if let Some(seg) = self.typed_block(ctx, first, &block_kind, &code, line + 1) {
                            out.push(Out::Seg(seg));
                        }
                    } else {
                        let lang = first.split(',').next().unwrap_or("");
                        out.push(Out::Ev(Event::Html(self.highlight(lang, &code).into())));
                    }
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    if let Some((html, next)) = self.figure(ctx, events, i, text, lines, mode, depth) {
                        out.push(Out::Ev(Event::Html(html.into())));
                        i = next;
                        continue;
                    }
                    depth += 1;
                    out.push(Out::Ev(ev.clone()));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, en, zh) = match kind {
                        BlockQuoteKind::Note => ("note", "Note", "注"),
                        BlockQuoteKind::Tip => ("tip", "Tip", "提示"),
                        BlockQuoteKind::Important => ("important", "Important", "重要"),
                        BlockQuoteKind::Warning => ("warning", "Warning", "警告"),
                        BlockQuoteKind::Caution => ("caution", "Caution", "小心"),
                    };
                    let title = if ctx.lang == Language::Zh { zh } else { en };
                    depth += 1;
                    out.push(Out::Ev(Event::Html(
                        format!("<aside class=\"admonition admonition-{class}\" role=\"note\"><p class=\"admonition-title\">{title}</p>\n").into(),
                    )));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    depth = depth.saturating_sub(1);
                    out.push(Out::Ev(Event::Html("</aside>\n".into())));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let end = matching_end(events, i);
                    let inner = self.transform(ctx, &events[i + 1..end], text, lines, mode, depth + 1);
                    let html = to_html(inner);
                    if !mode.body {
                        ctx.error(line, "footnote definitions are only allowed in chapter text".to_string());
                    } else if ctx.footnote_defs.iter().any(|(l, _, _)| l == label.as_ref()) {
                        ctx.error(line, format!("footnote [^{label}] is defined twice"));
                    } else {
                        ctx.footnote_defs.push((label.to_string(), html, line));
                    }
                    i = end + 1;
                    continue;
                }
                Event::FootnoteReference(label) => {
                    let (n, first) = ctx.footnote_number(label);
                    let id = slugify(label);
                    let anchor = if first { format!(" id=\"fnref-{id}\"") } else { String::new() };
                    out.push(Out::Ev(Event::InlineHtml(
                        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{id}\"{anchor}>{n}</a></sup>").into(),
                    )));
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE_PREFIX) => {
                    let end = matching_end(events, i);
                    let keys = dest_url[CITE_PREFIX.len()..].to_string();
                    out.push(Out::Ev(Event::InlineHtml(self.citation(ctx, &keys, line).into())));
                    i = end + 1;
                    continue;
                }
                Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                    let display = matches!(ev, Event::DisplayMath(_));
                    // Point at the line inside a multi-line $$…$$ where the error is.
                    let src = match lines {
                        Lines::Body { text: t, .. } => &t[range.clone()],
                        Lines::Field { .. } => "",
                    };
                    let tex_start = src.find(tex.as_ref()).unwrap_or(0);
                    let html = self.math(ctx, tex, display, mode.placeholders, |err_offset| {
                        let upto = (tex_start + err_offset).min(src.len());
                        line + src.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count()
                    });
                    out.push(Out::Ev(Event::InlineHtml(html.into())));
                }
                Event::Text(t) => {
                    // pulldown-cmark only sees math when the `$`s pair up and braces balance;
                    // otherwise the LaTeX would silently show as text.
                    let bytes = text.as_bytes();
                    let escaped = |k: usize| k > 0 && bytes[k - 1] == b'\\';
                    let end = range.end.min(bytes.len());
                    if t.contains('$') && (range.start..end).any(|k| bytes[k] == b'$' && !escaped(k)) {
                        ctx.error(line, "unmatched `$`: math not closed, or its braces `{}` do not balance (write `\\$` for a dollar sign)".into());
                    }
                    if let Some(allowed) = mode.placeholders {
                        for name in placeholder_names(t) {
                            if !allowed.contains(&name) {
                                let known: Vec<&str> = allowed.iter().map(String::as_str).collect();
                                ctx.error(line, format!("unknown placeholder {{{name}}}; this field may use {{{}}}", known.join("}, {")));
                            }
                        }
                    }
                    out.push(Out::Ev(ev.clone()));
                }
                Event::Start(_) => {
                    depth += 1;
                    out.push(Out::Ev(ev.clone()));
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    out.push(Out::Ev(ev.clone()));
                }
                _ => out.push(Out::Ev(ev.clone())),
            }
            i += 1;
        }
        out
    }

    /// A paragraph holding only an image with a title becomes `<figure>`; returns the HTML and the
    /// index after the paragraph's end.
    #[allow(clippy::too_many_arguments)]
    fn figure(
        &self,
        ctx: &mut FileCtx,
        events: &[(Event, Range<usize>)],
        start: usize,
        text: &str,
        lines: Lines,
        mode: &Mode,
        depth: usize,
    ) -> Option<(String, usize)> {
        let (Event::Start(Tag::Image { dest_url, title, .. }), _) = events.get(start + 1)? else { return None };
        if title.trim().is_empty() {
            return None;
        }
        let img_end = matching_end(events, start + 1);
        if !matches!(events.get(img_end + 1), Some((Event::End(TagEnd::Paragraph), _))) {
            return None;
        }
        let alt = plain_text(&events[start + 2..img_end]);
        let line = lines.line_of(events[start].1.start);
        let caption = self.render_inline(ctx, title, line, mode.placeholders);
        let _ = (text, depth);
        Some((
            format!(
                "<figure><img src=\"{}\" alt=\"{}\" loading=\"lazy\"><figcaption>{caption}</figcaption></figure>\n",
                escape(dest_url),
                escape(&alt)
            ),
            img_end + 2,
        ))
    }

    /// `[@a; @b]` → `<span class="citation">[<a href="#ref-a">1</a>, …]</span>`, numbering keys
    /// by first citation in the chapter. Unknown keys are errors.
    fn citation(&self, ctx: &mut FileCtx, keys: &str, line: usize) -> String {
        let mut links = Vec::new();
        for key in keys.split([';', ',']).map(|k| k.trim().trim_start_matches('@').trim()).filter(|k| !k.is_empty()) {
            if !self.references.contains_key(key) {
                ctx.error(line, format!("unknown citation key `{key}` (not in content/references.toml)"));
                links.push("?".to_string());
                continue;
            }
            let n = match ctx.citations.iter().position(|k| k == key) {
                Some(p) => p + 1,
                None => {
                    ctx.citations.push(key.to_string());
                    ctx.citations.len()
                }
            };
            links.push(format!("<a href=\"#ref-{}\">{n}</a>", escape(key)));
        }
        format!("<span class=\"citation\">[{}]</span>", links.join(", "))
    }

    /// LaTeX → MathML. Errors are reported at `line_at(byte offset in tex)`. With placeholders, a
    /// `{name}` that does not follow `}`, `^`, `_` or a command name is a placeholder and becomes
    /// `<mn>{name}</mn>` for [`crate::model::fill_placeholders`].
    fn math(
        &self,
        ctx: &mut FileCtx,
        tex: &str,
        display: bool,
        placeholders: Option<&BTreeSet<String>>,
        line_at: impl Fn(usize) -> usize,
    ) -> String {
        let (tex_owned, used) = match placeholders {
            Some(names) => {
                let (t, used, unknown) = protect_placeholders(tex, names);
                for name in unknown {
                    let known: Vec<&str> = names.iter().map(String::as_str).collect();
                    ctx.error(line_at(0), format!("unknown placeholder {{{name}}} in math; this field may use {{{}}}", known.join("}, {")));
                }
                (t, used)
            }
            None => (tex.to_string(), Vec::new()),
        };
        let mode = if display { math_core::MathDisplay::Block } else { math_core::MathDisplay::Inline };
        match self.math.convert_with_local_state(&tex_owned, mode) {
            Ok(r) => {
                let mut html = r.mathml;
                for name in used {
                    html = html.replace(&format!("<mtext>⟦{name}⟧</mtext>"), &format!("<mn>{{{name}}}</mn>"));
                }
                super::mathscroll::focusable_if_scrolling(html, display)
            }
            Err(e) => {
                // Offsets after a protected placeholder are shifted; clamp into the original.
                let at = e.0.start.min(tex.len());
                ctx.error(line_at(at), format!("bad LaTeX in `{}`: {}", tex.trim(), e.error_message()));
                format!("<code class=\"math-error\">{}</code>", escape(tex))
            }
        }
    }

    /// Fenced code → `<pre class="code"><code class="language-…">` with syntect's classed spans
    /// (class prefix `hl-`, themed by CSS). Unknown languages are escaped plain text.
    fn highlight(&self, lang: &str, code: &str) -> String {
        use syntect::html::{ClassStyle, ClassedHTMLGenerator};
        use syntect::util::LinesWithEndings;
        let syntax = (!lang.is_empty()).then(|| self.syntaxes.find_syntax_by_token(lang)).flatten();
        let body = match syntax {
            Some(syntax) => {
                let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, ClassStyle::SpacedPrefixed { prefix: "hl-" });
                let ok = LinesWithEndings::from(code).all(|l| gen.parse_html_for_line_which_includes_newline(l).is_ok());
                if ok { gen.finalize() } else { escape(code) }
            }
            None => escape(code),
        };
        let class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
        format!("<pre class=\"code\"><code{class}>{body}</code></pre>\n")
    }
}

/// Index of the `End` matching the `Start` at `start` (or the last index if unbalanced).
fn matching_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn to_html(outs: Vec<Out>) -> String {
    let mut s = String::new();
    html::push_html(&mut s, outs.into_iter().filter_map(|o| if let Out::Ev(e) = o { Some(e) } else { None }));
    s
}

/// The text of inline events (for heading slugs and alt text); math contributes its source.
fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}

/// A stable anchor id from heading text: lowercase, letters and digits of any script kept (so
/// Chinese headings keep their characters), other runs → `-`. Empty → `section`.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if s.is_empty() { "section".into() } else { s }
}

/// Minimal HTML escaping for text and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Names `x` of the `{x}` in `text` that look like placeholders (an identifier in braces).
pub(crate) fn placeholder_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if is_ident(name) {
                names.push(name.to_string());
            }
        }
        rest = after;
    }
    names
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Rewrites `{name}` placeholders inside LaTeX to `\text{⟦name⟧}` so math-core keeps them, unless
/// the brace is a command or script argument (`\frac{1}{n}`, `\sqrt{n}`, `x^{n}`). Returns the new
/// source, the names used, and placeholder-looking `{ident}`s that are not known names.
fn protect_placeholders(tex: &str, names: &BTreeSet<String>) -> (String, Vec<String>, Vec<String>) {
    let mut out = String::with_capacity(tex.len() + 16);
    let mut used = Vec::new();
    let mut unknown = Vec::new();
    let mut i = 0;
    let bytes = tex.as_bytes();
    while i < tex.len() {
        if bytes[i] == b'{' {
            if let Some(close) = tex[i + 1..].find('}') {
                let name = &tex[i + 1..i + 1 + close];
                let prev = tex[..i].trim_end().chars().last();
                // A known name after a command and a space (`\times {bh}`) is a placeholder: symbols such
                // as \times take no argument, and a command's argument is written attached (`\sqrt{n}`).
                let spaced = tex[..i].len() != tex[..i].trim_end().len();
                let is_argument = matches!(prev, Some('}' | '^' | '_')) || prev.is_some_and(|c| c.is_ascii_alphabetic()) && !(spaced && names.contains(name)) && {
                    // Letters right before the brace belong to a command only if a backslash leads them.
                    let head = tex[..i].trim_end();
                    let word_start = head.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |p| p + 1);
                    head[..word_start].ends_with('\\')
                };
                if names.contains(name) && !is_argument {
                    out.push_str(&format!("\\text{{⟦{name}⟧}}"));
                    used.push(name.to_string());
                    i += close + 2;
                    continue;
                }
                if !is_argument && is_ident(name) {
                    unknown.push(name.to_string());
                }
            }
        }
        let c = tex[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    (out, used, unknown)
}

#[cfg(test)]
mod placeholder_tests {
    use super::protect_placeholders;
    use std::collections::BTreeSet;

    #[test]
    fn a_spaced_placeholder_after_a_symbol_command_is_kept_and_arguments_are_not_touched() {
        let names: BTreeSet<String> = ["bh", "n"].iter().map(|s| s.to_string()).collect();
        let (out, used, _) = protect_placeholders(r"w \times {bh}", &names);
        assert_eq!(out, r"w \times \text{⟦bh⟧}");
        assert_eq!(used, vec!["bh".to_string()]);
        let (out, used, _) = protect_placeholders(r"\sqrt{n} + x^{n}", &names);
        assert_eq!(out, r"\sqrt{n} + x^{n}");
        assert!(used.is_empty());
    }
}
