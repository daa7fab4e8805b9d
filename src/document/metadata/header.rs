//! The header: the first lines of a document, read into its metadata.

use super::Metadata;
use super::issuer::{SUPREME_BODIES, report_place};
use super::line::{HeaderLine, classify, is_body_name, is_header_like};
use super::patterns::*;
use crate::document::date::date_from;

/// Reads a header from the first cleaned lines of a document. Returns the metadata and
/// how many lines the header used (they are metadata, not passages).
pub fn read_header(lines: &[String]) -> (Metadata, usize) {
    read_header_under(None, lines)
}

/// [`read_header`] of the lines under a title already known (a Markdown `# title`): the
/// title is the document's, whatever the lines say, and what depends on the title (the
/// place of a report or of a city's regulation) is read from it.
pub fn read_header_under(title: Option<String>, lines: &[String]) -> (Metadata, usize) {
    let mut meta = Metadata::default();
    // Sixteen lines of header at most, not counting a web page's furniture.
    let (mut end, mut counted) = (0, 0);
    while end < lines.len()
        && counted < 16
        && end < 64
        && is_header_like(&lines[end])
        // A table of contents follows a cover: the header ends there.
        && lines[end] != "目录"
    {
        if !FURNITURE.is_match(&lines[end]) {
            counted += 1;
        }
        end += 1;
    }
    let mut kinds: Vec<HeaderLine> = lines[..end].iter().map(|l| classify(l)).collect();
    // The text starts mid-sentence (`。会议充分肯定…`): the short lines just above are that
    // sentence's beginning (`…听取和审议了国务院总理李克强所作的` / `政府工作报告`), text
    // and not header.
    if lines
        .get(end)
        .is_some_and(|l| l.starts_with(['。', '，', '、', '；', '！', '？']))
    {
        while kinds.last() == Some(&HeaderLine::Other) {
            kinds.pop();
            end -= 1;
        }
    }
    // A promulgation line broken in two (`2016年1月22` / `日山东省…批准`, `2017年7月28日
    // 山东省` / `第十二届…修改…`): read as one line.
    for i in 0..end.saturating_sub(1) {
        if matches!(kinds[i], HeaderLine::Other | HeaderLine::PublishDate(_))
            && matches!(kinds[i + 1], HeaderLine::Other | HeaderLine::Body)
            && BROKEN_DATE_LINE.is_match(&lines[i])
        {
            // `1984年1月7日 国务院` / `中央军委发布`: two issuers, kept apart.
            let after_date = ANY_DATE.replace(&lines[i], "");
            let separator = if is_body_name(after_date.trim()) {
                "、"
            } else {
                ""
            };
            let joined = classify(&format!("{}{separator}{}", lines[i], lines[i + 1]));
            if matches!(joined, HeaderLine::Promulgation { .. }) {
                kinds[i] = joined;
                kinds[i + 1] = HeaderLine::Furniture;
            }
        }
    }
    // What furniture says of the next line: after `>` a breadcrumb item (`宁夏要闻`, and
    // the same item again below), after a bare `来源：` the source (`四川日报`).
    let mut crumbs: Vec<&str> = Vec::new();
    for i in 0..end {
        let line = lines[i].as_str();
        let after = i.checked_sub(1).map(|p| lines[p].as_str());
        let crumb = matches!(after, Some(">" | "›" | "»"));
        let source = matches!(after, Some("来源：" | "来源:" | "信息来源：" | "信息来源:"));
        if matches!(kinds[i], HeaderLine::Other | HeaderLine::Body)
            && (crumb || source || crumbs.contains(&line))
        {
            kinds[i] = HeaderLine::Furniture;
            if crumb {
                crumbs.push(line);
            }
        }
    }
    // A role alone on a line, the name alone on the next: one role line.
    for i in 0..end.saturating_sub(1) {
        let (role, name) = (squeeze(&lines[i]), squeeze(&lines[i + 1]));
        if BARE_ROLE.is_match(&role)
            && PERSONAL_NAME.is_match(&name)
            && let HeaderLine::Role { speaker, body } = classify(&format!("{role}{name}"))
        {
            kinds[i] = HeaderLine::Role { speaker, body };
            kinds[i + 1] = HeaderLine::Furniture;
        }
    }
    let mut title_parts: Vec<&str> = Vec::new();
    // Bodies of the promulgation lines, in order.
    let mut enacting: Vec<String> = Vec::new();
    // Past the title: an occasion or a speaker came after it.
    let mut below_title = false;
    let mut role_without_body = false;
    let mut dated_by_promulgation = false;
    let mut body_by_council = false;
    let mut i = 0;
    while i < end {
        let line = lines[i].as_str();
        match &kinds[i] {
            HeaderLine::Issue => meta.issue = Some(line.to_string()),
            HeaderLine::PublishDate(d) => meta.publish_date = Some(*d),
            HeaderLine::SpeechDate(d) => meta.date = Some(*d),
            HeaderLine::SpeechTitle { speaker } => {
                meta.speaker = Some(speaker.clone());
                meta.title = Some(line.to_string());
            }
            // A name repeated above the text (`中华人民共和国全国人民代表大会` over
            // `常务委员会议事规则`, the title again) does not undo the enacting body.
            HeaderLine::Body if !enacting.is_empty() => {}
            HeaderLine::Body => {
                let name = line
                    .strip_suffix("文件")
                    .filter(|n| is_body_name(n))
                    .unwrap_or(line);
                // `最高人民法院  最高人民检察院` above the text: the spaces went with cleaning.
                meta.body = Some(match name {
                    "最高人民法院最高人民检察院" | "最高人民检察院最高人民法院" => {
                        SUPREME_BODIES.to_string()
                    }
                    _ => name.to_string(),
                });
            }
            HeaderLine::Role { speaker, body } => {
                meta.speaker = Some(speaker.clone());
                if meta.body.is_none() {
                    meta.body = body.clone();
                }
                role_without_body |= body.is_none();
                below_title |= !title_parts.is_empty();
            }
            HeaderLine::Promulgation {
                date,
                body,
                in_force_only,
                approval,
            } => {
                below_title |= !title_parts.is_empty();
                // The body is that of the latest act (a law revised by the standing
                // committee is the committee's), not of a higher body approving a local
                // act — except the State Council approving what a ministry issues: an
                // administrative regulation is the State Council's.
                if let Some(body) = body {
                    let by_council = *approval && body == "国务院";
                    if meta.body.is_none() || by_council || (!approval && !body_by_council) {
                        meta.body = Some(body.clone());
                        body_by_council |= by_council;
                    }
                    enacting.push(body.clone());
                }
                if !in_force_only {
                    // Revisions are listed oldest first, but take the latest anyway.
                    if !dated_by_promulgation
                        || meta.date.is_none_or(|d| date.first_day() > d.first_day())
                    {
                        meta.date = Some(*date);
                    }
                    dated_by_promulgation = true;
                } else if !dated_by_promulgation {
                    meta.date = Some(*date);
                }
            }
            HeaderLine::DocNumber { number, rest } => {
                meta.extra.insert("doc_number".into(), number.clone());
                if let Some(rest) = rest {
                    title_parts.push(rest);
                }
            }
            HeaderLine::Furniture => {}
            HeaderLine::Signed { body, date } => {
                meta.body.get_or_insert_with(|| body.clone());
                meta.date.get_or_insert(*date);
            }
            HeaderLine::Subtitle => {
                let mut subtitle = line
                    .trim_start_matches(['—', '-', '―', '－', ' ', '(', '（'])
                    .trim_end_matches([')', '）'])
                    .to_string();
                // A subtitle broken over lines ends at the line naming the occasion.
                while !subtitle.ends_with(['话', '言', '辞', '告', '上'])
                    && i + 1 < end
                    && kinds[i + 1] == HeaderLine::Other
                {
                    i += 1;
                    subtitle.push_str(&lines[i]);
                }
                // `…会议上 陕西省省长 赵刚`: the speaker on the occasion's line.
                if let Some(at) = subtitle.find("会议上")
                    && let (occasion, rest) = subtitle.split_at(at + "会议上".len())
                    && let HeaderLine::Role { speaker, body } = classify(rest)
                {
                    meta.speaker = Some(speaker);
                    if meta.body.is_none() {
                        meta.body = body.clone();
                    }
                    role_without_body |= body.is_none();
                    subtitle = occasion.to_string();
                }
                if meta.date.is_none() {
                    meta.date = ANY_DATE.captures(&subtitle).and_then(|c| date_from(&c));
                }
                meta.subtitle = Some(subtitle);
                below_title |= !title_parts.is_empty();
            }
            HeaderLine::Other => {
                // The line just before an issue number is the series name.
                if matches!(kinds.get(i + 1), Some(HeaderLine::Issue)) {
                    meta.series = Some(line.to_string());
                } else if below_title {
                    // Under the title and its occasion, a name alone is the speaker's
                    // (`毛伟明` under `——2026年2月3日在湖南省…会议上`); other lines
                    // (`省长赵刚作政府工作报告`, a caption) are not the title's.
                    if meta.speaker.is_none() && PERSONAL_NAME.is_match(line) {
                        meta.speaker = Some(line.to_string());
                        role_without_body = true;
                    }
                } else if !title_parts
                    .iter()
                    .any(|p| squeeze(p).contains(&squeeze(line)))
                {
                    // A title repeated (`# 标题` then `标题`) or a fragment of it again.
                    // The issuer on the line above `关于…` opens the title, as the
                    // document names itself (`重庆市人民政府办公厅关于…的通知`).
                    if line.starts_with("关于")
                        && title_parts.is_empty()
                        && let Some(issuer) = i.checked_sub(1).map(|p| lines[p].as_str())
                        && kinds[i - 1] == HeaderLine::Body
                        && is_body_name(issuer)
                    {
                        title_parts.push(issuer);
                    }
                    title_parts.push(line);
                }
            }
        }
        i += 1;
    }
    if title.is_some() {
        meta.title = title;
    } else if meta.title.is_none() && !title_parts.is_empty() {
        meta.title = Some(join_title(&title_parts));
    }
    // A city's regulation (`青岛市禁止焚烧…规定`) is its own congress's, even where the
    // province's committee that approved it wrote `通过`.
    if let Some(place) = meta.title.as_deref().and_then(|t| TITLE_PLACE.captures(t))
        && meta
            .body
            .as_deref()
            .is_some_and(|b| !b.starts_with(&place[1]))
        && let Some(own) = enacting.iter().rev().find(|b| b.starts_with(&place[1]))
    {
        meta.body = Some(own.clone());
    }
    // `省人民政府省长 王清宪` under `2026年安徽省政府工作报告`: the place is in the title,
    // or in the occasion (`在贵州省第十四届人民代表大会…`).
    let place = report_place(&meta);
    if role_without_body && meta.body.is_none() {
        meta.body = place.as_ref().map(|p| format!("{p}人民政府"));
    }
    // A page titled only `政府工作报告`: the conventional title, from the year of the
    // occasion and its place (`2026年贵州省政府工作报告`).
    if meta.title.as_deref().is_none_or(|t| t == "政府工作报告")
        && let (Some(place), Some(date)) = (&place, meta.date)
        && meta.subtitle.is_some()
    {
        meta.title = Some(format!("{}年{place}政府工作报告", date.year));
    }
    // A lone short line with nothing else around it is not evidence of a header.
    if meta == Metadata::default() {
        return (meta, 0);
    }
    (meta, end)
}

/// A title on several lines, joined. A document's title (`…关于…的通知`, `…行动计划`) is
/// one phrase the layout broke: nothing goes between two Chinese characters. A speech's
/// title in parallel clauses (`明确目标突出重点压实责任` / `推动全市工业高质量发展`)
/// keeps a space between them, as it is printed on one line.
pub(super) fn join_title(parts: &[&str]) -> String {
    let last = parts.last().copied().unwrap_or_default();
    let one_phrase = parts.iter().any(|p| p.contains("关于")) || DOCUMENT_KIND.is_match(last);
    let mut title = String::new();
    for part in parts {
        let (Some(before), Some(after)) = (title.chars().next_back(), part.chars().next()) else {
            title.push_str(part);
            continue;
        };
        if !one_phrase || before.is_ascii_alphanumeric() || after.is_ascii_alphanumeric() {
            title.push(' ');
        }
        title.push_str(part);
    }
    title
}

pub(super) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
