//! Back-translation (Sennrich, Haddow & Birch, ACL 2016, P16-1009; used for consistency training
//! in UDA, Xie et al. 2020) taught with **prepared examples**.
//!
//! The app runs no translation model, so [`EXAMPLES`] holds sentence triples written by hand for
//! Scaling Lab (licence MIT OR Apache-2.0, as the project): a source sentence, a translation into a
//! pivot language, and the translation back. They were not produced by a model at run time and
//! must be presented as prepared examples. Each back-translation keeps the meaning and label of the
//! source while changing words and word order, which is what makes it useful augmentation;
//! [`BackTranslationExample::note`] says what changed, in the source's language.

use serde::Serialize;

/// One prepared round trip `source → pivot → back`, languages as BCP 47 tags (`"en"`, `"zh"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BackTranslationExample {
    pub source_lang: &'static str,
    pub pivot_lang: &'static str,
    pub source: &'static str,
    pub pivot: &'static str,
    pub back: &'static str,
    /// What the round trip changed, for the lesson (written in `source_lang`).
    pub note: &'static str,
}

/// Prepared back-translation examples written for the course (4 en→zh→en, 4 zh→en→zh).
pub const EXAMPLES: &[BackTranslationExample] = &[
    BackTranslationExample {
        source_lang: "en",
        pivot_lang: "zh",
        source: "The movie was surprisingly good, and the acting felt natural.",
        pivot: "这部电影出乎意料地好，表演也很自然。",
        back: "This film was unexpectedly good, and the performances were also very natural.",
        note: "movie → film, surprisingly → unexpectedly, acting felt → performances were; sentiment kept (positive).",
    },
    BackTranslationExample {
        source_lang: "en",
        pivot_lang: "zh",
        source: "I waited an hour for my order and the food arrived cold.",
        pivot: "我等了一个小时才等到我点的菜，而且送来的时候已经凉了。",
        back: "I waited a whole hour for the dishes I ordered, and they were already cold when they came.",
        note: "Longer and more explicit; order → dishes I ordered; sentiment kept (negative).",
    },
    BackTranslationExample {
        source_lang: "en",
        pivot_lang: "zh",
        source: "Can you tell me how to get to the train station?",
        pivot: "你能告诉我怎么去火车站吗？",
        back: "Could you tell me how to go to the railway station?",
        note: "Can → Could, get to → go to, train station → railway station; intent kept (asking directions).",
    },
    BackTranslationExample {
        source_lang: "en",
        pivot_lang: "zh",
        source: "The battery dies quickly, but the screen is bright and sharp.",
        pivot: "电池很快就没电了，但是屏幕又亮又清晰。",
        back: "The battery runs out fast, but the screen is both bright and clear.",
        note: "dies quickly → runs out fast, sharp → clear; mixed review stays mixed.",
    },
    BackTranslationExample {
        source_lang: "zh",
        pivot_lang: "en",
        source: "这家餐厅的服务很慢，但是菜很好吃。",
        pivot: "The service at this restaurant is slow, but the food is delicious.",
        back: "这家餐馆服务很慢，不过食物很美味。",
        note: "餐厅 → 餐馆，但是 → 不过，菜很好吃 → 食物很美味；评价倾向不变。",
    },
    BackTranslationExample {
        source_lang: "zh",
        pivot_lang: "en",
        source: "明天可能会下雨，记得带伞。",
        pivot: "It might rain tomorrow, so remember to bring an umbrella.",
        back: "明天也许会下雨，所以记住带一把雨伞。",
        note: "可能 → 也许，记得 → 记住，伞 → 一把雨伞，并多出“所以”；意思不变。",
    },
    BackTranslationExample {
        source_lang: "zh",
        pivot_lang: "en",
        source: "这本书的内容很有趣，我一口气就读完了。",
        pivot: "The content of this book is very interesting; I finished reading it in one go.",
        back: "这本书的内容非常有意思，我一次就把它读完了。",
        note: "很有趣 → 非常有意思，一口气 → 一次；成语的味道在往返中丢失了，但意思保留。",
    },
    BackTranslationExample {
        source_lang: "zh",
        pivot_lang: "en",
        source: "手机的电池不耐用，用半天就没电了。",
        pivot: "The phone's battery doesn't last long; it runs out of power after half a day.",
        back: "这部手机的电池续航不长，半天之后就没电了。",
        note: "不耐用 → 续航不长，用半天 → 半天之后；负面评价不变。",
    },
];
