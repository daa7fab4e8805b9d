//! The catalog: what an index holds and where, shared by the writer (`indexer`) and
//! every reader (`search`, `mentions`, `trend`, `docs`, a server).
//!
//! An index folder holds generations (`gen-…/`, [`generations`]); `CURRENT` names the
//! one in use. A generation is a tantivy index of passages ([`schema`]) plus three files
//! of gongwen's: `gongwen.json` (this [`Catalog`]: format, analysis fingerprint,
//! settings, folder times, document order and frame offsets), `documents.jsonl.zst`
//! (one [`DocumentRecord`] per document, in zstd frames, [`documents`]) and `files.json`
//! (every corpus file with its content hash, [`files`]). The catalog is written last: a
//! generation without one is incomplete. [`IndexHandle`] opens a generation for
//! searching; [`LiveIndex`] follows the index as new generations are published.

pub mod documents;
pub mod files;
pub mod generations;
pub mod handle;
pub mod record;
pub mod schema;
pub mod staleness;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::corpus::CorpusFile;
use crate::error::{Error, Result};
use documents::DocumentTable;
pub use files::{FILES_FILE, FileList};
pub use generations::{CURRENT_FILE, GENERATION_PREFIX, LOCK_FILE, current_generation};
pub use handle::{IndexHandle, LiveIndex};
pub use record::DocumentRecord;
pub use schema::{Fields, schema};
pub use staleness::STAT_EACH_FILE_UP_TO;

/// Version of the on-disk layout; bumped when fields or the catalog change.
pub const FORMAT_VERSION: u32 = 11;
/// Name of the catalog file inside the index folder.
pub const CATALOG_FILE: &str = "gongwen.json";
/// Name of the document list inside the index folder: JSON lines in (path, section)
/// order, [`DOCUMENTS_PER_FRAME`] to a zstd frame. A frame holds its documents' lines,
/// an empty line, then each document's manifest extras (`{}` for none) in the same
/// order: reading the list never tokenises the extras (two thirds of its bytes with the
/// sample manifests), which are parsed when a field of them is asked for.
pub const DOCUMENTS_FILE: &str = "documents.jsonl.zst";

/// Documents per independently compressed frame of [`DOCUMENTS_FILE`]: one document is
/// read by decompressing its frame alone (tens of kilobytes), and manifest fields that
/// repeat from document to document (licences, notes, sources) compress away.
pub(crate) const DOCUMENTS_PER_FRAME: usize = 32;

/// Marks a document id whose document is gone, in [`Catalog::order`].
pub const NO_DOCUMENT: u32 = u32::MAX;

/// The catalog written beside the tantivy files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    pub format: u32,
    pub analysis: String,
    /// The corpus folder the index was built from, as given.
    pub corpus: PathBuf,
    pub user_dict: Option<PathBuf>,
    #[serde(default)]
    pub manifest: Option<PathBuf>,
    #[serde(default)]
    pub no_manifest: bool,
    /// Manifest files whose records were applied.
    #[serde(default)]
    pub manifests: Vec<String>,
    /// Hash of the manifests applied: other manifests mean other metadata everywhere.
    #[serde(default)]
    pub manifest_hash: String,
    /// The manifest files found in the corpus, as they were, to notice an edit.
    #[serde(default)]
    pub manifest_files: Vec<CorpusFile>,
    pub built_at: u64,
    /// Number of text files listed when the index was built.
    pub file_count: usize,
    /// Every folder of the corpus with its modification time (see [`Catalog::staleness`]).
    pub dirs: Vec<(String, u64)>,
    /// Word tokens of the live passages, by their field norms (see `indexer::writer::live_token_total`).
    pub word_tokens: u64,
    /// The id the next new document gets. Ids are never reused, so an update only adds
    /// passages of new documents and deletes those of removed ones.
    pub next_id: u64,
    /// Rank of each document id in (path, section) order, which is also its line in
    /// [`DOCUMENTS_FILE`]; [`NO_DOCUMENT`] for ids whose document has been removed.
    /// Equal scores are ordered by it, so an updated index ranks exactly like one rebuilt
    /// from scratch.
    pub order: Vec<u32>,
    /// Byte offset of each frame of [`DOCUMENTS_FILE`], and of its end.
    pub document_frames: Vec<u64>,
    /// The index folder, set on load.
    #[serde(skip)]
    pub(crate) dir: PathBuf,
    /// All documents, read on first use: a search needs only its hits' documents.
    #[serde(skip)]
    pub(crate) documents: OnceLock<DocumentTable>,
}

/// Settings of an indexing run.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Extra jieba dictionary (`word [freq] [tag]` lines).
    pub user_dict: Option<PathBuf>,
    /// A manifest to use instead of those found in the corpus.
    pub manifest: Option<PathBuf>,
    /// Ignore manifests: metadata only from headers and file names.
    pub no_manifest: bool,
    /// Start over instead of updating the existing index.
    pub rebuild: bool,
}

/// What an index at `index_dir` was built from and with, read from its catalog leniently
/// (any format): what a newer gongwen needs to build it again.
pub fn build_settings(index_dir: &Path) -> Option<(PathBuf, BuildOptions)> {
    #[derive(Deserialize)]
    struct Settings {
        corpus: PathBuf,
        #[serde(default)]
        user_dict: Option<PathBuf>,
        #[serde(default)]
        manifest: Option<PathBuf>,
        #[serde(default)]
        no_manifest: bool,
    }
    let path = current_generation(index_dir).ok()?.join(CATALOG_FILE);
    let settings: Settings = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    Some((
        settings.corpus,
        BuildOptions {
            user_dict: settings.user_dict,
            manifest: settings.manifest,
            no_manifest: settings.no_manifest,
            rebuild: true,
        },
    ))
}

impl Catalog {
    /// Reads the catalog of the index at `index_dir` (its current generation).
    pub fn load(index_dir: &Path) -> Result<Catalog> {
        let generation = current_generation(index_dir)?;
        let path = generation.join(CATALOG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::MissingIndex(index_dir.to_path_buf())
            } else {
                Error::io(&path, e)
            }
        })?;
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        let incompatible = |reason: String| Error::IncompatibleIndex {
            path: index_dir.to_path_buf(),
            reason,
        };
        // One parse on the way every search takes; the format is looked at only when
        // the catalog does not read, to say why.
        let parsed: std::result::Result<Catalog, _> = serde_json::from_slice(&bytes);
        let format = match &parsed {
            Ok(catalog) => Some(catalog.format),
            Err(_) => serde_json::from_slice::<Format>(&bytes)
                .ok()
                .map(|f| f.format),
        };
        if let Some(format) = format
            && format != FORMAT_VERSION
        {
            return Err(incompatible(format!(
                "format {format} but this gongwen reads {FORMAT_VERSION}"
            )));
        }
        let mut catalog = parsed.map_err(|e| incompatible(format!("unreadable catalog: {e}")))?;
        catalog.dir = generation;
        Ok(catalog)
    }

    /// The generation folder this catalog describes.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.order.iter().filter(|&&o| o != NO_DOCUMENT).count()
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn incompatible(&self, reason: String) -> Error {
        Error::IncompatibleIndex {
            path: self.dir.clone(),
            reason,
        }
    }
}
