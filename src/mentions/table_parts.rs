//! Count tables over the shards of a corpus (`mentions --by … --part`, then `--sum`):
//! each shard's rows with its part sizes (the characters of each year or document its
//! filters admit), summed into the table one index of the whole corpus gives — rows
//! added group by group (a document is in one shard, so passages and documents add up),
//! ordered as the single command orders them, with the dispersion of each term over the
//! summed parts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::counts::{CountRow, CountTable, Counts, GroupBy, RowOrder};
use crate::catalog::{DocumentRecord, PortableRecord};
use crate::error::{Error, Result};

/// One shard's count table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TablePart {
    pub terms: Vec<String>,
    pub rows: Vec<PartRow>,
    /// Each part's characters (by year or document; empty otherwise): for dispersion.
    pub sizes: BTreeMap<String, usize>,
}

/// A row of a shard's table; by document, with the document's record (its date and
/// title are printed).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartRow {
    pub key: Option<String>,
    pub counts: Counts,
    pub per_term: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<PortableRecord>,
}

impl TablePart {
    pub fn of(table: &CountTable<'_>, sizes: BTreeMap<String, usize>) -> TablePart {
        TablePart {
            terms: table.terms.clone(),
            rows: table
                .rows
                .iter()
                .map(|r| PartRow {
                    key: r.key.clone(),
                    counts: r.counts.clone(),
                    per_term: r.per_term.clone(),
                    document: r.document.map(|d| d.clone().into()),
                })
                .collect(),
            sizes,
        }
    }
}

/// The shards' rows summed, with the documents they name (owned here: a table borrows
/// them) and the summed part sizes.
#[derive(Debug, Default)]
pub struct SummedTable {
    terms: Vec<String>,
    rows: BTreeMap<Option<String>, (Counts, Vec<usize>, Option<usize>)>,
    documents: Vec<DocumentRecord>,
    sizes: BTreeMap<String, usize>,
}

impl SummedTable {
    /// The parts' rows added group by group; the parts must count the same terms.
    pub fn sum(parts: Vec<TablePart>) -> Result<SummedTable> {
        let mut sum = SummedTable::default();
        for (n, part) in parts.into_iter().enumerate() {
            if n == 0 {
                sum.terms = part.terms.clone();
            } else if part.terms != sum.terms {
                return Err(Error::query(
                    &part.terms.join(" "),
                    format!(
                        "the shards counted other terms than {}",
                        sum.terms.join(" ")
                    ),
                ));
            }
            for (part, size) in part.sizes {
                *sum.sizes.entry(part).or_default() += size;
            }
            for row in part.rows {
                let document = row.document.map(|d| {
                    sum.documents.push(d.into());
                    sum.documents.len() - 1
                });
                let width = sum.terms.len();
                let into = sum
                    .rows
                    .entry(row.key)
                    .or_insert_with(|| (Counts::default(), vec![0; width], None));
                into.0.add(&row.counts);
                for (a, b) in into.1.iter_mut().zip(row.per_term) {
                    *a += b;
                }
                into.2 = into.2.or(document);
            }
        }
        Ok(sum)
    }

    /// The summed table `by` its groups, rows in `order`, with each term's dispersion.
    pub fn table(&self, by: GroupBy, order: RowOrder) -> CountTable<'_> {
        let rows = self
            .rows
            .iter()
            .map(|(key, (counts, per_term, document))| CountRow {
                key: key.clone(),
                document: document.map(|d| &self.documents[d]),
                counts: counts.clone(),
                per_term: per_term.clone(),
            })
            .collect();
        CountTable::from_rows(by, self.terms.clone(), rows, order).with_dispersion(&self.sizes)
    }
}
