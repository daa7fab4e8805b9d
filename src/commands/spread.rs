//! `gongwen spread`: how a term travelled between groups of documents, as a table, JSON
//! or CSV, and optionally the diffusion chart (SVG, PNG).

use std::io::Write;

use super::{aliases, open_or_build, stdout_error};
use crate::config::{SpreadConfig, TableStyle};
use crate::error::Result;
use crate::output::spread as printed;
use crate::research::{GroupField, spread};
use crate::search::check_field_names;

pub fn run(config: &SpreadConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    if let GroupField::Field(name) = &config.by {
        check_field_names(&handle, [name.as_str()])?;
    }
    let entity = aliases(&config.aliases, &handle)?.entity(&config.term);
    let found = spread(
        &handle,
        &entity,
        &config.filters,
        &config.by,
        config.from.as_deref(),
    )?;
    super::write_chart(
        || Ok(printed::spread_svg(&found, Some(&config.said))),
        config.svg.as_deref(),
        config.png.as_deref(),
    )?;
    match config.style {
        TableStyle::Terminal => printed::spread_table(out, &found, &config.said),
        TableStyle::Json => printed::spread_json(out, &found),
        TableStyle::Csv => printed::spread_csv(out, &found),
    }
    .map_err(stdout_error)?;
    Ok(if found.users().next().is_some() { 0 } else { 1 })
}
