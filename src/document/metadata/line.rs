//! One header line on its own: whether it may belong to a header at all, and what it
//! says ([`classify`] → [`HeaderLine`]).

use super::issuer::{is_generic_government, issuing_body};
use super::patterns::*;
use crate::document::date::{DocDate, Precision, date_from, parse_cn_date};
use crate::document::flattened::DATELINE;
use crate::document::person::is_personal_name;
use crate::document::repair::{ends_sentence, is_heading};

/// True for a short line naming an organisation (`汉阴县人民政府`, `安康高新集团`).
pub fn is_body_name(line: &str) -> bool {
    // `天津市人民政府印发关于落实国务院` ends like a name but is a title's first line.
    // `…高质量发展的区域经济布局` ends like a bureau (局) but is a title: a body's name
    // has no 的.
    BODY_NAME.is_match(line)
        && !line.contains('的')
        && !["关于", "印发", "转发", "批转"]
            .iter()
            .any(|v| line.contains(v))
}

/// An editor's note quoted under a collected work's title (`> 这是作者在…的报告。`):
/// part of the header's extent, but text to search, not metadata.
pub fn is_editors_note(line: &str) -> bool {
    line.len() > 1 && line.starts_with(['>', '＞'])
}

/// True for a line that may belong to a header: short, no sentence inside, not a
/// numbered section.
pub(super) fn is_header_like(line: &str) -> bool {
    let count = line.chars().count();
    // A section's number alone on its line (`一` under a book's name) opens the text.
    if count <= 3 && line.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return false;
    }
    match classify(line) {
        HeaderLine::Other | HeaderLine::Subtitle => {}
        // A law's revision history can run to hundreds of characters on one line.
        HeaderLine::Promulgation { .. } => return true,
        _ if count <= 160 => return true,
        _ => {}
    }
    // A line ending in a comma, or long with commas inside, is running text.
    count <= 60
        && !line.contains(['。', '！', '？'])
        && !line.ends_with(['，', '、', ','])
        && (count <= 20 || !line.contains('，'))
        && !ends_sentence(line)
        && !is_heading(line)
}

/// What a header line says.
#[derive(Debug, PartialEq)]
pub(super) enum HeaderLine {
    Issue,
    PublishDate(DocDate),
    SpeechDate(DocDate),
    SpeechTitle {
        speaker: String,
    },
    Subtitle,
    Body,
    /// `上海市市长 龚 正`, `国务院总理李克强`: a speaker and the body the role implies.
    Role {
        speaker: String,
        body: Option<String>,
    },
    /// `2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过`.
    Promulgation {
        /// The latest act the line records.
        date: DocDate,
        /// The first act the line records, and whether a later one revised it.
        first: DocDate,
        revision: bool,
        body: Option<String>,
        in_force_only: bool,
        approval: bool,
    },
    /// A document number (`渝府发〔2017〕45号`), possibly followed by the title.
    DocNumber {
        number: String,
        rest: Option<String>,
    },
    /// Web-page furniture and source lines: 下载, 打印, 【字号…, 来源：…, 浏览次数….
    Furniture,
    /// A cover's author and date on one line: `桂林市发展和改革委员会2020年6月`.
    Signed {
        body: String,
        date: DocDate,
    },
    /// An occasion line naming who spoke there and when (`——2025年1月14日自治区人民政府
    /// 主席王莉霞在…第三次会议上的讲话`): the occasion, as a subtitle, says the place.
    SpokenAt {
        speaker: String,
        date: Option<DocDate>,
        occasion: String,
    },
    Other,
}

pub(super) fn classify(line: &str) -> HeaderLine {
    // Before furniture: `来源：江西省人民政府2025年1月17日在…上省长叶建春作政府工作报告。`.
    if let Some(kind) = spoken_at(line) {
        return kind;
    }
    if let Some(kind) = page_furniture(line) {
        return kind;
    }
    if let Some(c) = DOC_NUMBER.captures(line) {
        let rest = c
            .get(2)
            .map(|m| m.as_str().trim().to_string())
            .filter(|r| !r.is_empty());
        return HeaderLine::DocNumber {
            number: c[1].to_string(),
            rest,
        };
    }
    if let Some(kind) = act_record(line) {
        return kind;
    }
    if let Some(c) = ROLE.captures(line) {
        return role(&c);
    }
    // `中华人民共和国主席　习近平`, `上海市市长 龚 正`: a space between role and name.
    if line.contains(char::is_whitespace) && line.chars().count() <= 40 {
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(c) = ROLE.captures(&squeezed) {
            return role(&c);
        }
    }
    if let Some(c) = RED_HEAD.captures(line)
        && is_body_name(&c[1])
    {
        return HeaderLine::Body;
    }
    if let Some(c) = SIGNED.captures(line)
        && is_body_name(&c[1])
        && let Some(date) = ANY_DATE.captures(&c[2]).and_then(|d| date_from(&d))
    {
        return HeaderLine::Signed {
            body: c[1].to_string(),
            date,
        };
    }
    if ISSUE.is_match(line) {
        HeaderLine::Issue
    } else if let Some(d) = BARE_DATE.captures(line).and_then(|c| date_from(&c)) {
        HeaderLine::PublishDate(d)
    } else if let Some(d) = PAREN_DATE.captures(line).and_then(|c| date_from(&c)) {
        HeaderLine::SpeechDate(d)
    } else if let Some(c) = SPEECH_TITLE.captures(line)
        && !is_body_name(&c[1])
    {
        HeaderLine::SpeechTitle {
            speaker: c[1].to_string(),
        }
    } else if line.starts_with(['—', '-', '―', '－']) || OCCASION.is_match(line) {
        HeaderLine::Subtitle
    } else if is_body_name(line) {
        HeaderLine::Body
    } else if let Some(d) = bracketed_cn_date(line) {
        // `（一九四五年四月二十四日）` under a title, `（一九四九年三月五日在某次全会上的报告）`:
        // the date the text was given, as collected works write it.
        HeaderLine::SpeechDate(d)
    } else if let Some(d) = parse_cn_date(line) {
        HeaderLine::PublishDate(d)
    } else {
        HeaderLine::Other
    }
}

/// A page's furniture: time stamps (the publication date), editors' notes, a dateline
/// alone, download and print links, sources, breadcrumbs.
fn page_furniture(line: &str) -> Option<HeaderLine> {
    if let Some(d) = STAMP.captures(line).and_then(|c| date_from(&c)) {
        return Some(HeaderLine::PublishDate(d));
    }
    // A dateline alone on its line (a flattened news page split back) is furniture; an
    // editor's note is neither the title nor the date of the text.
    let dateline_alone = DATELINE.find(line).is_some_and(|m| m.end() == line.len());
    if is_editors_note(line) || dateline_alone {
        return Some(HeaderLine::Furniture);
    }
    FURNITURE.is_match(line).then(|| {
        match LABELLED_DATE.captures(line).and_then(|c| date_from(&c)) {
            Some(d) => HeaderLine::PublishDate(d),
            None => HeaderLine::Furniture,
        }
    })
}

/// A law's record of acts, in any of the ways its header writes one line of it.
fn act_record(line: &str) -> Option<HeaderLine> {
    // `（2020年5月28日第十三届全国人民代表大会第三次会议通过）` under a resolution's title.
    if let Some(inner) = line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']))
        && PROMULGATION.is_match(inner)
    {
        return act_record(inner);
    }
    // `…会议批准；2019年2月23日…修改，2019年3月28日…批准）`: acts listed with semicolons.
    if line.contains('；')
        && line
            .split('；')
            .skip(1)
            .all(|act| ANY_DATE.find(act).is_some_and(|m| m.start() == 0))
    {
        return act_record(&line.replace('；', "  "));
    }
    // `2012年12月13日 公安部令第127号修订发布。根据` / `2020年7月20日…修正）`: the record of
    // acts runs on to the next line.
    if let Some(head) = line.strip_suffix("。根据")
        && PROMULGATION.is_match(head)
    {
        return act_record(head);
    }
    let c = PROMULGATION.captures(line)?;
    let date = date_from(&c)?;
    Some(promulgation(line, &c, date))
}

/// The Chinese-numeral date a bracketed line starts with, alone or before the occasion.
fn bracketed_cn_date(line: &str) -> Option<DocDate> {
    let inner = line.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    let end = inner.find('日').map(|i| i + '日'.len_utf8()).or_else(|| {
        // A date to the month only stands alone in its bracket.
        inner.ends_with('月').then_some(inner.len())
    })?;
    parse_cn_date(&inner[..end])
}

/// A promulgation line matched by [`PROMULGATION`], dated `date` by its first act.
fn promulgation(line: &str, c: &regex::Captures<'_>, date: DocDate) -> HeaderLine {
    let body = issuing_body(c[4].trim().trim_end_matches(&c[5]), line);
    // `1997年7月1日 施行根据2001年…第一次修正…` records revisions after coming into force.
    let in_force_only =
        &c[5] == "施行" && !ACTS.iter().any(|act| *act != "施行" && line.contains(act));
    // `…会议通过批准的《宁波市…决定》`: an approval, whatever act word came first.
    let approval = &c[5] == "批准" || line[c.get(5).map_or(0, |m| m.end())..].starts_with("批准");
    // The version is the latest act the line records (`…通过并经2012年5月31日…批准`).
    let latest = ANY_DATE
        .captures_iter(line)
        // `…通过，自2021年1月1日起施行`: coming into force is not an act of the version.
        .filter(|c| {
            let after = &line[c.get(0).map_or(0, |m| m.end())..];
            !["起施行", "施行", "起实施"]
                .iter()
                .any(|w| after.starts_with(w))
        })
        .filter_map(|c| date_from(&c))
        .filter(|d| d.precision() == Precision::Day)
        .fold(date, |latest, d| {
            if d.first_day() > latest.first_day() {
                d
            } else {
                latest
            }
        });
    HeaderLine::Promulgation {
        date: latest,
        first: date,
        revision: REVISIONS.iter().any(|act| line.contains(act)),
        body,
        in_force_only,
        approval,
    }
}

/// A role line matched by [`ROLE`]: the speaker, and the body the role implies.
fn role(c: &regex::Captures<'_>) -> HeaderLine {
    let prefix = c[1].to_string();
    let role = &c[2];
    let government = if prefix.ends_with("人民政府") || prefix.is_empty() {
        prefix
    } else {
        format!("{prefix}人民政府")
    };
    let body = if role.contains("总理") {
        Some("国务院".to_string())
    } else if government.chars().count() >= 6 && !is_generic_government(&government) {
        Some(government)
    } else {
        // `省人民政府省长`, `自治区人民政府主席`: which one, the title says.
        None
    };
    HeaderLine::Role {
        speaker: c[3].to_string(),
        body,
    }
}

/// A line about a congress's session that names who spoke at it, by role and name: the
/// speaker (the acting governor too), the session's date, the occasion.
fn spoken_at(line: &str) -> Option<HeaderLine> {
    if !line.contains("人民代表大会") || line.chars().count() > 160 {
        return None;
    }
    let role_first = || {
        SPOKEN_AT_ROLE_NAME
            .captures(line)
            .map(|c| {
                c[1].chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
            })
            .filter(|n| is_personal_name(n))
    };
    // The name just before the role: three characters if they make a name, else two
    // (`1月15日龚正市长在`: not `日龚正`).
    let name_first = || {
        let at = SPOKEN_AT_NAME_ROLE.find(line)?.start();
        let before: Vec<char> = line[..at].chars().rev().take(3).collect();
        [3, 2].into_iter().find_map(|n| {
            let name: String = before.iter().take(n).rev().collect();
            (name.chars().count() == n && is_personal_name(&name)).then_some(name)
        })
    };
    let name = role_first().or_else(name_first)?;
    let date = ANY_DATE
        .captures(line)
        .and_then(|c| date_from(&c))
        .or_else(|| parse_cn_date(line));
    let occasion = line
        .split_once("来源：")
        .map_or(line, |(_, after)| after)
        .trim_start_matches(['—', '-', '―', '－', ' ', '(', '（'])
        .trim_end_matches([')', '）', '。'])
        .to_string();
    Some(HeaderLine::SpokenAt {
        speaker: name,
        date,
        occasion,
    })
}
