//! Names discovered: the enterprises, government bodies and places a corpus mentions,
//! as the indexer read them in each document (`analysis::names`, stored with the
//! document's record), gathered over the documents the filters admit, then counted
//! exactly as `mentions` counts each of them (non-overlapping occurrences of the folded
//! literal, header included), with the documents they are in.
//!
//! A name read in one document is counted in every admitted document, so a document
//! added to the corpus can make a string a name everywhere: the union is taken when
//! `names` runs, never stored. The stored text is read once, in store order, a segment
//! per thread, for the counting alone (`tally`).

pub use crate::analysis::names::{NameKind, official, rules};

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use serde::Serialize;
use tantivy::DocAddress;
use tantivy::query::AllQuery;

use self::tally::{Counted, Counting, Wanted};
use super::stream::DocumentCache;
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};
use crate::search::{Filters, Passages};

mod tally;

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
    /// Those that stand as the name, not run on into a common word: 财政部 in 财政部门
    /// (finance departments) is no mention of the ministry.
    pub as_name: usize,
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
    let wanted = wanted_passages(handle, filters)?;
    let listed = gathered(handle, &wanted, kinds)?;
    let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
    // Groups are known before counting: a short name (the only kind in a group) is
    // always listed.
    let groups = match short_forms {
        ShortForms::Together => short_form_groups(&listed),
        ShortForms::Apart => Vec::new(),
    };
    let (each, grouped) = count(handle, &wanted, &names, &groups)?;
    let mut names: Vec<Name> = listed
        .into_iter()
        .zip(each)
        // A string read as a name in few of its occurrences is mostly something else
        // (城市, once cut as 城 + 市); a short name the text defines is one anywhere.
        .filter(|((_, found), counted)| {
            found.declared
                || found.short_for.is_some()
                || found.times * MIN_NAME_SHARE >= counted.as_name
        })
        .map(|((name, found), counted)| Name {
            source: found.source(&name),
            name,
            kind: found.kind,
            occurrences: counted.occurrences,
            as_name: counted.as_name,
            documents: counted.documents,
            short_for: found.short_for,
            counted_with: Vec::new(),
        })
        .collect();
    for ((full, shorts), counted) in groups.into_iter().zip(grouped) {
        counted_together(&mut names, full, shorts, counted);
    }
    names.sort_by(|a, b| {
        b.as_name
            .cmp(&a.as_name)
            .then(b.occurrences.cmp(&a.occurrences))
            .then(b.documents.cmp(&a.documents))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(names)
}

/// The passages of the documents `filters` admit.
fn wanted_passages(handle: &IndexHandle, filters: &Filters) -> Result<Wanted> {
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
    Ok(Wanted::new(wanted))
}

/// The names the indexer read in the wanted documents, with those the dictionaries
/// declare, of `kinds`, in name order: no segmenting here.
fn gathered(
    handle: &IndexHandle,
    wanted: &Wanted,
    kinds: &[NameKind],
) -> Result<Vec<(String, Found)>> {
    let mut candidates: HashMap<String, Found> = HashMap::new();
    for doc in wanted.documents() {
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
    Ok(listed)
}

/// Each full name with the short names defined or listed for it.
fn short_form_groups(listed: &[(String, Found)]) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, found) in listed {
        let Some(full) = &found.short_for else {
            continue;
        };
        match groups.iter_mut().find(|(f, _)| f == full) {
            Some((_, shorts)) => shorts.push(name.clone()),
            None => groups.push((full.clone(), vec![name.clone()])),
        }
    }
    groups
}

/// Sets a full name's row to its count with its short forms (a full name never
/// written alone gets a row of its own, of its short names' kind).
fn counted_together(names: &mut Vec<Name>, full: String, shorts: Vec<String>, counted: Counted) {
    let row = match names.iter().position(|n| n.name == full) {
        Some(i) => &mut names[i],
        None => {
            let short = names.iter().find(|n| shorts.contains(&n.name));
            let (kind, source) = short.map_or((NameKind::Organisation, NameSource::Defined), |s| {
                (s.kind, s.source)
            });
            names.push(Name {
                name: full,
                kind,
                occurrences: 0,
                as_name: 0,
                documents: 0,
                source,
                short_for: None,
                counted_with: Vec::new(),
            });
            names.last_mut().expect("just pushed")
        }
    };
    row.occurrences = counted.occurrences;
    row.as_name = counted.as_name;
    row.documents = counted.documents;
    row.counted_with = shorts;
}

/// Occurrences and documents of each name (folded, no whitespace) as `mentions` counts
/// it (its occurrences do not overlap each other), and of each group of a full name
/// and its short forms (the longest where names of the groups overlap, so that 全国人大
/// in 全国人大常委会 counts for the standing committee, not the congress).
fn count(
    handle: &IndexHandle,
    wanted: &Wanted,
    names: &[&str],
    groups: &[(String, Vec<String>)],
) -> Result<(Vec<Counted>, Vec<Counted>)> {
    let automaton_error = |e: aho_corasick::BuildError| Error::query("names", e.to_string());
    // A DFA: overlapping search over the whole text is most of `names`' time. Its table
    // grows with the patterns: past a few thousand names the library chooses.
    let kind = (names.len() <= MAX_DFA_NAMES).then_some(aho_corasick::AhoCorasickKind::DFA);
    let each = AhoCorasick::builder()
        .kind(kind)
        .build(names)
        .map_err(automaton_error)?;
    let runs_on: Vec<&'static str> = names.iter().map(|n| rules::runs_on(n)).collect();
    let mut countings = vec![Counting::EachPattern {
        automaton: &each,
        runs_on: &runs_on,
    }];
    let patterns: Vec<(&str, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, (full, shorts))| {
            std::iter::once((full.as_str(), g)).chain(shorts.iter().map(move |s| (s.as_str(), g)))
        })
        .collect();
    let group: Vec<usize> = patterns.iter().map(|p| p.1).collect();
    let together = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.0))
        .map_err(automaton_error)?;
    if !groups.is_empty() {
        countings.push(Counting::Groups {
            automaton: &together,
            group: &group,
            groups: groups.len(),
        });
    }
    let mut counted = tally::tally(handle, wanted, &countings)?.into_iter();
    let each = counted.next().unwrap_or_default();
    Ok((each, counted.next().unwrap_or_default()))
}
