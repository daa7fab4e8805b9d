//! Count tables and trend tables for the terminal.

use std::io::{self, Write};

use super::title;
use crate::mentions::counts::{CountTable, GroupBy};
use crate::mentions::variants::Variants;
use crate::text::str_width;
use crate::trend::Trend;

/// The name a count table's row shows: the group key, or what a missing one means.
pub(crate) fn row_name(key: Option<&str>, by: GroupBy) -> String {
    match (key, by) {
        (Some(k), _) => k.to_string(),
        (None, GroupBy::Year) => "undated".to_string(),
        (None, _) => "(none)".to_string(),
    }
}

/// The dispersion rows under a count table: a label, then one cell per term (range as
/// `12/56`, the measures to three decimals, `—` where undefined). None when the table
/// has no dispersion (not by document or year).
pub(crate) fn dispersion_rows(table: &CountTable<'_>) -> Vec<(&'static str, Vec<String>)> {
    if table.dispersion.is_empty() {
        return Vec::new();
    }
    let cell = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"));
    let d = &table.dispersion;
    vec![
        (
            "range",
            d.iter()
                .map(|x| format!("{}/{}", x.range, x.parts))
                .collect(),
        ),
        (
            "Juilland's D",
            d.iter().map(|x| cell(x.juilland_d)).collect(),
        ),
        ("Gries' DP", d.iter().map(|x| cell(x.dp)).collect()),
        ("DP norm", d.iter().map(|x| cell(x.dp_norm)).collect()),
    ]
}

/// A count table for the terminal, aligned by display width: one row per group (for
/// documents: date, title and file), a column per term when there are several, then
/// all terms' occurrences, passages and documents; the total last, then (by document or
/// year) each term's range, Juilland's D, Gries' DP and DP norm.
pub fn mentions_table(w: &mut dyn Write, table: &CountTable<'_>) -> io::Result<()> {
    let by = table.by;
    let several = table.terms.len() > 1;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(table.rows.len() + 2);
    let mut header: Vec<String> = match by {
        GroupBy::Doc => vec!["date".into(), "document".into()],
        GroupBy::Year => vec!["year".into()],
        GroupBy::Speaker => vec!["speaker".into()],
        GroupBy::Body => vec!["body".into()],
    };
    if several {
        header.extend(table.terms.iter().cloned());
    }
    header.extend(["occurrences", "passages", "documents"].map(String::from));
    rows.push(header);
    let counts = |per_term: &[usize], c: &crate::mentions::Counts| {
        let mut cells: Vec<String> = Vec::new();
        if several {
            cells.extend(per_term.iter().map(|n| n.to_string()));
        }
        cells.extend([c.occurrences, c.passages, c.documents].map(|n| n.to_string()));
        cells
    };
    for row in &table.rows {
        let mut cells = match (by, row.document) {
            (GroupBy::Doc, Some(d)) => vec![
                d.meta
                    .date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                format!("{} ({})", title(d), row_name(row.key.as_deref(), by)),
            ],
            (GroupBy::Doc, None) => vec![String::new(), row_name(row.key.as_deref(), by)],
            _ => vec![row_name(row.key.as_deref(), by)],
        };
        cells.extend(counts(&row.per_term, &row.counts));
        rows.push(cells);
    }
    let mut total = vec!["total".to_string()];
    if by == GroupBy::Doc {
        total.push(String::new());
    }
    total.extend(counts(&table.total_per_term, &table.total));
    rows.push(total);
    // Under each term's column (one term: under the occurrences).
    for (label, values) in dispersion_rows(table) {
        let mut cells = vec![label.to_string()];
        if by == GroupBy::Doc {
            cells.push(String::new());
        }
        cells.extend(values);
        cells.resize(rows[0].len(), String::new());
        rows.push(cells);
    }
    let labels = if by == GroupBy::Doc { 2 } else { 1 };
    write_aligned(w, &rows, labels)
}

/// Rows of cells in columns as wide as their widest cell (display width): the first
/// `labels` columns left-aligned, the numbers right-aligned.
pub(super) fn write_aligned(
    w: &mut dyn Write,
    rows: &[Vec<String>],
    labels: usize,
) -> io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| str_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let fill = " ".repeat(widths[c].saturating_sub(str_width(cell)));
            if c < labels {
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&fill);
                }
            } else {
                line.push_str(&fill);
                line.push_str(cell);
            }
        }
        writeln!(w, "{line}")?;
    }
    Ok(())
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

/// What each term's occurrences sit in: the strings it is followed and preceded by, with
/// counts, commonest first.
pub fn variants_table(w: &mut dyn Write, variants: &[Variants]) -> io::Result<()> {
    for v in variants {
        writeln!(w, "{}: {} occurrences", v.term, v.occurrences)?;
        for (label, list) in [("followed by", &v.followed), ("preceded by", &v.preceded)] {
            writeln!(w, "  {label}:")?;
            let mut rows: Vec<Vec<String>> = Vec::new();
            for (text, n) in list {
                rows.push(vec![format!("    {text}"), n.to_string()]);
            }
            write_aligned(w, &rows, 1)?;
        }
    }
    Ok(())
}

/// A count table turned to one row per term (a list of names checked in one run): the
/// term, its occurrences, then its occurrences in each group, in the table's row order.
pub fn count_table_by_term(
    w: &mut dyn Write,
    table: &CountTable<'_>,
    style: crate::config::TableStyle,
) -> io::Result<()> {
    use crate::config::TableStyle;
    let groups: Vec<String> = table
        .rows
        .iter()
        .map(|r| row_name(r.key.as_deref(), table.by))
        .collect();
    let counts = |n: usize| table.rows.iter().map(move |r| r.per_term[n]);
    match style {
        TableStyle::Json => {
            for (n, term) in table.terms.iter().enumerate() {
                let by_group: std::collections::BTreeMap<&str, usize> =
                    groups.iter().map(String::as_str).zip(counts(n)).collect();
                let mut row = serde_json::json!({
                    "term": term,
                    "occurrences": table.total_per_term[n],
                    "groups": by_group,
                });
                if let Some(d) = table.dispersion.get(n) {
                    row["dispersion"] = serde_json::json!(d);
                }
                writeln!(w, "{row}")?;
            }
            Ok(())
        }
        TableStyle::Csv | TableStyle::Terminal => {
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut header = vec!["term".to_string(), "occurrences".to_string()];
            header.extend(groups.iter().cloned());
            let dispersion = dispersion_rows(table);
            header.extend(dispersion.iter().map(|(label, _)| label.to_string()));
            rows.push(header);
            for (n, term) in table.terms.iter().enumerate() {
                let mut row = vec![term.clone(), table.total_per_term[n].to_string()];
                row.extend(counts(n).map(|c| c.to_string()));
                row.extend(dispersion.iter().map(|(_, values)| values[n].clone()));
                rows.push(row);
            }
            if style == TableStyle::Csv {
                w.write_all("\u{FEFF}".as_bytes())?;
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| super::csv::field(c)).collect();
                    writeln!(w, "{}", cells.join(","))?;
                }
                Ok(())
            } else {
                write_aligned(w, &rows, 1)
            }
        }
    }
}
