//! The file list (`files.json`): every corpus file with its content hash, and why each
//! skipped one was left out — what an update compares the corpus with. Kept apart from
//! the catalog: a search of a large corpus should not parse a line per corpus file.

use serde::{Deserialize, Serialize};

use super::Catalog;
use crate::corpus::{CorpusFile, Skipped};
use crate::error::{Error, Result};

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

impl Catalog {
    /// The files the index was built from, read from [`FILES_FILE`].
    pub fn file_list(&self) -> Result<FileList> {
        let path = self.dir.join(FILES_FILE);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        if super::checksum(&bytes) != self.files_checksum {
            return Err(self.damaged(format!("{FILES_FILE} fails its checksum")));
        }
        serde_json::from_slice(&bytes).map_err(|e| self.damaged(format!("{FILES_FILE}: {e}")))
    }
}
