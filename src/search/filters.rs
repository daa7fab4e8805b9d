//! Filters: speaker, body, dates and any metadata field, both as index-side clauses and
//! as a check of a catalogued document, with one meaning.

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery, RangeQuery};
use tantivy::{Searcher, Term};

use super::collect::DocumentIds;
use super::plan::{exact_query, unscored};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::document::DocDate;
use crate::error::{Error, Result};

/// Filters given on the command line; they combine with those in the query text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub from: Option<DocDate>,
    pub to: Option<DocDate>,
    /// Other metadata fields (`doc_type`, `level`, any manifest field) whose value must
    /// contain the given text.
    pub fields: Vec<(String, String)>,
}

impl Filters {
    /// These filters with `other`'s added: both must hold. A speaker or body given in
    /// both keeps `other`'s as the indexed filter and checks this one's as a field
    /// (`speaker:李强 --speaker 李克强` admits only a speaker containing both); two date
    /// ranges meet (the later start, the earlier end).
    pub fn and(&self, other: &Filters) -> Filters {
        let mut fields = self.fields.clone();
        fields.extend(other.fields.iter().cloned());
        let mut both =
            |name: &str, mine: &Option<String>, theirs: &Option<String>| match (mine, theirs) {
                (Some(m), Some(t)) => {
                    if crate::text::fold_str(m) != crate::text::fold_str(t) {
                        fields.push((name.to_string(), m.clone()));
                    }
                    Some(t.clone())
                }
                _ => theirs.clone().or_else(|| mine.clone()),
            };
        let speaker = both("speaker", &self.speaker, &other.speaker);
        let body = both("body", &self.body, &other.body);
        let later = |a: Option<DocDate>, b: Option<DocDate>| match (a, b) {
            (Some(a), Some(b)) => Some(if a.first_day() >= b.first_day() { a } else { b }),
            _ => a.or(b),
        };
        let earlier = |a: Option<DocDate>, b: Option<DocDate>| match (a, b) {
            (Some(a), Some(b)) => Some(if a.last_day() <= b.last_day() { a } else { b }),
            _ => a.or(b),
        };
        Filters {
            speaker,
            body,
            from: later(self.from, other.from),
            to: earlier(self.to, other.to),
            fields,
        }
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.speaker.is_none()
            && self.body.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.fields.is_empty()
    }

    /// The documents these filters admit, in words: `every document` when there are none.
    pub fn describe_set(&self) -> String {
        match self.is_empty() {
            true => "every document".to_string(),
            false => self.describe(),
        }
    }

    /// The filters in words, for messages: `speaker 龚 正, from 2020`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.speaker.as_ref().map(|s| format!("speaker {s}")));
        parts.extend(self.body.as_ref().map(|b| format!("body {b}")));
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => parts.push(format!("dated {a}")),
            (a, b) => {
                parts.extend(a.map(|a| format!("from {a}")));
                parts.extend(b.map(|b| format!("to {b}")));
            }
        }
        parts.extend(self.fields.iter().map(|(k, v)| format!("{k} {v}")));
        parts.join(", ")
    }

    /// Whether a catalogued document passes these filters, with the same meaning as the
    /// index-side filters: speaker and body contain the text (after folding), the date
    /// range overlaps the document's, undated documents fail any date filter.
    pub fn admits(&self, doc: &DocumentRecord) -> bool {
        let contains = |value: &Option<String>, wanted: &Option<String>| match wanted {
            None => true,
            Some(w) => value.as_ref().is_some_and(|v| {
                crate::text::fold_str(v).contains(
                    &crate::text::literal::needle(w)
                        .into_iter()
                        .collect::<String>(),
                )
            }),
        };
        let dated = |bound: Option<DocDate>, check: &dyn Fn(DocDate, DocDate) -> bool| match bound {
            None => true,
            Some(b) => doc.meta.date.is_some_and(|d| check(d, b)),
        };
        has_fields(doc, &self.fields)
            && contains(&doc.meta.speaker, &self.speaker)
            && contains(&doc.meta.body, &self.body)
            && dated(self.from, &|d, from| d.last_day() >= from.first_day())
            && dated(self.to, &|d, to| d.first_day() <= to.last_day())
    }
}

impl Filters {
    /// Refuses a field filter naming a field no document has (`foo:bar` would silently
    /// match nothing), with the fields there are.
    pub fn check_fields(&self, handle: &IndexHandle) -> Result<()> {
        check_field_names(handle, self.fields.iter().map(|(k, _)| k.as_str()))
    }
}

/// Refuses a field name no document has (a filter's, or what `spread --by` groups by),
/// with the fields there are.
pub fn check_field_names<'a>(
    handle: &IndexHandle,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    use crate::document::metadata::fields::{FIELDS, field};
    let own = |k: &str| field(k).is_some() || matches!(k, "path" | "encoding");
    let mut unknown: Vec<&str> = names.into_iter().filter(|k| !own(k)).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let docs = handle.catalog.documents()?;
    for d in docs {
        unknown.retain(|k| d.meta.extra.get(k).is_none());
        if unknown.is_empty() {
            return Ok(());
        }
    }
    let mut known: std::collections::BTreeSet<String> = FIELDS
        .iter()
        .map(|f| f.name.to_string())
        .chain(["path".to_string(), "encoding".to_string()])
        .collect();
    for d in docs {
        known.extend(d.meta.extra.iter().map(|(k, _)| k.clone()));
    }
    let name = unknown[0];
    Err(Error::query(
        &format!("{name}:"),
        format!(
            "no document has a field {name}; the fields are {}",
            known.into_iter().collect::<Vec<_>>().join(", ")
        ),
    ))
}

/// Whether every named field of `doc` contains the given text (after folding).
fn has_fields(doc: &DocumentRecord, fields: &[(String, String)]) -> bool {
    fields.iter().all(|(k, v)| {
        let wanted = crate::text::fold_str(v.trim());
        doc.field(k)
            .is_some_and(|x| crate::text::fold_str(&x).contains(&wanted))
    })
}

/// Ids of the documents whose every named field contains the given text (after folding).
/// Metadata is per document, so this reads the catalog, not the index.
pub(crate) fn documents_with_fields(
    handle: &IndexHandle,
    fields: &[(String, String)],
) -> Result<HashSet<u64>> {
    Ok(handle
        .catalog
        .documents()?
        .iter()
        .filter(|d| has_fields(d, fields))
        .map(|d| d.id)
        .collect())
}

/// The documents a speaker or body filter admits, or `None` without such a filter.
/// Speaker and body are indexed on each document's first passage only (repeating them
/// on every passage cost a tenth of the indexing work), so they select documents, and
/// the passages of other documents are dropped by id.
pub fn filtered_documents(
    handle: &IndexHandle,
    searcher: &Searcher,
    filters: &Filters,
) -> Result<Option<HashSet<u64>>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for (field, value) in [(f.speaker, &filters.speaker), (f.body, &filters.body)] {
        if let Some(v) = value {
            let q = exact_query(field, v).ok_or_else(|| Error::query(v, "empty filter value"))?;
            clauses.push((Occur::Must, q));
        }
    }
    if clauses.is_empty() {
        return Ok(None);
    }
    let found = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    let ids = DocumentIds::new(searcher).map_err(|e| Error::tantivy(&handle.path, e))?;
    Ok(Some(found.into_iter().filter_map(|a| ids.of(a)).collect()))
}

/// Unscored `Must` clauses for the date filters (speaker and body: see
/// [`filtered_documents`]).
pub fn filter_clauses(
    handle: &IndexHandle,
    filters: &Filters,
) -> Result<Vec<(Occur, Box<dyn TantivyQuery>)>> {
    let f = handle.fields;
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    if let (Some(a), Some(b)) = (filters.from, filters.to)
        && a.first_day() > b.last_day()
    {
        return Err(Error::Filter(format!(
            "the dates from {a} to {b} end before they start"
        )));
    }
    if let Some(from) = filters.from {
        let lower = Term::from_field_i64(f.date_last, from.first_day());
        clauses.push((
            Occur::Must,
            unscored(Box::new(RangeQuery::new(
                Bound::Included(lower),
                Bound::Unbounded,
            ))),
        ));
    }
    if let Some(to) = filters.to {
        let upper = Term::from_field_i64(f.date_first, to.last_day());
        clauses.push((
            Occur::Must,
            unscored(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(upper),
            ))),
        ));
    }
    Ok(clauses)
}
