//! Counts from the index alone: a term of single characters from term frequencies, a
//! literal from its characters' positions, anything else by scanning the passages.

use std::sync::Arc;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::DocumentCount;
use super::stream::{DocumentCache, WINDOW_CHARS, walk};
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};
use crate::search::aliases::Entity;
use crate::search::{DocumentIds, Filters};

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
        {
            // One literal: its characters' positions (a space's among them) say where it
            // occurs.
            phrase_counts(handle, &searcher, &plan)
        } else {
            // Aliases (the longest name wins where they overlap): count on the
            // text, as mentions do (passages come one at a time, in store order).
            walk(
                handle,
                std::slice::from_ref(entity),
                filters,
                false,
                WINDOW_CHARS,
                &|_, _| {},
                &mut |found, _| {
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
        let Some(mut postings) = char_postings(&inverted, handle.fields.exact, plan)? else {
            continue;
        };
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

/// The postings (with positions) of each character of `plan` in one segment's exact
/// field, each with its offset in the literal; `None` when a character never occurs there.
pub(crate) fn char_postings(
    inverted: &tantivy::InvertedIndexReader,
    field: tantivy::schema::Field,
    plan: &crate::analysis::ExactPlan,
) -> tantivy::Result<Option<Vec<(u32, tantivy::postings::SegmentPostings)>>> {
    let mut postings = Vec::with_capacity(plan.0.len());
    for (offset, c) in &plan.0 {
        let term = Term::from_field_text(field, c);
        match inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)? {
            Some(p) => postings.push((*offset as u32, p)),
            None => return Ok(None),
        }
    }
    Ok(Some(postings))
}
