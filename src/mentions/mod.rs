//! Mentions: every occurrence of each term in every passage (never top-k), with its
//! context, for concordances and counts. The index only narrows the passages to read;
//! occurrences are then counted on the stored text with the scan of [`crate::text::literal`], so counts
//! are exact: non-overlapping occurrences, as `str::matches` counts them, after folding.
//! Counts that need no context come from the exact field's postings where they can
//! (term frequencies of a character, positions of a literal), without reading text.
//!
//! Mentions are handed out document by document, in date order, and the stored text is
//! read in windows of bounded size, each in store order: a concordance of 的 (half a
//! million lines) streams in bounded memory and decompresses each store block a few
//! times at most, whatever the order of documents in the store.
//!
//! Stages: [`postings`] counts from the index alone, [`stream`] reads the passages of
//! matching documents in bounded windows, [`scan`] finds the mentions in a passage, and
//! [`counts`] tallies them per group; all counting lives here, printers only print.

pub mod counts;
pub mod dispersion;
pub mod names;
pub mod near;
pub mod postings;
pub mod scan;
pub mod sort;
pub mod stream;
pub mod table_parts;
pub mod variants;

use std::sync::Arc;

use crate::catalog::DocumentRecord;
use crate::catalog::IndexHandle;
use crate::error::Result;
use crate::search::Filters;
use crate::search::aliases::Entity;
pub use counts::{Counts, GroupBy, count_by, count_table, doc_key, totals};
pub use postings::occurrences;
pub use stream::{
    Prepare, for_each_document, for_each_document_in_windows, for_each_document_prepared,
};

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

    /// The whole text of the passage (empty when no context was asked for).
    pub fn passage_text(&self) -> &str {
        &self.text
    }

    /// `[start, end)` of the match as byte offsets in [`Mention::passage_text`].
    pub fn byte_range(&self) -> (usize, usize) {
        self.bytes
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
    /// The term (its name, for an alias group) these occurrences are of.
    fn term(&self) -> &str;
    /// The passages the occurrences are in (ordinals in the document, ascending).
    fn passages(&self) -> &[u64];
    fn count(&self) -> usize;
}

impl Occurrences for Mention {
    fn document(&self) -> &DocumentRecord {
        &self.document
    }
    fn term(&self) -> &str {
        &self.term
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
    fn term(&self) -> &str {
        &self.term
    }
    fn passages(&self) -> &[u64] {
        &self.passages
    }
    fn count(&self) -> usize {
        self.occurrences
    }
}
