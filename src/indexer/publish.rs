//! Publishing: the lock an indexing run holds on an index folder, the name of the
//! generation it writes, and the switch of `CURRENT` to it once complete.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::catalog::{CURRENT_FILE, GENERATION_PREFIX, LOCK_FILE, current_generation};
use crate::error::{Error, Result};

/// A name for a new generation, unique to this moment and process.
pub fn generation_name() -> String {
    format!(
        "{GENERATION_PREFIX}{}-{}",
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
        std::process::id()
    )
}

/// Makes `name` the generation in use, then removes every other generation but the one
/// it replaces (a search that opened it a moment ago can still finish).
pub fn publish(index_dir: &Path, name: &str) -> Result<()> {
    let previous = current_generation(index_dir).ok();
    let tmp = index_dir.join(format!("{CURRENT_FILE}.tmp"));
    let current = index_dir.join(CURRENT_FILE);
    let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    file.write_all(name.as_bytes())
        .map_err(|e| Error::io(&tmp, e))?;
    file.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &current).map_err(|e| Error::io(&current, e))?;
    let entries = std::fs::read_dir(index_dir).map_err(|e| Error::io(index_dir, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().to_string();
        if file_name.starts_with(GENERATION_PREFIX)
            && file_name != name
            && previous.as_deref() != Some(path.as_path())
            && path.is_dir()
        {
            // Partial generations of killed runs go too; a failure here loses nothing.
            let _ = std::fs::remove_dir_all(&path);
        }
    }
    Ok(())
}

/// The lock an indexing run holds on an index folder; released on drop.
#[derive(Debug)]
pub struct IndexLock {
    path: PathBuf,
}

impl IndexLock {
    /// Takes the lock, or says which live process holds it. A lock left by a process
    /// that no longer runs is stale and taken over.
    pub fn acquire(index_dir: &Path) -> Result<IndexLock> {
        std::fs::create_dir_all(index_dir).map_err(|e| Error::io(index_dir, e))?;
        let path = index_dir.join(LOCK_FILE);
        for _ in 0..3 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    write!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
                    return Ok(IndexLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|p| p.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if process_alive(pid) => {
                            return Err(Error::Locked {
                                path: index_dir.to_path_buf(),
                                pid,
                            });
                        }
                        // Just created, pid not written yet: a live run.
                        None if recently_modified(&path) => {
                            return Err(Error::Locked {
                                path: index_dir.to_path_buf(),
                                pid: 0,
                            });
                        }
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Locked {
            path: index_dir.to_path_buf(),
            pid: 0,
        })
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.is_dir() {
        proc.join(pid.to_string()).exists()
    } else {
        // Without /proc there is no cheap portable check: assume the holder lives.
        true
    }
}

fn recently_modified(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() < 5)
}
