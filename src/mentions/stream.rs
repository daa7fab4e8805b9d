//! Streaming mentions: the passages of matching documents are found in the index, then
//! their stored text is read in windows of bounded size, each in store order, and
//! scanned; documents are handed out one by one in date order.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::DocAddress;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery};

use super::Mention;
use super::scan::{PassageScanner, ScanBuffers};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::{Error, Result};
use crate::search::aliases::Entity;
use crate::search::{Filters, PassageRef, Passages, exact_query, read_texts};

/// Document records met while collecting mentions: the frames of the documents wanted
/// while few are, the whole list when reading frames one by one would cost more (a rare
/// name should not pay for reading every record, a common character should not
/// decompress frames one by one).
pub(super) struct DocumentCache<'h> {
    handle: &'h IndexHandle,
    records: HashMap<u64, Arc<DocumentRecord>>,
    /// Answer from the whole list.
    all: bool,
    /// The last document asked for by [`DocumentCache::admitted`], and its answer.
    last: Option<(Arc<DocumentRecord>, bool)>,
}

impl<'h> DocumentCache<'h> {
    pub(super) fn new(handle: &'h IndexHandle) -> Self {
        DocumentCache {
            handle,
            records: HashMap::new(),
            all: false,
            last: None,
        }
    }

    /// Reads ahead the records of `ids` (any order, repeats welcome).
    pub(super) fn prefetch(&mut self, ids: impl IntoIterator<Item = u64>) -> Result<()> {
        let catalog = &self.handle.catalog;
        // Repeats are welcome: `Catalog::records` reads each record once.
        let ids: Vec<u64> = ids
            .into_iter()
            .filter(|id| !self.records.contains_key(id))
            .collect();
        // Ids follow no frame order (a frame holds neighbours in path order).
        let mut frames: Vec<usize> = ids.iter().filter_map(|&id| catalog.frame_of(id)).collect();
        frames.sort_unstable();
        frames.dedup();
        // A frame alone costs about what two thirds of the list cost per frame
        // (opening, seeking, a smaller decompression).
        if frames.len() * 3 >= catalog.document_frame_count() * 2 {
            self.all = true;
            return Ok(());
        }
        for doc in catalog.records(&ids)? {
            self.records.insert(doc.id, Arc::new(doc));
        }
        Ok(())
    }

    fn get(&mut self, id: u64) -> Result<Arc<DocumentRecord>> {
        if let Some(r) = self.records.get(&id) {
            return Ok(Arc::clone(r));
        }
        let catalog = &self.handle.catalog;
        if self.all {
            return Ok(Arc::clone(catalog.record(id)?));
        }
        let record = Arc::new(catalog.document(id)?);
        self.records.insert(id, Arc::clone(&record));
        Ok(record)
    }

    /// Document `id` if `filters` admit it (every filter is a property of the document).
    /// A document's passages mostly follow each other: the last answer is kept.
    pub(super) fn admitted(
        &mut self,
        id: u64,
        filters: &Filters,
    ) -> Result<Option<Arc<DocumentRecord>>> {
        if let Some((d, admitted)) = &self.last
            && d.id == id
        {
            return Ok(admitted.then(|| Arc::clone(d)));
        }
        let d = self.get(id)?;
        let admitted = filters.admits(&d);
        self.last = Some((Arc::clone(&d), admitted));
        Ok(admitted.then_some(d))
    }
}

/// Characters of stored text held at once while mentions are put in date order; each
/// window of documents reads its passages in store order.
pub(super) const WINDOW_CHARS: u64 = 8_000_000;

/// Calls `each` with the mentions of every document that has any, in the order of
/// [`mentions`]; a document's mentions are in passage and offset order (several terms
/// at one offset: in the order given).
pub fn for_each_document(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    each: &mut dyn FnMut(Vec<Mention>) -> Result<()>,
) -> Result<()> {
    for_each_document_in_windows(handle, entities, filters, WINDOW_CHARS, each)
}

/// What the threads that read and scan the text do to a document's mentions before
/// handing them on (leave some out, print them into the bytes given): the work of
/// printing that needs no order, done by every core ahead of the printer.
pub type Prepare<'a> = &'a (dyn Fn(&mut Vec<Mention>, &mut Vec<u8>) + Sync);

/// [`for_each_document`], each document's mentions first given to `prepare` on the
/// threads that found them; `each` gets them with the bytes `prepare` wrote.
pub fn for_each_document_prepared(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    prepare: Prepare<'_>,
    each: &mut dyn FnMut(Vec<Mention>, Vec<u8>) -> Result<()>,
) -> Result<()> {
    walk(handle, entities, filters, true, WINDOW_CHARS, prepare, each)
}

/// [`for_each_document`] with windows of `window_chars` characters: tests use tiny
/// windows to check that the order and the mentions do not depend on them.
#[doc(hidden)]
pub fn for_each_document_in_windows(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    window_chars: u64,
    each: &mut dyn FnMut(Vec<Mention>) -> Result<()>,
) -> Result<()> {
    let each = &mut |found, _| each(found);
    walk(
        handle,
        entities,
        filters,
        true,
        window_chars,
        &|_, _| {},
        each,
    )
}

/// One passage to read: which document and passage it is, and which terms matched it.
pub(super) struct Wanted {
    pub(super) address: DocAddress,
    pub(super) document: Arc<DocumentRecord>,
    pub(super) passage: u64,
    pub(super) entity: usize,
}

/// The passages matching each entity, in documents the filters admit.
fn wanted_passages(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    entities: &[Entity],
    filters: &Filters,
) -> Result<Vec<Wanted>> {
    let mut records = DocumentCache::new(handle);
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut found: Vec<(usize, Vec<PassageRef>)> = Vec::new();
    for (entity, e) in entities.iter().enumerate() {
        let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for variant in &e.variants {
            let q = exact_query(handle.fields.exact, variant)
                .ok_or_else(|| Error::query(variant, "nothing to search for"))?;
            any.push((Occur::Should, q));
        }
        let passages = searcher
            .search(&BooleanQuery::new(any), &Passages)
            .map_err(|e| Error::tantivy(&handle.path, e))?;
        found.push((entity, passages));
    }
    records.prefetch(found.iter().flat_map(|(_, f)| f.iter().map(|p| p.doc)))?;
    for (entity, passages) in found {
        for p in passages {
            if let Some(document) = records.admitted(p.doc, filters)? {
                wanted.push(Wanted {
                    address: p.address,
                    document,
                    passage: p.ordinal,
                    entity,
                });
            }
        }
    }
    Ok(wanted)
}

/// Finds the passages matching each entity (filtered by document), then reads them in
/// windows and scans them. With `context`, documents come in date order and mentions
/// carry their context; without, in store order and bare.
pub(super) fn walk(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    context: bool,
    window_chars: u64,
    prepare: Prepare<'_>,
    each: &mut dyn FnMut(Vec<Mention>, Vec<u8>) -> Result<()>,
) -> Result<()> {
    let searcher = handle.reader.searcher();
    let mut wanted = wanted_passages(handle, &searcher, entities, filters)?;
    let catalog = &handle.catalog;
    if context {
        // (path, section) order is the catalog's rank of the document: compare numbers,
        // not paths; each key computed once (hundreds of thousands for a common term).
        wanted.sort_by_cached_key(|w| {
            (
                w.document.meta.date.map_or(i64::MAX, |d| d.first_day()),
                catalog.rank(w.document.id),
                w.document.id,
                w.passage,
                w.entity,
            )
        });
    } else {
        wanted.sort_unstable_by_key(|w| (w.address, w.entity));
    }
    let scanner = PassageScanner::new(entities, context);
    // Groups handed to `each` together: a document's passages, or (counting) a passage.
    let groups: Vec<&[Wanted]> = if context {
        wanted
            .chunk_by(|a, b| a.document.id == b.document.id)
            .collect()
    } else {
        wanted.chunk_by(|a, b| a.address == b.address).collect()
    };
    let windows = windows(&groups, window_chars);
    // Reading, scanning and preparing run beside the caller, a bounded queue between: a
    // window's two halves are queued in turn, at most two waiting.
    std::thread::scope(|scope| -> Result<()> {
        let (sender, received) = std::sync::mpsc::sync_channel::<Result<Vec<Found>>>(2);
        let (searcher, scanner) = (&searcher, &scanner);
        scope.spawn(move || {
            // The receiver is gone when printing failed: stop.
            let mut send = |half| sender.send(Ok(half)).is_ok();
            for window in windows {
                match read_window(handle, searcher, scanner, window, prepare, &mut send) {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(e) => {
                        let _ = sender.send(Err(e));
                        return;
                    }
                }
            }
        });
        for half in received {
            for (found, prepared) in half? {
                each(found, prepared)?;
            }
        }
        Ok(())
    })
}

/// A group's mentions, and what [`Prepare`] made of them.
type Found = (Vec<Mention>, Vec<u8>);

/// `groups` cut into windows: groups in order until their estimated text fills
/// `window_chars` (one group at least).
fn windows<'g, 'w>(groups: &'g [&'w [Wanted]], window_chars: u64) -> Vec<&'g [&'w [Wanted]]> {
    let mut windows = Vec::new();
    let mut next = 0;
    while next < groups.len() {
        let mut end = next;
        let mut chars = 0;
        while end < groups.len() && (end == next || chars < window_chars) {
            chars += estimated_chars(groups[end]);
            end += 1;
        }
        windows.push(&groups[next..end]);
        next = end;
    }
    windows
}

/// The characters of a group's passages, estimated from its document's mean passage.
fn estimated_chars(group: &[Wanted]) -> u64 {
    let d = &group[0].document;
    d.chars as u64 * group.len() as u64 / d.passages.max(1) as u64
}

/// Reads a window's passages in store order, then scans and prepares its groups in two
/// halves of about equal text, one per thread, each handed to `send` in order as soon as
/// it can be (the first while the second is still being made, so that printing starts).
/// False when `send` refused one.
fn read_window(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    scanner: &PassageScanner,
    window: &[&[Wanted]],
    prepare: Prepare<'_>,
    send: &mut dyn FnMut(Vec<Found>) -> bool,
) -> Result<bool> {
    let mut addresses: Vec<DocAddress> = window
        .iter()
        .flat_map(|g| g.iter().map(|w| w.address))
        .collect();
    addresses.sort_unstable();
    addresses.dedup();
    let texts = read_texts(handle, searcher, &addresses)?;
    let text = |address: DocAddress| {
        let i = addresses.binary_search(&address).expect("read above");
        &texts[i]
    };
    let scan_groups = |groups: &[&[Wanted]]| -> Vec<Found> {
        let mut buffers = ScanBuffers::default();
        let mut out = Vec::with_capacity(groups.len());
        // Mentions per passage read so far: a group's list is sized once from it rather
        // than regrown (的 has thousands in a document; regrowing was a tenth of its time).
        let (mut passages, mut mentions) = (0usize, 0usize);
        for group in groups {
            let expected = group.len() * mentions.div_ceil(passages.max(1));
            let mut found = Vec::with_capacity(expected);
            for passage in group.chunk_by(|a, b| a.address == b.address) {
                let from = found.len();
                for w in passage {
                    scanner.scan(w, text(w.address), &mut buffers, &mut found);
                }
                // Several terms: by offset, then in the order given.
                found[from..].sort_by_key(|m| m.start);
            }
            passages += group.len();
            mentions += found.len();
            let mut prepared = Vec::new();
            prepare(&mut found, &mut prepared);
            out.push((found, prepared));
        }
        out
    };
    let total: u64 = window.iter().map(|g| estimated_chars(g)).sum();
    let mut half = 0;
    let mut chars = 0;
    while half < window.len() && chars * 2 < total {
        chars += estimated_chars(window[half]);
        half += 1;
    }
    let (first, second) = window.split_at(half);
    // A rare name's window is a document or two: not worth a thread.
    if first.is_empty() || second.is_empty() {
        return Ok(send(scan_groups(first)) && send(scan_groups(second)));
    }
    Ok(std::thread::scope(|scope| {
        let second = scope.spawn(|| scan_groups(second));
        let sent = send(scan_groups(first));
        let second = second.join().expect("scanning passages does not panic");
        sent && send(second)
    }))
}
