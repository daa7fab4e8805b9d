//! Ingest: the text of one corpus file becomes its documents with their final metadata.
//! The one place that says which source of a value wins: the document's own header
//! (and body cues) first, then a date in the file name where the text gave none, then
//! the manifest's record over both.

use super::metadata::date_from_file_name;
use super::{DocDate, Document, MetadataSource};
use crate::corpus::manifest::{Manifests, Record};

/// The documents of the file at `relative` (relative to the corpus folder), whose
/// decoded text is `text`, with metadata from every source in order of precedence.
pub fn ingest(relative: &str, text: &str, manifests: &Manifests) -> Vec<Document> {
    let mut documents = super::parse(relative, text);
    if let Some(record) = manifests.get(relative) {
        apply_record(&record, &mut documents);
    }
    for doc in &mut documents {
        if doc.meta.date.is_none()
            && let Some(d) = date_from_file_name(relative)
        {
            doc.meta.date = Some(d);
            doc.meta
                .sources
                .insert("date".into(), MetadataSource::FileName);
        }
        doc.meta.spans = super::provenance::locate(&doc.meta, &doc.header, &doc.passages);
    }
    documents
}

/// Applies a manifest record to the documents parsed from its file. With several
/// documents in one file, the record's title is not given to each of them, and its
/// other values only fill gaps: a per-file record cannot say which section it describes.
pub fn apply_record(record: &Record, documents: &mut [Document]) {
    let single = documents.len() == 1;
    let date = record_date(record);
    for doc in documents {
        let meta = &mut doc.meta;
        if single && record.title.is_some() {
            meta.title = record.title.clone();
            meta.sources
                .insert("title".into(), MetadataSource::Manifest);
        }
        for (field, value) in [
            ("speaker", &record.speaker),
            ("body", &record.body),
            ("doc_type", &record.doc_type),
        ] {
            let slot = match field {
                "speaker" => &mut meta.speaker,
                "body" => &mut meta.body,
                _ => &mut meta.doc_type,
            };
            if let Some(v) = value
                && (single || slot.is_none())
            {
                *slot = Some(v.clone());
                meta.sources.insert(field.into(), MetadataSource::Manifest);
            }
        }
        if let Some(d) = date
            && (single || meta.date.is_none())
        {
            meta.date = Some(d);
            meta.sources.insert("date".into(), MetadataSource::Manifest);
        }
        for (k, v) in &record.extra {
            meta.extra
                .map_mut()
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
    }
}

/// The date a manifest record gives: its `date` when valid, else its `year`.
pub fn record_date(record: &Record) -> Option<DocDate> {
    record
        .date
        .as_deref()
        .and_then(DocDate::parse)
        .or_else(|| record.year.as_deref().and_then(DocDate::parse))
}

/// What a file's manifest record says that cannot be used, for the index summary: a
/// `date` (or `year`) that is no date (`9999-12-31`, `2021-13`), which is left out while
/// the rest of the record applies.
pub fn record_problems(relative: &str, manifests: &Manifests) -> Vec<String> {
    let Some(record) = manifests.get(relative) else {
        return Vec::new();
    };
    [("date", &record.date), ("year", &record.year)]
        .into_iter()
        .filter_map(|(field, value)| {
            let value = value.as_deref()?;
            DocDate::parse(value).is_none().then(|| {
                format!(
                    "manifest {field} {value} is no date (YYYY, YYYY-MM or YYYY-MM-DD): left out"
                )
            })
        })
        .collect()
}
