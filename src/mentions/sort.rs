//! Concordance sorting, as AntConc sorts its KWIC lines: by the words nearest the match
//! on one side — L1, then L2, then L3 (left) or R1, R2, R3 (right) — so that the same
//! contexts stand together (`坚持稳增长` apart from `推动稳增长`). Words are the index's
//! jieba words of the mention's passage (folded; punctuation is no word), compared in
//! code-point order, which groups equal words; a line with no word on that side (the
//! passage starts or ends at the match) comes first; ties keep document order.

use std::cmp::Ordering;

use super::Mention;
use super::near::{PassageWords, Word, window_of};
use crate::analysis::Segmenter;

/// The side a concordance is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextSort {
    Left,
    Right,
}

named_values!(ContextSort { "left" => Left, "right" => Right });

/// Words compared: L1–L3 or R1–R3.
const LEVELS: usize = 3;

/// The words nearest each mention on `side`, nearest first, cut on every core (cutting
/// 20,000 passages with jieba is nearly all the time of sorting a common term).
fn keys(segmenter: &Segmenter, mentions: &[Mention], side: ContextSort) -> Vec<Vec<String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = mentions.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = mentions
            .chunks(chunk)
            .map(|part| scope.spawn(move || keys_of(segmenter, part, side)))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("cutting words does not panic"))
            .collect()
    })
}

/// [`keys`] of a run of mentions, on one core.
fn keys_of(segmenter: &Segmenter, mentions: &[Mention], side: ContextSort) -> Vec<Vec<String>> {
    let mut passages = PassageWords::new(segmenter);
    mentions
        .iter()
        .map(|m| {
            let (left, right) = window_of(passages.of(m), m.byte_range(), LEVELS);
            let word = |(_, _, w): &Word| w.clone();
            match side {
                ContextSort::Left => left.iter().rev().map(word).collect(),
                ContextSort::Right => right.iter().map(word).collect(),
            }
        })
        .collect()
}

/// Sorts `mentions` (in document order) by their context on `side`.
pub fn sort_by_context(segmenter: &Segmenter, mentions: &mut Vec<Mention>, side: ContextSort) {
    let keys = keys(segmenter, mentions, side);
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    // Stable: equal contexts keep document order.
    order.sort_by(|&a, &b| compare(&keys[a], &keys[b]));
    let mut taken: Vec<Option<Mention>> = std::mem::take(mentions).into_iter().map(Some).collect();
    mentions.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// Level by level; a missing word (no more context) before any word.
fn compare(a: &[String], b: &[String]) -> Ordering {
    for level in 0..LEVELS {
        let order = match (a.get(level), b.get(level)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}
