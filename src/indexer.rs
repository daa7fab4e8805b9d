//! The index on disk: a tantivy index of passages plus `gongwen.json`, the catalog of
//! files and documents it was built from.
//!
//! Each passage is a tantivy document with its text twice analysed (`text` with jieba
//! words for ranking, `exact` with character bigrams for exact recall), the number of
//! its document in the catalog, its ordinal, the document's date range (`YYYYMMDD`
//! numbers) and speaker and body analysed like `exact`, for filters. Document metadata
//! lives once, in the catalog. The catalog is written last: an index folder without one
//! is incomplete and gets rebuilt.

use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::analysis::{self, EXACT_TOKENIZER, WORD_TOKENIZER};
use crate::corpus::{self, CorpusFile, Skipped};
use crate::document::metadata::date_from_file_name;
use crate::document::{self, Metadata, MetadataSource};
use crate::error::{Error, Result};
use crate::manifest::Manifests;

/// Version of the on-disk layout; bumped when fields or the catalog change.
pub const FORMAT_VERSION: u32 = 3;
/// Name of the catalog file inside the index folder.
pub const CATALOG_FILE: &str = "gongwen.json";
/// Name of the document list inside the index folder, one JSON object a line.
pub const DOCUMENTS_FILE: &str = "documents.jsonl";

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
    let exact = TextOptions::default().set_indexing_options(analysed(EXACT_TOKENIZER));
    builder.add_text_field("exact", exact.clone());
    builder.add_u64_field("doc", FAST | STORED);
    builder.add_u64_field("ordinal", FAST | STORED);
    builder.add_i64_field("date_first", FAST | INDEXED);
    builder.add_i64_field("date_last", FAST | INDEXED);
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
    pub built_at: u64,
    pub files: Vec<CorpusFile>,
    pub skipped: Vec<Skipped>,
    /// Byte offset of each document's line in `documents.jsonl`, by document id.
    pub document_offsets: Vec<u64>,
    /// The index folder, set on load.
    #[serde(skip)]
    dir: PathBuf,
    /// All documents, read on first use: a search needs only its hits' documents.
    #[serde(skip)]
    documents: OnceLock<Vec<DocumentRecord>>,
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
        let mut catalog: Catalog =
            serde_json::from_slice(&bytes).map_err(|e| Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                reason: format!("unreadable catalog: {e}"),
            })?;
        if catalog.format != FORMAT_VERSION {
            return Err(Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                reason: format!(
                    "format {} but this gongwen reads {FORMAT_VERSION}",
                    catalog.format
                ),
            });
        }
        catalog.dir = generation;
        Ok(catalog)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.document_offsets.len()
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.document_offsets.is_empty()
    }

    fn incompatible(&self, reason: String) -> Error {
        Error::IncompatibleIndex {
            path: self.dir.clone(),
            reason,
        }
    }

    /// Every document, by id.
    pub fn documents(&self) -> Result<&[DocumentRecord]> {
        if let Some(docs) = self.documents.get() {
            return Ok(docs);
        }
        let path = self.dir.join(DOCUMENTS_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let docs = text
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .map_err(|e| self.incompatible(format!("{DOCUMENTS_FILE}: {e}")))
            })
            .collect::<Result<Vec<DocumentRecord>>>()?;
        if docs.len() != self.len() {
            return Err(self.incompatible(format!(
                "{DOCUMENTS_FILE} holds {} documents, the catalog {}",
                docs.len(),
                self.len()
            )));
        }
        Ok(self.documents.get_or_init(|| docs))
    }

    /// One document, read alone from its line unless all are loaded already.
    pub fn document(&self, id: u64) -> Result<DocumentRecord> {
        if let Some(docs) = self.documents.get() {
            return docs
                .get(id as usize)
                .cloned()
                .ok_or_else(|| self.incompatible(format!("no document {id}")));
        }
        let start = *self
            .document_offsets
            .get(id as usize)
            .ok_or_else(|| self.incompatible(format!("no document {id}")))?;
        let path = self.dir.join(DOCUMENTS_FILE);
        let mut file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        file.seek(SeekFrom::Start(start))
            .map_err(|e| Error::io(&path, e))?;
        let mut line = String::new();
        BufReader::new(file)
            .read_line(&mut line)
            .map_err(|e| Error::io(&path, e))?;
        serde_json::from_str(&line).map_err(|e| self.incompatible(format!("{DOCUMENTS_FILE}: {e}")))
    }

    fn save(&mut self, index_dir: &Path, documents: Vec<DocumentRecord>) -> Result<()> {
        let docs_path = index_dir.join(DOCUMENTS_FILE);
        let mut lines = Vec::new();
        self.document_offsets.clear();
        for doc in &documents {
            self.document_offsets.push(lines.len() as u64);
            serde_json::to_writer(&mut lines, doc).expect("document serialises");
            lines.push(b'\n');
        }
        std::fs::write(&docs_path, lines).map_err(|e| Error::io(&docs_path, e))?;
        self.dir = index_dir.to_path_buf();
        let _ = self.documents.set(documents);
        let path = index_dir.join(CATALOG_FILE);
        let tmp = index_dir.join(format!("{CATALOG_FILE}.tmp"));
        let json = serde_json::to_vec(self).expect("catalog serialises");
        std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }

    /// Why the index no longer reflects its corpus folder, if it does not.
    pub fn staleness(&self) -> Option<String> {
        let (files, _) = corpus::list(&self.corpus).ok()?;
        if files.len() != self.files.len() {
            return Some(format!(
                "{} has {} text files, the index {}",
                self.corpus.display(),
                files.len(),
                self.files.len()
            ));
        }
        for (now, then) in files.iter().zip(&self.files) {
            if now.relative != then.relative
                || now.size != then.size
                || now.modified != then.modified
            {
                return Some(format!(
                    "{} changed since the index was built",
                    now.relative
                ));
            }
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
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub chars: usize,
    pub skipped: Vec<Skipped>,
    pub seconds: f64,
}

/// Builds the index of `corpus_dir` into `index_dir` from scratch.
pub fn build(
    corpus_dir: &Path,
    index_dir: &Path,
    options: &BuildOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let started = Instant::now();
    let (files, mut skipped) = corpus::list(corpus_dir)?;
    if files.is_empty() {
        return Err(Error::EmptyCorpus(corpus_dir.to_path_buf()));
    }
    let user_dict_text = match &options.user_dict {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?),
        None => None,
    };
    analysis::init_jieba(options.user_dict.as_deref())?;
    let manifests = if options.no_manifest {
        Manifests::default()
    } else {
        Manifests::load(corpus_dir, options.manifest.as_deref())?
    };
    skipped.extend(manifests.problems.iter().cloned());

    let _lock = IndexLock::acquire(index_dir)?;
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
    // zstd stores Chinese text in less space than lz4.
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
        ..IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema())
        .settings(settings)
        .create_in_dir(index_dir)
        .map_err(|e| Error::tantivy(index_dir, e))?;
    analysis::register(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, 128_000_000 * threads)
        .map_err(|e| Error::tantivy(index_dir, e))?;

    let mut documents = Vec::new();
    let mut indexed_files = Vec::new();
    let mut passages = 0;
    let mut chars = 0;
    for (n, file) in files.iter().enumerate() {
        progress(Progress {
            done: n,
            total: files.len(),
            file: &file.relative,
        });
        let decoded = match corpus::read(file) {
            Ok(d) => d,
            Err(reason) => {
                skipped.push(Skipped {
                    path: file.relative.clone(),
                    reason,
                });
                continue;
            }
        };
        let mut parsed = document::parse(&file.relative, &decoded.text);
        manifests.apply(&file.relative, &mut parsed);
        for doc in &mut parsed {
            if doc.meta.date.is_none()
                && let Some(d) = date_from_file_name(&file.relative)
            {
                doc.meta.date = Some(d);
                doc.meta
                    .sources
                    .insert("date".into(), MetadataSource::FileName);
            }
        }
        // A document with metadata but no passages is still catalogued.
        if parsed.is_empty() {
            skipped.push(Skipped {
                path: file.relative.clone(),
                reason: "no text after repair".to_string(),
            });
            continue;
        }
        indexed_files.push(file.clone());
        for doc in parsed {
            let id = documents.len() as u64;
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
                if let Some(s) = &doc.meta.speaker {
                    td.add_text(fields.speaker, s);
                }
                if let Some(b) = &doc.meta.body {
                    td.add_text(fields.body, b);
                }
                writer
                    .add_document(td)
                    .map_err(|e| Error::tantivy(index_dir, e))?;
            }
            passages += doc.passages.len();
            chars += doc.chars();
            documents.push(DocumentRecord {
                id,
                path: doc.path.clone(),
                section: doc.section,
                meta: doc.meta.clone(),
                encoding: decoded.encoding.to_string(),
                passages: doc.passages.len(),
                chars: doc.chars(),
            });
        }
    }
    progress(Progress {
        done: files.len(),
        total: files.len(),
        file: "",
    });
    writer.commit().map_err(|e| Error::tantivy(index_dir, e))?;
    // One segment opens fastest: merge what the indexing threads wrote.
    let segments = index
        .searchable_segment_ids()
        .map_err(|e| Error::tantivy(index_dir, e))?;
    if segments.len() > 1 {
        writer
            .merge(&segments)
            .wait()
            .map_err(|e| Error::tantivy(index_dir, e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| Error::tantivy(index_dir, e))?;

    let mut catalog = Catalog {
        format: FORMAT_VERSION,
        analysis: analysis::fingerprint(user_dict_text.as_deref()),
        // Absolute paths: the index may be used from another working directory.
        corpus: absolute(corpus_dir),
        user_dict: options.user_dict.as_deref().map(absolute),
        manifest: options.manifest.as_deref().map(absolute),
        no_manifest: options.no_manifest,
        manifests: manifests.files.clone(),
        built_at: SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        // Every listed file, skipped ones included: the corpus state to compare against.
        files: files.clone(),
        skipped: skipped.clone(),
        document_offsets: Vec::new(),
        dir: index_dir.to_path_buf(),
        documents: OnceLock::new(),
    };
    let count = documents.len();
    catalog.save(index_dir, documents)?;
    publish(root, &generation_name)?;
    Ok(Summary {
        files: indexed_files.len(),
        documents: count,
        passages,
        chars,
        skipped,
        seconds: started.elapsed().as_secs_f64(),
    })
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
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
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
