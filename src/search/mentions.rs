//! Mentions: every occurrence of each term in every passage (never top-k), with its
//! context, for concordances and counts. The index only narrows the passages to read;
//! occurrences are then counted on the stored text with the highlighter's scan, so counts
//! are exact: non-overlapping occurrences, as `str::matches` counts them, after folding.
//! Counts that need no context come from the exact field's postings where they can
//! (term frequencies of a character, positions of a literal), without reading text.
//!
//! Mentions are handed out document by document, in date order, and the stored text is
//! read in windows of bounded size, each in store order: a concordance of 的 (half a
//! million lines) streams in bounded memory and decompresses each store block a few
//! times at most, whatever the order of documents in the store.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::aliases::Entity;
use super::{DocumentIds, Filters, PassageRef, Passages, StoredText, exact_query, highlight};
use crate::analysis::fold_char;
use crate::error::{Error, Result};
use crate::indexer::{DocumentRecord, IndexHandle};

/// Characters of context kept on each side of a mention.
pub const CONTEXT_CHARS: usize = 20;

/// One occurrence of a term.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The term as reported: the group name for an alias group. Shared, like the
    /// names and the document: a common term has hundreds of thousands of mentions.
    pub term: Arc<str>,
    /// The name that matched (differs from `term` for an alias).
    pub variant: Arc<str>,
    /// Which of the terms asked for (index), and which of its names.
    pub entity: usize,
    pub alias: usize,
    /// Shared: a common term has hundreds of thousands of mentions.
    pub document: Arc<DocumentRecord>,
    pub passage: u64,
    /// `[start, end)` character offsets of the match in the passage text.
    pub start: usize,
    pub end: usize,
    /// The passage's text, shared by its mentions; empty when no context was asked for.
    text: Arc<str>,
    /// `[start, end)` as byte offsets in `text`.
    bytes: (usize, usize),
}

impl Mention {
    /// A mention of characters `start..end` of `text` (tests and tools that build
    /// concordances of their own text).
    pub fn in_text(
        term: &str,
        document: Arc<DocumentRecord>,
        passage: u64,
        text: &str,
        start: usize,
        end: usize,
    ) -> Mention {
        let byte = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
        Mention {
            term: Arc::from(term),
            variant: Arc::from(term),
            entity: 0,
            alias: 0,
            document,
            passage,
            start,
            end,
            text: Arc::from(text),
            bytes: (byte(start), byte(end)),
        }
    }

    /// Up to [`CONTEXT_CHARS`] characters before the match.
    pub fn left(&self) -> &str {
        let before = &self.text[..self.bytes.0];
        let from = before
            .char_indices()
            .rev()
            .take(CONTEXT_CHARS)
            .last()
            .map_or(before.len(), |(b, _)| b);
        &before[from..]
    }

    /// The matched text as written in the passage.
    pub fn matched(&self) -> &str {
        &self.text[self.bytes.0..self.bytes.1]
    }

    /// Up to [`CONTEXT_CHARS`] characters after the match.
    pub fn right(&self) -> &str {
        let after = &self.text[self.bytes.1..];
        let to = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(b, _)| b);
        &after[..to]
    }
}

/// Non-overlapping occurrences of any of the folded `needles` in folded text, scanning
/// left to right and taking the longest needle that matches at each place (so 中国石油
/// inside 中国石油天然气集团有限公司 is one mention, not two). Returns (start, end, needle).
pub fn scan(haystack: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].is_empty())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(needles[i].len()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < haystack.len() {
        let here = haystack[i];
        match order
            .iter()
            .find(|&&n| needles[n][0] == here && haystack[i..].starts_with(&needles[n]))
        {
            Some(&n) => {
                out.push((i, i + needles[n].len(), n));
                i += needles[n].len();
            }
            None => i += 1,
        }
    }
    out
}

/// Document records met while collecting mentions: the frames of the documents wanted
/// while few are, the whole list when reading frames one by one would cost more (a rare
/// name should not pay for reading every record, a common character should not
/// decompress frames one by one).
struct DocumentCache<'h> {
    handle: &'h IndexHandle,
    records: HashMap<u64, Arc<DocumentRecord>>,
    /// Answer from the whole list.
    all: bool,
    /// The last document asked for by [`DocumentCache::admitted`], and its answer.
    last: Option<(Arc<DocumentRecord>, bool)>,
}

impl<'h> DocumentCache<'h> {
    fn new(handle: &'h IndexHandle) -> Self {
        DocumentCache {
            handle,
            records: HashMap::new(),
            all: false,
            last: None,
        }
    }

    /// Reads ahead the records of `ids` (any order, repeats welcome).
    fn prefetch(&mut self, ids: impl IntoIterator<Item = u64>) -> Result<()> {
        let catalog = &self.handle.catalog;
        let mut frames: Vec<usize> = ids
            .into_iter()
            .filter(|id| !self.records.contains_key(id))
            .filter_map(|id| catalog.frame_of(id))
            .collect();
        frames.sort_unstable();
        frames.dedup();
        // A frame alone costs about what two thirds of the list cost per frame
        // (opening, seeking, a smaller decompression).
        if frames.len() * 3 >= catalog.document_frame_count() * 2 {
            self.all = true;
            return Ok(());
        }
        for doc in catalog.frames(&frames)? {
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
    fn admitted(&mut self, id: u64, filters: &Filters) -> Result<Option<Arc<DocumentRecord>>> {
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

/// Every mention of every term, ordered by document date (undated last), document,
/// passage and offset. Holds them all: printers use [`for_each_document`].
pub fn mentions(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
) -> Result<Vec<Mention>> {
    let mut out = Vec::new();
    for_each_document(handle, entities, filters, &mut |found| {
        out.extend(found);
        Ok(())
    })?;
    Ok(out)
}

/// The occurrences of one term in one document, and the passages they are in.
#[derive(Debug, Clone)]
pub struct DocumentCount {
    pub term: Arc<str>,
    pub document: Arc<DocumentRecord>,
    /// Ordinals of the passages, ascending.
    pub passages: Vec<u64>,
    pub occurrences: usize,
}

/// What counts of mentions are made of: a [`Mention`] is one occurrence in one passage,
/// a [`DocumentCount`] all of a term's in one document.
pub trait Occurrences {
    fn document(&self) -> &DocumentRecord;
    /// The passages the occurrences are in (ordinals in the document, ascending).
    fn passages(&self) -> &[u64];
    fn count(&self) -> usize;
}

impl Occurrences for Mention {
    fn document(&self) -> &DocumentRecord {
        &self.document
    }
    fn passages(&self) -> &[u64] {
        std::slice::from_ref(&self.passage)
    }
    fn count(&self) -> usize {
        1
    }
}

impl Occurrences for DocumentCount {
    fn document(&self) -> &DocumentRecord {
        &self.document
    }
    fn passages(&self) -> &[u64] {
        &self.passages
    }
    fn count(&self) -> usize {
        self.occurrences
    }
}

/// Every occurrence, counted per document, with the counts [`mentions`] gives: for count
/// tables and trends, which need no context. A term made of single characters (的, 稳)
/// is counted from the index alone: each occurrence of a character is one term of the
/// exact field, so its term frequency in a passage is its count there, without reading
/// a passage; a literal from its characters' positions.
pub fn occurrences(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
) -> Result<Vec<DocumentCount>> {
    let searcher = handle.reader.searcher();
    let ids = DocumentIds::new(&searcher).map_err(|e| Error::tantivy(&handle.path, e))?;
    let mut records = DocumentCache::new(handle);
    let mut out = Vec::new();
    for entity in entities {
        let term: Arc<str> = Arc::from(entity.name.as_str());
        let mut chars: Vec<String> = Vec::new();
        for variant in &entity.variants {
            match crate::analysis::exact_plan(variant)
                .as_ref()
                .and_then(|p| p.single_char())
            {
                Some(c) => chars.push(c.to_string()),
                None => {
                    chars.clear();
                    break;
                }
            }
        }
        chars.sort();
        chars.dedup();
        // Per document id: (passage ordinals, occurrences).
        let mut per_document: Vec<(u64, Vec<u64>, usize)> = Vec::new();
        let counted = if !chars.is_empty() {
            char_counts(handle, &searcher, &chars)
        } else if let [variant] = entity.variants.as_slice()
            && let Some(plan) = crate::analysis::exact_plan(variant)
            && plan.0.iter().enumerate().all(|(i, (p, _))| *p == i)
        {
            // One literal without spaces: its characters' positions say where it occurs.
            phrase_counts(handle, &searcher, &plan)
        } else {
            // Aliases (the longest name wins where they overlap) or spaces: count on the
            // text, as mentions do (passages come one at a time, in store order).
            walk(
                handle,
                std::slice::from_ref(entity),
                filters,
                false,
                WINDOW_CHARS,
                &mut |found| {
                    if let Some(first) = found.first() {
                        per_document.push((first.document.id, vec![first.passage], found.len()));
                    }
                    Ok(())
                },
            )?;
            Ok(Vec::new())
        };
        let counted = counted.map_err(|e| Error::tantivy(&handle.path, e))?;
        // Passages of a document mostly follow each other: runs are gathered as they come.
        for (address, occurrences) in counted {
            let (Some(id), Some(passage)) = (ids.of(address), ids.ordinal(address)) else {
                continue;
            };
            match per_document.last_mut() {
                Some((last, passages, n)) if *last == id => {
                    passages.push(passage);
                    *n += occurrences;
                }
                _ => per_document.push((id, vec![passage], occurrences)),
            }
        }
        // Runs of one document in several segments (or passages read apart) are merged.
        per_document.sort_by_key(|&(id, _, _)| id);
        let mut merged: Vec<(u64, Vec<u64>, usize)> = Vec::with_capacity(per_document.len());
        for (id, mut passages, occurrences) in per_document {
            match merged.last_mut() {
                Some((last, kept, n)) if *last == id => {
                    kept.append(&mut passages);
                    *n += occurrences;
                }
                _ => merged.push((id, passages, occurrences)),
            }
        }
        for (_, passages, _) in &mut merged {
            passages.sort_unstable();
        }
        let per_document = merged;
        records.prefetch(per_document.iter().map(|&(id, _, _)| id))?;
        for (id, passages, occurrences) in per_document {
            if let Some(document) = records.admitted(id, filters)? {
                out.push(DocumentCount {
                    term: Arc::clone(&term),
                    document,
                    passages,
                    occurrences,
                });
            }
        }
    }
    Ok(out)
}

/// Per live passage, the summed exact-field term frequencies of `chars`.
fn char_counts(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    chars: &[String],
) -> tantivy::Result<Vec<(DocAddress, usize)>> {
    use tantivy::postings::Postings;
    use tantivy::{DocSet, TERMINATED};
    let mut out = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(handle.fields.exact)?;
        let mut counts = vec![0u32; reader.max_doc() as usize];
        for c in chars {
            let term = Term::from_field_text(handle.fields.exact, c);
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                counts[doc as usize] += postings.term_freq();
                doc = postings.advance();
            }
        }
        let alive = reader.alive_bitset();
        for (doc, &n) in counts.iter().enumerate() {
            let doc = doc as u32;
            if n > 0 && alive.is_none_or(|a| a.is_alive(doc)) {
                out.push((DocAddress::new(ord as u32, doc), n as usize));
            }
        }
    }
    Ok(out)
}

/// Per live passage, the non-overlapping occurrences of a literal without spaces, from
/// the positions of its characters in the exact field: a character's position is its
/// index in the passage, so the literal starts at `p` where its `i`-th character is at
/// `p + i` for every `i` — what the text scan finds, counted the way it counts.
fn phrase_counts(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    plan: &crate::analysis::ExactPlan,
) -> tantivy::Result<Vec<(DocAddress, usize)>> {
    use tantivy::postings::Postings;
    use tantivy::{DocSet, TERMINATED};
    let length = plan.0.len() as u32;
    let mut out = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(handle.fields.exact)?;
        let mut postings = Vec::with_capacity(plan.0.len());
        for (offset, c) in &plan.0 {
            let term = Term::from_field_text(handle.fields.exact, c);
            match inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push((*offset as u32, p)),
                None => break,
            }
        }
        if postings.len() < plan.0.len() {
            continue;
        }
        // Walk the rarest character's passages; the others seek to them.
        postings.sort_by_key(|(_, p)| p.doc_freq());
        let alive = reader.alive_bitset();
        let (mut starts, mut positions) = (Vec::new(), Vec::new());
        let mut doc = postings[0].1.doc();
        'passages: while doc != TERMINATED {
            for (_, p) in postings.iter_mut().skip(1) {
                let found = p.seek(doc);
                if found != doc {
                    doc = postings[0].1.seek(found);
                    continue 'passages;
                }
            }
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let (first_offset, first) = &mut postings[0];
                first.positions(&mut starts);
                let first_offset = *first_offset;
                starts.retain_mut(|p| match p.checked_sub(first_offset) {
                    Some(start) => {
                        *p = start;
                        true
                    }
                    None => false,
                });
                for (offset, p) in postings.iter_mut().skip(1) {
                    p.positions(&mut positions);
                    starts.retain(|s| positions.binary_search(&(s + *offset)).is_ok());
                }
                // Non-overlapping, left to right, as the text scan counts.
                let mut count = 0;
                let mut free_from = 0;
                for &start in &starts {
                    if start >= free_from {
                        count += 1;
                        free_from = start + length;
                    }
                }
                if count > 0 {
                    out.push((DocAddress::new(ord as u32, doc), count));
                }
            }
            doc = postings[0].1.advance();
        }
    }
    Ok(out)
}

/// Characters of stored text held at once while mentions are put in date order; each
/// window of documents reads its passages in store order.
const WINDOW_CHARS: u64 = 8_000_000;

/// Calls `each` with the mentions of every document that has any, in the order of
/// [`mentions`]; a document's mentions are in passage and offset order (several terms
/// at one offset: in the order given).
pub fn for_each_document(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    each: &mut dyn FnMut(Vec<Mention>) -> Result<()>,
) -> Result<()> {
    walk(handle, entities, filters, true, WINDOW_CHARS, each)
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
    walk(handle, entities, filters, true, window_chars, each)
}

/// One passage to read: which document and passage it is, and which terms matched it.
struct Wanted {
    address: DocAddress,
    document: Arc<DocumentRecord>,
    passage: u64,
    entity: usize,
}

/// Finds the passages matching each entity (filtered by document), then reads them in
/// windows and scans them. With `context`, documents come in date order and mentions
/// carry their context; without, in store order and bare.
fn walk(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    context: bool,
    window_chars: u64,
    each: &mut dyn FnMut(Vec<Mention>) -> Result<()>,
) -> Result<()> {
    let searcher = handle.reader.searcher();
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
    let mut buffers = ScanBuffers::default();
    // Groups handed to `each` together: a document's passages, or (counting) a passage.
    let groups: Vec<&[Wanted]> = if context {
        wanted
            .chunk_by(|a, b| a.document.id == b.document.id)
            .collect()
    } else {
        wanted.chunk_by(|a, b| a.address == b.address).collect()
    };
    // Reading and scanning run beside the caller's printing, a bounded queue between.
    std::thread::scope(|scope| -> Result<()> {
        let (sender, received) = std::sync::mpsc::sync_channel::<Result<Vec<Mention>>>(64);
        let searcher = &searcher;
        scope.spawn(move || {
            let mut next = 0;
            while next < groups.len() {
                // A window: groups in order until their estimated text fills it.
                let mut end = next;
                let mut chars = 0;
                while end < groups.len() && (end == next || chars < window_chars) {
                    let d = &groups[end][0].document;
                    chars += d.chars as u64 * groups[end].len() as u64 / d.passages.max(1) as u64;
                    end += 1;
                }
                let mut addresses: Vec<DocAddress> = groups[next..end]
                    .iter()
                    .flat_map(|g| g.iter().map(|w| w.address))
                    .collect();
                addresses.sort_unstable();
                addresses.dedup();
                let texts = match read_texts(handle, searcher, &addresses) {
                    Ok(texts) => texts,
                    Err(e) => {
                        let _ = sender.send(Err(e));
                        return;
                    }
                };
                let text = |address: DocAddress| {
                    let i = addresses.binary_search(&address).expect("read above");
                    &texts[i]
                };
                for group in &groups[next..end] {
                    let mut found = Vec::new();
                    for passage in group.chunk_by(|a, b| a.address == b.address) {
                        let from = found.len();
                        for w in passage {
                            scanner.scan(w, text(w.address), &mut buffers, &mut found);
                        }
                        // Several terms: by offset, then in the order given.
                        found[from..].sort_by_key(|m| m.start);
                    }
                    // The receiver is gone when printing failed: stop.
                    if sender.send(Ok(found)).is_err() {
                        return;
                    }
                }
                next = end;
            }
        });
        for found in received {
            each(found?)?;
        }
        Ok(())
    })
}

/// The stored texts of `addresses` (sorted), read in store order by a few threads, each
/// through its own stretch of the store (a block is decompressed once per stretch).
fn read_texts(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    addresses: &[DocAddress],
) -> Result<Vec<Arc<str>>> {
    let read = |stretch: &[DocAddress]| -> Result<Vec<Arc<str>>> {
        stretch
            .iter()
            .map(|&address| {
                let stored: StoredText = searcher
                    .doc(address)
                    .map_err(|e| Error::tantivy(&handle.path, e))?;
                Ok(Arc::from(stored.0))
            })
            .collect()
    };
    // Small reads are not worth a thread.
    const PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(addresses.len() / PER_THREAD)
        .max(1);
    if threads == 1 {
        return read(addresses);
    }
    let stretches: Vec<&[DocAddress]> = addresses
        .chunks(addresses.len().div_ceil(threads))
        .collect();
    let read = &read;
    let parts: Vec<Result<Vec<Arc<str>>>> = std::thread::scope(|scope| {
        let running: Vec<_> = stretches
            .iter()
            .map(|stretch| scope.spawn(move || read(stretch)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("reading stored text does not panic"))
            .collect()
    });
    let mut texts = Vec::with_capacity(addresses.len());
    for part in parts {
        texts.extend(part?);
    }
    Ok(texts)
}

/// Scans passages for the names of the entities.
struct PassageScanner {
    needles: Vec<Vec<Vec<char>>>,
    /// Per entity, its byte search when it has one (see [`Literal`]).
    literals: Vec<Option<Literal>>,
    terms: Vec<Arc<str>>,
    variants: Vec<Vec<Arc<str>>>,
    context: bool,
    empty: Arc<str>,
}

/// A term of one name whose folded occurrences are exactly the occurrences of a few byte
/// strings in the original text: one ideograph (稳: 稳 or 穩), or ideographs that only
/// themselves fold to (安康; not 国务院, since 國 folds to 国). memchr's substring search finds them without folding
/// the passage character by character (half a million mentions of 的).
struct Literal {
    finders: Vec<memchr::memmem::Finder<'static>>,
    chars: usize,
}

impl Literal {
    fn new(needle: &[char]) -> Option<Literal> {
        let strings: Vec<String> = match needle {
            [] => return None,
            [c] => crate::analysis::ideograph_preimages(*c)?
                .into_iter()
                .map(String::from)
                .collect(),
            _ => {
                for &c in needle {
                    if crate::analysis::ideograph_preimages(c)? != [c] {
                        return None;
                    }
                }
                vec![needle.iter().collect()]
            }
        };
        Some(Literal {
            finders: strings
                .iter()
                .map(|s| memchr::memmem::Finder::new(s.as_bytes()).into_owned())
                .collect(),
            chars: needle.len(),
        })
    }

    /// Calls `each` with the character and byte ranges of the non-overlapping occurrences
    /// in `text`, in order; `starts` is a buffer.
    fn for_each_match(
        &self,
        text: &str,
        starts: &mut Vec<usize>,
        mut each: impl FnMut((usize, usize), (usize, usize)),
    ) {
        starts.clear();
        for finder in &self.finders {
            starts.extend(finder.find_iter(text.as_bytes()));
        }
        // Several single characters: each list is in order, the union is not.
        if self.finders.len() > 1 {
            starts.sort_unstable();
        }
        // Character offsets: characters are counted between one match and the next.
        let (mut chars, mut counted) = (0, 0);
        for &b in starts.iter() {
            chars += count_chars(&text.as_bytes()[counted..b]);
            let end = b + text[b..]
                .char_indices()
                .nth(self.chars)
                .map_or(text.len() - b, |(i, _)| i);
            each((chars, chars + self.chars), (b, end));
            chars += self.chars;
            counted = end;
        }
    }
}

/// The scanner's buffers, reused from one passage to the next (apart from the scanner,
/// which the mentions it makes borrow).
#[derive(Default)]
struct ScanBuffers {
    folded: Vec<char>,
    bytes: Vec<usize>,
}

impl PassageScanner {
    fn new(entities: &[Entity], context: bool) -> Self {
        let needles: Vec<Vec<Vec<char>>> = entities
            .iter()
            .map(|e| e.variants.iter().map(|v| highlight::needle(v)).collect())
            .collect();
        PassageScanner {
            literals: needles
                .iter()
                .map(|n| match n.as_slice() {
                    [needle] => Literal::new(needle),
                    _ => None,
                })
                .collect(),
            needles,
            terms: entities
                .iter()
                .map(|e| Arc::from(e.name.as_str()))
                .collect(),
            variants: entities
                .iter()
                .map(|e| e.variants.iter().map(|v| Arc::from(v.as_str())).collect())
                .collect(),
            context,
            empty: Arc::from(""),
        }
    }

    /// Appends the mentions of `w`'s entity in `text` to `out`.
    fn scan(&self, w: &Wanted, text: &Arc<str>, buffers: &mut ScanBuffers, out: &mut Vec<Mention>) {
        if let Some(literal) = &self.literals[w.entity] {
            literal.for_each_match(text, &mut buffers.bytes, |chars, bytes| {
                out.push(self.mention(w, text, 0, chars, bytes));
            });
            return;
        }
        let ScanBuffers { folded, bytes } = buffers;
        folded.clear();
        bytes.clear();
        for (b, c) in text.char_indices() {
            folded.push(fold_char(c));
            bytes.push(b);
        }
        bytes.push(text.len());
        for (start, end, alias) in scan(folded, &self.needles[w.entity]) {
            let range = (bytes[start], bytes[end]);
            out.push(self.mention(w, text, alias, (start, end), range));
        }
    }

    fn mention(
        &self,
        w: &Wanted,
        text: &Arc<str>,
        alias: usize,
        (start, end): (usize, usize),
        bytes: (usize, usize),
    ) -> Mention {
        Mention {
            term: Arc::clone(&self.terms[w.entity]),
            variant: Arc::clone(&self.variants[w.entity][alias]),
            entity: w.entity,
            alias,
            document: Arc::clone(&w.document),
            passage: w.passage,
            start,
            end,
            text: Arc::clone(if self.context { text } else { &self.empty }),
            bytes: if self.context { bytes } else { (0, 0) },
        }
    }
}

/// Characters in UTF-8 `bytes` (those not continuing a character).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The group key of a document in counts by document: its file and section.
pub fn doc_key(doc: &DocumentRecord) -> String {
    format!("{} §{}", doc.path, doc.section)
}

/// How mentions are grouped in a count table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Doc,
    Year,
    Speaker,
    Body,
}

/// Counts for one group: occurrences, distinct passages and documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub occurrences: usize,
    pub passages: usize,
    pub documents: usize,
}

/// Per document met: its record, occurrences and distinct passages (a passage with
/// several terms counts once).
fn per_document<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
) -> Vec<(&'m DocumentRecord, usize, usize)> {
    let mut items: Vec<(u64, &'m T)> = mentions.into_iter().map(|m| (m.document().id, m)).collect();
    // Stable: a document's mentions keep their (passage) order.
    items.sort_by_key(|&(id, _)| id);
    let mut passages: Vec<u64> = Vec::new();
    items
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let occurrences = group.iter().map(|(_, m)| m.count()).sum();
            let distinct = match group {
                // One term's count in a document: its passages are distinct.
                [(_, only)] => only.passages().len(),
                _ => {
                    passages.clear();
                    passages.extend(group.iter().flat_map(|(_, m)| m.passages()));
                    passages.sort_unstable();
                    passages.dedup();
                    passages.len()
                }
            };
            (group[0].1.document(), occurrences, distinct)
        })
        .collect()
}

/// Counts of `mentions` (of any term) per group key, in key order; `None` keys (no
/// date, speaker or body) are reported under "(none)" / "undated" by the printer.
pub fn count_by<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
    by: GroupBy,
) -> BTreeMap<Option<String>, Counts> {
    count_table(mentions, by).0
}

/// [`count_by`] and [`totals`] in one pass.
pub fn count_table<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
    by: GroupBy,
) -> (BTreeMap<Option<String>, Counts>, Counts) {
    // A document belongs to exactly one group, so passages and documents add up.
    let mut groups: BTreeMap<Option<String>, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (document, occurrences, passages) in per_document(mentions) {
        let meta = &document.meta;
        let key = match by {
            GroupBy::Doc => Some(doc_key(document)),
            GroupBy::Year => meta.date.map(|d| d.year.to_string()),
            GroupBy::Speaker => meta.speaker.clone(),
            GroupBy::Body => meta.body.clone(),
        };
        for counts in [groups.entry(key).or_default(), &mut total] {
            counts.occurrences += occurrences;
            counts.passages += passages;
            counts.documents += 1;
        }
    }
    (groups, total)
}

/// Totals over all mentions.
pub fn totals<'m, T: Occurrences + 'm>(mentions: impl IntoIterator<Item = &'m T>) -> Counts {
    per_document(mentions).into_iter().fold(
        Counts::default(),
        |mut acc, (_, occurrences, passages)| {
            acc.occurrences += occurrences;
            acc.passages += passages;
            acc.documents += 1;
            acc
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search of a one-name term finds what folding and scanning every
    /// character finds, at the same character and byte offsets: traditional and
    /// simplified forms, ASCII and width-folded letters around, runs of the term.
    #[test]
    fn literal_search_finds_what_the_folded_scan_finds() {
        use proptest::prelude::*;
        let alphabet = "稳穩增长國国务務院的a Ａ１\n";
        let pick = |chosen: Vec<usize>| -> String {
            let chars: Vec<char> = alphabet.chars().collect();
            chosen.iter().map(|&i| chars[i % chars.len()]).collect()
        };
        let needles = [
            "稳",
            "穩",
            "国务院",
            "國務院",
            "的",
            "稳增长",
            "的的",
            "院的院",
        ];
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&proptest::collection::vec(0usize..64, 0..80), |chosen| {
                let text = pick(chosen);
                for name in needles {
                    let needle = highlight::needle(name);
                    let Some(literal) = Literal::new(&needle) else {
                        // Ideographs with other forms (国: 國) are scanned, unless alone.
                        prop_assert!(needle.len() > 1);
                        continue;
                    };
                    let mut found = Vec::new();
                    literal.for_each_match(&text, &mut Vec::new(), |c, b| found.push((c, b)));
                    let folded: Vec<char> = text.chars().map(fold_char).collect();
                    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
                    bytes.push(text.len());
                    let scanned: Vec<_> = scan(&folded, std::slice::from_ref(&needle))
                        .into_iter()
                        .map(|(s, e, _)| ((s, e), (bytes[s], bytes[e])))
                        .collect();
                    prop_assert_eq!(&found, &scanned, "{} in {:?}", name, text);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn counts_are_non_overlapping_like_str_matches() {
        let hay: Vec<char> = "稳稳稳稳稳".chars().collect();
        let needle: Vec<char> = "稳稳".chars().collect();
        assert_eq!(
            scan(&hay, &[needle]).len(),
            "稳稳稳稳稳".matches("稳稳").count()
        );
    }

    #[test]
    fn longest_variant_wins_where_names_overlap() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let hay = chars("中国石油天然气集团有限公司与中国石油、中石油");
        let needles = [
            chars("中国石油"),
            chars("中国石油天然气集团有限公司"),
            chars("中石油"),
        ];
        let found: Vec<usize> = scan(&hay, &needles).iter().map(|m| m.2).collect();
        assert_eq!(found, vec![1, 0, 2]);
    }
}
