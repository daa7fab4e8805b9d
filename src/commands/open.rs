//! Opening the index a command reads: built first when there is none, updated when its
//! corpus changed, built again when another gongwen wrote it or it is damaged — with a
//! line on stderr saying which and why.
//!
//! A command answers whenever an intact index exists: when the corpus has moved or its
//! mount is empty, when the index is read-only, when an update fails (a full disk) or
//! another run holds the lock, it answers from the index as built, and says so.

use std::io::Write;
use std::path::Path;

use crate::catalog::{self, BuildOptions, Catalog, IndexHandle, SearchThreads};
use crate::config::Location;
use crate::error::{Error, Result};
use crate::indexer;

/// Opens the index, building it from `corpus` first when there is none or when the
/// corpus it was built from has changed since; an index written by another version of
/// gongwen, or damaged, is built again from the corpus it was built from.
pub fn open_or_build(location: &Location, err: &mut dyn Write) -> Result<IndexHandle> {
    let (index_dir, corpus) = (location.index.as_path(), location.corpus.as_path());
    let existing = match Catalog::load(index_dir) {
        Ok(catalog) => Some(catalog),
        Err(Error::MissingIndex(_)) => None,
        Err(e @ (Error::IncompatibleIndex { .. } | Error::Damaged { .. })) => {
            return rebuild(location, e, err);
        }
        Err(e) => return Err(e),
    };
    let Some(catalog) = existing else {
        if location.must_exist && !index_dir.exists() {
            return Err(Error::MissingIndex(index_dir.to_path_buf()));
        }
        // Nothing to build from: nothing is written (not even an empty index folder in
        // whatever folder the command was run from).
        if !corpus.is_dir() {
            let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            return Err(Error::NothingToOpen {
                index: absolute(index_dir),
                corpus: absolute(corpus),
            });
        }
        // Refused before saying it is built: a folder that is not gongwen's stays as it is.
        catalog::IndexFolder::claim(index_dir, corpus)?;
        let _ = writeln!(
            err,
            "gongwen: no index in {}; building it from {}",
            index_dir.display(),
            corpus.display()
        );
        let options = BuildOptions {
            sandbox: location.sandbox.clone(),
            ..BuildOptions::default()
        };
        return build_and_open(index_dir, corpus, &options, err);
    };
    if let Some(missing) = corpus_unavailable(&catalog.corpus) {
        let _ = writeln!(
            err,
            "gongwen: {missing}; answering from the index as built on {}",
            built_on(&catalog)
        );
        return open_built(location, catalog, err);
    }
    // New reading rules reach every file, as a changed corpus does.
    let update = if catalog.reader != crate::document::READER {
        Some(
            "this gongwen reads documents differently from the one that built the index"
                .to_string(),
        )
    } else {
        catalog
            .staleness()
            .map(|why| format!("the corpus changed since the index was built ({why})"))
    };
    let Some(why) = update else {
        return open_built(location, catalog, err);
    };
    let _ = writeln!(err, "gongwen: {why}; updating the index");
    // Update with the settings the index was built with.
    let source = catalog.corpus.clone();
    let options = BuildOptions {
        user_dict: catalog.user_dict.clone(),
        manifest: catalog.manifest.clone(),
        no_manifest: catalog.no_manifest,
        rebuild: false,
        selection: catalog.selection.clone(),
        sandbox: location.sandbox.clone(),
    };
    let built_on = built_on(&catalog);
    // The update reads the catalog itself; this one's lease would keep its generation.
    drop(catalog);
    match build_and_open(index_dir, &source, &options, err) {
        Ok(handle) => Ok(handle),
        // The index as built is intact: answer from it rather than not at all.
        Err(e) if !matches!(e, Error::Damaged { .. }) => match Catalog::load(index_dir) {
            Ok(catalog) => {
                let _ = writeln!(
                    err,
                    "gongwen: could not update the index ({e}); answering from it as built on {built_on}"
                );
                open_built(location, catalog, err)
            }
            Err(_) => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// Opens the generation `catalog` describes; one found damaged is built again.
fn open_built(location: &Location, catalog: Catalog, err: &mut dyn Write) -> Result<IndexHandle> {
    match IndexHandle::with_search_threads(&location.index, catalog, SearchThreads::PerCore) {
        Err(e @ Error::Damaged { .. }) => rebuild(location, e, err),
        other => other,
    }
}

/// Builds the index again from what it was built from, after `why` (another format,
/// damage); when that cannot be read, `why` is the answer.
pub(super) fn rebuild(location: &Location, why: Error, err: &mut dyn Write) -> Result<IndexHandle> {
    let index_dir = location.index.as_path();
    let Some((source, mut options)) = catalog::build_settings(index_dir) else {
        return Err(why);
    };
    options.sandbox = location.sandbox.clone();
    // An update finds the damage itself and says so; an intact part is never trusted
    // blindly (segments are checked before reuse).
    options.rebuild = false;
    let reason = match &why {
        Error::IncompatibleIndex { reason, .. } => {
            format!("was written by another gongwen ({reason})")
        }
        Error::Damaged { what, .. } => format!("is damaged ({what})"),
        other => other.to_string(),
    };
    let _ = writeln!(
        err,
        "gongwen: the index at {} {reason}; building it again from {}",
        index_dir.display(),
        source.display()
    );
    build_and_open(index_dir, &source, &options, err)
}

/// Why the corpus the index was built from cannot be compared with it, if it cannot:
/// the folder is gone (moved, unmounted) or empty (an empty mount point).
fn corpus_unavailable(corpus: &Path) -> Option<String> {
    match std::fs::read_dir(corpus) {
        Ok(entries) => {
            let mut entries = entries;
            if entries.next().is_some() {
                None
            } else {
                Some(format!("corpus folder {} is empty", corpus.display()))
            }
        }
        Err(_) => Some(format!("corpus folder {} not found", corpus.display())),
    }
}

/// The day an index was built, `YYYY-MM-DD` (UTC).
fn built_on(catalog: &Catalog) -> String {
    crate::document::DocDate::from_unix_days((catalog.built_at / 86_400) as i64)
        .map_or_else(|| "an unknown day".to_string(), |d| d.to_string())
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
            let run = pid.map_or_else(
                || "another indexing run".to_string(),
                |p| format!("indexing run {p}"),
            );
            let _ = writeln!(
                err,
                "gongwen: {run} is updating the index; answering from the last complete one"
            );
            return IndexHandle::open(index_dir);
        }
        Err(e) => return Err(e),
    };
    let _ = writeln!(err, "gongwen: {}", crate::output::index_outcome(&summary));
    for s in &summary.skipped {
        let _ = writeln!(err, "gongwen: skipped {}: {}", s.path, s.reason);
    }
    for w in &summary.warnings {
        let _ = writeln!(err, "gongwen: warning: {}: {}", w.path, w.reason);
    }
    IndexHandle::open(index_dir)
}
