//! The document list: one block per document with where each value came from, or JSON.

use std::io::{self, Write};

use super::{document_line, title};
use crate::catalog::DocumentRecord;
use crate::document::MetadataSource;
use crate::document::provenance::SpanPlace;

/// The document list, human-readable.
pub fn docs_human(w: &mut dyn Write, docs: &[&DocumentRecord]) -> io::Result<()> {
    for doc in docs {
        writeln!(w, "{:>4}  {}", doc.id, title(doc))?;
        writeln!(
            w,
            "      {} · {} · {}",
            document_line(doc),
            super::count(doc.passages, "passage", "passages"),
            doc.encoding
        )?;
        let m = &doc.meta;
        let extra: Vec<String> = [
            m.subtitle.as_ref().map(|s| format!("subtitle: {s}")),
            m.series.as_ref().map(|s| format!("series: {s}")),
            m.issue.as_ref().map(|s| format!("issue: {s}")),
            m.enacted.map(|d| format!("enacted: {d}")),
            m.publish_date.map(|d| format!("published: {d}")),
            m.collection.as_ref().map(|s| format!("collection: {s}")),
            m.doc_type.as_ref().map(|s| format!("type: {s}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !extra.is_empty() {
            writeln!(w, "      {}", extra.join(" · "))?;
        }
        if !m.sources.is_empty() {
            let sources: Vec<String> = m
                .sources
                .iter()
                .map(|(field, source)| {
                    let from = match source {
                        MetadataSource::Manifest => "manifest",
                        MetadataSource::Header => "header",
                        MetadataSource::FileName => "file name",
                        MetadataSource::Dateline => "dateline",
                        MetadataSource::Signature => "signature",
                        MetadataSource::Text => "text",
                    };
                    // Where the text says it: the header's line counted from 1, a passage
                    // as the document page and the concordance number it (¶0 first).
                    let at = m.spans.get(field).map_or(String::new(), |s| match s.place {
                        SpanPlace::Header => format!(" (line {})", s.index + 1),
                        SpanPlace::Passage => format!(" (¶{})", s.index),
                    });
                    format!("{field} from {from}{at}")
                })
                .collect();
            writeln!(w, "      {}", sources.join(", "))?;
        }
    }
    Ok(())
}

/// The document list as JSON Lines.
pub fn docs_json(w: &mut dyn Write, docs: &[&DocumentRecord]) -> io::Result<()> {
    for doc in docs {
        serde_json::to_writer(&mut *w, doc)?;
        writeln!(w)?;
    }
    Ok(())
}
