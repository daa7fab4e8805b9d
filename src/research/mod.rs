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
    let a = side(handle, target)?;
    let b = match reference {
        Some(filters) => side(handle, filters)?,
        None => {
            let all = side(handle, &Filters::default())?;
            all.iter().zip(&a).map(|(&x, &t)| x && !t).collect()
        }
    };
    let frequencies = word_frequencies(handle, [&a, &b])?;
    Ok(keywords(&frequencies, options))
}
