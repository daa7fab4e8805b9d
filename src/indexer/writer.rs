//! Writing one generation: its tantivy index (created, or linked from the previous
//! generation), the passages of each parsed file, and the closing commit and merges.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument, Term};

use crate::analysis::names::FoundName;
use crate::analysis::{self, Segmenter};
use crate::catalog::{
    CATALOG_FILE, DOCUMENTS_FILE, DocumentNames, DocumentRecord, FILES_FILE, Fields, schema,
};
use crate::corpus::manifest::Manifests;
use crate::corpus::{self, CorpusFile};
use crate::document::{self, Document};
use crate::error::{Error, Result};

/// Segments an index may end a run with before they are merged (in groups of at most
/// [`MERGE_INPUT_BYTES`]). A fresh build
/// writes one per writer thread, plus one each time a thread's 128 MB buffer fills: 15
/// for 1 GB of text, which searches as fast as one merged segment (measured), while
/// merging them cost a quarter more time and memory.
const MAX_SEGMENTS: usize = 32;

/// Segment bytes one merge reads at most. A merge maps every segment it reads, and what
/// it has read stays resident until it ends: merging the 8 GB of a 100x corpus into one
/// segment took the run's memory from under 1 GB to 11.7 GB (at 16x, one merge of
/// 1.2 GB: 0.74 GB private + 1.25 GB mapped). In groups of at most this size a run
/// stays under its writing memory plus this (16x, groups of 300 MB: 0.67 + 0.27 GB), and
/// an index of S bytes with more than MAX_SEGMENTS segments ends with about S / 512 MB
/// (16 at 100x).
const MERGE_INPUT_BYTES: u64 = 512 << 20;

/// The tantivy side of a generation being written.
pub struct Writer {
    pub index: Index,
    pub fields: Fields,
    writer: IndexWriter,
    dir: std::path::PathBuf,
}

impl Writer {
    /// Opens the index of the new generation `dir`: the previous generation's segments
    /// linked in when there is one to update, else a new empty index.
    pub fn open(dir: &Path, previous: Option<&Path>, segmenter: &Arc<Segmenter>) -> Result<Writer> {
        let tantivy = |e| Error::tantivy(dir, e);
        let index = match previous {
            Some(from) => {
                link_generation(from, dir)?;
                Index::open_in_dir(dir).map_err(tantivy)?
            }
            None => {
                // zstd stores Chinese text in far less space than lz4; 64 KB blocks at
                // level 9 hold the text in 21.6 MB (128 KB at level 7: 20.6 MB) while a
                // passage read alone (mentions of a rare name) decompresses half as much.
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
                    .create_in_dir(dir)
                    .map_err(tantivy)?
            }
        };
        analysis::register(&index, segmenter);
        let fields = Fields::from_schema(&index.schema())?;
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 8);
        let writer: IndexWriter = index
            .writer_with_num_threads(threads, 128_000_000 * threads)
            .map_err(tantivy)?;
        // No merges while adding: tantivy's background merges of ever larger segments ran
        // beside full writer buffers and took indexing of 1 GB of text to 1.5 GB of
        // memory (0.84 GB without). Segments are merged once, at the end, when many.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        Ok(Writer {
            index,
            fields,
            writer,
            dir: dir.to_path_buf(),
        })
    }

    /// The generation folder written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Deletes the passages of document `id`.
    pub fn delete(&self, id: u64) {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.doc, id));
    }

    /// Adds the passages of one document, numbered `id`.
    pub fn add(&self, id: u64, doc: &Document) -> tantivy::Result<()> {
        let fields = &self.fields;
        let (first, last) = doc.meta.date.map(|d| (d.first_day(), d.last_day())).unzip();
        let chars = doc.chars() as u64;
        for (ordinal, passage) in doc.passages.iter().enumerate() {
            let mut td = TantivyDocument::new();
            td.add_text(fields.text, passage);
            td.add_text(fields.exact, passage);
            td.add_u64(fields.doc, id);
            td.add_u64(fields.ordinal, ordinal as u64);
            td.add_u64(fields.doc_chars, chars);
            if let (Some(f), Some(l)) = (first, last) {
                td.add_i64(fields.date_first, f);
                td.add_i64(fields.date_last, l);
            }
            if ordinal == 0 {
                add_described(&mut td, fields, doc);
            }
            self.writer.add_document(td)?;
        }
        let header = doc.header_text();
        if !header.is_empty() {
            let mut td = TantivyDocument::new();
            td.add_text(fields.text, &header);
            td.add_text(fields.exact, &header);
            td.add_u64(fields.doc, id);
            td.add_u64(fields.ordinal, document::HEADER_PASSAGE);
            td.add_u64(fields.doc_chars, chars);
            if doc.passages.is_empty() {
                add_described(&mut td, fields, doc);
            }
            if let (Some(f), Some(l)) = (first, last) {
                td.add_i64(fields.date_first, f);
                td.add_i64(fields.date_last, l);
            }
            self.writer.add_document(td)?;
        }
        Ok(())
    }

    /// Commits, merges what needs merging and removes merged-away files; returns the
    /// word-token total of the live passages (for BM25).
    pub fn finish(mut self) -> Result<u64> {
        let dir = self.dir.clone();
        let tantivy = |e| Error::tantivy(&dir, e);
        self.writer.commit().map_err(tantivy)?;
        // Deleted passages still count in term statistics until their segment is merged:
        // merge those segments so that scores equal those of a rebuild. Many segments
        // cost every search an opening each: past MAX_SEGMENTS, merge them all, in
        // groups of at most MERGE_INPUT_BYTES, one group at a time.
        let segments = self.index.searchable_segment_metas().map_err(tantivy)?;
        let sizes = segment_sizes(&dir)?;
        let candidates: Vec<(tantivy::index::SegmentId, u64, bool)> = segments
            .iter()
            .filter(|m| m.has_deletes() || segments.len() > MAX_SEGMENTS)
            .map(|m| {
                let size = sizes.get(&m.id().uuid_string()).copied().unwrap_or(0);
                (m.id(), size, m.has_deletes())
            })
            .collect();
        for group in merge_groups(&candidates, MERGE_INPUT_BYTES) {
            self.writer.merge(&group).wait().map_err(tantivy)?;
        }
        self.writer.wait_merging_threads().map_err(tantivy)?;
        remove_merged_segment_files(&self.index, &dir)?;
        self.index
            .reader()
            .and_then(|r| live_token_total(&r.searcher(), self.fields.text))
            .map_err(tantivy)
    }
}

/// A file read and parsed, ready to index.
pub struct Parsed {
    pub file: CorpusFile,
    pub encoding: &'static str,
    /// What could not be decoded cleanly.
    pub warnings: Vec<String>,
    pub documents: Vec<Document>,
}

/// Reads, decodes and ingests one file. The hash recorded is that of the bytes parsed,
/// whatever happens to the file afterwards. On failure, the file (hashed if it was read)
/// and the reason.
pub fn parse_file(
    file: &CorpusFile,
    manifests: &Manifests,
    sandbox: &corpus::Sandbox,
) -> std::result::Result<Parsed, (CorpusFile, String)> {
    let mut file = file.clone();
    let bytes = match corpus::read_bounded(&file.path, corpus::MAX_DOCUMENT_BYTES) {
        Ok(b) => b,
        Err(e) => return Err((file, corpus::read_error(&e))),
    };
    file.hash = corpus::content_hash(&bytes);
    // What was read is what is recorded: its length, and the time listed only if the
    // file still has it after the read. A file rewritten meanwhile is recorded with no
    // time, so the next command sees it changed and reads it again, rather than trusting
    // the final size and time over an earlier content.
    file.size = bytes.len() as u64;
    let after = corpus::stat(&file.path, file.relative.clone());
    if after.is_err() || after.is_ok_and(|a| a.size != file.size || a.modified != file.modified) {
        file.modified = 0;
    }
    let decoded = match corpus::decode_file(&file.relative, &bytes, sandbox) {
        Ok(d) => d,
        Err(reason) => return Err((file, reason)),
    };
    let documents = document::ingest(&file.relative, &decoded.text, manifests);
    let mut warnings = decoded.warnings;
    warnings.extend(document::ingest::record_problems(&file.relative, manifests));
    if documents.is_empty() {
        return Err((file, "no text after repair".to_string()));
    }
    Ok(Parsed {
        file,
        encoding: decoded.encoding,
        warnings,
        documents,
    })
}

/// The record of a document just added as `id`, with the names read in it.
pub fn record(id: u64, doc: Document, encoding: &str, names: Vec<FoundName>) -> DocumentRecord {
    DocumentRecord {
        names: DocumentNames::new(names),
        id,
        header: !doc.header.is_empty(),
        passages: doc.passages.len(),
        chars: doc.chars(),
        path: doc.path,
        section: doc.section,
        encoding: encoding.to_string(),
        meta: doc.meta,
    }
}

/// The bytes of each segment's files in generation `dir`, by segment id.
fn segment_sizes(dir: &Path) -> Result<std::collections::HashMap<String, u64>> {
    let mut sizes = std::collections::HashMap::new();
    for (segment, path) in segment_files(dir)? {
        let len = std::fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .len();
        *sizes.entry(segment).or_insert(0) += len;
    }
    Ok(sizes)
}

/// The segment files in generation `dir` (named by a segment's 32-hex-digit id), each
/// with its segment id.
fn segment_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let Some((stem, _)) = name.to_str().and_then(|n| n.split_once('.')) else {
            continue;
        };
        if stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) {
            files.push((stem.to_string(), entry.path()));
        }
    }
    Ok(files)
}

/// The merges to run: `candidates` (id, bytes, has deletes), in order, packed into
/// groups of at most `cap` bytes (a segment larger than `cap` alone). A group of one is
/// merged only to drop its deleted passages.
fn merge_groups<Id: Clone>(candidates: &[(Id, u64, bool)], cap: u64) -> Vec<Vec<Id>> {
    let mut groups: Vec<Vec<(Id, u64, bool)>> = Vec::new();
    let mut bytes = 0;
    for candidate in candidates {
        match groups.last_mut() {
            Some(group) if bytes + candidate.1 <= cap => {
                bytes += candidate.1;
                group.push(candidate.clone());
            }
            _ => {
                bytes = candidate.1;
                groups.push(vec![candidate.clone()]);
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.len() > 1 || g.iter().any(|c| c.2))
        .map(|g| g.into_iter().map(|c| c.0).collect())
        .collect()
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
    for (segment, path) in segment_files(index_dir)? {
        if !living.contains(&segment) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
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

/// What the document is — its title and subtitle, kind, speaker and body — on one
/// passage of it (the first): what a query's term may match without occurring in the
/// text.
fn add_described(td: &mut TantivyDocument, fields: &Fields, doc: &Document) {
    let meta = &doc.meta;
    for title in [&meta.title, &meta.subtitle].into_iter().flatten() {
        td.add_text(fields.title, title);
    }
    if let Some(kind) = &meta.doc_type {
        td.add_text(fields.doc_type, kind);
    }
    if let Some(s) = &meta.speaker {
        td.add_text(fields.speaker, s);
    }
    if let Some(b) = &meta.body {
        td.add_text(fields.body, b);
    }
}

#[cfg(test)]
mod tests {
    use super::merge_groups;

    #[test]
    fn merges_are_packed_in_order_under_the_cap_and_a_lone_segment_only_for_its_deletes() {
        let candidates = [
            ("a", 400, false),
            ("b", 500, false),
            ("c", 300, false),
            ("d", 2000, false),
            ("e", 100, true),
            ("f", 100, false),
            ("g", 900, true),
            ("h", 950, false),
        ];
        assert_eq!(
            merge_groups(&candidates, 1000),
            vec![vec!["a", "b"], vec!["e", "f"], vec!["g"]]
        );
        // Everything in one group when the cap allows it.
        assert_eq!(
            merge_groups(&candidates[..3], u64::MAX),
            vec![vec!["a", "b", "c"]]
        );
        assert!(merge_groups::<&str>(&[], 1000).is_empty());
    }
}
