//! How much of each pair and each document is shared: the union of its aligned passages,
//! in compared characters (overlapping passages counted once), over its own compared
//! characters; and which of its paragraphs the shared text is in.

use std::collections::{BTreeSet, HashMap};

use super::texts::ComparedText;
use super::{Reuse, SharedPassage};

/// A pair of documents with shared passages.
#[derive(Debug, Clone)]
pub struct PairShare {
    /// Positions in [`Reuse::documents`]: the first set's document, the second's.
    pub a: usize,
    pub b: usize,
    pub passages: usize,
    /// Compared characters of each document inside shared passages, and their share.
    pub a_shared: u32,
    pub b_shared: u32,
    pub a_share: f64,
    pub b_share: f64,
}

/// One document's shared text, over all its pairs.
#[derive(Debug, Clone)]
pub struct DocumentShare {
    pub doc: usize,
    pub shared: u32,
    pub share: f64,
    /// Documents it shares passages with, and the one it shares most with.
    pub partners: usize,
    pub main_partner: usize,
    /// Paragraphs (passage ordinals) holding shared text.
    pub parts: Vec<u64>,
}

/// Compared characters of `text` inside the union of `spans` (text offsets).
fn covered(text: &ComparedText, spans: &mut [(u32, u32)]) -> u32 {
    spans.sort_unstable();
    let mut total = 0;
    let mut reach = 0u32;
    for &(start, end) in spans.iter() {
        let start = start.max(reach);
        if end > start {
            total +=
                text.at.partition_point(|&x| x < end) - text.at.partition_point(|&x| x < start);
            reach = end;
        }
    }
    total as u32
}

/// Fills the pairs, the passages in the pairs' order, and the documents' shares.
pub(super) fn sum(found: &mut Reuse, passages: Vec<SharedPassage>, texts: &[ComparedText]) {
    let share = |shared: u32, d: usize| f64::from(shared) / f64::from(found.characters[d].max(1));
    let mut pairs: Vec<PairShare> = Vec::new();
    for run in passages.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)) {
        let (a, b) = (run[0].a, run[0].b);
        let a_shared = covered(
            &texts[a],
            &mut run.iter().map(|p| p.a_span).collect::<Vec<_>>(),
        );
        let b_shared = covered(
            &texts[b],
            &mut run.iter().map(|p| p.b_span).collect::<Vec<_>>(),
        );
        pairs.push(PairShare {
            a,
            b,
            passages: run.len(),
            a_shared,
            b_shared,
            a_share: share(a_shared, a),
            b_share: share(b_shared, b),
        });
    }
    let two_sets = found.two_sets;
    let key = |p: &PairShare| {
        if two_sets {
            p.a_share
        } else {
            p.a_share.max(p.b_share)
        }
    };
    pairs.sort_by(|x, y| key(y).total_cmp(&key(x)).then((x.a, x.b).cmp(&(y.a, y.b))));
    let order: HashMap<(usize, usize), usize> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.a, p.b), i))
        .collect();
    let mut passages = passages;
    passages.sort_by_key(|p| (order[&(p.a, p.b)], p.a_span));
    found.shares = document_shares(found, &passages, &pairs, texts);
    found.pairs = pairs;
    found.passages = passages;
}

/// Each document's shared text: of the first set's documents with two sets, of every
/// document within one.
fn document_shares(
    found: &Reuse,
    passages: &[SharedPassage],
    pairs: &[PairShare],
    texts: &[ComparedText],
) -> Vec<DocumentShare> {
    let mut spans: HashMap<usize, Vec<(u32, u32)>> = HashMap::new();
    for p in passages {
        spans.entry(p.a).or_default().push(p.a_span);
        if !found.two_sets {
            spans.entry(p.b).or_default().push(p.b_span);
        }
    }
    let mut out: Vec<DocumentShare> = spans
        .into_iter()
        .map(|(doc, mut spans)| {
            let text = &texts[doc];
            let parts: BTreeSet<u64> = spans
                .iter()
                .flat_map(|&(s, e)| {
                    let first = text
                        .passages
                        .partition_point(|p| p.1 <= s)
                        .saturating_sub(1);
                    let last = text.passages.partition_point(|p| p.1 < e);
                    text.passages[first..last.max(first + 1)]
                        .iter()
                        .map(|p| p.0)
                })
                .collect();
            let mine = pairs.iter().filter_map(|p| {
                if p.a == doc {
                    Some((p.a_shared, p.b))
                } else if !found.two_sets && p.b == doc {
                    Some((p.b_shared, p.a))
                } else {
                    None
                }
            });
            let partners: Vec<(u32, usize)> = mine.collect();
            let main_partner = partners
                .iter()
                .max_by_key(|x| (x.0, std::cmp::Reverse(x.1)))
                .map_or(doc, |x| x.1);
            let shared = covered(text, &mut spans);
            DocumentShare {
                doc,
                shared,
                share: f64::from(shared) / f64::from(found.characters[doc].max(1)),
                partners: partners.len(),
                main_partner,
                parts: parts.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|x, y| y.share.total_cmp(&x.share).then(x.doc.cmp(&y.doc)));
    out
}
