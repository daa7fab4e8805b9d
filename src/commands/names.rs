//! `gongwen names`: the enterprises, government bodies and places the corpus mentions,
//! with their counts.

use std::io::Write;

use super::{open_or_build, stdout_error};
use crate::config::{NamesConfig, TableStyle};
use crate::error::Result;
use crate::mentions::names::names_counted;
use crate::output;

pub fn run(config: &NamesConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let mut found = names_counted(&handle, &config.filters, &config.kinds, config.short_forms)?;
    found.retain(|n| n.occurrences >= config.min_occurrences);
    let all = found.len();
    if let Some(limit) = config.limit {
        found.truncate(limit);
    }
    match config.style {
        TableStyle::Terminal => output::names_table(out, &found, all),
        TableStyle::Json => output::names_json(out, &found),
        TableStyle::Csv => output::names_csv(out, &found),
    }
    .map_err(stdout_error)?;
    Ok(if found.is_empty() { 1 } else { 0 })
}
