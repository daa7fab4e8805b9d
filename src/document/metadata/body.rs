//! Cues in the body text that fill gaps the header left: the issuer of a work report
//! (`我代表国务院，向大会…`), a congress's resolution, a signature or printing record at
//! the foot, the date a notice takes effect.

use super::Metadata;
use super::header::squeeze;
use super::issuer::{SUPREME_BODIES, is_generic_government, report_place, title_issuer};
use super::line::is_body_name;
use super::patterns::*;
use crate::document::date::{DocDate, date_from, parse_cn_date};
use crate::document::flattened::DATELINE;

/// Fills gaps from cues in the body text: `我代表国务院，向大会…` (or `受国务院委托`,
/// `我代表中华人民共和国国务院向第一届全国人民代表大会…`) names the issuing body of a
/// work report; a congress's resolution on the report, whose text starts by naming the
/// session, is the congress's and carries its conventional title (`…会议关于政府工作报告
/// 的决议`) rather than its first sentence; a signature at the end (an organisation line,
/// then a date line, as policy notices close) gives body and date.
pub fn read_body_cues(meta: &mut Metadata, lines: &[String], record: &[String]) {
    // The header reader may have taken the opening sentence for a title.
    let opening: String = meta
        .title
        .iter()
        .chain(lines.iter().take(3))
        .map(|l| squeeze(l))
        .collect();
    if let Some(c) = RESOLUTION.captures(&opening) {
        meta.title = Some(format!("{}关于政府工作报告的决议", &c[1]));
        meta.body
            .get_or_insert_with(|| "全国人民代表大会".to_string());
    } else if meta.body.is_none()
        && let Some(c) = lines.iter().take(6).find_map(|l| ON_BEHALF.captures(l))
    {
        let body = c[1].trim_start_matches("中华人民共和国");
        meta.body = if is_generic_government(body) {
            // `我代表自治区人民政府` under `2026年内蒙古自治区政府工作报告`.
            report_place(meta).map(|p| format!("{p}人民政府"))
        } else {
            Some(body.to_string())
        };
    }
    let issuer = meta.title.as_deref().and_then(title_issuer);
    // A title naming both supreme bodies outranks a header naming the one whose meeting
    // adopted it last.
    if meta.body.is_none()
        || (issuer.as_deref() == Some(SUPREME_BODIES)
            && meta
                .body
                .as_deref()
                .is_some_and(|b| SUPREME_BODIES.contains(b)))
    {
        meta.body = issuer.or(meta.body.take());
    }
    if meta.date.is_some() {
        return;
    }
    // The signature closes the notice: at the end of the text, or, when a plan or rules
    // are attached below the notice (`现将《…方案》印发给你们` … `2020年6月11日` …
    // `（此件主动公开）` … the plan), the first line that is only a date.
    let date_at = |i: usize| {
        let line = lines[i].trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
        BARE_DATE
            .captures(line)
            .and_then(|c| date_from(&c))
            .or_else(|| parse_cn_date(line))
    };
    let tail_start = lines.len().saturating_sub(6);
    let signature = (tail_start..lines.len())
        .rev()
        .chain(0..tail_start)
        .find_map(|i| date_at(i).map(|d| (i, d)));
    if let Some((i, d)) = signature {
        meta.date = Some(d);
        if meta.body.is_none()
            && let Some(prev) = i.checked_sub(1).map(|p| lines[p].as_str())
            && is_body_name(prev)
        {
            meta.body = Some(prev.to_string());
        }
        return;
    }
    // No signature: the printing record at the foot (`广州市人民政府办公厅秘书处2015年5月
    // 27日印发`), then the date it takes effect (`本办法自2020年8月1日起施行`).
    meta.date = lines[tail_start..]
        .iter()
        .chain(record)
        .rev()
        .find_map(|l| PRINTED.captures(l).and_then(|c| date_from(&c)))
        .or_else(|| {
            lines
                .iter()
                .find_map(|l| IN_EFFECT.captures(l).and_then(|c| date_from(&c)))
        });
}

/// Words before `在` that are no person (`我们在…上强调`).
const NOT_SPEAKERS: &[&str] = &[
    "我们", "大家", "会议", "会上", "他们", "我市", "我省", "全市", "全省",
];

/// News about a speech: its first paragraph opens with a dateline (`新华社北京3月5日电`)
/// and its title says who spoke (`李强在…时强调 …`): that is the speaker, and the date is
/// the dateline's month and day in the year of the file name, or else the first year the
/// opening paragraphs write. A dateline alone gives no year: without one, no date.
pub fn read_news_cues(meta: &mut Metadata, lines: &[String], path: &str) {
    let Some(c) = lines.first().and_then(|l| DATELINE.captures(l)) else {
        return;
    };
    if meta.speaker.is_none()
        && let Some(s) = meta.title.as_deref().and_then(|t| NEWS_SPEECH.captures(t))
        && !NOT_SPEAKERS.contains(&&s[1])
    {
        meta.speaker = Some(s[1].to_string());
    }
    if meta.date.is_some() {
        return;
    }
    let year = super::date_from_file_name(path)
        .map(|d| d.year)
        .or_else(|| {
            lines
                .iter()
                .take(3)
                .find_map(|l| TEXT_YEAR.captures(l).and_then(|y| y[1].parse().ok()))
        });
    let (month, day) = (c[1].parse().ok(), c[2].parse().ok());
    meta.date = year.and_then(|y| DocDate::new(y, month, day));
    if meta.date.is_some() {
        meta.sources
            .insert("date".into(), super::MetadataSource::Dateline);
    }
}
