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

use std::collections::BTreeMap;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use tantivy::DocAddress;
use tantivy::query::AllQuery;

pub use self::tally::Counted;
use self::tally::{Counting, Wanted};
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

/// A string some document's names were read as (or a dictionary declares): what it is
/// as a name, summed over the documents read, in any order — so that the candidates of
/// several shards sum to those of one index of their documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    /// Times the rules read it as each kind (in [`NameKind::ALL`]'s order).
    pub times_as: [usize; 3],
    /// The full names a text defines it as short for, with the documents defining each.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defined_for: BTreeMap<String, usize>,
    /// The kind a dictionary declares it of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<NameKind>,
}

impl Candidate {
    fn times(&self) -> usize {
        self.times_as.iter().sum()
    }

    /// The kind it was read as most often (the first of [`NameKind::ALL`] on a tie),
    /// else the dictionary's.
    pub fn kind(&self) -> NameKind {
        let most = self.times_as.iter().copied().max().unwrap_or(0);
        match (most, self.declared) {
            (0, Some(kind)) => kind,
            _ => NameKind::ALL[self.times_as.iter().position(|&t| t == most).unwrap_or(0)],
        }
    }

    /// The full name it stands for: the one most documents define it as (the first by
    /// name on a tie).
    pub fn short_for(&self) -> Option<&str> {
        let most = self.defined_for.values().copied().max()?;
        self.defined_for
            .iter()
            .find(|(_, n)| **n == most)
            .map(|(full, _)| full.as_str())
    }

    fn source(&self) -> NameSource {
        if official::is_listed(&self.name) {
            return NameSource::Official;
        }
        match (self.short_for(), self.declared) {
            (_, Some(_)) => NameSource::Dictionary,
            (Some(_), _) => NameSource::Defined,
            _ => NameSource::Suffix,
        }
    }

    fn add(&mut self, other: Candidate) {
        for (t, o) in self.times_as.iter_mut().zip(other.times_as) {
            *t += o;
        }
        for (full, n) in other.defined_for {
            *self.defined_for.entry(full).or_default() += n;
        }
        self.declared = self.declared.or(other.declared);
    }
}

/// The candidates of several shards as one list, in name order.
pub fn sum_candidates(parts: impl IntoIterator<Item = Vec<Candidate>>) -> Vec<Candidate> {
    let mut sum: BTreeMap<String, Candidate> = BTreeMap::new();
    for candidate in parts.into_iter().flatten() {
        match sum.get_mut(&candidate.name) {
            Some(known) => known.add(candidate),
            None => {
                sum.insert(candidate.name.clone(), candidate);
            }
        }
    }
    sum.into_values().collect()
}

/// The names of some candidates counted over some documents: what each shard gives
/// (`names --part`) and what the shards' counts sum to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameCounts {
    /// The candidates of the kinds wanted, in name order.
    pub candidates: Vec<Candidate>,
    /// Each full name with its short forms, when counted together.
    pub groups: Vec<(String, Vec<String>)>,
    /// The counts of each candidate and of each group.
    pub each: Vec<Counted>,
    pub grouped: Vec<Counted>,
}

impl NameCounts {
    /// The counts of several shards (of the same candidates) added up.
    pub fn sum(parts: Vec<NameCounts>) -> Result<NameCounts> {
        let mut parts = parts.into_iter();
        let Some(mut sum) = parts.next() else {
            return Ok(NameCounts::default());
        };
        for part in parts {
            if part.candidates != sum.candidates || part.groups != sum.groups {
                return Err(Error::query(
                    "names",
                    "the shards counted different names: give every shard the same summed candidates",
                ));
            }
            for (into, from) in [(&mut sum.each, part.each), (&mut sum.grouped, part.grouped)] {
                for (a, b) in into.iter_mut().zip(from) {
                    a.add(b);
                }
            }
        }
        Ok(sum)
    }

    /// The table: candidates read as names often enough, with their counts (full names
    /// with their short forms' when grouped), commonest first.
    pub fn names(self) -> Vec<Name> {
        let mut names: Vec<Name> = self
            .candidates
            .into_iter()
            .zip(self.each)
            // A string read as a name in few of its occurrences is mostly something else
            // (城市, once cut as 城 + 市); a short name the text defines is one anywhere.
            .filter(|(found, counted)| {
                found.declared.is_some()
                    || found.short_for().is_some()
                    || found.times() * MIN_NAME_SHARE >= counted.as_name
            })
            .map(|(found, counted)| Name {
                source: found.source(),
                kind: found.kind(),
                short_for: found.short_for().map(str::to_string),
                name: found.name,
                occurrences: counted.occurrences,
                as_name: counted.as_name,
                documents: counted.documents,
                counted_with: Vec::new(),
            })
            .collect();
        for ((full, shorts), counted) in self.groups.into_iter().zip(self.grouped) {
            counted_together(&mut names, full, shorts, counted);
        }
        names.sort_by(|a, b| {
            b.as_name
                .cmp(&a.as_name)
                .then(b.occurrences.cmp(&a.occurrences))
                .then(b.documents.cmp(&a.documents))
                .then_with(|| a.name.cmp(&b.name))
        });
        names
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
    let candidates = gathered(handle, &wanted)?;
    Ok(counted(handle, &wanted, candidates, kinds, short_forms)?.names())
}

/// What the documents `filters` admit read as names, with the names the dictionaries
/// declare: one shard's part of the candidates (`names --gather`).
pub fn name_candidates(handle: &IndexHandle, filters: &Filters) -> Result<Vec<Candidate>> {
    gathered(handle, &wanted_passages(handle, filters)?)
}

/// `candidates` (summed over every shard) of `kinds`, counted in the documents `filters`
/// admit: one shard's part of the table (`names --part`).
pub fn name_counts(
    handle: &IndexHandle,
    filters: &Filters,
    candidates: Vec<Candidate>,
    kinds: &[NameKind],
    short_forms: ShortForms,
) -> Result<NameCounts> {
    let wanted = wanted_passages(handle, filters)?;
    counted(handle, &wanted, candidates, kinds, short_forms)
}

/// The candidates of `kinds` counted in the wanted passages.
fn counted(
    handle: &IndexHandle,
    wanted: &Wanted,
    mut candidates: Vec<Candidate>,
    kinds: &[NameKind],
    short_forms: ShortForms,
) -> Result<NameCounts> {
    candidates.retain(|c| kinds.contains(&c.kind()));
    let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
    // Groups are known before counting: a short name (the only kind in a group) is
    // always listed.
    let groups = match short_forms {
        ShortForms::Together => short_form_groups(&candidates),
        ShortForms::Apart => Vec::new(),
    };
    let (each, grouped) = count(handle, wanted, &names, &groups)?;
    Ok(NameCounts {
        candidates,
        groups,
        each,
        grouped,
    })
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
/// declare, in name order: no segmenting here.
fn gathered(handle: &IndexHandle, wanted: &Wanted) -> Result<Vec<Candidate>> {
    let mut candidates: BTreeMap<String, Candidate> = BTreeMap::new();
    fn entry<'a>(all: &'a mut BTreeMap<String, Candidate>, name: &str) -> &'a mut Candidate {
        all.entry(name.to_string()).or_insert_with(|| Candidate {
            name: name.to_string(),
            ..Candidate::default()
        })
    }
    for doc in wanted.documents() {
        for found in handle.catalog.record(doc)?.names.list() {
            let candidate = entry(&mut candidates, &found.name);
            candidate.times_as[found.kind as usize] += found.times as usize;
            if let Some(full) = &found.short_for {
                *candidate.defined_for.entry(full.clone()).or_default() += 1;
            }
        }
    }
    for (name, kind) in declared(handle) {
        entry(&mut candidates, &name).declared = Some(kind);
    }
    Ok(candidates.into_values().collect())
}

/// Each full name with the short names defined or listed for it.
fn short_form_groups(listed: &[Candidate]) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for candidate in listed {
        let Some(full) = candidate.short_for() else {
            continue;
        };
        match groups.iter_mut().find(|(f, _)| f == full) {
            Some((_, shorts)) => shorts.push(candidate.name.clone()),
            None => groups.push((full.to_string(), vec![candidate.name.clone()])),
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
