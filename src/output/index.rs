//! The end-of-run summary of an indexing run.

use std::io::{self, Write};

use super::group;
use crate::catalog::verify::Verification;
use crate::indexer::{Rebuild, Summary};

/// The end-of-run summary of `gongwen index`.
pub fn index_summary(w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    writeln!(w, "{}", index_outcome(summary))?;
    if !summary.skipped.is_empty() {
        writeln!(w, "skipped {} files:", summary.skipped.len())?;
        for s in &summary.skipped {
            writeln!(w, "  {}: {}", s.path, s.reason)?;
        }
    }
    if !summary.warnings.is_empty() {
        writeln!(w, "read with problems, {} files:", summary.warnings.len())?;
        for s in &summary.warnings {
            writeln!(w, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

/// What `index --verify` read and found.
pub fn verification(w: &mut dyn Write, report: &Verification) -> io::Result<()> {
    if report.damaged.is_empty() {
        return writeln!(
            w,
            "verified {}: {} files, {:.1} MB read, all intact",
            report.generation.display(),
            report.files,
            report.bytes as f64 / 1e6
        );
    }
    writeln!(w, "damaged:")?;
    for what in &report.damaged {
        writeln!(w, "  {what}")?;
    }
    Ok(())
}

/// One line saying what an indexing run did: the files it added, changed, removed and
/// left alone (or why it started over), and what the index holds now.
pub fn index_outcome(summary: &Summary) -> String {
    let run = match &summary.rebuilt {
        Some(why) => {
            // Started over on request: say it with the flag the user typed.
            let why = match why {
                Rebuild::Requested => "--rebuild".to_string(),
                other => other.to_string(),
            };
            format!("built from scratch ({why}): {} files", group(summary.added))
        }
        None => format!(
            "{} added, {} changed, {} removed, {} unchanged",
            group(summary.added),
            group(summary.changed),
            group(summary.removed),
            group(summary.unchanged)
        ),
    };
    format!(
        "{run}; the index holds {} files, {} documents, {} passages, {} characters ({:.2} s)",
        group(summary.files),
        group(summary.documents),
        group(summary.passages),
        group(summary.chars),
        summary.seconds
    )
}
