//! Searching: a parsed query becomes a tantivy query, every matching passage is
//! collected (so totals are exact), ranked, and the top ones are returned as [`Hit`]s
//! with their highlights. The searcher never formats text.
//!
//! Matching and ranking are separate on purpose:
//! - which passages match is decided only by the exact (character) field, so every literal
//!   is found wherever it occurs, whatever the word segmentation;
//! - the score is BM25 over jieba words of the `text` field, plus a bonus for passages
//!   holding all query terms contiguously; ties go to the newest document.
//!
//! Query words are segmented against the index's own term dictionary
//! ([`crate::analysis::segment_query`]), so no jieba is built per query.

pub mod aliases;
pub mod collect;
pub mod filters;
pub mod highlight;
pub mod plan;
pub mod query;
pub mod rank;

use std::cmp::Ordering;
use std::collections::HashSet;

use serde::Serialize;

use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::{Error, Result};
use collect::{AllMatches, Candidate};
pub use collect::{DocumentIds, PassageRef, Passages, StoredText};
use filters::documents_with_fields;
pub use filters::{Filters, filter_clauses, filtered_documents};
pub use plan::{CONTIGUOUS_BONUS, exact_query};
use plan::{build_query, excluded};
pub use query::Query;
use rank::PassageStatistics;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

named_values!(Sort { "relevance" => Relevance, "date" => Date });

/// One ranked passage.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub document: DocumentRecord,
    pub passage: u64,
    pub text: String,
    /// `[start, end)` character offsets of the matches in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub passages: usize,
    pub documents: usize,
    pub hits: Vec<Hit>,
}

/// Runs `query` (already parsed) with `filters`, returning the `limit` best hits.
pub fn search(
    handle: &IndexHandle,
    query: &Query,
    filters: &Filters,
    sort: Sort,
    limit: usize,
) -> Result<SearchResults> {
    let searcher = handle.reader.searcher();
    let filters = Filters {
        speaker: query.speaker.clone().or_else(|| filters.speaker.clone()),
        body: query.body.clone().or_else(|| filters.body.clone()),
        from: query.from.or(filters.from),
        to: query.to.or(filters.to),
    };
    let tantivy_query = build_query(handle, &searcher, query, &filters)?;
    let mut candidates = searcher
        .search_with_statistics_provider(
            tantivy_query.as_ref(),
            &AllMatches,
            &PassageStatistics {
                searcher: &searcher,
                text: handle.fields.text,
                text_tokens: handle.catalog.word_tokens,
            },
        )
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    if let Some(allowed) = filtered_documents(handle, &searcher, &filters)? {
        candidates.retain(|c| allowed.contains(&c.doc));
    }
    if !query.fields.is_empty() {
        let allowed = documents_with_fields(handle, &query.fields)?;
        candidates.retain(|c| allowed.contains(&c.doc));
    }
    let excluded = excluded(handle, &searcher, query)?;
    if !excluded.is_empty() {
        candidates.retain(|c| !excluded.contains(&c.address));
    }
    let documents: HashSet<u64> = candidates.iter().map(|c| c.doc).collect();
    let total = candidates.len();
    let catalog = &handle.catalog;
    let by_relevance = |a: &Candidate, b: &Candidate| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then(b.date.cmp(&a.date))
            .then(catalog.rank(a.doc).cmp(&catalog.rank(b.doc)))
            .then(a.ordinal.cmp(&b.ordinal))
    };
    let by_date = |a: &Candidate, b: &Candidate| b.date.cmp(&a.date).then(by_relevance(a, b));
    let order: &dyn Fn(&Candidate, &Candidate) -> Ordering = match sort {
        Sort::Relevance => &by_relevance,
        Sort::Date => &by_date,
    };
    // Only the first `limit` need ordering: a common character matches 10⁵ passages.
    if limit < candidates.len() {
        candidates.select_nth_unstable_by(limit, order);
        candidates.truncate(limit);
    }
    candidates.sort_unstable_by(order);
    let literals: Vec<&str> = query.positive_literals().collect();
    let mut hits = Vec::with_capacity(limit.min(candidates.len()));
    for (rank, c) in candidates.iter().take(limit).enumerate() {
        let StoredText(text) = searcher
            .doc(c.address)
            .map_err(|e| Error::tantivy(&handle.path, e))?;
        let document = handle.catalog.document(c.doc)?;
        hits.push(Hit {
            rank: rank + 1,
            score: c.score,
            highlights: highlight::highlights(&text, literals.iter().copied()),
            document,
            passage: c.ordinal,
            text,
        });
    }
    Ok(SearchResults {
        passages: total,
        documents: documents.len(),
        hits,
    })
}
