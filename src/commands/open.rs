//! Opening the index a command reads: built first when there is none, updated when its
//! corpus changed, built again when another gongwen wrote it — with a line on stderr
//! saying which and why.

use std::io::Write;
use std::path::Path;

use crate::catalog::{self, BuildOptions, Catalog, IndexHandle};
use crate::config::Location;
use crate::error::{Error, Result};
use crate::indexer;

/// Opens the index, building it from `corpus` first when there is none or when the
/// corpus it was built from has changed since; an index written by another version of
/// gongwen is built again from the corpus it was built from.
pub fn open_or_build(location: &Location, err: &mut dyn Write) -> Result<IndexHandle> {
    let (index_dir, corpus) = (location.index.as_path(), location.corpus.as_path());
    let existing = match Catalog::load(index_dir) {
        Ok(catalog) => Some(catalog),
        Err(Error::MissingIndex(_)) => None,
        Err(Error::IncompatibleIndex { path, reason }) => {
            let Some((source, options)) = catalog::build_settings(index_dir) else {
                return Err(Error::IncompatibleIndex { path, reason });
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
    index_dir: &Path,
    source: &Path,
    options: &BuildOptions,
    err: &mut dyn Write,
) -> Result<IndexHandle> {
    let summary = match indexer::build(source, index_dir, options, &mut |_| {}) {
        Ok(summary) => summary,
        // Another run is rebuilding: answer from the last complete index, if any.
        Err(Error::Locked { pid, .. }) if Catalog::load(index_dir).is_ok() => {
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
