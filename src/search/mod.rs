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
//! ([`analysis::segment_query`]), so no jieba is built per query.

pub mod aliases;
pub mod highlight;
pub mod mentions;
pub mod query;
pub mod trend;

use std::cmp::Ordering;
use std::collections::HashSet;
use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query as TantivyQuery,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::analysis::{self, ExactPlan};
use crate::document::DocDate;
use crate::error::{Error, Result};
use crate::indexer::{DocumentRecord, IndexHandle};
pub use query::Query;

/// Score added to a passage holding all positive terms contiguously, in query order.
pub const CONTIGUOUS_BONUS: Score = 1000.0;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// Filters given on the command line; they combine with those in the query text.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub from: Option<DocDate>,
    pub to: Option<DocDate>,
}

impl Filters {
    /// Whether a catalogued document passes these filters, with the same meaning as the
    /// index-side filters: speaker and body contain the text (after folding), the date
    /// range overlaps the document's, undated documents fail any date filter.
    pub fn admits(&self, doc: &DocumentRecord) -> bool {
        let contains = |value: &Option<String>, wanted: &Option<String>| match wanted {
            None => true,
            Some(w) => value.as_ref().is_some_and(|v| {
                analysis::fold_str(v)
                    .contains(&highlight::needle(w).into_iter().collect::<String>())
            }),
        };
        let dated = |bound: Option<DocDate>, check: &dyn Fn(DocDate, DocDate) -> bool| match bound {
            None => true,
            Some(b) => doc.meta.date.is_some_and(|d| check(d, b)),
        };
        contains(&doc.meta.speaker, &self.speaker)
            && contains(&doc.meta.body, &self.body)
            && dated(self.from, &|d, from| d.last_day() >= from.first_day())
            && dated(self.to, &|d, to| d.first_day() <= to.last_day())
    }
}

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

/// A matching passage before ranking.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: Score,
    doc: u64,
    ordinal: u64,
    date: i64,
    address: DocAddress,
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

/// Ids of the documents whose every named field contains the given text (after folding).
/// Metadata is per document, so this reads the catalog, not the index.
fn documents_with_fields(
    handle: &IndexHandle,
    fields: &[(String, String)],
) -> Result<HashSet<u64>> {
    let wanted: Vec<(&str, String)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), analysis::fold_str(v.trim())))
        .collect();
    Ok(handle
        .catalog
        .documents()?
        .iter()
        .filter(|d| {
            wanted.iter().all(|(k, v)| {
                d.field(k)
                    .is_some_and(|x| analysis::fold_str(x).contains(v.as_str()))
            })
        })
        .map(|d| d.id)
        .collect())
}

/// Every passage holding any excluded literal of `query`.
fn excluded(
    handle: &IndexHandle,
    searcher: &Searcher,
    query: &Query,
) -> Result<HashSet<DocAddress>> {
    let mut out = HashSet::new();
    for clause in query.clauses.iter().filter(|c| c.negated) {
        for literal in &clause.alternatives {
            if let Some(q) = exact_query(handle.fields.exact, literal) {
                let found = searcher
                    .search(q.as_ref(), &DocSetCollector)
                    .map_err(|e| Error::tantivy(&handle.path, e))?;
                out.extend(found);
            }
        }
    }
    Ok(out)
}

/// The exact-field query finding every passage that contains `literal`.
pub fn exact_query(field: Field, literal: &str) -> Option<Box<dyn TantivyQuery>> {
    let term = |t: &str| Term::from_field_text(field, t);
    let ExactPlan(terms) = analysis::exact_plan(literal)?;
    Some(match terms.as_slice() {
        [(_, c)] => Box::new(TermQuery::new(term(c), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new_with_offset(
            terms.iter().map(|(p, t)| (*p, term(t))).collect(),
        )),
    })
}

/// A query that matches what `inner` matches but adds nothing to the score.
fn unscored(inner: Box<dyn TantivyQuery>) -> Box<dyn TantivyQuery> {
    Box::new(ConstScoreQuery::new(inner, 0.0))
}

fn build_query(
    handle: &IndexHandle,
    searcher: &Searcher,
    query: &Query,
    filters: &Filters,
) -> Result<Box<dyn TantivyQuery>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for clause in &query.clauses {
        let alternatives: Vec<Box<dyn TantivyQuery>> = clause
            .alternatives
            .iter()
            .filter_map(|l| exact_query(f.exact, l))
            .collect();
        let matcher: Box<dyn TantivyQuery> = match alternatives.len() {
            0 => Box::new(EmptyQuery),
            1 => alternatives.into_iter().next().expect("one"),
            _ => Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            )),
        };
        if clause.negated {
            // Exclusions run as a search of their own (see `excluded`): tantivy 0.27's
            // exclusion of a phrase query seeks backwards and trips an assertion.
            continue;
        }
        clauses.push((Occur::Must, unscored(matcher)));
        for literal in &clause.alternatives {
            for word in query_words(handle, searcher, literal) {
                let term = Term::from_field_text(f.text, &word);
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
    }
    // All positive terms together, in order: the passage says exactly what was asked.
    let positives: Vec<&str> = query
        .clauses
        .iter()
        .filter(|c| !c.negated)
        .map(|c| c.alternatives[0].as_str())
        .collect();
    if positives.len() > 1
        && let Some(q) = exact_query(f.exact, &positives.concat())
    {
        // Large enough to put every contiguous match above every scattered one.
        clauses.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(q, CONTIGUOUS_BONUS)),
        ));
    }
    clauses.extend(filter_clauses(handle, filters)?);
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// The documents a speaker or body filter admits, or `None` without such a filter.
/// Speaker and body are indexed on each document's first passage only (repeating them
/// on every passage cost a tenth of the indexing work), so they select documents, and
/// the passages of other documents are dropped by id.
pub fn filtered_documents(
    handle: &IndexHandle,
    searcher: &Searcher,
    filters: &Filters,
) -> Result<Option<HashSet<u64>>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for (field, value) in [(f.speaker, &filters.speaker), (f.body, &filters.body)] {
        if let Some(v) = value {
            let q = exact_query(field, v).ok_or_else(|| Error::query(v, "empty filter value"))?;
            clauses.push((Occur::Must, q));
        }
    }
    if clauses.is_empty() {
        return Ok(None);
    }
    let found = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    let ids = DocumentIds::new(searcher).map_err(|e| Error::tantivy(&handle.path, e))?;
    Ok(Some(found.into_iter().filter_map(|a| ids.of(a)).collect()))
}

/// The document id and ordinal of any passage, from the fast fields of each segment.
pub struct DocumentIds {
    docs: Vec<Column<u64>>,
    ordinals: Vec<Column<u64>>,
}

impl DocumentIds {
    pub fn new(searcher: &Searcher) -> tantivy::Result<DocumentIds> {
        let column = |name: &str| {
            searcher
                .segment_readers()
                .iter()
                .map(|r| r.fast_fields().u64(name))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(DocumentIds {
            docs: column("doc")?,
            ordinals: column("ordinal")?,
        })
    }

    /// The id of the passage's document.
    pub fn of(&self, address: DocAddress) -> Option<u64> {
        self.docs
            .get(address.segment_ord as usize)?
            .first(address.doc_id)
    }

    /// The passage's ordinal in its document.
    pub fn ordinal(&self, address: DocAddress) -> Option<u64> {
        self.ordinals
            .get(address.segment_ord as usize)?
            .first(address.doc_id)
    }
}

/// Unscored `Must` clauses for the date filters (speaker and body: see
/// [`filtered_documents`]).
pub fn filter_clauses(
    handle: &IndexHandle,
    filters: &Filters,
) -> Result<Vec<(Occur, Box<dyn TantivyQuery>)>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    if let (Some(a), Some(b)) = (filters.from, filters.to)
        && a.first_day() > b.last_day()
    {
        return Err(Error::query(
            &format!("{a}..{b}"),
            "the date range ends before it starts",
        ));
    }
    if let Some(from) = filters.from {
        let lower = Term::from_field_i64(f.date_last, from.first_day());
        clauses.push((
            Occur::Must,
            unscored(Box::new(RangeQuery::new(
                Bound::Included(lower),
                Bound::Unbounded,
            ))),
        ));
    }
    if let Some(to) = filters.to {
        let upper = Term::from_field_i64(f.date_first, to.last_day());
        clauses.push((
            Occur::Must,
            unscored(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(upper),
            ))),
        ));
    }
    Ok(clauses)
}

/// The words of `literal` that the index knows, for BM25.
fn query_words(handle: &IndexHandle, searcher: &Searcher, literal: &str) -> Vec<String> {
    let field = handle.fields.text;
    let total = searcher.num_docs();
    let doc_freq = |w: &str| {
        searcher
            .doc_freq(&Term::from_field_text(field, w))
            .unwrap_or(0)
    };
    let mut words = Vec::new();
    for part in literal.split_whitespace() {
        for word in analysis::segment_query(part, &doc_freq, total) {
            if doc_freq(&word) > 0 && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words
}

/// BM25 statistics that depend only on the passages in the index, not on its history:
/// the word-token total comes from the catalog ([`crate::indexer::live_token_total`],
/// computed once per indexing run), not from tantivy's per-segment sums, which are
/// estimates for segments merged with deletions.
struct PassageStatistics<'s> {
    searcher: &'s Searcher,
    text: Field,
    text_tokens: u64,
}

impl tantivy::query::Bm25StatisticsProvider for PassageStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if field == self.text {
            return Ok(self.text_tokens);
        }
        tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

/// Collects every matching passage with its score, document, ordinal and date.
struct AllMatches;

struct SegmentMatches {
    segment: SegmentOrdinal,
    doc: Column<u64>,
    ordinal: Column<u64>,
    date: Column<i64>,
    out: Vec<Candidate>,
}

/// The stored text of a passage, its only stored field, read without building a
/// general document (a quarter of the reading time for a common character).
pub struct StoredText(pub String);

impl tantivy::schema::document::DocumentDeserialize for StoredText {
    fn deserialize<'de, D>(
        mut fields: D,
    ) -> std::result::Result<Self, tantivy::schema::document::DeserializeError>
    where
        D: tantivy::schema::document::DocumentDeserializer<'de>,
    {
        let mut text = String::new();
        while let Some((_, value)) = fields.next_field::<String>()? {
            text = value;
        }
        Ok(StoredText(text))
    }
}

/// A matching passage, located: its address, document id and ordinal.
#[derive(Debug, Clone, Copy)]
pub struct PassageRef {
    pub address: DocAddress,
    pub doc: u64,
    pub ordinal: u64,
}

/// Collects every matching passage, unscored, in index order: for exhaustive answers,
/// where a hash set of addresses would cost more than the matching.
pub struct Passages;

pub struct SegmentPassages {
    segment: SegmentOrdinal,
    doc: Column<u64>,
    ordinal: Column<u64>,
    out: Vec<PassageRef>,
}

impl Collector for Passages {
    type Fruit = Vec<PassageRef>;
    type Child = SegmentPassages;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentPassages> {
        let fast = reader.fast_fields();
        Ok(SegmentPassages {
            segment,
            doc: fast.u64("doc")?,
            ordinal: fast.u64("ordinal")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<PassageRef>>) -> tantivy::Result<Vec<PassageRef>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentPassages {
    type Fruit = Vec<PassageRef>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let (Some(id), Some(ordinal)) = (self.doc.first(doc), self.ordinal.first(doc)) {
            self.out.push(PassageRef {
                address: DocAddress::new(self.segment, doc),
                doc: id,
                ordinal,
            });
        }
    }

    fn harvest(self) -> Vec<PassageRef> {
        self.out
    }
}

impl Collector for AllMatches {
    type Fruit = Vec<Candidate>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let fast = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            doc: fast.u64("doc")?,
            ordinal: fast.u64("ordinal")?,
            date: fast.i64("date_first")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Candidate>>) -> tantivy::Result<Vec<Candidate>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Candidate>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Candidate {
            score,
            doc: self.doc.first(doc).unwrap_or(u64::MAX),
            ordinal: self.ordinal.first(doc).unwrap_or(0),
            date: self.date.first(doc).unwrap_or(i64::MIN),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Candidate> {
        self.out
    }
}
