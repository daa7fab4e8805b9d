//! New formulations of several words: sequences of 2–4 adjacent jieba words of the slice
//! (no punctuation or space between them) whose text no earlier document of the
//! comparison set holds, though each of their words is an old one — `发展 新质 生产力`
//! is new because 新质生产力 is, and is left to the word list; `因地制宜 发展` is new as a
//! combination. Only the shortest new sequences are listed: one whose shorter parts
//! (its first and last n − 1 words) are both old; a longer one holding a new shorter one
//! says nothing more.
//!
//! A sequence opens and closes with a word of two characters or more (a single character
//! at an edge is mostly a function word: `和 高水平`). The slice's passages are cut into words (as the index cuts them); whether a sequence
//! occurred earlier is asked of the exact field — its text, character by character, in
//! any earlier comparison document — so a sequence is new only if its text never
//! appeared, however that text was cut. Candidates are taken best first (occurrences ×
//! documents in the slice) and checked until `limit` are found.

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::{DocId, DocSet, TERMINATED};

use super::frequencies::Side;
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::{Error, Result};
use crate::mentions::occurrences;
use crate::mentions::postings::char_postings;
use crate::search::Filters;
use crate::search::aliases::Entity;

/// Most words in a sequence.
const LONGEST: usize = 4;

/// A sequence new in the slice.
#[derive(Debug, Clone)]
pub struct NewSequence {
    /// Its words, in order.
    pub words: Vec<String>,
    /// Occurrences and documents in the slice (as cut into words).
    pub occurrences: u64,
    pub documents: u32,
    /// The slice's earliest-dated document holding it (as for new words).
    pub first: Option<Arc<DocumentRecord>>,
}

impl NewSequence {
    /// The sequence's text, as the documents write it (folded).
    pub fn text(&self) -> String {
        self.words.concat()
    }
}

/// A sequence of up to four words as their ids (each plus one; 0 past its end), packed.
type Packed = u128;

/// Hashes a packed sequence: one multiply (the keys are already well mixed ids), not
/// SipHash over a vector of strings — a year of reports is half a million sequences.
#[derive(Default)]
struct PackedHasher(u64);

impl std::hash::Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u128(&mut self, x: u128) {
        let folded = (x as u64) ^ ((x >> 64) as u64).rotate_left(29);
        self.0 = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type PackedMap<V> = HashMap<Packed, V, std::hash::BuildHasherDefault<PackedHasher>>;

/// Every sequence of 2–4 adjacent old words in the slice occurring at least
/// `min_occurrences` times, with its occurrences and documents, as words.
fn candidates(
    handle: &IndexHandle,
    slice: &Side,
    old: &HashSet<&str>,
    min_occurrences: u64,
) -> Result<Vec<(Vec<String>, u64, u32)>> {
    // Words by id (interned once), and whether each is old.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words_of: Vec<(String, bool)> = Vec::new();
    // Per sequence: occurrences, documents, the last document counted.
    let mut counts: PackedMap<(u64, u32, usize)> = PackedMap::default();
    for (doc, _) in slice.iter().enumerate().filter(|(_, s)| **s) {
        for passage in crate::search::document_text(handle, doc as u64, &[], true)? {
            let cut = handle.segmenter.words(&passage.text);
            let tokens: Vec<(usize, usize, u32)> = cut
                .into_iter()
                .map(|(start, end, word)| {
                    let id = *ids.entry(word).or_insert_with_key(|w| {
                        words_of.push((w.clone(), old.contains(w.as_str())));
                        words_of.len() as u32 - 1
                    });
                    (start, end, id)
                })
                .collect();
            for start in 0..tokens.len() {
                let mut key: Packed = 0;
                for (n, &(from, _, id)) in tokens[start..].iter().take(LONGEST).enumerate() {
                    // Adjacent words only, each an old Chinese word.
                    if !words_of[id as usize].1 || (n > 0 && tokens[start + n - 1].1 != from) {
                        break;
                    }
                    key |= Packed::from(id + 1) << (32 * n);
                    if n == 0 {
                        continue;
                    }
                    let entry = counts.entry(key).or_insert((0, 0, usize::MAX));
                    entry.0 += 1;
                    if entry.2 != doc {
                        entry.1 += 1;
                        entry.2 = doc;
                    }
                }
            }
        }
    }
    let unpack = |mut key: Packed| {
        let mut words = Vec::with_capacity(LONGEST);
        while key != 0 {
            words.push(words_of[(key as u32 - 1) as usize].0.clone());
            key >>= 32;
        }
        words
    };
    Ok(counts
        .into_iter()
        .filter(|(_, (n, _, _))| *n >= min_occurrences)
        .map(|(key, (n, docs, _))| (unpack(key), n, docs))
        .collect())
}

/// Whether the text of a sequence occurs in a passage of the earlier documents, asked
/// once per text: the earlier documents' passages (a few thousand) lead, each character's
/// postings seek to them, and the first passage holding the text ends the walk — a
/// common old sequence is answered at its first earlier use, not after all its uses.
struct EarlierUse<'h> {
    handle: &'h IndexHandle,
    searcher: tantivy::Searcher,
    /// Per segment: the earlier documents' passages, ascending, and as a set.
    passages: Vec<Vec<DocId>>,
    sets: Vec<Vec<bool>>,
    known: HashMap<String, bool>,
}

impl<'h> EarlierUse<'h> {
    fn new(handle: &'h IndexHandle, earlier: &Side) -> Result<Self> {
        let searcher = handle.reader.searcher();
        let fail = |e: tantivy::TantivyError| Error::tantivy(&handle.path, e);
        let (mut passages, mut sets) = (Vec::new(), Vec::new());
        for reader in searcher.segment_readers() {
            let docs = reader.fast_fields().u64("doc").map_err(fail)?;
            let alive = reader.alive_bitset();
            let set: Vec<bool> = (0..reader.max_doc())
                .map(|p| {
                    let id = docs.first(p).unwrap_or(u64::MAX);
                    alive.is_none_or(|a| a.is_alive(p))
                        && earlier.get(id as usize).copied().unwrap_or(false)
                })
                .collect();
            passages.push((0..reader.max_doc()).filter(|&p| set[p as usize]).collect());
            sets.push(set);
        }
        Ok(EarlierUse {
            handle,
            searcher,
            passages,
            sets,
            known: HashMap::new(),
        })
    }

    fn used(&mut self, words: &[String]) -> Result<bool> {
        let text = words.concat();
        if let Some(&used) = self.known.get(&text) {
            return Ok(used);
        }
        let used = match crate::analysis::exact_plan(&text) {
            Some(plan) => self
                .in_passages(&plan)
                .map_err(|e| Error::tantivy(&self.handle.path, e))?,
            None => false,
        };
        self.known.insert(text, used);
        Ok(used)
    }

    /// Whether a passage of `self.passages` holds the characters of `plan` in a row. The
    /// shorter list leads: the earlier passages when they are few (a comparison of 69
    /// reports), else the rarest character's passages, each looked up in the set.
    fn in_passages(&self, plan: &crate::analysis::ExactPlan) -> tantivy::Result<bool> {
        let field = self.handle.fields.exact;
        let mut positions = (Vec::new(), Vec::new());
        for ((reader, passages), set) in self
            .searcher
            .segment_readers()
            .iter()
            .zip(&self.passages)
            .zip(&self.sets)
        {
            let inverted = reader.inverted_index(field)?;
            let Some(mut postings) = char_postings(&inverted, field, plan)? else {
                continue;
            };
            postings.sort_by_key(|(_, p)| p.doc_freq());
            let rarest = postings[0].1.doc_freq() as usize;
            if rarest < passages.len() {
                let mut doc = postings[0].1.doc();
                while doc != TERMINATED {
                    if set[doc as usize] && holds(&mut postings, doc, &mut positions) {
                        return Ok(true);
                    }
                    doc = postings[0].1.advance();
                }
            } else {
                for &passage in passages {
                    if holds(&mut postings, passage, &mut positions) {
                        return Ok(true);
                    }
                }
            }
        }
        Ok(false)
    }
}

/// Whether passage `doc` holds the characters of `postings` (each with its offset in the
/// text) in a row; every posting list is moved to `doc` or past it.
fn holds(
    postings: &mut [(u32, SegmentPostings)],
    doc: DocId,
    (starts, positions): &mut (Vec<u32>, Vec<u32>),
) -> bool {
    for (_, p) in postings.iter_mut() {
        if p.doc() > doc || p.seek(doc) != doc {
            return false;
        }
    }
    let (first_offset, first) = &mut postings[0];
    let first_offset = *first_offset;
    first.positions(starts);
    starts.retain_mut(|p| p.checked_sub(first_offset).map(|s| *p = s).is_some());
    for (offset, p) in postings.iter_mut().skip(1) {
        p.positions(positions);
        starts.retain(|s| positions.binary_search(&(s + *offset)).is_ok());
    }
    !starts.is_empty()
}

/// Whether a sequence opens and closes with a word of two characters or more: a single
/// character at an edge is mostly a function word or a fragment (`和 高水平`, `向 好
/// 态势`, `经济 实现 质`), whose sequence is no formulation.
fn bounded(words: &[String]) -> bool {
    let long = |w: Option<&String>| w.is_some_and(|w| w.chars().count() >= 2);
    long(words.first()) && long(words.last())
}

/// The shortest new sequences of `slice` against `earlier` (the comparison documents
/// dated before the slice), made of `old` words, at least `min_occurrences` times, the
/// best `limit` by occurrences × documents.
pub fn new_sequences(
    handle: &IndexHandle,
    slice: &Side,
    earlier: &Side,
    old: &HashSet<&str>,
    min_occurrences: u64,
    limit: usize,
) -> Result<Vec<NewSequence>> {
    let mut ranked: Vec<NewSequence> = candidates(handle, slice, old, min_occurrences)?
        .into_iter()
        .filter(|(words, _, _)| bounded(words))
        .map(|(words, occurrences, documents)| NewSequence {
            words,
            occurrences,
            documents,
            first: None,
        })
        .collect();
    let score = |s: &NewSequence| s.occurrences * u64::from(s.documents);
    ranked.sort_by(|x, y| {
        score(y)
            .cmp(&score(x))
            .then_with(|| x.words.len().cmp(&y.words.len()))
            .then_with(|| x.words.cmp(&y.words))
    });
    let mut earlier_use = EarlierUse::new(handle, earlier)?;
    let mut found = Vec::new();
    for sequence in ranked {
        if found.len() >= limit {
            break;
        }
        let n = sequence.words.len();
        // Its text is new, and both its shorter parts are old (a part of one word is an
        // old word by construction).
        if earlier_use.used(&sequence.words)?
            || (n > 2
                && (!earlier_use.used(&sequence.words[..n - 1])?
                    || !earlier_use.used(&sequence.words[1..])?))
        {
            continue;
        }
        found.push(sequence);
    }
    for sequence in &mut found {
        sequence.first = first_document(handle, &sequence.text(), slice)?;
    }
    Ok(found)
}

/// The earliest-dated document of `side` holding `text`: by the last day its date may
/// be, then the first; undated last, then index order.
fn first_document(
    handle: &IndexHandle,
    text: &str,
    side: &Side,
) -> Result<Option<Arc<DocumentRecord>>> {
    let entity = Entity {
        name: text.to_string(),
        variants: vec![text.to_string()],
    };
    let key = |d: &DocumentRecord| super::first_document_order(handle, d);
    Ok(occurrences(handle, &[entity], &Filters::default())?
        .into_iter()
        .map(|c| c.document)
        .filter(|d| side.get(d.id as usize).copied().unwrap_or(false))
        .min_by_key(|d| key(d)))
}
