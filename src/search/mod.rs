//! Searching: matching by document, display by passage. A document matches when each
//! positive term occurs somewhere in it (a passage or its header) and no excluded term
//! does ([`documents`]); every matching document is found (totals are exact), ranked,
//! and the top ones are returned as [`DocumentHit`]s with their best passages
//! highlighted ([`show`]); [`search_passages`] lists passages instead. The searcher
//! never formats text.
//!
//! Matching and ranking are separate on purpose:
//! - which passages hold a term is decided only by the exact (character) field, so every
//!   literal is found wherever it occurs, whatever the word segmentation;
//! - a passage's score is BM25 over jieba words of the `text` field, plus bonuses for
//!   all terms contiguous and for all terms in the passage, weighed down for bare
//!   headings and up for the header ([`rank`]); a document's score is its best passage's
//!   plus a little for each further passage; ties go to the newest document.
//!
//! Query words are segmented against the index's own term dictionary
//! ([`crate::analysis::segment_query`]), so no jieba is built per query.

pub mod aliases;
pub mod collect;
mod documents;
pub mod facets;
pub mod filters;
pub mod highlight;
mod lone;
pub mod plan;
pub mod query;
pub mod rank;
mod show;
pub mod statistics;
pub mod text;

pub(crate) use show::read_texts;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::DocAddress;

use crate::catalog::{DocumentRecord, IndexHandle};
pub use crate::document::HEADER_PASSAGE;
use crate::error::Result;
pub use collect::{DocumentIds, PassageRef, Passages, StoredText};
use documents::MatchedDocument;
pub use filters::{Filters, check_field_names, filter_clauses, filtered_documents};
pub use plan::{CONTIGUOUS_BONUS, exact_query};
pub use query::Query;
pub use text::{DocumentPassage, document_text};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

named_values!(Sort { "relevance" => Relevance, "date" => Date });

/// One ranked passage (`search --passages`).
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    /// Shared by the hits of one document.
    pub document: Arc<DocumentRecord>,
    /// The passage's ordinal; [`HEADER_PASSAGE`] for the document's header.
    pub passage: u64,
    pub text: String,
    /// `[start, end)` character offsets of the matches in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// A passage shown for a document.
#[derive(Debug, Clone, Serialize)]
pub struct PassageHit {
    /// The passage's ordinal; [`HEADER_PASSAGE`] for the document's header.
    pub passage: u64,
    pub score: f32,
    pub text: String,
    /// `[start, end)` character offsets of the matches in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// One ranked document with its best passages.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentHit {
    pub rank: usize,
    pub score: f32,
    pub document: DocumentRecord,
    /// Passages holding a term (the header counted as one).
    pub matching_passages: usize,
    /// Occurrences of the positive terms in those passages.
    pub occurrences: usize,
    /// Where the terms occur in the title.
    pub title_highlights: Vec<(usize, usize)>,
    /// The best passages, at most [`PASSAGES_SHOWN`], the one holding most of the query
    /// first.
    pub passages: Vec<PassageHit>,
}

/// Passages shown for each document.
pub const PASSAGES_SHOWN: usize = 3;

/// The answer to a search: documents.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching documents, and their passages holding a term.
    pub documents: usize,
    pub passages: usize,
    pub hits: Vec<DocumentHit>,
    /// Every matching document's id, unordered (for facets over all of them).
    #[serde(skip)]
    pub matched: Vec<u64>,
}

/// The answer to a search listed by passage (`search --passages`).
#[derive(Debug, Clone, Serialize)]
pub struct PassageResults {
    pub documents: usize,
    pub passages: usize,
    pub hits: Vec<Hit>,
}

/// How much of the index a query will read and rank, before it is run: the passages
/// each of its literals is found in, added up over every literal — excluded ones too —
/// as a share of all passages. Every term weighs: `尧柏水泥 的 一 是` reads and ranks the
/// passages of 的, 一 and 是 whatever its rarest term. A character's passages come from
/// the term dictionary; a longer literal's are counted on the exact field only when its
/// rarest character is in more than [`COUNT_FROM`] of the passages (below that, that
/// character's passages bound it at no cost). A server runs broad queries (的, 发展) a
/// few at a time, so that narrow ones are never queued behind them.
pub fn breadth(handle: &IndexHandle, query: &Query) -> Result<f64> {
    let searcher = handle.reader.searcher();
    let total = searcher.num_docs().max(1);
    let tantivy_error = |e| crate::Error::tantivy(&handle.path, e);
    let mut reach = 0u64;
    for literal in query.clauses.iter().flat_map(|c| &c.alternatives) {
        let Some(plan) = crate::analysis::exact_plan(literal) else {
            continue;
        };
        let mut rarest = u64::MAX;
        for (_, c) in &plan.0 {
            let term = tantivy::Term::from_field_text(handle.fields.exact, c);
            rarest = rarest.min(searcher.doc_freq(&term).map_err(tantivy_error)?);
        }
        if plan.0.len() > 1
            && rarest as f64 > COUNT_FROM * total as f64
            && let Some(q) = exact_query(handle.fields.exact, literal)
        {
            rarest = searcher
                .search(&*q, &tantivy::collector::Count)
                .map_err(tantivy_error)? as u64;
        }
        reach += rarest;
    }
    Ok(reach as f64 / total as f64)
}

/// See [`breadth`]: a literal whose rarest character is in fewer passages than this
/// share is weighed by that character alone.
const COUNT_FROM: f64 = 0.005;

/// The command-line filters and those written in the query, as one.
fn merged(query: &Query, filters: &Filters) -> Filters {
    filters.and(&query.filters)
}

/// Runs `query` (already parsed) with `filters`: every matching document, ranked, the
/// `limit` best returned with their best passages.
pub fn search(
    handle: &IndexHandle,
    query: &Query,
    filters: &Filters,
    sort: Sort,
    limit: usize,
) -> Result<SearchResults> {
    search_page(handle, query, filters, sort, 0..limit)
}

/// [`search`] returning the documents ranked `page` (0-based, half-open: `20..40` is
/// the second page of 20), ranks counted from the first.
pub fn search_page(
    handle: &IndexHandle,
    query: &Query,
    filters: &Filters,
    sort: Sort,
    page: std::ops::Range<usize>,
) -> Result<SearchResults> {
    search_ranked(handle, (query, filters), sort, page, None)
}

/// [`search_page`], ranked with the statistics of every shard of the corpus
/// (`shards`, [`statistics::ShardStatistics::sum_of`]) rather than this index's own.
pub fn search_ranked(
    handle: &IndexHandle,
    (query, filters): (&Query, &Filters),
    sort: Sort,
    page: std::ops::Range<usize>,
    shards: Option<&statistics::ShardStatistics>,
) -> Result<SearchResults> {
    let searcher = handle.reader.searcher();
    let filters = merged(query, filters);
    let ranking = rank::PassageStatistics::of(handle, &searcher, shards);
    let (ranked, total, passages, matched_ids) =
        match lone::rank_documents(handle, &searcher, (query, &filters), shards)? {
            // One term: the page's documents found first, their passages read after.
            Some(all) => {
                let matched_ids: Vec<u64> = all.documents.iter().map(|m| m.doc).collect();
                let total = all.documents.len();
                let mut ranked = all.documents;
                top_page(handle, &mut ranked, sort, &page);
                let ranked =
                    lone::with_passages(handle, &ranking, (query, &filters), &ranked, all.held)?;
                (ranked, total, all.passages, matched_ids)
            }
            None => {
                let matches =
                    documents::match_documents(handle, &searcher, (query, &filters), shards)?;
                let matched_ids: Vec<u64> = matches.documents.iter().map(|m| m.doc).collect();
                let total = matches.documents.len();
                let mut ranked = matches.documents;
                top_page(handle, &mut ranked, sort, &page);
                (ranked, total, matches.passages, matched_ids)
            }
        };
    let literals: Vec<&str> = query.positive_literals().collect();
    let mut records = show::records(handle, ranked.iter().map(|m| m.doc))?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (rank, matched) in ranked.into_iter().enumerate() {
        let record = match records.remove(&matched.doc) {
            Some(record) => record,
            None => handle.catalog.document(matched.doc)?,
        };
        hits.push(show::document_hit(
            handle,
            &searcher,
            &literals,
            page.start + rank + 1,
            (matched, record),
        )?);
    }
    Ok(SearchResults {
        documents: total,
        passages,
        hits,
        matched: matched_ids,
    })
}

/// What ranks a matching document: its score, then its date, then its id.
trait Ranked {
    fn key(&self) -> (f32, i64, u64);
}

impl Ranked for MatchedDocument {
    fn key(&self) -> (f32, i64, u64) {
        (self.score, self.date, self.doc)
    }
}

impl Ranked for lone::RankedDocument {
    fn key(&self) -> (f32, i64, u64) {
        (self.score, self.date, self.doc)
    }
}

/// Keeps the documents of `page` in `ranked`, in order: by relevance (ties to the
/// newest, then to the catalog's order) or by date.
fn top_page<T: Ranked>(
    handle: &IndexHandle,
    ranked: &mut Vec<T>,
    sort: Sort,
    page: &std::ops::Range<usize>,
) {
    let catalog = &handle.catalog;
    let by_relevance = |a: &T, b: &T| {
        let ((a_score, a_date, a_doc), (b_score, b_date, b_doc)) = (a.key(), b.key());
        b_score
            .partial_cmp(&a_score)
            .unwrap_or(Ordering::Equal)
            .then(b_date.cmp(&a_date))
            .then(catalog.rank(a_doc).cmp(&catalog.rank(b_doc)))
    };
    let by_date = |a: &T, b: &T| b.key().1.cmp(&a.key().1).then(by_relevance(a, b));
    let order: &dyn Fn(&T, &T) -> Ordering = match sort {
        Sort::Relevance => &by_relevance,
        Sort::Date => &by_date,
    };
    top(ranked, page.end, order);
    ranked.drain(..page.start.min(ranked.len()));
}

/// Runs `query` with `filters` and lists passages: those holding a term in every
/// matching document, ranked by their own scores, the `limit` best returned.
pub fn search_passages(
    handle: &IndexHandle,
    query: &Query,
    filters: &Filters,
    sort: Sort,
    limit: usize,
) -> Result<PassageResults> {
    let searcher = handle.reader.searcher();
    let filters = merged(query, filters);
    let matches = documents::match_documents(handle, &searcher, (query, &filters), None)?;
    let documents = matches.documents.len();
    let mut passages: Vec<documents::Scored> = matches
        .documents
        .into_iter()
        .flat_map(|d| d.passages)
        .collect();
    let total = passages.len();
    let catalog = &handle.catalog;
    let by_relevance = |a: &documents::Scored, b: &documents::Scored| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then(b.candidate.date.cmp(&a.candidate.date))
            .then(
                catalog
                    .rank(a.candidate.doc)
                    .cmp(&catalog.rank(b.candidate.doc)),
            )
            .then(a.candidate.ordinal.cmp(&b.candidate.ordinal))
    };
    let by_date = |a: &documents::Scored, b: &documents::Scored| {
        b.candidate
            .date
            .cmp(&a.candidate.date)
            .then(by_relevance(a, b))
    };
    let order: &dyn Fn(&documents::Scored, &documents::Scored) -> Ordering = match sort {
        Sort::Relevance => &by_relevance,
        Sort::Date => &by_date,
    };
    top(&mut passages, limit, order);
    let literals: Vec<&str> = query.positive_literals().collect();
    // The texts are read in store order (a block decompressed once, not once per
    // passage in rank order: 100,000 passages of 的 took 23 s), then put back in rank.
    let mut in_store: Vec<usize> = (0..passages.len()).collect();
    in_store.sort_unstable_by_key(|&i| passages[i].candidate.address);
    let addresses: Vec<DocAddress> = in_store
        .iter()
        .map(|&i| passages[i].candidate.address)
        .collect();
    let mut texts: Vec<Option<Arc<str>>> = vec![None; passages.len()];
    for (text, i) in read_texts(handle, &searcher, &addresses)?
        .into_iter()
        .zip(in_store)
    {
        texts[i] = Some(text);
    }
    // Records read frame by frame in one pass (one at a time decompressed a frame per
    // passage), shared by their passages.
    let records: HashMap<u64, Arc<DocumentRecord>> =
        show::records(handle, passages.iter().map(|p| p.candidate.doc))?
            .into_iter()
            .map(|(id, record)| (id, Arc::new(record)))
            .collect();
    let mut hits = Vec::with_capacity(passages.len());
    for ((rank, p), text) in passages.iter().enumerate().zip(texts) {
        let text = text.map_or_else(String::new, |t| t.to_string());
        hits.push(Hit {
            rank: rank + 1,
            score: p.score,
            highlights: highlight::highlights(&text, literals.iter().copied()),
            document: match records.get(&p.candidate.doc) {
                Some(record) => Arc::clone(record),
                None => Arc::new(handle.catalog.document(p.candidate.doc)?),
            },
            passage: p.candidate.ordinal,
            text,
        });
    }
    Ok(PassageResults {
        documents,
        passages: total,
        hits,
    })
}

/// Keeps the first `limit` of `items` in `order`, sorted: only those need ordering (a
/// common character matches 10⁵ passages).
fn top<T>(items: &mut Vec<T>, limit: usize, order: &dyn Fn(&T, &T) -> Ordering) {
    if limit < items.len() {
        items.select_nth_unstable_by(limit, order);
        items.truncate(limit);
    }
    items.sort_unstable_by(order);
}
