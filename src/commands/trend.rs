//! `gongwen trend`: per-period counts of each phrase as a table, JSON or CSV, and
//! optionally an SVG line chart.

use std::io::Write;
use std::path::Path;

use crate::cli::PeriodArg;
use crate::error::{Error, Result};
use crate::indexer::IndexHandle;
use crate::output;
use crate::search::Filters;
use crate::search::aliases::Entity;
use crate::search::trend::{self, PeriodKind};

/// How the trend is printed.
pub enum Format {
    Table,
    Json,
    Csv,
}

impl Format {
    pub fn new(json: bool, csv: bool) -> Format {
        match (json, csv) {
            (true, _) => Format::Json,
            (_, true) => Format::Csv,
            _ => Format::Table,
        }
    }
}

pub fn run(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    by: PeriodArg,
    format: Format,
    svg: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32> {
    let kind = match by {
        PeriodArg::Year => PeriodKind::Year,
        PeriodArg::Month => PeriodKind::Month,
    };
    let result = trend::trend(handle, entities, filters, kind)?;
    if let Some(path) = svg {
        let chart = output::trend_svg(&result).map_err(|message| Error::Metadata {
            path: path.to_path_buf(),
            message,
        })?;
        std::fs::write(path, chart).map_err(|e| Error::io(path, e))?;
    }
    let written = match format {
        Format::Table => output::trend_table(out, &result),
        Format::Json => output::trend_json(out, &result),
        Format::Csv => output::trend_csv(out, &result),
    };
    written.map_err(|e| Error::io("<stdout>", e))?;
    let any = result
        .rows
        .iter()
        .any(|r| r.terms.iter().any(|t| t.occurrences > 0));
    Ok(if any { 0 } else { 1 })
}
