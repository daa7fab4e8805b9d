//! The document list (`documents.jsonl.zst`): one record per document in (path,
//! section) order, [`DOCUMENTS_PER_FRAME`] to an independently compressed zstd frame. A
//! frame holds its documents' lines, an empty line, then each document's manifest extras
//! (`{}` for none) in the same order: reading the list never tokenises the extras (two
//! thirds of its bytes with the sample manifests), which are parsed when a field of them
//! is asked for. One document is read by decompressing its frame alone; the whole list
//! is read once, on first need, and shared.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{
    CATALOG_FILE, Catalog, DOCUMENTS_FILE, DOCUMENTS_PER_FRAME, DocumentRecord, NO_DOCUMENT,
};
use crate::analysis::names::FoundName;
use crate::document::Metadata;
use crate::error::{Error, Result};

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
    header: bool,
    passages: usize,
    chars: usize,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    names: &'a [FoundName],
}

#[derive(Deserialize)]
struct StoredRecord {
    id: u64,
    path: String,
    section: usize,
    meta: Metadata,
    encoding: String,
    #[serde(default)]
    header: bool,
    passages: usize,
    chars: usize,
    #[serde(default)]
    names: Vec<FoundName>,
}

impl StoredRecord {
    fn into_record(self) -> DocumentRecord {
        DocumentRecord {
            id: self.id,
            path: self.path,
            section: self.section,
            meta: self.meta,
            encoding: self.encoding,
            header: self.header,
            passages: self.passages,
            chars: self.chars,
            names: self.names,
        }
    }
}

/// Every document, in (path, section) order, with the position of each id.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocumentTable {
    /// Shared: mentions hand each record to every one of the document's mentions.
    records: Vec<Arc<DocumentRecord>>,
    position: Vec<u32>,
}

impl DocumentTable {
    pub(crate) fn new(records: Vec<DocumentRecord>, ids: usize) -> DocumentTable {
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

impl Catalog {
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
            return Err(self.damaged(format!(
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
            .ok_or_else(|| self.damaged(format!("passage refers to unknown document {id}")))
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
            .ok_or_else(|| self.damaged(format!("document {id} is not in its frame")))
    }

    /// Document `id` and the others stored in its frame of [`DOCUMENTS_FILE`] (neighbours
    /// in path order), read alone: what reading one costs gives them all.
    pub fn neighbours(&self, id: u64) -> Result<Vec<DocumentRecord>> {
        let frame = self
            .frame_of(id)
            .ok_or_else(|| self.damaged(format!("no document {id}")))?;
        self.frame(frame)
    }

    /// Document `id`, or `None` when the index has no such document (an id a user typed:
    /// not damage, unlike an id a passage refers to).
    pub fn find_document(&self, id: u64) -> Result<Option<DocumentRecord>> {
        match self.frame_of(id) {
            Some(_) => self.document(id).map(Some),
            None => Ok(None),
        }
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
            return Err(self.damaged(format!("{DOCUMENTS_FILE}: no frame {last}")));
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
                .ok_or_else(|| self.damaged(format!("{DOCUMENTS_FILE}: no frame {frame}")))?;
            // Frames record their size (written by `bulk::compress`).
            let size = zstd::bulk::Decompressor::upper_bound(range)
                .ok_or_else(|| self.damaged(format!("{DOCUMENTS_FILE}: frame {frame}")))?;
            // Frames carry a checksum of their content, checked here.
            let text = decompressor.decompress(range, size).map_err(|e| {
                self.damaged(format!("{DOCUMENTS_FILE}: frame {frame} is damaged ({e})"))
            })?;
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
        let bad = |what: String| self.damaged(format!("{DOCUMENTS_FILE}: {what}"));
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
    pub(crate) fn save(
        &mut self,
        index_dir: &Path,
        mut documents: Vec<DocumentRecord>,
    ) -> Result<()> {
        documents.sort_by(|a, b| a.path.cmp(&b.path).then(a.section.cmp(&b.section)));
        let docs_path = index_dir.join(DOCUMENTS_FILE);
        self.order = vec![NO_DOCUMENT; self.next_id as usize];
        for (n, doc) in documents.iter().enumerate() {
            self.order[doc.id as usize] = n as u32;
        }
        let mut file = Vec::new();
        self.document_frames = vec![0];
        let mut compressor =
            zstd::bulk::Compressor::new(9).map_err(|e| Error::io(&docs_path, e))?;
        // Each frame checks its content when read: bit rot is an error, not a wrong answer.
        compressor
            .include_checksum(true)
            .map_err(|e| Error::io(&docs_path, e))?;
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
                    header: doc.header,
                    passages: doc.passages,
                    chars: doc.chars,
                    names: &doc.names,
                };
                serde_json::to_writer(&mut lines, &stored).expect("document serialises");
                lines.push(b'\n');
            }
            lines.push(b'\n');
            lines.extend_from_slice(&extras);
            // `bulk` records each frame's size, for one decompression into place.
            let compressed = compressor
                .compress(&lines)
                .map_err(|e| Error::io(&docs_path, e))?;
            file.extend_from_slice(&compressed);
            self.document_frames.push(file.len() as u64);
        }
        super::generations::write_synced(&docs_path, &file)?;
        self.dir = index_dir.to_path_buf();
        let table = DocumentTable::new(documents, self.next_id as usize);
        let _ = self.documents.set(table);
        let path = index_dir.join(CATALOG_FILE);
        let tmp = index_dir.join(format!("{CATALOG_FILE}.tmp"));
        let json = serde_json::to_vec(self).expect("catalog serialises");
        super::generations::write_synced(&tmp, &super::with_checksum(&json))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }
}
