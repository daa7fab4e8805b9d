//! The concordance: mentions grouped by document, one aligned line per mention, totals
//! per term at the end.

use std::io::{self, Write};

use super::{Marker, document_line, title};
use crate::mentions::Mention;
use crate::mentions::counts::StreamTotals;
use crate::search::aliases::Entity;
use crate::text::char_width;

/// Columns given to each side of a concordance line.
pub const KWIC_COLUMNS: usize = 36;

/// One concordance line: left context right-aligned to [`KWIC_COLUMNS`], the match
/// marked, the right context cut to the same width. Line breaks in the context show as
/// spaces.
pub fn kwic_line(m: &Mention, marker: Marker) -> String {
    let mut line = String::with_capacity(4 * KWIC_COLUMNS + m.matched().len() + 16);
    write_kwic_line(&mut line, m, marker);
    line
}

/// [`kwic_line`] appended to `line`: half a million lines for a common character, so
/// no allocation but the line's own, and context copied as slices.
fn write_kwic_line(line: &mut String, m: &Mention, marker: Marker) {
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
fn push_digits(line: &mut String, n: u64) -> usize {
    let mut digits = [0u8; 20];
    let digits = super::decimal(n, &mut digits);
    line.push_str(std::str::from_utf8(digits).expect("digits are ASCII"));
    digits.len()
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
    fn document(&mut self, w: &mut dyn Write, mentions: &[Mention]) -> io::Result<()>;
    /// After the last document.
    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()>;
    /// What the printer writes of each document, made apart from it (see
    /// [`MentionLines`]); `None` for a printer that writes only in order.
    fn lines(&self) -> Option<Box<dyn MentionLines>> {
        None
    }
    /// [`MentionPrinter::document`] for mentions whose lines [`MentionPrinter::lines`]
    /// made already.
    fn document_lines(&mut self, w: &mut dyn Write, m: &[Mention], _: &[u8]) -> io::Result<()> {
        self.document(w, m)
    }
}

/// The lines a printer writes of one document's mentions, which depend on nothing the
/// printer keeps (totals, a header written once): the threads that read and scan the
/// text make them ahead of printing, every core formatting (printing the concordance
/// of 的 was half the time of it, all on one thread).
pub trait MentionLines: Send + Sync {
    fn write(&self, mentions: &[Mention], out: &mut Vec<u8>);
}

/// The concordance: mentions grouped by document, a header per document with its count,
/// one aligned line per mention, per-term (and per-alias) and combined totals at the end.
pub struct Concordance<'e> {
    entities: &'e [Entity],
    marker: Marker,
    totals: StreamTotals,
}

impl<'e> Concordance<'e> {
    pub fn new(entities: &'e [Entity], marker: Marker) -> Self {
        Concordance {
            entities,
            marker,
            totals: StreamTotals::new(entities),
        }
    }
}

/// Bytes of a typical concordance line: the passage number, the left context's columns,
/// the marked match and the right context's, mostly three-byte characters.
const LINE_BYTES: usize = 8 + 3 * KWIC_COLUMNS + 12;

/// A document of the concordance: its header line, a line per mention, a blank line.
struct ConcordanceLines {
    marker: Marker,
}

impl MentionLines for ConcordanceLines {
    fn write(&self, mentions: &[Mention], out: &mut Vec<u8>) {
        let Some(first) = mentions.first() else {
            return;
        };
        let doc = &first.document;
        let header = format!(
            "{} · {} ({})\n",
            title(doc),
            document_line(doc),
            super::count(mentions.len(), "mention", "mentions")
        );
        // A line is about [`LINE_BYTES`]: one allocation per document, not a dozen
        // regrowths of a buffer that reaches megabytes (an eighth of the time of 的).
        out.reserve(header.len() + mentions.len() * LINE_BYTES + 1);
        out.extend_from_slice(header.as_bytes());
        let mut line = String::new();
        for m in mentions {
            line.clear();
            // `  #{:<4} `, without the formatting machinery; `  head  ` in the header.
            if m.passage == crate::document::HEADER_PASSAGE {
                line.push_str("  head  ");
            } else {
                line.push_str("  #");
                let digits = push_digits(&mut line, m.passage);
                line.extend(std::iter::repeat_n(' ', 5usize.saturating_sub(digits)));
            }
            write_kwic_line(&mut line, m, self.marker);
            line.push('\n');
            out.extend_from_slice(line.as_bytes());
        }
        out.push(b'\n');
    }
}

impl MentionPrinter for Concordance<'_> {
    fn document(&mut self, w: &mut dyn Write, mentions: &[Mention]) -> io::Result<()> {
        let mut lines = Vec::new();
        ConcordanceLines {
            marker: self.marker,
        }
        .write(mentions, &mut lines);
        self.document_lines(w, mentions, &lines)
    }

    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write_totals(w, self.entities, &self.totals)
    }

    fn lines(&self) -> Option<Box<dyn MentionLines>> {
        Some(Box::new(ConcordanceLines {
            marker: self.marker,
        }))
    }

    fn document_lines(
        &mut self,
        w: &mut dyn Write,
        mentions: &[Mention],
        lines: &[u8],
    ) -> io::Result<()> {
        w.write_all(lines)?;
        self.totals.add_document(mentions);
        Ok(())
    }
}

/// A sorted concordance: one line per mention in the order given (by context), each
/// naming its document and passage, since neighbours come from anywhere; the totals at
/// the end as in [`Concordance`], counted before sorting.
pub struct SortedConcordance<'e> {
    entities: &'e [Entity],
    marker: Marker,
    totals: StreamTotals,
    line: String,
}

impl<'e> SortedConcordance<'e> {
    /// `totals`: the mentions' totals, added document by document before sorting.
    pub fn new(entities: &'e [Entity], marker: Marker, totals: StreamTotals) -> Self {
        SortedConcordance {
            entities,
            marker,
            totals,
            line: String::new(),
        }
    }
}

impl MentionPrinter for SortedConcordance<'_> {
    fn document(&mut self, w: &mut dyn Write, mentions: &[Mention]) -> io::Result<()> {
        for m in mentions {
            self.line.clear();
            write_kwic_line(&mut self.line, m, self.marker);
            self.line.push_str("  · ");
            self.line.push_str(title(&m.document));
            self.line.push_str(" · ");
            self.line.push_str(&document_line(&m.document));
            if m.passage == crate::document::HEADER_PASSAGE {
                self.line.push_str(" head");
            } else {
                self.line.push_str(" #");
                push_digits(&mut self.line, m.passage);
            }
            self.line.push('\n');
            w.write_all(self.line.as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w)?;
        write_totals(w, self.entities, &self.totals)
    }
}

/// Per-term (and per-alias) and combined totals of a concordance.
fn write_totals(w: &mut dyn Write, entities: &[Entity], totals: &StreamTotals) -> io::Result<()> {
    for (entity, t) in entities.iter().zip(&totals.per_term) {
        let c = &t.counts;
        write!(w, "{}: {}", entity.name, in_passages(c))?;
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
    if entities.len() > 1 {
        let c = &totals.all.counts;
        writeln!(w, "all terms: {}", in_passages(c))?;
    }
    Ok(())
}

/// `3 occurrences in 2 passages of 1 document`, each noun as its number wants.
fn in_passages(c: &crate::mentions::Counts) -> String {
    format!(
        "{} in {} of {}",
        super::count(c.occurrences, "occurrence", "occurrences"),
        super::count(c.passages, "passage", "passages"),
        super::count(c.documents, "document", "documents")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::str_width;

    #[test]
    fn kwic_lines_align_matches_whatever_the_context_width() {
        use crate::catalog::DocumentRecord;
        use Mention;
        let doc = DocumentRecord {
            id: 0,
            path: "a.txt".into(),
            section: 0,
            meta: Default::default(),
            encoding: "UTF-8".into(),
            header: false,
            passages: 1,
            chars: 10,
            names: Default::default(),
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
}
