//! Matching by document: a document matches when each positive term (any of its
//! alternatives) occurs in one of its passages or in its header, and no excluded term
//! occurs in it; the passages holding a term are then what ranks it and what is shown.

use std::collections::{HashMap, HashSet};

use tantivy::collector::DocSetCollector;
use tantivy::{DocAddress, Searcher};

use super::collect::{AllMatches, Candidate, DocumentIds};
use super::filters::{documents_with_fields, filtered_documents};
use super::plan::{build_query, clause_matcher, excluded};
use super::rank::{self, NEARBY_BONUS, PassageStatistics};
use super::{Filters, Query};
use crate::catalog::IndexHandle;
use crate::document::HEADER_PASSAGE;
use crate::error::{Error, Result};

/// A passage of a matching document, scored for ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub candidate: Candidate,
    /// The passage's ranking score ([`rank::passage_score`]).
    pub score: f32,
    /// Which positive terms the passage holds, one bit each in query order.
    pub terms: u64,
}

/// One matching document and its passages that hold a term.
#[derive(Debug, Clone)]
pub(crate) struct MatchedDocument {
    pub doc: u64,
    pub score: f32,
    pub date: i64,
    pub passages: Vec<Scored>,
}

/// What matched: each document with its scored passages, unordered.
pub(crate) struct Matches {
    pub documents: Vec<MatchedDocument>,
    pub passages: usize,
}

/// Finds the documents matching `query` under `filters`, with their passages scored.
pub(crate) fn match_documents(
    handle: &IndexHandle,
    searcher: &Searcher,
    query: &Query,
    filters: &Filters,
) -> Result<Matches> {
    let tantivy = |e| Error::tantivy(&handle.path, e);
    let ids = DocumentIds::new(searcher).map_err(tantivy)?;
    let positives: Vec<_> = query.clauses.iter().filter(|c| !c.negated).collect();
    // The passages holding each positive term, and the documents holding all of them.
    let mut holding: Vec<HashSet<DocAddress>> = Vec::with_capacity(positives.len());
    let mut documents: Option<HashSet<u64>> = None;
    for clause in &positives {
        let found = searcher
            .search(
                clause_matcher(handle.fields.exact, clause).as_ref(),
                &DocSetCollector,
            )
            .map_err(tantivy)?;
        let with_term: HashSet<u64> = found.iter().filter_map(|a| ids.of(*a)).collect();
        documents = Some(match documents {
            None => with_term,
            Some(d) => d.intersection(&with_term).copied().collect(),
        });
        holding.push(found);
    }
    let mut documents = documents.unwrap_or_default();
    if let Some(allowed) = filtered_documents(handle, searcher, filters)? {
        documents.retain(|d| allowed.contains(d));
    }
    if !query.fields.is_empty() {
        let allowed = documents_with_fields(handle, &query.fields)?;
        documents.retain(|d| allowed.contains(d));
    }
    for address in excluded(handle, searcher, query)? {
        if let Some(d) = ids.of(address) {
            documents.remove(&d);
        }
    }
    let statistics = PassageStatistics {
        searcher,
        text: handle.fields.text,
        text_tokens: handle.catalog.word_tokens,
    };
    let mut candidates = searcher
        .search_with_statistics_provider(
            build_query(handle, searcher, query, filters)?.as_ref(),
            &AllMatches {
                text: handle.fields.text,
            },
            &statistics,
        )
        .map_err(tantivy)?;
    candidates.retain(|c| documents.contains(&c.doc));
    Ok(group(candidates, &holding))
}

/// Scores each passage and gathers them by document, scored.
fn group(candidates: Vec<Candidate>, holding: &[HashSet<DocAddress>]) -> Matches {
    let all = (1u64 << holding.len().min(63)) - 1;
    let several = holding.len() > 1;
    let passages = candidates.len();
    let mut by_document: HashMap<u64, MatchedDocument> = HashMap::new();
    for candidate in candidates {
        let terms = holding
            .iter()
            .enumerate()
            .filter(|(_, set)| set.contains(&candidate.address))
            .fold(0u64, |mask, (n, _)| mask | (1 << n.min(63)));
        let header = candidate.ordinal == HEADER_PASSAGE;
        let score = rank::passage_score(
            candidate.score,
            candidate.words,
            header,
            several && terms == all,
        );
        by_document
            .entry(candidate.doc)
            .or_insert_with(|| MatchedDocument {
                doc: candidate.doc,
                score: 0.0,
                date: candidate.date,
                passages: Vec::new(),
            })
            .passages
            .push(Scored {
                candidate,
                score,
                terms,
            });
    }
    let documents = by_document
        .into_values()
        .map(|mut d| {
            d.passages.sort_unstable_by_key(|p| p.candidate.ordinal);
            let best = d.passages.iter().map(|p| p.score).fold(0.0, f32::max);
            let nearby = several && !d.passages.iter().any(|p| p.terms == all) && nearby(&d, all);
            let best = best + if nearby { NEARBY_BONUS } else { 0.0 };
            d.score = rank::document_score(best, d.passages.len());
            d
        })
        .collect();
    Matches {
        documents,
        passages,
    }
}

/// Whether two neighbouring passages of `d` (sorted by ordinal) hold every term together.
fn nearby(d: &MatchedDocument, all: u64) -> bool {
    d.passages.windows(2).any(|w| {
        w[1].candidate.ordinal == w[0].candidate.ordinal + 1 && (w[0].terms | w[1].terms) == all
    })
}
