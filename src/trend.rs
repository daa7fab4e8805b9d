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

impl Trend {
    /// The trend from `lead` periods before the first period with a mention on (the
    /// undated row kept): a term coined in 2023 is not a line squeezed into the last
    /// pixels of a 1921–2026 axis. Without any mention, the whole trend.
    pub fn from_first_mention(&self, lead: usize) -> Trend {
        let dated = |r: &TrendRow| r.period != "undated";
        let Some(first) = self
            .rows
            .iter()
            .position(|r| dated(r) && r.terms.iter().any(|t| t.occurrences > 0))
        else {
            return self.clone();
        };
        let start = first.saturating_sub(lead);
        Trend {
            terms: self.terms.clone(),
            rows: self
                .rows
                .iter()
                .enumerate()
                .filter(|(i, r)| *i >= start || !dated(r))
                .map(|(_, r)| r.clone())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, chars: usize, occurrences: usize) -> TrendRow {
        TrendRow {
            period: period.into(),
            chars,
            documents: usize::from(chars > 0),
            terms: vec![TermCount {
                occurrences,
                documents: usize::from(occurrences > 0),
                per_10k: (chars > 0).then(|| occurrences as f64 * 10_000.0 / chars as f64),
            }],
        }
    }

    #[test]
    fn a_trend_starts_shortly_before_its_first_mention_and_keeps_the_undated() {
        let trend = Trend {
            terms: vec!["新质生产力".into()],
            rows: vec![
                row("1921", 7330, 0),
                row("1922", 0, 0),
                row("2021", 100, 0),
                row("2022", 100, 0),
                row("2023", 100, 0),
                row("2024", 100, 6),
                row("2025", 100, 2),
                row("undated", 50, 0),
            ],
        };
        let shown = trend.from_first_mention(2);
        let periods: Vec<&str> = shown.rows.iter().map(|r| r.period.as_str()).collect();
        assert_eq!(periods, ["2022", "2023", "2024", "2025", "undated"]);
        // No mention at all: the whole trend, nothing to start from.
        let none = Trend {
            terms: trend.terms.clone(),
            rows: vec![row("1921", 10, 0), row("2024", 10, 0)],
        };
        assert_eq!(none.from_first_mention(2), none);
        // A first mention in the first period: from it.
        let early = Trend {
            terms: trend.terms.clone(),
            rows: vec![row("1921", 10, 1), row("2024", 10, 0)],
        };
        assert_eq!(early.from_first_mention(2), early);
    }
}
