//! Staleness: whether an index still reflects its corpus folder, cheaply enough for
//! every search.

use super::Catalog;
use crate::corpus::{self, CorpusFile};

/// Up to this many files, a search compares every file's size and time with the
/// index; beyond, only folder times and manifests (an in-place edit then waits for the
/// next `gongwen index`, which compares content hashes).
pub const STAT_EACH_FILE_UP_TO: usize = 1_000;

impl Catalog {
    /// Why the index no longer reflects its corpus folder, if it does not. Cheap enough
    /// for every search: folder times (a file added, removed or renamed), manifests, and
    /// for corpora of up to [`STAT_EACH_FILE_UP_TO`] files each file's size and time.
    /// The update itself then compares content hashes.
    pub fn staleness(&self) -> Option<String> {
        let folder = |rel: &str| {
            if rel.is_empty() {
                self.corpus.display().to_string()
            } else {
                rel.to_string()
            }
        };
        for (rel, then) in &self.dirs {
            let now = corpus::modified_nanos(&self.corpus.join(rel));
            if now != Some(*then) {
                return Some(format!("folder {} changed", folder(rel)));
            }
        }
        let same = |a: &CorpusFile, b: &CorpusFile| {
            a.relative == b.relative && a.size == b.size && a.modified == b.modified
        };
        let differs = |now: &[CorpusFile], then: &[CorpusFile], what: &str| {
            if now.len() != then.len() {
                return Some(format!(
                    "{} has {} {what}, the index {}",
                    self.corpus.display(),
                    now.len(),
                    then.len()
                ));
            }
            now.iter()
                .zip(then)
                .find(|(n, t)| !same(n, t))
                .map(|(n, _)| format!("{} changed", n.relative))
        };
        if !self.no_manifest {
            let now: Vec<CorpusFile> = match &self.manifest {
                Some(path) => corpus::stat(path, path.display().to_string())
                    .into_iter()
                    .collect(),
                None => self
                    .manifest_files
                    .iter()
                    .filter_map(|m| {
                        corpus::stat(&self.corpus.join(&m.relative), m.relative.clone()).ok()
                    })
                    .collect(),
            };
            if let Some(why) = differs(&now, &self.manifest_files, "manifests") {
                return Some(why);
            }
        }
        if self.file_count <= STAT_EACH_FILE_UP_TO {
            let mut listing = corpus::listing(&self.corpus).ok()?;
            // A shard's files, or a list's: those the index was built to hold.
            self.selection.apply(&mut listing).ok()?;
            let then = self.file_list().ok()?;
            return differs(&listing.files, &then.files, "text files");
        }
        None
    }
}
