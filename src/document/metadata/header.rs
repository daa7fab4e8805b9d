//! The header: the first lines of a document, read into its metadata, in three steps
//! that one function ([`read_header_under`]) puts in order:
//!
//! 1. the header's extent ([`header_extent`]) and what each line says on its own
//!    ([`classify`]);
//! 2. [`LINE_PASSES`]: named passes that correct what a line says in the light of its
//!    neighbours (a line broken in two, furniture announced by the line above, …);
//! 3. field resolution ([`Fields`]): the classified lines, top to bottom, fill the
//!    metadata; then [`FIELD_PASSES`] settle what depends on several fields.
//!
//! A new header family is a new [`HeaderLine`] kind, a pass, or both.

use super::Metadata;
use super::issuer::{SUPREME_BODIES, report_place};
use super::line::{HeaderLine, classify, is_body_name, is_header_like};
use super::patterns::*;
use crate::document::date::{DocDate, date_from};
use crate::document::flattened::SPEECH_KIND;
use crate::document::person::is_personal_name;

/// Reads a header from the first cleaned lines of a document. Returns the metadata and
/// how many lines the header used (they are metadata, not passages).
pub fn read_header(lines: &[String]) -> (Metadata, usize) {
    read_header_under(None, lines)
}

/// [`read_header`] of the lines under a title already known (a Markdown `# title`): the
/// title is the document's, whatever the lines say, and what depends on the title (the
/// place of a report or of a city's regulation) is read from it.
pub fn read_header_under(title: Option<String>, lines: &[String]) -> (Metadata, usize) {
    read_lines(title, lines, true)
}

/// Reads a header; with `look_below`, a speech's own header under a news lead too. The
/// speech's header is read without looking below it again: its three lines can be the
/// very lines it was found in (a title, a bracketed date, a name), and looking again
/// would find them again, without end.
fn read_lines(title: Option<String>, lines: &[String], look_below: bool) -> (Metadata, usize) {
    let end = header_extent(lines);
    let mut header = Header {
        lines,
        kinds: lines[..end].iter().map(|l| classify(l)).collect(),
        end,
    };
    for (_, pass) in LINE_PASSES {
        pass(&mut header);
    }
    let mut fields = Fields::default();
    let mut i = 0;
    while i < header.end {
        i = fields.read_line(&header, i) + 1;
    }
    let mut meta = fields.finish(title);
    for (_, pass) in FIELD_PASSES {
        pass(&mut meta, &fields.facts);
    }
    if look_below
        && meta.speaker.is_none()
        && let Some(own) = speech_header_below(lines, header.end)
    {
        // The speech's own header under a news lead: its title, date and speaker are
        // the document's (the lead's headline is the page's, not the speech's).
        meta.title = own.title.or(meta.title);
        meta.subtitle = own.subtitle.or(meta.subtitle);
        meta.date = own.date.or(meta.date);
        meta.speaker = own.speaker;
        meta.body = meta.body.or(own.body);
    }
    // A lone short line with nothing else around it is not evidence of a header.
    if meta == Metadata::default() {
        return (meta, 0);
    }
    (meta, header.end)
}

/// Lines looked at for a speech's own header below a news lead.
const SPEECH_HEADER_WITHIN: usize = 24;

/// A speech's own header further down, under a news lead or a page's headline
/// (`12月18日，庆祝改革开放40周年大会…隆重举行。…` / `在庆祝改革开放40周年大会上的讲话` /
/// `（2018年12月18日）` / `习近平` / `同志们，朋友们：`): a bracketed date, the title on the
/// line above (its ——subtitle maybe between), the speaker alone on the line below (with
/// or without a role). Read as a header of its own when all three are there.
fn speech_header_below(lines: &[String], from: usize) -> Option<Metadata> {
    let last = lines.len().min(SPEECH_HEADER_WITHIN);
    (from.max(1)..last.saturating_sub(1)).find_map(|i| {
        // `…的说明` / `习近平` / `受中央政治局委托，…`: no date, the name under the title.
        if is_personal_name(&lines[i])
            && SPEECH_KIND.is_match(&lines[i - 1])
            && lines[i - 1].chars().count() <= 80
        {
            let (own, _) = read_lines(None, &lines[i - 1..=i], false);
            return own.speaker.is_some().then_some(own);
        }
        if !matches!(classify(&lines[i]), HeaderLine::SpeechDate(_)) {
            return None;
        }
        let name = squeeze(&lines[i + 1]);
        let named = is_personal_name(&name) || matches!(classify(&name), HeaderLine::Role { .. });
        let start = if lines[i - 1].starts_with(['—', '-']) && i >= 2 {
            i - 2
        } else {
            i - 1
        };
        let title = &lines[start];
        let titled = title.chars().count() <= 80
            && !title.contains(['。', '！', '？'])
            && !title.ends_with(['：', ':', '，']);
        if !named || !titled {
            return None;
        }
        let (own, _) = read_lines(None, &lines[start..(i + 2).min(lines.len())], false);
        own.speaker.is_some().then_some(own)
    })
}

/// How many of `lines` may be header: sixteen at most, not counting a web page's
/// furniture; a table of contents (`目录`) ends it.
fn header_extent(lines: &[String]) -> usize {
    let (mut end, mut counted) = (0, 0);
    while end < lines.len()
        && counted < 16
        && end < 64
        && is_header_like(&lines[end])
        && lines[end] != "目录"
    {
        if !FURNITURE.is_match(&lines[end]) {
            counted += 1;
        }
        // The rest of a promulgation line broken below it is header, whatever it
        // looks like alone (`第三十一条的决定》第一次修正` is not an article).
        end += 1 + broken_promulgation(lines, end).map_or(0, |(_, rest)| rest);
    }
    end
}

/// Whether a line ends with an act, as a promulgation line does (`…通过`, `…第一次修正）`).
fn ends_with_act(line: &str) -> bool {
    let line = line.trim_end_matches([')', '）', ' ', '　']);
    ACTS.iter().any(|act| line.ends_with(act))
}

/// A promulgation line broken over the lines from `start` on, wherever the breaks fell
/// (`…第十二届` / `…第三十条` / `第三十一条的决定》第一次修正`, `…批准的1994年` / `9月24日…修正`):
/// the first line opens with a date but names no act at its end, the next one or two
/// complete it with an act. Returns the joined line and how many lines it took below the first.
fn broken_promulgation(lines: &[String], start: usize) -> Option<(HeaderLine, usize)> {
    let first = lines.get(start)?;
    if ANY_DATE.find(first).is_none_or(|m| m.start() != 0) || ends_with_act(first) {
        return None;
    }
    let mut joined = first.clone();
    for rest in 1..=2 {
        let line = lines.get(start + rest)?;
        joined.push_str(line);
        if ends_with_act(line) {
            let kind = classify(&joined);
            return matches!(kind, HeaderLine::Promulgation { .. }).then_some((kind, rest));
        }
    }
    None
}

/// The header's lines and what each says.
struct Header<'l> {
    lines: &'l [String],
    kinds: Vec<HeaderLine>,
    /// Lines `..end` are header.
    end: usize,
}

/// A pass over the classified lines.
type LinePass = fn(&mut Header<'_>);

/// The passes over the classified lines, in the order they run.
const LINE_PASSES: &[(&str, LinePass)] = &[
    (
        "a text starting mid-sentence takes back its opening",
        give_back_opening,
    ),
    (
        "a promulgation line broken in two is one line",
        join_broken_promulgations,
    ),
    (
        "breadcrumb items and sources are furniture",
        mark_announced_furniture,
    ),
    (
        "a role alone, the name below: one role line",
        join_role_and_name,
    ),
];

/// The text starts mid-sentence (`。会议充分肯定…`): the short lines just above are that
/// sentence's beginning (`…听取和审议了国务院总理李克强所作的` / `政府工作报告`), text and
/// not header.
fn give_back_opening(h: &mut Header<'_>) {
    if h.lines
        .get(h.end)
        .is_some_and(|l| l.starts_with(['。', '，', '、', '；', '！', '？']))
    {
        while h.kinds.last() == Some(&HeaderLine::Other) {
            h.kinds.pop();
            h.end -= 1;
        }
    }
}

/// A promulgation line broken in two (`2016年1月22` / `日山东省…批准`, `2017年7月28日
/// 山东省` / `第十二届…修改…`): read as one line.
fn join_broken_promulgations(h: &mut Header<'_>) {
    for i in 0..h.end.saturating_sub(1) {
        if matches!(h.kinds[i], HeaderLine::Other | HeaderLine::PublishDate(_))
            && matches!(h.kinds[i + 1], HeaderLine::Other | HeaderLine::Body)
            && BROKEN_DATE_LINE.is_match(&h.lines[i])
        {
            // `1984年1月7日 国务院` / `中央军委发布`: two issuers, kept apart.
            let after_date = ANY_DATE.replace(&h.lines[i], "");
            let separator = if is_body_name(after_date.trim()) {
                "、"
            } else {
                ""
            };
            let joined = classify(&format!("{}{separator}{}", h.lines[i], h.lines[i + 1]));
            if matches!(joined, HeaderLine::Promulgation { .. }) {
                h.kinds[i] = joined;
                h.kinds[i + 1] = HeaderLine::Furniture;
                continue;
            }
        }
        if h.kinds[i] != HeaderLine::Furniture
            && let Some((joined, rest)) = broken_promulgation(&h.lines[..h.end], i)
        {
            h.kinds[i] = joined;
            for kind in &mut h.kinds[i + 1..=i + rest] {
                *kind = HeaderLine::Furniture;
            }
        }
    }
}

/// What furniture says of the next line: after `>` a breadcrumb item (`宁夏要闻`, and the
/// same item again below), after a bare `来源：` the source (`四川日报`).
fn mark_announced_furniture(h: &mut Header<'_>) {
    let mut crumbs: Vec<&str> = Vec::new();
    for i in 0..h.end {
        let line = h.lines[i].as_str();
        let after = i.checked_sub(1).map(|p| h.lines[p].as_str());
        let crumb = matches!(after, Some(">" | "›" | "»"));
        let source = matches!(after, Some("来源：" | "来源:" | "信息来源：" | "信息来源:"));
        if matches!(h.kinds[i], HeaderLine::Other | HeaderLine::Body)
            && (crumb || source || crumbs.contains(&line))
        {
            h.kinds[i] = HeaderLine::Furniture;
            if crumb {
                crumbs.push(line);
            }
        }
    }
}

/// A role alone on a line, the name alone on the next: one role line.
fn join_role_and_name(h: &mut Header<'_>) {
    for i in 0..h.end.saturating_sub(1) {
        let (role, name) = (squeeze(&h.lines[i]), squeeze(&h.lines[i + 1]));
        if BARE_ROLE.is_match(&role)
            && PERSONAL_NAME.is_match(&name)
            && let HeaderLine::Role { speaker, body } = classify(&format!("{role}{name}"))
        {
            h.kinds[i] = HeaderLine::Role { speaker, body };
            h.kinds[i + 1] = HeaderLine::Furniture;
        }
    }
}

/// What field resolution learnt beyond the metadata itself, for the field passes.
#[derive(Default)]
struct Facts {
    /// Bodies of the promulgation lines, in order.
    enacting: Vec<String>,
    /// A role named a speaker but not the body (`省人民政府省长 王清宪`).
    role_without_body: bool,
}

/// Field resolution: the metadata as the header's lines fill it, top to bottom.
#[derive(Default)]
struct Fields<'l> {
    meta: Metadata,
    title_parts: Vec<&'l str>,
    facts: Facts,
    /// Past the title: an occasion or a speaker came after it.
    below_title: bool,
    dated_by_promulgation: bool,
    body_by_council: bool,
    history: History,
}

/// A law's acts as its promulgation lines record them: the first one, and whether a
/// later act revised it.
#[derive(Default)]
struct History {
    first: Option<DocDate>,
    revised: bool,
}

impl History {
    fn record(&mut self, first_act: DocDate, revision: bool) {
        if self
            .first
            .is_none_or(|d| first_act.first_day() < d.first_day())
        {
            self.first = Some(first_act);
        }
        self.revised |= revision;
    }

    /// The date of enactment, for a law revised since: the version's date is another.
    fn enacted(&self, version: Option<DocDate>) -> Option<DocDate> {
        let (first, version) = (self.first?, version?);
        (self.revised && first.first_day() < version.first_day()).then_some(first)
    }
}

impl<'l> Fields<'l> {
    /// Reads line `i`; returns the last line it used (a subtitle may run on).
    fn read_line(&mut self, h: &'l Header<'l>, i: usize) -> usize {
        let line = h.lines[i].as_str();
        let meta = &mut self.meta;
        match &h.kinds[i] {
            HeaderLine::Issue => meta.issue = Some(line.to_string()),
            HeaderLine::PublishDate(d) => {
                meta.publish_date = Some(*d);
                // A title does not go on past a page's time stamp (`图集` under it is
                // the page's, not the title's).
                self.below_title |= !self.title_parts.is_empty();
            }
            HeaderLine::SpeechDate(d) => {
                meta.date = Some(*d);
                // Under a title and its date, a name alone is the speaker's.
                self.below_title |= !self.title_parts.is_empty();
            }
            HeaderLine::SpeechTitle { speaker } => {
                meta.speaker = Some(speaker.clone());
                meta.title = Some(line.to_string());
            }
            // A name repeated above the text (`中华人民共和国全国人民代表大会` over
            // `常务委员会议事规则`, the title again) does not undo the enacting body.
            HeaderLine::Body if !self.facts.enacting.is_empty() => {}
            HeaderLine::Body => meta.body = Some(body_line(line)),
            HeaderLine::Role { speaker, body } => {
                self.speaker_with_role(speaker.clone(), body.clone());
                self.below_title |= !self.title_parts.is_empty();
            }
            HeaderLine::Promulgation {
                date,
                first,
                revision,
                body,
                in_force_only,
                approval,
            } => {
                if !in_force_only {
                    self.history.record(*first, *revision);
                }
                self.promulgation(*date, body.as_ref(), *in_force_only, *approval)
            }
            HeaderLine::DocNumber { number, rest } => {
                meta.extra.insert("doc_number".into(), number.clone());
                if let Some(rest) = rest {
                    self.title_parts.push(rest);
                }
            }
            HeaderLine::Furniture => {
                // The editor's note of a collected work names its author.
                if meta.speaker.is_none()
                    && let Some(c) = NOTE_AUTHOR.captures(line)
                    && is_personal_name(&c[1])
                {
                    meta.speaker = Some(c[1].to_string());
                }
            }
            HeaderLine::Signed { body, date } => {
                meta.body.get_or_insert_with(|| body.clone());
                meta.date.get_or_insert(*date);
            }
            HeaderLine::SpokenAt {
                speaker,
                date,
                occasion,
            } => {
                self.speaker_with_role(speaker.clone(), None);
                // The session's day, over a page's time stamp.
                if date.is_some() {
                    self.meta.date = *date;
                }
                self.meta.subtitle.get_or_insert_with(|| occasion.clone());
                self.below_title |= !self.title_parts.is_empty();
            }
            HeaderLine::Subtitle => return self.subtitle(h, i),
            HeaderLine::Other => self.other(h, i),
        }
        i
    }

    /// A speaker named with a role, and the body the role implies, if it does.
    fn speaker_with_role(&mut self, speaker: String, body: Option<String>) {
        self.meta.speaker = Some(speaker);
        self.facts.role_without_body |= body.is_none();
        if self.meta.body.is_none() {
            self.meta.body = body;
        }
    }

    /// A promulgation line: the body is that of the latest act (a law revised by the
    /// standing committee is the committee's), not of a higher body approving a local
    /// act — except the State Council approving what a ministry issues: an
    /// administrative regulation is the State Council's. The date is the latest act's.
    fn promulgation(
        &mut self,
        date: DocDate,
        body: Option<&String>,
        in_force_only: bool,
        approval: bool,
    ) {
        let meta = &mut self.meta;
        self.below_title |= !self.title_parts.is_empty();
        if let Some(body) = body {
            let by_council = approval && body == "国务院";
            if meta.body.is_none() || by_council || (!approval && !self.body_by_council) {
                meta.body = Some(body.clone());
                self.body_by_council |= by_council;
            }
            self.facts.enacting.push(body.clone());
        }
        if !in_force_only {
            // Revisions are listed oldest first, but take the latest anyway.
            if !self.dated_by_promulgation
                || meta.date.is_none_or(|d| date.first_day() > d.first_day())
            {
                meta.date = Some(date);
            }
            self.dated_by_promulgation = true;
        } else if !self.dated_by_promulgation {
            meta.date = Some(date);
        }
    }

    /// The occasion under a title (`——在…会议上的讲话`), maybe broken over lines, maybe
    /// with the speaker on its line; returns the last line it used.
    fn subtitle(&mut self, h: &'l Header<'l>, mut i: usize) -> usize {
        let mut subtitle = h.lines[i]
            .trim_start_matches(['—', '-', '―', '－', ' ', '(', '（'])
            .trim_end_matches([')', '）'])
            .to_string();
        let mut signed = split_signature(&mut subtitle);
        // A subtitle broken over lines ends at the line naming the occasion.
        while signed.is_none()
            && !subtitle.ends_with(['话', '言', '辞', '告', '上'])
            && i + 1 < h.end
            && h.kinds[i + 1] == HeaderLine::Other
        {
            i += 1;
            subtitle.push_str(&h.lines[i]);
            signed = split_signature(&mut subtitle);
        }
        if let Some((speaker, body)) = signed {
            self.speaker_with_role(speaker, body);
        }
        if self.meta.date.is_none() {
            self.meta.date = ANY_DATE.captures(&subtitle).and_then(|c| date_from(&c));
        }
        self.meta.subtitle = Some(subtitle);
        self.below_title |= !self.title_parts.is_empty();
        i
    }

    /// A line no pattern names: the series above an issue number, a speaker's name
    /// under the title and its occasion, or part of the title.
    fn other(&mut self, h: &'l Header<'l>, i: usize) {
        let line = h.lines[i].as_str();
        if matches!(h.kinds.get(i + 1), Some(HeaderLine::Issue)) {
            self.meta.series = Some(line.to_string());
        } else if i + 1 == h.end && self.meta.speaker.is_none() && self.is_author(line) {
            // A name alone between the title and the text (an author under an article's
            // title, a speaker whose date the page left out).
            self.meta.speaker = Some(squeeze(line));
            self.facts.role_without_body = true;
        } else if self.below_title {
            // Under the title and its occasion, a name alone is the speaker's (`毛伟明`
            // under `——2026年2月3日在湖南省…会议上`); other lines (`省长赵刚作政府工作
            // 报告`, a caption) are not the title's.
            if self.meta.speaker.is_none() && is_personal_name(line) {
                self.meta.speaker = Some(line.to_string());
                self.facts.role_without_body = true;
            }
        } else if !self
            .title_parts
            .iter()
            .any(|p| squeeze(p).contains(&squeeze(line)))
        {
            // A title repeated (`# 标题` then `标题`) or a fragment of it again is skipped.
            // The issuer on the line above `关于…` opens the title, as the document names
            // itself (`重庆市人民政府办公厅关于…的通知`).
            if line.starts_with("关于")
                && self.title_parts.is_empty()
                && let Some(issuer) = i.checked_sub(1).map(|p| h.lines[p].as_str())
                && h.kinds[i - 1] == HeaderLine::Body
                && is_body_name(issuer)
            {
                self.title_parts.push(issuer);
            }
            self.title_parts.push(line);
        }
    }

    /// Whether `line`, the last of the header, is the author of the title above it: a
    /// name, under a speech's or an article's title — not the end of a document's
    /// (`关于适用《…》的` / `解释`).
    fn is_author(&self, line: &str) -> bool {
        if self.title_parts.is_empty() || !is_personal_name(line) {
            return false;
        }
        let title = self.title_parts.concat();
        SPEECH_KIND.is_match(&title) || !is_document_title(&format!("{title}{line}"))
    }

    /// The metadata with its title: the known one, else the lines taken for it.
    fn finish(&mut self, title: Option<String>) -> Metadata {
        let mut meta = std::mem::take(&mut self.meta);
        meta.enacted = self.history.enacted(meta.date);
        if title.is_some() {
            meta.title = title;
        } else if meta.title.is_none() && !self.title_parts.is_empty() {
            meta.title = Some(join_title(&self.title_parts));
        }
        // `携手建设更加美好的世界——在…对话会上的主旨讲话` on one line: the occasion is the
        // subtitle, as it is when it has a line of its own.
        if meta.subtitle.is_none()
            && let Some((main, occasion)) = meta.title.as_deref().and_then(|t| t.split_once("——"))
            && occasion.starts_with('在')
            && SPEECH_KIND.is_match(occasion)
            && !main.is_empty()
        {
            let (main, occasion) = (main.to_string(), occasion.to_string());
            meta.title = Some(main);
            meta.subtitle = Some(occasion);
        }
        meta
    }
}

/// The speaker named with a role at the end of an occasion's line (`…会议上 陕西省省长
/// 赵刚`, `…开幕式上的致辞 国务院总理 李强`), cut off it: the speaker and the body the
/// role implies.
fn split_signature(subtitle: &mut String) -> Option<(String, Option<String>)> {
    let (at, speaker, body) = ["会议上", "讲话", "致辞", "发言", "演讲", "报告"]
        .iter()
        .flat_map(|word| subtitle.match_indices(word))
        .find_map(|(at, word)| match classify(&subtitle[at + word.len()..]) {
            HeaderLine::Role { speaker, body } => Some((at + word.len(), speaker, body)),
            _ => None,
        })?;
    subtitle.truncate(at);
    Some((speaker, body))
}

/// A body line above the text: `…文件` is the body's red head; `最高人民法院  最高人民检察院`
/// (the spaces went with cleaning) is both supreme bodies.
fn body_line(line: &str) -> String {
    let name = line
        .strip_suffix("文件")
        .filter(|n| is_body_name(n))
        .unwrap_or(line);
    match name {
        "最高人民法院最高人民检察院" | "最高人民检察院最高人民法院" => {
            SUPREME_BODIES.to_string()
        }
        _ => name.to_string(),
    }
}

/// A pass over the resolved fields.
type FieldPass = fn(&mut Metadata, &Facts);

/// The passes over the resolved fields, in the order they run.
const FIELD_PASSES: &[(&str, FieldPass)] = &[
    (
        "a city's regulation is its own congress's",
        city_regulation_body,
    ),
    (
        "a role without a body takes the report's place",
        body_from_report_place,
    ),
    (
        "a page titled only 政府工作报告 gets its conventional title",
        conventional_report_title,
    ),
];

/// A city's regulation (`青岛市禁止焚烧…规定`) is its own congress's, even where the
/// province's committee that approved it wrote `通过`.
fn city_regulation_body(meta: &mut Metadata, facts: &Facts) {
    if let Some(place) = meta.title.as_deref().and_then(|t| TITLE_PLACE.captures(t))
        && meta
            .body
            .as_deref()
            .is_some_and(|b| !b.starts_with(&place[1]))
        && let Some(own) = facts
            .enacting
            .iter()
            .rev()
            .find(|b| b.starts_with(&place[1]))
    {
        meta.body = Some(own.clone());
    }
}

/// `省人民政府省长 王清宪` under `2026年安徽省政府工作报告`: the place is in the title, or
/// in the occasion (`在贵州省第十四届人民代表大会…`).
fn body_from_report_place(meta: &mut Metadata, facts: &Facts) {
    if facts.role_without_body && meta.body.is_none() {
        meta.body = report_place(meta).map(|p| format!("{p}人民政府"));
    }
}

/// A page titled only `政府工作报告`: the conventional title, from the year of the
/// occasion and its place (`2026年贵州省政府工作报告`).
fn conventional_report_title(meta: &mut Metadata, _: &Facts) {
    if meta.title.as_deref().is_none_or(|t| t == "政府工作报告")
        && let (Some(place), Some(date)) = (report_place(meta), meta.date)
        && meta.subtitle.is_some()
    {
        meta.title = Some(format!("{}年{place}政府工作报告", date.year));
    }
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
