//! A news page flattened into one line, as sites' text is often copied: the dateline,
//! title, ——subtitle, （date）, the speaker's signature and the speech run together
//! (`新华社北京3月8日电 携手共建绿色家园——在…上的主旨讲话（2023年3月8日）中华人民共和国主席
//! 习近平 3月8日上午，…`). Split back into the lines a header has, each then read by the
//! header rules as any other, and the speech into paragraphs at ideographic spaces (the
//! page's paragraph indents). Only a text whose first line
//! opens with a news dateline and runs long is touched.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::person::is_personal_name;
use crate::text::is_cjk;

/// A news agency's or paper's dateline opening a line, its month and day:
/// `新华社北京3月8日电`, `人民网北京5月1日电`. The header rules read it too (furniture alone on
/// a line; the date of news about a speech).
pub static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,8}(?:社|网|报)\p{Han}{2,8}(\d{1,2})月(\d{1,2})日电")
        .expect("dateline pattern")
});
/// The title (with its ——subtitle) and the bracketed date after it, maybe with the
/// place (`（2020年11月19日，北京）`).
static DATED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^。！？]{2,120}?)([（(]\d{4}年\d{1,2}月\d{1,2}日(?:[，,]\p{Han}{1,12})?[)）])")
        .expect("dated title pattern")
});
/// What a speech's own title ends with, when it names the occasion
/// (`在浦东开发开放30周年庆祝大会上的讲话`, `…上的主旨演讲`, `关于…的说明`); the header
/// rules read titles by it too.
pub static SPEECH_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:讲话|致辞|演讲|发言|报告|说明|贺词|献词|讲授|总结)$")
        .expect("speech kind pattern")
});
/// A head of state's or government's role before the speaker's name.
static SIGNATURE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:中共中央总书记、)?(?:中华人民共和国主席|国家主席)(?:、中央军委主席)?|国务院总理|\p{Han}{1,12}(?:省长|市长))[\s　]*")
        .expect("signature pattern")
});
/// A title and its author run together, as a journal prints an article:
/// `…应急管理体系※习近平一当前，…`.
static AUTHORED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^。！？※]{4,80})※").expect("authored title pattern"));
/// How a speech or an article goes on right after its speaker's name when the page ran
/// them together: a salutation (`同志们：`, `尊敬的…`, `各位…`), the first words of a text,
/// a section number, a digit. A name is cut off the text only where one of these follows,
/// so that no name is made up of the text's first characters.
const OPENINGS: &[&str] = &[
    "同志们",
    "同胞们",
    "各位",
    "尊敬的",
    "女士们",
    "先生们",
    "朋友们",
    "大家好",
    "亲爱的",
    "主席先生",
    "今天",
    "今年",
    "我们",
    "我国",
    "我",
    "在",
    "这次",
    "当前",
    "党的",
    "一",
];

/// A first line shorter than this is a header line, not a flattened page.
const FLATTENED_CHARS: usize = 120;

/// The text with a flattened first line split into header lines and paragraphs; the
/// text itself when its first line is no flattened news page or speech.
pub fn unflatten(text: &str) -> Cow<'_, str> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let line = first.trim();
    if line.chars().count() < FLATTENED_CHARS {
        return Cow::Borrowed(text);
    }
    let dateline = DATELINE.find(line);
    let mut lines: Vec<String> = dateline.iter().map(|d| d.as_str().to_string()).collect();
    let after = dateline.map_or(line, |d| line[d.end()..].trim_start());
    let body = match speech_head(after) {
        Some((head, body)) => {
            lines.extend(head);
            body
        }
        None if dateline.is_some() => after,
        // Neither a news page nor a speech's head: a long first paragraph, as it is.
        None => return Cow::Borrowed(text),
    };
    lines.push(String::new());
    lines.extend(paragraphs(body));
    let mut out = lines.join("\n");
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    Cow::Owned(out)
}

/// The head of a speech or article run into its text: the title (and ——subtitle), the
/// bracketed date and the speaker (`…的讲话（2020年1月8日）习近平同志们：…`), or the title
/// and its author (`…体系※习近平一当前，…`). Returns its lines and the text after it.
fn speech_head(text: &str) -> Option<(Vec<String>, &str)> {
    if let Some(c) = DATED_TITLE.captures(text) {
        let title = c[1].trim();
        let (main, sub) = match title.split_once("——") {
            Some((main, sub)) => (main.trim(), Some(sub.trim())),
            None => (title, None),
        };
        // A title, not a sentence that happens to hold a date in brackets.
        if sub.is_none() && !SPEECH_KIND.is_match(main) {
            return None;
        }
        let mut lines = vec![main.to_string()];
        lines.extend(sub.map(|s| format!("——{s}")));
        lines.push(c[2].to_string());
        let mut body = &text[c.get(0).map_or(0, |m| m.end())..];
        let role = SIGNATURE_ROLE.captures(body);
        let after_role = role
            .as_ref()
            .map_or(body, |r| &body[r.get(0).map_or(0, |m| m.end())..]);
        if let Some((name, rest)) = cut_name(after_role.trim_start()) {
            let role = role
                .as_ref()
                .map_or("", |r| r.get(1).map_or("", |m| m.as_str()));
            lines.push(format!("{role}{name}"));
            body = rest;
        }
        return Some((lines, body));
    }
    let c = AUTHORED_TITLE.captures(text)?;
    let after = &text[c.get(0).map_or(0, |m| m.end())..];
    let (name, body) = cut_name(after)?;
    Some((vec![c[1].trim().to_string(), name.to_string()], body))
}

/// A speaker's name at the start of `text`, run into what follows it: two to four Han
/// characters before anything that is not Han (a space, a digit, a mark), else three or
/// two before one of the [`OPENINGS`]. `None` when nothing says where the name ends.
pub fn cut_name(text: &str) -> Option<(&str, &str)> {
    let ends: Vec<usize> = text
        .char_indices()
        .take_while(|(_, c)| is_cjk(*c))
        .take(5)
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    if (2..=4).contains(&ends.len()) {
        let end = ends[ends.len() - 1];
        return is_personal_name(&text[..end]).then(|| (&text[..end], text[end..].trim_start()));
    }
    if ends.len() < 5 {
        return None;
    }
    [3, 2].into_iter().find_map(|n| {
        let (name, rest) = text.split_at(ends[n - 1]);
        (is_personal_name(name) && OPENINGS.iter().any(|o| rest.starts_with(o)))
            .then_some((name, rest))
    })
}

/// Running text as paragraphs: at ideographic spaces, where the page's paragraphs began.
/// A paragraph is never cut at its sentences: it is one line of the page, and a string
/// inside it is found whole (passages cut only paragraphs past their longest).
fn paragraphs(text: &str) -> Vec<String> {
    text.split("　　")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real pages, cut (their sources in `tests/fixtures/headers/SOURCES.md`).
    const DATELINE_PAGE: &str =
        include_str!("../../tests/fixtures/headers/speech_flattened_dateline.txt");
    const RUN_IN_NAME: &str =
        include_str!("../../tests/fixtures/headers/speech_flattened_run_in_name.txt");
    const AUTHORED: &str = include_str!("../../tests/fixtures/headers/article_authored_title.txt");

    #[test]
    fn a_flattened_page_is_split_into_header_lines_and_paragraphs() {
        let split = unflatten(DATELINE_PAGE);
        let lines: Vec<&str> = split.lines().collect();
        assert_eq!(
            &lines[..5],
            &[
                "新华社北京11月19日电",
                "构建新发展格局　实现互利共赢",
                "——在亚太经合组织工商领导人对话会上的主旨演讲",
                "（2020年11月19日，北京）",
                "中华人民共和国主席习近平"
            ]
        );
        assert!(lines[6].starts_with("各位工商界朋友"), "{lines:?}");
        // No character of the text is lost but the spaces between pieces.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&split), squeeze(DATELINE_PAGE));
    }

    #[test]
    fn a_name_run_into_the_text_is_cut_where_the_text_opens() {
        let split = unflatten(RUN_IN_NAME);
        let lines: Vec<&str> = split.lines().collect();
        assert_eq!(lines[1], "（2020年1月8日）");
        assert_eq!(lines[2], "习近平");
        assert!(lines[4].starts_with("同志们："), "{lines:?}");
        let split = unflatten(AUTHORED);
        let lines: Vec<&str> = split.lines().collect();
        assert_eq!(lines[1], "习近平");
        assert!(lines[3].starts_with("一当前"), "{lines:?}");
    }

    #[test]
    fn a_name_is_cut_only_before_an_opening() {
        assert_eq!(cut_name("习近平同志们："), Some(("习近平", "同志们：")));
        assert_eq!(cut_name("李强各位代表"), Some(("李强", "各位代表")));
        assert_eq!(cut_name("习近平　　武汉"), Some(("习近平", "武汉")));
        // Nothing says where a name would end, or it would not open with a surname.
        assert_eq!(cut_name("构建新发展格局"), None);
        assert_eq!(cut_name("同志们今天"), None);
    }

    #[test]
    fn other_texts_are_left_as_they_are() {
        for text in [
            "各位代表：\n现在，我代表国务院。",
            "新华社北京3月8日电 短讯。\n正文",
        ] {
            assert!(matches!(unflatten(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
