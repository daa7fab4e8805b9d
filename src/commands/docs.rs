//! `gongwen docs`: every indexed document with its metadata.

use std::io::Write;

use crate::error::{Error, Result};
use crate::indexer::IndexHandle;
use crate::output;

/// Lists the documents, or with `missing` only those lacking that field.
pub fn run(
    handle: &IndexHandle,
    json: bool,
    missing: Option<&str>,
    out: &mut dyn Write,
) -> Result<i32> {
    let docs: Vec<_> = handle
        .catalog
        .documents()?
        .iter()
        .filter(|d| missing.is_none_or(|field| d.meta.is_missing(field)))
        .map(|d| &**d)
        .collect();
    let docs = &docs;
    let written = if json {
        output::docs_json(out, docs)
    } else {
        output::docs_human(out, docs)
    };
    written.map_err(|e| Error::io("<stdout>", e))?;
    Ok(if docs.is_empty() { 1 } else { 0 })
}
