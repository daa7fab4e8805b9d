//! `gongwen docs`: every indexed document with its metadata.

use std::io::Write;

use crate::error::{Error, Result};
use crate::indexer::IndexHandle;
use crate::output;

pub fn run(handle: &IndexHandle, json: bool, out: &mut dyn Write) -> Result<i32> {
    let docs = &handle.catalog.documents;
    let written = if json {
        output::docs_json(out, docs)
    } else {
        output::docs_human(out, docs)
    };
    written.map_err(|e| Error::io("<stdout>", e))?;
    Ok(if docs.is_empty() { 1 } else { 0 })
}
