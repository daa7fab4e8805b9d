//! Search results: documents (title line, facts line, best passages cropped) or a
//! passage list, for the terminal or as JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use super::{CROP_CHARS, Marker, count, document_line, render_passage, title};
use crate::catalog::DocumentRecord;
use crate::document::metadata::Extras;
use crate::document::{DocDate, HEADER_PASSAGE, Precision};
use crate::search::{DocumentHit, Hit, PassageResults, SearchResults};

/// Where a passage stands, for the terminal: `#12`, or `head` for the header.
fn place(passage: u64) -> String {
    if passage == HEADER_PASSAGE {
        "head".to_string()
    } else {
        format!("#{passage}")
    }
}

/// Human-readable search results: each document with its title (matches marked), its
/// facts, how many passages hold a term, and its best passages.
pub fn search_human(
    w: &mut dyn Write,
    query: &str,
    results: &SearchResults,
    marker: Marker,
) -> io::Result<()> {
    writeln!(
        w,
        "{} {} {query} ({}{})",
        count(results.documents, "document", "documents"),
        if results.documents == 1 {
            "matches"
        } else {
            "match"
        },
        count(results.passages, "passage", "passages"),
        if results.hits.len() < results.documents {
            format!("; showing {}", results.hits.len())
        } else {
            String::new()
        }
    )?;
    for hit in &results.hits {
        writeln!(w)?;
        let shown_title = match &hit.document.meta.title {
            Some(t) => render_passage(t, &hit.title_highlights, marker, usize::MAX),
            None => title(&hit.document).to_string(),
        };
        writeln!(w, "{:>3}. {shown_title}", hit.rank)?;
        writeln!(
            w,
            "     {} · {}, {}",
            document_line(&hit.document),
            count(hit.matching_passages, "passage", "passages"),
            count(hit.occurrences, "occurrence", "occurrences"),
        )?;
        for p in &hit.passages {
            writeln!(
                w,
                "     {:<5} {}",
                place(p.passage),
                render_passage(&p.text, &p.highlights, marker, CROP_CHARS)
            )?;
        }
    }
    Ok(())
}

/// Human-readable passage list (`search --passages`).
pub fn passages_human(
    w: &mut dyn Write,
    query: &str,
    results: &PassageResults,
    marker: Marker,
) -> io::Result<()> {
    writeln!(
        w,
        "{} in {} {} {query}{}",
        count(results.passages, "passage", "passages"),
        count(results.documents, "document", "documents"),
        if results.passages == 1 {
            "matches"
        } else {
            "match"
        },
        if results.hits.len() < results.passages {
            format!(" (showing {})", results.hits.len())
        } else {
            String::new()
        }
    )?;
    for hit in &results.hits {
        writeln!(w)?;
        writeln!(w, "{:>3}. {}", hit.rank, title(&hit.document))?;
        let passage = if hit.passage == HEADER_PASSAGE {
            "header".to_string()
        } else {
            format!("passage {}", hit.passage)
        };
        writeln!(w, "     {} · {passage}", document_line(&hit.document))?;
        writeln!(
            w,
            "     {}",
            render_passage(&hit.text, &hit.highlights, marker, CROP_CHARS)
        )?;
    }
    Ok(())
}

/// The metadata of a document as search JSON carries it.
#[derive(Debug, Serialize)]
pub struct JsonDocument<'a> {
    pub title: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub body: Option<&'a str>,
    pub date: Option<DocDate>,
    pub date_precision: Option<Precision>,
    /// A revised law's first act; `date` is its latest revision's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enacted: Option<DocDate>,
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
    /// The document's number in this index (`/doc/ID` in `gongwen serve`); it changes
    /// when the index is built again.
    pub id: u64,
}

impl<'a> JsonDocument<'a> {
    fn new(doc: &'a DocumentRecord) -> JsonDocument<'a> {
        let m = &doc.meta;
        JsonDocument {
            title: m.title.as_deref(),
            subtitle: m.subtitle.as_deref(),
            speaker: m.speaker.as_deref(),
            body: m.body.as_deref(),
            date: m.date,
            date_precision: m.date.map(|d| d.precision()),
            enacted: m.enacted,
            publish_date: m.publish_date,
            series: m.series.as_deref(),
            issue: m.issue.as_deref(),
            collection: m.collection.as_deref(),
            doc_type: m.doc_type.as_deref(),
            extra: &m.extra,
            path: &doc.path,
            section: doc.section,
            id: doc.id,
        }
    }
}

/// A passage of a document hit in JSON: `passage` is `null` for the header.
#[derive(Debug, Serialize)]
pub struct JsonPassage<'a> {
    pub passage: Option<u64>,
    #[serde(rename = "in")]
    pub place: &'static str,
    pub score: f32,
    pub text: &'a str,
    pub highlights: &'a [(usize, usize)],
}

/// The JSON object of one document hit (the README documents this schema).
#[derive(Debug, Serialize)]
pub struct JsonDocumentHit<'a> {
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub document: JsonDocument<'a>,
    pub matching_passages: usize,
    pub occurrences: usize,
    pub title_highlights: &'a [(usize, usize)],
    pub passages: Vec<JsonPassage<'a>>,
}

impl<'a> JsonDocumentHit<'a> {
    pub fn new(hit: &'a DocumentHit) -> JsonDocumentHit<'a> {
        JsonDocumentHit {
            rank: hit.rank,
            score: hit.score,
            document: JsonDocument::new(&hit.document),
            matching_passages: hit.matching_passages,
            occurrences: hit.occurrences,
            title_highlights: &hit.title_highlights,
            passages: hit
                .passages
                .iter()
                .map(|p| JsonPassage {
                    passage: (p.passage != HEADER_PASSAGE).then_some(p.passage),
                    place: place_name(p.passage),
                    score: p.score,
                    text: &p.text,
                    highlights: &p.highlights,
                })
                .collect(),
        }
    }
}

/// Search results as JSON Lines, one document a line.
pub fn search_json(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, &JsonDocumentHit::new(hit))?;
        writeln!(w)?;
    }
    Ok(())
}

/// The JSON object of one passage hit (`--passages`; the README documents this schema).
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub document: JsonDocument<'a>,
    /// The passage's ordinal; `null` for the header (`in` says which).
    pub passage: Option<u64>,
    #[serde(rename = "in")]
    pub place: &'static str,
    pub text: &'a str,
    pub highlights: &'a [(usize, usize)],
}

impl<'a> JsonHit<'a> {
    pub fn new(hit: &'a Hit) -> JsonHit<'a> {
        JsonHit {
            rank: hit.rank,
            score: hit.score,
            document: JsonDocument::new(&hit.document),
            passage: (hit.passage != HEADER_PASSAGE).then_some(hit.passage),
            place: place_name(hit.passage),
            text: &hit.text,
            highlights: &hit.highlights,
        }
    }
}

/// `"header"` or `"passage"`, for JSON's `in`.
fn place_name(passage: u64) -> &'static str {
    if passage == HEADER_PASSAGE {
        "header"
    } else {
        "passage"
    }
}

/// A passage list as JSON Lines, one passage a line (`search --passages --json`).
pub fn passages_json(w: &mut dyn Write, results: &PassageResults) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, &JsonHit::new(hit))?;
        writeln!(w)?;
    }
    Ok(())
}
