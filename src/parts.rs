//! Answers computed on the shards of a corpus (`index --shard I/N`) and summed into the
//! answer one index of the whole corpus gives. A part is what one shard prints of a
//! counting answer (`names --gather`, `names --part`, `keywords --part`): one JSON
//! document saying what it is for (the command and its settings) beside its counts.
//! Reading parts back refuses one made for other settings, naming the file.

use std::io::Write;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A part as written.
#[derive(Debug, Serialize, Deserialize)]
pub struct Part<T> {
    /// The command and its settings: parts are summed only with parts of the same.
    pub of: String,
    pub counts: T,
}

/// Writes `counts` as a part for `of`, on one line.
pub fn write_part<T: Serialize>(out: &mut dyn Write, of: &str, counts: &T) -> std::io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &Part {
            of: of.to_string(),
            counts,
        },
    )?;
    writeln!(out)
}

/// The counts of the parts in `files`, each of which must be for `of`.
pub fn read_parts<T: DeserializeOwned>(files: &[PathBuf], of: &str) -> Result<Vec<T>> {
    files
        .iter()
        .map(|file| {
            let bad = |why: String| Error::BadPart(file.clone(), why);
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            // What it is for is checked before its counts are read: a part of another
            // step or command is named as such, not as a malformed file.
            #[derive(Deserialize)]
            struct Of {
                of: String,
            }
            let part: Of = serde_json::from_str(text.trim()).map_err(|e| bad(e.to_string()))?;
            if part.of != of {
                return Err(bad(format!(
                    "it is for {:?}, not for {of:?}: give every shard the same settings",
                    part.of
                )));
            }
            let part: Part<T> =
                serde_json::from_str(text.trim()).map_err(|e| bad(e.to_string()))?;
            Ok(part.counts)
        })
        .collect()
}
