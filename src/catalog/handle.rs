//! The read side: an index opened for searching ([`IndexHandle`]), and an index followed
//! by a long-running process as new generations are published ([`LiveIndex`]).
//!
//! A handle is `Send + Sync`: many threads answer queries from one handle at once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tantivy::{Index, IndexReader, ReloadPolicy};

use super::directory::ReadOnlyDirectory;
use super::{Catalog, Fields, current_generation};
use crate::analysis::{self, Segmenter};
use crate::error::{Error, Result};

/// How many threads one search runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchThreads {
    /// One: a server answers many searches at once, each on its own thread (a search
    /// spread over every core would make the rare ones wait for the broad ones).
    One,
    /// One per core, each taking its share of the segments: one command, one search
    /// (two common words at 100x the sample corpus: 0.8 s on one thread).
    PerCore,
}

/// An index opened for searching: one generation, as it was when opened.
pub struct IndexHandle {
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub catalog: Catalog,
    /// The word segmentation the index was built with (jieba is built only if asked).
    pub segmenter: Arc<Segmenter>,
}

impl IndexHandle {
    /// Opens the index at `index_dir`, registering gongwen's tokenizers.
    pub fn open(index_dir: &Path) -> Result<IndexHandle> {
        IndexHandle::with_catalog(index_dir, Catalog::load(index_dir)?)
    }

    /// Opens the index whose catalog has been read already.
    pub fn with_catalog(index_dir: &Path, catalog: Catalog) -> Result<IndexHandle> {
        IndexHandle::with_search_threads(index_dir, catalog, SearchThreads::One)
    }

    /// Opens the index whose catalog has been read already, each search running on
    /// `threads`.
    pub fn with_search_threads(
        index_dir: &Path,
        catalog: Catalog,
        threads: SearchThreads,
    ) -> Result<IndexHandle> {
        let incompatible = |reason: String| Error::IncompatibleIndex {
            path: index_dir.to_path_buf(),
            reason,
        };
        let user = match &catalog.user_dict {
            Some(p) => Some((
                p.clone(),
                std::fs::read_to_string(p).map_err(|e| {
                    incompatible(format!(
                        "its dictionary {} cannot be read: {e}",
                        p.display()
                    ))
                })?,
            )),
            None => None,
        };
        let segmenter = Arc::new(Segmenter::with_user_text(user));
        if catalog.analysis != analysis::fingerprint(segmenter.user_text()) {
            return Err(incompatible(match &catalog.user_dict {
                Some(p) => format!(
                    "built with other analysis settings, or with another version of the dictionary {}",
                    p.display()
                ),
                None => "built with other analysis settings or dictionaries".to_string(),
            }));
        }
        catalog.check_tantivy_meta()?;
        let damaged = |e: tantivy::TantivyError| Error::Damaged {
            path: index_dir.to_path_buf(),
            what: format!("its search files cannot be opened ({e})"),
        };
        let directory = ReadOnlyDirectory::open(&catalog.dir).map_err(damaged)?;
        let mut index = Index::open(directory).map_err(damaged)?;
        let segments = index.searchable_segment_metas().map_err(damaged)?;
        let passages: u64 = segments.iter().map(|m| u64::from(m.max_doc())).sum();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Below a million passages a search is a few milliseconds, less than starting
        // the threads gains.
        if threads == SearchThreads::PerCore
            && segments.len() > 1
            && cores > 1
            && passages >= 1_000_000
        {
            let segments = segments.len();
            index
                .set_multithread_executor(cores.min(segments))
                .map_err(damaged)?;
        }
        check_small_files(&index, &catalog.dir).map_err(|what| Error::Damaged {
            path: index_dir.to_path_buf(),
            what: format!(
                "{}/{what} fails its checksum",
                catalog
                    .dir
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
            ),
        })?;
        analysis::register(&index, &segmenter);
        let fields = Fields::from_schema(&index.schema())
            .map_err(|_| incompatible("schema differs".to_string()))?;
        // Stored text is read in store order (mentions) or a few passages at a time
        // (search): a handful of decompressed blocks is enough, 100 (tantivy's default)
        // would hold 13 MB for nothing.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(8)
            .try_into()
            .map_err(damaged)?;
        Ok(IndexHandle {
            path: index_dir.to_path_buf(),
            index,
            reader,
            fields,
            catalog,
            segmenter,
        })
    }

    /// The generation folder this handle reads.
    pub fn generation(&self) -> &Path {
        self.catalog.dir()
    }
}

/// Bytes of small segment files one opening checks at most.
const CHECKED_PER_OPENING: u64 = 48 << 20;

/// Checks the segment files every search reads whole — fast fields (document ids,
/// dates), field norms (BM25) and term dictionaries, a few megabytes for 66 MB of text
/// — against their checksums: a flipped bit there changes answers silently. Postings,
/// positions and stored text are the bulk of an index; `index --verify` and every
/// indexing run check them.
///
/// At most [`CHECKED_PER_OPENING`] bytes an opening: at a hundred times the sample
/// corpus these files are 280 MB, and checking them all took half of a rare search's
/// 80 ms. Past the bound, each opening checks the files from a place that moves with
/// the clock, so that successive commands cover them all in turn.
fn check_small_files(index: &Index, dir: &Path) -> std::result::Result<(), String> {
    use tantivy::index::SegmentComponent::{FastFields, FieldNorms, Terms};
    let metas = index
        .searchable_segment_metas()
        .map_err(|e| e.to_string())?;
    let files: Vec<(PathBuf, u64)> = metas
        .iter()
        .flat_map(|meta| [FastFields, FieldNorms, Terms].map(|c| meta.relative_path(c)))
        .map(|path| {
            let len = std::fs::metadata(dir.join(&path)).map_or(0, |m| m.len());
            (path, len)
        })
        .collect();
    let total: u64 = files.iter().map(|(_, len)| len).sum();
    let from = if total <= CHECKED_PER_OPENING {
        0
    } else {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |t| t.as_millis() as usize)
            % files.len().max(1)
    };
    let mut paths = Vec::new();
    let mut bytes = 0;
    for (path, len) in files.iter().cycle().skip(from).take(files.len()) {
        if !paths.is_empty() && bytes + len > CHECKED_PER_OPENING {
            break;
        }
        bytes += len;
        paths.push(path.clone());
    }
    let check = |paths: &[PathBuf]| {
        for path in paths {
            match index.directory().validate_checksum(path) {
                Ok(true) => {}
                _ => return Err(path.display().to_string()),
            }
        }
        Ok(())
    };
    // Two threads, half each.
    let (first, second) = paths.split_at(paths.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| check(second));
        check(first).and(
            other
                .join()
                .unwrap_or_else(|_| Err("a checksum".to_string())),
        )
    })
}

/// An index followed over time: [`LiveIndex::handle`] answers with the generation in use
/// now, reopening the index when an indexing run has published a new one. Requests in
/// flight keep the handle they started with (an `Arc`), so none is cut off by a reload.
pub struct LiveIndex {
    dir: PathBuf,
    current: RwLock<Arc<IndexHandle>>,
}

impl LiveIndex {
    /// Opens the index at `index_dir`.
    pub fn open(index_dir: &Path) -> Result<LiveIndex> {
        Ok(LiveIndex {
            dir: index_dir.to_path_buf(),
            current: RwLock::new(Arc::new(IndexHandle::open(index_dir)?)),
        })
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The handle of the generation in use: the one held, unless `CURRENT` now names
    /// another, which is then opened (once, by the first caller to notice). If the new
    /// generation cannot be opened, the error is returned and the held handle kept.
    pub fn handle(&self) -> Result<Arc<IndexHandle>> {
        let held = Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()));
        let now = current_generation(&self.dir)?;
        if now == held.generation() {
            return Ok(held);
        }
        let mut slot = self.current.write().unwrap_or_else(|e| e.into_inner());
        if slot.generation() != now {
            *slot = Arc::new(IndexHandle::open(&self.dir)?);
        }
        Ok(Arc::clone(&slot))
    }
}
