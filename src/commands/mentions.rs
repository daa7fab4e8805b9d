//! `gongwen mentions`: every occurrence of each term, as a concordance, a count table,
//! JSON Lines or CSV; a count table of one shard (`--part`) or summed over every shard's
//! (`--sum`).

use std::io::Write;

use super::{aliases, open_or_build, stdout_error};
use crate::config::{MentionsConfig, MentionsFormat, ShardStep, TableStyle};
use crate::error::Result;
use crate::mentions::counts::StreamTotals;
use crate::mentions::counts::{CountTable, GroupBy, RowOrder};
use crate::mentions::dispersion::part_sizes_of;
use crate::mentions::near::near;
use crate::mentions::sort::sort_by_context;
use crate::mentions::table_parts::{SummedTable, TablePart};
use crate::mentions::variants::{leave_out, variants};
use crate::mentions::{self};
use crate::output;
use crate::parts::{read_parts, write_part};
use crate::search::aliases::Entity;

pub fn run(config: &MentionsConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    if let (
        ShardStep::Sum(files),
        MentionsFormat::Table {
            by,
            order,
            style,
            by_term,
        },
    ) = (&config.step, config.format)
    {
        let summed = SummedTable::sum(read_parts(files, &part_of(config, by))?)?;
        return print_table(config, &summed.table(by, order), by, (style, by_term), out);
    }
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let aliases = aliases(&config.aliases, &handle)?;
    let entities: Vec<Entity> = config.terms.iter().map(|t| aliases.entity(t)).collect();
    let terms: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
    if config.variants {
        let mut found = mentions::mentions(&handle, &entities, &config.filters)?;
        leave_out(&mut found, &config.excluded);
        let variants = variants(&found, &terms);
        match config.format {
            MentionsFormat::Json
            | MentionsFormat::Table {
                style: TableStyle::Json,
                ..
            } => output::variants_json(out, &variants),
            _ => output::variants_table(out, &variants),
        }
        .map_err(stdout_error)?;
        return Ok(if found.is_empty() { 1 } else { 0 });
    }
    if config.sort.is_some() || config.near.is_some() {
        return collected(config, &handle, &entities, out);
    }
    let mut printer: Box<dyn output::MentionPrinter> = match config.format {
        MentionsFormat::Table {
            by,
            order,
            style,
            by_term,
        } => {
            let style = (style, by_term);
            return table(config, &handle, &entities, &terms, (by, order, style), out);
        }
        MentionsFormat::Concordance(marker) => {
            Box::new(output::Concordance::new(&entities, marker))
        }
        MentionsFormat::Json => Box::new(output::JsonLines),
        MentionsFormat::Csv => Box::new(output::Csv::default()),
    };
    let mut found = false;
    // Exclusions applied and lines made on the threads that read the text.
    let lines = printer.lines();
    let prepare = |mentions: &mut Vec<_>, bytes: &mut Vec<u8>| {
        leave_out(mentions, &config.excluded);
        if let Some(lines) = &lines {
            lines.write(mentions, bytes);
        }
    };
    let each = &mut |mentions: Vec<_>, bytes: Vec<u8>| {
        found |= !mentions.is_empty();
        match lines {
            Some(_) => printer.document_lines(out, &mentions, &bytes),
            None => printer.document(out, &mentions),
        }
        .map_err(stdout_error)
    };
    mentions::for_each_document_prepared(&handle, &entities, &config.filters, &prepare, each)?;
    printer.finish(out).map_err(stdout_error)?;
    Ok(if found { 0 } else { 1 })
}

/// A count table. Counts come per document from the index where they can; with
/// exclusions (`-中国石油化工`), from the mentions themselves, which know their place.
fn table(
    config: &MentionsConfig,
    handle: &crate::catalog::IndexHandle,
    entities: &[Entity],
    terms: &[String],
    (by, order, style): (GroupBy, RowOrder, (TableStyle, bool)),
    out: &mut dyn Write,
) -> Result<i32> {
    let sizes = part_sizes_of(handle, &config.filters, by)?;
    let counts;
    let found;
    let table = if config.excluded.is_empty() {
        counts = mentions::occurrences(handle, entities, &config.filters)?;
        CountTable::new(&counts, terms, by, order)
    } else {
        let mut all = mentions::mentions(handle, entities, &config.filters)?;
        leave_out(&mut all, &config.excluded);
        found = all;
        CountTable::new(&found, terms, by, order)
    };
    if let ShardStep::Part(_) = config.step {
        let part = TablePart::of(&table, sizes);
        write_part(out, &part_of(config, by), &part).map_err(stdout_error)?;
        return Ok(0);
    }
    print_table(config, &table.with_dispersion(&sizes), by, style, out)
}

/// What a shard's count table is for: the terms, exclusions, grouping and filters.
fn part_of(config: &MentionsConfig, by: GroupBy) -> String {
    let mut of = format!("count table of {} by {by:?}", config.terms.join(" "));
    if !config.excluded.is_empty() {
        of.push_str(&format!(" without {}", config.excluded.join(" ")));
    }
    if !config.filters.is_empty() {
        of.push_str(&format!(" with {}", config.filters.describe()));
    }
    of
}

/// Prints a count table (and its chart, by year).
fn print_table(
    config: &MentionsConfig,
    table: &CountTable<'_>,
    by: GroupBy,
    style: (TableStyle, bool),
    out: &mut dyn Write,
) -> Result<i32> {
    if (config.svg.is_some() || config.png.is_some()) && by != GroupBy::Year {
        return Err(crate::Error::Filter(
            "a bar chart is drawn of the counts by year only".to_string(),
        ));
    }
    super::write_chart(
        || output::year_bars_svg(table),
        config.svg.as_deref(),
        config.png.as_deref(),
    )?;
    match style {
        (style, true) => output::count_table_by_term(out, table, style),
        (TableStyle::Terminal, _) => output::mentions_table(out, table),
        (TableStyle::Json, _) => output::count_table_json(out, table),
        (TableStyle::Csv, _) => output::count_table_csv(out, table),
    }
    .map_err(stdout_error)?;
    Ok(if table.is_empty() { 1 } else { 0 })
}

/// The concordance of the mentions near a word (`--near`), or sorted by the context on
/// one side (`--sort`): every mention collected, kept or not, its totals counted document
/// by document, sorted, then printed.
fn collected(
    config: &MentionsConfig,
    handle: &crate::catalog::IndexHandle,
    entities: &[Entity],
    out: &mut dyn Write,
) -> Result<i32> {
    let mut found = Vec::new();
    let mut totals = StreamTotals::new(entities);
    mentions::for_each_document(handle, entities, &config.filters, &mut |mut mentions| {
        leave_out(&mut mentions, &config.excluded);
        if let Some((word, window)) = &config.near {
            mentions = near(&handle.segmenter, mentions, word, *window);
        }
        totals.add_document(&mentions);
        found.extend(mentions);
        Ok(())
    })?;
    if let Some(side) = config.sort {
        sort_by_context(&handle.segmenter, &mut found, side);
    }
    let mut printer: Box<dyn output::MentionPrinter> = match config.format {
        MentionsFormat::Json => Box::new(output::JsonLines),
        MentionsFormat::Csv => Box::new(output::Csv::default()),
        MentionsFormat::Concordance(marker) if config.sort.is_some() => {
            Box::new(output::SortedConcordance::new(entities, marker, totals))
        }
        MentionsFormat::Concordance(marker) => Box::new(output::Concordance::new(entities, marker)),
        MentionsFormat::Table { .. } => {
            return Err(crate::Error::Filter(
                "--sort and --near give a concordance, not a count table".to_string(),
            ));
        }
    };
    if config.sort.is_some() {
        printer.document(out, &found).map_err(stdout_error)?;
    } else {
        for document in found.chunk_by(|a, b| a.document.id == b.document.id) {
            printer.document(out, document).map_err(stdout_error)?;
        }
    }
    printer.finish(out).map_err(stdout_error)?;
    Ok(if found.is_empty() { 1 } else { 0 })
}
