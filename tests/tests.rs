//! Integration tests, one binary: each module covers one behaviour users rely on.

// A scenario test reads top to bottom as a user would run it; the library is held to
// the length limits, tests are not.
#![allow(clippy::too_many_lines, clippy::cognitive_complexity)]

mod attacks;
mod bad_input;
mod cli;
mod concordance_sort;
mod dispersion;
mod export;
mod filters;
mod headers;
mod hostile;
mod html_pages;
mod incremental;
mod manifest;
mod mentions;
mod metadata;
mod names;
mod oracle;
mod ranking;
mod reader;
mod recall;
mod repair;
mod research;
mod reuse;
mod safety;
mod safety_files;
mod serve;
mod shards;
mod shared_corpus;
mod spread;
mod trend;
mod util;
