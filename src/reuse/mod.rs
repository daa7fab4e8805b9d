//! Text reuse: the passages two documents share, near-copies included (a changed place
//! name, a number, an inserted clause), between a first set of documents and a second
//! (or within one set). Candidates come from shared winnowed character fingerprints
//! (`fingerprints`), each candidate pair is aligned locally (`align`), and the aligned
//! passages are summed per pair and per document (`shares`). Boilerplate is told by how
//! many compared documents hold a passage's fingerprints. The printers are in
//! `output::reuse`.

pub mod align;
pub mod budget;
pub mod fingerprints;
mod gathered;
mod shares;
pub mod texts;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

pub use align::{Alignment, Run};
pub use budget::{Allowance, PEAK_BYTES_PER_CHARACTER, PROCESS_BYTES, ReuseSize};
pub use gathered::{AlignedShare, GatheredText, align_gathered, gather_texts, reuse_gathered};
pub use shares::{DocumentShare, PairShare};

use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::Result;
use crate::research::side;
use crate::search::Filters;
use fingerprints::Fingerprints;
use texts::ComparedText;

/// What counts as a shared passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReuseOptions {
    /// Fewest compared characters (whitespace left out) on each side.
    pub min_length: u32,
    /// Fewest identical characters per alignment column.
    pub min_identity: f64,
    /// Lowest score of a passage: identical characters less two per differing one. Two
    /// set phrases a few characters apart in different sentences (…党中央坚强领导下，以…
    /// against …党中央领航掌舵，在于…) align at 80 % but score little.
    pub min_score: u32,
    /// Keep a passage only if its text is in at least this many compared documents.
    pub min_docs: u32,
    /// Leave out a passage whose text is in more compared documents (boilerplate); its
    /// fingerprints seed no pair either.
    pub max_docs: u32,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        ReuseOptions {
            min_length: 30,
            min_identity: 0.8,
            min_score: 25,
            min_docs: 2,
            max_docs: 50,
        }
    }
}

/// A stretch of an aligned passage: identical, or differing between the two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub same: bool,
    pub a: String,
    pub b: String,
}

/// A passage two documents share.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SharedPassage {
    /// The documents (positions in [`Reuse::documents`]): one of the first set, one of
    /// the second.
    pub a: usize,
    pub b: usize,
    /// `[start, end)` character offsets in each document's text (body passages joined by
    /// line breaks, as `/api/doc` gives them), and the passage (paragraph) each starts in.
    pub a_span: (u32, u32),
    pub b_span: (u32, u32),
    pub a_passage: u64,
    pub b_passage: u64,
    /// Compared characters on each side (whitespace left out).
    pub a_length: u32,
    pub b_length: u32,
    pub matches: u32,
    pub columns: u32,
    /// Compared documents holding its text (the median over its fingerprints).
    pub documents: u32,
    /// The aligned text, stretch by stretch.
    pub segments: Vec<Segment>,
}

impl SharedPassage {
    pub fn identity(&self) -> f64 {
        f64::from(self.matches) / f64::from(self.columns.max(1))
    }

    /// The first document's text of the passage.
    pub fn a_text(&self) -> String {
        self.segments.iter().map(|s| s.a.as_str()).collect()
    }

    pub fn b_text(&self) -> String {
        self.segments.iter().map(|s| s.b.as_str()).collect()
    }

    /// The passage with its differences marked as wdiff does: `[-first-]{+second+}`.
    pub fn marked(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            if s.same {
                out.push_str(&s.a);
                continue;
            }
            if !s.a.is_empty() {
                out.push_str(&format!("[-{}-]", s.a));
            }
            if !s.b.is_empty() {
                out.push_str(&format!("{{+{}+}}", s.b));
            }
        }
        out
    }
}

/// Shared passages between two sets of documents, summed.
#[derive(Debug, Clone, Default)]
pub struct Reuse {
    /// Every document compared, first set and second.
    pub documents: Vec<Arc<DocumentRecord>>,
    /// Compared characters of each document.
    pub characters: Vec<u32>,
    pub first_documents: usize,
    pub second_documents: usize,
    /// Whether a second set was given (else pairs are within the first).
    pub two_sets: bool,
    /// Candidate pairs aligned.
    pub candidates: usize,
    /// Pairs with a shared passage, by the first document's share.
    pub pairs: Vec<PairShare>,
    /// Passages, pair by pair in the pairs' order, each pair's by offset.
    pub passages: Vec<SharedPassage>,
    /// Per document of the first set with a shared passage: how much of it is shared.
    pub shares: Vec<DocumentShare>,
}

/// Progress of the alignment: pairs aligned, pairs to align.
pub type ReuseProgress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// The size of comparing the documents `wanted` admits (by id).
fn size_of(handle: &IndexHandle, wanted: &[bool]) -> Result<ReuseSize> {
    let mut size = ReuseSize {
        documents: 0,
        characters: 0,
    };
    for d in handle.catalog.documents()?.iter() {
        if wanted.get(d.id as usize) == Some(&true) {
            size.documents += 1;
            size.characters += d.chars as u64;
        }
    }
    Ok(size)
}

/// The passages documents of `first` share with documents of `second` (or with each
/// other, without one); refused ([`crate::Error::OverBudget`]) when it would hold more
/// than `allowance` gives.
pub fn reuse(
    handle: &IndexHandle,
    (first, second): (&Filters, Option<&Filters>),
    options: &ReuseOptions,
    allowance: &Allowance,
    progress: ReuseProgress<'_>,
) -> Result<Reuse> {
    let in_first = side(handle, first)?;
    let in_second = second.map(|s| side(handle, s)).transpose()?;
    allowance.texts(size_of(handle, &either(&in_first, in_second.as_deref()))?)?;
    compare(
        handle,
        (&in_first, in_second.as_deref()),
        options,
        allowance,
        progress,
    )
}

/// The passages two documents (ids) share: the side-by-side view; `None` when the index
/// holds no document of one of the ids. Alone, the pair has no boilerplate to tell (its
/// text is in two documents at most).
pub fn reuse_pair(
    handle: &IndexHandle,
    a: u64,
    b: u64,
    options: &ReuseOptions,
) -> Result<Option<Reuse>> {
    for id in [a, b] {
        if handle.catalog.find_document(id)?.is_none() {
            return Ok(None);
        }
    }
    let ids = a.max(b) as usize + 1;
    let mut in_first = vec![false; ids];
    let mut in_second = vec![false; ids];
    in_first[a as usize] = true;
    in_second[b as usize] = true;
    let unlimited = Allowance::unlimited();
    compare(
        handle,
        (&in_first, Some(&in_second)),
        options,
        &unlimited,
        &|_, _| {},
    )
    .map(Some)
}

/// Compares the documents of two sides (by id).
fn compare(
    handle: &IndexHandle,
    (in_first, in_second): (&[bool], Option<&[bool]>),
    options: &ReuseOptions,
    allowance: &Allowance,
    progress: ReuseProgress<'_>,
) -> Result<Reuse> {
    let texts = texts::compared_texts(handle, &either(in_first, in_second))?;
    let records = texts
        .iter()
        .map(|t| handle.catalog.record(t.id).cloned())
        .collect::<Result<Vec<_>>>()?;
    let position =
        |sides: &[bool]| -> Vec<bool> { texts.iter().map(|t| sides[t.id as usize]).collect() };
    let set = TextSet {
        first: position(in_first),
        second: in_second.map(position),
        texts,
        records,
    };
    compare_texts(set, options, allowance, progress)
}

/// The documents (by id) in the first side or the second.
fn either(in_first: &[bool], in_second: Option<&[bool]>) -> Vec<bool> {
    (0..in_first.len())
        .map(|i| in_first[i] || in_second.is_some_and(|s| s.get(i) == Some(&true)))
        .collect()
}

/// The documents compared: their texts and records in (path, section) order, and the
/// sides each is in (no second side: pairs within the first).
struct TextSet {
    texts: Vec<ComparedText>,
    records: Vec<Arc<DocumentRecord>>,
    first: Vec<bool>,
    second: Option<Vec<bool>>,
}

/// Candidate pairs from shared fingerprints, aligned, summed per pair and document.
fn compare_texts(
    set: TextSet,
    options: &ReuseOptions,
    allowance: &Allowance,
    progress: ReuseProgress<'_>,
) -> Result<Reuse> {
    let (candidates, passages) = align_share(&set, options, (None, allowance), progress)?;
    Ok(summed(set, candidates, passages))
}

/// The candidate pairs of `set` and the passages of those aligned: every pair, or (in
/// `share`, `(k, n)`) the pairs whose place in the list is `k` modulo `n`, so that `n`
/// tasks share the alignment.
fn align_share(
    set: &TextSet,
    options: &ReuseOptions,
    (share, allowance): (Option<(usize, usize)>, &Allowance),
    progress: ReuseProgress<'_>,
) -> Result<(usize, Vec<AlignedPair>)> {
    let prints: Vec<Fingerprints> = set.texts.iter().map(fingerprints::fingerprints).collect();
    let df = fingerprints::document_frequencies(&prints);
    let mut pairs = fingerprints::candidate_pairs(
        &prints,
        &df,
        &set.first,
        set.second.as_deref(),
        options.max_docs,
    );
    let candidates = pairs.len();
    allowance.take(candidates as u64 * std::mem::size_of::<(u32, u32, u32)>() as u64);
    if let Some((k, n)) = share {
        pairs = pairs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k)
            .map(|(_, p)| p)
            .collect();
    }
    let compared = Compared {
        texts: &set.texts,
        prints: &prints,
        df: &df,
        options,
    };
    let aligned = compared.align_all(&pairs, allowance, progress)?;
    Ok((candidates, aligned))
}

/// A passage two documents (positions in the compared texts) share, as aligned: where it
/// is in compared characters, and how; its text is the documents' (see [`passage`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlignedPair {
    pub a: usize,
    pub b: usize,
    /// Compared documents holding its text.
    pub documents: u32,
    pub alignment: Alignment,
}

/// The aligned passages of `set`'s candidate pairs summed per pair and document.
fn summed(set: TextSet, candidates: usize, aligned: Vec<AlignedPair>) -> Reuse {
    let texts = set.texts;
    let mut passages: Vec<SharedPassage> = aligned
        .iter()
        .map(|x| {
            passage(
                &texts[x.a],
                &texts[x.b],
                (x.a, x.b),
                &x.alignment,
                x.documents,
            )
        })
        .collect();
    passages.sort_by_key(|p| (p.a, p.b, p.a_span));
    let characters: Vec<u32> = texts.iter().map(|t| t.folded.len() as u32).collect();
    let mut found = Reuse {
        documents: set.records,
        first_documents: set.first.iter().filter(|x| **x).count(),
        second_documents: set
            .second
            .as_ref()
            .map_or(0, |s| s.iter().filter(|x| **x).count()),
        two_sets: set.second.is_some(),
        candidates,
        characters,
        ..Reuse::default()
    };
    shares::sum(&mut found, passages, &texts);
    found
}

/// What aligning a pair needs.
struct Compared<'a> {
    texts: &'a [ComparedText],
    prints: &'a [Fingerprints],
    df: &'a HashMap<u64, u32>,
    options: &'a ReuseOptions,
}

impl Compared<'_> {
    /// Aligns every candidate pair on every core, each passage found taken from
    /// `allowance`: refused as soon as they pass it.
    fn align_all(
        &self,
        pairs: &[(u32, u32, u32)],
        allowance: &Allowance,
        progress: ReuseProgress<'_>,
    ) -> Result<Vec<AlignedPair>> {
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let work = || {
            let mut out = Vec::new();
            while !allowance.exceeded() {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(a, b, _)) = pairs.get(i) else {
                    break;
                };
                let found = self.pair(a as usize, b as usize);
                allowance.take(found.iter().map(budget::passage_bytes).sum());
                out.extend(found);
                if i % 64 == 63 || i + 1 == pairs.len() {
                    progress(i + 1, pairs.len());
                }
            }
            out
        };
        let found: Vec<AlignedPair> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        });
        if allowance.exceeded() {
            let aligned = next.load(Ordering::Relaxed).min(pairs.len());
            return Err(allowance.stopped(aligned, pairs.len(), found.len()));
        }
        Ok(found)
    }

    /// The passages documents `a` and `b` (positions) share.
    fn pair(&self, a: usize, b: usize) -> Vec<AlignedPair> {
        let (ta, tb) = (&self.texts[a], &self.texts[b]);
        let o = self.options;
        let mut found = align::align(&ta.folded, &tb.folded, &self.prints[a], &self.prints[b]);
        found.retain(|x| {
            let length = (x.a.1 - x.a.0).min(x.b.1 - x.b.0);
            length >= o.min_length
                && x.identity() >= o.min_identity
                && x.score() >= i64::from(o.min_score)
        });
        one_to_one(found)
            .into_iter()
            .filter_map(|x| {
                let documents = self.documents_holding(a, x.a);
                (o.min_docs..=o.max_docs)
                    .contains(&documents)
                    .then_some(AlignedPair {
                        a,
                        b,
                        documents,
                        alignment: x,
                    })
            })
            .collect()
    }

    /// The median document frequency of the shared fingerprints (in two documents or
    /// more) of document `d` within `range` (two when none falls inside: the pair itself).
    /// Fingerprints of the differing text, in this document alone, say nothing of how
    /// common the shared text is.
    fn documents_holding(&self, d: usize, range: (u32, u32)) -> u32 {
        let mut inside: Vec<u32> = self.prints[d]
            .iter()
            .filter(|p| p.1 >= range.0 && p.1 + fingerprints::GRAM as u32 <= range.1)
            .filter_map(|p| self.df.get(&p.0).copied())
            .filter(|&n| n >= 2)
            .collect();
        if inside.is_empty() {
            return 2;
        }
        inside.sort_unstable();
        inside[inside.len() / 2]
    }
}

/// Each stretch of either text aligned once: longest first, an alignment is kept unless
/// half of it, on either side, is inside one kept already — a law's repeated formula
/// (`…由市人民代表大会常务委员会…`) also matches the other document's other repeats,
/// which say nothing the main alignment does not.
fn one_to_one(mut found: Vec<Alignment>) -> Vec<Alignment> {
    found.sort_by_key(|x| std::cmp::Reverse(x.columns()));
    let mut kept: Vec<Alignment> = Vec::new();
    let overlap = |r: (u32, u32), s: (u32, u32)| r.1.min(s.1).saturating_sub(r.0.max(s.0));
    for x in found {
        let covered = |side: fn(&Alignment) -> (u32, u32)| -> u32 {
            kept.iter().map(|k| overlap(side(&x), side(k))).sum()
        };
        let (la, lb) = (x.a.1 - x.a.0, x.b.1 - x.b.0);
        if covered(|k| k.a) * 2 <= la && covered(|k| k.b) * 2 <= lb {
            kept.push(x);
        }
    }
    kept.sort_by_key(|x| (x.a, x.b));
    kept
}

/// An alignment as a shared passage: offsets in each text, segments of text.
fn passage(
    ta: &ComparedText,
    tb: &ComparedText,
    (a, b): (usize, usize),
    x: &Alignment,
    documents: u32,
) -> SharedPassage {
    // A boundary between compared characters as a text offset: where the next starts,
    // or just after the last one at a passage's end (whitespace goes with what precedes).
    let boundary = |t: &ComparedText, k: u32, end: u32| -> u32 {
        if k >= end {
            t.at[end as usize - 1] + 1
        } else {
            t.at[k as usize]
        }
    };
    let mut segments = Vec::with_capacity(x.runs.len());
    let (mut pa, mut pb) = (x.a.0, x.b.0);
    for run in &x.runs {
        let (la, lb, same) = match *run {
            Run::Same(n) => (n, n, true),
            Run::Differ { a_len, b_len, .. } => (a_len, b_len, false),
        };
        let (sa, ea) = (boundary(ta, pa, x.a.1), boundary(ta, pa + la, x.a.1));
        let (sb, eb) = (boundary(tb, pb, x.b.1), boundary(tb, pb + lb, x.b.1));
        segments.push(Segment {
            same,
            a: ta.slice(sa, ea.max(sa)),
            b: tb.slice(sb, eb.max(sb)),
        });
        pa += la;
        pb += lb;
    }
    let a_span = (boundary(ta, x.a.0, x.a.1), boundary(ta, x.a.1, x.a.1));
    let b_span = (boundary(tb, x.b.0, x.b.1), boundary(tb, x.b.1, x.b.1));
    SharedPassage {
        a,
        b,
        a_span,
        b_span,
        a_passage: ta.passage_at(a_span.0),
        b_passage: tb.passage_at(b_span.0),
        a_length: x.a.1 - x.a.0,
        b_length: x.b.1 - x.b.0,
        matches: x.matches(),
        columns: x.columns(),
        documents,
        segments,
    }
}
