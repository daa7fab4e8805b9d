//! Names discovered, printed: an aligned table for the terminal, JSON Lines, CSV.

use std::io::{self, Write};

use super::csv::field;
use super::table::write_aligned;
use crate::mentions::names::Name;

/// One row per name: rank, name, kind, how it was found, occurrences (those standing as
/// the name), documents, and the full name a short one stands for; then how many were
/// left out.
pub fn names_table(w: &mut dyn Write, names: &[Name], all: usize) -> io::Result<()> {
    let mut rows: Vec<Vec<String>> = vec![
        [
            "#",
            "name",
            "kind",
            "found by",
            "occurrences",
            "as a name",
            "documents",
            "short for",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, n) in names.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            n.name.clone(),
            n.kind.name().to_string(),
            n.source.name().to_string(),
            n.occurrences.to_string(),
            n.as_name.to_string(),
            n.documents.to_string(),
            match (&n.short_for, n.counted_with.is_empty()) {
                (Some(full), _) => full.clone(),
                (None, false) => format!("with {}", n.counted_with.join(", ")),
                (None, true) => String::new(),
            },
        ]);
    }
    // Rank and labels left, counts right, the full name last (left, ragged).
    let (head, tail): (Vec<Vec<String>>, Vec<String>) = rows
        .into_iter()
        .map(|mut r| {
            let last = r.pop().unwrap_or_default();
            (r, last)
        })
        .unzip();
    let mut table = Vec::new();
    write_aligned(&mut table, &head, 4)?;
    let table = String::from_utf8_lossy(&table);
    for (line, short_for) in table.lines().zip(&tail) {
        if short_for.is_empty() {
            writeln!(w, "{line}")?;
        } else {
            writeln!(w, "{line}  {short_for}")?;
        }
    }
    if all > names.len() {
        writeln!(
            w,
            "… {} more (--limit 0 lists every name)",
            all - names.len()
        )?;
    }
    Ok(())
}

/// One JSON object a line per name.
pub fn names_json(w: &mut dyn Write, names: &[Name]) -> io::Result<()> {
    for n in names {
        serde_json::to_writer(&mut *w, n)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM) with a header.
pub fn names_csv(w: &mut dyn Write, names: &[Name]) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "name,kind,occurrences,documents,found_by,short_for,as_name"
    )?;
    for n in names {
        writeln!(
            w,
            "{},{},{},{},{},{},{}",
            field(&n.name),
            n.kind.name(),
            n.occurrences,
            n.documents,
            n.source.name(),
            field(n.short_for.as_deref().unwrap_or("")),
            n.as_name
        )?;
    }
    Ok(())
}
