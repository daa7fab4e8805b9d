//! Printers: they take plain result structs and write to any `Write`; they never touch
//! the index and never count (counting lives in `mentions`). Human output highlights
//! with ANSI colour or with 【】 and crops long passages to a window around the matches;
//! JSON output is one object per line; CSV is UTF-8 with a BOM, for Excel.

pub mod cite;
pub mod concordance;
pub mod csv;
pub mod docs;
pub mod export;
pub mod index;
pub mod json;
pub mod names;
pub mod png;
pub mod research;
pub mod reuse;
pub mod search;
pub mod spread;
pub mod svg;
pub mod table;

use crate::catalog::DocumentRecord;
pub use concordance::{
    Concordance, KWIC_COLUMNS, MentionLines, MentionPrinter, SortedConcordance, kwic_line,
};
pub use csv::{Csv, count_table_csv, search_csv, trend_csv};
pub use docs::{docs_human, docs_json};
pub use index::{index_outcome, index_summary, verification};
pub use json::{JsonLines, JsonMention, TrendPoint, count_table_json, trend_json, variants_json};
pub use names::{names_csv, names_json, names_table};
pub use png::png_of_svg;
pub use search::{JsonDocumentHit, JsonHit};
pub use search::{passages_human, passages_json, search_human, search_json};
pub use svg::{trend_svg, year_bars_svg};
pub use table::{bar, count_table_by_term, mentions_table, trend_table, variants_table};

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
    pub(crate) fn open(self) -> &'static str {
        match self {
            Marker::Color => "\x1b[1;31m",
            Marker::Brackets => "【",
        }
    }
    pub(crate) fn close(self) -> &'static str {
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
    let (mut start, mut end) = (best.0, best.0 + width);
    // Never cut a match: a window edge inside one moves out to its end.
    for &(s, e) in highlights {
        if s < start && start < e {
            start = s;
        }
        if s < end && end < e {
            end = e.min(len);
        }
    }
    (start, end)
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

pub(crate) fn title(doc: &DocumentRecord) -> &str {
    doc.meta.title.as_deref().unwrap_or("(untitled)")
}

/// `n thing`/`n things`, `n` grouped by thousands.
/// The decimal digits of `n`, written at the end of `digits`: the lines of a
/// concordance or a CSV number their passages without the formatting machinery.
fn decimal(mut n: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut from = digits.len();
    loop {
        from -= 1;
        digits[from] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &digits[from..]
}

pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// `4118` as `4,118`.
pub fn group(n: usize) -> String {
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
    fn crops_around_matches_with_ellipses() {
        let text = "甲".repeat(100) + "稳增长" + &"乙".repeat(100);
        let shown = render_passage(&text, &[(100, 103)], Marker::Brackets, 40);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("【稳增长】"));
        assert_eq!(shown.chars().count(), 40 + 2 + 2);
    }

    #[test]
    fn a_crop_never_cuts_a_match() {
        // A long match straddling where the window would end, and one where it starts.
        let text: String = "甲".repeat(200) + "国务院办公厅" + &"乙".repeat(200);
        let highlights = [(10, 12), (200, 206)];
        for width in [40, 100, 195, 197] {
            let (start, end) = crop_window(text.chars().count(), &highlights, width);
            for &(s, e) in &highlights {
                assert!(
                    e <= start || s >= end || (s >= start && e <= end),
                    "{width}: ({start}, {end}) cuts ({s}, {e})"
                );
            }
        }
        let shown = render_passage(&text, &highlights, Marker::Brackets, 203);
        assert!(shown.contains("【国务院办公厅】"), "{shown}");
    }

    #[test]
    fn short_passage_is_whole() {
        assert_eq!(
            render_passage("稳增长", &[(0, 1), (2, 3)], Marker::Brackets, 40),
            "【稳】增【长】"
        );
    }
}
