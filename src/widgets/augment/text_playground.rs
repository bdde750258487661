//! Text playground (chapter 8): EDA's four operations (Wei & Zou 2019) and character noise on an
//! English or Chinese sentence, several augmented sentences with the changed words highlighted.
//! Segmentation (jieba) and augmentation run in the augmentation worker.

use augment_lab::params::{TextLang, TextLangChoice, TextPlaygroundParams};
use augment_lab::protocol::{Job, Output, TextJob, TextOutput};
use augment_text::{Augmented, EdaOp, EditKind};
use leptos::prelude::*;

use super::status_view;
use crate::compute::augment::AugmentWorker;
use crate::format::sig;
use crate::i18n::{en_count, pick, Language, LanguageExt};
use crate::shell::app::page_lang;
use crate::widgets::common::{actions_view, notices_view, worker_widget, WorkerWidget};
use crate::widgets::controls::{SeedControl, Slider};

/// The example sentences, written for the course: ordinary words that the synonym tables know.
const EXAMPLE_EN: &str = "The new phone is quick and the battery lasts a long time, so I am very happy with it.";
const EXAMPLE_ZH: &str = "今天我们一起去书店，我觉得那本书非常漂亮，价格也很简单明了。";

fn text_lang(choice: TextLangChoice, page: Language) -> TextLang {
    match (choice, page) {
        (TextLangChoice::En, _) | (TextLangChoice::Page, Language::En) => TextLang::En,
        (TextLangChoice::Zh, _) | (TextLangChoice::Page, Language::Zh) => TextLang::Zh,
    }
}

fn sentence(p: &TextPlaygroundParams, lang: TextLang) -> String {
    if p.text.trim().is_empty() {
        match lang {
            TextLang::En => EXAMPLE_EN.into(),
            TextLang::Zh => EXAMPLE_ZH.into(),
        }
    } else {
        p.text.clone()
    }
}

#[component]
pub fn TextPlayground(id: String, defaults: TextPlaygroundParams, locked: Signal<bool>) -> impl IntoView {
    let lang = page_lang();
    let l = move || lang.get();
    let page = lang;
    let WorkerWidget { params, notices, invalid, runner } =
        worker_widget::<_, AugmentWorker>(&id, &defaults, locked, TextPlaygroundParams::validate, move |p: TextPlaygroundParams| {
            let tl = text_lang(p.lang, page.get());
            (Job::Text(TextJob { text: sentence(&p, tl), lang: tl, eda: p.eda(), char_noise: p.char_noise(), seed: p.seed }), None)
        });
    let current_lang = Memo::new(move |_| text_lang(params.with(|p| p.lang), lang.get()));
    let slider = move |label_en: &'static str, label_zh: &'static str, get: fn(&TextPlaygroundParams) -> f64, set: fn(&mut TextPlaygroundParams, f64), max: f64| {
        view! {
            <Slider label=Signal::derive(move || pick(l(), label_en, label_zh).to_string()) value=Signal::derive(move || params.with(get))
                min=0.0 max=max step=0.01 display=|v: f64| sig(v, 2) on_input=move |v: f64| params.update(|p| set(p, (v * 100.0).round() / 100.0))/>
        }
    };
    let text_id = format!("{id}-text");
    // The character-noise settings are folded away while every probability is 0, and open while one
    // is on (as the chapter's noise playgrounds start), so what changes the sentences is in view. A
    // memo: the section follows noise switching on or off, not every other change, so a reader who
    // folds it keeps it folded.
    let noise_on = Memo::new(move |_| params.with(|p| p.char_noise().is_on()));

    view! {
        <section class="widget text-playground" id=format!("widget-{id}") aria-label={let id = id.clone(); move || format!("{} · {id}", pick(l(), "Text augmentation playground", "文本增强演示"))}>
            <h3 class="widget-title">{move || pick(l(), "Playground: augmenting a sentence", "演示：句子增强")}</h3>
            {notices_view(notices)}
            <Show when=move || !locked.get() fallback=move || view! { <p class="hint">{move || pick(l(), "Commit your guess above to augment.", "先在上方提交你的猜测，再进行增强。")}</p> }>
                <div class="controls text-input">
                    <label class="control">
                        <span>{move || pick(l(), "Language", "语言")}</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let choice = match v.as_str() { "en" => TextLangChoice::En, "zh" => TextLangChoice::Zh, _ => TextLangChoice::Page };
                            params.update(|p| p.lang = choice);
                        }>
                            <option value="page" selected=move || params.with(|p| p.lang == TextLangChoice::Page)>{move || pick(l(), "the page's", "与页面相同")}</option>
                            <option value="en" selected=move || params.with(|p| p.lang == TextLangChoice::En)>"English"</option>
                            <option value="zh" selected=move || params.with(|p| p.lang == TextLangChoice::Zh)>"中文"</option>
                        </select>
                    </label>
                    <div class="control sentence">
                        <label for=text_id.clone()><span>{move || pick(l(), "Sentence (empty: the example)", "句子（留空则用示例）")}</span></label>
                        <textarea id=text_id.clone() rows="2" maxlength=augment_lab::params::MAX_TEXT_CHARS
                            placeholder=move || match current_lang.get() { TextLang::En => EXAMPLE_EN, TextLang::Zh => EXAMPLE_ZH }
                            prop:value=move || params.with(|p| p.text.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); params.update(|p| p.text = v); }></textarea>
                    </div>
                </div>
                <div class="controls">
                    {slider("α synonym replacement (SR)", "α 同义词替换（SR）", |p| p.alpha_sr, |p, v| p.alpha_sr = v, 0.5)}
                    {slider("α random insertion (RI)", "α 随机插入（RI）", |p| p.alpha_ri, |p, v| p.alpha_ri = v, 0.5)}
                    {slider("α random swap (RS)", "α 随机交换（RS）", |p| p.alpha_rs, |p, v| p.alpha_rs = v, 0.5)}
                    {slider("p random deletion (RD)", "p 随机删除（RD）", |p| p.p_rd, |p, v| p.p_rd = v, 0.5)}
                    <Slider label=Signal::derive(move || pick(l(), "augmented sentences (n_aug)", "增强句子数（n_aug）").to_string()) value=Signal::derive(move || params.with(|p| p.num_aug))
                        min=1.0 max=16.0 step=1.0 integer=true display=|v: f64| format!("{v:.0}") on_input=move |v: f64| params.update(|p| p.num_aug = v)/>
                    <SeedControl label=Signal::derive(move || l().strings().seed.to_string()) new_label=Signal::derive(move || l().strings().new_seed.to_string())
                        value=Signal::derive(move || params.with(|p| p.seed)) on_change=move |s: u64| params.update(|p| p.seed = s)/>
                </div>
                <details class="char-noise" prop:open=move || noise_on.get()>
                    <summary>{move || pick(l(), "Character noise (typos, OCR errors)", "字符噪声（错别字、OCR 错误）")}</summary>
                    // Up to 0.5 like EDA's rates: far past readable for English letters, and room above
                    // the Chinese playground's 0.3 (its sentence has few look-alike characters).
                    <div class="controls">
                        {slider("keyboard neighbours", "键盘相邻键", |p| p.p_keyboard, |p, v| p.p_keyboard = v, 0.5)}
                        {slider("OCR confusions", "OCR 混淆", |p| p.p_ocr, |p, v| p.p_ocr = v, 0.5)}
                        {slider("insert", "插入", |p| p.p_insert, |p, v| p.p_insert = v, 0.5)}
                        {slider("delete", "删除", |p| p.p_delete, |p, v| p.p_delete = v, 0.5)}
                        {slider("substitute", "替换", |p| p.p_substitute, |p, v| p.p_substitute = v, 0.5)}
                        {slider("swap", "交换", |p| p.p_swap, |p, v| p.p_swap = v, 0.5)}
                    </div>
                </details>
                {status_view(invalid, runner)}
                {move || runner.output.get().and_then(|(out, _)| match out {
                    Output::Text(t) => Some(text_view(t, current_lang.get_untracked(), l())),
                    _ => None,
                })}
                {actions_view(params, defaults.clone())}
            </Show>
        </section>
    }
}

fn op_name(op: Option<EdaOp>, lang: Language) -> &'static str {
    match op {
        None => pick(lang, "original", "原句"),
        Some(EdaOp::SynonymReplacement) => pick(lang, "SR: synonym replacement", "SR：同义词替换"),
        Some(EdaOp::RandomInsertion) => pick(lang, "RI: random insertion", "RI：随机插入"),
        Some(EdaOp::RandomSwap) => pick(lang, "RS: random swap", "RS：随机交换"),
        Some(EdaOp::RandomDeletion) => pick(lang, "RD: random deletion", "RD：随机删除"),
    }
}

fn kind_class(kind: EditKind) -> &'static str {
    match kind {
        EditKind::Replace => "edit-replace",
        EditKind::Insert => "edit-insert",
        EditKind::Swap => "edit-swap",
        EditKind::Delete => "edit-delete",
    }
}

/// The output words with the changed ones marked, and the deleted input words struck through after.
fn sentence_view(a: &Augmented, text_lang: TextLang, lang: Language) -> impl IntoView {
    let sep = if text_lang == TextLang::En { " " } else { "" };
    let marked: Vec<Option<(EditKind, Option<String>)>> = (0..a.words.len())
        .map(|i| a.edits.iter().find(|e| e.index == i && e.kind != EditKind::Delete).map(|e| (e.kind, e.before.clone())))
        .collect();
    let words = a
        .words
        .iter()
        .zip(marked)
        .enumerate()
        .map(|(i, (w, m))| {
            let space = if i > 0 { sep } else { "" };
            match m {
                Some((kind, before)) => {
                    let title = before.map(|b| format!("{b} → {w}")).unwrap_or_else(|| pick(lang, "inserted", "插入的词").to_string());
                    view! { {space}<mark class=kind_class(kind) title=title>{w.clone()}</mark> }.into_any()
                }
                None => view! { {space}{w.clone()} }.into_any(),
            }
        })
        .collect_view();
    let deleted: Vec<String> = a.edits.iter().filter(|e| e.kind == EditKind::Delete).filter_map(|e| e.before.clone()).collect();
    view! {
        <li class="augmented">
            <span class="op-name">{op_name(a.op, lang)}</span>
            <span class="words">{words}</span>
            {(!deleted.is_empty()).then(|| view! {
                <span class="deleted">{pick(lang, " deleted: ", " 删除：")}{deleted.into_iter().map(|d| view! { <del>{d}</del>" " }).collect_view()}</span>
            })}
        </li>
    }
}

fn text_view(t: TextOutput, text_lang: TextLang, lang: Language) -> impl IntoView {
    let items = t.sentences.iter().map(|a| sentence_view(a, text_lang, lang)).collect_view();
    let noisy = t
        .noisy
        .iter()
        .zip(t.noisy_clusters.iter())
        .map(|(n, clusters)| {
            let mut marks = vec![None; clusters.len()];
            let mut gaps = vec![false; clusters.len() + 1];
            for e in &n.edits {
                if e.len == 0 {
                    if let Some(g) = gaps.get_mut(e.start) {
                        *g = true;
                    }
                }
                for mark in marks.iter_mut().skip(e.start).take(e.len) {
                    *mark = Some(format!("{} → {}", e.before, e.after));
                }
            }
            let parts = clusters
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let gap = gaps[k].then(|| view! { <mark class="edit-delete" title=pick(lang, "deleted here", "此处有删除")>"‸"</mark> });
                    let cell = match &marks[k] {
                        Some(title) => view! { <mark class="edit-replace" title=title.clone()>{c.clone()}</mark> }.into_any(),
                        None => view! { {c.clone()} }.into_any(),
                    };
                    view! { {gap}{cell} }
                })
                .collect_view();
            view! { <li class="augmented"><span class="op-name">{pick(lang, "character noise", "字符噪声")}</span><span class="words">{parts}</span></li> }
        })
        .collect_view();
    // Nothing left after cleaning: say why (EDA's English cleaning keeps only a–z, so Chinese text
    // needs the Chinese setting, and English text under it loses its spaces).
    let empty_hint = t.words.is_empty().then(|| view! {
        <p class="notice" role="status">{pick(lang,
            "No words were left after cleaning. EDA's English cleaning keeps only the letters a–z: for a Chinese sentence, choose 中文 as the language.",
            "清洗后没有剩下任何词。EDA 的英文清洗只保留字母 a–z；中文句子请把语言选为“中文”。")}</p>
    });
    let count = t.sentences.iter().filter(|a| a.op.is_some()).count();
    let edits: usize = t.sentences.iter().map(|a| a.edits.len()).sum();
    // Character noise, when on: how many characters it changed, and why none if so (each operation
    // only touches the characters it knows, so a sentence can offer it nothing).
    let char_edits: usize = t.noisy.iter().map(|n| n.edits.len()).sum();
    let noise_on = !t.noisy.is_empty();
    let noise_text = noise_on.then(|| match lang {
        Language::En => format!(" Character noise: {}.", en_count(char_edits, "character edit", "character edits")),
        Language::Zh => format!("字符噪声共改动 {char_edits} 处。"),
    });
    let noise_hint = (noise_on && char_edits == 0).then(|| view! {
        <p class="notice" role="status">{pick(lang,
            "Character noise changed nothing this time. Keyboard typos only touch the letters a–z, and OCR confusions only the look-alikes in the course's table (such as rn/m, o/0, 己/已/巳, 人/入): raise a probability, switch on another operation or try another seed.",
            "这次字符噪声一处也没有改动。键盘错字只作用于字母 a–z，OCR 混淆只作用于课程混淆表中的形近字符（如 rn/m、o/0、己/已/巳、人/入）：可以调高概率、打开别的操作，或换一个随机种子。")}</p>
    });
    view! {
        <p class="readout" aria-live="polite">{match lang {
            Language::En => format!(
                "{} after cleaning; {} with {} in all.{} Marked words changed; hover for what they replaced.",
                en_count(t.words.len(), "word", "words"),
                en_count(count, "augmented sentence", "augmented sentences"),
                en_count(edits, "word edit", "word edits"),
                noise_text.unwrap_or_default(),
            ),
            Language::Zh => format!("清洗后共 {} 个词；{count} 个增强句子，共 {edits} 处词语改动。{}标出的词被改动过，鼠标悬停可见原词。", t.words.len(), noise_text.unwrap_or_default()),
        }}</p>
        {empty_hint}
        {noise_hint}
        <ol class="augmented-list">{items}{noisy}</ol>
    }
}
