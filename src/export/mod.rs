//! Export: every body passage of the index (or of the documents filters admit), each
//! with its document's record and its character offsets in the document's text — the
//! body passages joined by line breaks, as `/api/doc/ID`, `reuse` and the concordance
//! count them — for work done elsewhere (a Spark job that needs the text itself).
//! Passages are read in store order, one sequential pass per segment; a document's rows
//! come out together, its passages in order, whatever segments hold them.

use std::collections::HashMap;

use tantivy::DocId;
use tantivy::columnar::Column;

use crate::catalog::{DocumentRecord, IndexHandle};
use crate::document::HEADER_PASSAGE;
use crate::error::{Error, Result};
use crate::search::Filters;
use crate::search::collect::StoredText;

/// Blocks of the store kept decompressed while reading (the reads are sequential).
const STORE_CACHE_BLOCKS: usize = 4;

/// One body passage as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedPassage {
    /// Its ordinal in the document.
    pub passage: u64,
    /// `[start, end)`: character offsets in the document's text.
    pub start: u64,
    pub end: u64,
    pub text: String,
}

/// Calls `each` with every document `filters` admit and its body passages in order, in
/// the order the index stores them; returns how many documents were given.
pub fn for_each_document(
    handle: &IndexHandle,
    filters: &Filters,
    each: &mut dyn FnMut(&DocumentRecord, &[ExportedPassage]) -> Result<()>,
) -> Result<usize> {
    let searcher = handle.reader.searcher();
    let tantivy_error = |e| Error::tantivy(&handle.path, e);
    // Body passages per document, counted first: a document is given once all of its
    // passages are read (those of a document spread over segments wait for the rest).
    let mut expected: HashMap<u64, usize> = HashMap::new();
    for segment in searcher.segment_readers() {
        let (doc, ordinal) = located_columns(handle, segment)?;
        let alive = segment.alive_bitset();
        for d in (0..segment.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d))) {
            if let (Some(id), Some(o)) = (doc.first(d), ordinal.first(d))
                && o != HEADER_PASSAGE
            {
                *expected.entry(id).or_default() += 1;
            }
        }
    }
    let mut records = Records::new(handle);
    let mut pending: HashMap<u64, Vec<(u64, String)>> = HashMap::new();
    let mut given = 0;
    for segment in searcher.segment_readers() {
        let (doc, ordinal) = located_columns(handle, segment)?;
        let alive = segment.alive_bitset();
        let store = segment
            .get_store_reader(STORE_CACHE_BLOCKS)
            .map_err(|e| Error::io(&handle.path, e))?;
        let alive_ids =
            (0..segment.max_doc()).filter(|&d: &DocId| alive.is_none_or(|a| a.is_alive(d)));
        for (d, text) in alive_ids.zip(store.iter::<StoredText>(alive)) {
            let (Some(id), Some(o)) = (doc.first(d), ordinal.first(d)) else {
                continue;
            };
            if o == HEADER_PASSAGE {
                continue;
            }
            let passages = pending.entry(id).or_default();
            passages.push((o, text.map_err(tantivy_error)?.0));
            if passages.len() < expected.get(&id).copied().unwrap_or(0) {
                continue;
            }
            let passages = pending.remove(&id).unwrap_or_default();
            let Some(record) = records.get(id)? else {
                continue;
            };
            if filters.admits(&record) {
                each(&record, &located(passages))?;
                given += 1;
            }
        }
    }
    Ok(given)
}

/// A segment's document id and ordinal columns.
fn located_columns(
    handle: &IndexHandle,
    segment: &tantivy::SegmentReader,
) -> Result<(Column<u64>, Column<u64>)> {
    let fast = segment.fast_fields();
    let column = |name| fast.u64(name).map_err(|e| Error::tantivy(&handle.path, e));
    Ok((column("doc")?, column("ordinal")?))
}

/// Passages (ordinal, text) in order, with their offsets in the document's text.
fn located(mut passages: Vec<(u64, String)>) -> Vec<ExportedPassage> {
    passages.sort_by_key(|p| p.0);
    let mut at = 0u64;
    passages
        .into_iter()
        .map(|(passage, text)| {
            let start = at;
            let end = start + text.chars().count() as u64;
            // Each passage is followed by a line break in the document's text.
            at = end + 1;
            ExportedPassage {
                passage,
                start,
                end,
                text,
            }
        })
        .collect()
}

/// Document records read a frame at a time, the last frame kept (a segment's documents
/// come mostly in id order, so frame by frame).
struct Records<'h> {
    handle: &'h IndexHandle,
    frame: Option<(usize, HashMap<u64, DocumentRecord>)>,
}

impl<'h> Records<'h> {
    fn new(handle: &'h IndexHandle) -> Self {
        Records {
            handle,
            frame: None,
        }
    }

    fn get(&mut self, id: u64) -> Result<Option<DocumentRecord>> {
        let Some(frame) = self.handle.catalog.frame_of(id) else {
            return Ok(None);
        };
        if self.frame.as_ref().is_none_or(|(f, _)| *f != frame) {
            let records = self.handle.catalog.frames(&[frame])?;
            self.frame = Some((frame, records.into_iter().map(|r| (r.id, r)).collect()));
        }
        Ok(self
            .frame
            .as_mut()
            .and_then(|(_, records)| records.remove(&id)))
    }
}
