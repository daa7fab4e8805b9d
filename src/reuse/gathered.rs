//! Reuse over the shards of a corpus (`index --shard`): a pair of documents may cross
//! shards, and boilerplate is told by how many documents of the whole corpus hold a
//! passage, so each shard gives the texts of its compared documents with their records
//! and sides (`reuse --gather`), and the comparison runs over all of them together
//! (`reuse --sum FILE…`): the same texts in the same (path, section) order as one index
//! of the whole corpus compares, hence the same pairs, passages and shares. The
//! alignment, most of the work, can be shared among tasks: each aligns the candidate
//! pairs of its share (`--share K/N`), and one sums the shares (`--aligned FILE…`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::texts::{ComparedText, stored_passages};
use super::{
    AlignedPair, Allowance, Reuse, ReuseOptions, ReuseProgress, ReuseSize, TextSet, align_share,
    compare_texts, either, summed,
};
use crate::catalog::{DocumentRecord, IndexHandle, PortableRecord};
use crate::error::{Error, Result};
use crate::research::side;
use crate::search::Filters;

/// One compared document of a shard: its record, its sides, its body passages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GatheredText {
    pub record: PortableRecord,
    pub first: bool,
    pub second: bool,
    /// Body passages (ordinal, text), in order.
    pub passages: Vec<(u64, String)>,
}

/// The documents of this index that `first` or `second` admit, with their texts, in
/// (path, section) order.
pub fn gather_texts(
    handle: &IndexHandle,
    first: &Filters,
    second: Option<&Filters>,
) -> Result<Vec<GatheredText>> {
    let in_first = side(handle, first)?;
    let in_second = second.map(|s| side(handle, s)).transpose()?;
    let is = |sides: Option<&Vec<bool>>, id: u64| {
        sides.is_some_and(|s| s.get(id as usize) == Some(&true))
    };
    let wanted = either(&in_first, in_second.as_deref());
    let mut gathered = Vec::new();
    for (id, mut passages) in stored_passages(handle, &wanted)? {
        passages.sort_by_key(|p| p.0);
        let record = DocumentRecord::clone(handle.catalog.record(id)?);
        gathered.push(GatheredText {
            record: record.into(),
            first: is(Some(&in_first), id),
            second: is(in_second.as_ref(), id),
            passages,
        });
    }
    gathered.sort_by(|a, b| order(a).cmp(&order(b)));
    Ok(gathered)
}

fn order(text: &GatheredText) -> (&str, usize) {
    (&text.record.record.path, text.record.record.section)
}

/// The passages one task aligned of its share of the candidate pairs (`reuse --sum
/// FILE… --share K/N`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlignedShare {
    /// Which share: the pairs whose place in the candidate list is `k` modulo `n`.
    pub share: (usize, usize),
    /// Candidate pairs in all.
    pub candidates: usize,
    pub passages: Vec<AlignedPair>,
}

/// The reuse among the texts every shard gathered (pairs within the first side unless
/// `two_sets`), as one index of all of them finds it: aligned here, or put together from
/// the shares of the alignment other tasks did (`aligned`: every share of one division,
/// over the same gathered texts).
pub fn reuse_gathered(
    parts: Vec<Vec<GatheredText>>,
    two_sets: bool,
    (options, allowance): (&ReuseOptions, &Allowance),
    aligned: Option<Vec<AlignedShare>>,
    progress: ReuseProgress<'_>,
) -> Result<Reuse> {
    allowance.texts(size_of(&parts))?;
    let set = text_set(parts, two_sets);
    let Some(shares) = aligned else {
        return compare_texts(set, options, allowance, progress);
    };
    let bad = |why: String| Error::query("reuse --aligned", why);
    let count = shares.first().map_or(0, |s| s.share.1);
    let mut seen: Vec<usize> = shares.iter().map(|s| s.share.0).collect();
    seen.sort_unstable();
    if seen != (0..count).collect::<Vec<_>>() || shares.iter().any(|s| s.share.1 != count) {
        return Err(bad(format!(
            "the shares are {:?}: give every share of one division, once",
            shares.iter().map(|s| s.share).collect::<Vec<_>>()
        )));
    }
    let candidates = shares[0].candidates;
    let mut passages = Vec::new();
    for share in shares {
        // An alignment must lie inside its texts, or its passage cannot be cut from them.
        let inside = |d: usize, (_, end): (u32, u32)| {
            set.texts
                .get(d)
                .is_some_and(|t| end as usize <= t.folded.len())
        };
        let outside = share
            .passages
            .iter()
            .any(|p| !inside(p.a, p.alignment.a) || !inside(p.b, p.alignment.b));
        if share.candidates != candidates || outside {
            return Err(bad(format!(
                "share {}/{} was aligned over other texts than these",
                share.share.0, share.share.1
            )));
        }
        passages.extend(share.passages);
    }
    Ok(summed(set, candidates, passages))
}

/// This task's share (`k` of `n`) of the alignment of the gathered texts.
pub fn align_gathered(
    parts: Vec<Vec<GatheredText>>,
    two_sets: bool,
    (options, allowance): (&ReuseOptions, &Allowance),
    (k, n): (usize, usize),
    progress: ReuseProgress<'_>,
) -> Result<AlignedShare> {
    allowance.texts(size_of(&parts))?;
    let set = text_set(parts, two_sets);
    let (candidates, passages) = align_share(&set, options, (Some((k, n)), allowance), progress)?;
    Ok(AlignedShare {
        share: (k, n),
        candidates,
        passages,
    })
}

/// The size of comparing the gathered texts (every task holds all of them).
fn size_of(parts: &[Vec<GatheredText>]) -> ReuseSize {
    let texts = || parts.iter().flatten();
    ReuseSize {
        documents: texts().count(),
        characters: texts().map(|t| t.record.record.chars as u64).sum(),
    }
}

/// The gathered texts in (path, section) order, as one index compares them.
fn text_set(parts: Vec<Vec<GatheredText>>, two_sets: bool) -> TextSet {
    let mut all: Vec<GatheredText> = parts.into_iter().flatten().collect();
    all.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut set = TextSet {
        texts: Vec::with_capacity(all.len()),
        records: Vec::with_capacity(all.len()),
        first: Vec::with_capacity(all.len()),
        second: two_sets.then(Vec::new),
    };
    for text in all {
        let record = DocumentRecord::from(text.record);
        set.texts.push(ComparedText::new(record.id, text.passages));
        set.first.push(text.first);
        if let Some(second) = &mut set.second {
            second.push(text.second);
        }
        set.records.push(Arc::new(record));
    }
    set
}
