//! One thin function per subcommand: each turns CLI flags into settings, runs the
//! stages and hands results to a printer. Returns the exit code: 0 hits (or success),
//! 1 no hits, errors as `Err` (the binary prints them and exits 2).

mod docs;
mod index;
mod mentions;
mod search;
mod trend;

use std::io::{IsTerminal, Write};

use crate::cli::{AliasArgs, Cli, Command, FilterArgs, Location};
use crate::document::DocDate;
use crate::error::{Error, Result};
use crate::indexer::{self, BuildOptions, Catalog, IndexHandle};
use crate::search::Filters;
use crate::search::aliases::{ALIAS_FILE, Aliases, Entity};

/// Runs a parsed command line, writing results to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    match cli.command {
        Command::Index {
            corpus,
            index,
            dict,
            rebuild,
            manifest,
            no_manifest,
        } => {
            let options = BuildOptions {
                user_dict: dict,
                manifest,
                no_manifest,
                rebuild,
            };
            index::run(&corpus, &index, &options, out, err)
        }
        Command::Search {
            query,
            filters,
            aliases,
            limit,
            sort,
            json,
            color,
            location,
        } => {
            let mut settings = search::Settings::new(
                query.join(" "),
                filters.resolve()?,
                limit,
                sort,
                json,
                color,
            )?;
            let handle = open_or_build(&location, err)?;
            let before = settings.query.clone();
            aliases.resolve(&handle)?.expand(&mut settings.query);
            if settings.query != before {
                settings.text = format!("{} (with aliases)", settings.query.describe());
            }
            search::run(&handle, &settings, out)
        }
        Command::Mentions {
            terms,
            filters,
            aliases,
            by,
            json,
            csv,
            color,
            location,
        } => {
            let filters = filters.resolve()?;
            let format = mentions::Format::new(by, json, csv, color);
            let handle = open_or_build(&location, err)?;
            let aliases = aliases.resolve(&handle)?;
            let entities: Vec<Entity> = terms.iter().map(|t| aliases.entity(t)).collect();
            mentions::run(&handle, &entities, &filters, &format, out)
        }
        Command::Trend {
            terms,
            by,
            filters,
            aliases,
            json,
            csv,
            svg,
            location,
        } => {
            let filters = filters.resolve()?;
            let handle = open_or_build(&location, err)?;
            let aliases = aliases.resolve(&handle)?;
            let entities: Vec<Entity> = terms.iter().map(|t| aliases.entity(t)).collect();
            trend::run(
                &handle,
                &entities,
                &filters,
                by,
                trend::Format::new(json, csv),
                svg.as_deref(),
                out,
            )
        }
        Command::Docs {
            json,
            missing,
            location,
        } => {
            let handle = open_or_build(&location, err)?;
            docs::run(&handle, json, missing.map(|m| m.field()), out)
        }
    }
}

/// Opens the index, building it from `corpus` first when there is none or when the
/// corpus it was built from has changed since; an index written by another version of
/// gongwen is built again from the corpus it was built from.
pub fn open_or_build(location: &Location, err: &mut dyn Write) -> Result<IndexHandle> {
    let (index_dir, corpus) = (location.index.as_path(), location.corpus.as_path());
    let existing = match Catalog::load(index_dir) {
        Ok(catalog) => Some(catalog),
        Err(crate::Error::MissingIndex(_)) => None,
        Err(crate::Error::IncompatibleIndex { path, reason }) => {
            let Some((source, options)) = indexer::build_settings(index_dir) else {
                return Err(crate::Error::IncompatibleIndex { path, reason });
            };
            let _ = writeln!(
                err,
                "gongwen: the index at {} was written by another gongwen ({reason}); building it again from {}",
                index_dir.display(),
                source.display()
            );
            return build_and_open(index_dir, &source, &options, err);
        }
        Err(e) => return Err(e),
    };
    let reason = match &existing {
        Some(catalog) => catalog.staleness().map(|why| {
            format!("the corpus changed since the index was built ({why}); updating the index")
        }),
        None => Some(format!(
            "no index in {}; building it from {}",
            index_dir.display(),
            corpus.display()
        )),
    };
    let Some(reason) = reason else {
        let catalog = existing.expect("no reason to build means an index exists");
        return IndexHandle::with_catalog(index_dir, catalog);
    };
    let _ = writeln!(err, "gongwen: {reason}");
    // Rebuild with the settings the index was built with, when there was one.
    let (source, options) = match existing {
        Some(c) => (
            c.corpus,
            BuildOptions {
                user_dict: c.user_dict,
                manifest: c.manifest,
                no_manifest: c.no_manifest,
                rebuild: false,
            },
        ),
        None => (corpus.to_path_buf(), BuildOptions::default()),
    };
    build_and_open(index_dir, &source, &options, err)
}

/// Brings the index at `index_dir` up to date with `source`, reports how, and opens it.
fn build_and_open(
    index_dir: &std::path::Path,
    source: &std::path::Path,
    options: &BuildOptions,
    err: &mut dyn Write,
) -> Result<IndexHandle> {
    let summary = match indexer::build(source, index_dir, options, &mut |_| {}) {
        Ok(summary) => summary,
        // Another run is rebuilding: answer from the last complete index, if any.
        Err(crate::Error::Locked { pid, .. }) if Catalog::load(index_dir).is_ok() => {
            let _ = writeln!(
                err,
                "gongwen: indexing run {pid} is updating the index; answering from the last complete one"
            );
            return IndexHandle::open(index_dir);
        }
        Err(e) => return Err(e),
    };
    let _ = writeln!(err, "gongwen: {}", crate::output::index_outcome(&summary));
    for s in &summary.skipped {
        let _ = writeln!(err, "gongwen: skipped {}: {}", s.path, s.reason);
    }
    IndexHandle::open(index_dir)
}

/// True when stderr is a terminal (progress is drawn only then).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

impl FilterArgs {
    /// The filters, with dates checked.
    pub fn resolve(self) -> Result<Filters> {
        let date = |flag: Option<String>| {
            flag.map(|d| DocDate::parse(&d).ok_or(Error::Date(d)))
                .transpose()
        };
        Ok(Filters {
            speaker: self.speaker,
            body: self.body,
            from: date(self.from)?,
            to: date(self.to)?,
        })
    }
}

impl AliasArgs {
    /// The alias groups in force: `--aliases FILE`, else `aliases.toml` in the corpus the
    /// index was built from (if there is one), none with `--no-aliases`.
    pub fn resolve(&self, handle: &IndexHandle) -> Result<Aliases> {
        if self.no_aliases {
            return Ok(Aliases::default());
        }
        match &self.aliases {
            Some(path) => Aliases::load(path),
            None => {
                let default = handle.catalog.corpus.join(ALIAS_FILE);
                if default.is_file() {
                    Aliases::load(&default)
                } else {
                    Ok(Aliases::default())
                }
            }
        }
    }
}

/// Whether to colour matches for a `--color` choice.
pub fn use_color(color: crate::cli::ColorArg) -> bool {
    match color {
        crate::cli::ColorArg::Always => true,
        crate::cli::ColorArg::Never => false,
        crate::cli::ColorArg::Auto => auto_color(),
    }
}

/// True when colour should be used for `auto`: stdout is a terminal and NO_COLOR unset.
pub fn auto_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
