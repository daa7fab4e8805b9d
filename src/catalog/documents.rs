//! The document list (`documents.jsonl.zst`): one record per document in (path,
//! section) order, [`DOCUMENTS_PER_FRAME`] to an independently compressed zstd frame. A
//! frame holds its documents' lines, an empty line, then each document's manifest extras
//! (`{}` for none) in the same order: reading the list never tokenises the extras (two
//! thirds of its bytes with the sample manifests), which are parsed when a field of them
//! is asked for. One document is read by decompressing its frame alone; the whole list
//! is read once, on first need, and shared.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::record::DocumentNames;
use super::spill::SortedSpill;
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
    /// Kept as text: see [`DocumentNames`].
    #[serde(default)]
    names: Option<Box<serde_json::value::RawValue>>,
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
            names: self.names.map_or_else(DocumentNames::default, |raw| {
                DocumentNames::from_json_text(raw.get())
            }),
        }
    }
}

/// A document's line in [`DOCUMENTS_FILE`] and its manifest extras' line (without
/// their newlines).
pub(crate) fn stored_lines(doc: &DocumentRecord) -> (Vec<u8>, Vec<u8>) {
    let mut meta = doc.meta.clone();
    let extras = std::mem::take(&mut meta.extra).json_text().into_bytes();
    let stored = StoredRecordRef {
        id: doc.id,
        path: &doc.path,
        section: doc.section,
        meta: &meta,
        encoding: &doc.encoding,
        header: doc.header,
        passages: doc.passages,
        chars: doc.chars,
        names: doc.names.list(),
    };
    let line = serde_json::to_vec(&stored).expect("document serialises");
    (line, extras)
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
        let docs = self.all_frames(&file)?;
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
    /// opened, each frame read alone (a rare name's documents lie in frames far apart:
    /// reading the span between them read most of the file), one decompression context
    /// for all.
    pub fn frames(&self, frames: &[usize]) -> Result<Vec<DocumentRecord>> {
        self.read_frames(frames, None)
    }

    /// The records of documents `ids` (any order, repeats welcome; ids the index does not
    /// hold left out), in the list's order: each frame holding one is read and
    /// decompressed, and only the wanted lines of it parsed (a rare name's 200
    /// documents at 100× lie in 200 frames, whose 6,400 records were all parsed).
    pub fn records(&self, ids: &[u64]) -> Result<Vec<DocumentRecord>> {
        let lines: HashSet<u32> = ids
            .iter()
            .filter_map(|&id| self.order.get(id as usize).copied())
            .filter(|&line| line != NO_DOCUMENT)
            .collect();
        let mut frames: Vec<usize> = lines
            .iter()
            .map(|&line| line as usize / DOCUMENTS_PER_FRAME)
            .collect();
        frames.sort_unstable();
        frames.dedup();
        self.read_frames(&frames, Some(&lines))
    }

    /// [`Catalog::frames`], parsing only the records at `lines` (of the whole list) when
    /// given.
    fn read_frames(
        &self,
        frames: &[usize],
        lines: Option<&HashSet<u32>>,
    ) -> Result<Vec<DocumentRecord>> {
        use std::os::unix::fs::FileExt;
        let path = self.dir.join(DOCUMENTS_FILE);
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let mut read = Vec::with_capacity(frames.len());
        for &frame in frames {
            let (start, end) = self.frame_range(frame)?;
            let mut bytes = vec![0; (end - start) as usize];
            file.read_exact_at(&mut bytes, start)
                .map_err(|e| Error::io(&path, e))?;
            read.push((frame, bytes));
        }
        let slices: Vec<(usize, &[u8])> = read.iter().map(|(f, b)| (*f, b.as_slice())).collect();
        self.decode_frames(&slices, lines)
    }

    /// Where frame `frame` lies in [`DOCUMENTS_FILE`]: its start and end offsets.
    fn frame_range(&self, frame: usize) -> Result<(u64, u64)> {
        match (
            self.document_frames.get(frame),
            self.document_frames.get(frame + 1),
        ) {
            (Some(&start), Some(&end)) if start <= end => Ok((start, end)),
            _ => Err(self.damaged(format!("{DOCUMENTS_FILE}: no frame {frame}"))),
        }
    }

    /// The documents of every frame, from `file`, the whole of [`DOCUMENTS_FILE`].
    fn all_frames(&self, file: &[u8]) -> Result<Vec<DocumentRecord>> {
        let frames = (0..self.document_frame_count())
            .map(|frame| {
                let (start, end) = self.frame_range(frame)?;
                file.get(start as usize..end as usize)
                    .map(|bytes| (frame, bytes))
                    .ok_or_else(|| self.damaged(format!("{DOCUMENTS_FILE}: no frame {frame}")))
            })
            .collect::<Result<Vec<_>>>()?;
        self.decode_frames(&frames, None)
    }

    /// The documents of `frames` (number and compressed bytes). Frames are independent:
    /// many (the whole list, a common term's documents) are decompressed and parsed by
    /// two threads, half each. With `lines`, only the records at those lines are parsed.
    fn decode_frames(
        &self,
        frames: &[(usize, &[u8])],
        lines: Option<&HashSet<u32>>,
    ) -> Result<Vec<DocumentRecord>> {
        if frames.len() < 16 {
            return self.frames_one_by_one(frames, lines);
        }
        let (first, second) = frames.split_at(frames.len() / 2);
        let (docs, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| self.frames_one_by_one(second, lines));
            (
                self.frames_one_by_one(first, lines),
                rest.join().expect("parsing documents does not panic"),
            )
        });
        let mut docs = docs?;
        docs.extend(rest?);
        Ok(docs)
    }

    /// [`Catalog::decode_frames`] on this thread.
    fn frames_one_by_one(
        &self,
        frames: &[(usize, &[u8])],
        lines: Option<&HashSet<u32>>,
    ) -> Result<Vec<DocumentRecord>> {
        let path = self.dir.join(DOCUMENTS_FILE);
        let mut decompressor = zstd::bulk::Decompressor::new().map_err(|e| Error::io(&path, e))?;
        let mut out = Vec::new();
        for &(frame, range) in frames {
            // Frames record their size (written by `bulk::compress`).
            let size = zstd::bulk::Decompressor::upper_bound(range)
                .ok_or_else(|| self.damaged(format!("{DOCUMENTS_FILE}: frame {frame}")))?;
            // Frames carry a checksum of their content, checked here.
            let text = decompressor.decompress(range, size).map_err(|e| {
                self.damaged(format!("{DOCUMENTS_FILE}: frame {frame} is damaged ({e})"))
            })?;
            let first = (frame * DOCUMENTS_PER_FRAME) as u32;
            let wanted = |n: usize| lines.is_none_or(|l| l.contains(&(first + n as u32)));
            out.extend(self.parse_lines(&text, &wanted)?);
        }
        Ok(out)
    }

    /// Number of frames in [`DOCUMENTS_FILE`].
    pub fn document_frame_count(&self) -> usize {
        self.document_frames.len().saturating_sub(1)
    }

    /// The documents of one frame whose place in it is `wanted`: their JSON lines, an
    /// empty line, their extras.
    fn parse_lines(
        &self,
        text: &[u8],
        wanted: &dyn Fn(usize) -> bool,
    ) -> Result<Vec<DocumentRecord>> {
        let bad = |what: String| self.damaged(format!("{DOCUMENTS_FILE}: {what}"));
        let split = memchr::memmem::find(text, b"\n\n")
            .ok_or_else(|| bad("a frame without its extras".into()))?;
        let (records, extras) = (&text[..split], &text[split + 2..]);
        let records: Vec<&[u8]> = records.split(|&b| b == b'\n').collect();
        let extras: Vec<&[u8]> = extras
            .strip_suffix(b"\n")
            .unwrap_or(extras)
            .split(|&b| b == b'\n')
            .collect();
        if extras.len() != records.len() {
            return Err(bad(format!(
                "{} documents but {} extras in a frame",
                records.len(),
                extras.len()
            )));
        }
        let mut docs = Vec::new();
        for (n, (record, extra)) in records.into_iter().zip(extras).enumerate() {
            if !wanted(n) {
                continue;
            }
            let mut doc = serde_json::from_slice::<StoredRecord>(record)
                .map(StoredRecord::into_record)
                .map_err(|e| bad(e.to_string()))?;
            let text = std::str::from_utf8(extra).map_err(|e| bad(e.to_string()))?;
            doc.meta.extra = crate::document::metadata::Extras::from_json_text(text);
            docs.push(doc);
        }
        Ok(docs)
    }

    /// Writes the spilled documents and then the catalog into `index_dir`; the spill
    /// file goes once the document list is written.
    pub(crate) fn save(&mut self, index_dir: &Path, documents: SortedSpill) -> Result<()> {
        let docs_path = index_dir.join(DOCUMENTS_FILE);
        self.order = vec![NO_DOCUMENT; self.next_id as usize];
        for (n, id) in documents.ids().enumerate() {
            self.order[id as usize] = n as u32;
        }
        let mut file = Vec::new();
        self.document_frames = vec![0];
        let mut compressor =
            zstd::bulk::Compressor::new(9).map_err(|e| Error::io(&docs_path, e))?;
        // Each frame checks its content when read: bit rot is an error, not a wrong answer.
        compressor
            .include_checksum(true)
            .map_err(|e| Error::io(&docs_path, e))?;
        for start in (0..documents.len()).step_by(DOCUMENTS_PER_FRAME) {
            let end = (start + DOCUMENTS_PER_FRAME).min(documents.len());
            let mut lines = Vec::new();
            let mut extras = Vec::new();
            for (line, extra) in documents.read(start..end)? {
                lines.extend_from_slice(&line);
                lines.push(b'\n');
                extras.extend_from_slice(&extra);
                extras.push(b'\n');
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
        documents.remove()?;
        self.dir = index_dir.to_path_buf();
        let path = index_dir.join(CATALOG_FILE);
        let tmp = index_dir.join(format!("{CATALOG_FILE}.tmp"));
        let json = serde_json::to_vec(self).expect("catalog serialises");
        super::generations::write_synced(&tmp, &super::with_checksum(&json))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }
}
