//! Facets: how the documents a search matches spread over speakers, issuing bodies,
//! kinds of document, source folders and years — counted over every matching document,
//! not only those shown.

use std::collections::HashMap;

use serde::Serialize;

use crate::catalog::IndexHandle;
use crate::error::Result;

/// Values shown per facet, commonest first.
pub const FACET_VALUES: usize = 12;

/// One value of a facet and the matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub documents: usize,
}

/// The facets of a set of documents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub speaker: Vec<FacetValue>,
    pub body: Vec<FacetValue>,
    pub doc_type: Vec<FacetValue>,
    /// The corpus folder a document's file is in (`.` for the corpus itself).
    pub folder: Vec<FacetValue>,
    /// Matching documents per year, in year order (every year from the first to the
    /// last, zeros included, so a histogram has no holes); undated ones apart.
    pub years: Vec<(i32, usize)>,
    pub undated: usize,
}

/// The facets of the documents `ids`.
pub fn facets(handle: &IndexHandle, ids: &[u64]) -> Result<Facets> {
    let mut speaker: HashMap<String, usize> = HashMap::new();
    let mut body: HashMap<String, usize> = HashMap::new();
    let mut doc_type: HashMap<String, usize> = HashMap::new();
    let mut folder: HashMap<String, usize> = HashMap::new();
    let mut years: HashMap<i32, usize> = HashMap::new();
    let mut undated = 0;
    for &id in ids {
        let doc = handle.catalog.record(id)?;
        let meta = &doc.meta;
        for (map, value) in [
            (&mut speaker, &meta.speaker),
            (&mut body, &meta.body),
            (&mut doc_type, &meta.doc_type),
        ] {
            if let Some(v) = value {
                *map.entry(v.clone()).or_default() += 1;
            }
        }
        let dir = doc.path.rsplit_once('/').map_or(".", |(dir, _)| dir);
        *folder.entry(dir.to_string()).or_default() += 1;
        match meta.date {
            Some(date) => *years.entry(i32::from(date.year)).or_default() += 1,
            None => undated += 1,
        }
    }
    let years = match (years.keys().min(), years.keys().max()) {
        (Some(&first), Some(&last)) => (first..=last)
            .map(|y| (y, years.get(&y).copied().unwrap_or(0)))
            .collect(),
        _ => Vec::new(),
    };
    Ok(Facets {
        speaker: commonest(speaker),
        body: commonest(body),
        doc_type: commonest(doc_type),
        folder: commonest(folder),
        years,
        undated,
    })
}

fn commonest(counts: HashMap<String, usize>) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, documents)| FacetValue { value, documents })
        .collect();
    values.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then_with(|| a.value.cmp(&b.value))
    });
    values.truncate(FACET_VALUES);
    values
}
