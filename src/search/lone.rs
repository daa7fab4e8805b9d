//! A query of one term, ranked without holding its passages: each matching passage is
//! scored and folded at once into its document's best score and count, and only the
//! documents of the page asked for have their passages collected again, to be shown.
//! The ranking is the one [`super::documents`] computes from every passage (one term
//! has no bits to keep per passage: each holds it), so pages are identical; what goes is
//! the memory and time of holding them — at a hundred times the sample corpus 的 is in
//! 30 million passages (2.4 GB and 6 s for its first page), in 380,000 documents.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{BooleanQuery, Occur, TermSetQuery};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::collect::{AllMatches, Candidate, DocumentIds};
use super::documents::{DocumentFilter, MatchedDocument, Scored};
use super::plan::{build_query, unscored};
use super::rank::{self, PassageStatistics};
use super::statistics::ShardStatistics;
use super::{Filters, HEADER_PASSAGE, Query};
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};

/// A matching document as its passages rank it, without them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankedDocument {
    pub doc: u64,
    pub score: f32,
    pub date: i64,
    /// Its passages holding the term.
    pub passages: usize,
    /// Its best passage's score.
    best: f32,
    chars: u64,
}

/// Every document matching a one-term query, scored.
pub(crate) struct RankedDocuments {
    pub documents: Vec<RankedDocument>,
    pub passages: usize,
    /// Documents holding the term, filters aside (what weighs it).
    pub holding: usize,
    /// Characters of the documents matching (what their lengths are weighed against).
    pub matching_chars: u64,
    /// Every matching passage, when there are few ([`HELD_PER_SEGMENT`]): the page's
    /// are then taken from them rather than searched for again.
    pub held: Option<Vec<Candidate>>,
}

/// Passages of a segment held as they are scored; past this many none are: a rare
/// term's page is shown from them without a second search (which would add a fifth
/// to a 12 ms answer), a common one's from its page's documents searched again.
const HELD_PER_SEGMENT: usize = 20_000;

/// The documents matching `query` under `filters`, scored as [`super::documents`]
/// scores them, when the query has exactly one positive term; `None` otherwise.
pub(crate) fn rank_documents(
    handle: &IndexHandle,
    searcher: &Searcher,
    (query, filters): (&Query, &Filters),
    shards: Option<&ShardStatistics>,
) -> Result<Option<RankedDocuments>> {
    let statistics = PassageStatistics::of(handle, searcher, shards);
    rank_holding(handle, &statistics, (query, filters), HELD_PER_SEGMENT)
}

/// [`rank_documents`], holding up to `held_per_segment` passages of each segment.
fn rank_holding(
    handle: &IndexHandle,
    statistics: &PassageStatistics,
    (query, filters): (&Query, &Filters),
    held_per_segment: usize,
) -> Result<Option<RankedDocuments>> {
    if query.clauses.iter().filter(|c| !c.negated).count() != 1 {
        return Ok(None);
    }
    let tantivy = |e| Error::tantivy(&handle.path, e);
    let searcher = statistics.searcher;
    let ids = DocumentIds::new(searcher).map_err(tantivy)?;
    let kept = DocumentFilter::new(handle, searcher, query, filters, &ids)?;
    let ids_len = handle.catalog.order.len() as u64;
    let (mut documents, held) = searcher
        .search_with_statistics_provider(
            build_query(handle, statistics, query, filters, None)?.as_ref(),
            &ByDocument {
                text: handle.fields.text,
                held_per_segment,
            },
            statistics,
        )
        .map_err(tantivy)?;
    documents.retain(|d| d.doc < ids_len);
    // The term's weight: its rarity over the documents holding it, filters aside.
    let holding = documents.len();
    documents.retain(|d| kept.keeps(d.doc));
    let matching_chars = documents.iter().map(|d| d.chars).sum::<u64>();
    // With shards, the term's weight and the mean length are the whole corpus's.
    let (weight, mean_chars) = match statistics.shards {
        Some(s) => (
            rank::term_weight(s.holding as usize, s.documents as usize),
            s.matching_chars as f64 / s.matching.max(1) as f64,
        ),
        // Summed in the order of first appearance, as the passages' grouping sums it.
        None => (
            rank::term_weight(holding, handle.catalog.len()),
            documents.iter().map(|d| d.chars as f64).sum::<f64>() / documents.len().max(1) as f64,
        ),
    };
    for d in &mut documents {
        let length = d.chars as f32 / mean_chars.max(1.0) as f32;
        d.score = rank::document_score(d.best.max(0.0), d.passages, Some((weight, length)));
    }
    let passages = documents.iter().map(|d| d.passages).sum();
    Ok(Some(RankedDocuments {
        documents,
        passages,
        holding,
        matching_chars,
        held,
    }))
}

/// The passages holding the term in each of `documents` (ranked already), scored.
pub(crate) fn with_passages(
    handle: &IndexHandle,
    statistics: &PassageStatistics,
    (query, filters): (&Query, &Filters),
    documents: &[RankedDocument],
    held: Option<Vec<Candidate>>,
) -> Result<Vec<MatchedDocument>> {
    let candidates = match held {
        Some(held) => held,
        None => search_passages_of(handle, statistics, (query, filters), documents)?,
    };
    let place: HashMap<u64, usize> = documents
        .iter()
        .enumerate()
        .map(|(n, d)| (d.doc, n))
        .collect();
    let mut out: Vec<MatchedDocument> = documents
        .iter()
        .map(|d| MatchedDocument {
            doc: d.doc,
            score: d.score,
            date: d.date,
            passages: Vec::with_capacity(d.passages),
        })
        .collect();
    for candidate in candidates {
        if let Some(&n) = place.get(&candidate.doc) {
            let header = candidate.ordinal == HEADER_PASSAGE;
            out[n].passages.push(Scored {
                candidate,
                score: rank::passage_score(candidate.score, candidate.words, header, false),
                terms: 1,
                in_text: true,
            });
        }
    }
    for d in &mut out {
        d.passages.sort_unstable_by_key(|p| p.candidate.ordinal);
    }
    Ok(out)
}

/// The passages of `documents` holding the term, searched for again.
fn search_passages_of(
    handle: &IndexHandle,
    statistics: &PassageStatistics,
    (query, filters): (&Query, &Filters),
    documents: &[RankedDocument],
) -> Result<Vec<Candidate>> {
    let tantivy = |e| Error::tantivy(&handle.path, e);
    let of_documents = TermSetQuery::new(
        documents
            .iter()
            .map(|d| Term::from_field_u64(handle.fields.doc, d.doc)),
    );
    let matching = BooleanQuery::new(vec![
        (
            Occur::Must,
            build_query(handle, statistics, query, filters, None)?,
        ),
        (Occur::Must, unscored(Box::new(of_documents))),
    ]);
    statistics
        .searcher
        .search_with_statistics_provider(
            &matching,
            &AllMatches {
                text: handle.fields.text,
            },
            statistics,
        )
        .map_err(tantivy)
}

/// Folds each matching passage into its document as it is scored.
struct ByDocument {
    text: tantivy::schema::Field,
    held_per_segment: usize,
}

struct SegmentByDocument {
    segment: SegmentOrdinal,
    held_per_segment: usize,
    /// The segment's passages while they are few ([`HELD_PER_SEGMENT`]).
    held: Option<Vec<Candidate>>,
    doc: Column<u64>,
    date: Column<i64>,
    doc_chars: Column<u64>,
    ordinal: Column<u64>,
    words: Option<FieldNormReader>,
    out: Vec<RankedDocument>,
}

impl Collector for ByDocument {
    type Fruit = (Vec<RankedDocument>, Option<Vec<Candidate>>);
    type Child = SegmentByDocument;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = reader.fast_fields();
        Ok(SegmentByDocument {
            segment,
            held_per_segment: self.held_per_segment,
            held: Some(Vec::new()),
            doc: fast.u64("doc")?,
            date: fast.i64("date_first")?,
            doc_chars: fast.u64("doc_chars")?,
            ordinal: fast.u64("ordinal")?,
            words: reader.fieldnorms_readers().get_field(self.text)?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// A document's passages are consecutive within a segment, so each segment gives
    /// one run per document; a document split over segments is joined here, in the
    /// order the documents first appear.
    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let mut place: HashMap<u64, usize> = HashMap::new();
        let mut out: Vec<RankedDocument> = Vec::new();
        let mut held: Option<Vec<Candidate>> = Some(Vec::new());
        let mut runs = Vec::with_capacity(fruits.len());
        for (documents, passages) in fruits {
            held = held.zip(passages).map(|(mut all, some)| {
                all.extend(some);
                all
            });
            runs.push(documents);
        }
        for run in runs.into_iter().flatten() {
            match place.get(&run.doc) {
                Some(&n) => {
                    out[n].best = out[n].best.max(run.best);
                    out[n].passages += run.passages;
                }
                None => {
                    place.insert(run.doc, out.len());
                    out.push(run);
                }
            }
        }
        Ok((out, held))
    }
}

/// A segment's documents, and its passages if they are few.
type SegmentFruit = (Vec<RankedDocument>, Option<Vec<Candidate>>);

impl SegmentCollector for SegmentByDocument {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, bm25: Score) {
        let id = self.doc.first(doc).unwrap_or(u64::MAX);
        let ordinal = self.ordinal.first(doc).unwrap_or(0);
        let words = self.words.as_ref().map_or(u32::MAX, |n| n.fieldnorm(doc));
        let chars = self.doc_chars.first(doc).unwrap_or(0);
        let date = self.date.first(doc).unwrap_or(i64::MIN);
        if let Some(held) = &mut self.held {
            if held.len() < self.held_per_segment {
                held.push(Candidate {
                    score: bm25,
                    doc: id,
                    ordinal,
                    date,
                    address: DocAddress::new(self.segment, doc),
                    words,
                    doc_chars: chars,
                });
            } else {
                self.held = None;
            }
        }
        let score = rank::passage_score(bm25, words, ordinal == HEADER_PASSAGE, false);
        match self.out.last_mut() {
            Some(last) if last.doc == id => {
                last.best = last.best.max(score);
                last.passages += 1;
            }
            _ => self.out.push(RankedDocument {
                doc: id,
                score: 0.0,
                date,
                passages: 1,
                best: score,
                chars,
            }),
        }
    }

    fn harvest(self) -> SegmentFruit {
        (self.out, self.held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::match_documents;

    /// The bundled corpus's index, built in a temporary folder.
    fn bundled_index() -> (tempfile::TempDir, IndexHandle) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let index = dir.path().join("index");
        crate::indexer::build(&corpus, &index, &Default::default(), &mut |_| {}).unwrap();
        let handle = IndexHandle::open(&index).unwrap();
        (dir, handle)
    }

    /// A document's id, score bits, date and passages (ordinal, score bits).
    type Compared = (u64, u32, i64, Vec<(u64, u32)>);

    /// What both paths agree on: each document's score, date and passages.
    fn by_document(documents: &[MatchedDocument]) -> Vec<Compared> {
        let mut out: Vec<_> = documents
            .iter()
            .map(|d| {
                let passages = d.passages.iter();
                let passages = passages.map(|p| (p.candidate.ordinal, p.score.to_bits()));
                (d.doc, d.score.to_bits(), d.date, passages.collect())
            })
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn one_term_ranks_its_documents_as_their_passages_do() {
        let (_dir, handle) = bundled_index();
        let searcher = handle.reader.searcher();
        let mut compared = 0;
        for text in [
            "的",
            "发展",
            "安康",
            "赵俊民",
            "工作 -安康",
            "经济 year:2021",
            "尧柏水泥",
        ] {
            let query = crate::search::query::parse(text).unwrap();
            let filters = query.filters.clone();
            let every = match_documents(&handle, &searcher, (&query, &filters), None).unwrap();
            let statistics = PassageStatistics::of(&handle, &searcher, None);
            // Held as scored, or searched for again: the same documents and passages.
            for held in [HELD_PER_SEGMENT, 0] {
                let ranked = rank_holding(&handle, &statistics, (&query, &filters), held)
                    .unwrap()
                    .unwrap();
                assert_eq!(ranked.held.is_some(), held > 0 || ranked.passages == 0);
                assert_eq!(ranked.passages, every.passages, "{text}");
                let shown = (&query, &filters);
                let all =
                    with_passages(&handle, &statistics, shown, &ranked.documents, ranked.held);
                let all = all.unwrap();
                assert_eq!(by_document(&all), by_document(&every.documents), "{text}");
                compared += all.len();
            }
        }
        assert!(compared > 20, "{compared} documents compared");
    }

    #[test]
    fn several_terms_are_left_to_the_passages() {
        let (_dir, handle) = bundled_index();
        let query = crate::search::query::parse("工作 发展").unwrap();
        let searcher = handle.reader.searcher();
        let ranked = rank_documents(&handle, &searcher, (&query, &query.filters), None).unwrap();
        assert!(ranked.is_none());
    }
}
