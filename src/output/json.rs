//! JSON Lines: one object per mention or per trend point.

use std::io::{self, Write};

use serde::Serialize;

use super::concordance::{MentionLines, MentionPrinter};
use crate::document::{DocDate, HEADER_PASSAGE};
use crate::mentions::Mention;
use crate::trend::Trend;

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
    /// The passage's ordinal; `null` in the header (`in` says which).
    pub passage: Option<u64>,
    /// Where the occurrence stands: `"header"` (title, subtitle, speaker, body,
    /// collection) or `"passage"`.
    #[serde(rename = "in")]
    pub place: &'static str,
    pub start: usize,
    pub end: usize,
    pub left: &'a str,
    #[serde(rename = "match")]
    pub matched: &'a str,
    pub right: &'a str,
}

impl<'a> JsonMention<'a> {
    pub fn new(m: &'a Mention) -> JsonMention<'a> {
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
            passage: (m.passage != HEADER_PASSAGE).then_some(m.passage),
            place: if m.passage == HEADER_PASSAGE {
                "header"
            } else {
                "passage"
            },
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
    fn document(&mut self, w: &mut dyn Write, mentions: &[Mention]) -> io::Result<()> {
        let mut lines = Vec::new();
        JsonLines.write(mentions, &mut lines);
        w.write_all(&lines)
    }
    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn lines(&self) -> Option<Box<dyn MentionLines>> {
        Some(Box::new(JsonLines))
    }
    fn document_lines(&mut self, w: &mut dyn Write, _: &[Mention], lines: &[u8]) -> io::Result<()> {
        w.write_all(lines)
    }
}

/// What the lines of one document's mentions of one name share: [`JsonMention`] up to
/// `section`.
#[derive(Serialize)]
struct JsonHead<'a> {
    term: &'a str,
    variant: &'a str,
    title: Option<&'a str>,
    speaker: Option<&'a str>,
    body: Option<&'a str>,
    date: Option<DocDate>,
    path: &'a str,
    section: usize,
}

/// The rest of [`JsonMention`], after `section`.
#[derive(Serialize)]
struct JsonTail<'a> {
    passage: Option<u64>,
    #[serde(rename = "in")]
    place: &'static str,
    start: usize,
    end: usize,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
}

impl MentionLines for JsonLines {
    /// Each line is a [`JsonMention`], written as its head (made once per name and
    /// document: escaping the title, body and path of every line was an eighth of the
    /// time of 的) and its tail.
    fn write(&self, mentions: &[Mention], out: &mut Vec<u8>) {
        // The heads of the current document (mentions come document by document).
        let mut heads: Vec<((usize, usize), Vec<u8>)> = Vec::new();
        let mut document = None;
        for m in mentions {
            if document != Some(m.document.id) {
                document = Some(m.document.id);
                heads.clear();
            }
            let key = (m.entity, m.alias);
            let at = match heads.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    heads.push((key, json_head(m)));
                    heads.len() - 1
                }
            };
            out.extend_from_slice(&heads[at].1);
            let j = JsonMention::new(m);
            let tail = JsonTail {
                passage: j.passage,
                place: j.place,
                start: j.start,
                end: j.end,
                left: j.left,
                matched: j.matched,
                right: j.right,
            };
            let from = out.len();
            serde_json::to_writer(&mut *out, &tail).expect("a mention serialises into memory");
            // The tail's opening brace continues the head's object.
            out[from] = b',';
            out.push(b'\n');
        }
    }
}

/// The head of `m`'s line: the object opened, its fields up to `section`, no `}`.
fn json_head(m: &Mention) -> Vec<u8> {
    let j = JsonMention::new(m);
    let head = JsonHead {
        term: j.term,
        variant: j.variant,
        title: j.title,
        speaker: j.speaker,
        body: j.body,
        date: j.date,
        path: j.path,
        section: j.section,
    };
    let mut bytes = serde_json::to_vec(&head).expect("a mention serialises into memory");
    bytes.pop();
    bytes
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

pub(super) fn trend_points(trend: &Trend) -> Vec<TrendPoint<'_>> {
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
pub fn trend_json(w: &mut dyn Write, trend: &Trend) -> io::Result<()> {
    for point in trend_points(trend) {
        serde_json::to_writer(&mut *w, &point)?;
        writeln!(w)?;
    }
    Ok(())
}

/// One row of a count table as JSON (`mentions --by … --json`).
#[derive(Debug, Serialize)]
pub struct JsonCountRow<'a> {
    /// The group: the year, speaker, body, or `path §section`; `null` for undated (or no
    /// speaker, no body); `"total"` on the last line.
    pub group: Option<&'a str>,
    /// With `--by doc`: the document's date and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DocDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Occurrences of each term.
    pub terms: std::collections::BTreeMap<&'a str, usize>,
    pub occurrences: usize,
    pub passages: usize,
    pub documents: usize,
    /// On the total line of a table by document or year: each term's dispersion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion:
        Option<std::collections::BTreeMap<&'a str, crate::mentions::dispersion::Dispersion>>,
}

/// A count table as JSON Lines: one object per row, then the total.
pub fn count_table_json(
    w: &mut dyn Write,
    table: &crate::mentions::counts::CountTable<'_>,
) -> io::Result<()> {
    let terms = |per_term: &[usize]| {
        table
            .terms
            .iter()
            .map(String::as_str)
            .zip(per_term.iter().copied())
            .collect()
    };
    for row in &table.rows {
        let line = JsonCountRow {
            group: row.key.as_deref(),
            date: row.document.and_then(|d| d.meta.date),
            title: row.document.and_then(|d| d.meta.title.as_deref()),
            terms: terms(&row.per_term),
            occurrences: row.counts.occurrences,
            passages: row.counts.passages,
            documents: row.counts.documents,
            dispersion: None,
        };
        serde_json::to_writer(&mut *w, &line)?;
        writeln!(w)?;
    }
    let total = JsonCountRow {
        group: Some("total"),
        date: None,
        title: None,
        terms: terms(&table.total_per_term),
        occurrences: table.total.occurrences,
        passages: table.total.passages,
        documents: table.total.documents,
        dispersion: (!table.dispersion.is_empty()).then(|| {
            table
                .terms
                .iter()
                .map(String::as_str)
                .zip(table.dispersion.iter().copied())
                .collect()
        }),
    };
    serde_json::to_writer(&mut *w, &total)?;
    writeln!(w)
}

/// Variants as JSON Lines, one object per term.
pub fn variants_json(
    w: &mut dyn Write,
    variants: &[crate::mentions::variants::Variants],
) -> io::Result<()> {
    for v in variants {
        serde_json::to_writer(&mut *w, v)?;
        writeln!(w)?;
    }
    Ok(())
}
