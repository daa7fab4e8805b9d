//! Cues in the body text that fill gaps the header left: the issuer of a work report
//! (`我代表国务院，向大会…`), a congress's resolution, a signature or printing record at
//! the foot, the date a notice takes effect.

use super::header::squeeze;
use super::issuer::{SUPREME_BODIES, is_generic_government, report_place, title_issuer};
use super::line::{HeaderLine, classify, is_body_name};
use super::patterns::*;
use super::{Metadata, MetadataSource};
use crate::document::date::{DocDate, date_from, parse_cn_date};
use crate::document::flattened::DATELINE;
use crate::document::person::is_personal_name;

/// Fills gaps from cues in the body text: `我代表国务院，向大会…` (or `受国务院委托`,
/// `我代表中华人民共和国国务院向第一届全国人民代表大会…`) names the issuing body of a
/// work report; a congress's resolution on the report, whose text starts by naming the
/// session, is the congress's and carries its conventional title (`…会议关于政府工作报告
/// 的决议`) rather than its first sentence; the closing lines give the speaker
/// (`国务院总理 李强`) and, as policy notices close, body and date; a news headline or lead
/// names who spoke (`习近平在…上强调`), a letter's signature who wrote it and when. Each
/// value found records its source: [`MetadataSource::Text`] or [`MetadataSource::Signature`].
pub fn read_body_cues(meta: &mut Metadata, lines: &[String], record: &[String]) {
    report_issuer(meta, lines);
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
    signed_speaker(meta, lines);
    lead_speaker(meta, lines);
    signed_letter(meta, lines);
    if meta.date.is_none() {
        closing_date(meta, lines, record);
    }
}

/// Records where a value just set came from.
fn found(meta: &mut Metadata, field: &str, source: MetadataSource) {
    meta.sources.insert(field.into(), source);
}

/// The body of a work report named by its text, and a congress's resolution on it.
fn report_issuer(meta: &mut Metadata, lines: &[String]) {
    // The header reader may have taken the opening sentence for a title.
    let opening: String = meta
        .title
        .iter()
        .chain(lines.iter().take(3))
        .map(|l| squeeze(l))
        .collect();
    if let Some(c) = RESOLUTION.captures(&opening) {
        meta.title = Some(format!("{}关于政府工作报告的决议", &c[1]));
        if meta.body.is_none() {
            meta.body = Some("全国人民代表大会".to_string());
            found(meta, "body", MetadataSource::Text);
        }
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
        if meta.body.is_some() {
            found(meta, "body", MetadataSource::Text);
        }
    }
}

/// Words of a title naming a text someone spoke or signed in person.
const SPOKEN_TITLE: &[&str] = &[
    "讲话", "致辞", "发言", "演讲", "贺信", "贺电", "的信", "书面", "报告",
];

/// A speech or letter signed at its end by a role and a name (`国务院总理 李强`,
/// `省长 王清宪`, maybe over the date): the speaker, and the body the role implies.
fn signed_speaker(meta: &mut Metadata, lines: &[String]) {
    // An order or a notice signed by a governor has a signatory, not a speaker.
    let spoken = meta
        .title
        .as_deref()
        .is_some_and(|t| SPOKEN_TITLE.iter().any(|w| t.contains(w)));
    if meta.speaker.is_some() || !spoken {
        return;
    }
    let tail = &lines[lines.len().saturating_sub(2)..];
    let Some((speaker, body)) = tail.iter().find_map(|l| match classify(l) {
        HeaderLine::Role { speaker, body } => Some((speaker, body)),
        _ => None,
    }) else {
        return;
    };
    meta.speaker = Some(speaker);
    found(meta, "speaker", MetadataSource::Signature);
    if meta.body.is_none() && body.is_some() {
        meta.body = body;
        found(meta, "body", MetadataSource::Signature);
    }
}

/// Lines of a news lead looked at for who spoke.
const LEAD_LINES: usize = 4;

/// News about a speech, a letter or instructions, without a header naming the speaker:
/// the title says who spoke (`习近平在全国宣传思想工作会议上强调`), or the lead names a
/// leader by role and name in a sentence saying they spoke or wrote
/// (`…国家主席习近平在北京人民大会堂出席…并发表主旨讲话`).
fn lead_speaker(meta: &mut Metadata, lines: &[String]) {
    if meta.speaker.is_some() || is_official_title(meta) {
        return;
    }
    let from_title = meta.title.as_deref().and_then(|t| {
        NEWS_SPEECH
            .captures(t)
            .or_else(|| NEWS_ROLE_TITLE.captures(t))
            .or_else(|| NEWS_SUBJECT.captures(t))
            .map(|c| c[1].to_string())
            .filter(|s| !NOT_SPEAKERS.contains(&s.as_str()) && is_personal_name(s))
    });
    // The leader the lead names speaks in that sentence, or a sentence below opens
    // with what they said (`习近平指出，…`, `…誓词。习近平发表重要讲话强调，…`).
    let said_below = |name: &str| {
        lines.iter().take(LEAD_LINES * 2).any(|l| {
            l.split(['。', '；']).any(|sentence| {
                sentence
                    .trim_start_matches([' ', '　'])
                    .strip_prefix(name)
                    .is_some_and(|rest| {
                        ["指出", "强调", "表示", "说", "在讲话中", "发表"]
                            .iter()
                            .any(|w| rest.starts_with(w))
                    })
            })
        })
    };
    let from_lead = || {
        lines.iter().take(LEAD_LINES).find_map(|line| {
            line.split(['。', '；']).find_map(|sentence| {
                let c = LEAD_ROLE_NAME.captures(sentence)?;
                let after = &sentence[c.get(1).map_or(0, |m| m.end())..];
                (is_personal_name(&c[1]) && (SPOKE.is_match(after) || said_below(&c[1])))
                    .then(|| c[1].to_string())
            })
        })
    };
    if let Some(speaker) = from_title.or_else(from_lead) {
        meta.speaker = Some(speaker);
        found(meta, "speaker", MetadataSource::Text);
    }
}

/// A letter signed at its end by its writer's name over the date, the two run into the
/// page's appended news (`…作出新的更大贡献。习近平2020年6月7日（新华社北京6月7日电）`), or on
/// lines of their own (`习近平` / `2020年1月18日`): the speaker, and the letter's date.
fn signed_letter(meta: &mut Metadata, lines: &[String]) {
    if is_official_title(meta) {
        return;
    }
    let on_lines = lines.windows(2).find_map(|w| {
        let name = w[0].trim_start_matches("中华人民共和国主席");
        let date = BARE_DATE
            .captures(w[1].trim())
            .and_then(|c| date_from(&c))?;
        is_personal_name(name).then(|| (squeeze(name), date))
    });
    let run_in = || {
        lines.iter().find_map(|l| {
            SIGNED_LETTER.captures_iter(l).find_map(|c| {
                let name = c[1].trim_start_matches("中华人民共和国主席");
                let date = date_from_parts(&c)?;
                is_personal_name(name).then(|| (name.to_string(), date))
            })
        })
    };
    let Some((speaker, date)) = on_lines.or_else(run_in) else {
        return;
    };
    if meta.speaker.is_none() {
        meta.speaker = Some(speaker.clone());
        found(meta, "speaker", MetadataSource::Signature);
    }
    if meta.speaker.as_deref() == Some(speaker.as_str()) {
        // The letter's own date, not the day the agency sent the news of it.
        let dated_by_dateline = meta.sources.get("date") == Some(&MetadataSource::Dateline);
        if meta.date.is_none() || dated_by_dateline {
            meta.date = Some(date);
            found(meta, "date", MetadataSource::Signature);
        }
    }
}

/// Whether the document's title is an official document's (see [`is_document_title`]).
fn is_official_title(meta: &Metadata) -> bool {
    meta.title.as_deref().is_some_and(is_document_title)
}

/// The date of a match whose groups 2, 3 and 4 are year, month and day.
fn date_from_parts(c: &regex::Captures<'_>) -> Option<DocDate> {
    DocDate::new(c[2].parse().ok()?, c[3].parse().ok(), c[4].parse().ok())
}

/// The date (and body) of the closing lines, else the date the text takes effect.
fn closing_date(meta: &mut Metadata, lines: &[String], record: &[String]) {
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
        found(meta, "date", MetadataSource::Signature);
        if meta.body.is_none()
            && let Some(prev) = i.checked_sub(1).map(|p| lines[p].as_str())
            && is_body_name(prev)
        {
            meta.body = Some(prev.to_string());
            found(meta, "body", MetadataSource::Signature);
        }
        return;
    }
    // No signature: the printing record at the foot (`广州市人民政府办公厅秘书处2015年5月
    // 27日印发`), then the date it takes effect (`本办法自2020年8月1日起施行`).
    let printed = lines[tail_start..]
        .iter()
        .chain(record)
        .rev()
        .find_map(|l| PRINTED.captures(l).and_then(|c| date_from(&c)));
    let (date, source) = match printed {
        Some(d) => (Some(d), MetadataSource::Signature),
        None => (
            lines
                .iter()
                .find_map(|l| IN_EFFECT.captures(l).and_then(|c| date_from(&c))),
            MetadataSource::Text,
        ),
    };
    meta.date = date;
    if date.is_some() {
        found(meta, "date", source);
    }
}

/// Words before `在` that are no person (`我们在…上强调`).
const NOT_SPEAKERS: &[&str] = &[
    "我们", "大家", "会议", "会上", "他们", "我市", "我省", "全市", "全省",
];

/// News about a speech: its first paragraph opens with a dateline (`新华社北京3月5日电`)
/// and its title says who spoke (`李强在…时强调 …`, `国家主席习近平发表…贺词`): that is
/// the speaker, and the date is the dateline's month and day in the year of the page's
/// publication date, the file name, or else the first year the opening paragraphs
/// write. A dateline alone gives no year: without one, no date.
pub fn read_news_cues(meta: &mut Metadata, lines: &[String], path: &str) {
    let Some(c) = lines.first().and_then(|l| DATELINE.captures(l)) else {
        return;
    };
    if meta.speaker.is_none()
        && let Some(s) = meta.title.as_deref().and_then(|t| {
            NEWS_SPEECH
                .captures(t)
                .or_else(|| NEWS_ROLE_TITLE.captures(t))
        })
        && !NOT_SPEAKERS.contains(&&s[1])
    {
        meta.speaker = Some(s[1].to_string());
    }
    if meta.date.is_some() {
        return;
    }
    let (month, day): (Option<u8>, Option<u8>) = (c[1].parse().ok(), c[2].parse().ok());
    // The page's publication date, the same day or soon after (a dateline of 12月31日
    // published 1月2日 is of the year before); else the file name's year, else the text's.
    let published = meta.publish_date.map(|p| {
        let later = match (p.month, p.day) {
            (Some(_), Some(_)) => (month, day) > (p.month, p.day),
            (Some(published), None) => month > Some(published),
            _ => false,
        };
        p.year - u16::from(later)
    });
    let year = published
        .or_else(|| super::date_from_file_name(path).map(|d| d.year))
        .or_else(|| {
            lines
                .iter()
                .take(3)
                .find_map(|l| TEXT_YEAR.captures(l).and_then(|y| y[1].parse().ok()))
        });
    meta.date = year.and_then(|y| DocDate::new(y, month, day));
    if meta.date.is_some() {
        found(meta, "date", MetadataSource::Dateline);
    }
}
