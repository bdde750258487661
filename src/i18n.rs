//! Interface strings in both languages. Lesson text lives in content/; this file holds only the chrome
//! (buttons, labels, notices), so that a missing translation is a compile error, not a blank label.

pub use lessons::model::Language;

/// App-side helpers on the course's [`Language`] (the type is shared with the lesson compiler).
pub trait LanguageExt: Sized {
    fn from_code(code: &str) -> Option<Self>;
    /// First visit: follow the browser's preferred languages (`navigator.languages`), English otherwise.
    fn from_browser_languages<'a>(langs: impl IntoIterator<Item = &'a str>) -> Self;
    fn other(self) -> Self;
    fn strings(self) -> &'static Strings;
}

impl LanguageExt for Language {
    fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    fn from_browser_languages<'a>(langs: impl IntoIterator<Item = &'a str>) -> Language {
        for l in langs {
            let l = l.to_ascii_lowercase();
            if l.starts_with("zh") {
                return Language::Zh;
            }
            if l.starts_with("en") {
                return Language::En;
            }
        }
        Language::En
    }

    fn other(self) -> Language {
        match self {
            Language::Zh => Language::En,
            Language::En => Language::Zh,
        }
    }

    fn strings(self) -> &'static Strings {
        match self {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }
}

/// Pick the English or Chinese text of a widget-specific label.
pub fn pick(lang: Language, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Zh => zh,
    }
}

/// An English count and its noun, singular for exactly one: `en_count(1, "word", "words")` is
/// "1 word", 0 and 2 take the plural. (Chinese nouns do not inflect: write the count into the text.)
pub fn en_count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every interface string. Adding a field forces both translations.
pub struct Strings {
    pub site_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub chapters: &'static str,
    pub glossary: &'static str,
    pub about: &'static str,
    pub switch_language: &'static str,
    pub language_name: &'static str,
    pub theme_to_dark: &'static str,
    pub theme_to_light: &'static str,
    pub menu: &'static str,
    pub on_this_page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub minutes: &'static str,
    pub what_you_will_learn: &'static str,
    pub start_reading: &'static str,
    pub chapter_label: &'static str,
    pub read_mark: &'static str,
    pub exercises_solved: &'static str,
    /// `exercises_solved` after "x/1": "0/1 exercise solved".
    pub exercise_solved_one: &'static str,
    pub chapters_read: &'static str,
    pub your_progress: &'static str,
    pub export_progress: &'static str,
    pub import_progress: &'static str,
    pub reset_progress: &'static str,
    pub reset_confirm: &'static str,
    pub import_ok: &'static str,
    pub import_failed: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_recovered: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub reload: &'static str,
    pub url_notice: &'static str,
    pub data_table: &'static str,
    pub computing: &'static str,
    pub cancel: &'static str,
    pub run: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_copy_failed: &'static str,
    pub reset_widget: &'static str,
    pub check: &'static str,
    pub correct: &'static str,
    pub incorrect: &'static str,
    pub try_again: &'static str,
    pub show_solution: &'static str,
    pub solution: &'static str,
    pub your_answer: &'static str,
    pub commit_guess: &'static str,
    pub guess_locked: &'static str,
    pub choose_one: &'static str,
    pub choose_many: &'static str,
    pub your_numbers: &'static str,
    pub solved_badge: &'static str,
    pub not_a_number: &'static str,
    pub references: &'static str,
    pub fitted_slope: &'static str,
    pub theory_slope: &'static str,
    pub exercise: &'static str,
    pub seed: &'static str,
    pub new_seed: &'static str,
    pub previous_next: &'static str,
}

impl Strings {
    /// "exercises solved" after a fraction x/`total`, in the number `total` asks for.
    pub fn solved_of(&self, total: usize) -> &'static str {
        if total == 1 {
            self.exercise_solved_one
        } else {
            self.exercises_solved
        }
    }
}

pub static EN: Strings = Strings {
    site_title: "Scaling Lab",
    tagline: "Generalization, scaling laws and data augmentation — with the science running live in your browser.",
    skip_to_content: "Skip to content",
    home: "Home",
    chapters: "Chapters",
    glossary: "Glossary",
    about: "About",
    switch_language: "切换到中文",
    language_name: "中文",
    theme_to_dark: "Switch to dark theme",
    theme_to_light: "Switch to light theme",
    menu: "Chapters menu",
    on_this_page: "On this page",
    previous: "Previous",
    next: "Next",
    minutes: "min",
    what_you_will_learn: "What you will learn",
    start_reading: "Start reading",
    chapter_label: "Chapter",
    read_mark: "read",
    exercises_solved: "exercises solved",
    exercise_solved_one: "exercise solved",
    chapters_read: "chapters read",
    your_progress: "Your progress",
    export_progress: "Export progress",
    import_progress: "Import progress",
    reset_progress: "Reset progress",
    reset_confirm: "Erase all progress kept in this browser? Export it first if you want to keep a copy.",
    import_ok: "Progress imported.",
    import_failed: "That file could not be imported",
    storage_unavailable: "This browser does not let the course keep data (private mode or full storage): everything works, but progress will not be kept after you close the page.",
    storage_recovered: "Stored progress was unreadable and has been set aside (kept under the key shown) so the course could start fresh:",
    loading: "Loading…",
    load_failed: "This page could not be loaded.",
    retry: "Retry",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address. It may have moved, or the link may have a typo.",
    back_home: "Back to the course home",
    error_title: "Something went wrong",
    error_body: "Scaling Lab hit an internal error and stopped. Your progress is safe in this browser. Please reload; if it happens again, report the text below.",
    reload: "Reload",
    url_notice: "Some settings in the link were not understood and were left at their defaults:",
    data_table: "Data table",
    computing: "Computing…",
    cancel: "Cancel",
    run: "Run again",
    copy_link: "Copy link to this view",
    link_copied: "Link copied",
    link_copy_failed: "This browser would not let the page copy. Copy the address from the address bar instead.",
    reset_widget: "Reset",
    check: "Check",
    correct: "Correct!",
    incorrect: "Not quite.",
    try_again: "Try again",
    show_solution: "Show solution",
    solution: "Solution",
    your_answer: "Your answer",
    commit_guess: "Commit my guess",
    guess_locked: "Your guess is locked in. Now see what really happens:",
    choose_one: "Choose one answer.",
    choose_many: "Choose all answers that apply.",
    your_numbers: "Your numbers are drawn for you alone; they stay the same when you come back.",
    solved_badge: "Solved",
    not_a_number: "Please enter a number, such as 0.25, -1/3 or 2e-3.",
    references: "References",
    fitted_slope: "fitted slope",
    theory_slope: "theory",
    exercise: "Exercise",
    seed: "Random seed",
    new_seed: "New seed",
    previous_next: "Previous and next chapter",
};

pub static ZH: Strings = Strings {
    site_title: "规模实验室",
    tagline: "泛化、规模法则与数据增强——所有计算都在你的浏览器里实时运行。",
    skip_to_content: "跳到正文",
    home: "首页",
    chapters: "章节",
    glossary: "术语表",
    about: "关于",
    switch_language: "Switch to English",
    language_name: "English",
    theme_to_dark: "切换到深色主题",
    theme_to_light: "切换到浅色主题",
    menu: "章节菜单",
    on_this_page: "本页目录",
    previous: "上一章",
    next: "下一章",
    minutes: "分钟",
    what_you_will_learn: "你将学到",
    start_reading: "开始阅读",
    chapter_label: "第",
    read_mark: "已读",
    exercises_solved: "道练习已完成",
    exercise_solved_one: "道练习已完成",
    chapters_read: "章已读",
    your_progress: "学习进度",
    export_progress: "导出进度",
    import_progress: "导入进度",
    reset_progress: "重置进度",
    reset_confirm: "确定要清除本浏览器中保存的全部进度吗？如需保留，请先导出。",
    import_ok: "进度已导入。",
    import_failed: "无法导入该文件",
    storage_unavailable: "此浏览器不允许课程保存数据（隐私模式或存储已满）：功能一切正常，但关闭页面后进度不会保留。",
    storage_recovered: "已保存的进度无法读取，已另存（键名如下），课程将从头开始：",
    loading: "加载中…",
    load_failed: "此页面加载失败。",
    retry: "重试",
    not_found_title: "页面不存在",
    not_found_body: "这个地址没有页面。它可能已移动，或者链接有误。",
    back_home: "返回课程首页",
    error_title: "出错了",
    error_body: "规模实验室遇到内部错误，已停止运行。你的进度仍安全地保存在本浏览器中。请刷新页面；如果再次出现，请报告下面的文字。",
    reload: "刷新",
    url_notice: "链接中的部分设置无法识别，已使用默认值：",
    data_table: "数据表",
    computing: "计算中…",
    cancel: "取消",
    run: "重新运行",
    copy_link: "复制此视图的链接",
    link_copied: "链接已复制",
    link_copy_failed: "浏览器不允许本页复制内容，请直接从地址栏复制链接。",
    reset_widget: "重置",
    check: "检查答案",
    correct: "回答正确！",
    incorrect: "还不对。",
    try_again: "再试一次",
    show_solution: "查看解答",
    solution: "解答",
    your_answer: "你的答案",
    commit_guess: "提交我的猜测",
    guess_locked: "你的猜测已锁定。现在看看实际结果：",
    choose_one: "请选择一个答案。",
    choose_many: "请选择所有正确的答案。",
    your_numbers: "这些数字是专为你抽取的；下次回来时保持不变。",
    solved_badge: "已完成",
    not_a_number: "请输入一个数，例如 0.25、-1/3 或 2e-3。",
    references: "参考文献",
    fitted_slope: "拟合斜率",
    theory_slope: "理论值",
    exercise: "练习",
    seed: "随机种子",
    new_seed: "换个种子",
    previous_next: "上一章与下一章",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_first_supported() {
        assert_eq!(Language::from_browser_languages(["zh-CN", "en-US"]), Language::Zh);
        assert_eq!(Language::from_browser_languages(["de-DE", "en-GB", "zh"]), Language::En);
        assert_eq!(Language::from_browser_languages(["fr"]), Language::En);
        assert_eq!(Language::from_browser_languages(["ZH-tw"]), Language::Zh);
    }

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(en_count(1, "word", "words"), "1 word");
        assert_eq!(en_count(0, "word", "words"), "0 words");
        assert_eq!(en_count(2, "sample", "samples"), "2 samples");
        assert_eq!(EN.solved_of(1), "exercise solved");
        assert_eq!(EN.solved_of(12), "exercises solved");
    }

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("fr"), None);
    }
}
