//! Verifying an index: every file of the generation in use read and checked — the
//! catalog's and file list's checksums, every frame of the document list (zstd checks
//! each frame's content), tantivy's metadata against the catalog, every segment file
//! against the checksum in its footer, and the passage count against the catalog.
//! What `gongwen index --verify` runs, and what a run does before it builds on a
//! generation.

use std::path::{Path, PathBuf};

use super::{Catalog, IndexHandle};
use crate::error::{Error, Result};

/// What a verification read and found.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// The generation verified.
    pub generation: PathBuf,
    /// Files read, and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// What is damaged, each naming its file; empty when the index is intact.
    pub damaged: Vec<String>,
}

/// Reads and checks everything the index at `index_dir` holds.
pub fn verify(index_dir: &Path) -> Result<Verification> {
    let catalog = match Catalog::load(index_dir) {
        Ok(catalog) => catalog,
        Err(Error::Damaged { what, .. }) => {
            return Ok(Verification {
                damaged: vec![what],
                ..Verification::default()
            });
        }
        Err(e) => return Err(e),
    };
    let mut report = Verification {
        generation: catalog.dir().to_path_buf(),
        ..Verification::default()
    };
    for entry in std::fs::read_dir(catalog.dir()).map_err(|e| Error::io(catalog.dir(), e))? {
        if let Ok(meta) = entry.and_then(|e| e.metadata())
            && meta.is_file()
        {
            report.files += 1;
            report.bytes += meta.len();
        }
    }
    let mut note = |result: Result<()>| match result {
        Ok(()) => Ok(()),
        Err(Error::Damaged { what, .. }) => {
            report.damaged.push(what);
            Ok(())
        }
        Err(e) => Err(e),
    };
    note(catalog.file_list().map(drop))?;
    note(catalog.documents().map(drop))?;
    note(catalog.check_tantivy_meta())?;
    if let Some(what) = damaged_segments(&catalog) {
        report.damaged.push(what);
    }
    if report.damaged.is_empty() {
        // Each document's passages, and its header as one more.
        let passages: usize = catalog
            .documents()?
            .iter()
            .map(|d| d.passages + usize::from(d.header))
            .sum();
        let handle = IndexHandle::with_catalog(index_dir, catalog)?;
        let searched = handle.reader.searcher().num_docs() as usize;
        if searched != passages {
            report.damaged.push(format!(
                "the search files hold {searched} passages, the document list {passages}"
            ));
        }
    }
    Ok(report)
}

/// Which of a generation's files fail their checksums (tantivy's metadata against the
/// catalog, every segment file against its own footer), if any.
pub fn damaged_segments(catalog: &Catalog) -> Option<String> {
    if let Err(Error::Damaged { what, .. }) = catalog.check_tantivy_meta() {
        return Some(what);
    }
    let generation = catalog.dir();
    let opened =
        super::directory::ReadOnlyDirectory::open(generation).and_then(tantivy::Index::open);
    let index = match opened {
        Ok(index) => index,
        Err(e) => return Some(format!("its search files cannot be opened ({e})")),
    };
    let name = generation.file_name().unwrap_or_default().to_string_lossy();
    match index.validate_checksum() {
        Ok(damaged) if damaged.is_empty() => None,
        Ok(damaged) => {
            let mut files: Vec<String> = damaged
                .iter()
                .map(|p| format!("{name}/{}", p.display()))
                .collect();
            files.sort();
            Some(format!("{} fail their checksums", files.join(", ")))
        }
        Err(e) => Some(format!("its search files cannot be read ({e})")),
    }
}
