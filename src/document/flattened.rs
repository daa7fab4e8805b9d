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

/// A news agency's or paper's dateline opening a line, its month and day:
/// `新华社北京3月8日电`, `人民网北京5月1日电`. The header rules read it too (furniture alone on
/// a line; the date of news about a speech).
pub static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,8}(?:社|网|报)\p{Han}{2,8}(\d{1,2})月(\d{1,2})日电")
        .expect("dateline pattern")
});
/// The title (with its ——subtitle) and the bracketed date after it.
static DATED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{2,120}?)([（(]\d{4}年\d{1,2}月\d{1,2}日[)）])").expect("dated title pattern")
});
/// A signature after the date: a head of state's or government's role and a name.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:中共中央总书记、)?(?:中华人民共和国主席|国家主席)(?:、中央军委主席)?|国务院总理|\p{Han}{1,12}(?:省长|市长))\s*(\p{Han}{2,4})[\s　]+")
        .expect("signature pattern")
});

/// A first line shorter than this is a header line, not a flattened page.
const FLATTENED_CHARS: usize = 120;

/// The text with a flattened first line split into header lines and paragraphs; the
/// text itself when its first line is no flattened news page.
pub fn unflatten(text: &str) -> Cow<'_, str> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let line = first.trim();
    let Some(dateline) = DATELINE.find(line) else {
        return Cow::Borrowed(text);
    };
    if line.chars().count() < FLATTENED_CHARS {
        return Cow::Borrowed(text);
    }
    let mut lines: Vec<String> = vec![dateline.as_str().to_string()];
    let mut body = line[dateline.end()..].trim_start();
    if let Some(c) = DATED_TITLE.captures(body) {
        let title = c[1].trim();
        match title.split_once("——") {
            Some((main, sub)) => {
                lines.extend([main.trim().to_string(), format!("——{}", sub.trim())])
            }
            None => lines.push(title.to_string()),
        }
        lines.push(c[2].to_string());
        body = &body[c.get(0).map_or(0, |m| m.end())..];
        if let Some(s) = SIGNATURE.captures(body) {
            lines.push(format!("{}{}", &s[1], &s[2]));
            body = &body[s.get(0).map_or(0, |m| m.end())..];
        }
    }
    lines.push(String::new());
    lines.extend(paragraphs(body));
    let mut out = lines.join("\n");
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    Cow::Owned(out)
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

    #[test]
    fn a_flattened_page_is_split_into_header_lines_and_paragraphs() {
        let speech = "各位嘉宾，女士们，先生们：很高兴同大家见面。".repeat(12);
        let text = format!(
            "新华社北京3月8日电 携手共建绿色家园——在某国际论坛开幕式上的主旨讲话（2023年3月8日）\
             中华人民共和国主席 习近平 3月8日上午，国家主席习近平出席论坛开幕式。　　{speech}"
        );
        let split = unflatten(&text);
        let lines: Vec<&str> = split.lines().collect();
        assert_eq!(
            &lines[..5],
            &[
                "新华社北京3月8日电",
                "携手共建绿色家园",
                "——在某国际论坛开幕式上的主旨讲话",
                "（2023年3月8日）",
                "中华人民共和国主席习近平"
            ]
        );
        assert!(lines[6].starts_with("3月8日上午"));
        // The speech's paragraph stays one line: no sentence of it is cut from the next.
        assert_eq!(lines[7], speech);
        // No character of the text is lost but the spaces between pieces.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&split), squeeze(&text));
    }

    #[test]
    fn a_signature_of_three_roles_is_split_off() {
        let text = format!(
            "新华社北京6月24日电 在全国科技大会上的讲话（2024年6月24日）\
             中共中央总书记、国家主席、中央军委主席 习近平 同志们，朋友们：{}",
            "今天，我们召开全国科技大会。".repeat(10)
        );
        let split = unflatten(&text);
        let lines: Vec<&str> = split.lines().collect();
        assert_eq!(lines[3], "中共中央总书记、国家主席、中央军委主席习近平");
        assert!(lines[5].starts_with("同志们"), "{lines:?}");
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
