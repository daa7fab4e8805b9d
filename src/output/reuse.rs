//! Shared passages printed: for the terminal, the documents by how much of them is
//! shared, the pairs, and each pair's passages with their differences marked as wdiff
//! does (`[-first-]{+second+}`); JSON Lines and CSV with one row per aligned passage.

use std::io::{self, Write};

use serde::Serialize;

use super::csv::field;
use super::table::write_aligned;
use super::{count, group, title};
use crate::catalog::DocumentRecord;
use crate::reuse::{Reuse, SharedPassage};

/// Characters of a passage's marked text the table shows.
const SHOWN_CHARS: usize = 240;

/// `0.4183` as `41.8%`.
fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Paragraph numbers as ranges: `¶3–5, 9`.
pub fn parts(list: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    for run in list.chunk_by(|x, y| y == &(x + 1)) {
        let (first, last) = (run[0], run[run.len() - 1]);
        out.push(if first == last {
            format!("{first}")
        } else {
            format!("{first}–{last}")
        });
    }
    format!("¶{}", out.join(", "))
}

fn short(doc: &DocumentRecord) -> String {
    let date = doc.meta.date.map(|d| format!(" ({d})")).unwrap_or_default();
    format!("{}{date}", title(doc))
}

/// The table: totals, documents by shared share, pairs, and the first pairs' passages.
pub fn table(
    w: &mut dyn Write,
    found: &Reuse,
    limit: usize,
    shown_passages: usize,
    said: &str,
) -> io::Result<()> {
    let second = if found.two_sets {
        count(found.second_documents, "document", "documents")
    } else {
        "(within the first)".into()
    };
    writeln!(
        w,
        "first: {}; second: {second}; {said}\n{} candidate pairs aligned; {} pairs share {}",
        count(found.first_documents, "document", "documents"),
        group(found.candidates),
        group(found.pairs.len()),
        count(found.passages.len(), "passage", "passages"),
    )?;
    document_rows(w, found, limit)?;
    pair_rows(w, found, limit)?;
    for (i, pair) in found.pairs.iter().take(limit.min(5)).enumerate() {
        pair_passages(w, found, i, pair, shown_passages)?;
    }
    Ok(())
}

/// The documents by their shared share.
fn document_rows(w: &mut dyn Write, found: &Reuse, limit: usize) -> io::Result<()> {
    let docs = &found.documents;
    let mut rows = vec![
        [
            "#",
            "shared",
            "chars",
            "with",
            "most from",
            "parts",
            "document",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, s) in found.shares.iter().take(limit).enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            percent(s.share),
            group(s.shared as usize),
            s.partners.to_string(),
            short(&docs[s.main_partner]),
            parts(&s.parts),
            short(&docs[s.doc]),
        ]);
    }
    writeln!(
        w,
        "\ndocuments by their shared share ({} in all)",
        group(found.shares.len())
    )?;
    if rows.len() > 1 {
        write_aligned(w, &rows, 2)?;
    }
    Ok(())
}

/// The pairs by shared share.
fn pair_rows(w: &mut dyn Write, found: &Reuse, limit: usize) -> io::Result<()> {
    let docs = &found.documents;
    let mut rows = vec![
        [
            "#",
            "first",
            "second",
            "passages",
            "first document",
            "second document",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, p) in found.pairs.iter().take(limit).enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            percent(p.a_share),
            percent(p.b_share),
            p.passages.to_string(),
            short(&docs[p.a]),
            short(&docs[p.b]),
        ]);
    }
    writeln!(
        w,
        "\npairs by shared share ({} in all)",
        group(found.pairs.len())
    )?;
    if rows.len() > 1 {
        write_aligned(w, &rows, 2)?;
    }
    Ok(())
}

/// One pair's longest passages, differences marked.
fn pair_passages(
    w: &mut dyn Write,
    found: &Reuse,
    i: usize,
    pair: &crate::reuse::PairShare,
    shown: usize,
) -> io::Result<()> {
    let docs = &found.documents;
    let mine = found
        .passages
        .iter()
        .filter(|p| (p.a, p.b) == (pair.a, pair.b));
    let mut mine: Vec<&SharedPassage> = mine.collect();
    mine.sort_by_key(|p| std::cmp::Reverse(p.a_length));
    writeln!(
        w,
        "\n#{} {}  ←→  {}",
        i + 1,
        short(&docs[pair.a]),
        short(&docs[pair.b])
    )?;
    for p in mine.iter().take(shown) {
        writeln!(
            w,
            "  ¶{} {}–{} ↔ ¶{} {}–{}, {} chars, {} identical, in {} documents",
            p.a_passage,
            p.a_span.0,
            p.a_span.1,
            p.b_passage,
            p.b_span.0,
            p.b_span.1,
            p.a_length,
            percent(p.identity()),
            p.documents
        )?;
        let marked = p.marked();
        let shown: String = marked.chars().take(SHOWN_CHARS).collect();
        let more = if marked.chars().count() > SHOWN_CHARS {
            "…"
        } else {
            ""
        };
        writeln!(w, "    {}{more}", shown.replace('\n', " "))?;
    }
    Ok(())
}

/// One aligned passage as a JSON Lines / CSV row.
#[derive(Serialize)]
struct Row<'a> {
    a_id: u64,
    a_title: &'a str,
    a_date: Option<String>,
    a_path: &'a str,
    a_passage: u64,
    a_start: u32,
    a_end: u32,
    b_id: u64,
    b_title: &'a str,
    b_date: Option<String>,
    b_path: &'a str,
    b_passage: u64,
    b_start: u32,
    b_end: u32,
    a_length: u32,
    b_length: u32,
    matches: u32,
    identity: f64,
    documents: u32,
    pair_a_share: f64,
    pair_b_share: f64,
    a_text: String,
    b_text: String,
    marked: String,
}

fn rows(found: &Reuse) -> impl Iterator<Item = Row<'_>> {
    let shares: std::collections::HashMap<(usize, usize), (f64, f64)> = found
        .pairs
        .iter()
        .map(|x| ((x.a, x.b), (x.a_share, x.b_share)))
        .collect();
    let pair_of = move |p: &SharedPassage| shares.get(&(p.a, p.b)).copied().unwrap_or_default();
    found.passages.iter().map(move |p| {
        let (a, b) = (&found.documents[p.a], &found.documents[p.b]);
        let (pair_a_share, pair_b_share) = pair_of(p);
        Row {
            a_id: a.id,
            a_title: title(a),
            a_date: a.meta.date.map(|d| d.to_string()),
            a_path: &a.path,
            a_passage: p.a_passage,
            a_start: p.a_span.0,
            a_end: p.a_span.1,
            b_id: b.id,
            b_title: title(b),
            b_date: b.meta.date.map(|d| d.to_string()),
            b_path: &b.path,
            b_passage: p.b_passage,
            b_start: p.b_span.0,
            b_end: p.b_span.1,
            a_length: p.a_length,
            b_length: p.b_length,
            matches: p.matches,
            identity: p.identity(),
            documents: p.documents,
            pair_a_share,
            pair_b_share,
            a_text: p.a_text(),
            b_text: p.b_text(),
            marked: p.marked(),
        }
    })
}

/// One JSON object a line per aligned passage, pair by pair.
pub fn json(w: &mut dyn Write, found: &Reuse) -> io::Result<()> {
    for row in rows(found) {
        serde_json::to_writer(&mut *w, &row)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM), one row per aligned passage.
pub fn csv(w: &mut dyn Write, found: &Reuse) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "a_id,a_title,a_date,a_path,a_passage,a_start,a_end,b_id,b_title,b_date,b_path,\
         b_passage,b_start,b_end,a_length,b_length,matches,identity,documents,pair_a_share,\
         pair_b_share,a_text,b_text,marked"
    )?;
    for r in rows(found) {
        let cells = [
            r.a_id.to_string(),
            field(r.a_title),
            r.a_date.unwrap_or_default(),
            field(r.a_path),
            r.a_passage.to_string(),
            r.a_start.to_string(),
            r.a_end.to_string(),
            r.b_id.to_string(),
            field(r.b_title),
            r.b_date.unwrap_or_default(),
            field(r.b_path),
            r.b_passage.to_string(),
            r.b_start.to_string(),
            r.b_end.to_string(),
            r.a_length.to_string(),
            r.b_length.to_string(),
            r.matches.to_string(),
            format!("{:.4}", r.identity),
            r.documents.to_string(),
            format!("{:.4}", r.pair_a_share),
            format!("{:.4}", r.pair_b_share),
            field(&r.a_text),
            field(&r.b_text),
            field(&r.marked),
        ];
        writeln!(w, "{}", cells.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraph_numbers_print_as_ranges() {
        assert_eq!(super::parts(&[3, 4, 5, 9, 11, 12]), "¶3–5, 9, 11–12");
    }
}
