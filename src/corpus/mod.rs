//! The corpus: which files a folder holds ([`listing`]), how their bytes become text
//! ([`decode`], [`formats`]) and the manifests beside them ([`manifest`]).
//!
//! Walking never stops at a bad entry: an unreadable folder, a symlink loop or a file
//! that cannot be decoded becomes a [`Skipped`] with the path and the reason, and the
//! run goes on.

pub mod decode;
pub mod formats;
pub mod html;
pub mod ignore_file;
pub mod manifest;
pub mod read;
pub mod sandbox;

pub use decode::{Decoded, decode, decode_file, read};
pub use read::{MAX_DOCUMENT_BYTES, MAX_SIDE_FILE_BYTES, read_bounded, read_side_text};
pub use sandbox::Sandbox;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::error::{Error, Result};

/// File name endings read as text.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "html", "htm", "docx", "pdf",
];
/// File name endings that are gongwen's own side files or data, never documents.
const SIDE_EXTENSIONS: &[&str] = &["jsonl", "json", "csv", "toml", "tsv"];

/// A file of the corpus to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusFile {
    /// Path relative to the corpus folder, `/`-separated.
    pub relative: String,
    #[serde(skip)]
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0: not to be trusted, read again).
    pub modified: u64,
    /// Hash of the content indexed ([`content_hash`]); empty until the file is read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
}

/// What a corpus folder holds: its text files, the manifests beside them (which change
/// metadata, so an index must notice when they change) and the entries left out.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub files: Vec<CorpusFile>,
    pub manifests: Vec<CorpusFile>,
    pub skipped: Vec<Skipped>,
    /// Every folder (the root is `""`) with its modification time in nanoseconds: a
    /// file added, removed or renamed changes its folder's time.
    pub dirs: Vec<(String, u64)>,
    /// Files read, with something the user should know (two names spelled alike).
    pub notes: Vec<Skipped>,
}

/// Modification time of `path` in nanoseconds since the epoch, if it can be read.
pub fn modified_nanos(path: &Path) -> Option<u64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some(since.as_nanos() as u64)
}

/// Hash of file content, to tell a changed file from a touched one.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A file (or folder) left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Lists the text files below `root`, sorted by relative path, and the entries skipped.
pub fn list(root: &Path) -> Result<(Vec<CorpusFile>, Vec<Skipped>)> {
    let listing = listing(root)?;
    Ok((listing.files, listing.skipped))
}

/// Lists the text files and manifests below `root`, sorted by relative path.
pub fn listing(root: &Path) -> Result<Listing> {
    if !root.is_dir() {
        // Absolute: a relative name says nothing of where it was looked for.
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        return Err(Error::MissingCorpus(absolute));
    }
    let mut listing = Listing::default();
    let inside = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let ignored = ignore_file::Ignored::load(root, &mut listing.skipped);
    // Each real file once, whatever links lead to it: (device, inode) → its first name.
    let mut seen: HashMap<(u64, u64), String> = HashMap::new();
    let mut walk = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                listing.skipped.push(walk_error(root, &e));
                continue;
            }
        };
        let relative = relative_path(root, entry.path());
        if let Some(reason) = link_out_of(&inside, &entry) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            listing.skipped.push(Skipped {
                path: relative,
                reason,
            });
            continue;
        }
        if entry.depth() == 1 && entry.file_name() == ignore_file::IGNORE_FILE {
            // Its edits change what the corpus holds: watched as manifests are.
            if let Ok(file) = stat(entry.path(), relative) {
                listing.manifests.push(file);
            }
            continue;
        }
        if entry.depth() > 0
            && let Some(pattern) = ignored.pattern(entry.path(), entry.file_type().is_dir())
        {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            listing.skipped.push(Skipped {
                path: relative,
                reason: format!("left out by {} ({pattern})", ignore_file::IGNORE_FILE),
            });
            continue;
        }
        if entry.file_type().is_file()
            && let Some(first) = same_file_seen(&mut seen, &entry, &relative)
        {
            listing.skipped.push(Skipped {
                path: relative,
                reason: format!("the same file as {first} (a link to it)"),
            });
            continue;
        }
        if entry.file_type().is_dir() {
            // An index folder inside the corpus holds no documents (and would change
            // with every run, as if the corpus had).
            if entry.depth() > 0 && entry.path().join(INDEX_MARKER).is_file() {
                walk.skip_current_dir();
                listing.skipped.push(Skipped {
                    path: relative,
                    reason: "a gongwen index folder".to_string(),
                });
            } else if let Some(mtime) = modified_nanos(entry.path()) {
                listing.dirs.push((relative, mtime));
            }
            continue;
        }
        listing.add(&entry, relative);
    }
    refuse_name_collisions(&mut listing.files, &mut listing.skipped);
    listing.notes = names_spelled_alike(&listing.files);
    Ok(listing)
}

/// Files whose names differ only in their Unicode spelling (composed or decomposed
/// accents: NFC and NFD, as a Mac and a Linux machine write `é`): two files, so two
/// documents, both indexed (their texts may differ), and each after the first named, so
/// that a user who sees "the same" name twice in a result list knows why.
fn names_spelled_alike(files: &[CorpusFile]) -> Vec<Skipped> {
    use unicode_normalization::UnicodeNormalization;
    let mut first: HashMap<String, &str> = HashMap::new();
    let mut notes = Vec::new();
    for file in files {
        let composed: String = file.relative.nfc().collect();
        match first.get(&composed) {
            Some(earlier) => notes.push(Skipped {
                path: file.relative.clone(),
                reason: format!(
                    "its name is spelled like {earlier}'s once Unicode-normalised (the same \
                     letters, {} here): two files, indexed as two documents; rename one \
                     if they are one document",
                    if composed == file.relative {
                        "composed (NFC)"
                    } else {
                        "decomposed (NFD)"
                    }
                ),
            }),
            None => {
                first.insert(composed, &file.relative);
            }
        }
    }
    notes
}

/// Why `entry` is left out when it is a symbolic link leading out of the corpus folder
/// (whose real path is `inside`): a link to `/etc` must not put `/etc` in the index, nor
/// before a browser through `gongwen serve`. Links within the corpus are followed.
pub fn link_out_of(inside: &Path, entry: &walkdir::DirEntry) -> Option<String> {
    if !entry.path_is_symlink() {
        return None;
    }
    match entry.path().canonicalize() {
        Ok(target) if target.starts_with(inside) => None,
        Ok(target) => Some(format!(
            "a link out of the corpus folder (to {}), not followed",
            target.display()
        )),
        Err(e) => Some(format!("a link that leads nowhere ({e})")),
    }
}

/// The name a file was first listed under, when `entry` is that same file again
/// (reached through a link, or a hard link); else records it.
fn same_file_seen(
    seen: &mut HashMap<(u64, u64), String>,
    entry: &walkdir::DirEntry,
    relative: &str,
) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = entry.metadata().ok()?;
    match seen.entry((meta.dev(), meta.ino())) {
        std::collections::hash_map::Entry::Occupied(first) => Some(first.get().clone()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(relative.to_string());
            None
        }
    }
}

/// The file marking a gongwen index folder (the catalog's `MARKER_FILE`; named here
/// because the corpus stage comes first and must leave index folders out).
pub const INDEX_MARKER: &str = "gongwen-index.json";

impl Listing {
    /// Sorts one walked entry into documents, manifests, skipped (with the reason) or
    /// ignored (hidden files, gongwen's side files).
    fn add(&mut self, entry: &walkdir::DirEntry, relative: String) {
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            return;
        }
        if !entry.file_type().is_file() {
            self.skipped.push(Skipped {
                path: relative,
                reason: format!("not a regular file ({})", read::kind(&entry.file_type())),
            });
            return;
        }
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let is_manifest = manifest::MANIFEST_NAMES.contains(&name.as_ref());
        if SIDE_EXTENSIONS.contains(&ext.as_str()) && !is_manifest {
            return;
        }
        if !TEXT_EXTENSIONS.contains(&ext.as_str()) && !is_manifest {
            self.skipped.push(Skipped {
                path: relative,
                reason: format!(
                    "unsupported file type {:?}",
                    if ext.is_empty() { "(none)" } else { &ext }
                ),
            });
            return;
        }
        match stat(entry.path(), relative) {
            Ok(file) if is_manifest => self.manifests.push(file),
            Ok(file) => self.files.push(file),
            Err(s) => self.skipped.push(s),
        }
    }
}

/// A walking error as a skipped entry.
fn walk_error(root: &Path, e: &walkdir::Error) -> Skipped {
    let path = e
        .path()
        .map_or_else(|| root.display().to_string(), |p| relative_path(root, p));
    let reason = if e.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else {
        e.io_error()
            .map_or_else(|| e.to_string(), |io| io.to_string())
    };
    Skipped { path, reason }
}

/// Two files whose names read the same once made readable (a name that is not UTF-8
/// escaped as `\xNN` against one spelled with those characters): the second is left
/// out, never mixed with the first.
fn refuse_name_collisions(files: &mut Vec<CorpusFile>, skipped: &mut Vec<Skipped>) {
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    let mut kept: Vec<CorpusFile> = Vec::with_capacity(files.len());
    for file in files.drain(..) {
        if kept.last().is_some_and(|k| k.relative == file.relative) {
            skipped.push(Skipped {
                path: file.relative,
                reason: "another file's name reads the same once made readable".to_string(),
            });
        } else {
            kept.push(file);
        }
    }
    *files = kept;
}

/// The corpus entry for `path`, with its size and modification time.
pub fn stat(path: &Path, relative: String) -> std::result::Result<CorpusFile, Skipped> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(CorpusFile {
            relative,
            path: path.to_path_buf(),
            size: meta.len(),
            // In nanoseconds: a file rewritten within the second it was read is told
            // apart (where the file system keeps them).
            modified: meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64),
            hash: String::new(),
        }),
        Err(e) => Err(Skipped {
            path: relative,
            reason: read_error(&e),
        }),
    }
}

/// A reading error in words, saying plainly when the file vanished mid-run.
pub fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file disappeared while indexing".to_string(),
        _ => e.to_string(),
    }
}

/// `path` relative to `root`, `/`-separated. A name that is not UTF-8 (GBK names from
/// zips made on Windows) keeps every byte: each byte that is not part of a UTF-8
/// character is written `\xNN`, so two such names never read the same.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| readable_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text: itself when UTF-8, else with each stray byte as `\xNN`; a
/// control character (an escape sequence or a line break in a name, which would drive
/// the reader's terminal or break a listing) is written `\xNN` too.
pub fn readable_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                out.push_str(&format!("\\x{:02X}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}
