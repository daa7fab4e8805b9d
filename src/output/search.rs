//! Search results: human (title line, metadata line, cropped passage) and JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use super::{CROP_CHARS, Marker, document_line, render_passage, title};
use crate::document::metadata::Extras;
use crate::document::{DocDate, Precision};
use crate::search::{Hit, SearchResults};

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
    pub doc_type: Option<&'a str>,
    /// Manifest fields beyond the named ones (`level`, `source`, …).
    #[serde(skip_serializing_if = "Extras::is_empty")]
    pub extra: &'a Extras,
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
            doc_type: m.doc_type.as_deref(),
            extra: &m.extra,
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
