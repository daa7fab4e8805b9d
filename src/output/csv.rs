//! CSV (UTF-8 with BOM, for Excel): one row per mention or per trend point.

use std::io::{self, Write};

use super::concordance::{MentionLines, MentionPrinter};
use super::json::{JsonMention, trend_points};
use crate::mentions::Mention;
use crate::trend::Trend;

pub(crate) fn field(s: &str) -> String {
    csv_field(s)
}

/// A cell. One opening with `=`, `+`, `-`, `@`, a tab or a carriage return is one a
/// spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, from a file name or a
/// manifest's title): it is written as text, a `'` before it and quoted, as OWASP's
/// guidance on CSV injection recommends. No cell gongwen computes opens so (counts are
/// never negative), so only such text changes.
fn csv_field(s: &str) -> String {
    let mut out = Vec::new();
    push_csv_field(&mut out, s);
    String::from_utf8(out).expect("a cell of text is text")
}

/// [`csv_field`] appended to `out`, with no allocation of its own.
fn push_csv_field(out: &mut Vec<u8>, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !formula && !s.contains([',', '"', '\n', '\r']) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    for part in s.split_inclusive('"') {
        out.extend_from_slice(part.as_bytes());
        if part.ends_with('"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
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
    fn document(&mut self, w: &mut dyn Write, mentions: &[Mention]) -> io::Result<()> {
        let mut lines = Vec::new();
        CsvRows.write(mentions, &mut lines);
        self.document_lines(w, mentions, &lines)
    }
    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        self.start(w)
    }
    fn lines(&self) -> Option<Box<dyn MentionLines>> {
        Some(Box::new(CsvRows))
    }
    fn document_lines(&mut self, w: &mut dyn Write, _: &[Mention], lines: &[u8]) -> io::Result<()> {
        self.start(w)?;
        w.write_all(lines)
    }
}

/// The CSV rows of mentions.
struct CsvRows;

impl MentionLines for CsvRows {
    /// Each row's first seven cells (term to section) are made once per term in the
    /// document, the rest per mention.
    fn write(&self, mentions: &[Mention], out: &mut Vec<u8>) {
        // The heads of the current document (mentions come document by document).
        let mut heads: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut document = None;
        for m in mentions {
            if document != Some(m.document.id) {
                document = Some(m.document.id);
                heads.clear();
            }
            let at = match heads.iter().position(|(entity, _)| *entity == m.entity) {
                Some(at) => at,
                None => {
                    heads.push((m.entity, csv_head(m)));
                    heads.len() - 1
                }
            };
            out.extend_from_slice(&heads[at].1);
            let j = JsonMention::new(m);
            match j.passage {
                Some(p) => push_number(out, p as usize),
                None => out.extend_from_slice(b"header"),
            }
            for n in [j.start, j.end] {
                out.push(b',');
                push_number(out, n);
            }
            for cell in [j.left, j.matched, j.right] {
                out.push(b',');
                push_csv_field(out, cell);
            }
            out.push(b'\n');
        }
    }
}

/// The cells of `m`'s row from `term` to `section`, each followed by its comma.
fn csv_head(m: &Mention) -> Vec<u8> {
    let j = JsonMention::new(m);
    let date = j.date.map(|d| d.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    for cell in [
        j.term,
        j.title.unwrap_or(""),
        j.speaker.unwrap_or(""),
        j.body.unwrap_or(""),
        &date,
        j.path,
        &j.section.to_string(),
    ] {
        push_csv_field(&mut out, cell);
        out.push(b',');
    }
    out
}

/// Appends `n` in decimal (as a cell: no quoting needed).
fn push_number(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    out.extend_from_slice(super::decimal(n as u64, &mut digits));
}

/// A trend as CSV (UTF-8 with BOM).
pub fn trend_csv(w: &mut dyn Write, trend: &Trend) -> io::Result<()> {
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

/// A count table as CSV (UTF-8 with BOM): the group (with date and title for
/// documents), a column per term, occurrences, passages and documents; the total last.
pub fn count_table_csv(
    w: &mut dyn Write,
    table: &crate::mentions::counts::CountTable<'_>,
) -> io::Result<()> {
    use crate::mentions::counts::GroupBy;
    w.write_all("\u{FEFF}".as_bytes())?;
    let doc = table.by == GroupBy::Doc;
    let mut header: Vec<String> = vec!["group".into()];
    if doc {
        header.extend(["date".to_string(), "title".to_string()]);
    }
    header.extend(table.terms.iter().cloned());
    header.extend(["occurrences", "passages", "documents"].map(String::from));
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    writeln!(w, "{}", line(header))?;
    let numbers = |per_term: &[usize], c: &crate::mentions::Counts| {
        per_term
            .iter()
            .chain([c.occurrences, c.passages, c.documents].iter())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    for row in &table.rows {
        let mut cells = vec![super::table::row_name(row.key.as_deref(), table.by)];
        if doc {
            let d = row.document;
            cells.push(
                d.and_then(|d| d.meta.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            );
            cells.push(d.and_then(|d| d.meta.title.clone()).unwrap_or_default());
        }
        cells.extend(numbers(&row.per_term, &row.counts));
        writeln!(w, "{}", line(cells))?;
    }
    let mut cells = vec!["total".to_string()];
    if doc {
        cells.extend([String::new(), String::new()]);
    }
    cells.extend(numbers(&table.total_per_term, &table.total));
    writeln!(w, "{}", line(cells))?;
    // Dispersion rows: the measures under the terms' columns.
    for (label, values) in super::table::dispersion_rows(table) {
        let mut cells = vec![label.to_string()];
        if doc {
            cells.extend([String::new(), String::new()]);
        }
        cells.extend(values);
        cells.extend([String::new(), String::new(), String::new()]);
        writeln!(w, "{}", line(cells))?;
    }
    Ok(())
}

/// A result list as CSV (UTF-8 with BOM): one row per passage shown under a document
/// (the document alone when none is), with the query and filters it was made with in
/// the first columns, so that a file says what it answers.
pub fn search_csv(
    w: &mut dyn Write,
    made_with: &str,
    hits: &[crate::search::DocumentHit],
) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "query,rank,title,date,speaker,body,doc_type,path,section,passage,text"
    )?;
    for hit in hits {
        let d = &hit.document;
        let date = d.meta.date.map(|x| x.to_string()).unwrap_or_default();
        let (rank, section) = (hit.rank.to_string(), d.section.to_string());
        let passages: Vec<(String, &str)> = hit
            .passages
            .iter()
            .map(|p| {
                let place = if p.passage == crate::document::HEADER_PASSAGE {
                    "header".to_string()
                } else {
                    p.passage.to_string()
                };
                (place, p.text.as_str())
            })
            .collect();
        let none = [(String::new(), "")];
        for (passage, text) in if passages.is_empty() {
            &none[..]
        } else {
            &passages[..]
        } {
            let row = [
                made_with,
                &rank,
                crate::output::title(d),
                &date,
                d.meta.speaker.as_deref().unwrap_or(""),
                d.meta.body.as_deref().unwrap_or(""),
                d.meta.doc_type.as_deref().unwrap_or(""),
                &d.path,
                &section,
                passage,
                text,
            ]
            .map(csv_field);
            writeln!(w, "{}", row.join(","))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"点击\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\""
        );
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("+86"), "\"'+86\"");
        assert_eq!(csv_field("-中国石油化工"), "\"'-中国石油化工\"");
        assert_eq!(csv_field("\tx"), "\"'\tx\"");
        // Everything else as before: quoted only when it must be.
        assert_eq!(csv_field("稳增长"), "稳增长");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("——在会上"), "——在会上");
    }
}
