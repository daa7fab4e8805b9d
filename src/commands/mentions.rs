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
    let mut printer: Box<dyn output::MentionPrinter> = match format {
        // Counts need no context: they come per passage, from the index where they can.
        Format::Table(by) => {
            let counts = mentions::occurrences(handle, entities, filters)?;
            output::mentions_table(out, *by, &counts).map_err(|e| Error::io("<stdout>", e))?;
            return Ok(if counts.is_empty() { 1 } else { 0 });
        }
        Format::Concordance(marker) => Box::new(output::Concordance::new(entities, *marker)),
        Format::Json => Box::new(output::JsonLines),
        Format::Csv => Box::new(output::Csv::default()),
    };
    let stdout = |e| Error::io("<stdout>", e);
    let mut found = false;
    mentions::for_each_document(handle, entities, filters, &mut |mentions| {
        found |= !mentions.is_empty();
        printer.document(out, &mentions).map_err(stdout)
    })?;
    printer.finish(out).map_err(stdout)?;
    Ok(if found { 0 } else { 1 })
}
