//! Spread: how a term travels between groups of documents (issuing bodies, speakers,
//! provinces, kinds of document): for each group, the first dated document using it, its
//! exact occurrences, documents and rate per 10,000 characters of the group's text, its
//! use per year, and its lag after a reference group — the table a diffusion study starts
//! from. Groups that never used the term stay in the table (they are the ones "not yet").

use std::collections::{BTreeMap, HashMap};

use super::province::province_of;
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::document::DocDate;
use crate::error::Result;
use crate::mentions::occurrences;
use crate::search::Filters;
use crate::search::aliases::Entity;

/// What documents are grouped by: the derived province, or a metadata field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupField {
    Province,
    Field(String),
}

impl GroupField {
    /// `province` or any metadata field's name (`body`, `speaker`, `doc_type`, `level`).
    pub fn named(name: &str) -> GroupField {
        match name {
            "province" => GroupField::Province,
            other => GroupField::Field(other.to_string()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            GroupField::Province => "province",
            GroupField::Field(name) => name,
        }
    }

    fn key(&self, doc: &DocumentRecord) -> Option<String> {
        match self {
            GroupField::Province => province_of(doc),
            GroupField::Field(name) => doc
                .field(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
        }
    }
}

/// A group's first document using the term.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstUse {
    /// Its date (`None`: the group used the term only in undated documents).
    pub date: Option<DocDate>,
    pub document: u64,
    pub title: Option<String>,
    pub path: String,
}

/// One group's use of the term.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadGroup {
    /// The group's value (`None`: documents without one).
    pub group: Option<String>,
    pub first: Option<FirstUse>,
    pub occurrences: usize,
    /// Documents of the group using the term.
    pub documents: usize,
    /// Documents of the group (after the filters), used or not.
    pub group_documents: usize,
    /// Characters of text of the group's documents.
    pub chars: usize,
    /// Occurrences per 10,000 characters of the group's text.
    pub per_10k: Option<f64>,
    /// Days from the reference group's first use to this group's, when both dates are
    /// known to the day.
    pub lag_days: Option<i64>,
    /// Years from the reference group's first use to this group's, when both are dated.
    pub lag_years: Option<i64>,
    /// Occurrences per year of the group's dated documents.
    pub per_year: BTreeMap<u16, usize>,
}

/// The spread of one term.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub term: String,
    pub by: String,
    /// The group lags are measured from: the one asked for, else the first to use it.
    pub reference: Option<String>,
    /// Whether the reference asked for used the term (lags are empty otherwise).
    pub reference_used: bool,
    /// Groups that used the term, by first use, then the others, most documents first.
    pub groups: Vec<SpreadGroup>,
}

impl Spread {
    /// The groups that used the term.
    pub fn users(&self) -> impl Iterator<Item = &SpreadGroup> {
        self.groups.iter().filter(|g| g.occurrences > 0)
    }

    /// The first and last year any group used the term in.
    pub fn years(&self) -> Option<(u16, u16)> {
        let years = self.groups.iter().flat_map(|g| g.per_year.keys().copied());
        let (min, max) = years.fold((u16::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
        (min <= max).then_some((min, max))
    }
}

/// The date order of documents: the earliest last day the date may be (a date known only
/// to its year does not precede one known to the day in that year, as in `new`), then the
/// earliest first day, then the id.
fn earlier(a: &DocumentRecord, b: &DocumentRecord) -> bool {
    let key = |d: &DocumentRecord| {
        (
            d.meta.date.is_none(),
            d.meta.date.map(|x| (x.last_day(), x.first_day())),
            d.id,
        )
    };
    key(a) < key(b)
}

fn new_group(group: Option<String>) -> SpreadGroup {
    SpreadGroup {
        group,
        first: None,
        occurrences: 0,
        documents: 0,
        group_documents: 0,
        chars: 0,
        per_10k: None,
        lag_days: None,
        lag_years: None,
        per_year: BTreeMap::new(),
    }
}

/// The spread of `entity` over the documents `filters` admit, grouped `by`, lags from the
/// group `reference` (`None`: the first group to use it).
pub fn spread(
    handle: &IndexHandle,
    entity: &Entity,
    filters: &Filters,
    by: &GroupField,
    reference: Option<&str>,
) -> Result<Spread> {
    let mut groups: HashMap<Option<String>, SpreadGroup> = HashMap::new();
    let mut firsts: HashMap<Option<String>, &DocumentRecord> = HashMap::new();
    for doc in handle.catalog.documents()?.iter() {
        if filters.admits(doc) {
            let key = by.key(doc);
            let group = groups.entry(key.clone()).or_insert_with(|| new_group(key));
            group.group_documents += 1;
            group.chars += doc.chars;
        }
    }
    let counts = occurrences(handle, std::slice::from_ref(entity), filters)?;
    for c in &counts {
        let key = by.key(&c.document);
        let group = groups
            .entry(key.clone())
            .or_insert_with(|| new_group(key.clone()));
        group.occurrences += c.occurrences;
        group.documents += 1;
        if let Some(date) = c.document.meta.date {
            *group.per_year.entry(date.year).or_default() += c.occurrences;
        }
        let first = firsts.entry(key).or_insert(&c.document);
        if earlier(&c.document, first) {
            *first = &c.document;
        }
    }
    for (key, doc) in firsts {
        groups.get_mut(&key).expect("counted above").first = Some(FirstUse {
            date: doc.meta.date,
            document: doc.id,
            title: doc.meta.title.clone(),
            path: doc.path.clone(),
        });
    }
    let mut groups: Vec<SpreadGroup> = groups.into_values().collect();
    for g in &mut groups {
        g.per_10k = (g.chars > 0).then(|| g.occurrences as f64 * 10_000.0 / g.chars as f64);
    }
    order(&mut groups);
    let (reference, reference_used) = lags(&mut groups, reference);
    Ok(Spread {
        term: entity.name.clone(),
        by: by.name().to_string(),
        reference,
        reference_used,
        groups,
    })
}

/// Users by first use (dated before undated, in the order of [`earlier`]), then the others
/// by size; no value last.
fn order(groups: &mut [SpreadGroup]) {
    let first_days = |g: &SpreadGroup| {
        g.first.as_ref().map(|f| {
            (
                f.date.is_none(),
                f.date.map(|d| (d.last_day(), d.first_day())),
            )
        })
    };
    groups.sort_by(|a, b| {
        a.group
            .is_none()
            .cmp(&b.group.is_none())
            .then(a.first.is_none().cmp(&b.first.is_none()))
            .then(first_days(a).cmp(&first_days(b)))
            .then(b.occurrences.cmp(&a.occurrences))
            .then(b.group_documents.cmp(&a.group_documents))
            .then(a.group.cmp(&b.group))
    });
}

/// Fills each group's lag after the reference's first use; returns the reference's name
/// and whether it used the term.
fn lags(groups: &mut [SpreadGroup], reference: Option<&str>) -> (Option<String>, bool) {
    let dated_first = |g: &SpreadGroup| g.first.as_ref().and_then(|f| f.date);
    let from = match reference {
        Some(name) => groups
            .iter()
            .find(|g| g.group.as_deref() == Some(name))
            .and_then(dated_first),
        // The groups are in order of first use: the first dated one leads.
        None => groups
            .iter()
            .filter(|g| g.group.is_some())
            .find_map(dated_first),
    };
    let name = reference.map(str::to_string).or_else(|| {
        groups
            .iter()
            .find(|g| g.group.is_some() && dated_first(g).is_some())
            .and_then(|g| g.group.clone())
    });
    let Some(from) = from else {
        return (name, false);
    };
    for g in groups.iter_mut() {
        if let Some(date) = dated_first(g) {
            g.lag_years = Some(i64::from(date.year) - i64::from(from.year));
            let days = date.day.is_some() && from.day.is_some();
            g.lag_days = days.then(|| date.unix_days() - from.unix_days());
        }
    }
    (name, true)
}
