//! Keyboard access to formulas that scroll. MathML does not break across lines, so the page's CSS
//! lets a formula wider than its box scroll sideways inside its own `<math>` element (display math
//! always, inline math too). A scrolling region must be reachable from the keyboard (WCAG 2.1.1;
//! axe's `scrollable-region-focusable`), so such a `<math>` gets `tabindex="0"` and a name to
//! announce when it takes focus: the formula written out on one line (`L(n) ≈ E + A n^(−α)`).
//!
//! Which formulas: every display formula (it takes a line of its own and scrolls whenever the column
//! is narrower than it), and inline formulas whose estimated width could exceed the narrowest box
//! they are set in (an exercise's solution on a 360 px screen, about 14 em of math text). The width
//! is estimated from the MathML (a character is about half an em, scripts are smaller, a fraction is
//! as wide as its wider part), erring towards making a formula focusable: a short formula that never
//! scrolls and is focusable costs one tab stop, a long one that scrolls and is not cannot be read.

/// Inline formulas estimated wider than this (em of the math font) become focusable. The narrowest
/// box is an exercise's solution at 360 px: about 262 px of 18.4 px math text, 14 em.
pub(crate) const INLINE_SCROLL_EM: f64 = 11.0;

#[derive(Debug)]
enum Node {
    Element { tag: String, attrs: Vec<(String, String)>, children: Vec<Node> },
    Text(String),
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Parses math-core's MathML (well-formed, attributes in double quotes). `None` if it is not.
fn parse(html: &str) -> Option<Node> {
    let mut stack: Vec<Node> = vec![Node::Element { tag: String::new(), attrs: Vec::new(), children: Vec::new() }];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>')?;
            let node = stack.pop()?;
            match (&node, stack.last_mut()?) {
                (Node::Element { tag, .. }, Node::Element { children, .. }) if *tag == after[..end].trim() => children.push(node),
                _ => return None,
            }
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>')?;
            let inner = &after[..end];
            let self_closing = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let (tag, mut attr_text) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
            let mut attrs = Vec::new();
            while let Some(eq) = attr_text.find("=\"") {
                let name = attr_text[..eq].trim().to_string();
                let value_start = &attr_text[eq + 2..];
                let close = value_start.find('"')?;
                attrs.push((name, decode(&value_start[..close])));
                attr_text = &value_start[close + 1..];
            }
            let node = Node::Element { tag: tag.to_string(), attrs, children: Vec::new() };
            if self_closing {
                match stack.last_mut()? {
                    Node::Element { children, .. } => children.push(node),
                    Node::Text(_) => return None,
                }
            } else {
                stack.push(node);
            }
            rest = &after[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            if let Node::Element { children, .. } = stack.last_mut()? {
                children.push(Node::Text(decode(&rest[..end])));
            }
            rest = &rest[end..];
        }
    }
    let Node::Element { mut children, .. } = stack.pop()? else { return None };
    (stack.is_empty() && children.len() == 1).then(|| children.pop()).flatten()
}

fn children(n: &Node) -> &[Node] {
    match n {
        Node::Element { children, .. } => children,
        Node::Text(_) => &[],
    }
}

fn tag(n: &Node) -> &str {
    match n {
        Node::Element { tag, .. } => tag,
        Node::Text(_) => "",
    }
}

fn text(n: &Node) -> String {
    match n {
        Node::Text(t) => t.clone(),
        Node::Element { children, .. } => children.iter().map(text).collect(),
    }
}

/// Binary operators and relations, written with a space on each side unless math-core marks the
/// operator as a prefix (`lspace="0" rspace="0"`, as in −α).
const SPACED: &[&str] = &[
    "=", "+", "−", "-", "×", "·", "⋅", "≈", "<", ">", "≤", "≥", "≲", "≳", "≪", "≫", "∼", "~", "→", "∝", "±", "≠", "≡", "∈", "⇒",
    "⟹", "↦", ":=",
];

/// Relations: a table row that starts with one continues the row before (an aligned derivation).
const RELATIONS: &[&str] = &["=", "≈", "<", ">", "≤", "≥", "≲", "≳", "∝", "≠", "≡", "⟹", "⇒"];

/// Ends a function name in [`linear`]'s text until [`label`] turns it into a space or nothing.
const FUNCTION_END: char = '\u{1}';

/// Accents over a base, as combining characters (X̄, â, ñ, ẋ).
fn combining(accent: &str) -> Option<char> {
    match accent {
        "¯" | "‾" | "_" => Some('\u{0304}'),
        "^" | "ˆ" => Some('\u{0302}'),
        "~" | "˜" => Some('\u{0303}'),
        "˙" | "." => Some('\u{0307}'),
        "→" | "⃗" => Some('\u{20D7}'),
        _ => None,
    }
}

/// `s`, in parentheses unless it reads as one item: no space, and no operator or slash outside
/// brackets (`n^(−α)`, `(a + b)/c`, but `σ^2/n` and `N_c`).
fn group(s: String) -> String {
    let s = s.trim().trim_end_matches(FUNCTION_END).to_string();
    let mut depth = 0i32;
    let mut atomic = !s.is_empty() && !s.starts_with(['−', '-']);
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            c if c.is_whitespace() || c == FUNCTION_END => atomic = false,
            '/' | '+' | '−' | '-' | '=' | ',' | '<' | '>' | '≈' | '×' | '⋅' | '·' if depth == 0 => atomic = false,
            _ => {}
        }
    }
    if atomic { s } else { format!("({s})") }
}

fn script(n: Option<&Node>) -> String {
    group(n.map(linear).unwrap_or_default())
}

/// The base of a script, a function name without its trailing space (`min_(N,D)`, `Huber_δ`).
fn base(n: Option<&Node>) -> String {
    n.map(linear).unwrap_or_default().trim_end_matches(FUNCTION_END).to_string()
}

/// A superscript: primes and stars follow the base directly (`x′`, `R_D^∗` as `R_D∗`).
fn sup(b: String, script_node: Option<&Node>) -> String {
    let t = script_node.map(text).unwrap_or_default();
    if !t.is_empty() && t.chars().all(|c| matches!(c, '′' | '″' | '‴' | '∗' | '*')) {
        format!("{b}{t}")
    } else {
        format!("{b}^{}", script(script_node))
    }
}

/// The formula on one line.
fn linear(n: &Node) -> String {
    let kids = children(n);
    match tag(n) {
        "" => text(n),
        "mi" | "mn" | "mtext" | "ms" => text(n),
        "mo" => {
            let t = text(n);
            let t = t.trim();
            let prefix = n.attr("lspace") == Some("0") && n.attr("rspace") == Some("0");
            if SPACED.contains(&t) && !prefix {
                format!(" {t} ")
            } else if t == "," && n.attr("rspace") != Some("0") {
                ", ".into()
            } else if !t.is_empty() && t.chars().all(char::is_alphabetic) {
                // A function name such as log: a space before its argument, none before a bracket
                // (`log 2`, `log(0.10)`); `label` settles which.
                let before = if n.attr("lspace").is_some_and(|l| l != "0") { " " } else { "" };
                format!("{before}{t}{FUNCTION_END}")
            } else {
                t.to_string()
            }
        }
        "mspace" => " ".into(),
        // A fraction, a big operator with its limits: a space after, before what they apply to.
        "mfrac" => format!("{}/{} ", script(kids.first()), script(kids.get(1))),
        "msup" => sup(base(kids.first()), kids.get(1)),
        "msub" => format!("{}_{}", base(kids.first()), script(kids.get(1))),
        "msubsup" => sup(format!("{}_{}", base(kids.first()), script(kids.get(1))), kids.get(2)),
        "mover" | "munder" => {
            let b = base(kids.first());
            let mark = kids.get(1).map(text).unwrap_or_default();
            match (tag(n), combining(mark.trim())) {
                ("mover", Some(c)) if n.attr("accent") == Some("true") || kids.get(1).and_then(|k| k.attr("accent")) == Some("true") || b.chars().count() == 1 => {
                    format!("{b}{c}")
                }
                ("mover", _) => sup(b, kids.get(1)),
                _ => format!("{b}_{} ", script(kids.get(1))),
            }
        }
        "munderover" => format!("{}_{}^{} ", base(kids.first()), script(kids.get(1)), script(kids.get(2))),
        "msqrt" => format!("√{}", group(join(kids))),
        "mroot" => format!("{}√{}", script(kids.get(1)), group(kids.first().map(linear).unwrap_or_default())),
        "mphantom" => String::new(),
        "semantics" => kids.first().map(linear).unwrap_or_default(),
        "annotation" | "annotation-xml" => String::new(),
        "mtable" => {
            let mut out = String::new();
            for row in kids.iter().map(linear).filter(|r| !r.trim().is_empty()) {
                let continues = RELATIONS.iter().any(|r| row.trim_start().starts_with(r));
                if !out.is_empty() {
                    out.push_str(if continues { " " } else { "; " });
                }
                out.push_str(&row);
            }
            out
        }
        "mtr" | "mlabeledtr" => kids.iter().map(linear).collect::<Vec<_>>().join(" "),
        _ => join(kids),
    }
}

fn join(kids: &[Node]) -> String {
    kids.iter().map(linear).collect()
}

/// One line of text for the formula, spaces tidied: the accessible name of a focusable formula.
fn label(math: &Node) -> String {
    // Invisible operators (function application, invisible times, separator, plus) say nothing.
    let s: String = linear(math).chars().filter(|c| !('\u{2061}'..='\u{2064}').contains(c)).collect();
    let s = s.replace(&format!("{FUNCTION_END}("), "(").replace(FUNCTION_END, " ");
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    // No space inside brackets or before closing punctuation: "( a" and "a )" read as "(a" and "a)".
    out.replace("( ", "(").replace(" )", ")").replace(" ]", "]").replace(" ,", ",").replace(" .", ".").replace(" ;", ";")
}

fn char_em(c: char) -> f64 {
    if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FFEF}').contains(&c) {
        1.0
    } else if c.is_whitespace() {
        0.25
    } else {
        0.55
    }
}

fn space_em(v: Option<&str>, default: f64) -> f64 {
    match v {
        Some(v) => v.trim_end_matches("em").parse().unwrap_or(default),
        None => default,
    }
}

/// The formula's width in em of its font, roughly, and on the generous side.
fn width(n: &Node) -> f64 {
    const SCRIPT: f64 = 0.71;
    let kids = children(n);
    let w = |i: usize| kids.get(i).map(width).unwrap_or(0.0);
    match tag(n) {
        "" => text(n).chars().map(char_em).sum(),
        "mi" | "mn" | "mtext" | "ms" => text(n).chars().map(char_em).sum(),
        "mo" => {
            let t = text(n);
            let spaced = SPACED.contains(&t.trim());
            let default = if spaced { 0.2778 } else { 0.0 };
            t.chars().map(char_em).sum::<f64>() + space_em(n.attr("lspace"), default) + space_em(n.attr("rspace"), default)
        }
        "mspace" => space_em(n.attr("width"), 0.0),
        "mfrac" => w(0).max(w(1)) + 0.2,
        "msup" | "msub" => w(0) + SCRIPT * w(1),
        "msubsup" => w(0) + SCRIPT * w(1).max(w(2)),
        "mover" | "munder" => w(0).max(SCRIPT * w(1)),
        "munderover" => w(0).max(SCRIPT * w(1).max(w(2))),
        "msqrt" => kids.iter().map(width).sum::<f64>() + 1.0,
        "mroot" => w(0) + 1.0 + SCRIPT * w(1),
        "mphantom" | "annotation" | "annotation-xml" => 0.0,
        "semantics" => w(0),
        "mtable" => kids.iter().map(width).fold(0.0, f64::max),
        "mtr" | "mlabeledtr" => kids.iter().map(width).sum::<f64>() + 0.5 * kids.len() as f64,
        _ => kids.iter().map(width).sum(),
    }
}

/// math-core's `<math>` element, made focusable with a name when it may scroll (see the module
/// docs); anything else, or MathML this cannot read, is returned as it came.
pub(crate) fn focusable_if_scrolling(mathml: String, display: bool) -> String {
    let Some(root) = parse(&mathml) else { return mathml };
    if tag(&root) != "math" || !(display || width(&root) > INLINE_SCROLL_EM) {
        return mathml;
    }
    let name = super::markdown::escape(&label(&root));
    format!("<math tabindex=\"0\" aria-label=\"{name}\"{}", &mathml["<math".len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(html: &str) -> String {
        label(&parse(html).expect("parses"))
    }

    #[test]
    fn formulas_read_on_one_line() {
        // L(n) ≈ E + A n^(−α), as chapter 2 writes it (math-core's MathML).
        assert_eq!(
            label_of(r#"<math display="block"><mi>L</mi><mo stretchy="false">(</mo><mi>n</mi><mo stretchy="false">)</mo><mo>≈</mo><mi>E</mi><mo>+</mo><mi>A</mi><mspace width="0.16666667em"/><msup><mi>n</mi><mrow><mo lspace="0" rspace="0">−</mo><mi>α</mi></mrow></msup><mo rspace="0">,</mo></math>"#),
            "L(n) ≈ E + A n^(−α),"
        );
        assert_eq!(
            label_of(r#"<math><mfrac><mrow><mo lspace="0" rspace="0">log</mo><mn>2</mn></mrow><mrow><mo lspace="0" rspace="0">log</mo><mn>100</mn></mrow></mfrac><mo>≈</mo><mn>0.1505</mn></math>"#),
            "(log 2)/(log 100) ≈ 0.1505"
        );
        assert_eq!(
            label_of(r#"<math><mo lspace="0" rspace="0.1667em">log</mo><mi>y</mi><mo>=</mo><mi>a</mi><mo>&lt;</mo><msqrt><mi>n</mi></msqrt></math>"#),
            "log y = a < √n"
        );
        assert_eq!(label_of(r#"<math><msub><mi>N</mi><mtext>opt</mtext></msub></math>"#), "N_opt");
        assert_eq!(label_of(r#"<math><mover accent="true"><mi>X</mi><mo>¯</mo></mover></math>"#), "X\u{304}");
        assert_eq!(label_of(r#"<math><msup><mn>2</mn><mrow><mn>1</mn><mo>/</mo><mn>0.095</mn></mrow></msup></math>"#), "2^(1/0.095)");
    }

    #[test]
    fn display_and_long_inline_formulas_become_focusable() {
        let short = "<math><mi>n</mi></math>".to_string();
        assert_eq!(focusable_if_scrolling(short.clone(), false), short, "a short inline formula stays out of the tab order");
        assert_eq!(
            focusable_if_scrolling(r#"<math display="block"><mi>n</mi></math>"#.into(), true),
            r#"<math tabindex="0" aria-label="n" display="block"><mi>n</mi></math>"#,
            "a display formula always"
        );
        // 0.2989·100 + 0.587·150 + 0.114·200 = 140.74: some 40 characters, wider than 14 em.
        let long = "<math><mn>0.2989</mn><mo>⋅</mo><mn>100</mn><mo>+</mo><mn>0.587</mn><mo>⋅</mo><mn>150</mn><mo>+</mo><mn>0.114</mn><mo>⋅</mo><mn>200</mn><mo>=</mo><mn>140.74</mn></math>";
        let out = focusable_if_scrolling(long.to_string(), false);
        assert!(out.starts_with(r#"<math tabindex="0" aria-label="0.2989 ⋅ 100 + 0.587 ⋅ 150 + 0.114 ⋅ 200 = 140.74">"#), "{out}");
        // Quotes and angle brackets in a name are escaped.
        let lt = r#"<math display="block"><mi>a</mi><mo>&lt;</mo><mtext>"b"</mtext></math>"#;
        assert!(focusable_if_scrolling(lt.to_string(), true).contains(r#"aria-label="a &lt; &quot;b&quot;""#));
        // Not MathML this reads: unchanged.
        assert_eq!(focusable_if_scrolling("<math><mi>a</math>".into(), true), "<math><mi>a</math>");
    }
}
