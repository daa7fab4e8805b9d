//! Counting names over the stored text, in one pass: the passages the filters admit are
//! read segment by segment, each segment by one thread with its own store reader (the
//! whole store in order when most of the segment is wanted, passage by passage when
//! few are), folded into one reused buffer and run through every automaton at once.
//! Nothing of the text is kept: `names` over the corpus holds one passage per thread.
//!
//! A document is counted once per name even when its passages are not in one run of
//! one segment (a merge can split them): those few documents are counted by set.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::AhoCorasick;
use tantivy::{DocAddress, DocId, SegmentOrdinal};

use crate::catalog::IndexHandle;
use crate::error::{Error, Result};
use crate::search::StoredText;
use crate::text::fold_into;

/// Store blocks each thread keeps decompressed (passages read one by one share them).
const STORE_CACHE_BLOCKS: usize = 16;

/// The passages to read: per segment, their ids in store order with their document's id.
pub(super) struct Wanted {
    segments: Vec<(SegmentOrdinal, Vec<(DocId, u64)>)>,
    /// Documents whose passages are in more than one run (of one or several segments).
    scattered: HashSet<u64>,
}

impl Wanted {
    pub(super) fn new(mut passages: Vec<(DocAddress, u64)>) -> Wanted {
        passages.sort_unstable();
        let mut segments: Vec<(SegmentOrdinal, Vec<(DocId, u64)>)> = Vec::new();
        let mut seen = HashSet::new();
        let mut scattered = HashSet::new();
        let mut previous: Option<(SegmentOrdinal, u64)> = None;
        for (address, doc) in passages {
            let ord = address.segment_ord;
            if previous != Some((ord, doc)) && !seen.insert(doc) {
                scattered.insert(doc);
            }
            previous = Some((ord, doc));
            match segments.last_mut() {
                Some((last, ids)) if *last == ord => ids.push((address.doc_id, doc)),
                _ => segments.push((ord, vec![(address.doc_id, doc)])),
            }
        }
        segments.sort_by_key(|(_, ids)| std::cmp::Reverse(ids.len()));
        Wanted {
            segments,
            scattered,
        }
    }

    /// The documents wanted, each once.
    pub(super) fn documents(&self) -> Vec<u64> {
        let mut docs: Vec<u64> = self
            .segments
            .iter()
            .flat_map(|(_, ids)| ids.iter().map(|&(_, doc)| doc))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }
}

/// What one automaton counts in the folded text.
pub(super) enum Counting<'a> {
    /// Each pattern's occurrences that do not overlap each other, as `mentions` counts
    /// one name (an automaton built for overlapping search); `runs_on[p]`: the
    /// characters after pattern `p` that make it part of a common word, not the name.
    EachPattern {
        automaton: &'a AhoCorasick,
        runs_on: &'a [&'static str],
    },
    /// Each group's leftmost-longest matches (an automaton built for it): `group[p]` is
    /// pattern `p`'s group.
    Groups {
        automaton: &'a AhoCorasick,
        group: &'a [usize],
        groups: usize,
    },
}

impl Counting<'_> {
    fn slots(&self) -> usize {
        match self {
            Counting::EachPattern { automaton, .. } => automaton.patterns_len(),
            Counting::Groups { groups, .. } => *groups,
        }
    }
}

/// Occurrences and documents per slot (a pattern or a group), and the occurrences
/// that stand as a name (not run on into a common word).
struct Tally {
    occurrences: Vec<usize>,
    as_name: Vec<usize>,
    documents: Vec<usize>,
    last_doc: Vec<u64>,
    /// Slots met in scattered documents: counted by set when the threads' tallies meet.
    scattered_hits: HashSet<(usize, u64)>,
}

impl Tally {
    fn new(slots: usize) -> Tally {
        Tally {
            occurrences: vec![0; slots],
            as_name: vec![0; slots],
            documents: vec![0; slots],
            last_doc: vec![u64::MAX; slots],
            scattered_hits: HashSet::new(),
        }
    }

    fn hit(&mut self, slot: usize, doc: u64, scattered: &HashSet<u64>, stands: bool) {
        self.occurrences[slot] += 1;
        self.as_name[slot] += usize::from(stands);
        if self.last_doc[slot] == doc {
            return;
        }
        self.last_doc[slot] = doc;
        if scattered.contains(&doc) {
            self.scattered_hits.insert((slot, doc));
        } else {
            self.documents[slot] += 1;
        }
    }

    fn merge(parts: impl Iterator<Item = Tally>, slots: usize) -> Vec<Counted> {
        let mut counted = vec![Counted::default(); slots];
        let mut scattered_hits = HashSet::new();
        for part in parts {
            for (s, c) in counted.iter_mut().enumerate() {
                c.occurrences += part.occurrences[s];
                c.as_name += part.as_name[s];
                c.documents += part.documents[s];
            }
            scattered_hits.extend(part.scattered_hits);
        }
        for (slot, _) in scattered_hits {
            counted[slot].documents += 1;
        }
        counted
    }
}

/// What was counted of one pattern or group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counted {
    pub occurrences: usize,
    /// Occurrences not run on into a common word (for a group: all).
    pub as_name: usize,
    pub documents: usize,
}

impl Counted {
    /// Adds the counts of other documents (another shard's).
    pub fn add(&mut self, other: Counted) {
        self.occurrences += other.occurrences;
        self.as_name += other.as_name;
        self.documents += other.documents;
    }
}

/// One thread's counting: a tally per automaton, and where each pattern's last counted
/// occurrence ended in the current passage.
struct Worker<'a> {
    countings: &'a [Counting<'a>],
    scattered: &'a HashSet<u64>,
    tallies: Vec<Tally>,
    last_end: HashMap<usize, usize>,
    folded: String,
}

impl<'a> Worker<'a> {
    fn new(countings: &'a [Counting<'a>], scattered: &'a HashSet<u64>) -> Worker<'a> {
        Worker {
            countings,
            scattered,
            tallies: countings.iter().map(|c| Tally::new(c.slots())).collect(),
            last_end: HashMap::new(),
            folded: String::new(),
        }
    }

    fn passage(&mut self, doc: u64, text: &str) {
        let folded = fold_into(text, &mut self.folded);
        for (counting, tally) in self.countings.iter().zip(&mut self.tallies) {
            match counting {
                Counting::EachPattern { automaton, runs_on } => {
                    self.last_end.clear();
                    for m in automaton.find_overlapping_iter(folded) {
                        let p = m.pattern().as_usize();
                        if self.last_end.get(&p).is_some_and(|&end| m.start() < end) {
                            continue;
                        }
                        self.last_end.insert(p, m.end());
                        let stands = runs_on[p].is_empty()
                            || !folded[m.end()..]
                                .chars()
                                .next()
                                .is_some_and(|c| runs_on[p].contains(c));
                        tally.hit(p, doc, self.scattered, stands);
                    }
                }
                Counting::Groups {
                    automaton, group, ..
                } => {
                    for m in automaton.find_iter(folded) {
                        tally.hit(group[m.pattern().as_usize()], doc, self.scattered, true);
                    }
                }
            }
        }
    }
}

/// Occurrences and documents of every slot of every counting, over the passages wanted.
pub(super) fn tally(
    handle: &IndexHandle,
    wanted: &Wanted,
    countings: &[Counting],
) -> Result<Vec<Vec<Counted>>> {
    let searcher = handle.reader.searcher();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(wanted.segments.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let run = || -> Result<Vec<Tally>> {
        let mut worker = Worker::new(countings, &wanted.scattered);
        // Segments taken in turn, the largest first (they are few).
        while let Some((ord, ids)) = wanted.segments.get(next.fetch_add(1, Ordering::Relaxed)) {
            read_segment(handle, &searcher, *ord, ids, &mut worker)?;
        }
        Ok(worker.tallies)
    };
    let parts: Vec<Result<Vec<Tally>>> = std::thread::scope(|scope| {
        let running: Vec<_> = (0..threads).map(|_| scope.spawn(run)).collect();
        running
            .into_iter()
            .map(|t| t.join().expect("counting names does not panic"))
            .collect()
    });
    let mut per_thread = Vec::with_capacity(parts.len());
    for part in parts {
        per_thread.push(part?);
    }
    Ok(countings
        .iter()
        .enumerate()
        .map(|(c, counting)| {
            let tallies = per_thread
                .iter_mut()
                .map(|t| std::mem::replace(&mut t[c], Tally::new(0)));
            Tally::merge(tallies, counting.slots())
        })
        .collect())
}

/// Reads the passages `ids` of one segment and hands each to `worker`.
fn read_segment(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    ord: SegmentOrdinal,
    ids: &[(DocId, u64)],
    worker: &mut Worker,
) -> Result<()> {
    let segment = searcher.segment_reader(ord);
    let store = segment
        .get_store_reader(STORE_CACHE_BLOCKS)
        .map_err(|e| Error::io(&handle.path, e))?;
    let tantivy_error = |e| Error::tantivy(&handle.path, e);
    // Reading one passage finds its block through the store's index; reading them all
    // in order decompresses each block once and skips the index: worth it when most of
    // the segment is wanted.
    if ids.len() * 2 < segment.num_docs() as usize {
        for &(id, doc) in ids {
            let text: StoredText = store.get(id).map_err(tantivy_error)?;
            worker.passage(doc, &text.0);
        }
        return Ok(());
    }
    let alive = segment.alive_bitset();
    let alive_ids = (0..segment.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d)));
    let mut wanted = ids.iter().peekable();
    for (id, text) in alive_ids.zip(store.iter::<StoredText>(alive)) {
        let Some(&&(next, doc)) = wanted.peek() else {
            break;
        };
        if id < next {
            continue;
        }
        let text = text.map_err(tantivy_error)?;
        worker.passage(doc, &text.0);
        wanted.next();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_split_across_segments_is_counted_once() {
        // Document 7 has passages in segments 0 and 1, document 8 two runs in segment 1.
        let wanted = Wanted::new(vec![
            (DocAddress::new(1, 0), 7),
            (DocAddress::new(0, 5), 7),
            (DocAddress::new(1, 1), 8),
            (DocAddress::new(1, 2), 9),
            (DocAddress::new(1, 3), 8),
        ]);
        assert_eq!(wanted.documents(), vec![7, 8, 9]);
        assert_eq!(wanted.scattered, HashSet::from([7, 8]));
        let mut one = Tally::new(1);
        let mut two = Tally::new(1);
        for doc in [7, 8, 9, 8] {
            one.hit(0, doc, &wanted.scattered, true);
        }
        two.hit(0, 7, &wanted.scattered, false);
        let counted = Counted {
            occurrences: 5,
            as_name: 4,
            documents: 3,
        };
        assert_eq!(Tally::merge([one, two].into_iter(), 1), vec![counted]);
    }
}
