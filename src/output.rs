//! Printers: they take plain result structs and write to any `Write`; they never touch
//! the index. Human output highlights with ANSI colour or with 【】, crops long passages
//! to a window around the matches; JSON output is one object per line.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{DocDate, Precision};
use crate::indexer::{DocumentRecord, Summary};
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

/// A passage cropped and marked for the terminal.
pub fn render_passage(
    text: &str,
    highlights: &[(usize, usize)],
    marker: Marker,
    width: usize,
) -> String {
    let chars: Vec<char> = text.chars().collect();
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
pub fn docs_human(w: &mut dyn Write, docs: &[DocumentRecord]) -> io::Result<()> {
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
        ]
        .into_iter()
        .flatten()
        .collect();
        if !extra.is_empty() {
            writeln!(w, "      {}", extra.join(" · "))?;
        }
    }
    Ok(())
}

/// The document list as JSON Lines.
pub fn docs_json(w: &mut dyn Write, docs: &[DocumentRecord]) -> io::Result<()> {
    for doc in docs {
        serde_json::to_writer(&mut *w, doc)?;
        writeln!(w)?;
    }
    Ok(())
}

/// The end-of-run summary of `gongwen index`.
pub fn index_summary(w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    writeln!(
        w,
        "indexed {} files: {} documents, {} passages, {} characters in {:.2} s",
        summary.files, summary.documents, summary.passages, summary.chars, summary.seconds
    )?;
    if !summary.skipped.is_empty() {
        writeln!(w, "skipped {} files:", summary.skipped.len())?;
        for s in &summary.skipped {
            writeln!(w, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
