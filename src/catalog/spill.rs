//! The document records of a generation being written, kept on disk rather than in
//! memory: each record is written, as the indexer makes it, to a spill file inside the
//! generation, and only its sort key and place stay in memory (about 100 bytes a
//! document, where a record with its names and manifest extras took 7 KB). Saving the
//! catalog reads them back in (path, section) order into [`DOCUMENTS_FILE`] and removes
//! the spill. An indexing run's memory then no longer grows with its documents' metadata.
//!
//! [`DOCUMENTS_FILE`]: super::DOCUMENTS_FILE

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::DocumentRecord;
use crate::error::{Error, Result};

/// Name of the spill file inside a generation being written (gone once it is saved).
pub const SPILL_FILE: &str = "documents.spill";

/// Where one spilled record is, and what sorts it.
struct Entry {
    path: Arc<str>,
    section: usize,
    id: u64,
    offset: u64,
    /// Bytes of its stored line, then of its extras line (each without the newline).
    line: u32,
    extras: u32,
}

/// How much the documents written hold: what a run's summary reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holdings {
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub chars: usize,
}

impl Holdings {
    /// The holdings of `documents`.
    pub fn of<'a>(documents: impl Iterator<Item = &'a DocumentRecord>) -> Holdings {
        let mut paths = std::collections::HashSet::new();
        let mut holdings = Holdings::default();
        for doc in documents {
            paths.insert(doc.path.as_str());
            holdings.documents += 1;
            holdings.passages += doc.passages;
            holdings.chars += doc.chars;
        }
        holdings.files = paths.len();
        holdings
    }
}

/// Records written so far, in the order written.
pub struct DocumentSpill {
    path: PathBuf,
    out: BufWriter<File>,
    written: u64,
    entries: Vec<Entry>,
    passages: usize,
    chars: usize,
}

impl DocumentSpill {
    /// A new, empty spill in the generation folder `dir`.
    pub fn create(dir: &Path) -> Result<DocumentSpill> {
        let path = dir.join(SPILL_FILE);
        // Read back when saved; new, so that nothing else's file is ever overwritten.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok(DocumentSpill {
            out: BufWriter::with_capacity(1 << 20, file),
            path,
            written: 0,
            entries: Vec::new(),
            passages: 0,
            chars: 0,
        })
    }

    /// Writes one record.
    pub fn push(&mut self, doc: &DocumentRecord) -> Result<()> {
        let (line, extras) = super::documents::stored_lines(doc);
        let too_long = |_| Error::io(&self.path, std::io::Error::other("a record over 4 GB"));
        let entry_line = u32::try_from(line.len()).map_err(too_long)?;
        let entry_extras = u32::try_from(extras.len()).map_err(too_long)?;
        self.out
            .write_all(&line)
            .and_then(|()| self.out.write_all(&extras))
            .map_err(|e| Error::io(&self.path, e))?;
        // Documents of one file come one after another: they share the path.
        let path = match self.entries.last() {
            Some(last) if *last.path == *doc.path => Arc::clone(&last.path),
            _ => Arc::from(doc.path.as_str()),
        };
        self.entries.push(Entry {
            path,
            section: doc.section,
            id: doc.id,
            offset: self.written,
            line: entry_line,
            extras: entry_extras,
        });
        self.written += (line.len() + extras.len()) as u64;
        self.passages += doc.passages;
        self.chars += doc.chars;
        Ok(())
    }

    /// What the records written hold.
    pub fn holdings(&self) -> Holdings {
        let mut paths: Vec<&str> = self.entries.iter().map(|e| &*e.path).collect();
        paths.sort_unstable();
        paths.dedup();
        Holdings {
            files: paths.len(),
            documents: self.entries.len(),
            passages: self.passages,
            chars: self.chars,
        }
    }

    /// The records sorted by (path, section), ready to be read back in that order.
    pub fn finish(mut self) -> Result<SortedSpill> {
        self.out.flush().map_err(|e| Error::io(&self.path, e))?;
        let file = self
            .out
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        self.entries
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.section.cmp(&b.section)));
        Ok(SortedSpill {
            path: self.path,
            file,
            entries: self.entries,
        })
    }
}

/// Spilled records in (path, section) order.
pub struct SortedSpill {
    path: PathBuf,
    file: File,
    entries: Vec<Entry>,
}

impl SortedSpill {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no record was written.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.entries.iter().map(|e| e.id)
    }

    /// The records `range` (positions in order): each one's stored line and extras line.
    pub fn read(&self, range: std::ops::Range<usize>) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut out = Vec::with_capacity(range.len());
        for entry in &self.entries[range] {
            let mut bytes = vec![0; entry.line as usize + entry.extras as usize];
            self.file
                .read_exact_at(&mut bytes, entry.offset)
                .map_err(|e| Error::io(&self.path, e))?;
            let extras = bytes.split_off(entry.line as usize);
            out.push((bytes, extras));
        }
        Ok(out)
    }

    /// Removes the spill file (written by this run, inside its own generation).
    pub fn remove(self) -> Result<()> {
        drop(self.file);
        std::fs::remove_file(&self.path).map_err(|e| Error::io(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    fn record(id: u64, path: &str, section: usize, title: &str) -> DocumentRecord {
        DocumentRecord {
            id,
            path: path.to_string(),
            section,
            meta: Metadata {
                title: Some(title.to_string()),
                ..Metadata::default()
            },
            encoding: "UTF-8".to_string(),
            header: false,
            passages: 3,
            chars: 100 + id as usize,
            names: Default::default(),
        }
    }

    #[test]
    fn spilled_records_come_back_in_path_and_section_order_and_the_spill_goes() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = DocumentSpill::create(dir.path()).unwrap();
        let written = [
            record(0, "b.txt", 0, "乙"),
            record(1, "a.txt", 1, "甲二"),
            record(2, "a.txt", 0, "甲一"),
            record(3, "c.txt", 0, "丙"),
        ];
        for doc in &written {
            spill.push(doc).unwrap();
        }
        assert_eq!(
            spill.holdings(),
            Holdings {
                files: 3,
                documents: 4,
                passages: 12,
                chars: 406
            }
        );
        assert_eq!(spill.holdings(), Holdings::of(written.iter()));
        // A second spill in the same generation would overwrite the first: refused.
        assert!(DocumentSpill::create(dir.path()).is_err());
        let sorted = spill.finish().unwrap();
        assert_eq!(sorted.ids().collect::<Vec<_>>(), vec![2, 1, 0, 3]);
        let lines = sorted.read(1..3).unwrap();
        let expected: Vec<_> = [&written[1], &written[0]]
            .iter()
            .map(|d| crate::catalog::documents::stored_lines(d))
            .collect();
        assert_eq!(lines, expected);
        sorted.remove().unwrap();
        assert!(!dir.path().join(SPILL_FILE).exists());
    }
}
