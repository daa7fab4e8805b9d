//! Count tables and trend tables for the terminal.

use std::io::{self, Write};

use super::title;
use crate::mentions::counts::{CountTable, GroupBy};
use crate::text::str_width;
use crate::trend::Trend;

/// A count table, one row per group, then the total.
pub fn mentions_table(w: &mut dyn Write, table: &CountTable<'_>) -> io::Result<()> {
    let by = table.by;
    let label = match by {
        GroupBy::Doc => "document",
        GroupBy::Year => "year",
        GroupBy::Speaker => "speaker",
        GroupBy::Body => "body",
    };
    writeln!(w, "{label}\toccurrences\tpassages\tdocuments")?;
    for row in &table.rows {
        let name = match (&row.key, by) {
            (Some(k), GroupBy::Doc) => row
                .document
                .map_or(k.clone(), |d| format!("{} ({k})", title(d))),
            (Some(k), _) => k.clone(),
            (None, GroupBy::Year) => "undated".to_string(),
            (None, _) => "(none)".to_string(),
        };
        let c = &row.counts;
        writeln!(
            w,
            "{name}\t{}\t{}\t{}",
            c.occurrences, c.passages, c.documents
        )?;
    }
    let t = &table.total;
    writeln!(
        w,
        "total\t{}\t{}\t{}",
        t.occurrences, t.passages, t.documents
    )
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
pub fn trend_table(w: &mut dyn Write, trend: &Trend) -> io::Result<()> {
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
