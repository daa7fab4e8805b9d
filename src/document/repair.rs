//! Repair of PDF-extracted text, done once at parse time: the repaired text is what is
//! stored, indexed and highlighted, and every offset refers to it.
//!
//! Line level: zero-width characters go, full-width letters and digits fold to ASCII,
//! whitespace runs shrink to one space, and a space next to a non-ASCII character
//! (`2020 年`, `暨 国资监管`) goes. Paragraph level: a line that does not end a sentence
//! is joined with the next one, across blank lines and page breaks, unless either is a
//! heading (`一、…`, `第二，…`, `（三）…`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::fold_width;

/// Normalises one raw line: drops zero-width and control characters, folds width,
/// collapses whitespace and removes the spaces PDF extraction puts inside Chinese text.
pub fn clean_line(line: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(line.len());
    for c in line.chars() {
        let c = match c {
            c if crate::text::is_invisible(c) => continue,
            '\u{00A0}' | '\t' | '\u{2002}'..='\u{200A}' => ' ',
            c if c.is_control() => continue,
            c => fold_width(c),
        };
        chars.push(c);
    }
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().next_back();
            let after = chars.get(j).copied();
            // Keep one space only between two ASCII characters ("new energy", "2020 2021").
            if let (Some(b), Some(a)) = (before, after)
                && b.is_ascii()
                && a.is_ascii()
            {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十百]+[、.．]|第[一二三四五六七八九十百]+[，、,是：:章节条部分]|[（(][一二三四五六七八九十百]+[)）]|\d{1,2}[、.．](?:[^\d]|$)|[（(]\d{1,2}[)）])",
    )
    .expect("heading pattern")
});

/// True for a line that opens a numbered section (`一、`, `第二，`, `（三）`, `1.`).
pub fn is_heading(line: &str) -> bool {
    HEADING.is_match(line)
}

/// True when `text` ends a sentence (closing quotes and brackets looked through).
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['”', '’', '」', '』', '"', '\'', '）', ')', '》']);
    let closers = text.len() != trimmed.len();
    match trimmed.chars().next_back() {
        Some('。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…') => true,
        // A closing bracket or quote after a complete clause, e.g. `…表示衷心感谢！”`.
        Some(_) if closers => trimmed.ends_with(['。', '！', '？']),
        _ => false,
    }
}

/// A heading line short enough to be a heading and nothing more: it stands alone.
fn is_standalone_heading(line: &str) -> bool {
    is_heading(line) && line.chars().count() <= 60 && !ends_sentence_inside(line)
}

/// True if the line holds a full stop before its end (a heading followed by text).
fn ends_sentence_inside(line: &str) -> bool {
    line.contains('。')
}

/// Joins cleaned lines (blank lines already dropped) into paragraphs.
pub fn join_paragraphs(lines: &[String]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false; // the last paragraph may take the next line
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let starts_new = !open || is_heading(line);
        if starts_new {
            paragraphs.push(line.clone());
        } else if let Some(last) = paragraphs.last_mut() {
            if last.ends_with(|c: char| c.is_ascii_alphanumeric())
                && line.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                last.push(' ');
            }
            last.push_str(line);
        }
        let last = paragraphs.last().map(String::as_str).unwrap_or_default();
        open = !ends_sentence(last) && !is_standalone_heading(last);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_inside_chinese_go_and_width_folds() {
        assert_eq!(
            clean_line("刚刚过去的 2020 年，增幅 44.1%"),
            "刚刚过去的2020年，增幅44.1%"
        );
        assert_eq!(
            clean_line("赵俊民同志 在全市工业和信息化暨 国资监管"),
            "赵俊民同志在全市工业和信息化暨国资监管"
        );
        assert_eq!(
            clean_line("ＧＤＰ２０２０\u{200B}年 new  energy\u{00A0}"),
            "GDP2020年new energy"
        );
    }

    #[test]
    fn broken_sentences_join_and_headings_stay() {
        let lines: Vec<String> = [
            "刚才，启政同志讲了很好的意见。下面，我",
            "再强调四点要求：",
            "一、认清严峻形势，坚定发展信心",
            "抓工业经济工作，很重要的一点就是要看清形",
            "势、把握趋势。",
            "第一，要坚定信心、保持定力。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            join_paragraphs(&lines),
            vec![
                "刚才，启政同志讲了很好的意见。下面，我再强调四点要求：",
                "一、认清严峻形势，坚定发展信心",
                "抓工业经济工作，很重要的一点就是要看清形势、把握趋势。",
                "第一，要坚定信心、保持定力。",
            ]
        );
    }

    #[test]
    fn sentence_ends_look_through_quotes() {
        assert!(ends_sentence("表示衷心感谢！”"));
        assert!(ends_sentence("要求："));
        assert!(!ends_sentence("下面，我"));
        assert!(!ends_sentence("“十三五”"));
    }
}
