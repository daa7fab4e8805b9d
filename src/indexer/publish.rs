//! Publishing: the lock an indexing run holds on an index folder, and the name of the
//! generation it writes (switching `CURRENT` and collecting old generations is the
//! index folder's job, `catalog::generations`).

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use crate::catalog::{GENERATION_PREFIX, LOCK_FILE};
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

/// How long a run waits for a lock that is held before it says so.
const LOCK_GRACE: Duration = Duration::from_secs(2);

/// The lock an indexing run holds on an index folder: an OS lock on `LOCK`, released
/// when the run ends however it ends (a killed run, a reboot), so a lock can never be
/// stale. The file stays; it holds the pid of the last run, for messages.
#[derive(Debug)]
pub struct IndexLock {
    _file: File,
}

impl IndexLock {
    /// Takes the lock, or says which run holds it.
    pub fn acquire(index_dir: &Path) -> Result<IndexLock> {
        let path = index_dir.join(LOCK_FILE);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        // A lock just released can look held for a moment: a process that spawns a child
        // (a test harness, a server) lends the child its descriptors until the child's
        // exec closes them. A short grace tells that apart from a run that is going on.
        let deadline = Instant::now() + LOCK_GRACE;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    return Err(Error::Locked {
                        path: index_dir.to_path_buf(),
                        pid: text.trim().parse().ok(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()))
            .map_err(|e| Error::io(&path, e))?;
        Ok(IndexLock { _file: file })
    }
}
