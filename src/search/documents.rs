//! Matching by document: a document matches when each positive term (any of its
//! alternatives) occurs in one of its passages or in its header — or, with several
//! terms, is what its title, kind, speaker or body says — and no excluded term occurs
//! in it; the passages holding a term are then what ranks it and what is shown.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::collect::{AllMatches, Candidate, DocumentIds};
use super::filters::{documents_with_fields, filtered_documents};
use super::plan::{build_query, clause_matcher, excluded};
use super::query::Clause;
use super::rank::{self, DESCRIBED_BONUS, NEARBY_BONUS, PassageStatistics};
use super::statistics::ShardStatistics;
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
    /// Which positive terms the passage holds, one bit each in query order (those its
    /// document's metadata says count as held).
    pub terms: u64,
    /// Whether its text holds a term (not only its document's metadata).
    pub in_text: bool,
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
    (query, filters): (&Query, &Filters),
    shards: Option<&ShardStatistics>,
) -> Result<Matches> {
    let tantivy = |e| Error::tantivy(&handle.path, e);
    let ids = DocumentIds::new(searcher).map_err(tantivy)?;
    let positives: Vec<_> = query.clauses.iter().filter(|c| !c.negated).collect();
    // With several terms: the passages holding each (a bit set per segment), and the
    // documents holding all of them. One term needs neither: its passages are the
    // candidates, its documents theirs.
    let mut holding: Vec<Holding> = Vec::new();
    let mut documents: Option<DocumentSet> = None;
    // A term may be in what the document is rather than in its text: 李克强 of
    // `李克强 2019年 政府工作报告` is the speaker a manifest names, not a word of the report.
    // Those first passages (where the metadata is indexed) are candidates too, so that a
    // document no passage of which holds a term (周恩来 1954年 政府工作报告: a report in
    // traditional characters under another heading) has a passage to rank and show.
    let mut described: HashMap<u64, u64> = HashMap::new();
    let mut described_first: Vec<Holding> = Vec::new();
    if positives.len() > 1 {
        for (n, clause) in positives.iter().enumerate() {
            let in_text = searcher
                .search(
                    clause_matcher(handle.fields.exact, clause).as_ref(),
                    &HoldingCollector,
                )
                .map_err(tantivy)?;
            let in_metadata = searcher
                .search(&metadata_matcher(handle, clause), &HoldingCollector)
                .map_err(tantivy)?;
            let mut with_term = DocumentSet::default();
            in_text.documents(&ids, &mut |doc| with_term.insert(doc));
            in_metadata.documents(&ids, &mut |doc| {
                *described.entry(doc).or_default() |= 1 << n.min(63);
                with_term.insert(doc);
            });
            documents = Some(match documents {
                None => with_term,
                Some(d) => d.intersection(&with_term),
            });
            holding.push(in_text);
            described_first.push(in_metadata);
        }
    }
    let kept = DocumentFilter::new(handle, searcher, query, filters, &ids)?;
    let statistics = PassageStatistics::of(handle, searcher, shards);
    let mut candidates = searcher
        .search_with_statistics_provider(
            build_query(
                handle,
                &statistics,
                query,
                filters,
                documents.as_ref().map(|documents| {
                    let any = holding.iter().chain(&described_first);
                    HeldPassages::any_in(any, documents, &ids)
                }),
            )?
            .as_ref(),
            &AllMatches {
                text: handle.fields.text,
            },
            &statistics,
        )
        .map_err(tantivy)?;
    // A lone term's weight: its rarity over the documents holding it, filters aside.
    let ids_len = handle.catalog.order.len();
    let lone_weight = holding.is_empty().then(|| {
        let mut seen = vec![false; ids_len];
        let holding_it = candidates
            .iter()
            .filter(|c| {
                seen.get_mut(c.doc as usize)
                    .is_some_and(|s| !std::mem::replace(s, true))
            })
            .count();
        match shards {
            Some(shards) => rank::term_weight(shards.holding as usize, shards.documents as usize),
            None => rank::term_weight(holding_it, handle.catalog.len()),
        }
    });
    candidates
        .retain(|c| documents.as_ref().is_none_or(|d| d.contains(c.doc)) && kept.keeps(c.doc));
    // The mean length of the matching documents over every shard, with shards.
    let mean = shards.map(|s| s.matching_chars as f64 / s.matching.max(1) as f64);
    Ok(group(
        candidates,
        &holding,
        (&described, lone_weight, mean),
        ids_len,
    ))
}

/// Which matching documents the filters and exclusions keep: those the filters allow
/// (the index-side ones already narrowed the passages), those with the asked metadata
/// fields, none holding an excluded term.
pub(crate) struct DocumentFilter {
    allowed: Option<HashSet<u64>>,
    with_fields: Option<HashSet<u64>>,
    excluded: HashSet<u64>,
}

impl DocumentFilter {
    pub(crate) fn new(
        handle: &IndexHandle,
        searcher: &Searcher,
        query: &Query,
        filters: &Filters,
        ids: &DocumentIds,
    ) -> Result<DocumentFilter> {
        Ok(DocumentFilter {
            allowed: filtered_documents(handle, searcher, filters)?,
            with_fields: if filters.fields.is_empty() {
                None
            } else {
                Some(documents_with_fields(handle, &filters.fields)?)
            },
            excluded: excluded(handle, searcher, query)?
                .into_iter()
                .filter_map(|a| ids.of(a))
                .collect(),
        })
    }

    pub(crate) fn keeps(&self, doc: u64) -> bool {
        self.allowed.as_ref().is_none_or(|a| a.contains(&doc))
            && self.with_fields.as_ref().is_none_or(|f| f.contains(&doc))
            && !self.excluded.contains(&doc)
    }
}

/// The query matching the first passage of each document whose title, subtitle, kind
/// (`doc_type`), speaker or body holds `clause`: matching only, metadata is never
/// counted as an occurrence.
fn metadata_matcher(handle: &IndexHandle, clause: &Clause) -> BooleanQuery {
    let f = &handle.fields;
    BooleanQuery::new(
        [f.title, f.doc_type, f.speaker, f.body]
            .into_iter()
            .map(|field| (Occur::Should, clause_matcher(field, clause)))
            .collect(),
    )
}

/// The passages holding one term: a bit per passage, per segment (with its id).
pub(crate) struct Holding(Vec<(SegmentId, Vec<u64>)>);

impl Holding {
    fn contains(&self, address: DocAddress) -> bool {
        let (segment, doc) = (address.segment_ord as usize, address.doc_id as usize);
        self.0
            .get(segment)
            .and_then(|(_, bits)| bits.get(doc / 64))
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// Calls `each` with the document of each passage (a document as often as it has
    /// passages here).
    fn documents(&self, ids: &DocumentIds, each: &mut dyn FnMut(u64)) {
        for (segment, (_, bits)) in self.0.iter().enumerate() {
            for (n, &word) in bits.iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    let address = DocAddress::new(segment as u32, (n * 64) as u32 + bit);
                    if let Some(doc) = ids.of(address) {
                        each(doc);
                    }
                }
            }
        }
    }
}

/// A set of document ids, a bit each: ids are dense (a catalog's documents are numbered
/// from 0), and the documents holding a common word are a good part of the corpus — as a
/// hash set, collecting and intersecting them was a tenth of two common words' search.
#[derive(Default)]
pub(crate) struct DocumentSet(Vec<u64>);

impl DocumentSet {
    fn insert(&mut self, doc: u64) {
        let word = (doc / 64) as usize;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (doc % 64);
    }

    fn contains(&self, doc: u64) -> bool {
        self.0
            .get((doc / 64) as usize)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    fn intersection(&self, other: &DocumentSet) -> DocumentSet {
        DocumentSet(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }
}

/// Collects the passages a query matches as [`Holding`].
struct HoldingCollector;

struct SegmentHolding(SegmentId, Vec<u64>);

impl Collector for HoldingCollector {
    type Fruit = Holding;
    type Child = SegmentHolding;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHolding> {
        Ok(SegmentHolding(
            reader.segment_id(),
            vec![0; (reader.max_doc() as usize).div_ceil(64)],
        ))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(SegmentId, Vec<u64>)>) -> tantivy::Result<Holding> {
        Ok(Holding(fruits))
    }
}

impl SegmentCollector for SegmentHolding {
    type Fruit = (SegmentId, Vec<u64>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.1[doc as usize / 64] |= 1 << (doc % 64);
    }

    fn harvest(self) -> (SegmentId, Vec<u64>) {
        (self.0, self.1)
    }
}

/// Scores each passage and gathers them by document, scored.
fn group(
    candidates: Vec<Candidate>,
    holding: &[Holding],
    (described, lone_weight, mean): (&HashMap<u64, u64>, Option<f32>, Option<f64>),
    ids: usize,
) -> Matches {
    let several = holding.len() > 1;
    let all = if several {
        (1u64 << holding.len().min(63)) - 1
    } else {
        1
    };
    // Documents in order of first appearance, each with room for exactly its passages
    // (a common character's 10⁵ passages grew vectors page by page).
    let mut slot: Vec<usize> = vec![usize::MAX; ids];
    let mut sizes: Vec<usize> = Vec::new();
    for c in &candidates {
        let Some(s) = slot.get_mut(c.doc as usize) else {
            continue;
        };
        if *s == usize::MAX {
            *s = sizes.len();
            sizes.push(0);
        }
        sizes[*s] += 1;
    }
    let mut by_document: Vec<MatchedDocument> = Vec::with_capacity(sizes.len());
    for c in &candidates {
        if slot.get(c.doc as usize) == Some(&by_document.len()) {
            by_document.push(MatchedDocument {
                doc: c.doc,
                score: 0.0,
                date: c.date,
                passages: Vec::with_capacity(sizes[by_document.len()]),
            });
        }
    }
    for candidate in candidates {
        let in_text = if several {
            holding
                .iter()
                .enumerate()
                .filter(|(_, set)| set.contains(candidate.address))
                .fold(0u64, |mask, (n, _)| mask | (1 << n.min(63)))
        } else {
            1
        };
        let terms = in_text | described.get(&candidate.doc).copied().unwrap_or(0);
        let header = candidate.ordinal == HEADER_PASSAGE;
        let score = rank::passage_score(
            candidate.score,
            candidate.words,
            header,
            several && terms == all,
        );
        let Some(&n) = slot.get(candidate.doc as usize) else {
            continue;
        };
        by_document[n].passages.push(Scored {
            candidate,
            score,
            terms,
            in_text: in_text != 0,
        });
    }
    // The mean length of the matching documents, for the literal's length normalisation.
    let mean_chars = mean.unwrap_or_else(|| {
        by_document
            .iter()
            .map(|d| d.passages.first().map_or(0, |p| p.candidate.doc_chars) as f64)
            .sum::<f64>()
            / by_document.len().max(1) as f64
    });
    let documents: Vec<MatchedDocument> = by_document
        .into_iter()
        .map(|mut d| {
            // A first passage there only for its metadata is shown alone or not at all.
            if d.passages.iter().any(|p| p.in_text) {
                d.passages.retain(|p| p.in_text);
            }
            d.passages.sort_unstable_by_key(|p| p.candidate.ordinal);
            let best = d.passages.iter().map(|p| p.score).fold(0.0, f32::max);
            let nearby = several && !d.passages.iter().any(|p| p.terms == all) && nearby(&d, all);
            let best = best + if nearby { NEARBY_BONUS } else { 0.0 };
            // What the document is (its title, kind, speaker, body) says every term: the
            // document answers the query as a whole (李克强 2019年 政府工作报告).
            let described = several && described.get(&d.doc) == Some(&all);
            let best = best + if described { DESCRIBED_BONUS } else { 0.0 };
            let chars = d.passages.first().map_or(0, |p| p.candidate.doc_chars);
            let lone = lone_weight.map(|w| (w, chars as f32 / mean_chars.max(1.0) as f32));
            d.score = rank::document_score(best, d.passages.len(), lone);
            d
        })
        .collect();
    let passages = documents.iter().map(|d| d.passages.len()).sum();
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

/// A query matching the passages of precomputed bit sets (the union of what each term
/// holds, by segment id): the scoring pass keeps exactly those passages without running
/// each term's phrase matching a second time.
#[derive(Clone, Debug)]
pub(crate) struct HeldPassages(pub Arc<HashMap<SegmentId, Vec<u64>>>);

impl HeldPassages {
    /// The passages holding any of the terms in `holding` whose document is one of
    /// `documents` (those holding every term): the passages of a document that lacks a
    /// term are never scored. Two common words each hold a good part of the corpus and
    /// together a much smaller part: scoring every passage of either, then dropping
    /// most, made `经济 改革` cost as much as both searches.
    pub(crate) fn any_in<'h>(
        holding: impl IntoIterator<Item = &'h Holding>,
        documents: &DocumentSet,
        ids: &DocumentIds,
    ) -> HeldPassages {
        // By segment ordinal (what a passage's address names): (segment id, bits).
        let mut union: Vec<(SegmentId, Vec<u64>)> = Vec::new();
        for h in holding {
            for (ordinal, (segment, bits)) in h.0.iter().enumerate() {
                if union.len() <= ordinal {
                    union.push((*segment, vec![0; bits.len()]));
                }
                for (a, b) in union[ordinal].1.iter_mut().zip(bits) {
                    *a |= b;
                }
            }
        }
        for (ordinal, (_, bits)) in union.iter_mut().enumerate() {
            for (n, word) in bits.iter_mut().enumerate() {
                let mut rest = *word;
                while rest != 0 {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    let address = DocAddress::new(ordinal as u32, (n * 64) as u32 + bit);
                    if !ids.of(address).is_some_and(|doc| documents.contains(doc)) {
                        *word &= !(1 << bit);
                    }
                }
            }
        }
        HeldPassages(Arc::new(union.into_iter().collect()))
    }
}

impl tantivy::query::Query for HeldPassages {
    fn weight(
        &self,
        _: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl tantivy::query::Weight for HeldPassages {
    fn scorer(
        &self,
        reader: &SegmentReader,
        _boost: Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let mut set = tantivy::BitSet::with_max_value(reader.max_doc());
        if let Some(bits) = self.0.get(&reader.segment_id()) {
            for (n, &word) in bits.iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    set.insert((n * 64) as u32 + bit);
                }
            }
        }
        Ok(Box::new(tantivy::query::ConstScorer::new(
            tantivy::query::BitSetDocSet::from(set),
            0.0,
        )))
    }

    fn explain(
        &self,
        _reader: &SegmentReader,
        _doc: DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        Ok(tantivy::query::Explanation::new("held passage", 0.0))
    }
}
