//! `gongwen mentions`: every occurrence of each term, as a concordance, a count table,
//! JSON Lines or CSV.

use std::io::Write;

use crate::cli::{ByArg, ColorArg};
use crate::error::{Error, Result};
use crate::indexer::IndexHandle;
use crate::output::{self, Marker};
use crate::search::Filters;
use crate::search::aliases::Entity;
use crate::search::mentions::{self, GroupBy};

/// How mentions are printed.
pub enum Format {
    Concordance(Marker),
    Table(GroupBy),
    Json,
    Csv,
}

impl Format {
    pub fn new(by: Option<ByArg>, json: bool, csv: bool, color: ColorArg) -> Format {
        match (json, csv, by) {
            (true, _, _) => Format::Json,
            (_, true, _) => Format::Csv,
            (_, _, Some(by)) => Format::Table(match by {
                ByArg::Doc => GroupBy::Doc,
                ByArg::Year => GroupBy::Year,
                ByArg::Speaker => GroupBy::Speaker,
                ByArg::Body => GroupBy::Body,
            }),
            _ => Format::Concordance(if super::use_color(color) {
                Marker::Color
            } else {
                Marker::Brackets
            }),
        }
    }
}

pub fn run(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    format: &Format,
    out: &mut dyn Write,
) -> Result<i32> {
    // Counts need no context: they come per passage, from the index where they can.
    if let Format::Table(by) = format {
        let counts = mentions::occurrences(handle, entities, filters)?;
        output::mentions_table(out, *by, &counts).map_err(|e| Error::io("<stdout>", e))?;
        return Ok(if counts.is_empty() { 1 } else { 0 });
    }
    let found = mentions::mentions(handle, entities, filters)?;
    let written = match format {
        Format::Concordance(marker) => output::mentions_human(out, entities, &found, *marker),
        Format::Table(by) => output::mentions_table(out, *by, &found),
        Format::Json => output::mentions_json(out, &found),
        Format::Csv => output::mentions_csv(out, &found),
    };
    written.map_err(|e| Error::io("<stdout>", e))?;
    Ok(if found.is_empty() { 1 } else { 0 })
}
