//! `gongwen docs`: every indexed document with its metadata.

use std::io::Write;

use super::{open_or_build, stdout_error};
use crate::config::DocsConfig;
use crate::error::Result;
use crate::output;

/// Lists the documents, or only those lacking the field asked for.
pub fn run(config: &DocsConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let docs: Vec<_> = handle
        .catalog
        .documents()?
        .iter()
        .filter(|d| config.missing.is_none_or(|field| d.meta.is_missing(field)))
        .filter(|d| config.filters.admits(d))
        .map(|d| &**d)
        .collect();
    if config.json {
        output::docs_json(out, &docs)
    } else {
        output::docs_human(out, &docs)
    }
    .map_err(stdout_error)?;
    Ok(if docs.is_empty() { 1 } else { 0 })
}
