//! The index folder and its generations: whose folder it is, which generation is in use,
//! which generations gongwen wrote, and which a reader still holds.
//!
//! Each indexing run writes a new `gen-…` folder and switches `CURRENT` to it only when
//! complete, so a run killed at any moment leaves the previous generation in use, whole.
//!
//! gongwen deletes only what it can prove it wrote: a folder is an index folder when it
//! holds the marker [`MARKER_FILE`], which also records every generation a run created;
//! a generation is removed only if recorded there, and only while no reader holds its
//! lease (a shared OS lock on its [`LEASE_FILE`], taken by every reader for as long as
//! it reads — a server for hours). Folders gongwen did not record are never touched.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// File in the index folder naming the generation in use; replaced atomically.
pub const CURRENT_FILE: &str = "CURRENT";
/// File in the index folder locked (an OS lock, released when its holder ends) by the
/// indexing run in progress, and holding its pid for messages.
pub const LOCK_FILE: &str = "LOCK";
pub const GENERATION_PREFIX: &str = "gen-";
/// File marking a folder as a gongwen index, recording the generations runs created.
pub const MARKER_FILE: &str = crate::corpus::INDEX_MARKER;
/// File in each generation that readers hold a shared lock on while they read it.
pub const LEASE_FILE: &str = "READERS";
/// What the marker says a folder is.
const MARKER_KIND: &str = "gongwen index";

/// The folder of the generation in use, read from `CURRENT`.
pub fn current_generation(index_dir: &Path) -> Result<PathBuf> {
    let current = index_dir.join(CURRENT_FILE);
    match std::fs::read_to_string(&current) {
        Ok(name) if valid_generation_name(name.trim()) => Ok(index_dir.join(name.trim())),
        Ok(name) if name.trim().is_empty() => Err(Error::MissingIndex(index_dir.to_path_buf())),
        Ok(name) if !IndexFolder::is_index(index_dir) => Err(Error::NotAnIndexFolder {
            path: index_dir.to_path_buf(),
            reason: format!(
                "it holds no {MARKER_FILE}, and its {CURRENT_FILE} ({:?}) is not gongwen's",
                name.trim()
            ),
        }),
        Ok(name) => Err(Error::Damaged {
            path: index_dir.to_path_buf(),
            what: format!("{CURRENT_FILE} names no generation ({:?})", name.trim()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::MissingIndex(index_dir.to_path_buf()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::NotAnIndexFolder {
            path: index_dir.to_path_buf(),
            reason: "it is a file, not a folder".to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => Err(Error::NotAnIndexFolder {
            path: index_dir.to_path_buf(),
            reason: format!("{CURRENT_FILE} is a folder"),
        }),
        Err(e) => Err(Error::io(&current, e)),
    }
}

/// A generation name as runs write it: the prefix, then digits and dashes.
fn valid_generation_name(name: &str) -> bool {
    name.strip_prefix(GENERATION_PREFIX).is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    })
}

/// A reader's hold on one generation: while it lives, no run deletes the generation.
#[derive(Debug)]
pub struct Lease {
    pub generation: PathBuf,
    /// The lease file, shared-locked; `None` where locks are not available (the
    /// generation is then read without protection, as before leases).
    _file: Option<File>,
}

impl Lease {
    /// Leases the generation in use. A run may remove the generation between reading
    /// `CURRENT` and locking it: the lease is then taken again on the new one.
    pub fn current(index_dir: &Path, catalog_file: &str) -> Result<Lease> {
        let mut last = None;
        for _ in 0..5 {
            let generation = current_generation(index_dir)?;
            let file = match File::open(generation.join(LEASE_FILE)) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if generation.join(catalog_file).exists() {
                        // A generation without a lease file: read it unprotected.
                        return Ok(Lease {
                            generation,
                            _file: None,
                        });
                    }
                    last = Some(generation);
                    continue;
                }
                Err(e) => return Err(Error::io(generation.join(LEASE_FILE), e)),
            };
            let locked = file.lock_shared().is_ok();
            // Removed while we locked it: the lock holds a deleted file. Start again.
            if !generation.join(catalog_file).exists() {
                last = Some(generation);
                continue;
            }
            return Ok(Lease {
                generation,
                _file: locked.then_some(file),
            });
        }
        Err(Error::MissingIndex(
            last.unwrap_or_else(|| index_dir.to_path_buf()),
        ))
    }
}

/// What the marker file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    kind: String,
    /// Every generation a run created here and has not removed yet.
    generations: Vec<String>,
}

/// An index folder claimed by a run (which holds its lock while changing it).
#[derive(Debug)]
pub struct IndexFolder {
    dir: PathBuf,
    marker: Marker,
}

impl IndexFolder {
    /// Checks that `dir` may hold the index of `corpus`, creating it (and its marker)
    /// when it does not exist or is empty. Refused: a file, a folder that holds anything
    /// but a gongwen index, a folder inside the corpus (its files would be indexed) or
    /// one that holds the corpus.
    pub fn claim(dir: &Path, corpus: &Path) -> Result<()> {
        let refuse = |reason: String| Error::NotAnIndexFolder {
            path: dir.to_path_buf(),
            reason,
        };
        let exists = match std::fs::metadata(dir) {
            Ok(meta) if !meta.is_dir() => return Err(refuse("it is a file, not a folder".into())),
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(Error::io(dir, e)),
        };
        // Where the folder is (or would be), to compare with the corpus before creating.
        let resolved = if exists {
            dir.canonicalize().map_err(|e| Error::io(dir, e))?
        } else {
            let parent = dir
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = dir
                .file_name()
                .ok_or_else(|| refuse("it names no folder".into()))?;
            match parent.canonicalize() {
                Ok(parent) if parent.is_dir() => parent.join(name),
                _ => {
                    return Err(refuse(format!(
                        "its parent folder {} does not exist",
                        parent.display()
                    )));
                }
            }
        };
        if let Ok(corpus) = corpus.canonicalize() {
            if resolved.starts_with(&corpus) {
                return Err(refuse(format!(
                    "it is inside the corpus folder {}, whose files it would index",
                    corpus.display()
                )));
            }
            if corpus.starts_with(&resolved) && exists {
                return Err(refuse(format!(
                    "it holds the corpus folder {}",
                    corpus.display()
                )));
            }
        }
        if !exists {
            std::fs::create_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        if dir.join(MARKER_FILE).is_file() {
            return IndexFolder::open(dir).map(drop);
        }
        let mut generations = Vec::new();
        if let Some(name) = legacy_generation(dir) {
            // An index written before markers: its generation in use is gongwen's.
            generations.push(name);
        } else {
            refuse_unless_empty(dir)?;
        }
        let folder = IndexFolder {
            dir: dir.to_path_buf(),
            marker: Marker {
                kind: MARKER_KIND.to_string(),
                generations,
            },
        };
        folder.save()
    }

    /// Whether `dir` holds a gongwen index marker.
    pub fn is_index(dir: &Path) -> bool {
        dir.join(MARKER_FILE).is_file()
    }

    /// The index folder `dir`, which must hold a valid marker.
    pub fn open(dir: &Path) -> Result<IndexFolder> {
        let path = dir.join(MARKER_FILE);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        match serde_json::from_slice::<Marker>(&bytes) {
            Ok(marker) if marker.kind == MARKER_KIND => Ok(IndexFolder {
                dir: dir.to_path_buf(),
                marker,
            }),
            _ => Err(Error::Damaged {
                path: dir.to_path_buf(),
                what: format!("{MARKER_FILE} is unreadable"),
            }),
        }
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn save(&self) -> Result<()> {
        let path = self.dir.join(MARKER_FILE);
        let tmp = self
            .dir
            .join(format!("{MARKER_FILE}.{}.tmp", std::process::id()));
        let json = serde_json::to_vec_pretty(&self.marker).expect("marker serialises");
        write_synced(&tmp, &json)?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }

    /// Records and creates generation `name` with its lease file; recorded first, so
    /// that whatever a killed run leaves of it is known to be gongwen's.
    pub fn create_generation(&mut self, name: &str) -> Result<PathBuf> {
        debug_assert!(valid_generation_name(name));
        self.marker.generations.push(name.to_string());
        self.save()?;
        let path = self.dir.join(name);
        std::fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
        let lease = path.join(LEASE_FILE);
        File::create(&lease).map_err(|e| Error::io(&lease, e))?;
        Ok(path)
    }

    /// Removes generation `name`, written by this run and never published.
    pub fn discard(&mut self, name: &str) {
        if self.marker.generations.iter().any(|g| g == name) {
            let _ = std::fs::remove_dir_all(self.dir.join(name));
            self.marker.generations.retain(|g| g != name);
            let _ = self.save();
        }
    }

    /// Removes every recorded generation but `keep` that no reader holds (one still
    /// read is left for a later run). Returns how many remain besides `keep`.
    pub fn collect(&mut self, keep: &str) -> Result<usize> {
        let mut remaining = Vec::new();
        for name in std::mem::take(&mut self.marker.generations) {
            let path = self.dir.join(&name);
            if name == keep {
                remaining.push(name);
                continue;
            }
            if !path.exists() {
                continue;
            }
            let lease = match File::open(path.join(LEASE_FILE)) {
                Ok(file) => match file.try_lock() {
                    Ok(()) => Some(file),
                    Err(_) => {
                        remaining.push(name);
                        continue;
                    }
                },
                Err(_) => None,
            };
            // Removed while holding the lease's lock, so no reader can take it meanwhile.
            if std::fs::remove_dir_all(&path).is_err() && path.exists() {
                remaining.push(name);
            }
            drop(lease);
        }
        self.marker.generations = remaining;
        self.save()?;
        Ok(self.marker.generations.len().saturating_sub(1))
    }

    /// Makes `name` the generation in use.
    pub fn publish(&self, name: &str) -> Result<()> {
        let tmp = self.dir.join(format!("{CURRENT_FILE}.tmp"));
        let current = self.dir.join(CURRENT_FILE);
        write_synced(&tmp, name.as_bytes())?;
        std::fs::rename(&tmp, &current).map_err(|e| Error::io(&current, e))
    }
}

/// The generation in use of an index written before markers, if `dir` holds one:
/// `CURRENT` names a generation holding a catalog.
fn legacy_generation(dir: &Path) -> Option<String> {
    let generation = current_generation(dir).ok()?;
    let name = generation.file_name()?.to_str()?.to_string();
    generation.join("gongwen.json").is_file().then_some(name)
}

/// Files a repository keeps in a folder it wants to exist (`index/.gitignore` in a
/// clone): they make no folder foreign, and gongwen never touches them.
const REPOSITORY_KEEPERS: [&str; 2] = [".gitignore", ".gitkeep"];

/// Refuses a folder that holds anything but [`REPOSITORY_KEEPERS`].
fn refuse_unless_empty(dir: &Path) -> Result<()> {
    let entries: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            !(REPOSITORY_KEEPERS.iter().any(|k| e.file_name() == *k)
                && e.file_type().is_ok_and(|t| t.is_file()))
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = entries.iter().take(3).map(String::as_str).collect();
    Err(Error::NotAnIndexFolder {
        path: dir.to_path_buf(),
        reason: format!(
            "it is not empty ({}{}) and holds no {MARKER_FILE}",
            shown.join(", "),
            if entries.len() > 3 { ", …" } else { "" }
        ),
    })
}

/// Writes `bytes` to `path` and syncs them to disk.
pub fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = File::create(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(path, e))
}
