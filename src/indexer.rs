//! The index on disk: a tantivy index of passages plus `gongwen.json`, the catalog of
//! files and documents it was built from.
//!
//! Each passage is a tantivy document with its text twice analysed (`text` with jieba
//! words for ranking, `exact` with character bigrams for exact recall), the number of
//! its document in the catalog, its ordinal, the document's date range (`YYYYMMDD`
//! numbers) and — on the document's first passage only — speaker and body analysed like
//! `exact`, for filters. Document metadata lives once, in the catalog. The catalog is
//! written last: an index folder without one is incomplete and gets rebuilt.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::analysis::{self, EXACT_TOKENIZER, WORD_TOKENIZER};
use crate::corpus::{self, CorpusFile, Skipped};
use crate::document::metadata::date_from_file_name;
use crate::document::{self, Metadata, MetadataSource};
use crate::error::{Error, Result};
use crate::manifest::Manifests;

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
/// Segments an index may end a run with before they are merged into one. A fresh build
/// writes one per writer thread, plus one each time a thread's 128 MB buffer fills: 15
/// for 1 GB of text, which searches as fast as one merged segment (measured), while
/// merging them cost a quarter more time and memory.
const MAX_SEGMENTS: usize = 32;

/// Documents per independently compressed frame of [`DOCUMENTS_FILE`]: one document is
/// read by decompressing its frame alone (tens of kilobytes), and manifest fields that
/// repeat from document to document (licences, notes, sources) compress away.
const DOCUMENTS_PER_FRAME: usize = 32;

/// The fields of the passage schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub text: Field,
    pub exact: Field,
    pub doc: Field,
    pub ordinal: Field,
    pub date_first: Field,
    pub date_last: Field,
    pub speaker: Field,
    pub body: Field,
}

impl Fields {
    fn from_schema(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::IncompatibleIndex {
                    path: PathBuf::new(),
                    reason: format!("field {name} missing"),
                })
        };
        Ok(Fields {
            text: get("text")?,
            exact: get("exact")?,
            doc: get("doc")?,
            ordinal: get("ordinal")?,
            date_first: get("date_first")?,
            date_last: get("date_last")?,
            speaker: get("speaker")?,
            body: get("body")?,
        })
    }
}

/// The passage schema.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let analysed = |tokenizer: &str| {
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
    };
    // Words only rank (BM25 needs frequencies, not positions); phrases use `exact`.
    builder.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(WORD_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
            .set_stored(),
    );
    // Exact fields only match, never score: no field norms.
    let exact = TextOptions::default()
        .set_indexing_options(analysed(EXACT_TOKENIZER).set_fieldnorms(false));
    builder.add_text_field("exact", exact.clone());
    // Indexed (without field norms) so an update can delete a document's passages by id.
    // Not stored: read from fast fields; the store holds only the text.
    builder.add_u64_field("doc", NumericOptions::default().set_fast().set_indexed());
    builder.add_u64_field("ordinal", FAST);
    // Date filters are range queries, which tantivy answers from fast fields.
    builder.add_i64_field("date_first", FAST);
    builder.add_i64_field("date_last", FAST);
    builder.add_text_field("speaker", exact.clone());
    builder.add_text_field("body", exact);
    builder.build()
}

/// A document as the catalog records it: everything but its passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: u64,
    pub path: String,
    pub section: usize,
    #[serde(flatten)]
    pub meta: Metadata,
    pub encoding: String,
    pub passages: usize,
    pub chars: usize,
}

impl DocumentRecord {
    /// The value of a metadata field by name: the named fields, then manifest extras.
    pub fn field(&self, name: &str) -> Option<&str> {
        let m = &self.meta;
        match name {
            "title" => m.title.as_deref(),
            "subtitle" => m.subtitle.as_deref(),
            "speaker" => m.speaker.as_deref(),
            "body" => m.body.as_deref(),
            "series" => m.series.as_deref(),
            "issue" => m.issue.as_deref(),
            "collection" => m.collection.as_deref(),
            "doc_type" => m.doc_type.as_deref(),
            "path" => Some(self.path.as_str()),
            "encoding" => Some(self.encoding.as_str()),
            other => m.extra.get(other).map(String::as_str),
        }
    }
}

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
    /// Word tokens of the live passages, by their field norms (see [`live_token_total`]).
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
    dir: PathBuf,
    /// All documents, read on first use: a search needs only its hits' documents.
    #[serde(skip)]
    documents: OnceLock<DocumentTable>,
}

/// Name of the file list inside a generation, apart from the catalog: a search of a
/// large corpus should not parse a line per corpus file.
pub const FILES_FILE: &str = "files.json";

/// Every listed file, skipped ones included, with its content hash; and why each
/// skipped one was left out.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileList {
    pub files: Vec<CorpusFile>,
    pub skipped: Vec<Skipped>,
}

/// Up to this many files, a search compares every file's size and time with the
/// index; beyond, only folder times and manifests (an in-place edit then waits for the
/// next `gongwen index`, which compares content hashes).
pub const STAT_EACH_FILE_UP_TO: usize = 1_000;

/// Marks a document id whose document is gone, in [`Catalog::order`].
pub const NO_DOCUMENT: u32 = u32::MAX;

/// A document as [`DOCUMENTS_FILE`] holds it: the metadata nested, not flattened as in
/// `docs --json` (serde's flatten buffers every field first, which made reading the
/// file three times slower).
#[derive(Serialize)]
struct StoredRecordRef<'a> {
    id: u64,
    path: &'a str,
    section: usize,
    meta: &'a Metadata,
    encoding: &'a str,
    passages: usize,
    chars: usize,
}

#[derive(Deserialize)]
struct StoredRecord {
    id: u64,
    path: String,
    section: usize,
    meta: Metadata,
    encoding: String,
    passages: usize,
    chars: usize,
}

impl StoredRecord {
    fn into_record(self) -> DocumentRecord {
        DocumentRecord {
            id: self.id,
            path: self.path,
            section: self.section,
            meta: self.meta,
            encoding: self.encoding,
            passages: self.passages,
            chars: self.chars,
        }
    }
}

/// Every document, in (path, section) order, with the position of each id.
#[derive(Debug, Clone, Default)]
struct DocumentTable {
    /// Shared: mentions hand each record to every one of the document's mentions.
    records: Vec<Arc<DocumentRecord>>,
    position: Vec<u32>,
}

impl DocumentTable {
    fn new(records: Vec<DocumentRecord>, ids: usize) -> DocumentTable {
        let records: Vec<Arc<DocumentRecord>> = records.into_iter().map(Arc::new).collect();
        let mut position = vec![u32::MAX; ids];
        for (n, r) in records.iter().enumerate() {
            if let Some(p) = position.get_mut(r.id as usize) {
                *p = n as u32;
            }
        }
        DocumentTable { records, position }
    }
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

    fn table(&self) -> Result<&DocumentTable> {
        if let Some(table) = self.documents.get() {
            return Ok(table);
        }
        let path = self.dir.join(DOCUMENTS_FILE);
        let file = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        // A count over every document waits for this.
        let frames: Vec<usize> = (0..self.document_frame_count()).collect();
        let docs = self.frames_at(&file, 0, &frames)?;
        if docs.len() != self.len() {
            return Err(self.incompatible(format!(
                "{DOCUMENTS_FILE} holds {} documents, the catalog {}",
                docs.len(),
                self.len()
            )));
        }
        let table = DocumentTable::new(docs, self.order.len());
        Ok(self.documents.get_or_init(|| table))
    }

    /// Every document, in (path, section) order.
    pub fn documents(&self) -> Result<&[Arc<DocumentRecord>]> {
        Ok(&self.table()?.records)
    }

    /// A document by id, from all documents (read once, then shared).
    pub fn record(&self, id: u64) -> Result<&Arc<DocumentRecord>> {
        let table = self.table()?;
        table
            .position
            .get(id as usize)
            .and_then(|&p| table.records.get(p as usize))
            .ok_or_else(|| self.incompatible(format!("passage refers to unknown document {id}")))
    }

    /// Where document `id` comes in (path, section) order.
    pub fn rank(&self, id: u64) -> u32 {
        self.order.get(id as usize).copied().unwrap_or(u32::MAX)
    }

    /// One document, read alone from its line unless all are loaded already.
    pub fn document(&self, id: u64) -> Result<DocumentRecord> {
        if self.documents.get().is_some() {
            return self.record(id).map(|r| DocumentRecord::clone(r));
        }
        self.neighbours(id)?
            .into_iter()
            .find(|doc| doc.id == id)
            .ok_or_else(|| self.incompatible(format!("document {id} is not in its frame")))
    }

    /// Document `id` and the others stored in its frame of [`DOCUMENTS_FILE`] (neighbours
    /// in path order), read alone: what reading one costs gives them all.
    pub fn neighbours(&self, id: u64) -> Result<Vec<DocumentRecord>> {
        let frame = self
            .frame_of(id)
            .ok_or_else(|| self.incompatible(format!("no document {id}")))?;
        self.frame(frame)
    }

    /// Which frame of [`DOCUMENTS_FILE`] holds document `id`.
    pub fn frame_of(&self, id: u64) -> Option<usize> {
        let line = self.order.get(id as usize).copied()?;
        (line != NO_DOCUMENT).then_some(line as usize / DOCUMENTS_PER_FRAME)
    }

    /// The documents of one frame of [`DOCUMENTS_FILE`].
    pub fn frame(&self, frame: usize) -> Result<Vec<DocumentRecord>> {
        self.frames(&[frame])
    }

    /// The documents of several frames (ascending) of [`DOCUMENTS_FILE`]: one file
    /// opened, one decompression context for all.
    pub fn frames(&self, frames: &[usize]) -> Result<Vec<DocumentRecord>> {
        let path = self.dir.join(DOCUMENTS_FILE);
        let mut file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        // Only the frames wanted are read: from the first one's start to the last's end.
        let (Some(&first), Some(&last)) = (frames.first(), frames.last()) else {
            return Ok(Vec::new());
        };
        let (Some(&start), Some(&end)) = (
            self.document_frames.get(first),
            self.document_frames.get(last + 1),
        ) else {
            return Err(self.incompatible(format!("no frame {last} of documents")));
        };
        let mut bytes = vec![0; (end - start) as usize];
        file.seek(SeekFrom::Start(start))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| Error::io(&path, e))?;
        self.frames_at(&bytes, start, frames)
    }

    /// The documents of `frames`, from `bytes` holding the file from offset `base` on.
    /// Frames are independent: many (the whole list, a common term's documents) are
    /// decompressed and parsed by two threads, half each.
    fn frames_at(&self, bytes: &[u8], base: u64, frames: &[usize]) -> Result<Vec<DocumentRecord>> {
        if frames.len() < 16 {
            return self.frames_one_by_one(bytes, base, frames);
        }
        let (first, second) = frames.split_at(frames.len() / 2);
        let (docs, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| self.frames_one_by_one(bytes, base, second));
            (
                self.frames_one_by_one(bytes, base, first),
                rest.join().expect("parsing documents does not panic"),
            )
        });
        let mut docs = docs?;
        docs.extend(rest?);
        Ok(docs)
    }

    /// [`Catalog::frames_at`] on this thread.
    fn frames_one_by_one(
        &self,
        bytes: &[u8],
        base: u64,
        frames: &[usize],
    ) -> Result<Vec<DocumentRecord>> {
        let path = self.dir.join(DOCUMENTS_FILE);
        let mut decompressor = zstd::bulk::Decompressor::new().map_err(|e| Error::io(&path, e))?;
        let mut out = Vec::new();
        for &frame in frames {
            let range = self
                .document_frames
                .get(frame)
                .zip(self.document_frames.get(frame + 1))
                .and_then(|(&s, &e)| {
                    let (s, e) = (s.checked_sub(base)? as usize, e.checked_sub(base)? as usize);
                    bytes.get(s..e)
                })
                .ok_or_else(|| self.incompatible(format!("no frame {frame} of documents")))?;
            // Frames record their size (written by `bulk::compress`).
            let size = zstd::bulk::Decompressor::upper_bound(range)
                .ok_or_else(|| self.incompatible(format!("frame {frame} of documents")))?;
            let text = decompressor
                .decompress(range, size)
                .map_err(|e| Error::io(&path, e))?;
            out.extend(self.parse_lines(&text)?);
        }
        Ok(out)
    }

    /// Number of frames in [`DOCUMENTS_FILE`].
    pub fn document_frame_count(&self) -> usize {
        self.document_frames.len().saturating_sub(1)
    }

    /// The documents of one frame: their JSON lines, an empty line, their extras.
    fn parse_lines(&self, text: &[u8]) -> Result<Vec<DocumentRecord>> {
        let bad = |what: String| self.incompatible(format!("{DOCUMENTS_FILE}: {what}"));
        let split = memchr::memmem::find(text, b"\n\n")
            .ok_or_else(|| bad("a frame without its extras".into()))?;
        let (records, extras) = (&text[..split], &text[split + 2..]);
        let mut docs = records
            .split(|&b| b == b'\n')
            .map(|l| {
                serde_json::from_slice::<StoredRecord>(l)
                    .map(StoredRecord::into_record)
                    .map_err(|e| bad(e.to_string()))
            })
            .collect::<Result<Vec<_>>>()?;
        let extras: Vec<&[u8]> = extras
            .strip_suffix(b"\n")
            .unwrap_or(extras)
            .split(|&b| b == b'\n')
            .collect();
        if extras.len() != docs.len() {
            return Err(bad(format!(
                "{} documents but {} extras in a frame",
                docs.len(),
                extras.len()
            )));
        }
        for (doc, extra) in docs.iter_mut().zip(extras) {
            let text = std::str::from_utf8(extra).map_err(|e| bad(e.to_string()))?;
            doc.meta.extra = crate::document::metadata::Extras::from_json_text(text);
        }
        Ok(docs)
    }

    /// Writes `documents` (any order) and then the catalog into `index_dir`.
    fn save(&mut self, index_dir: &Path, mut documents: Vec<DocumentRecord>) -> Result<()> {
        documents.sort_by(|a, b| a.path.cmp(&b.path).then(a.section.cmp(&b.section)));
        let docs_path = index_dir.join(DOCUMENTS_FILE);
        self.order = vec![NO_DOCUMENT; self.next_id as usize];
        for (n, doc) in documents.iter().enumerate() {
            self.order[doc.id as usize] = n as u32;
        }
        let mut file = Vec::new();
        self.document_frames = vec![0];
        for frame in documents.chunks(DOCUMENTS_PER_FRAME) {
            let mut lines = Vec::new();
            let mut extras = Vec::new();
            for doc in frame {
                let mut meta = doc.meta.clone();
                extras.extend_from_slice(std::mem::take(&mut meta.extra).json_text().as_bytes());
                extras.push(b'\n');
                let stored = StoredRecordRef {
                    id: doc.id,
                    path: &doc.path,
                    section: doc.section,
                    meta: &meta,
                    encoding: &doc.encoding,
                    passages: doc.passages,
                    chars: doc.chars,
                };
                serde_json::to_writer(&mut lines, &stored).expect("document serialises");
                lines.push(b'\n');
            }
            lines.push(b'\n');
            lines.extend_from_slice(&extras);
            // `bulk` records each frame's size, for one decompression into place.
            let compressed =
                zstd::bulk::compress(&lines, 9).map_err(|e| Error::io(&docs_path, e))?;
            file.extend_from_slice(&compressed);
            self.document_frames.push(file.len() as u64);
        }
        std::fs::write(&docs_path, file).map_err(|e| Error::io(&docs_path, e))?;
        self.dir = index_dir.to_path_buf();
        let table = DocumentTable::new(documents, self.next_id as usize);
        let _ = self.documents.set(table);
        let path = index_dir.join(CATALOG_FILE);
        let tmp = index_dir.join(format!("{CATALOG_FILE}.tmp"));
        let json = serde_json::to_vec(self).expect("catalog serialises");
        std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }

    /// The files the index was built from, read from [`FILES_FILE`].
    pub fn file_list(&self) -> Result<FileList> {
        let path = self.dir.join(FILES_FILE);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| self.incompatible(format!("{FILES_FILE}: {e}")))
    }

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
            let listing = corpus::listing(&self.corpus).ok()?;
            let then = self.file_list().ok()?;
            return differs(&listing.files, &then.files, "text files");
        }
        None
    }
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

/// Progress reported while indexing.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub file: &'a str,
}

/// What an indexing run did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Files indexed, documents, passages and characters in the index after the run.
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub chars: usize,
    /// Files new to the index, whose content changed, gone, and left as they were.
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Why the run started from scratch, when it did not update an existing index.
    pub rebuilt: Option<String>,
    pub skipped: Vec<Skipped>,
    pub seconds: f64,
}

/// The index a run can update, with what it was built from.
struct Previous {
    catalog: Catalog,
    /// The catalog's files by relative path.
    files: HashMap<String, CorpusFile>,
    skipped: HashMap<String, String>,
}

/// Why the index at `index_dir` cannot be updated by a run with these settings, or it.
fn previous_index(
    index_dir: &Path,
    corpus_dir: &Path,
    options: &BuildOptions,
    analysis: &str,
    manifests: &Manifests,
) -> std::result::Result<Previous, String> {
    if options.rebuild {
        return Err("--rebuild".to_string());
    }
    let catalog = match Catalog::load(index_dir) {
        Ok(c) => c,
        Err(Error::MissingIndex(_)) => return Err("no index yet".to_string()),
        Err(e) => return Err(e.to_string()),
    };
    if catalog.analysis != analysis {
        return Err("analysis settings or dictionaries changed".to_string());
    }
    if catalog.corpus != absolute(corpus_dir) {
        return Err(format!(
            "the index was built from {}",
            catalog.corpus.display()
        ));
    }
    if catalog.no_manifest != options.no_manifest
        || catalog.manifest != options.manifest.as_deref().map(absolute)
        || catalog.manifest_hash != manifests.fingerprint
    {
        return Err("manifests changed".to_string());
    }
    if catalog.documents().is_err() {
        return Err("its document list is unreadable".to_string());
    }
    let list = catalog
        .file_list()
        .map_err(|_| "its file list is unreadable".to_string())?;
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

/// A file read and parsed, ready to index.
struct Parsed {
    file: CorpusFile,
    encoding: &'static str,
    documents: Vec<document::Document>,
}

/// Reads, decodes and parses one file, applying manifests and file-name dates. The
/// hash recorded is that of the bytes parsed, whatever happens to the file afterwards.
fn parse_file(
    file: &CorpusFile,
    manifests: &Manifests,
) -> std::result::Result<Parsed, (CorpusFile, String)> {
    let mut file = file.clone();
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => return Err((file, corpus::read_error(&e))),
    };
    file.hash = corpus::content_hash(&bytes);
    let decoded = match corpus::decode_file(&file.relative, &bytes) {
        Ok(d) => d,
        Err(reason) => return Err((file, reason)),
    };
    let mut documents = document::parse(&file.relative, &decoded.text);
    manifests.apply(&file.relative, &mut documents);
    for doc in &mut documents {
        if doc.meta.date.is_none()
            && let Some(d) = date_from_file_name(&file.relative)
        {
            doc.meta.date = Some(d);
            doc.meta
                .sources
                .insert("date".into(), MetadataSource::FileName);
        }
    }
    if documents.is_empty() {
        return Err((file, "no text after repair".to_string()));
    }
    Ok(Parsed {
        file,
        encoding: decoded.encoding,
        documents,
    })
}

/// Builds or updates the index of `corpus_dir` in `index_dir`.
///
/// An existing index built with the same settings is updated: files are compared by
/// content hash, passages of changed and removed files are deleted, new and changed
/// files are parsed and added, and the segments holding deletions are merged so that
/// scores equal those of a rebuild. Either way the result is a new generation, made
/// current only once complete.
pub fn build(
    corpus_dir: &Path,
    index_dir: &Path,
    options: &BuildOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let started = Instant::now();
    let listing = corpus::listing(corpus_dir)?;
    if listing.files.is_empty() {
        return Err(Error::EmptyCorpus(corpus_dir.to_path_buf()));
    }
    let user_dict_text = match &options.user_dict {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?),
        None => None,
    };
    let analysis = analysis::fingerprint(user_dict_text.as_deref());
    let manifests = if options.no_manifest {
        Manifests::default()
    } else {
        Manifests::load(corpus_dir, options.manifest.as_deref())?
    };
    let manifest_files = match (&options.manifest, options.no_manifest) {
        (_, true) => Vec::new(),
        (Some(path), false) => corpus::stat(path, path.display().to_string())
            .into_iter()
            .collect(),
        (None, false) => listing.manifests.clone(),
    };

    let _lock = IndexLock::acquire(index_dir)?;
    let previous = previous_index(index_dir, corpus_dir, options, &analysis, &manifests);
    let mut skipped = listing.skipped.clone();
    skipped.extend(manifests.problems.iter().cloned());

    // Sort the listed files into unchanged (kept as indexed or skipped before) and to
    // parse; whatever the previous index holds beyond those is deleted.
    let mut keep: Vec<CorpusFile> = Vec::new();
    let mut to_parse: Vec<&CorpusFile> = Vec::new();
    let (mut added, mut changed) = (0, 0);
    match &previous {
        Ok(prev) => {
            for file in &listing.files {
                let Some(old) = prev.files.get(&file.relative) else {
                    added += 1;
                    to_parse.push(file);
                    continue;
                };
                let hash = match std::fs::read(&file.path) {
                    Ok(bytes) => corpus::content_hash(&bytes),
                    Err(e) => {
                        skipped.push(Skipped {
                            path: file.relative.clone(),
                            reason: corpus::read_error(&e),
                        });
                        continue;
                    }
                };
                if hash == old.hash {
                    let mut kept = file.clone();
                    kept.hash = hash;
                    if let Some(reason) = prev.skipped.get(&file.relative) {
                        skipped.push(Skipped {
                            path: file.relative.clone(),
                            reason: reason.clone(),
                        });
                    }
                    keep.push(kept);
                } else {
                    changed += 1;
                    to_parse.push(file);
                }
            }
        }
        Err(_) => {
            added = listing.files.len();
            to_parse.extend(&listing.files);
        }
    }
    let unchanged = keep.len();
    let kept_paths: HashSet<&str> = keep.iter().map(|f| f.relative.as_str()).collect();
    let listed: HashSet<&str> = listing.files.iter().map(|f| f.relative.as_str()).collect();
    let removed = previous.as_ref().map_or(0, |prev| {
        prev.files
            .keys()
            .filter(|f| !listed.contains(f.as_str()))
            .count()
    });

    let generation_name = format!(
        "{GENERATION_PREFIX}{}-{}",
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
        std::process::id()
    );
    let generation = index_dir.join(&generation_name);
    std::fs::create_dir_all(&generation).map_err(|e| Error::io(&generation, e))?;
    // From here on the run writes only inside its own generation.
    let root = index_dir;
    let index_dir = generation.as_path();
    let index = match &previous {
        Ok(prev) => {
            link_generation(prev.catalog.dir(), index_dir)?;
            Index::open_in_dir(index_dir).map_err(|e| Error::tantivy(index_dir, e))?
        }
        Err(_) => {
            // zstd stores Chinese text in far less space than lz4; 64 KB blocks at level 9
            // hold the text in 21.6 MB (128 KB at level 7: 20.6 MB) while a passage read
            // alone (mentions of a rare name) decompresses half as much.
            let settings = IndexSettings {
                docstore_compression: Compressor::Zstd(ZstdCompressor {
                    compression_level: Some(9),
                }),
                docstore_blocksize: 64 * 1024,
                ..IndexSettings::default()
            };
            Index::builder()
                .schema(schema())
                .settings(settings)
                .create_in_dir(index_dir)
                .map_err(|e| Error::tantivy(index_dir, e))?
        }
    };
    analysis::register(&index);
    if !to_parse.is_empty() {
        analysis::init_jieba(options.user_dict.as_deref())?;
    }
    let fields = Fields::from_schema(&index.schema())?;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, 128_000_000 * threads)
        .map_err(|e| Error::tantivy(index_dir, e))?;
    // No merges while adding: tantivy's background merges of ever larger segments ran
    // beside full writer buffers and took indexing of 1 GB of text to 1.5 GB of memory
    // (0.84 GB without). Segments are merged once, at the end, when there are many.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));

    // Documents kept from the previous index; those of other files are deleted.
    let mut documents: Vec<DocumentRecord> = Vec::new();
    let mut next_id = 0;
    if let Ok(prev) = &previous {
        next_id = prev.catalog.next_id;
        for record in prev.catalog.documents()? {
            if kept_paths.contains(record.path.as_str()) {
                documents.push(DocumentRecord::clone(record));
            } else {
                writer.delete_term(Term::from_field_u64(fields.doc, record.id));
            }
        }
    }

    let total = to_parse.len();
    let mut files = keep;
    for (n, file) in to_parse.into_iter().enumerate() {
        progress(Progress {
            done: n,
            total,
            file: &file.relative,
        });
        let parsed = match parse_file(file, &manifests) {
            Ok(p) => p,
            Err((file, reason)) => {
                skipped.push(Skipped {
                    path: file.relative.clone(),
                    reason,
                });
                // A file whose bytes were hashed is known: unchanged, it stays skipped.
                if !file.hash.is_empty() {
                    files.push(file);
                }
                continue;
            }
        };
        for doc in parsed.documents {
            let id = next_id;
            next_id += 1;
            add_passages(&writer, &fields, id, &doc).map_err(|e| Error::tantivy(index_dir, e))?;
            documents.push(DocumentRecord {
                id,
                path: doc.path.clone(),
                section: doc.section,
                encoding: parsed.encoding.to_string(),
                passages: doc.passages.len(),
                chars: doc.chars(),
                meta: doc.meta,
            });
        }
        files.push(parsed.file);
    }
    progress(Progress {
        done: total,
        total,
        file: "",
    });
    writer.commit().map_err(|e| Error::tantivy(index_dir, e))?;
    // Deleted passages still count in term statistics until their segment is merged:
    // merge those segments so that scores equal those of a rebuild.
    // Many segments cost every search an opening each: past MAX_SEGMENTS, merge them
    // all into one.
    let segments = index
        .searchable_segment_metas()
        .map_err(|e| Error::tantivy(index_dir, e))?;
    let with_deletes: Vec<_> = segments
        .iter()
        .filter(|m| m.has_deletes() || segments.len() > MAX_SEGMENTS)
        .map(|m| m.id())
        .collect();
    if !with_deletes.is_empty() {
        writer
            .merge(&with_deletes)
            .wait()
            .map_err(|e| Error::tantivy(index_dir, e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| Error::tantivy(index_dir, e))?;
    remove_merged_segment_files(&index, index_dir)?;
    let word_tokens = index
        .reader()
        .and_then(|r| live_token_total(&r.searcher(), fields.text))
        .map_err(|e| Error::tantivy(index_dir, e))?;

    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut catalog = Catalog {
        format: FORMAT_VERSION,
        analysis,
        // Absolute paths: the index may be used from another working directory.
        corpus: absolute(corpus_dir),
        user_dict: options.user_dict.as_deref().map(absolute),
        manifest: options.manifest.as_deref().map(absolute),
        no_manifest: options.no_manifest,
        manifests: manifests.files.clone(),
        manifest_hash: manifests.fingerprint.clone(),
        manifest_files,
        built_at: SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        word_tokens,
        file_count: listing.files.len(),
        dirs: listing.dirs.clone(),
        next_id,
        order: Vec::new(),
        document_frames: Vec::new(),
        dir: index_dir.to_path_buf(),
        documents: OnceLock::new(),
    };
    let summary = Summary {
        files: documents
            .iter()
            .map(|d| d.path.as_str())
            .collect::<HashSet<_>>()
            .len(),
        documents: documents.len(),
        passages: documents.iter().map(|d| d.passages).sum(),
        chars: documents.iter().map(|d| d.chars).sum(),
        added,
        changed,
        removed,
        unchanged,
        rebuilt: previous.err(),
        skipped,
        seconds: 0.0,
    };
    let list = FileList {
        files,
        skipped: summary.skipped.clone(),
    };
    let list_path = index_dir.join(FILES_FILE);
    std::fs::write(
        &list_path,
        serde_json::to_vec(&list).expect("file list serialises"),
    )
    .map_err(|e| Error::io(&list_path, e))?;
    catalog.save(index_dir, documents)?;
    publish(root, &generation_name)?;
    Ok(Summary {
        seconds: started.elapsed().as_secs_f64(),
        ..summary
    })
}

/// Deletes the files of segments merged away. tantivy's own collection keeps them (it
/// counts them as living until its writer is reopened), which left a 16x corpus with
/// its index on disk twice. The generation is not published yet: nothing reads it.
fn remove_merged_segment_files(index: &Index, index_dir: &Path) -> Result<()> {
    let living: HashSet<String> = index
        .searchable_segment_ids()
        .map_err(|e| Error::tantivy(index_dir, e))?
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    let entries = std::fs::read_dir(index_dir).map_err(|e| Error::io(index_dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(index_dir, e))?;
        let name = entry.file_name();
        let Some((stem, _)) = name.to_str().and_then(|n| n.split_once('.')) else {
            continue;
        };
        let segment_file = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if segment_file && !living.contains(stem) {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// The token total of `field` over the live passages, from their field norms, for BM25.
///
/// tantivy sums each segment's exact count, except for a segment merged with deletions,
/// whose count it estimates from the (quantised) field norms: an updated index would
/// score slightly differently from a rebuilt one. Counting every live passage's field
/// norm gives the same total for both. Done once per indexing run, not per query.
pub fn live_token_total(searcher: &tantivy::Searcher, field: Field) -> tantivy::Result<u64> {
    let mut counts = [0u64; 256];
    for segment in searcher.segment_readers() {
        let Some(norms) = segment.fieldnorms_readers().get_field(field)? else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            counts[norms.fieldnorm_id(doc) as usize] += 1;
        }
    }
    Ok(counts
        .iter()
        .enumerate()
        .map(|(id, n)| {
            n * u64::from(tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(
                id as u8,
            ))
        })
        .sum())
}

/// Adds the passages of one document, numbered `id`.
fn add_passages(
    writer: &IndexWriter,
    fields: &Fields,
    id: u64,
    doc: &document::Document,
) -> tantivy::Result<()> {
    let (first, last) = doc.meta.date.map(|d| (d.first_day(), d.last_day())).unzip();
    for (ordinal, passage) in doc.passages.iter().enumerate() {
        let mut td = TantivyDocument::new();
        td.add_text(fields.text, passage);
        td.add_text(fields.exact, passage);
        td.add_u64(fields.doc, id);
        td.add_u64(fields.ordinal, ordinal as u64);
        if let (Some(f), Some(l)) = (first, last) {
            td.add_i64(fields.date_first, f);
            td.add_i64(fields.date_last, l);
        }
        // Speaker and body select documents: on the first passage only.
        if ordinal == 0 {
            if let Some(s) = &doc.meta.speaker {
                td.add_text(fields.speaker, s);
            }
            if let Some(b) = &doc.meta.body {
                td.add_text(fields.body, b);
            }
        }
        writer.add_document(td)?;
    }
    Ok(())
}

/// Fills a new generation with the tantivy files of `from`, by hard links where the
/// file system allows (segment files are never written again once complete; tantivy
/// replaces its metadata files by renaming, which leaves `from` as it was).
fn link_generation(from: &Path, to: &Path) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| Error::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str == CATALOG_FILE
            || name_str == DOCUMENTS_FILE
            || name_str == FILES_FILE
            || name_str.ends_with(".lock")
            || name_str.ends_with(".tmp")
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let target = to.join(&name);
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// File in the index folder naming the generation in use; replaced atomically.
pub const CURRENT_FILE: &str = "CURRENT";
/// File in the index folder held by the indexing run in progress, with its pid.
pub const LOCK_FILE: &str = "LOCK";
const GENERATION_PREFIX: &str = "gen-";

/// The folder of the generation in use. Each indexing run writes a new generation and
/// switches `CURRENT` to it only when complete, so a run killed at any moment leaves the
/// previous generation in use, whole.
pub fn current_generation(index_dir: &Path) -> Result<PathBuf> {
    let current = index_dir.join(CURRENT_FILE);
    match std::fs::read_to_string(&current) {
        Ok(name) if !name.trim().is_empty() => Ok(index_dir.join(name.trim())),
        Ok(_) => Err(Error::MissingIndex(index_dir.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::MissingIndex(index_dir.to_path_buf()))
        }
        Err(e) => Err(Error::io(&current, e)),
    }
}

/// Makes `name` the generation in use, then removes every other generation but the one
/// it replaces (a search that opened it a moment ago can still finish).
fn publish(index_dir: &Path, name: &str) -> Result<()> {
    let previous = current_generation(index_dir).ok();
    let tmp = index_dir.join(format!("{CURRENT_FILE}.tmp"));
    let current = index_dir.join(CURRENT_FILE);
    let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    file.write_all(name.as_bytes())
        .map_err(|e| Error::io(&tmp, e))?;
    file.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &current).map_err(|e| Error::io(&current, e))?;
    let entries = std::fs::read_dir(index_dir).map_err(|e| Error::io(index_dir, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().to_string();
        if file_name.starts_with(GENERATION_PREFIX)
            && file_name != name
            && previous.as_deref() != Some(path.as_path())
            && path.is_dir()
        {
            // Partial generations of killed runs go too; a failure here loses nothing.
            let _ = std::fs::remove_dir_all(&path);
        }
    }
    Ok(())
}

/// The lock an indexing run holds on an index folder; released on drop.
#[derive(Debug)]
pub struct IndexLock {
    path: PathBuf,
}

impl IndexLock {
    /// Takes the lock, or says which live process holds it. A lock left by a process
    /// that no longer runs is stale and taken over.
    pub fn acquire(index_dir: &Path) -> Result<IndexLock> {
        std::fs::create_dir_all(index_dir).map_err(|e| Error::io(index_dir, e))?;
        let path = index_dir.join(LOCK_FILE);
        for _ in 0..3 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    write!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
                    return Ok(IndexLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|p| p.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if process_alive(pid) => {
                            return Err(Error::Locked {
                                path: index_dir.to_path_buf(),
                                pid,
                            });
                        }
                        // Just created, pid not written yet: a live run.
                        None if recently_modified(&path) => {
                            return Err(Error::Locked {
                                path: index_dir.to_path_buf(),
                                pid: 0,
                            });
                        }
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Locked {
            path: index_dir.to_path_buf(),
            pid: 0,
        })
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.is_dir() {
        proc.join(pid.to_string()).exists()
    } else {
        // Without /proc there is no cheap portable check: assume the holder lives.
        true
    }
}

fn recently_modified(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() < 5)
}

/// An index opened for searching.
pub struct IndexHandle {
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub catalog: Catalog,
}

impl IndexHandle {
    /// Opens the index at `index_dir`, registering gongwen's tokenizers.
    pub fn open(index_dir: &Path) -> Result<IndexHandle> {
        IndexHandle::with_catalog(index_dir, Catalog::load(index_dir)?)
    }

    /// Opens the index whose catalog has been read already.
    pub fn with_catalog(index_dir: &Path, catalog: Catalog) -> Result<IndexHandle> {
        let user_dict = match &catalog.user_dict {
            Some(p) => std::fs::read_to_string(p).ok(),
            None => None,
        };
        if catalog.analysis != analysis::fingerprint(user_dict.as_deref()) {
            return Err(Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                reason: "built with other analysis settings or dictionaries".to_string(),
            });
        }
        let index = Index::open_in_dir(&catalog.dir).map_err(|e| Error::tantivy(index_dir, e))?;
        analysis::register(&index);
        let fields =
            Fields::from_schema(&index.schema()).map_err(|_| Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                reason: "schema differs".to_string(),
            })?;
        // Stored text is read in store order (mentions) or a few passages at a time
        // (search): a handful of decompressed blocks is enough, 100 (tantivy's default)
        // would hold 13 MB for nothing.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(8)
            .try_into()
            .map_err(|e| Error::tantivy(index_dir, e))?;
        Ok(IndexHandle {
            path: index_dir.to_path_buf(),
            index,
            reader,
            fields,
            catalog,
        })
    }
}
