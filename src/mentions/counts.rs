//! Counts of mentions per group (document, year, speaker, body) and in total: the one
//! place that tallies, for tables, trends and concordance totals.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{Mention, Occurrences};
use crate::catalog::DocumentRecord;
use crate::search::aliases::Entity;

/// The group key of a document in counts by document: its file and section.
pub fn doc_key(doc: &DocumentRecord) -> String {
    format!("{} §{}", doc.path, doc.section)
}

/// How mentions are grouped in a count table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Doc,
    Year,
    Speaker,
    Body,
}

named_values!(GroupBy { "doc" => Doc, "year" => Year, "speaker" => Speaker, "body" => Body });

/// Counts for one group: occurrences, distinct passages and documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Counts {
    pub occurrences: usize,
    pub passages: usize,
    pub documents: usize,
}

impl Counts {
    /// Adds another group's counts (groups of distinct documents: passages and documents
    /// add up).
    pub fn add(&mut self, other: &Counts) {
        self.occurrences += other.occurrences;
        self.passages += other.passages;
        self.documents += other.documents;
    }
}

/// Per document met: its record, occurrences and distinct passages (a passage with
/// several terms counts once).
fn per_document<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
) -> Vec<(&'m DocumentRecord, usize, usize)> {
    let mut items: Vec<(u64, &'m T)> = mentions.into_iter().map(|m| (m.document().id, m)).collect();
    // Stable: a document's mentions keep their (passage) order.
    items.sort_by_key(|&(id, _)| id);
    let mut passages: Vec<u64> = Vec::new();
    items
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let occurrences = group.iter().map(|(_, m)| m.count()).sum();
            let distinct = match group {
                // One term's count in a document: its passages are distinct.
                [(_, only)] => only.passages().len(),
                _ => {
                    passages.clear();
                    passages.extend(group.iter().flat_map(|(_, m)| m.passages()));
                    passages.sort_unstable();
                    passages.dedup();
                    passages.len()
                }
            };
            (group[0].1.document(), occurrences, distinct)
        })
        .collect()
}

/// Counts of `mentions` (of any term) per group key, in key order; `None` keys (no
/// date, speaker or body) are reported under "(none)" / "undated" by the printer.
pub fn count_by<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
    by: GroupBy,
) -> BTreeMap<Option<String>, Counts> {
    count_table(mentions, by).0
}

/// [`count_by`] and [`totals`] in one pass.
pub fn count_table<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
    by: GroupBy,
) -> (BTreeMap<Option<String>, Counts>, Counts) {
    // A document belongs to exactly one group, so passages and documents add up.
    let mut groups: BTreeMap<Option<String>, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (document, occurrences, passages) in per_document(mentions) {
        let meta = &document.meta;
        let key = match by {
            GroupBy::Doc => Some(doc_key(document)),
            GroupBy::Year => meta.date.map(|d| d.year.to_string()),
            GroupBy::Speaker => meta.speaker.clone(),
            GroupBy::Body => meta.body.clone(),
        };
        for counts in [groups.entry(key).or_default(), &mut total] {
            counts.occurrences += occurrences;
            counts.passages += passages;
            counts.documents += 1;
        }
    }
    (groups, total)
}

/// Totals over all mentions.
pub fn totals<'m, T: Occurrences + 'm>(mentions: impl IntoIterator<Item = &'m T>) -> Counts {
    per_document(mentions).into_iter().fold(
        Counts::default(),
        |mut acc, (_, occurrences, passages)| {
            acc.occurrences += occurrences;
            acc.passages += passages;
            acc.documents += 1;
            acc
        },
    )
}

/// One row of a count table: the group's key, the document when grouping by document
/// (for its date and title), its counts, and the occurrences of each term.
#[derive(Debug, Clone)]
pub struct CountRow<'m> {
    pub key: Option<String>,
    pub document: Option<&'m DocumentRecord>,
    pub counts: Counts,
    /// Occurrences per term, in the table's term order.
    pub per_term: Vec<usize>,
}

/// How the rows of a count table are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOrder {
    /// Most occurrences first (then by key).
    Count,
    /// By date: years in order, documents by their date (newest first); speakers and
    /// bodies by name.
    Date,
}

named_values!(RowOrder { "count" => Count, "date" => Date });

/// A count table: one row per group (groups without a value — undated, no speaker — after
/// the named ones), a column per term, and the total.
#[derive(Debug, Clone)]
pub struct CountTable<'m> {
    pub by: GroupBy,
    pub terms: Vec<String>,
    pub rows: Vec<CountRow<'m>>,
    pub total: Counts,
    pub total_per_term: Vec<usize>,
    /// Each term's dispersion over the table's parts, when the table is by document or
    /// year and it was asked for ([`CountTable::with_dispersion`]); empty otherwise.
    pub dispersion: Vec<super::dispersion::Dispersion>,
}

/// A document's key in a count table of `by`.
fn group_key(document: &DocumentRecord, by: GroupBy) -> Option<String> {
    let meta = &document.meta;
    match by {
        GroupBy::Doc => Some(doc_key(document)),
        GroupBy::Year => meta.date.map(|d| d.year.to_string()),
        GroupBy::Speaker => meta.speaker.clone(),
        GroupBy::Body => meta.body.clone(),
    }
}

impl<'m> CountTable<'m> {
    /// The table of `mentions` of `terms` grouped `by`, rows in `order`.
    pub fn new<T: Occurrences + 'm>(
        mentions: &'m [T],
        terms: &[String],
        by: GroupBy,
        order: RowOrder,
    ) -> CountTable<'m> {
        let mut table = CountTable::grouped(mentions, terms, by);
        table.order(order);
        table
    }

    fn grouped<T: Occurrences + 'm>(
        mentions: &'m [T],
        terms: &[String],
        by: GroupBy,
    ) -> CountTable<'m> {
        let (groups, total) = count_table(mentions, by);
        let mut per_term: HashMap<Option<String>, Vec<usize>> = HashMap::new();
        let mut total_per_term = vec![0; terms.len()];
        for m in mentions {
            if let Some(n) = terms.iter().position(|t| t == m.term()) {
                per_term
                    .entry(group_key(m.document(), by))
                    .or_insert_with(|| vec![0; terms.len()])[n] += m.count();
                total_per_term[n] += m.count();
            }
        }
        // Each document once, by its group key (not a search of all mentions per group).
        let mut documents: HashMap<String, &'m DocumentRecord> = HashMap::new();
        if by == GroupBy::Doc {
            let mut seen: HashMap<u64, &'m DocumentRecord> = HashMap::new();
            for m in mentions {
                seen.entry(m.document().id).or_insert(m.document());
            }
            documents = seen.into_values().map(|d| (doc_key(d), d)).collect();
        }
        let (named, unnamed): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(k, _)| k.is_some());
        let rows = named
            .into_iter()
            .chain(unnamed)
            .map(|(key, counts)| CountRow {
                document: key.as_ref().and_then(|k| documents.get(k).copied()),
                per_term: per_term
                    .remove(&key)
                    .unwrap_or_else(|| vec![0; terms.len()]),
                key,
                counts,
            })
            .collect();
        CountTable {
            by,
            terms: terms.to_vec(),
            rows,
            total,
            total_per_term,
            dispersion: Vec::new(),
        }
    }

    /// A table of rows counted elsewhere (the sums of several shards' rows), its total
    /// their sum, in `order`.
    pub fn from_rows(
        by: GroupBy,
        terms: Vec<String>,
        rows: Vec<CountRow<'m>>,
        order: RowOrder,
    ) -> CountTable<'m> {
        let mut total = Counts::default();
        let mut total_per_term = vec![0; terms.len()];
        for row in &rows {
            total.add(&row.counts);
            for (t, n) in total_per_term.iter_mut().zip(&row.per_term) {
                *t += n;
            }
        }
        let mut table = CountTable {
            by,
            terms,
            rows,
            total,
            total_per_term,
            dispersion: Vec::new(),
        };
        table.order(order);
        table
    }

    /// The table with each term's dispersion over the parts `sizes` lists (by document or
    /// year: [`super::dispersion::part_sizes`]).
    pub fn with_dispersion(mut self, sizes: &BTreeMap<String, usize>) -> Self {
        if matches!(self.by, GroupBy::Doc | GroupBy::Year) && !sizes.is_empty() {
            self.dispersion = self.dispersion_over(sizes);
        }
        self
    }

    /// Orders the rows; groups without a value stay last.
    fn order(&mut self, order: RowOrder) {
        let by = self.by;
        self.rows.sort_by(|a, b| {
            let unnamed = a.key.is_none().cmp(&b.key.is_none());
            let then = match (order, by) {
                (RowOrder::Count, _) => b.counts.occurrences.cmp(&a.counts.occurrences),
                (RowOrder::Date, GroupBy::Doc) => {
                    let date = |r: &CountRow<'_>| r.document.and_then(|d| d.meta.date);
                    date(b).cmp(&date(a))
                }
                (RowOrder::Date, _) => std::cmp::Ordering::Equal,
            };
            unnamed.then(then).then(a.key.cmp(&b.key))
        });
    }

    /// True when nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.total.documents == 0
    }
}

/// Running totals of one term (or of all) over mentions handed out document by
/// document: occurrences, distinct passages, documents, and occurrences per alias.
#[derive(Debug, Clone, Default)]
pub struct RunningTotals {
    pub counts: Counts,
    pub per_variant: Vec<usize>,
}

impl RunningTotals {
    /// Adds the mentions of one document (in passage order, so distinct passages are
    /// changes of passage).
    fn add<'m>(&mut self, mentions: impl Iterator<Item = &'m Mention>) {
        let mut last_passage = None;
        let mut any = false;
        for m in mentions {
            any = true;
            self.counts.occurrences += 1;
            if last_passage != Some(m.passage) {
                self.counts.passages += 1;
                last_passage = Some(m.passage);
            }
            if let Some(n) = self.per_variant.get_mut(m.alias) {
                *n += 1;
            }
        }
        self.counts.documents += usize::from(any);
    }
}

/// Per-term and combined totals of a stream of mentions, kept as documents go by: a
/// concordance of a common character prints half a million mentions and keeps none.
#[derive(Debug, Clone)]
pub struct StreamTotals {
    pub per_term: Vec<RunningTotals>,
    pub all: RunningTotals,
}

impl StreamTotals {
    /// Totals for `entities`, all zero.
    pub fn new(entities: &[Entity]) -> StreamTotals {
        StreamTotals {
            per_term: entities
                .iter()
                .map(|e| RunningTotals {
                    per_variant: vec![0; e.variants.len()],
                    ..RunningTotals::default()
                })
                .collect(),
            all: RunningTotals::default(),
        }
    }

    /// Adds one document's mentions.
    pub fn add_document(&mut self, mentions: &[Mention]) {
        for (entity, term) in self.per_term.iter_mut().enumerate() {
            term.add(mentions.iter().filter(|m| m.entity == entity));
        }
        // The combined tally has no aliases to count.
        self.all.add(mentions.iter());
    }
}
