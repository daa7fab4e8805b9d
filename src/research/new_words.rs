//! New formulations: the words a slice of documents uses that no earlier-dated document
//! of a comparison set has used, with their count, documents, first document and date,
//! ranked by frequency × dispersion (occurrences × documents of the slice).
//!
//! The comparison set is, unless given, the slice's own filters without their dates
//! (`doc_type:政府工作报告 year:2024` → every earlier 政府工作报告), restricted to the
//! documents dated before the slice's earliest day; undated documents are in neither.
//! A word is as `frequencies` counts it; only words holding a Chinese character and of
//! two characters or more are formulations (numbers and single characters are not).

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, Term};

use std::collections::HashSet;

use super::frequencies::{Side, word_frequencies};
use super::new_sequences::{NewSequence, new_sequences};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::document::DocDate;
use crate::error::{Error, Result};
use crate::search::Filters;

/// A word new in the slice.
#[derive(Debug, Clone)]
pub struct NewWord {
    pub word: String,
    /// Occurrences and documents in the slice.
    pub occurrences: u64,
    pub documents: u32,
    /// The slice's earliest-dated document holding it (ties: index order).
    pub first: Option<std::sync::Arc<DocumentRecord>>,
}

/// The words of the slice, what it was compared with.
#[derive(Debug, Clone, Default)]
pub struct NewWords {
    pub words: Vec<NewWord>,
    /// The shortest new sequences of 2–4 old words ([`super::new_sequences`]).
    pub sequences: Vec<NewSequence>,
    /// Documents in the slice and in the comparison set, and the day the comparison
    /// set ends before (the slice's earliest date).
    pub slice_documents: usize,
    pub compared_documents: usize,
    pub before: Option<DocDate>,
}

/// The new words of `slice` against the earlier documents of `comparison` (`None`: the
/// slice's filters without dates), at least `min_occurrences` times, the first `limit`
/// with their first document.
pub fn new_words(
    handle: &IndexHandle,
    slice: &Filters,
    comparison: Option<&Filters>,
    min_occurrences: u64,
    limit: usize,
) -> Result<NewWords> {
    let docs = handle.catalog.documents()?;
    let a = super::side(handle, slice)?;
    let before = docs
        .iter()
        .filter(|d| a[d.id as usize])
        .filter_map(|d| d.meta.date)
        .min_by_key(DocDate::first_day);
    let undated = Filters {
        from: None,
        to: None,
        ..slice.clone()
    };
    let comparison = comparison.unwrap_or(&undated);
    let mut b: Side = vec![false; a.len()];
    if let Some(before) = before {
        for d in docs.iter().filter(|d| comparison.admits(d)) {
            b[d.id as usize] = d
                .meta
                .date
                .is_some_and(|x| x.last_day() < before.first_day());
        }
    }
    let frequencies = word_frequencies(handle, [&a, &b])?;
    let old: HashSet<&str> = frequencies
        .words
        .iter()
        .filter(|w| w.freq[1] > 0 && w.word.chars().any(crate::text::is_cjk))
        .map(|w| w.word.as_str())
        .collect();
    let sequences = new_sequences(handle, &a, &b, &old, min_occurrences, limit)?;
    let mut words: Vec<NewWord> = frequencies
        .words
        .iter()
        .filter(|w| {
            w.freq[1] == 0
                && w.freq[0] >= min_occurrences
                && w.word.chars().count() >= 2
                && w.word.chars().any(crate::text::is_cjk)
        })
        .map(|w| NewWord {
            word: w.word.clone(),
            occurrences: w.freq[0],
            documents: w.docs[0],
            first: None,
        })
        .collect();
    words.sort_by(|x, y| {
        (y.occurrences * u64::from(y.documents))
            .cmp(&(x.occurrences * u64::from(x.documents)))
            .then_with(|| x.word.cmp(&y.word))
    });
    words.truncate(limit);
    for w in &mut words {
        w.first = first_document(handle, &w.word, &a)?;
    }
    Ok(NewWords {
        words,
        sequences,
        slice_documents: a.iter().filter(|&&x| x).count(),
        compared_documents: b.iter().filter(|&&x| x).count(),
        before,
    })
}

/// The earliest-dated document of `side` whose passages hold `word`: by the last day
/// its date may be (a document dated only `2024` is not known to precede one of
/// 2024-03-05), then the first; undated last, then index order.
fn first_document(
    handle: &IndexHandle,
    word: &str,
    side: &Side,
) -> Result<Option<std::sync::Arc<DocumentRecord>>> {
    let searcher = handle.reader.searcher();
    let term = Term::from_field_text(handle.fields.text, word);
    let mut best: Option<std::sync::Arc<DocumentRecord>> = None;
    for reader in searcher.segment_readers() {
        let fail = |e: tantivy::TantivyError| Error::tantivy(&handle.path, e);
        let inverted = reader.inverted_index(handle.fields.text).map_err(fail)?;
        let docs = reader.fast_fields().u64("doc").map_err(fail)?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(|e| fail(e.into()))?
        else {
            continue;
        };
        let alive = reader.alive_bitset();
        let mut p = postings.doc();
        while p != TERMINATED {
            let id = docs.first(p).unwrap_or(u64::MAX);
            if alive.is_none_or(|a| a.is_alive(p))
                && side.get(id as usize).copied().unwrap_or(false)
            {
                let record = handle.catalog.record(id)?;
                let key = |d: &DocumentRecord| super::first_document_order(handle, d);
                if best.as_ref().is_none_or(|b| key(record) < key(b)) {
                    best = Some(record.clone());
                }
            }
            p = postings.advance();
        }
    }
    Ok(best)
}
