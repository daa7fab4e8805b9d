//! Generations: each indexing run writes a new `gen-…` folder and switches `CURRENT` to
//! it only when complete, so a run killed at any moment leaves the previous generation
//! in use, whole.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File in the index folder naming the generation in use; replaced atomically.
pub const CURRENT_FILE: &str = "CURRENT";
/// File in the index folder held by the indexing run in progress, with its pid.
pub const LOCK_FILE: &str = "LOCK";
pub const GENERATION_PREFIX: &str = "gen-";

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
