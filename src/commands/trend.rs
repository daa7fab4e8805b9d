//! `gongwen trend`: per-period counts of each phrase as a table, JSON or CSV, and
//! optionally a line chart (SVG, PNG).

use std::io::Write;

use super::{aliases, open_or_build, stdout_error};
use crate::config::{TrendConfig, TrendFormat};
use crate::error::Result;
use crate::output;
use crate::search::aliases::Entity;
use crate::trend;

pub fn run(config: &TrendConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let aliases = aliases(&config.aliases, &handle)?;
    let entities: Vec<Entity> = config.terms.iter().map(|t| aliases.entity(t)).collect();
    let result = trend::trend(&handle, &entities, &config.filters, config.period)?;
    super::write_chart(
        || output::trend_svg(&result, None),
        config.svg.as_deref(),
        config.png.as_deref(),
    )?;
    match config.format {
        TrendFormat::Table => output::trend_table(out, &result),
        TrendFormat::Json => output::trend_json(out, &result),
        TrendFormat::Csv => output::trend_csv(out, &result),
    }
    .map_err(stdout_error)?;
    let any = result
        .rows
        .iter()
        .any(|r| r.terms.iter().any(|t| t.occurrences > 0));
    Ok(if any { 0 } else { 1 })
}
