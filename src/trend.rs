//! Trends: how often each term occurs per year (or month), in absolute numbers and per
//! 10,000 characters of the text of that period, so that years with more text do not
//! dominate. Built on [`mentions`](super::mentions): the counts are the same exact counts.
//!
//! Every period between the first and the last dated document is a row: with text and no
//! mention it shows 0, without text it is marked as having none. Undated documents form
//! an `undated` row; they are never dropped.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::Result;
use crate::mentions::occurrences;
use crate::search::Filters;
use crate::search::aliases::Entity;

/// Width of the periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Month,
}

named_values!(PeriodKind { "year" => Year, "month" => Month });

/// One period. Ordered by time; a document dated only to a year, in a month trend, goes
/// to the year's own row (month `None`) before its months; `Undated` comes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Dated { year: u16, month: Option<u8> },
    Undated,
}

impl Period {
    fn of(doc: &DocumentRecord, kind: PeriodKind) -> Period {
        match doc.meta.date {
            None => Period::Undated,
            Some(d) => Period::Dated {
                year: d.year,
                month: if kind == PeriodKind::Month {
                    d.month
                } else {
                    None
                },
            },
        }
    }

    /// `2021`, `2021-02`, `2021-??` (month unknown, in a month trend) or `undated`.
    pub fn label(&self, kind: PeriodKind) -> String {
        match (self, kind) {
            (Period::Undated, _) => "undated".to_string(),
            (
                Period::Dated {
                    year,
                    month: Some(m),
                },
                _,
            ) => format!("{year}-{m:02}"),
            (Period::Dated { year, month: None }, PeriodKind::Month) => format!("{year}-??"),
            (Period::Dated { year, month: None }, PeriodKind::Year) => year.to_string(),
        }
    }
}

/// Counts of one term in one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TermCount {
    pub occurrences: usize,
    pub documents: usize,
    /// Occurrences per 10,000 characters of the period's text; `None` without text.
    pub per_10k: Option<f64>,
}

/// One row of a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    pub period: String,
    /// Characters of text in the period's documents (after filters).
    pub chars: usize,
    pub documents: usize,
    /// One count per term, in the order the terms were given.
    pub terms: Vec<TermCount>,
}

/// A whole trend: the term names and one row per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub terms: Vec<String>,
    pub rows: Vec<TrendRow>,
}

/// Computes the trend of each entity over the documents admitted by `filters`.
pub fn trend(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    kind: PeriodKind,
) -> Result<Trend> {
    // Text per period, from the catalog.
    let mut text: BTreeMap<Period, (usize, usize)> = BTreeMap::new();
    for doc in handle
        .catalog
        .documents()?
        .iter()
        .filter(|d| filters.admits(d) && d.chars > 0)
    {
        let entry = text.entry(Period::of(doc, kind)).or_default();
        entry.0 += doc.chars;
        entry.1 += 1;
    }
    let mut periods: BTreeSet<Period> = text.keys().copied().collect();
    let dated: Vec<(u16, Option<u8>)> = periods
        .iter()
        .filter_map(|p| match p {
            Period::Dated { year, month } => Some((*year, *month)),
            Period::Undated => None,
        })
        .collect();
    if let (Some(first), Some(last)) = (dated.first(), dated.last()) {
        for year in first.0..=last.0 {
            match kind {
                PeriodKind::Year => {
                    periods.insert(Period::Dated { year, month: None });
                }
                PeriodKind::Month => {
                    let from = if year == first.0 {
                        first.1.unwrap_or(1)
                    } else {
                        1
                    };
                    let to = if year == last.0 {
                        last.1.unwrap_or(12)
                    } else {
                        12
                    };
                    for month in from..=to {
                        periods.insert(Period::Dated {
                            year,
                            month: Some(month),
                        });
                    }
                }
            }
        }
    }
    let mut counts: Vec<BTreeMap<Period, (usize, BTreeSet<u64>)>> = Vec::new();
    for entity in entities {
        let mut per_period: BTreeMap<Period, (usize, BTreeSet<u64>)> = BTreeMap::new();
        for c in occurrences(handle, std::slice::from_ref(entity), filters)? {
            let entry = per_period.entry(Period::of(&c.document, kind)).or_default();
            entry.0 += c.occurrences;
            entry.1.insert(c.document.id);
        }
        counts.push(per_period);
    }
    let rows = periods
        .into_iter()
        .map(|period| {
            let (chars, documents) = text.get(&period).copied().unwrap_or_default();
            let terms = counts
                .iter()
                .map(|c| {
                    let (occurrences, docs) = c
                        .get(&period)
                        .map(|(o, d)| (*o, d.len()))
                        .unwrap_or_default();
                    TermCount {
                        occurrences,
                        documents: docs,
                        per_10k: (chars > 0).then(|| occurrences as f64 * 10_000.0 / chars as f64),
                    }
                })
                .collect();
            TrendRow {
                period: period.label(kind),
                chars,
                documents,
                terms,
            }
        })
        .collect();
    Ok(Trend {
        terms: entities.iter().map(|e| e.name.clone()).collect(),
        rows,
    })
}
