//! Word frequencies of two sets of documents, exact, from the index's own word postings:
//! a word is a jieba word of the folded text as the index cut it (dictionary mode, no
//! HMM, the policy and user dictionaries; punctuation and spaces are no words), and its
//! frequency in a set is the sum of its term frequencies over the live passages of the
//! set's documents (header lines included: they are the document's text). Nothing is
//! re-segmented: one pass over the merged term dictionaries of the segments, each word's
//! postings read once.

use std::collections::HashMap;
use std::io;

use serde::{Deserialize, Serialize};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermMerger;
use tantivy::{DocSet, TERMINATED, Term};

use crate::catalog::IndexHandle;
use crate::error::{Error, Result};

/// Which documents belong to a side, by document id.
pub type Side = Vec<bool>;

/// A word's counts in the two sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordCount {
    pub word: String,
    /// Occurrences in each side.
    pub freq: [u64; 2],
    /// Documents of each side holding it.
    pub docs: [u32; 2],
}

/// The words of two sides with their counts, and each side's size: what one shard gives
/// (`keywords --part`), and what the shards' frequencies sum to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Frequencies {
    /// Every word occurring in either side, in term order.
    pub words: Vec<WordCount>,
    /// Word tokens in each side (the sum of its words' frequencies).
    pub tokens: [u64; 2],
    /// Documents in each side.
    pub documents: [usize; 2],
}

impl Frequencies {
    /// The frequencies of several shards' documents (each document in one shard) as
    /// those of all of them: words in term order, counts and sizes added.
    pub fn sum(parts: Vec<Frequencies>) -> Frequencies {
        let mut words: std::collections::BTreeMap<String, WordCount> = Default::default();
        let mut sum = Frequencies::default();
        for part in parts {
            for k in 0..2 {
                sum.tokens[k] += part.tokens[k];
                sum.documents[k] += part.documents[k];
            }
            for count in part.words {
                match words.get_mut(&count.word) {
                    Some(known) => {
                        for k in 0..2 {
                            known.freq[k] += count.freq[k];
                            known.docs[k] += count.docs[k];
                        }
                    }
                    None => {
                        words.insert(count.word.clone(), count);
                    }
                }
            }
        }
        sum.words = words.into_values().collect();
        sum
    }
}

/// The word frequencies of `sides` (documents by id; a document may be in both).
pub fn word_frequencies(handle: &IndexHandle, sides: [&Side; 2]) -> Result<Frequencies> {
    let io_error = |e: io::Error| Error::tantivy(&handle.path, e.into());
    let searcher = handle.reader.searcher();
    let readers = searcher.segment_readers();
    // Per segment, per passage: bit 0 in the first side, bit 1 in the second (a dead
    // passage in neither); and the passage's document id.
    let mut membership: Vec<Vec<(u8, u32)>> = Vec::with_capacity(readers.len());
    for reader in readers {
        let docs = reader
            .fast_fields()
            .u64("doc")
            .map_err(|e| Error::tantivy(&handle.path, e))?;
        let alive = reader.alive_bitset();
        let of = (0..reader.max_doc())
            .map(|p| {
                let doc = docs.first(p).unwrap_or(u64::MAX) as usize;
                let live = alive.is_none_or(|a| a.is_alive(p));
                let bit = |k: usize| u8::from(live && sides[k].get(doc).copied().unwrap_or(false));
                (bit(0) | (bit(1) << 1), doc as u32)
            })
            .collect();
        membership.push(of);
    }
    let inverted = readers
        .iter()
        .map(|r| r.inverted_index(handle.fields.text))
        .collect::<tantivy::Result<Vec<_>>>()
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    let streams = inverted
        .iter()
        .map(|i| i.terms().stream())
        .collect::<io::Result<Vec<_>>>()
        .map_err(io_error)?;
    let mut merger = TermMerger::new(streams);
    let ids = sides[0].len().max(sides[1].len());
    // The last word (its index + 1) each document was counted for, per side: a word's
    // postings in every segment are read one after the other, so a document is counted
    // once per word however its passages are spread.
    let mut counted = [vec![0u32; ids], vec![0u32; ids]];
    let mut out = Frequencies {
        documents: [0, 1].map(|k| sides[k].iter().filter(|&&x| x).count()),
        ..Frequencies::default()
    };
    let mut stamp = 0u32;
    while merger.advance() {
        stamp += 1;
        let mut count = WordCount {
            word: String::new(),
            freq: [0; 2],
            docs: [0; 2],
        };
        for (segment, info) in merger.current_segment_ords_and_term_infos() {
            let mut postings = inverted[segment]
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                .map_err(io_error)?;
            let members = &membership[segment];
            let mut p = postings.doc();
            while p != TERMINATED {
                let (bits, doc) = members[p as usize];
                if bits != 0 {
                    let tf = u64::from(postings.term_freq());
                    for (k, stamps) in counted.iter_mut().enumerate() {
                        if bits & (1 << k) != 0 {
                            count.freq[k] += tf;
                            let seen = &mut stamps[doc as usize];
                            if *seen != stamp {
                                *seen = stamp;
                                count.docs[k] += 1;
                            }
                        }
                    }
                }
                p = postings.advance();
            }
        }
        if count.freq != [0, 0] {
            count.word = String::from_utf8_lossy(merger.key()).into_owned();
            out.tokens[0] += count.freq[0];
            out.tokens[1] += count.freq[1];
            out.words.push(count);
        }
    }
    Ok(out)
}

/// The whole index's word tokens and the frequencies of `words` alone, when the index
/// holds no deleted passage: the field's token total is then exact (it counts the
/// deleted passages' tokens too), and each word's postings are read, not every word's.
/// `None` with deletions: [`word_frequencies`] counts then.
pub fn corpus_word_totals(
    handle: &IndexHandle,
    words: &[&str],
) -> Result<Option<(u64, HashMap<String, u64>)>> {
    let fail = |e: tantivy::TantivyError| Error::tantivy(&handle.path, e);
    let io_error = |e: io::Error| Error::tantivy(&handle.path, e.into());
    let searcher = handle.reader.searcher();
    let readers = searcher.segment_readers();
    if readers.iter().any(|r| r.has_deletes()) {
        return Ok(None);
    }
    let mut tokens = 0;
    let mut totals: HashMap<String, u64> = words.iter().map(|w| (w.to_string(), 0)).collect();
    for reader in readers {
        let inverted = reader.inverted_index(handle.fields.text).map_err(fail)?;
        tokens += inverted.total_num_tokens();
        for (word, total) in &mut totals {
            let term = Term::from_field_text(handle.fields.text, word);
            let Some(info) = inverted.get_term_info(&term).map_err(io_error)? else {
                continue;
            };
            let mut postings = inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                .map_err(io_error)?;
            while postings.doc() != TERMINATED {
                *total += u64::from(postings.term_freq());
                postings.advance();
            }
        }
    }
    Ok(Some((tokens, totals)))
}
