//! The texts reuse compares: each document's body passages read from the store in one
//! sequential pass per segment, kept twice — as the reader sees them (offsets count
//! characters of the passages joined by line breaks) and as compared: folded, without
//! whitespace, each character pointing back at its offset.

use std::collections::HashMap;

use tantivy::DocId;

use crate::catalog::IndexHandle;
use crate::document::HEADER_PASSAGE;
use crate::error::{Error, Result};
use crate::search::collect::StoredText;
use crate::text::fold_char;

/// Blocks of the store kept decompressed while reading (the reads are sequential).
const STORE_CACHE_BLOCKS: usize = 4;

/// One document as reuse compares it.
#[derive(Debug, Default)]
pub struct ComparedText {
    pub id: u64,
    /// The text as read: the body passages in order, each followed by a line break.
    pub text: Vec<char>,
    /// Where each passage starts in `text`, with its ordinal.
    pub passages: Vec<(u64, u32)>,
    /// The compared characters: folded, whitespace left out.
    pub folded: Vec<char>,
    /// For each compared character, its offset in `text`.
    pub at: Vec<u32>,
}

impl ComparedText {
    /// A document from its passages (ordinal, text), in any order.
    pub(crate) fn new(id: u64, mut passages: Vec<(u64, String)>) -> ComparedText {
        passages.sort_by_key(|p| p.0);
        let mut doc = ComparedText {
            id,
            ..ComparedText::default()
        };
        for (ordinal, passage) in passages {
            doc.passages.push((ordinal, doc.text.len() as u32));
            for c in passage.chars().chain(std::iter::once('\n')) {
                if !c.is_whitespace() {
                    doc.folded.push(compared_char(c));
                    doc.at.push(doc.text.len() as u32);
                }
                doc.text.push(c);
            }
        }
        doc
    }

    /// The `[start, end)` offsets in `text` of the compared characters `[from, to)`.
    pub fn span(&self, from: usize, to: usize) -> (u32, u32) {
        if from >= to {
            let at = self.at.get(from).copied().unwrap_or(self.text.len() as u32);
            return (at, at);
        }
        (self.at[from], self.at[to - 1] + 1)
    }

    /// The ordinal of the passage holding text offset `offset`.
    pub fn passage_at(&self, offset: u32) -> u64 {
        let i = self.passages.partition_point(|p| p.1 <= offset);
        self.passages[i.saturating_sub(1)].0
    }

    /// The text between two offsets.
    pub fn slice(&self, start: u32, end: u32) -> String {
        self.text[start as usize..end as usize].iter().collect()
    }
}

/// The texts of the documents `wanted` admits (by id), in (path, section) order: the
/// order the texts of several shards are put together in (`gathered`), by which a pair
/// within one set is oriented and ties are broken.
pub fn compared_texts(handle: &IndexHandle, wanted: &[bool]) -> Result<Vec<ComparedText>> {
    let mut texts: Vec<ComparedText> = stored_passages(handle, wanted)?
        .into_iter()
        .map(|(id, p)| ComparedText::new(id, p))
        .collect();
    texts.sort_by_key(|t| handle.catalog.rank(t.id));
    Ok(texts)
}

/// The body passages (ordinal, text) of the wanted documents (by id), as stored.
pub(crate) fn stored_passages(
    handle: &IndexHandle,
    wanted: &[bool],
) -> Result<HashMap<u64, Vec<(u64, String)>>> {
    let searcher = handle.reader.searcher();
    let tantivy_error = |e| Error::tantivy(&handle.path, e);
    let mut passages: HashMap<u64, Vec<(u64, String)>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let doc = fast.u64("doc").map_err(tantivy_error)?;
        let ordinal = fast.u64("ordinal").map_err(tantivy_error)?;
        let alive = segment.alive_bitset();
        let located = |d: DocId| -> Option<(u64, u64)> {
            let (id, ordinal) = (doc.first(d)?, ordinal.first(d)?);
            (wanted.get(id as usize) == Some(&true) && ordinal != HEADER_PASSAGE)
                .then_some((id, ordinal))
        };
        let store = segment
            .get_store_reader(STORE_CACHE_BLOCKS)
            .map_err(|e| Error::io(&handle.path, e))?;
        let alive_ids = (0..segment.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d)));
        let wanted_here: Vec<(DocId, (u64, u64))> = alive_ids
            .clone()
            .filter_map(|d| located(d).map(|l| (d, l)))
            .collect();
        if wanted_here.len() * 2 < segment.num_docs() as usize {
            for (d, (id, ordinal)) in wanted_here {
                let text: StoredText = store.get(d).map_err(tantivy_error)?;
                passages.entry(id).or_default().push((ordinal, text.0));
            }
            continue;
        }
        for (d, text) in alive_ids.zip(store.iter::<StoredText>(alive)) {
            if let Some((id, ordinal)) = located(d) {
                let text = text.map_err(tantivy_error)?;
                passages.entry(id).or_default().push((ordinal, text.0));
            }
        }
    }
    Ok(passages)
}

/// A character as compared: folded, and the pause marks one (`，` `、` `；`): a list
/// written with commas where the source had enumeration commas is the same text.
fn compared_char(c: char) -> char {
    match fold_char(c) {
        '、' | '；' | ';' | ',' => '，',
        other => other,
    }
}
