//! The update plan: which corpus files an indexing run keeps as they are, which it reads
//! again, and which documents of the previous generation it deletes — or why it starts
//! from scratch.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::absolute;
use crate::catalog::{BuildOptions, Catalog};
use crate::corpus::manifest::Manifests;
use crate::corpus::{self, CorpusFile, Listing, Skipped};
use crate::error::Error;

/// Why a run built the index from scratch instead of updating it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// The run was asked to start over.
    Requested,
    /// There was no index.
    NoIndex,
    /// The previous index could not be read.
    Unreadable(String),
    /// Another analysis version or dictionary.
    AnalysisChanged,
    /// Another version of the document reader (text repair, metadata rules): every
    /// file is parsed again.
    ReaderChanged,
    /// The index was built from another corpus folder.
    OtherCorpus(PathBuf),
    /// Other manifests, or manifests turned on or off.
    ManifestsChanged,
    /// The previous document list could not be read.
    DocumentListUnreadable,
    /// The previous file list could not be read.
    FileListUnreadable,
    /// Files of the previous index fail their checksums.
    Damaged(String),
}

impl fmt::Display for Rebuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rebuild::Requested => write!(f, "asked to start over"),
            Rebuild::NoIndex => write!(f, "no index yet"),
            Rebuild::Unreadable(why) => write!(f, "{why}"),
            Rebuild::AnalysisChanged => write!(f, "analysis settings or dictionaries changed"),
            Rebuild::ReaderChanged => write!(f, "this gongwen reads documents differently"),
            Rebuild::OtherCorpus(p) => write!(f, "the index was built from {}", p.display()),
            Rebuild::ManifestsChanged => write!(f, "manifests changed"),
            Rebuild::DocumentListUnreadable => write!(f, "its document list is unreadable"),
            Rebuild::FileListUnreadable => write!(f, "its file list is unreadable"),
            Rebuild::Damaged(what) => write!(f, "the index was damaged: {what}"),
        }
    }
}

/// The index a run can update, with what it was built from.
pub struct Previous {
    pub catalog: Catalog,
    /// The catalog's files by relative path.
    files: HashMap<String, CorpusFile>,
    skipped: HashMap<String, String>,
}

/// The previous index at `index_dir`, if a run with these settings can update it.
pub fn previous_index(
    index_dir: &Path,
    corpus_dir: &Path,
    options: &BuildOptions,
    analysis: &str,
    manifests: &Manifests,
) -> Result<Previous, Rebuild> {
    if options.rebuild {
        return Err(Rebuild::Requested);
    }
    let catalog = match Catalog::load(index_dir) {
        Ok(c) => c,
        Err(Error::MissingIndex(_)) => return Err(Rebuild::NoIndex),
        Err(e) => return Err(Rebuild::Unreadable(e.to_string())),
    };
    if catalog.analysis != analysis {
        return Err(Rebuild::AnalysisChanged);
    }
    if catalog.reader != crate::document::READER {
        return Err(Rebuild::ReaderChanged);
    }
    if catalog.corpus != absolute(corpus_dir) {
        return Err(Rebuild::OtherCorpus(catalog.corpus.clone()));
    }
    if catalog.no_manifest != options.no_manifest
        || catalog.manifest != options.manifest.as_deref().map(absolute)
        || catalog.manifest_hash != manifests.fingerprint
    {
        return Err(Rebuild::ManifestsChanged);
    }
    if let Err(e) = catalog.documents() {
        return Err(match e {
            Error::Damaged { what, .. } => Rebuild::Damaged(what),
            _ => Rebuild::DocumentListUnreadable,
        });
    }
    let list = catalog.file_list().map_err(|e| match e {
        Error::Damaged { what, .. } => Rebuild::Damaged(what),
        _ => Rebuild::FileListUnreadable,
    })?;
    // Segments are carried into the new generation: never build on damaged ones.
    if let Some(what) = crate::catalog::verify::damaged_segments(&catalog) {
        return Err(Rebuild::Damaged(what));
    }
    let files = list
        .files
        .iter()
        .map(|f| (f.relative.clone(), f.clone()))
        .collect();
    let skipped = list
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.clone()))
        .collect();
    Ok(Previous {
        catalog,
        files,
        skipped,
    })
}

impl Previous {
    /// True when the corpus is exactly as the previous generation recorded it (files,
    /// folder times, manifests): a new generation would be the same one again.
    pub fn unchanged(&self, listing: &Listing, plan: &Plan<'_>, manifests: &[CorpusFile]) -> bool {
        let same = |a: &CorpusFile, b: &CorpusFile| {
            a.relative == b.relative && a.size == b.size && a.modified == b.modified
        };
        plan.to_parse.is_empty()
            && plan.removed == 0
            && plan.keep.len() == self.files.len()
            && plan
                .keep
                .iter()
                .all(|f| self.files.get(&f.relative).is_some_and(|old| same(f, old)))
            && listing.dirs == self.catalog.dirs
            && listing.files.len() == self.catalog.file_count
            && manifests.len() == self.catalog.manifest_files.len()
            && manifests
                .iter()
                .zip(&self.catalog.manifest_files)
                .all(|(a, b)| same(a, b))
    }

    /// The summary of a run that found nothing to change.
    pub fn summary(&self, mut skipped: Vec<Skipped>) -> super::Summary {
        let documents = self.catalog.documents().unwrap_or_default();
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        skipped.dedup();
        super::Summary {
            unchanged: self.files.len(),
            skipped,
            ..super::Summary::holding(crate::catalog::Holdings::of(documents.iter().map(|d| &**d)))
        }
    }
}

/// What a run does with each listed file.
#[derive(Default)]
pub struct Plan<'l> {
    /// Files whose content is unchanged: their documents are carried over.
    pub keep: Vec<CorpusFile>,
    /// Files to read and parse: new or changed.
    pub to_parse: Vec<&'l CorpusFile>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Files skipped, with their reasons (those skipped before and still unchanged too).
    pub skipped: Vec<Skipped>,
}

impl<'l> Plan<'l> {
    /// Sorts the listed files into unchanged (by content hash) and to parse; whatever
    /// the previous index holds beyond those is deleted.
    pub fn new(listing: &'l Listing, previous: &Result<Previous, Rebuild>) -> Plan<'l> {
        let mut plan = Plan::default();
        let Ok(prev) = previous else {
            plan.added = listing.files.len();
            plan.to_parse.extend(&listing.files);
            return plan;
        };
        for file in &listing.files {
            plan.sort(file, prev);
        }
        let listed: HashSet<&str> = listing.files.iter().map(|f| f.relative.as_str()).collect();
        plan.removed = prev
            .files
            .keys()
            .filter(|f| !listed.contains(f.as_str()))
            .count();
        plan
    }

    fn sort(&mut self, file: &'l CorpusFile, prev: &Previous) {
        let Some(old) = prev.files.get(&file.relative) else {
            self.added += 1;
            self.to_parse.push(file);
            return;
        };
        // A file the last run could not read (too large, unreadable) is not read again
        // while its size and time stay: it stays skipped, for the same reason.
        if old.hash.is_empty()
            && let Some(reason) = prev.skipped.get(&file.relative)
        {
            if old.size == file.size && old.modified == file.modified {
                self.skipped.push(Skipped {
                    path: file.relative.clone(),
                    reason: reason.clone(),
                });
                self.keep.push(file.clone());
            } else {
                self.changed += 1;
                self.to_parse.push(file);
            }
            return;
        }
        let hash = match corpus::read_bounded(&file.path, corpus::MAX_DOCUMENT_BYTES) {
            Ok(bytes) => corpus::content_hash(&bytes),
            Err(e) => {
                self.skipped.push(Skipped {
                    path: file.relative.clone(),
                    reason: corpus::read_error(&e),
                });
                return;
            }
        };
        if hash != old.hash {
            self.changed += 1;
            self.to_parse.push(file);
            return;
        }
        let mut kept = file.clone();
        kept.hash = hash;
        if let Some(reason) = prev.skipped.get(&file.relative) {
            self.skipped.push(Skipped {
                path: file.relative.clone(),
                reason: reason.clone(),
            });
        }
        self.keep.push(kept);
    }
}
