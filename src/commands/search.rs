//! `gongwen search`: one search (aliases expanded), by document or by passage, one
//! printer.

use std::io::Write;

use super::{aliases, open_or_build, stdout_error};
use crate::config::{Ranking, SearchConfig, SearchFormat};
use crate::error::Result;
use crate::output;
use crate::search;
use crate::search::statistics::ShardStatistics;

pub fn run(mut config: SearchConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config
        .filters
        .and(&config.query.filters)
        .check_fields(&handle)?;
    let before = config.query.clone();
    aliases(&config.aliases, &handle)?.expand(&mut config.query);
    if config.query != before {
        config.text = format!("{} (with aliases)", config.query.describe());
    }
    if !config.filters.is_empty() {
        // A zero-hit line must say the filters too, not only the phrase.
        config.text = format!("{} with {}", config.text, config.filters.describe());
    }
    let shards = match &config.ranking {
        Ranking::Own => None,
        Ranking::Print => {
            let statistics = ShardStatistics::of(&handle, &config.query, &config.filters)?;
            serde_json::to_writer(&mut *out, &statistics)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .map_err(stdout_error)?;
            return Ok(0);
        }
        Ranking::Shards(files) => Some(ShardStatistics::sum_of(
            files,
            &config.query,
            &config.filters,
        )?),
    };
    if config.passages {
        let results = search::search_passages(
            &handle,
            &config.query,
            &config.filters,
            config.sort,
            config.limit,
        )?;
        match config.format {
            SearchFormat::Json => output::passages_json(out, &results),
            SearchFormat::Human(marker) => {
                output::passages_human(out, &config.text, &results, marker)
            }
        }
        .map_err(stdout_error)?;
        return Ok(if results.passages > 0 { 0 } else { 1 });
    }
    let results = search::search_ranked(
        &handle,
        (&config.query, &config.filters),
        config.sort,
        0..config.limit,
        shards.as_ref(),
    )?;
    match config.format {
        SearchFormat::Json => output::search_json(out, &results),
        SearchFormat::Human(marker) => output::search_human(out, &config.text, &results, marker),
    }
    .map_err(stdout_error)?;
    Ok(if results.documents > 0 { 0 } else { 1 })
}
