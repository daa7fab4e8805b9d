//! `gongwen keywords`: the words a target set of documents uses more, or less, than a
//! reference set, with G², Log Ratio, %DIFF, BIC and simple maths (of one index, or from
//! the word frequencies of every shard of a corpus, summed); `gongwen new`: the
//! words a slice uses first; `gongwen collocates`: the words around a term.

use std::io::Write;

use super::{open_or_build, stdout_error};
use crate::config::{CollocatesConfig, KeywordsConfig, NewWordsConfig, ShardStep, TableStyle};
use crate::error::Result;
use crate::output::research;
use crate::parts::{read_parts, write_part};
use crate::research::{Frequencies, collocates, keyword_frequencies, keywords, new_words};

pub fn run(config: &KeywordsConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let of = format!(
        "keyword frequencies of {} against {}",
        config.target.describe_set(),
        config
            .reference
            .as_ref()
            .map_or("the rest".to_string(), |r| r.describe_set())
    );
    let frequencies = match &config.step {
        ShardStep::Sum(files) => Frequencies::sum(read_parts(files, &of)?),
        step => {
            let handle = open_or_build(&config.location, err)?;
            config.target.check_fields(&handle)?;
            if let Some(reference) = &config.reference {
                reference.check_fields(&handle)?;
            }
            let frequencies =
                keyword_frequencies(&handle, &config.target, config.reference.as_ref())?;
            if let ShardStep::Part(_) = step {
                write_part(out, &of, &frequencies).map_err(stdout_error)?;
                return Ok(0);
            }
            frequencies
        }
    };
    let found = keywords(&frequencies, &config.options);
    let limit = config.limit.unwrap_or(usize::MAX);
    match config.style {
        TableStyle::Terminal => research::keywords_table(out, &found, limit, &config.said),
        TableStyle::Json => research::keywords_json(out, &found, limit),
        TableStyle::Csv => research::keywords_csv(out, &found, limit),
    }
    .map_err(stdout_error)?;
    Ok(if found.positive.is_empty() && found.negative.is_empty() {
        1
    } else {
        0
    })
}

pub fn run_new(config: &NewWordsConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.slice.check_fields(&handle)?;
    if let Some(comparison) = &config.comparison {
        comparison.check_fields(&handle)?;
    }
    let found = new_words(
        &handle,
        &config.slice,
        config.comparison.as_ref(),
        config.min_occurrences,
        config.limit,
    )?;
    match config.style {
        TableStyle::Terminal => research::new_words_table(out, &found, &config.said),
        TableStyle::Json => research::new_words_json(out, &found),
        TableStyle::Csv => research::new_words_csv(out, &found),
    }
    .map_err(stdout_error)?;
    Ok(if found.words.is_empty() { 1 } else { 0 })
}

pub fn run_collocates(
    config: &CollocatesConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let node = super::aliases(&config.aliases, &handle)?.entity(&config.term);
    let found = collocates(
        &handle,
        &node,
        &config.filters,
        config.window,
        config.min_joint,
    )?;
    let said = format!("{} ±{} words", node.name, config.window);
    match config.style {
        TableStyle::Terminal => research::collocates_table(out, &found, config.limit, &said),
        TableStyle::Json => research::collocates_json(out, &found, config.limit),
        TableStyle::Csv => research::collocates_csv(out, &found, config.limit),
    }
    .map_err(stdout_error)?;
    Ok(if found.collocates.is_empty() { 1 } else { 0 })
}
