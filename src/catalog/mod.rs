//! The catalog: what an index holds and where, shared by the writer (`indexer`) and
//! every reader (`search`, `mentions`, `trend`, `docs`, a server).
//!
//! An index folder is marked as gongwen's and holds generations (`gen-…/`,
//! [`generations`]: the marker, `CURRENT`, readers' leases). A generation is a tantivy
//! index of passages ([`schema`], opened read-only by readers: [`directory`]) plus files
//! of gongwen's: `gongwen.json` (this [`Catalog`]: format, analysis fingerprint,
//! settings, folder times, document order, frame offsets and checksums, ending with its
//! own checksum), `documents.jsonl.zst` (one [`DocumentRecord`] per document, in
//! checksummed zstd frames, [`documents`]), `files.json` (every corpus file with its
//! content hash, [`files`]) and `READERS` (the lease file). The catalog is written last:
//! a generation without one is incomplete. [`IndexHandle`] opens a generation for
//! searching; [`LiveIndex`] follows the index as new generations are published;
//! [`verify`] reads and checks everything.

pub mod directory;
pub mod documents;
pub mod files;
pub mod generations;
pub mod handle;
mod order;
pub mod record;
pub mod schema;
pub mod selection;
pub mod spill;
pub mod staleness;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::corpus::CorpusFile;
use crate::error::{Error, Result};
use documents::DocumentTable;
pub use files::{FILES_FILE, FileList};
pub use generations::{
    CURRENT_FILE, GENERATION_PREFIX, IndexFolder, LEASE_FILE, LOCK_FILE, Lease, MARKER_FILE,
    current_generation,
};
pub use handle::{IndexHandle, LiveIndex, SearchThreads};
pub use record::{DocumentNames, DocumentRecord, PortableRecord};
pub use schema::{Fields, schema};
pub use spill::{DocumentSpill, Holdings};
pub use staleness::STAT_EACH_FILE_UP_TO;

/// Version of the on-disk layout; bumped when fields, the catalog or the built-in
/// dictionary change (an index is then built again by the first command that reads it).
pub const FORMAT_VERSION: u32 = 20;
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
    /// The document reader that parsed the files ([`crate::document::READER`]).
    #[serde(default)]
    pub reader: String,
    /// The corpus folder the index was built from, as given.
    pub corpus: PathBuf,
    pub user_dict: Option<PathBuf>,
    #[serde(default)]
    pub manifest: Option<PathBuf>,
    #[serde(default)]
    pub no_manifest: bool,
    /// Which files of the corpus it holds (all, a shard, a list).
    #[serde(default)]
    pub selection: selection::Selection,
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
    /// from scratch. Written as runs ([`order`]).
    #[serde(with = "order")]
    pub order: Vec<u32>,
    /// Byte offset of each frame of [`DOCUMENTS_FILE`], and of its end.
    pub document_frames: Vec<u64>,
    /// Checksum of [`FILES_FILE`] (the document list's frames carry their own).
    pub files_checksum: String,
    /// Checksum of tantivy's `meta.json`, which tantivy does not checksum itself.
    pub meta_checksum: String,
    /// The index folder, set on load.
    #[serde(skip)]
    pub(crate) dir: PathBuf,
    /// All documents, read on first use: a search needs only its hits' documents.
    #[serde(skip)]
    pub(crate) documents: OnceLock<DocumentTable>,
    /// The reader's hold on the generation: no run removes it while a catalog (or a
    /// clone, or a handle holding one) lives.
    #[serde(skip)]
    pub(crate) lease: Option<Arc<Lease>>,
}

/// Checksum of bytes gongwen writes (xxh3, 128 bits, hex).
pub fn checksum(bytes: &[u8]) -> String {
    crate::corpus::content_hash(bytes)
}

/// Checksum of tantivy's metadata files in `generation`.
pub fn tantivy_meta_checksum(generation: &Path) -> std::io::Result<String> {
    let mut bytes = std::fs::read(generation.join("meta.json"))?;
    match std::fs::read(generation.join(".managed.json")) {
        Ok(managed) => bytes.extend_from_slice(&managed),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Ok(checksum(&bytes))
}

/// Marks the checksum line that ends the catalog file.
const CHECKSUM_PREFIX: &[u8] = b"\nxxh3:";

/// The catalog's JSON with its checksum line appended, as the catalog file holds it.
pub fn with_checksum(json: &[u8]) -> Vec<u8> {
    let mut bytes = json.to_vec();
    bytes.extend_from_slice(CHECKSUM_PREFIX);
    bytes.extend_from_slice(checksum(json).as_bytes());
    bytes.push(b'\n');
    bytes
}

/// The catalog's JSON, and whether its checksum line is present and matches.
pub fn split_checksum(bytes: &[u8]) -> (&[u8], Option<bool>) {
    let Some(at) = memchr::memmem::rfind(bytes, CHECKSUM_PREFIX) else {
        return (bytes, None);
    };
    let json = &bytes[..at];
    let recorded = bytes[at + CHECKSUM_PREFIX.len()..].trim_ascii_end();
    (json, Some(recorded == checksum(json).as_bytes()))
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
    /// Where PDFs are read (a helper process, for files that cannot be trusted).
    pub sandbox: crate::corpus::Sandbox,
    /// Which files of the corpus the index holds (a shard, a list).
    pub selection: selection::Selection,
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
        #[serde(default)]
        selection: selection::Selection,
    }
    let path = current_generation(index_dir).ok()?.join(CATALOG_FILE);
    let bytes = std::fs::read(path).ok()?;
    let settings: Settings = serde_json::from_slice(split_checksum(&bytes).0).ok()?;
    Some((
        settings.corpus,
        BuildOptions {
            user_dict: settings.user_dict,
            manifest: settings.manifest,
            no_manifest: settings.no_manifest,
            rebuild: true,
            sandbox: Default::default(),
            selection: settings.selection,
        },
    ))
}

impl Catalog {
    /// Reads the catalog of the index at `index_dir` (its current generation), leasing
    /// the generation for as long as the catalog lives.
    pub fn load(index_dir: &Path) -> Result<Catalog> {
        let lease = Lease::current(index_dir, CATALOG_FILE)?;
        let generation = lease.generation.clone();
        let path = generation.join(CATALOG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::MissingIndex(index_dir.to_path_buf())
            } else {
                Error::io(&path, e)
            }
        })?;
        let (json, intact) = split_checksum(&bytes);
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        // One parse on the way every search takes; the format is looked at only when
        // the catalog does not read, to say why.
        let parsed: std::result::Result<Catalog, _> = serde_json::from_slice(json);
        let format = match &parsed {
            Ok(catalog) => Some(catalog.format),
            Err(_) => serde_json::from_slice::<Format>(json)
                .ok()
                .map(|f| f.format),
        };
        if let Some(format) = format
            && format > FORMAT_VERSION
            && intact != Some(false)
        {
            return Err(Error::NewerIndex {
                path: index_dir.to_path_buf(),
                format,
                reads: FORMAT_VERSION,
            });
        }
        if let Some(format) = format
            && format != FORMAT_VERSION
            && intact != Some(false)
        {
            return Err(Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                reason: format!("format {format} but this gongwen reads {FORMAT_VERSION}"),
            });
        }
        let damaged = |what: String| Error::Damaged {
            path: index_dir.to_path_buf(),
            what,
        };
        if intact != Some(true) {
            return Err(damaged(format!(
                "{} fails its checksum",
                path.strip_prefix(index_dir).unwrap_or(&path).display()
            )));
        }
        let mut catalog = parsed.map_err(|e| damaged(format!("unreadable catalog: {e}")))?;
        catalog.dir = generation;
        catalog.lease = Some(Arc::new(lease));
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

    /// Checks tantivy's own metadata files (`meta.json`, `.managed.json`), which tantivy
    /// does not checksum, against the checksum recorded when the generation was written.
    pub fn check_tantivy_meta(&self) -> Result<()> {
        match tantivy_meta_checksum(&self.dir) {
            Ok(sum) if sum == self.meta_checksum => Ok(()),
            Ok(_) => Err(self.damaged("meta.json or .managed.json fails its checksum".into())),
            Err(e) => Err(self.damaged(format!("meta.json cannot be read ({e})"))),
        }
    }

    /// A damaged file of this generation, named relative to the index folder.
    pub(crate) fn damaged(&self, what: String) -> Error {
        let generation = self.dir.file_name().unwrap_or_default().to_string_lossy();
        Error::Damaged {
            path: self.dir.parent().unwrap_or(&self.dir).to_path_buf(),
            what: format!("{generation}/{what}"),
        }
    }
}
