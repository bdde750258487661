//! Law explorer (chapter 3): loss against N, D or C on log–log axes for a published law, with a
//! slider for every constant, the Chinchilla-form loss split into E, A/N^α and B/D^β, a second law
//! overlaid, a text readout and data table of every plotted number, CSV and PNG export, and the
//! state in the URL. All numbers come from `scaling::law_explorer` (closed forms, computed in a
//! Memo on the main thread: a few hundred `powf`, far under a millisecond).
//!
//! Also holds what the scaling widgets of chapters 3–5 share: the small form helpers (select,
//! checkbox, PNG export), the one name of each published law or constant set ([`law_name`],
//! [`preset_name`]), and symbols with sub- and superscripts ([`math`] for HTML, [`math_plain`] for
//! chart labels and `<option>` text, [`math_label`] for a slider's label).

use leptos::prelude::*;
use scaling::chinchilla::Preset;
use scaling::law_explorer::{Axis, Law, LawCurves, LawExplorerParams, LawPoint, LawPreset};
use wasm_bindgen::JsCast;

use super::charts::{LogLogChart, LogLogSpec, Series, SeriesKind, SMOOTH_POINTS};
use super::common::{actions_view, lazy_details, notices_view, url_params};
use super::controls::Slider;
use crate::format::sig;
use crate::i18n::{pick, Language, LanguageExt};
use crate::scaling_text::lab_param_error;
use crate::shell::app::page_lang;

/// One run of widget text: plain, a subscript or a superscript.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Sub(&'a str),
    Sup(&'a str),
}

/// Splits widget text in which `_{…}` is a subscript and `^{…}` a superscript (`N_{opt}`,
/// `α_{C}^{min}`, `A/N^{α}`). Anything else, an unclosed brace included, is plain text.
fn pieces(s: &str) -> Vec<Piece<'_>> {
    let b = s.as_bytes();
    let (mut out, mut i, mut start) = (Vec::new(), 0, 0);
    // `_`, `^`, `{` and `}` are ASCII, so every index compared here is a char boundary.
    while i + 1 < b.len() {
        if matches!(b[i], b'_' | b'^') && b[i + 1] == b'{' {
            if let Some(len) = s[i + 2..].find('}') {
                if start < i {
                    out.push(Piece::Text(&s[start..i]));
                }
                let inner = &s[i + 2..i + 2 + len];
                out.push(if b[i] == b'_' { Piece::Sub(inner) } else { Piece::Sup(inner) });
                i += len + 3;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    if start < s.len() {
        out.push(Piece::Text(&s[start..]));
    }
    out
}

/// Widget text with `_{…}`/`^{…}` as HTML: text and `<sub>`/`<sup>` elements.
pub(crate) fn math(s: &str) -> impl IntoView {
    pieces(s)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_string().into_any(),
            Piece::Sub(t) => view! { <sub class="sym">{t.to_string()}</sub> }.into_any(),
            Piece::Sup(t) => view! { <sup class="sym">{t.to_string()}</sup> }.into_any(),
        })
        .collect_view()
}

/// The same as an HTML string (text escaped), for [`math_label`]. Trusted: the text is the widget's own.
fn math_html(s: &str) -> String {
    let esc = crate::shell::dom::escape_html;
    pieces(s)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => esc(t),
            Piece::Sub(t) => format!("<sub class=\"sym\">{}</sub>", esc(t)),
            Piece::Sup(t) => format!("<sup class=\"sym\">{}</sup>", esc(t)),
        })
        .collect()
}

/// Unicode subscript of `c`, where one exists.
fn sub_char(c: char) -> Option<char> {
    const FROM: &str = "0123456789+-=()aehijklmnoprstuvxβγρφχ";
    const TO: &str = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i))
}

/// Unicode superscript of `c`, where one exists.
fn sup_char(c: char) -> Option<char> {
    const FROM: &str = "0123456789+-=()abcdefghijklmnoprstuvwxyzαβγδθφχ";
    const TO: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵅᵝᵞᵟᶿᵠᵡ";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i))
}

/// Widget text with `_{…}`/`^{…}` as plain text, for canvas labels and `<option>`s (which hold no
/// markup): a script in Unicode sub- or superscript characters when each of its characters has one
/// (`N_{opt}` → `Nₒₚₜ`, `A/N^{α}` → `A/Nᵅ`), else as it is, after its base (`N_{c}` → `Nc`).
pub(crate) fn math_plain(s: &str) -> String {
    let script = |t: &str, map: fn(char) -> Option<char>| t.chars().map(map).collect::<Option<String>>().unwrap_or_else(|| t.to_string());
    pieces(s)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_string(),
            Piece::Sub(t) => script(t, sub_char),
            Piece::Sup(t) => script(t, sup_char),
        })
        .collect()
}

/// A slider whose label is widget text with `_{…}`/`^{…}`: `slider` gets the label as plain text
/// ([`math_plain`]) and as HTML with `<sub>`/`<sup>` ([`math_html`]) for [`Slider`]'s `label_html`.
pub(crate) fn math_label<V: IntoView>(markup: Signal<String>, slider: impl FnOnce(Signal<String>, Signal<String>) -> V) -> V {
    slider(Signal::derive(move || math_plain(&markup.get())), Signal::derive(move || math_html(&markup.get())))
}

/// The name of a published law or constant set: one per set, used by every widget and by the
/// chapters' text (widget text for [`math`]/[`math_plain`]). Short enough for a drop-down on a
/// 360-px screen; the full reference is the source line under the chart ([`LawPreset::source`]).
pub(crate) fn law_name(p: LawPreset, lang: Language) -> &'static str {
    match p {
        LawPreset::Kaplan2020 => pick(lang, "Kaplan 2020: L(N), L(D), L(C_{min})", "Kaplan 2020：L(N)、L(D)、L(C_{min})"),
        LawPreset::KaplanNd => pick(lang, "Kaplan 2020: joint L(N, D)", "Kaplan 2020：联合 L(N, D)"),
        LawPreset::HoffmannRounded => pick(lang, "Hoffmann 2022, rounded", "Hoffmann 2022，取整值"),
        LawPreset::HoffmannUnrounded => pick(lang, "Hoffmann 2022, unrounded", "Hoffmann 2022，未取整值"),
        LawPreset::Besiroglu2024 => pick(lang, "Besiroglu 2024, replication", "Besiroglu 2024，复现值"),
        LawPreset::MuennighoffC4 => pick(lang, "Muennighoff 2023, C4 fit", "Muennighoff 2023，C4 拟合值"),
    }
}

/// [`law_name`] of a Chinchilla-form constant set.
pub(crate) fn preset_name(p: Preset, lang: Language) -> &'static str {
    law_name(
        match p {
            Preset::HoffmannRounded => LawPreset::HoffmannRounded,
            Preset::HoffmannUnrounded => LawPreset::HoffmannUnrounded,
            Preset::Besiroglu2024 => LawPreset::Besiroglu2024,
            Preset::MuennighoffC4 => LawPreset::MuennighoffC4,
        },
        lang,
    )
}

/// A labelled `<select>` whose options are (value, text) pairs; the label is widget text for
/// [`math`], the options' text plain (see [`math_plain`]). In a `.controls.choices` row it takes the
/// width its longest option needs, up to the row's.
pub(crate) fn select_control(
    label: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = format!("sel{}", js_sys::Math::random().to_bits());
    view! {
        <div class="control choice">
            <label for=id.clone()><span>{move || math(&label.get())}</span></label>
            <select id=id on:change=move |ev| on_change(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A labelled checkbox (the label is widget text for [`math`]).
pub(crate) fn checkbox_control(label: Signal<String>, checked: Signal<bool>, on_change: impl Fn(bool) + 'static) -> impl IntoView {
    view! {
        <div class="control checkbox">
            <label style="justify-content: flex-start; gap: 0.4rem">
                <input type="checkbox" prop:checked=move || checked.get()
                    on:change=move |ev| on_change(event_target_checked(&ev))/>
                " "<span>{move || math(&label.get())}</span>
            </label>
        </div>
    }
}

/// Offer the `index`-th chart canvas inside `#widget-{id}` as a PNG download.
pub(crate) fn export_png(widget_id: &str, index: u32, filename: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = document.query_selector_all(&format!("#widget-{widget_id} canvas")) else { return };
    let Some(node) = list.item(index) else { return };
    let Ok(canvas) = node.dyn_into::<web_sys::HtmlCanvasElement>() else { return };
    let Ok(url) = canvas.to_data_url_with_type("image/png") else { return };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
}

fn axis_name(axis: Axis) -> &'static str {
    match axis {
        Axis::N => "n",
        Axis::D => "d",
        Axis::C => "c",
    }
}

fn x_label(axis: Axis, lang: Language) -> &'static str {
    match axis {
        Axis::N => pick(lang, "parameters N", "参数量 N"),
        Axis::D => pick(lang, "training tokens D", "训练词元数 D"),
        Axis::C => pick(lang, "compute C (FLOPs)", "算力 C（FLOPs）"),
    }
}

/// The formula of `law` with its constants, as widget text for [`math`].
fn formula(law: &Law, axis: Axis, lang: Language) -> String {
    match law {
        Law::Chinchilla(p) => format!("L = {} + {}/N^{{{}}} + {}/D^{{{}}}", sig(p.e, 4), sig(p.a, 4), sig(p.alpha, 3), sig(p.b, 4), sig(p.beta, 3)),
        Law::Kaplan(k) => match axis {
            Axis::N => format!("L(N) = ({}/N)^{{{}}}", sig(k.n_c, 3), sig(k.alpha_n, 3)),
            Axis::D => format!("L(D) = ({}/D)^{{{}}}", sig(k.d_c, 3), sig(k.alpha_d, 3)),
            Axis::C => format!("L(C_{{min}}) = ({} {}/C_{{min}})^{{{}}}", sig(k.c_c_pfdays, 3), pick(lang, "PF-days", "PF-天"), sig(k.alpha_c, 3)),
        },
        Law::KaplanJoint(j) => {
            format!("L = [({}/N)^{{{}/{}}} + {}/D]^{{{}}}", sig(j.n_c, 3), sig(j.alpha_n, 3), sig(j.alpha_d, 3), sig(j.d_c, 3), sig(j.alpha_d, 3))
        }
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| sig(v, 4))
}

/// The chart: the curves evaluated at [`SMOOTH_POINTS`] abscissae (the `points` samples of `c`, which
/// the data table lists, showed facets at a device pixel ratio of 2); the terms' markers at every
/// fourth of `c`'s samples.
fn chart_spec(p: &LawExplorerParams, c: &LawCurves, lang: Language) -> LogLogSpec {
    let xy = |pts: &[LawPoint], f: &dyn Fn(&LawPoint) -> Option<f64>| pts.iter().filter_map(|q| f(q).map(|y| (q.x, y))).collect::<Vec<_>>();
    let fine = LawExplorerParams { points: SMOOTH_POINTS.max(p.points as usize) as u32, ..p.clone() }.curves();
    let edited = if p.custom { pick(lang, " (edited)", "（已修改）") } else { "" };
    let mut series = vec![Series {
        label: format!("{}{edited}", math_plain(law_name(p.preset, lang))),
        points: xy(&fine.main, &|q| Some(q.loss)),
        kind: SeriesKind::Line,
        color: 0,
    }];
    if let Some(cmp) = &fine.compare {
        series.push(Series { label: math_plain(law_name(p.compare, lang)), points: xy(cmp, &|q| Some(q.loss)), kind: SeriesKind::Line, color: 1 });
    }
    if p.show_terms && c.main.first().is_some_and(|q| q.irreducible.is_some()) {
        // Every fourth point: the terms are markers, so they must not bury the curves.
        let thin: Vec<LawPoint> = c.main.iter().step_by(4).copied().collect();
        series.push(Series { label: pick(lang, "E (irreducible)", "E（不可约）").into(), points: xy(&fine.main, &|q| q.irreducible), kind: SeriesKind::Line, color: 2 });
        series.push(Series { label: math_plain(pick(lang, "A/N^{α} (parameter term)", "A/N^{α}（参数项）")), points: xy(&thin, &|q| q.param_term), kind: SeriesKind::Markers, color: 0 });
        series.push(Series { label: math_plain(pick(lang, "B/D^{β} (data term)", "B/D^{β}（数据项）")), points: xy(&thin, &|q| q.data_term), kind: SeriesKind::Markers, color: 2 });
    }
    LogLogSpec { x_label: x_label(p.axis, lang).into(), y_label: pick(lang, "loss (nats/token)", "损失（nats/词元）").into(), series }
}

/// The readout, as widget text for [`math`].
fn summary(p: &LawExplorerParams, c: &LawCurves, lang: Language) -> String {
    let (Some(first), Some(last)) = (c.main.first(), c.main.last()) else { return String::new() };
    let law = p.law();
    let var = match p.axis {
        Axis::N => "N",
        Axis::D => "D",
        Axis::C => "C",
    };
    // Local log–log slope at the right end: d ln L / d ln x between the last two points.
    let slope = c.main.len().checked_sub(2).map(|i| {
        let q = &c.main[i];
        (last.loss.ln() - q.loss.ln()) / (last.x.ln() - q.x.ln())
    });
    let held = match (p.axis, &law) {
        (_, Law::Kaplan(_)) => pick(lang, "the other resources unlimited", "其余资源不受限").to_string(),
        (Axis::N, _) => format!("D = {}", sig(p.fixed_d, 3)),
        (Axis::D, _) => format!("N = {}", sig(p.fixed_n, 3)),
        (Axis::C, Law::KaplanJoint(_)) => pick(lang, "N from Kaplan's Table 6, D = C/(6N)", "N 取 Kaplan 表 6，D = C/(6N)").to_string(),
        (Axis::C, _) => pick(lang, "compute-optimal N and D", "计算最优的 N 与 D").to_string(),
    };
    let mut s = match lang {
        Language::En => format!(
            "{} — {}. With {held}, the loss falls from {} nats at {var} = {} to {} nats at {var} = {}; the local log–log slope at the right end is {}.",
            law_name(p.preset, lang), formula(&law, p.axis, lang), sig(first.loss, 4), sig(first.x, 3), sig(last.loss, 4), sig(last.x, 3), opt(slope)
        ),
        Language::Zh => format!(
            "{}——{}。条件：{held}。损失从 {var} = {} 处的 {} nats 降到 {var} = {} 处的 {} nats；右端的局部双对数斜率为 {}。",
            law_name(p.preset, lang), formula(&law, p.axis, lang), sig(first.x, 3), sig(first.loss, 4), sig(last.x, 3), sig(last.loss, 4), opt(slope)
        ),
    };
    if let (Some(e), Some(a), Some(b)) = (last.irreducible, last.param_term, last.data_term) {
        let pct = |v: f64| format!("{:.0} %", 100.0 * v / last.loss);
        if lang == Language::En {
            s.push(' ');
        }
        s.push_str(&match lang {
            Language::En => format!("At the right end the loss splits into E = {} ({}), A/N^{{α}} = {} ({}) and B/D^{{β}} = {} ({}).", sig(e, 4), pct(e), sig(a, 3), pct(a), sig(b, 3), pct(b)),
            Language::Zh => format!("右端的损失分解为 E = {}（{}）、A/N^{{α}} = {}（{}）和 B/D^{{β}} = {}（{}）。", sig(e, 4), pct(e), sig(a, 3), pct(a), sig(b, 3), pct(b)),
        });
    }
    if let Some(cmp) = &c.compare {
        if let (Some(f), Some(l)) = (cmp.first(), cmp.last()) {
            if lang == Language::En {
                s.push(' ');
            }
            s.push_str(&match lang {
                Language::En => format!("For comparison, the second law ({}) goes from {} to {} nats over the same range.", law_name(p.compare, lang), sig(f.loss, 4), sig(l.loss, 4)),
                Language::Zh => format!("作为对照，第二条规律（{}）在同一范围内从 {} nats 变为 {} nats。", law_name(p.compare, lang), sig(f.loss, 4), sig(l.loss, 4)),
            });
        }
    }
    s
}

fn table(p: &LawExplorerParams, c: &LawCurves, lang: Language) -> impl IntoView {
    let has_cmp = c.compare.is_some();
    let rows = c
        .main
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let cmp = c.compare.as_ref().and_then(|v| v.get(i)).map(|q| sig(q.loss, 5));
            view! {
                <tr>
                    <td>{sig(q.x, 4)}</td><td>{opt(q.n)}</td><td>{opt(q.d)}</td><td>{opt(q.c)}</td>
                    <td>{sig(q.loss, 5)}</td><td>{opt(q.irreducible)}</td><td>{opt(q.param_term)}</td><td>{opt(q.data_term)}</td>
                    {cmp.map(|v| view! { <td>{v}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
            <table>
                <thead><tr>
                    <th scope="col">{x_label(p.axis, lang)}</th><th scope="col">"N"</th><th scope="col">"D"</th><th scope="col">"C (FLOPs)"</th>
                    <th scope="col">{pick(lang, "loss (nats)", "损失（nats）")}</th><th scope="col">"E"</th><th scope="col">{math("A/N^{α}")}</th><th scope="col">{math("B/D^{β}")}</th>
                    {has_cmp.then(|| view! { <th scope="col">{math(law_name(p.compare, lang))}</th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
    }
}

#[component]
pub fn LawExplorer(id: String, defaults: LawExplorerParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let at_start = lang.get_untracked();
    let (params, notices) = url_params(&id, &defaults, move |p: &LawExplorerParams| p.validate().map_err(|e| lab_param_error(&e, at_start)));
    let invalid = Memo::new(move |_| params.with(|p| p.validate().err().map(|e| lab_param_error(&e, lang.get()))));
    let curves = Memo::new(move |_| params.with(|p| p.validate().ok().map(|_| p.curves())));
    let spec = Signal::derive(move || curves.get().map(|c| params.with(|p| chart_spec(p, &c, l()))));
    let chart_label = Signal::derive(move || {
        pick(lang.get(), "Log–log chart of loss against the chosen variable; the numbers are in the readout and the data table below", "损失随所选变量变化的双对数图；具体数值见下方的文字说明和数据表").to_string()
    });
    let law = Memo::new(move |_| params.with(|p| p.law()));
    // Moving a constant's slider starts from the preset's published values.
    let set_const = move |f: fn(&mut LawExplorerParams, f64)| {
        move |v: f64| {
            params.update(|p| {
                if !p.custom {
                    p.load_constants(p.preset);
                    p.custom = true;
                }
                f(p, v)
            })
        }
    };
    let set = move |f: fn(&mut LawExplorerParams, f64)| move |v: f64| params.update(|p| f(p, v));
    let s = |t: &'static str| Signal::derive(move || t.to_string());
    let lbl = move |en: &'static str, zh: &'static str| Signal::derive(move || pick(lang.get(), en, zh).to_string());
    let preset_options = Signal::derive(move || LawPreset::ALL.iter().map(|p| (p.name().to_string(), math_plain(law_name(*p, lang.get())))).collect::<Vec<_>>());
    let axis_options = Signal::derive(move || {
        [Axis::N, Axis::D, Axis::C].iter().map(|a| (axis_name(*a).to_string(), x_label(*a, lang.get()).to_string())).collect::<Vec<_>>()
    });
    let fmt = |v: f64| sig(v, 3);
    let wid = StoredValue::new(id.clone());
    let is_chin = move || matches!(law.get(), Law::Chinchilla(_));
    let is_kaplan = move || matches!(law.get(), Law::Kaplan(_));
    let is_joint = move || matches!(law.get(), Law::KaplanJoint(_));
    let axis = move || params.with(|p| p.axis);
    let k = move || match law.get() {
        Law::Kaplan(k) => (k.alpha_n, k.n_c, k.alpha_d, k.d_c, k.alpha_c, k.c_c_pfdays),
        Law::KaplanJoint(j) => (j.alpha_n, j.n_c, j.alpha_d, j.d_c, 0.0, 0.0),
        Law::Chinchilla(_) => params.with(|p| (p.alpha_n, p.n_c, p.alpha_d, p.d_c, p.alpha_c, p.c_c)),
    };
    let ch = move || match law.get() {
        Law::Chinchilla(c) => (c.e, c.a, c.b, c.alpha, c.beta),
        _ => params.with(|p| (p.e, p.a, p.b, p.alpha, p.beta)),
    };

    view! {
        <section class="widget" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Scaling-law explorer", "规模法则探索器"))}>
            <h3 class="widget-title">{move || pick(l(), "Explorer: scaling laws on log–log axes", "探索器：双对数坐标下的规模法则")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to open the explorer.", "先在上方提交你的猜测，再打开探索器。")}</p> }>
                <div class="controls choices">
                    {select_control(lbl("Horizontal axis", "横轴"), axis_options, Signal::derive(move || axis_name(params.with(|p| p.axis)).to_string()), move |v| {
                        let a = match v.as_str() { "d" => Axis::D, "c" => Axis::C, _ => Axis::N };
                        params.update(|p| p.axis = a);
                    })}
                    {select_control(lbl("Law", "规律"), preset_options, Signal::derive(move || params.with(|p| p.preset.name().to_string())), move |v| {
                        if let Some(np) = LawPreset::from_name(&v) {
                            params.update(|p| { p.preset = np; p.custom = false; p.load_constants(np); });
                        }
                    })}
                    {checkbox_control(lbl("Overlay a second law", "叠加第二条规律"), Signal::derive(move || params.with(|p| p.show_compare)), move |b| params.update(|p| p.show_compare = b))}
                    {select_control(lbl("Second law", "第二条规律"), preset_options, Signal::derive(move || params.with(|p| p.compare.name().to_string())), move |v| {
                        if let Some(np) = LawPreset::from_name(&v) { params.update(|p| { p.compare = np; p.show_compare = true; }); }
                    })}
                    <Show when=is_chin>
                        {checkbox_control(lbl("Split into E, A/N^{α}, B/D^{β}", "拆分为 E、A/N^{α}、B/D^{β}"), Signal::derive(move || params.with(|p| p.show_terms)), move |b| params.update(|p| p.show_terms = b))}
                    </Show>
                </div>
                <div class="controls">
                    <Show when=is_chin>
                        <Slider label=s("E") value=Signal::derive(move || ch().0) min=0.0 max=5.0 step=0.01 display=fmt on_input=set_const(|p, v| p.e = v)/>
                        <Slider label=s("A") value=Signal::derive(move || ch().1) min=1.0 max=1e5 log=true display=fmt on_input=set_const(|p, v| p.a = v)/>
                        <Slider label=s("α") value=Signal::derive(move || ch().3) min=0.05 max=1.0 step=0.005 display=fmt on_input=set_const(|p, v| p.alpha = v)/>
                        <Slider label=s("B") value=Signal::derive(move || ch().2) min=1.0 max=1e5 log=true display=fmt on_input=set_const(|p, v| p.b = v)/>
                        <Slider label=s("β") value=Signal::derive(move || ch().4) min=0.05 max=1.0 step=0.005 display=fmt on_input=set_const(|p, v| p.beta = v)/>
                    </Show>
                    <Show when=move || is_joint() || (is_kaplan() && axis() == Axis::N)>
                        {math_label(s("α_{N}"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().0) min=0.01 max=0.5 step=0.001 display=fmt on_input=set_const(|p, v| p.alpha_n = v)/> })}
                        {math_label(s("N_{c}"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().1) min=1e10 max=1e16 log=true display=fmt on_input=set_const(|p, v| p.n_c = v)/> })}
                    </Show>
                    <Show when=move || is_joint() || (is_kaplan() && axis() == Axis::D)>
                        {math_label(s("α_{D}"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().2) min=0.01 max=0.5 step=0.001 display=fmt on_input=set_const(|p, v| p.alpha_d = v)/> })}
                        {math_label(s("D_{c}"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().3) min=1e10 max=1e16 log=true display=fmt on_input=set_const(|p, v| p.d_c = v)/> })}
                    </Show>
                    <Show when=move || is_kaplan() && axis() == Axis::C>
                        {math_label(s("α_{C}^{min}"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().4) min=0.01 max=0.3 step=0.001 display=fmt on_input=set_const(|p, v| p.alpha_c = v)/> })}
                        {math_label(lbl("C_{c}^{min} (PF-days)", "C_{c}^{min}（PF-天）"), |label, html| view! { <Slider label=label label_html=html value=Signal::derive(move || k().5) min=1e5 max=1e12 log=true display=fmt on_input=set_const(|p, v| p.c_c = v)/> })}
                    </Show>
                    <Show when=move || axis() == Axis::N && !is_kaplan()>
                        <Slider label=lbl("fixed D (tokens)", "固定的 D（词元）") value=Signal::derive(move || params.with(|p| p.fixed_d)) min=1e8 max=1e15 log=true display=fmt on_input=set(|p, v| p.fixed_d = v)/>
                    </Show>
                    <Show when=move || axis() == Axis::D && !is_kaplan()>
                        <Slider label=lbl("fixed N (parameters)", "固定的 N（参数）") value=Signal::derive(move || params.with(|p| p.fixed_n)) min=1e6 max=1e13 log=true display=fmt on_input=set(|p, v| p.fixed_n = v)/>
                    </Show>
                    {move || match axis() {
                        Axis::N => view! {
                            <Slider label=lbl("smallest N", "最小 N") value=Signal::derive(move || params.with(|p| p.n_min)) min=1e3 max=1e14 log=true display=fmt on_input=set(|p, v| p.n_min = v)/>
                            <Slider label=lbl("largest N", "最大 N") value=Signal::derive(move || params.with(|p| p.n_max)) min=1e4 max=1e15 log=true display=fmt on_input=set(|p, v| p.n_max = v)/>
                        }.into_any(),
                        Axis::D => view! {
                            <Slider label=lbl("smallest D", "最小 D") value=Signal::derive(move || params.with(|p| p.d_min)) min=1e6 max=1e16 log=true display=fmt on_input=set(|p, v| p.d_min = v)/>
                            <Slider label=lbl("largest D", "最大 D") value=Signal::derive(move || params.with(|p| p.d_max)) min=1e7 max=1e17 log=true display=fmt on_input=set(|p, v| p.d_max = v)/>
                        }.into_any(),
                        Axis::C => view! {
                            <Slider label=lbl("smallest C", "最小 C") value=Signal::derive(move || params.with(|p| p.c_min)) min=1e15 max=1e29 log=true display=fmt on_input=set(|p, v| p.c_min = v)/>
                            <Slider label=lbl("largest C", "最大 C") value=Signal::derive(move || params.with(|p| p.c_max)) min=1e16 max=1e30 log=true display=fmt on_input=set(|p, v| p.c_max = v)/>
                        }.into_any(),
                    }}
                </div>
                <Show when=move || params.with(|p| p.custom)>
                    <p class="hint">
                        {move || pick(l(), "Constants edited by hand. ", "常数已手动修改。")}
                        <button class="button" on:click=move |_| params.update(|p| { p.custom = false; let pr = p.preset; p.load_constants(pr); })>
                            {move || pick(l(), "Back to the published constants", "恢复论文发表的常数")}
                        </button>
                    </p>
                </Show>
                {move || invalid.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <LogLogChart spec=spec label=chart_label/>
                <p class="hint">{move || params.with(|p| {
                    match l() {
                        Language::En => format!("Source: {}.", p.preset.source()),
                        Language::Zh => format!("来源：{}。", p.preset.source_zh()),
                    }
                })}</p>
                {move || curves.get().map(|c| params.with(|p| view! {
                    <p class="readout" aria-live="polite">{math(&summary(p, &c, l()))}</p>
                }))}
                {lazy_details(move || l().strings().data_table.to_string(), move || curves.get().map(|c| params.with(|p| table(p, &c, l()))))}
                <div class="widget-actions">
                    <button class="button" on:click=move |_| {
                        let text = params.with_untracked(|p| p.validate().ok().map(|_| p.table_csv()));
                        if let Some(text) = text { crate::shell::dom::download(&format!("{}.csv", wid.get_value()), "text/csv", &text); }
                    }>{move || pick(l(), "Download CSV", "下载 CSV")}</button>
                    <button class="button" on:click=move |_| { let w = wid.get_value(); export_png(&w, 0, &format!("{w}.png")) }>{move || pick(l(), "Download PNG", "下载 PNG")}</button>
                </div>
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}
