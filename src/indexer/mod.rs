//! The indexer: builds or updates the index of a corpus folder. [`build`] only wires the
//! steps together: list the corpus, [`plan`] what changed, write a new generation
//! ([`writer`]: carried-over documents, then each new or changed file ingested), save
//! the catalog and [`publish`] the generation.

pub mod plan;
pub mod publish;
pub mod writer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime};

use crate::analysis::names::rules::NameRules;
use crate::analysis::names::{FoundName, NameKind, discover};
use crate::analysis::{self, Segmenter};
pub use crate::catalog::BuildOptions;
use crate::catalog::{
    Catalog, DocumentNames, DocumentRecord, DocumentSpill, FILES_FILE, FORMAT_VERSION, FileList,
    Holdings, IndexFolder,
};
use crate::corpus::manifest::Manifests;
use crate::corpus::{self, CorpusFile, Listing, Skipped};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::text::fold_str;
pub use plan::Rebuild;
use plan::{Plan, Previous, previous_index};
pub use publish::IndexLock;
use writer::{Writer, parse_file};

/// Progress reported while indexing.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub file: &'a str,
}

/// What an indexing run did.
#[derive(Debug, Clone)]
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
    pub rebuilt: Option<Rebuild>,
    pub skipped: Vec<Skipped>,
    /// Files indexed with a problem (bytes that could not be decoded, mixed encodings).
    pub warnings: Vec<Skipped>,
    pub seconds: f64,
}

impl Summary {
    /// A summary of an index holding `holdings`, nothing else said yet.
    pub fn holding(holdings: Holdings) -> Summary {
        Summary {
            files: holdings.files,
            documents: holdings.documents,
            passages: holdings.passages,
            chars: holdings.chars,
            added: 0,
            changed: 0,
            removed: 0,
            unchanged: 0,
            rebuilt: None,
            skipped: Vec::new(),
            warnings: Vec::new(),
            seconds: 0.0,
        }
    }
}

/// The manifests a run applies, and the manifest files it records to notice an edit.
fn load_manifests(
    corpus_dir: &Path,
    listing: &Listing,
    options: &BuildOptions,
) -> Result<(Manifests, Vec<CorpusFile>)> {
    if options.no_manifest {
        return Ok((Manifests::default(), Vec::new()));
    }
    let manifests = Manifests::load(corpus_dir, options.manifest.as_deref())?;
    let files = match &options.manifest {
        Some(path) => corpus::stat(path, path.display().to_string())
            .into_iter()
            .collect(),
        None => listing.manifests.clone(),
    };
    Ok((manifests, files))
}

/// Builds or updates the index of `corpus_dir` in `index_dir`.
///
/// An existing index built with the same settings is updated: files are compared by
/// content hash, passages of changed and removed files are deleted, new and changed
/// files are parsed and added, and the segments holding deletions are merged so that
/// scores equal those of a rebuild. Either way the result is a new generation, made
/// current only once complete; a run that fails removes what it wrote. A run that
/// finds nothing changed publishes nothing.
pub fn build(
    corpus_dir: &Path,
    index_dir: &Path,
    options: &BuildOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let started = Instant::now();
    let mut listing = corpus::listing(corpus_dir)?;
    options.selection.apply(&mut listing)?;
    if listing.files.is_empty() {
        return Err(Error::EmptyCorpus(corpus_dir.to_path_buf()));
    }
    let segmenter = Arc::new(Segmenter::load(options.user_dict.as_deref())?);
    let analysis = analysis::fingerprint(segmenter.user_text());
    let (manifests, manifest_files) = load_manifests(corpus_dir, &listing, options)?;

    IndexFolder::claim(index_dir, corpus_dir)?;
    let _lock = IndexLock::acquire(index_dir)?;
    let mut folder = IndexFolder::open(index_dir)?;
    let previous = previous_index(index_dir, corpus_dir, options, &analysis, &manifests);
    let mut plan = Plan::new(&listing, &previous);
    let mut skipped = listing.skipped.clone();
    skipped.extend(manifests.problems.iter().cloned());
    skipped.append(&mut plan.skipped);
    if let Ok(prev) = &previous
        && prev.unchanged(&listing, &plan, &manifest_files)
    {
        // Nothing to publish; what killed runs left goes all the same.
        if let Some(name) = prev.catalog.dir().file_name().and_then(|n| n.to_str()) {
            let _ = folder.collect(name);
        }
        let mut summary = prev.summary(skipped);
        summary.warnings.extend(listing.notes.iter().cloned());
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    }
    let run = Run {
        corpus_dir,
        options,
        analysis,
        listing: &listing,
        manifests: &manifests,
        manifest_files,
        segmenter: &segmenter,
    };
    let name = publish::generation_name();
    let generation = folder.create_generation(&name)?;
    // From here on the run writes only inside its own generation, removed on failure.
    let summary = match run.write(&generation, previous, plan, skipped, progress) {
        Ok(summary) => summary,
        Err(e) => {
            folder.discard(&name);
            return Err(Error::WriteFailed {
                path: index_dir.to_path_buf(),
                source: Box::new(e),
            });
        }
    };
    folder.publish(&name)?;
    // Old generations go unless a reader holds them; a failure here loses nothing.
    let _ = folder.collect(&name);
    let mut summary = summary;
    summary.warnings.extend(listing.notes.iter().cloned());
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// What one run writes a generation from.
struct Run<'a> {
    corpus_dir: &'a Path,
    options: &'a BuildOptions,
    analysis: String,
    listing: &'a Listing,
    manifests: &'a Manifests,
    manifest_files: Vec<CorpusFile>,
    segmenter: &'a Arc<Segmenter>,
}

impl Run<'_> {
    /// Writes the new generation: the previous one's unchanged documents carried over,
    /// each file to parse read and added, then the file list and the catalog.
    fn write(
        self,
        generation: &Path,
        previous: std::result::Result<Previous, Rebuild>,
        mut plan: Plan<'_>,
        skipped: Vec<Skipped>,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Summary> {
        let previous_dir = previous
            .as_ref()
            .ok()
            .map(|p| p.catalog.dir().to_path_buf());
        let writer = Writer::open(generation, previous_dir.as_deref(), self.segmenter)?;
        let unchanged = plan.keep.len();
        let mut spill = DocumentSpill::create(generation)?;
        let mut contents = carry_over(&previous, &mut plan, &writer, &mut spill, skipped)?;
        let names = NameReader::new(self.segmenter);
        contents.add_files(
            &plan.to_parse,
            (self.manifests, &self.options.sandbox),
            (&writer, &names, &mut spill),
            progress,
        )?;
        let word_tokens = writer.finish()?;
        let Contents {
            mut files,
            mut skipped,
            warnings,
            next_id,
        } = contents;
        let holdings = spill.holdings();
        files.sort_by(|a, b| a.relative.cmp(&b.relative));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        let summary = Summary {
            added: plan.added,
            changed: plan.changed,
            removed: plan.removed,
            unchanged,
            rebuilt: previous.err(),
            skipped,
            warnings,
            ..Summary::holding(holdings)
        };
        let files_checksum = write_file_list(generation, files, &summary.skipped)?;
        let meta_checksum = crate::catalog::tantivy_meta_checksum(generation)
            .map_err(|e| Error::io(generation.join("meta.json"), e))?;
        let mut catalog = Catalog {
            format: FORMAT_VERSION,
            analysis: self.analysis,
            reader: crate::document::READER.to_string(),
            // Absolute paths: the index may be used from another working directory.
            corpus: absolute(self.corpus_dir),
            user_dict: self.options.user_dict.as_deref().map(absolute),
            manifest: self.options.manifest.as_deref().map(absolute),
            no_manifest: self.options.no_manifest,
            selection: self.options.selection.clone(),
            manifests: self.manifests.files.clone(),
            manifest_hash: self.manifests.fingerprint.clone(),
            manifest_files: self.manifest_files,
            built_at: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            word_tokens,
            file_count: self.listing.files.len(),
            dirs: self.listing.dirs.clone(),
            next_id,
            order: Vec::new(),
            document_frames: Vec::new(),
            files_checksum,
            meta_checksum,
            dir: generation.to_path_buf(),
            documents: OnceLock::new(),
            lease: None,
        };
        catalog.save(generation, spill.finish()?)?;
        Ok(summary)
    }
}

/// What the new generation holds, gathered as the run goes.
struct Contents {
    /// Every listed file the run read or kept, with its hash.
    files: Vec<CorpusFile>,
    skipped: Vec<Skipped>,
    /// Files read with a problem (bytes replaced, mixed encodings), and what it was.
    warnings: Vec<Skipped>,
    /// The id the next new document gets.
    next_id: u64,
}

/// The documents of the files kept from the previous generation, written to `spill`;
/// the passages of every other document of it are deleted.
fn carry_over(
    previous: &std::result::Result<Previous, Rebuild>,
    plan: &mut Plan<'_>,
    writer: &Writer,
    spill: &mut DocumentSpill,
    skipped: Vec<Skipped>,
) -> Result<Contents> {
    let mut contents = Contents {
        files: std::mem::take(&mut plan.keep),
        skipped,
        warnings: Vec::new(),
        next_id: 0,
    };
    let Ok(prev) = previous else {
        return Ok(contents);
    };
    let kept: HashSet<&str> = contents.files.iter().map(|f| f.relative.as_str()).collect();
    contents.next_id = prev.catalog.next_id;
    for record in prev.catalog.documents()? {
        if kept.contains(record.path.as_str()) {
            spill.push(record)?;
        } else {
            writer.delete(record.id);
        }
    }
    Ok(contents)
}

/// Documents' texts waiting for the name reader at most.
const NAME_QUEUE: usize = 256;

/// The names in each document added, read as the indexer adds it (so that `names` only
/// gathers and counts): the rules of every kind, over the folded text `names` counts in.
struct NameReader<'a> {
    rules: NameRules,
    segmenter: &'a Segmenter,
}

impl<'a> NameReader<'a> {
    fn new(segmenter: &'a Segmenter) -> Self {
        NameReader {
            rules: NameRules::new(&NameKind::ALL),
            segmenter,
        }
    }

    /// A document's texts as `names` reads them: the header passage, then each passage.
    fn texts(doc: &Document) -> Vec<String> {
        let header = (!doc.header.is_empty()).then(|| doc.header_text());
        header
            .into_iter()
            .chain(doc.passages.iter().cloned())
            .collect()
    }

    fn read(&self, texts: &[String]) -> Vec<FoundName> {
        let folded: Vec<String> = texts.iter().map(|t| fold_str(t)).collect();
        discover(
            &self.rules,
            self.segmenter.jieba(),
            folded.iter().map(String::as_str),
        )
    }
}

impl Contents {
    /// Reads, ingests and adds each file to parse; a file that fails is skipped with its
    /// reason and the run goes on. Each document's record, with the names read in it,
    /// goes to `spill`.
    fn add_files(
        &mut self,
        to_parse: &[&CorpusFile],
        inputs: (&Manifests, &corpus::Sandbox),
        (writer, names, spill): (&Writer, &NameReader<'_>, &mut DocumentSpill),
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<()> {
        // Names are read, and records spilled, on a thread of their own while the files
        // are parsed and added.
        let (records, todo) =
            std::sync::mpsc::sync_channel::<(DocumentRecord, Vec<String>)>(NAME_QUEUE);
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || -> Result<()> {
                for (mut record, texts) in todo {
                    record.names = DocumentNames::new(names.read(&texts));
                    spill.push(&record)?;
                }
                Ok(())
            });
            let added = self.parse_and_add(to_parse, inputs, writer, &records, progress);
            drop(records);
            let spilled = reader.join().expect("reading names does not panic");
            added.and(spilled)
        })
    }

    /// Reads, ingests and adds each file to parse, sending each document's record and
    /// texts to `names`.
    fn parse_and_add(
        &mut self,
        to_parse: &[&CorpusFile],
        (manifests, sandbox): (&Manifests, &corpus::Sandbox),
        writer: &Writer,
        names: &std::sync::mpsc::SyncSender<(DocumentRecord, Vec<String>)>,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<()> {
        let total = to_parse.len();
        for (n, file) in to_parse.iter().enumerate() {
            progress(Progress {
                done: n,
                total,
                file: &file.relative,
            });
            let parsed = match parse_file(file, manifests, sandbox) {
                Ok(p) => p,
                Err((file, reason)) => {
                    self.skipped.push(Skipped {
                        path: file.relative.clone(),
                        reason,
                    });
                    // Recorded while it exists: unchanged, it stays skipped, and a search
                    // does not take it for a file added since. One whose bytes were not
                    // read (too large, unreadable) is known by its size and time alone.
                    if !file.hash.is_empty() || file.path.exists() {
                        self.files.push(file);
                    }
                    continue;
                }
            };
            for doc in parsed.documents {
                let id = self.next_id;
                self.next_id += 1;
                writer
                    .add(id, &doc)
                    .map_err(|e| Error::tantivy(writer.dir(), e))?;
                let texts = NameReader::texts(&doc);
                let record = writer::record(id, doc, parsed.encoding, Vec::new());
                // A send fails only if the reader stopped on an error, which its join
                // reports: nothing more is worth adding.
                if names.send((record, texts)).is_err() {
                    return Ok(());
                }
            }
            self.warnings
                .extend(parsed.warnings.into_iter().map(|reason| Skipped {
                    path: parsed.file.relative.clone(),
                    reason,
                }));
            self.files.push(parsed.file);
        }
        progress(Progress {
            done: total,
            total,
            file: "",
        });
        Ok(())
    }
}

/// Writes the generation's file list; returns its checksum.
fn write_file_list(
    generation: &Path,
    files: Vec<CorpusFile>,
    skipped: &[Skipped],
) -> Result<String> {
    let list = FileList {
        files,
        skipped: skipped.to_vec(),
    };
    let path = generation.join(FILES_FILE);
    let bytes = serde_json::to_vec(&list).expect("file list serialises");
    crate::catalog::generations::write_synced(&path, &bytes)?;
    Ok(crate::catalog::checksum(&bytes))
}

/// `path` made absolute where it exists (the index may be used from another folder).
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
