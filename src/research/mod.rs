//! Research over the corpus beyond search: what a set of documents says more than
//! another (keywords), what it says first (new formulations), what goes with a term
//! (collocates) and how a term travels between groups (spread), from the index's own
//! counts. Each statistic is exact and names its reference; the printers are in `output::research`.

pub mod collocates;
pub mod frequencies;
pub mod keywords;
pub mod new_sequences;
pub mod new_words;
pub mod province;
pub mod spread;

pub use collocates::{Collocate, Collocates, collocates};
pub use frequencies::{Frequencies, Side, WordCount, word_frequencies};
pub use keywords::{Keyword, KeywordOptions, Keywords, critical_g2, keywords};
pub use new_words::{NewWord, NewWords, new_words};
pub use spread::{FirstUse, GroupField, Spread, SpreadGroup, spread};

use crate::catalog::IndexHandle;
use crate::error::Result;
use crate::search::Filters;

/// The order a first document is chosen in: the earliest last day its date may be (a
/// document dated only `2024` is not known to precede one of 2024-03-05), then the
/// earliest first day; undated last; then the catalog's order.
pub(crate) fn first_document_order(
    handle: &IndexHandle,
    d: &crate::catalog::DocumentRecord,
) -> ((u8, i64, i64), u32) {
    (
        d.meta.date.map_or((1, i64::MAX, i64::MAX), |x| {
            (0, x.last_day(), x.first_day())
        }),
        handle.catalog.rank(d.id),
    )
}

/// The documents `filters` admit, by id.
pub fn side(handle: &IndexHandle, filters: &Filters) -> Result<Side> {
    let docs = handle.catalog.documents()?;
    let ids = docs.iter().map(|d| d.id as usize + 1).max().unwrap_or(0);
    let mut side = vec![false; ids];
    for d in docs.iter().filter(|d| filters.admits(d)) {
        side[d.id as usize] = true;
    }
    Ok(side)
}

/// The keywords of the documents `target` admits against those `reference` admits
/// (without one, every other document of the corpus).
pub fn keywords_of(
    handle: &IndexHandle,
    target: &Filters,
    reference: Option<&Filters>,
    options: &KeywordOptions,
) -> Result<Keywords> {
    let frequencies = keyword_frequencies(handle, target, reference)?;
    Ok(keywords(&frequencies, options))
}

/// The word frequencies keywords are computed from: of the documents `target` admits
/// and of those `reference` admits (without one, every other document). On a shard, its
/// part of the corpus's (`keywords --part`): every document is in one shard, so the
/// shards' frequencies sum to the corpus's.
pub fn keyword_frequencies(
    handle: &IndexHandle,
    target: &Filters,
    reference: Option<&Filters>,
) -> Result<Frequencies> {
    let a = side(handle, target)?;
    let b = match reference {
        Some(filters) => side(handle, filters)?,
        None => {
            let all = side(handle, &Filters::default())?;
            all.iter().zip(&a).map(|(&x, &t)| x && !t).collect()
        }
    };
    word_frequencies(handle, [&a, &b])
}
