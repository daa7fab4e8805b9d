//! `gongwen search`: validated settings, one search, one printer.

use std::io::Write;

use crate::cli::{ColorArg, SortArg};
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

impl Settings {
    pub fn new(
        text: String,
        filters: Filters,
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
            filters,
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
