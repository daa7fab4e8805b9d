//! `gongwen mentions`: every occurrence of each term, as a concordance, a count table,
//! JSON Lines or CSV.

use std::io::Write;

use super::{aliases, open_or_build, stdout_error};
use crate::config::{MentionsConfig, MentionsFormat, TableStyle};
use crate::error::Result;
use crate::mentions::{self, counts::CountTable};
use crate::output;
use crate::search::aliases::Entity;

pub fn run(config: &MentionsConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    let aliases = aliases(&config.aliases, &handle)?;
    let entities: Vec<Entity> = config.terms.iter().map(|t| aliases.entity(t)).collect();
    let mut printer: Box<dyn output::MentionPrinter> = match config.format {
        // Counts need no context: they come per document, from the index where they can.
        MentionsFormat::Table { by, order, style } => {
            let counts = mentions::occurrences(&handle, &entities, &config.filters)?;
            let terms: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
            let table = CountTable::new(&counts, &terms, by, order);
            match style {
                TableStyle::Terminal => output::mentions_table(out, &table),
                TableStyle::Json => output::count_table_json(out, &table),
                TableStyle::Csv => output::count_table_csv(out, &table),
            }
            .map_err(stdout_error)?;
            return Ok(if table.is_empty() { 1 } else { 0 });
        }
        MentionsFormat::Concordance(marker) => {
            Box::new(output::Concordance::new(&entities, marker))
        }
        MentionsFormat::Json => Box::new(output::JsonLines),
        MentionsFormat::Csv => Box::new(output::Csv::default()),
    };
    let mut found = false;
    mentions::for_each_document(&handle, &entities, &config.filters, &mut |mentions| {
        found |= !mentions.is_empty();
        printer.document(out, &mentions).map_err(stdout_error)
    })?;
    printer.finish(out).map_err(stdout_error)?;
    Ok(if found { 0 } else { 1 })
}
