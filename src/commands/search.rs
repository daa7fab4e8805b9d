//! `gongwen search`: validated settings, one search, one printer.

use std::io::Write;

use crate::cli::{ColorArg, SortArg};
use crate::document::DocDate;
use crate::error::{Error, Result};
use crate::indexer::IndexHandle;
use crate::output::{self, Marker};
use crate::search::{self, Filters, Query, Sort};

/// What `search` was asked, checked.
pub struct Settings {
    pub text: String,
    pub query: Query,
    pub filters: Filters,
    pub limit: usize,
    pub sort: Sort,
    pub json: bool,
    pub marker: Marker,
}

/// Parses a `--from`/`--to` flag.
pub fn parse_date(flag: Option<String>) -> Result<Option<DocDate>> {
    flag.map(|d| DocDate::parse(&d).ok_or(Error::Date(d)))
        .transpose()
}

impl Settings {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        text: String,
        speaker: Option<String>,
        body: Option<String>,
        from: Option<String>,
        to: Option<String>,
        limit: usize,
        sort: SortArg,
        json: bool,
        color: ColorArg,
    ) -> Result<Settings> {
        let query = search::query::parse(&text)?;
        let colored = super::use_color(color);
        Ok(Settings {
            text,
            query,
            filters: Filters {
                speaker,
                body,
                from: parse_date(from)?,
                to: parse_date(to)?,
            },
            limit,
            sort: match sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Date => Sort::Date,
            },
            json,
            marker: if colored {
                Marker::Color
            } else {
                Marker::Brackets
            },
        })
    }
}

pub fn run(handle: &IndexHandle, settings: &Settings, out: &mut dyn Write) -> Result<i32> {
    let results = search::search(
        handle,
        &settings.query,
        &settings.filters,
        settings.sort,
        settings.limit,
    )?;
    let written = if settings.json {
        output::search_json(out, &results)
    } else {
        output::search_human(out, &settings.text, &results, settings.marker)
    };
    written.map_err(|e| Error::io("<stdout>", e))?;
    Ok(if results.passages > 0 { 0 } else { 1 })
}
