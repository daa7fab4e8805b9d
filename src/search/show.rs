//! What is shown of a matching document: its passages holding a term read, their
//! occurrences counted, the best few kept with their highlights (the passage holding
//! most of the query first), and the title's matches.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::{DocAddress, Searcher};

use super::collect::StoredText;
use super::documents::MatchedDocument;
use super::{DocumentHit, HEADER_PASSAGE, PASSAGES_SHOWN, PassageHit, highlight};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::{Error, Result};
use crate::text::fold_char;
use crate::text::literal::{needle, occurrences};

/// The stored text of the passage at `address`.
pub(crate) fn passage_text(
    handle: &IndexHandle,
    searcher: &Searcher,
    address: DocAddress,
) -> Result<String> {
    let StoredText(text) = searcher
        .doc(address)
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    Ok(text)
}

/// The stored texts of `addresses` (sorted), read in store order by a few threads, each
/// through its own stretch of the store (a block is decompressed once per stretch).
pub(crate) fn read_texts(
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

/// Occurrences of `literals` in `text`, counted as `mentions` counts them.
fn count(text: &str, literals: &[&str]) -> usize {
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    literals
        .iter()
        .map(|l| occurrences(&folded, &needle(l)).len())
        .sum()
}

/// The records of documents `ids`, read frame by frame in one pass (one decompression
/// per frame, not one per document; only the wanted records parsed).
pub(crate) fn records(
    handle: &IndexHandle,
    ids: impl Iterator<Item = u64>,
) -> Result<HashMap<u64, DocumentRecord>> {
    let ids: Vec<u64> = ids.collect();
    Ok(handle
        .catalog
        .records(&ids)?
        .into_iter()
        .map(|d| (d.id, d))
        .collect())
}

/// The hit of a matching document ranked `rank`.
pub(crate) fn document_hit(
    handle: &IndexHandle,
    searcher: &Searcher,
    literals: &[&str],
    rank: usize,
    (matched, document): (MatchedDocument, DocumentRecord),
) -> Result<DocumentHit> {
    let mut occurrences = 0;
    // (terms held, score, ordinal, text): the header only when nothing else holds a term.
    let mut shown: Vec<(u32, f32, u64, String)> = Vec::new();
    let only_header = matched
        .passages
        .iter()
        .all(|p| p.candidate.ordinal == HEADER_PASSAGE);
    for p in &matched.passages {
        let text = passage_text(handle, searcher, p.candidate.address)?;
        occurrences += count(&text, literals);
        if p.candidate.ordinal != HEADER_PASSAGE || only_header {
            shown.push((p.terms.count_ones(), p.score, p.candidate.ordinal, text));
            // Keep the best few only: a common term's document holds hundreds.
            if shown.len() > 4 * PASSAGES_SHOWN {
                best_first(&mut shown);
                shown.truncate(PASSAGES_SHOWN);
            }
        }
    }
    best_first(&mut shown);
    shown.truncate(PASSAGES_SHOWN);
    let title_highlights = document
        .meta
        .title
        .as_deref()
        .map(|t| highlight::highlights(t, literals.iter().copied()))
        .unwrap_or_default();
    Ok(DocumentHit {
        rank,
        score: matched.score,
        matching_passages: matched.passages.len(),
        occurrences,
        title_highlights,
        passages: shown
            .into_iter()
            .map(|(_, score, passage, text)| PassageHit {
                passage,
                score,
                highlights: highlight::highlights(&text, literals.iter().copied()),
                text,
            })
            .collect(),
        document,
    })
}

/// Most terms held first, then the best score, then text order.
fn best_first(shown: &mut [(u32, f32, u64, String)]) {
    shown.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal))
            .then(a.2.cmp(&b.2))
    });
}
