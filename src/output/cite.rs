//! Citations of a document or one of its passages, as a researcher pastes them into a
//! paper: GB/T 7714—2015 (the Chinese national standard for references) and plain text,
//! in Chinese or English.
//!
//! GB/T 7714—2015 for an online resource: `主要责任者. 题名: 其他题名信息[文献类型标识/OL].
//! 出版者, 出版日期[引用日期]. 获取和访问路径.` — a report (`政府工作报告`, `党代会报告`) is
//! `[R/OL]` with its issuing body as publisher; anything else (a speech, a law, a notice)
//! is an electronic bulletin, `[EB/OL]`, with its date in parentheses. The responsible
//! party is the speaker, else the issuing body; the other title information is the
//! subtitle. A passage is located by its number (`第12段`) after the title.

use crate::catalog::DocumentRecord;
use crate::document::DocDate;

/// What a citation is made of besides the document.
pub struct CiteTarget<'a> {
    /// The passage cited, with its number and text; the whole document when `None`.
    pub passage: Option<(u64, &'a str)>,
    /// The stable link to the document (and the passage's anchor).
    pub url: &'a str,
    /// The day the reader consulted it (GB/T 7714's 引用日期).
    pub accessed: DocDate,
    /// Chinese (`true`) or English plain text.
    pub chinese: bool,
}

/// The citation in GB/T 7714—2015 form.
pub fn gbt7714(d: &DocumentRecord, target: &CiteTarget<'_>) -> String {
    let title = super::title(d);
    let who = d.meta.speaker.as_deref().or(d.meta.body.as_deref());
    let mut out = String::new();
    if let Some(who) = who {
        out.push_str(who);
        out.push_str(". ");
    }
    out.push_str(title);
    if let Some(sub) = &d.meta.subtitle {
        out.push_str(": ");
        out.push_str(sub);
    }
    let report = d
        .meta
        .doc_type
        .as_deref()
        .is_some_and(|k| k.contains("报告"));
    out.push_str(if report { "[R/OL]. " } else { "[EB/OL]. " });
    let date = d.meta.date.map(|x| x.to_string());
    let publisher = d.meta.body.as_deref().filter(|b| Some(*b) != who);
    match (report, publisher, &date) {
        (true, Some(body), Some(date)) => out.push_str(&format!("{body}, {date}")),
        (true, Some(body), None) => out.push_str(body),
        (_, _, Some(date)) => out.push_str(&format!("({date})")),
        _ => {}
    }
    out.push_str(&format!("[{}]. ", target.accessed));
    out.push_str(target.url);
    out.push('.');
    if let Some((n, _)) = target.passage {
        out.push_str(&format!(" 第{n}段."));
    }
    out
}

/// The citation as plain text: the passage quoted (when one is cited), then speaker,
/// title, date, passage number, link and source file.
pub fn plain(d: &DocumentRecord, target: &CiteTarget<'_>) -> String {
    let title = super::title(d);
    let who = d.meta.speaker.as_deref().or(d.meta.body.as_deref());
    if target.chinese {
        let mut out = String::new();
        if let Some((_, text)) = target.passage {
            out.push_str(&format!("“{}”——", text.trim()));
        }
        if let Some(who) = who {
            out.push_str(who);
        }
        out.push_str(&format!("《{title}》"));
        if let Some(date) = d.meta.date {
            out.push_str(&format!("（{}）", date.chinese()));
        }
        if let Some((n, _)) = target.passage {
            out.push_str(&format!("第{n}段"));
        }
        out.push_str(&format!("，{}（来源文件：{}）", target.url, d.path));
        out
    } else {
        let mut parts: Vec<String> = Vec::new();
        if let Some((_, text)) = target.passage {
            parts.push(format!("\"{}\" —", text.trim()));
        }
        let mut source = String::new();
        if let Some(who) = who {
            source.push_str(&format!("{who}, "));
        }
        source.push_str(title);
        if let Some(date) = d.meta.date {
            source.push_str(&format!(" ({date})"));
        }
        if let Some((n, _)) = target.passage {
            source.push_str(&format!(", ¶{n}"));
        }
        parts.push(format!(
            "{source}, {} (source file: {}).",
            target.url, d.path
        ));
        parts.join(" ")
    }
}

/// Today's date (UTC), for the 引用日期 of a citation.
pub fn today() -> DocDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    DocDate::from_unix_days(days).unwrap_or(DocDate {
        year: 2000,
        month: None,
        day: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_real_date_after_this_code_was_written() {
        let t = today();
        assert!(
            t.year >= 2026 && t.month.is_some() && t.day.is_some(),
            "{t}"
        );
    }
}
