//! Reuse over the shards of a corpus (`index --shard`): a pair of documents may cross
//! shards, and boilerplate is told by how many documents of the whole corpus hold a
//! passage, so each shard gives the texts of its compared documents with their records
//! and sides (`reuse --gather`), and the comparison runs over all of them together
//! (`reuse --sum FILE…`): the same texts in the same (path, section) order as one index
//! of the whole corpus compares, hence the same pairs, passages and shares.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::texts::{ComparedText, stored_passages};
use super::{Reuse, ReuseOptions, ReuseProgress, TextSet, compare_texts};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::document::metadata::Extras;
use crate::error::Result;
use crate::research::side;
use crate::search::Filters;

/// One compared document of a shard: its record, its sides, its body passages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GatheredText {
    /// The record without its manifest extras (a record's metadata is read through a
    /// buffer that its extras' lazy reader cannot take): they are `extra`.
    pub record: DocumentRecord,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
    pub first: bool,
    pub second: bool,
    /// Body passages (ordinal, text), in order.
    pub passages: Vec<(u64, String)>,
}

/// The documents of this index that `first` or `second` admit, with their texts, in
/// (path, section) order.
pub fn gather_texts(
    handle: &IndexHandle,
    first: &Filters,
    second: Option<&Filters>,
) -> Result<Vec<GatheredText>> {
    let in_first = side(handle, first)?;
    let in_second = second.map(|s| side(handle, s)).transpose()?;
    let is = |sides: Option<&Vec<bool>>, id: u64| {
        sides.is_some_and(|s| s.get(id as usize) == Some(&true))
    };
    let wanted: Vec<bool> = (0..in_first.len())
        .map(|i| in_first[i] || is(in_second.as_ref(), i as u64))
        .collect();
    let mut gathered = Vec::new();
    for (id, mut passages) in stored_passages(handle, &wanted)? {
        passages.sort_by_key(|p| p.0);
        let mut record = DocumentRecord::clone(handle.catalog.record(id)?);
        let extra = std::mem::take(&mut record.meta.extra);
        gathered.push(GatheredText {
            record,
            extra: extra.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            first: is(Some(&in_first), id),
            second: is(in_second.as_ref(), id),
            passages,
        });
    }
    gathered.sort_by(|a, b| order(a).cmp(&order(b)));
    Ok(gathered)
}

fn order(text: &GatheredText) -> (&str, usize) {
    (&text.record.path, text.record.section)
}

/// The reuse among the texts every shard gathered (pairs within the first side unless
/// `two_sets`), as one index of all of them finds it.
pub fn reuse_gathered(
    parts: Vec<Vec<GatheredText>>,
    two_sets: bool,
    options: &ReuseOptions,
    progress: ReuseProgress<'_>,
) -> Reuse {
    let mut all: Vec<GatheredText> = parts.into_iter().flatten().collect();
    all.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut set = TextSet {
        texts: Vec::with_capacity(all.len()),
        records: Vec::with_capacity(all.len()),
        first: Vec::with_capacity(all.len()),
        second: two_sets.then(Vec::new),
    };
    for mut text in all {
        text.record.meta.extra = Extras::from(text.extra);
        set.texts
            .push(ComparedText::new(text.record.id, text.passages));
        set.first.push(text.first);
        if let Some(second) = &mut set.second {
            second.push(text.second);
        }
        set.records.push(Arc::new(text.record));
    }
    compare_texts(set, options, progress)
}
