//! `gongwen names`: the enterprises, government bodies and places the corpus mentions,
//! with their counts — of one index, or summed over the shards of a corpus (gathered
//! candidates, then each shard's counts of them: `parts`).

use std::io::Write;

use super::{open_or_build, stdout_error};
use crate::config::{NamesConfig, ShardStep, TableStyle};
use crate::error::Result;
use crate::mentions::names::{
    NameCounts, ShortForms, name_candidates, name_counts, names_counted, sum_candidates,
};
use crate::output;
use crate::parts::{read_parts, write_part};

pub fn run(config: &NamesConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let (gathered_for, counted_for) = described(config);
    let mut found = match &config.step {
        ShardStep::Sum(files) => NameCounts::sum(read_parts(files, &counted_for)?)?.names(),
        step => {
            let handle = open_or_build(&config.location, err)?;
            config.filters.check_fields(&handle)?;
            let (filters, kinds) = (&config.filters, &config.kinds);
            match step {
                ShardStep::Gather => {
                    let candidates = name_candidates(&handle, filters)?;
                    write_part(out, &gathered_for, &candidates).map_err(stdout_error)?;
                    return Ok(0);
                }
                ShardStep::Part(files) => {
                    let candidates = sum_candidates(read_parts(files, &gathered_for)?);
                    let counts =
                        name_counts(&handle, filters, candidates, kinds, config.short_forms)?;
                    write_part(out, &counted_for, &counts).map_err(stdout_error)?;
                    return Ok(0);
                }
                _ => names_counted(&handle, filters, kinds, config.short_forms)?,
            }
        }
    };
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

/// What the parts of a sharded `names` are for: the candidates gathered under the
/// filters, and the counts of those of the kinds asked, alone or with short forms.
fn described(config: &NamesConfig) -> (String, String) {
    let filters = config.filters.describe_set();
    let kinds: Vec<&str> = config.kinds.iter().map(|k| k.name()).collect();
    let together = match config.short_forms {
        ShortForms::Together => ", with short forms",
        ShortForms::Apart => "",
    };
    (
        format!("names gathered in {filters}"),
        format!(
            "names ({}{together}) counted in {filters}",
            kinds.join(", ")
        ),
    )
}
