//! Collocates: the words within a window of ±N words around each occurrence of a term
//! (in its passage), with how strongly each goes with it.
//!
//! The node's occurrences are `mentions`' exact ones; each passage holding one is cut
//! into words with the index's own segmentation (`Segmenter::words`), and the N words
//! before the occurrence and the N after it (words overlapping it are neither) form its
//! window. With `J` a collocate's occurrences in the windows, `F1` the node's occurrences,
//! `F2` the collocate's frequency and `N` the word tokens of the documents searched (as
//! `frequencies` counts them), and `W` the word tokens of all windows — the region the
//! collocate could fall in — the contingency table is Evert's (2008) for surface
//! co-occurrence, as CQPweb builds it: `O11 = J`, `O12 = W − J`, `O21 = F2 − J`,
//! `O22 = N − W − F2 + J`, `E11 = W·F2/N`:
//! - **MI** = `log2(O11 / E11)`;
//! - **T-score** = `(O11 − E11) / √O11`;
//! - **logDice** (Rychlý 2008) = `14 + log2(2J / (F1 + F2))`;
//! - **log-likelihood** = `2 Σ Oij ln(Oij / Eij)`, `Eij` = row total × column total / N.

use std::collections::HashMap;

use super::frequencies::word_frequencies;
use crate::catalog::IndexHandle;
use crate::error::Result;
use crate::mentions::near::window_of;
use crate::mentions::{Mention, for_each_document};
use crate::search::Filters;
use crate::search::aliases::Entity;

/// One collocate of the node.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    pub word: String,
    /// Occurrences in the windows (`J`), left and right of the node.
    pub joint: u64,
    pub left: u64,
    pub right: u64,
    /// The word's frequency in the documents searched (`F2`).
    pub frequency: u64,
    pub mi: f64,
    pub t_score: f64,
    pub log_dice: f64,
    pub log_likelihood: f64,
}

/// The collocates of a node, strongest logDice first, and the counts they come from.
#[derive(Debug, Clone, Default)]
pub struct Collocates {
    /// The node's occurrences (`F1`).
    pub occurrences: u64,
    /// Word tokens of all windows (`W`) and of the documents searched (`N`).
    pub window_tokens: u64,
    pub tokens: u64,
    pub collocates: Vec<Collocate>,
}

/// The words of the window of each occurrence: (word, left of the node) per token. The
/// passages holding the node are gathered first, then cut into words on every core (the
/// cutting is nearly all the time of a common node: 20,000 passages for 发展).
fn windows(
    handle: &IndexHandle,
    node: &Entity,
    filters: &Filters,
    span: usize,
) -> Result<(u64, Vec<(String, bool)>)> {
    // Per passage holding the node: one of its mentions (for the text) and every
    // occurrence's byte range.
    let mut passages: Vec<(Mention, Vec<(usize, usize)>)> = Vec::new();
    let mut occurrences = 0u64;
    for_each_document(
        handle,
        std::slice::from_ref(node),
        filters,
        &mut |mentions| {
            for m in mentions {
                occurrences += 1;
                let range = m.byte_range();
                match passages.last_mut() {
                    Some((last, ranges))
                        if (last.document.id, last.passage) == (m.document.id, m.passage) =>
                    {
                        ranges.push(range);
                    }
                    _ => passages.push((m, vec![range])),
                }
            }
            Ok(())
        },
    )?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = passages.len().div_ceil(threads).max(1);
    let found = std::thread::scope(|scope| {
        let parts: Vec<_> = passages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut found = Vec::new();
                    for (m, ranges) in part {
                        let words = handle.segmenter.words(m.passage_text());
                        for &range in ranges {
                            let (left, right) = window_of(&words, range, span);
                            found.extend(left.iter().map(|(_, _, w)| (w.clone(), true)));
                            found.extend(right.iter().map(|(_, _, w)| (w.clone(), false)));
                        }
                    }
                    found
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("cutting words does not panic"))
            .collect()
    });
    Ok((occurrences, found))
}

/// `x ln(x / e)`, 0 when `x` is 0.
fn term(x: f64, e: f64) -> f64 {
    if x > 0.0 { x * (x / e).ln() } else { 0.0 }
}

/// The statistics of a collocate seen `j` times in windows of `w` tokens, with the node
/// occurring `f1` times and the collocate `f2` times among `n` tokens.
pub fn statistics(j: f64, f1: f64, f2: f64, w: f64, n: f64) -> (f64, f64, f64, f64) {
    let e11 = w * f2 / n;
    let mi = (j / e11).log2();
    let t_score = (j - e11) / j.sqrt();
    let log_dice = 14.0 + (2.0 * j / (f1 + f2)).log2();
    let observed = [j, w - j, f2 - j, n - w - f2 + j];
    let expected = [
        w * f2 / n,
        w * (n - f2) / n,
        (n - w) * f2 / n,
        (n - w) * (n - f2) / n,
    ];
    let log_likelihood = 2.0
        * observed
            .iter()
            .zip(&expected)
            .map(|(&o, &e)| term(o, e))
            .sum::<f64>();
    (mi, t_score, log_dice, log_likelihood)
}

/// The word tokens of the documents `filters` admit (`N`) and the frequencies of
/// `words` there: over the whole corpus, from those words' postings and the field's
/// token total; over a slice, from one pass over every word ([`word_frequencies`]).
fn frequencies_of(
    handle: &IndexHandle,
    filters: &Filters,
    words: &[&str],
) -> Result<(u64, HashMap<String, u64>)> {
    let every = handle
        .catalog
        .documents()?
        .iter()
        .all(|d| filters.admits(d));
    if every && let Some(totals) = super::frequencies::corpus_word_totals(handle, words)? {
        return Ok(totals);
    }
    let side = super::side(handle, filters)?;
    let none = vec![false; side.len()];
    let frequencies = word_frequencies(handle, [&side, &none])?;
    let wanted: std::collections::HashSet<&str> = words.iter().copied().collect();
    let frequency = frequencies
        .words
        .into_iter()
        .filter(|w| wanted.contains(w.word.as_str()))
        .map(|w| (w.word, w.freq[0]))
        .collect();
    Ok((frequencies.tokens[0], frequency))
}

/// The collocates of `node` within ±`span` words in the documents `filters` admit,
/// those seen at least `min_joint` times, strongest logDice first.
pub fn collocates(
    handle: &IndexHandle,
    node: &Entity,
    filters: &Filters,
    span: usize,
    min_joint: u64,
) -> Result<Collocates> {
    let (occurrences, found) = windows(handle, node, filters, span)?;
    let mut joint: HashMap<&str, (u64, u64)> = HashMap::new();
    for (word, left) in &found {
        let entry = joint.entry(word.as_str()).or_default();
        if *left {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let shown: Vec<&str> = joint
        .iter()
        .filter(|(_, (l, r))| l + r >= min_joint)
        .map(|(w, _)| *w)
        .collect();
    let (n, frequency) = frequencies_of(handle, filters, &shown)?;
    let w = found.len() as u64;
    let mut out: Vec<Collocate> = joint
        .into_iter()
        .filter(|(_, (l, r))| l + r >= min_joint)
        .filter_map(|(word, (left, right))| {
            let f2 = *frequency.get(word).filter(|&&f| f > 0)?;
            let j = left + right;
            let (mi, t_score, log_dice, log_likelihood) =
                statistics(j as f64, occurrences as f64, f2 as f64, w as f64, n as f64);
            Some(Collocate {
                word: word.to_string(),
                joint: j,
                left,
                right,
                frequency: f2,
                mi,
                t_score,
                log_dice,
                log_likelihood,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.log_dice
            .total_cmp(&a.log_dice)
            .then(b.joint.cmp(&a.joint))
            .then(a.word.cmp(&b.word))
    });
    Ok(Collocates {
        occurrences,
        window_tokens: w,
        tokens: n,
        collocates: out,
    })
}
