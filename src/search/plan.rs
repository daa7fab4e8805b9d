//! The query plan: a parsed query becomes tantivy queries. Which passages hold a term is
//! decided by the exact (character) field only; the words of each literal, segmented
//! against the index's own terms, add their BM25 scores; a passage holding all terms
//! contiguously gets [`CONTIGUOUS_BONUS`].

use std::collections::HashSet;

use tantivy::collector::DocSetCollector;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Score, Searcher, Term};

use super::filters::filter_clauses;
use super::query::Clause;
use super::rank::PassageStatistics;
use super::{Filters, Query};
use crate::analysis::{self, ExactPlan};
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};

/// Score added to a passage holding all positive terms contiguously, in query order.
pub const CONTIGUOUS_BONUS: Score = 1000.0;

/// Every passage holding any excluded literal of `query`.
pub(crate) fn excluded(
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
pub(crate) fn unscored(inner: Box<dyn TantivyQuery>) -> Box<dyn TantivyQuery> {
    Box::new(ConstScoreQuery::new(inner, 0.0))
}

/// The exact-field query matching passages that hold any alternative of `clause`.
pub(crate) fn clause_matcher(field: Field, clause: &Clause) -> Box<dyn TantivyQuery> {
    let mut alternatives: Vec<Box<dyn TantivyQuery>> = clause
        .alternatives
        .iter()
        .filter_map(|l| exact_query(field, l))
        .collect();
    match alternatives.len() {
        0 => Box::new(EmptyQuery),
        1 => alternatives.remove(0),
        _ => Box::new(BooleanQuery::new(
            alternatives
                .into_iter()
                .map(|q| (Occur::Should, q))
                .collect(),
        )),
    }
}

/// The scoring query: every passage holding any positive term (documents are matched
/// by `search::documents`, which keeps the passages of matching documents), scored by
/// BM25 over the words of the terms, plus [`CONTIGUOUS_BONUS`] for all terms together.
pub(crate) fn build_query(
    handle: &IndexHandle,
    statistics: &PassageStatistics,
    query: &Query,
    filters: &Filters,
    held: Option<super::documents::HeldPassages>,
) -> Result<Box<dyn TantivyQuery>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    let mut any_term: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    // Exclusions run as a search of their own (see `excluded`): tantivy 0.27's exclusion
    // of a phrase query seeks backwards and trips an assertion.
    for clause in query.clauses.iter().filter(|c| !c.negated) {
        any_term.push((Occur::Should, clause_matcher(f.exact, clause)));
        for literal in &clause.alternatives {
            for word in query_words(statistics, literal) {
                let term = Term::from_field_text(f.text, &word);
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
    }
    // The passages holding a term, found already (several terms) or to find (one).
    let matching: Box<dyn TantivyQuery> = match held {
        Some(held) => Box::new(held),
        None => unscored(Box::new(BooleanQuery::new(any_term))),
    };
    clauses.push((Occur::Must, matching));
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

/// The words of `literal` that the index knows (or the shards of its corpus), for BM25.
pub(crate) fn query_words(statistics: &PassageStatistics, literal: &str) -> Vec<String> {
    let total = statistics.passages();
    let doc_freq = |w: &str| statistics.word_freq(w);
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
