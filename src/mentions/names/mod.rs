//! Names discovered: the enterprises, government bodies and places a corpus mentions,
//! as the indexer read them in each document (`analysis::names`, stored with the
//! document's record), gathered over the documents the filters admit, then counted
//! exactly as `mentions` counts each of them (non-overlapping occurrences of the folded
//! literal, header included), with the documents they are in.
//!
//! A name read in one document is counted in every admitted document, so a document
//! added to the corpus can make a string a name everywhere: the union is taken when
//! `names` runs, never stored. The stored text is read once, in store order, by a few
//! threads, for the counting alone.

pub use crate::analysis::names::{NameKind, official, rules};

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use serde::Serialize;
use tantivy::DocAddress;
use tantivy::query::AllQuery;

use super::stream::DocumentCache;
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};
use crate::search::read_texts;
use crate::search::{Filters, Passages};
use crate::text::fold_str;

/// How a name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameSource {
    /// By its suffix and the words before it.
    Suffix,
    /// A text defines it as the short name of another (`以下简称`).
    Defined,
    /// The policy or user dictionary declares it (tag `nt` or `ns`).
    Dictionary,
    /// One of the names of government (`official`): a province, a ministry, the
    /// congress, the Party, or a standard short form of one.
    Official,
}

impl NameSource {
    pub fn name(self) -> &'static str {
        match self {
            NameSource::Suffix => "suffix",
            NameSource::Defined => "defined",
            NameSource::Dictionary => "dictionary",
            NameSource::Official => "official",
        }
    }
}

/// A name found in the corpus and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub name: String,
    pub kind: NameKind,
    /// Occurrences of the name as a literal, as `mentions` counts them.
    pub occurrences: usize,
    pub documents: usize,
    pub source: NameSource,
    /// For a short name a text defines (`（以下简称“安康高新集团”）`): the name it
    /// stands for there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_for: Option<String>,
    /// The short forms counted into this name's occurrences and documents (with
    /// [`ShortForms::Together`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counted_with: Vec<String>,
}

/// Whether a full name is counted alone or together with its short forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShortForms {
    /// Each name alone, as `mentions` counts it.
    #[default]
    Apart,
    /// A full name with the short forms listed for it (国家发展和改革委员会 with 国家发展改革委
    /// and 发展改革委): each occurrence of any, the longest where they overlap, so that
    /// 全国人大 in 全国人大常委会 counts for the standing committee, not the congress.
    Together,
}

/// How a string was found as a name: its kind, how many times, the full name it is
/// defined as short for.
struct Found {
    kind: NameKind,
    times: usize,
    short_for: Option<String>,
    declared: bool,
}

impl Found {
    fn new(kind: NameKind, short_for: Option<String>) -> Found {
        Found {
            kind,
            times: 0,
            short_for,
            declared: false,
        }
    }

    fn source(&self, name: &str) -> NameSource {
        if official::is_listed(name) {
            return NameSource::Official;
        }
        match (&self.short_for, self.declared) {
            (_, true) => NameSource::Dictionary,
            (Some(_), _) => NameSource::Defined,
            _ => NameSource::Suffix,
        }
    }
}

/// The names the dictionaries declare, with their kinds: a place (`ns`), a body when it
/// ends like one, else an enterprise (`nt`: 尧柏水泥).
fn declared(handle: &IndexHandle) -> Vec<(String, NameKind)> {
    handle
        .segmenter
        .declared_names()
        .into_iter()
        .map(|(word, tag)| {
            let kind = if tag == "ns" {
                NameKind::Place
            } else {
                rules::kind_by_suffix(&word)
                    .filter(|k| *k == NameKind::Organisation)
                    .unwrap_or(NameKind::Enterprise)
            };
            (word, kind)
        })
        .collect()
}

/// A string is listed when at least one in this many of its occurrences was read as a
/// name by the rules.
const MIN_NAME_SHARE: usize = 5;

/// Names counted with a DFA at most (1,570 names on `../shared/corpus/`).
const MAX_DFA_NAMES: usize = 5_000;

/// Passages read at once (their text is then held for counting).
const READ_BATCH: usize = 4096;

/// The names of `kinds` in the documents `filters` admit, commonest first.
pub fn names(handle: &IndexHandle, filters: &Filters, kinds: &[NameKind]) -> Result<Vec<Name>> {
    names_counted(handle, filters, kinds, ShortForms::Apart)
}

/// The names of `kinds` in the documents `filters` admit, commonest first, full names
/// counted alone or with their short forms.
pub fn names_counted(
    handle: &IndexHandle,
    filters: &Filters,
    kinds: &[NameKind],
    short_forms: ShortForms,
) -> Result<Vec<Name>> {
    let texts = passage_texts(handle, filters)?;
    // The names the indexer read in each admitted document (a document has its passages
    // together in `texts`), gathered: no segmenting here.
    let mut candidates: HashMap<String, Found> = HashMap::new();
    let mut last = None;
    for &(doc, _) in &texts {
        if last == Some(doc) {
            continue;
        }
        last = Some(doc);
        for found in &handle.catalog.record(doc)?.names {
            let entry = candidates
                .entry(found.name.clone())
                .or_insert(Found::new(found.kind, None));
            entry.times += found.times as usize;
            if entry.short_for.is_none() {
                entry.short_for.clone_from(&found.short_for);
            }
        }
    }
    for (name, kind) in declared(handle) {
        candidates
            .entry(name)
            .or_insert(Found::new(kind, None))
            .declared = true;
    }
    let mut listed: Vec<(String, Found)> = candidates
        .into_iter()
        .filter(|(_, found)| kinds.contains(&found.kind))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let counts = count(&texts, listed.iter().map(|(n, _)| n.as_str()))?;
    let mut names: Vec<Name> = listed
        .into_iter()
        .zip(counts)
        // A string read as a name in few of its occurrences is mostly something else
        // (城市, once cut as 城 + 市); a short name the text defines is one anywhere.
        .filter(|((_, found), (occurrences, _))| {
            found.declared
                || found.short_for.is_some()
                || found.times * MIN_NAME_SHARE >= *occurrences
        })
        .map(|((name, found), (occurrences, documents))| Name {
            source: found.source(&name),
            name,
            kind: found.kind,
            occurrences,
            documents,
            short_for: found.short_for,
            counted_with: Vec::new(),
        })
        .collect();
    if short_forms == ShortForms::Together {
        count_with_short_forms(&texts, &mut names)?;
    }
    names.sort_by(|a, b| {
        b.occurrences
            .cmp(&a.occurrences)
            .then(b.documents.cmp(&a.documents))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(names)
}

/// Counts each full name with the short forms listed for it (a full name never written
/// alone gets a row of its own), the longest where names of the groups overlap.
fn count_with_short_forms(texts: &[(u64, String)], names: &mut Vec<Name>) -> Result<()> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for n in names.iter() {
        let Some(full) = &n.short_for else { continue };
        match groups.iter_mut().find(|(f, _)| f == full) {
            Some((_, shorts)) => shorts.push(n.name.clone()),
            None => groups.push((full.clone(), vec![n.name.clone()])),
        }
    }
    if groups.is_empty() {
        return Ok(());
    }
    let patterns: Vec<(&str, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, (full, shorts))| {
            std::iter::once((full.as_str(), g)).chain(shorts.iter().map(move |s| (s.as_str(), g)))
        })
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.0))
        .map_err(|e| Error::query("names", e.to_string()))?;
    let parts = in_parallel(texts, |part| {
        let mut occurrences = vec![0usize; groups.len()];
        let mut documents = vec![0usize; groups.len()];
        let mut last_doc = vec![u64::MAX; groups.len()];
        for (doc, text) in part {
            for m in automaton.find_iter(text.as_str()) {
                let g = patterns[m.pattern().as_usize()].1;
                occurrences[g] += 1;
                if last_doc[g] != *doc {
                    last_doc[g] = *doc;
                    documents[g] += 1;
                }
            }
        }
        (occurrences, documents)
    });
    for (g, (full, shorts)) in groups.into_iter().enumerate() {
        let occurrences: usize = parts.iter().map(|p| p.0[g]).sum();
        let documents: usize = parts.iter().map(|p| p.1[g]).sum();
        let row = match names.iter().position(|n| n.name == full) {
            Some(i) => &mut names[i],
            None => {
                let short = names.iter().find(|n| shorts.contains(&n.name));
                let (kind, source) = short
                    .map_or((NameKind::Organisation, NameSource::Defined), |s| {
                        (s.kind, s.source)
                    });
                names.push(Name {
                    name: full,
                    kind,
                    occurrences: 0,
                    documents: 0,
                    source,
                    short_for: None,
                    counted_with: Vec::new(),
                });
                names.last_mut().expect("just pushed")
            }
        };
        row.occurrences = occurrences;
        row.documents = documents;
        row.counted_with = shorts;
    }
    Ok(())
}

/// The folded text of every passage of the documents `filters` admit, with its
/// document's id, in document order (read in store order).
fn passage_texts(handle: &IndexHandle, filters: &Filters) -> Result<Vec<(u64, String)>> {
    let searcher = handle.reader.searcher();
    let passages = searcher
        .search(&AllQuery, &Passages)
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    let mut records = DocumentCache::new(handle);
    records.prefetch(passages.iter().map(|p| p.doc))?;
    let mut wanted: Vec<(DocAddress, u64)> = Vec::with_capacity(passages.len());
    for p in passages {
        if records.admitted(p.doc, filters)?.is_some() {
            wanted.push((p.address, p.doc));
        }
    }
    wanted.sort_unstable();
    let mut texts = Vec::with_capacity(wanted.len());
    for batch in wanted.chunks(READ_BATCH) {
        let addresses: Vec<DocAddress> = batch.iter().map(|w| w.0).collect();
        let read = read_texts(handle, &searcher, &addresses)?;
        texts.extend(
            batch
                .iter()
                .zip(read)
                .map(|(w, text)| (w.1, fold_str(&text))),
        );
    }
    texts.sort_by_key(|t| t.0);
    Ok(texts)
}

/// `work` on a share of `texts` in each of a few threads; a document's passages are in
/// one share (`texts` are in document order).
fn in_parallel<P: Sync, T: Send>(
    texts: &[(u64, P)],
    work: impl Fn(&[(u64, P)]) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = texts.len().div_ceil(threads).max(1);
    let mut shares = Vec::new();
    let mut rest = texts;
    while !rest.is_empty() {
        let mut end = share.min(rest.len());
        while end < rest.len() && rest[end].0 == rest[end - 1].0 {
            end += 1;
        }
        let (part, after) = rest.split_at(end);
        shares.push(part);
        rest = after;
    }
    let work = &work;
    std::thread::scope(|scope| {
        let running: Vec<_> = shares
            .into_iter()
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("finding names does not panic"))
            .collect()
    })
}

/// Occurrences and documents of each name (folded, no whitespace) in `texts`: the
/// occurrences of one name do not overlap each other, as `mentions` counts them.
fn count<'a>(
    texts: &[(u64, String)],
    names: impl Iterator<Item = &'a str>,
) -> Result<Vec<(usize, usize)>> {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    // A DFA: overlapping search over the whole text is most of `names`' time. Its table
    // grows with the patterns: past a few thousand names the library chooses.
    let kind = (names.len() <= MAX_DFA_NAMES).then_some(aho_corasick::AhoCorasickKind::DFA);
    let automaton = AhoCorasick::builder()
        .kind(kind)
        .build(&names)
        .map_err(|e| Error::query("names", e.to_string()))?;
    let parts = in_parallel(texts, |part| {
        let mut occurrences = vec![0usize; names.len()];
        let mut documents = vec![0usize; names.len()];
        // Per name: the document it was last seen in, and where its last counted
        // occurrence ended in the current passage.
        let mut last_doc = vec![u64::MAX; names.len()];
        let mut last_end: HashMap<usize, usize> = HashMap::new();
        for (doc, text) in part {
            last_end.clear();
            for m in automaton.find_overlapping_iter(text.as_str()) {
                let n = m.pattern().as_usize();
                if last_end.get(&n).is_some_and(|&end| m.start() < end) {
                    continue;
                }
                last_end.insert(n, m.end());
                occurrences[n] += 1;
                if last_doc[n] != *doc {
                    last_doc[n] = *doc;
                    documents[n] += 1;
                }
            }
        }
        (occurrences, documents)
    });
    let mut occurrences = vec![0usize; names.len()];
    let mut documents = vec![0usize; names.len()];
    for (occ, docs) in parts {
        for n in 0..names.len() {
            occurrences[n] += occ[n];
            documents[n] += docs[n];
        }
    }
    Ok(occurrences.into_iter().zip(documents).collect())
}
