//! Printers: they take plain result structs and write to any `Write`; they never touch
//! the index. Human output highlights with ANSI colour or with 【】, crops long passages
//! to a window around the matches; JSON output is one object per line.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{DocDate, MetadataSource, Precision};
use crate::indexer::{DocumentRecord, Summary};
use crate::search::mentions::doc_key;
use crate::search::{Hit, SearchResults};

/// Characters of a passage shown around its matches in human output.
pub const CROP_CHARS: usize = 160;
/// Characters kept before the first match of a cropped window.
const CROP_LEAD: usize = 30;

/// How matches are marked in human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Color,
    Brackets,
}

impl Marker {
    fn open(self) -> &'static str {
        match self {
            Marker::Color => "\x1b[1;31m",
            Marker::Brackets => "【",
        }
    }
    fn close(self) -> &'static str {
        match self {
            Marker::Color => "\x1b[0m",
            Marker::Brackets => "】",
        }
    }
}

/// The window of a passage to show: (start, end) character offsets.
pub fn crop_window(len: usize, highlights: &[(usize, usize)], width: usize) -> (usize, usize) {
    if len <= width {
        return (0, len);
    }
    // Of the windows starting a little before each match, take the one covering most
    // matches (the first such).
    let mut best = (0, 0usize);
    for &(s, _) in highlights {
        let start = s.saturating_sub(CROP_LEAD).min(len - width);
        let covered = highlights
            .iter()
            .filter(|&&(a, b)| a >= start && b <= start + width)
            .count();
        if covered > best.1 {
            best = (start, covered);
        }
    }
    (best.0, best.0 + width)
}

/// A passage cropped and marked for the terminal, on one line: the breaks between
/// grouped paragraphs show as spaces (one character for one, so offsets hold).
pub fn render_passage(
    text: &str,
    highlights: &[(usize, usize)],
    marker: Marker,
    width: usize,
) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let (start, end) = crop_window(chars.len(), highlights, width);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for &(s, e) in highlights {
        let (s, e) = (s.max(start), e.min(end));
        if s >= e {
            continue;
        }
        out.extend(&chars[pos..s]);
        out.push_str(marker.open());
        out.extend(&chars[s..e]);
        out.push_str(marker.close());
        pos = e;
    }
    out.extend(&chars[pos..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// The line of document facts shown under a title: speaker, body, date, file.
pub fn document_line(doc: &DocumentRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(doc.meta.speaker.clone());
    parts.extend(doc.meta.body.clone());
    parts.extend(doc.meta.date.map(|d| d.to_string()));
    let mut place = doc.path.clone();
    if doc.section > 0 || doc.meta.collection.is_some() {
        place.push_str(&format!(" §{}", doc.section));
    }
    parts.push(place);
    parts.join(" · ")
}

fn title(doc: &DocumentRecord) -> &str {
    doc.meta.title.as_deref().unwrap_or("(untitled)")
}

/// Human-readable search results.
pub fn search_human(
    w: &mut dyn Write,
    query: &str,
    results: &SearchResults,
    marker: Marker,
) -> io::Result<()> {
    writeln!(
        w,
        "{} passages in {} documents match {query}{}",
        results.passages,
        results.documents,
        if results.hits.len() < results.passages {
            format!(" (showing {})", results.hits.len())
        } else {
            String::new()
        }
    )?;
    for hit in &results.hits {
        writeln!(w)?;
        writeln!(w, "{:>3}. {}", hit.rank, title(&hit.document))?;
        writeln!(
            w,
            "     {} · passage {}",
            document_line(&hit.document),
            hit.passage
        )?;
        writeln!(
            w,
            "     {}",
            render_passage(&hit.text, &hit.highlights, marker, CROP_CHARS)
        )?;
    }
    Ok(())
}

/// The JSON object of one hit (the README documents this schema).
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    pub rank: usize,
    pub score: f32,
    pub title: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub body: Option<&'a str>,
    pub date: Option<DocDate>,
    pub date_precision: Option<Precision>,
    pub publish_date: Option<DocDate>,
    pub series: Option<&'a str>,
    pub issue: Option<&'a str>,
    pub collection: Option<&'a str>,
    pub path: &'a str,
    pub section: usize,
    pub passage: u64,
    pub text: &'a str,
    pub highlights: &'a [(usize, usize)],
}

impl<'a> JsonHit<'a> {
    pub fn new(hit: &'a Hit) -> JsonHit<'a> {
        let m = &hit.document.meta;
        JsonHit {
            rank: hit.rank,
            score: hit.score,
            title: m.title.as_deref(),
            subtitle: m.subtitle.as_deref(),
            speaker: m.speaker.as_deref(),
            body: m.body.as_deref(),
            date: m.date,
            date_precision: m.date.map(|d| d.precision()),
            publish_date: m.publish_date,
            series: m.series.as_deref(),
            issue: m.issue.as_deref(),
            collection: m.collection.as_deref(),
            path: &hit.document.path,
            section: hit.document.section,
            passage: hit.passage,
            text: &hit.text,
            highlights: &hit.highlights,
        }
    }
}

/// Search results as JSON Lines, one hit a line.
pub fn search_json(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, &JsonHit::new(hit))?;
        writeln!(w)?;
    }
    Ok(())
}

/// The document list, human-readable.
pub fn docs_human(w: &mut dyn Write, docs: &[&DocumentRecord]) -> io::Result<()> {
    for doc in docs {
        writeln!(w, "{:>4}  {}", doc.id, title(doc))?;
        writeln!(
            w,
            "      {} · {} passages · {}",
            document_line(doc),
            doc.passages,
            doc.encoding
        )?;
        let m = &doc.meta;
        let extra: Vec<String> = [
            m.subtitle.as_ref().map(|s| format!("subtitle: {s}")),
            m.series.as_ref().map(|s| format!("series: {s}")),
            m.issue.as_ref().map(|s| format!("issue: {s}")),
            m.publish_date.map(|d| format!("published: {d}")),
            m.collection.as_ref().map(|s| format!("collection: {s}")),
            m.doc_type.as_ref().map(|s| format!("type: {s}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !extra.is_empty() {
            writeln!(w, "      {}", extra.join(" · "))?;
        }
        if !m.sources.is_empty() {
            let sources: Vec<String> = m
                .sources
                .iter()
                .map(|(field, source)| {
                    let from = match source {
                        MetadataSource::Manifest => "manifest",
                        MetadataSource::Header => "header",
                        MetadataSource::FileName => "file name",
                    };
                    format!("{field} from {from}")
                })
                .collect();
            writeln!(w, "      {}", sources.join(", "))?;
        }
    }
    Ok(())
}

/// The document list as JSON Lines.
pub fn docs_json(w: &mut dyn Write, docs: &[&DocumentRecord]) -> io::Result<()> {
    for doc in docs {
        serde_json::to_writer(&mut *w, doc)?;
        writeln!(w)?;
    }
    Ok(())
}

/// The end-of-run summary of `gongwen index`.
pub fn index_summary(w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    writeln!(w, "{}", index_outcome(summary))?;
    if !summary.skipped.is_empty() {
        writeln!(w, "skipped {} files:", summary.skipped.len())?;
        for s in &summary.skipped {
            writeln!(w, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

/// One line saying what an indexing run did: the files it added, changed, removed and
/// left alone (or why it started over), and what the index holds now.
pub fn index_outcome(summary: &Summary) -> String {
    let run = match &summary.rebuilt {
        Some(why) => format!("built from scratch ({why}): {} files", group(summary.added)),
        None => format!(
            "{} added, {} changed, {} removed, {} unchanged",
            group(summary.added),
            group(summary.changed),
            group(summary.removed),
            group(summary.unchanged)
        ),
    };
    format!(
        "{run}; the index holds {} files, {} documents, {} passages, {} characters ({:.2} s)",
        group(summary.files),
        group(summary.documents),
        group(summary.passages),
        group(summary.chars),
        summary.seconds
    )
}

/// `4118` as `4,118`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(
            [0, 7, 999, 1000, 4118, 370493, 1234567].map(group),
            ["0", "7", "999", "1,000", "4,118", "370,493", "1,234,567"]
        );
    }

    #[test]
    fn kwic_lines_align_matches_whatever_the_context_width() {
        use crate::indexer::DocumentRecord;
        use crate::search::mentions::Mention;
        let doc = DocumentRecord {
            id: 0,
            path: "a.txt".into(),
            section: 0,
            meta: Default::default(),
            encoding: "UTF-8".into(),
            passages: 1,
            chars: 10,
        };
        let mention = |left: &str, right: &str| {
            let text = format!("{left}GDP{right}");
            let start = left.chars().count();
            Mention::in_text(
                "GDP",
                std::sync::Arc::new(doc.clone()),
                0,
                &text,
                start,
                start + 3,
            )
        };
        let lines: Vec<String> = [
            mention("全市", "增长"),
            mention("in 2020 the ", "grew 5% and 增长较快"),
            mention("ＧＤＰ与全省平均水平相比，全市二〇二〇年的工业和信息化", ""),
            mention("", "占比"),
        ]
        .iter()
        .map(|m| kwic_line(m, Marker::Brackets))
        .collect();
        for line in &lines {
            let at = line.find('【').unwrap();
            assert_eq!(str_width(&line[..at]), KWIC_COLUMNS, "{line}");
            let right = &line[line.find('】').unwrap() + '】'.len_utf8()..];
            assert!(str_width(right) <= KWIC_COLUMNS, "{line}");
        }
    }

    #[test]
    fn crops_around_matches_with_ellipses() {
        let text = "甲".repeat(100) + "稳增长" + &"乙".repeat(100);
        let shown = render_passage(&text, &[(100, 103)], Marker::Brackets, 40);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("【稳增长】"));
        assert_eq!(shown.chars().count(), 40 + 2 + 2);
    }

    #[test]
    fn short_passage_is_whole() {
        assert_eq!(
            render_passage("稳增长", &[(0, 1), (2, 3)], Marker::Brackets, 40),
            "【稳】增【长】"
        );
    }
}

/// Display width of a character in a terminal: East Asian wide and full-width forms take
/// two columns, everything else one.
pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Columns given to each side of a concordance line.
pub const KWIC_COLUMNS: usize = 36;

/// One concordance line: left context right-aligned to [`KWIC_COLUMNS`], the match
/// marked, the right context cut to the same width. Line breaks in the context show as
/// spaces.
pub fn kwic_line(m: &crate::search::mentions::Mention, marker: Marker) -> String {
    let mut line = String::with_capacity(4 * KWIC_COLUMNS + m.matched().len() + 16);
    write_kwic_line(&mut line, m, marker);
    line
}

/// [`kwic_line`] appended to `line`: half a million lines for a common character, so
/// no allocation but the line's own, and context copied as slices.
fn write_kwic_line(line: &mut String, m: &crate::search::mentions::Mention, marker: Marker) {
    // The left context is cut from its start, keeping the characters nearest the match.
    let left = m.left();
    let mut width = 0;
    let mut from = left.len();
    for (i, c) in left.char_indices().rev() {
        let w = char_width(c);
        if width + w > KWIC_COLUMNS {
            break;
        }
        width += w;
        from = i;
    }
    line.extend(std::iter::repeat_n(' ', KWIC_COLUMNS - width));
    push_flat(line, &left[from..]);
    line.push_str(marker.open());
    line.push_str(m.matched());
    line.push_str(marker.close());
    let right = m.right();
    let mut width = 0;
    let mut to = right.len();
    for (i, c) in right.char_indices() {
        width += char_width(c);
        if width > KWIC_COLUMNS {
            to = i;
            break;
        }
    }
    push_flat(line, &right[..to]);
}

/// Appends the decimal digits of `n`; returns how many.
fn push_digits(line: &mut String, mut n: u64) -> usize {
    let mut digits = [0u8; 20];
    let mut from = digits.len();
    loop {
        from -= 1;
        digits[from] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    line.extend(digits[from..].iter().map(|&d| d as char));
    digits.len() - from
}

/// Appends `text` with its line breaks shown as spaces (a concordance line is one line).
fn push_flat(line: &mut String, text: &str) {
    if text.contains(['\n', '\r']) {
        line.extend(
            text.chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    } else {
        line.push_str(text);
    }
}

/// Prints mentions as they come, one document at a time, and what sums them up at the
/// end: a common character has half a million mentions, none of which is kept after its
/// document is printed.
pub trait MentionPrinter {
    /// The mentions of one document, in order.
    fn document(
        &mut self,
        w: &mut dyn Write,
        mentions: &[crate::search::mentions::Mention],
    ) -> io::Result<()>;
    /// After the last document.
    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()>;
}

/// Running totals of one term (or of all): occurrences, passages, documents.
#[derive(Default)]
struct Tally {
    counts: crate::search::mentions::Counts,
    per_variant: Vec<usize>,
}

/// The concordance: mentions grouped by document, a header per document with its count,
/// one aligned line per mention, per-term (and per-alias) and combined totals at the end.
pub struct Concordance<'e> {
    entities: &'e [crate::search::aliases::Entity],
    marker: Marker,
    per_term: Vec<Tally>,
    all: Tally,
    line: String,
}

impl<'e> Concordance<'e> {
    pub fn new(entities: &'e [crate::search::aliases::Entity], marker: Marker) -> Self {
        Concordance {
            entities,
            marker,
            per_term: entities
                .iter()
                .map(|e| Tally {
                    per_variant: vec![0; e.variants.len()],
                    ..Tally::default()
                })
                .collect(),
            all: Tally::default(),
            line: String::new(),
        }
    }
}

/// Adds the mentions of one document that `keep` selects (mentions come in passage
/// order, so distinct passages are changes of passage).
fn tally<'m>(
    tally: &mut Tally,
    mentions: impl Iterator<Item = &'m crate::search::mentions::Mention>,
) {
    let mut last_passage = None;
    let mut any = false;
    for m in mentions {
        any = true;
        tally.counts.occurrences += 1;
        if last_passage != Some(m.passage) {
            tally.counts.passages += 1;
            last_passage = Some(m.passage);
        }
    }
    tally.counts.documents += usize::from(any);
}

impl MentionPrinter for Concordance<'_> {
    fn document(
        &mut self,
        w: &mut dyn Write,
        mentions: &[crate::search::mentions::Mention],
    ) -> io::Result<()> {
        let Some(first) = mentions.first() else {
            return Ok(());
        };
        let doc = &first.document;
        writeln!(
            w,
            "{} · {} ({} mentions)",
            title(doc),
            document_line(doc),
            mentions.len()
        )?;
        for m in mentions {
            self.line.clear();
            // `  #{:<4} `, without the formatting machinery.
            self.line.push_str("  #");
            let digits = push_digits(&mut self.line, m.passage);
            self.line
                .extend(std::iter::repeat_n(' ', 5usize.saturating_sub(digits)));
            write_kwic_line(&mut self.line, m, self.marker);
            self.line.push('\n');
            w.write_all(self.line.as_bytes())?;
        }
        writeln!(w)?;
        for (entity, term_tally) in self.per_term.iter_mut().enumerate() {
            let of_term = || mentions.iter().filter(|m| m.entity == entity);
            tally(term_tally, of_term());
            for m in of_term() {
                if let Some(n) = term_tally.per_variant.get_mut(m.alias) {
                    *n += 1;
                }
            }
        }
        tally(&mut self.all, mentions.iter());
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        for (entity, t) in self.entities.iter().zip(&self.per_term) {
            let c = &t.counts;
            write!(
                w,
                "{}: {} occurrences in {} passages of {} documents",
                entity.name, c.occurrences, c.passages, c.documents
            )?;
            if entity.variants.len() > 1 {
                let per_variant: Vec<String> = entity
                    .variants
                    .iter()
                    .zip(&t.per_variant)
                    .map(|(v, n)| format!("{v} {n}"))
                    .collect();
                write!(w, " (aliases: {})", per_variant.join(", "))?;
            }
            writeln!(w)?;
        }
        if self.entities.len() > 1 {
            let c = &self.all.counts;
            writeln!(
                w,
                "all terms: {} occurrences in {} passages of {} documents",
                c.occurrences, c.passages, c.documents
            )?;
        }
        Ok(())
    }
}

/// A count table, one row per group.
pub fn mentions_table<T: crate::search::mentions::Occurrences>(
    w: &mut dyn Write,
    by: crate::search::mentions::GroupBy,
    mentions: &[T],
) -> io::Result<()> {
    use crate::search::mentions::{GroupBy, count_table};
    // Each document once, by its group key (not a search of all mentions per group).
    let mut documents: std::collections::HashMap<u64, &DocumentRecord> = Default::default();
    if by == GroupBy::Doc {
        for m in mentions {
            documents.entry(m.document().id).or_insert(m.document());
        }
    }
    let by_key: std::collections::HashMap<String, &DocumentRecord> =
        documents.values().map(|d| (doc_key(d), *d)).collect();
    let label = match by {
        GroupBy::Doc => "document",
        GroupBy::Year => "year",
        GroupBy::Speaker => "speaker",
        GroupBy::Body => "body",
    };
    writeln!(w, "{label}\toccurrences\tpassages\tdocuments")?;
    let (groups, t) = count_table(mentions, by);
    // Groups without a value (undated, no speaker…) come last, after the named ones.
    let ordered = groups
        .iter()
        .filter(|(k, _)| k.is_some())
        .chain(groups.iter().filter(|(k, _)| k.is_none()));
    for (key, c) in ordered {
        let name = match (key, by) {
            (Some(k), GroupBy::Doc) => by_key
                .get(k)
                .map_or(k.clone(), |d| format!("{} ({k})", title(d))),
            (Some(k), _) => k.clone(),
            (None, GroupBy::Year) => "undated".to_string(),
            (None, _) => "(none)".to_string(),
        };
        writeln!(
            w,
            "{name}\t{}\t{}\t{}",
            c.occurrences, c.passages, c.documents
        )?;
    }
    writeln!(
        w,
        "total\t{}\t{}\t{}",
        t.occurrences, t.passages, t.documents
    )
}

/// The JSON object of one mention.
#[derive(Debug, Serialize)]
pub struct JsonMention<'a> {
    pub term: &'a str,
    pub variant: &'a str,
    pub title: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub body: Option<&'a str>,
    pub date: Option<DocDate>,
    pub path: &'a str,
    pub section: usize,
    pub passage: u64,
    pub start: usize,
    pub end: usize,
    pub left: &'a str,
    #[serde(rename = "match")]
    pub matched: &'a str,
    pub right: &'a str,
}

impl<'a> JsonMention<'a> {
    pub fn new(m: &'a crate::search::mentions::Mention) -> JsonMention<'a> {
        let meta = &m.document.meta;
        JsonMention {
            term: &m.term,
            variant: &m.variant,
            title: meta.title.as_deref(),
            speaker: meta.speaker.as_deref(),
            body: meta.body.as_deref(),
            date: meta.date,
            path: &m.document.path,
            section: m.document.section,
            passage: m.passage,
            start: m.start,
            end: m.end,
            left: m.left(),
            matched: m.matched(),
            right: m.right(),
        }
    }
}

/// Mentions as JSON Lines, one occurrence a line.
pub struct JsonLines;

impl MentionPrinter for JsonLines {
    fn document(
        &mut self,
        w: &mut dyn Write,
        mentions: &[crate::search::mentions::Mention],
    ) -> io::Result<()> {
        for m in mentions {
            serde_json::to_writer(&mut *w, &JsonMention::new(m))?;
            writeln!(w)?;
        }
        Ok(())
    }
    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Mentions as CSV, UTF-8 with a BOM so that Excel reads the Chinese correctly; the
/// header comes before the first row (or alone, when nothing is found).
#[derive(Default)]
pub struct Csv {
    started: bool,
}

impl Csv {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if !std::mem::replace(&mut self.started, true) {
            w.write_all("\u{FEFF}".as_bytes())?;
            writeln!(
                w,
                "term,title,speaker,body,date,path,section,passage,start,end,left,match,right"
            )?;
        }
        Ok(())
    }
}

impl MentionPrinter for Csv {
    fn document(
        &mut self,
        w: &mut dyn Write,
        mentions: &[crate::search::mentions::Mention],
    ) -> io::Result<()> {
        self.start(w)?;
        for m in mentions {
            let j = JsonMention::new(m);
            let date = j.date.map(|d| d.to_string()).unwrap_or_default();
            let row = [
                j.term,
                j.title.unwrap_or(""),
                j.speaker.unwrap_or(""),
                j.body.unwrap_or(""),
                &date,
                j.path,
                &j.section.to_string(),
                &j.passage.to_string(),
                &j.start.to_string(),
                &j.end.to_string(),
                j.left,
                j.matched,
                j.right,
            ]
            .map(csv_field);
            writeln!(w, "{}", row.join(","))?;
        }
        Ok(())
    }
    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        self.start(w)
    }
}

/// Columns of a trend bar.
const BAR_COLUMNS: usize = 16;

/// A bar of Unicode blocks, `fraction` (0–1) of [`BAR_COLUMNS`], in eighths.
pub fn bar(fraction: f64) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (fraction.clamp(0.0, 1.0) * (BAR_COLUMNS * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// Pads `s` with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(str_width(s))))
}

/// A trend as a terminal table: per period its text size, then per term occurrences,
/// documents, occurrences per 10,000 characters and a bar scaled to the largest rate.
pub fn trend_table(w: &mut dyn Write, trend: &crate::search::trend::Trend) -> io::Result<()> {
    let max = trend
        .rows
        .iter()
        .flat_map(|r| r.terms.iter().filter_map(|t| t.per_10k))
        .fold(0.0f64, f64::max);
    let block = 7 + 6 + 8 + 1 + BAR_COLUMNS;
    write!(w, "{}", pad("period", 10))?;
    write!(w, "{:>10}", "chars")?;
    for term in &trend.terms {
        write!(w, "  {}", pad(term, block))?;
    }
    writeln!(w)?;
    write!(w, "{}{:>10}", pad("", 10), "")?;
    for _ in &trend.terms {
        write!(
            w,
            "  {}",
            pad(&format!("{:>7}{:>6}{:>8} ", "occ", "docs", "/10k"), block)
        )?;
    }
    writeln!(w)?;
    for row in &trend.rows {
        write!(w, "{}", pad(&row.period, 10))?;
        if row.chars == 0 {
            writeln!(w, "{:>10}  (no text)", 0)?;
            continue;
        }
        write!(w, "{:>10}", row.chars)?;
        for t in &row.terms {
            let rate = t.per_10k.unwrap_or(0.0);
            let shown = format!(
                "{:>7}{:>6}{:>8.2} {}",
                t.occurrences,
                t.documents,
                rate,
                bar(if max > 0.0 { rate / max } else { 0.0 })
            );
            write!(w, "  {}", pad(&shown, block))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// One JSON object / CSV row per period and term.
#[derive(Debug, Serialize)]
pub struct TrendPoint<'a> {
    pub period: &'a str,
    pub term: &'a str,
    pub occurrences: usize,
    pub documents: usize,
    pub chars: usize,
    pub per_10k: Option<f64>,
}

fn trend_points(trend: &crate::search::trend::Trend) -> Vec<TrendPoint<'_>> {
    trend
        .rows
        .iter()
        .flat_map(|row| {
            row.terms
                .iter()
                .zip(&trend.terms)
                .map(move |(t, term)| TrendPoint {
                    period: &row.period,
                    term,
                    occurrences: t.occurrences,
                    documents: t.documents,
                    chars: row.chars,
                    per_10k: t.per_10k,
                })
        })
        .collect()
}

/// A trend as JSON Lines.
pub fn trend_json(w: &mut dyn Write, trend: &crate::search::trend::Trend) -> io::Result<()> {
    for point in trend_points(trend) {
        serde_json::to_writer(&mut *w, &point)?;
        writeln!(w)?;
    }
    Ok(())
}

/// A trend as CSV (UTF-8 with BOM).
pub fn trend_csv(w: &mut dyn Write, trend: &crate::search::trend::Trend) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(w, "period,term,occurrences,documents,chars,per_10k")?;
    for p in trend_points(trend) {
        let rate = p.per_10k.map(|r| format!("{r:.4}")).unwrap_or_default();
        writeln!(
            w,
            "{},{},{},{},{},{}",
            csv_field(p.period),
            csv_field(p.term),
            p.occurrences,
            p.documents,
            p.chars,
            rate
        )?;
    }
    Ok(())
}

/// Font list for SVG text: CJK fonts first so Chinese labels render everywhere.
const SVG_FONTS: &str =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, SimHei, sans-serif";

/// Line colours, distinct and readable on white.
const SVG_COLORS: [plotters::style::RGBColor; 6] = [
    plotters::style::RGBColor(200, 30, 40),
    plotters::style::RGBColor(30, 90, 200),
    plotters::style::RGBColor(20, 140, 60),
    plotters::style::RGBColor(230, 120, 0),
    plotters::style::RGBColor(130, 50, 170),
    plotters::style::RGBColor(90, 90, 90),
];

/// A trend as an SVG line chart: one line per term, occurrences per 10,000 characters
/// over the dated periods (periods without text are gaps, the undated row is left out).
pub fn trend_svg(trend: &crate::search::trend::Trend) -> Result<String, String> {
    use plotters::prelude::*;
    let dated: Vec<&crate::search::trend::TrendRow> = trend
        .rows
        .iter()
        .filter(|r| r.period != "undated")
        .collect();
    let max = dated
        .iter()
        .flat_map(|r| r.terms.iter().filter_map(|t| t.per_10k))
        .fold(0.0f64, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, 540)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let n = dated.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{} — 每万字出现次数", trend.terms.join("、")),
                (SVG_FONTS, 22),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0..(n - 1).max(1), 0f64..(max * 1.1).max(1.0))
            .map_err(|e| e.to_string())?;
        let labels: Vec<String> = dated.iter().map(|r| r.period.clone()).collect();
        chart
            .configure_mesh()
            .x_labels(n.min(24))
            .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
            .x_desc("时期")
            .y_desc("每万字出现次数")
            .label_style((SVG_FONTS, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        for (k, term) in trend.terms.iter().enumerate() {
            let color = SVG_COLORS[k % SVG_COLORS.len()].to_rgba();
            // A period without text breaks the line instead of pretending to be 0.
            let mut segment: Vec<(usize, f64)> = Vec::new();
            let mut segments = Vec::new();
            for (i, row) in dated.iter().enumerate() {
                match row.terms[k].per_10k {
                    Some(rate) => segment.push((i, rate)),
                    None => segments.push(std::mem::take(&mut segment)),
                }
            }
            segments.push(segment);
            for (s, points) in segments.into_iter().filter(|s| !s.is_empty()).enumerate() {
                let series = chart
                    .draw_series(
                        LineSeries::new(points.clone(), color.stroke_width(2)).point_size(3),
                    )
                    .map_err(|e| e.to_string())?;
                if s == 0 {
                    series.label(term.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
                }
            }
        }
        chart
            .configure_series_labels()
            .label_font((SVG_FONTS, 14))
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
