//! Manifests: metadata a user keeps beside the documents, one record per file, in a
//! `manifest.jsonl` (one JSON object a line) or a `metadata.csv` (a header row) anywhere in
//! the corpus, or in a file given with `--manifest`. A record names its file (`file` or
//! `path`, relative to the manifest's folder) and any of `title`, `date` (`YYYY`,
//! `YYYY-MM`, `YYYY-MM-DD`), `year`, `speaker`, `body`, `doc_type`; other fields are kept
//! as they are. This module reads the records; `document::ingest` applies them (manifest
//! values win over values read from the text or the file name).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use super::Skipped;
use crate::error::{Error, Result};

/// File names recognised as manifests.
pub const MANIFEST_NAMES: &[&str] = &["manifest.jsonl", "metadata.csv"];

/// One manifest record, cleaned: empty values and `null`/`None` are absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub title: Option<String>,
    /// The record's `date` as written (checked when applied), else its `year`.
    pub date: Option<String>,
    /// The record's `year`, used when there is no valid `date`.
    pub year: Option<String>,
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub doc_type: Option<String>,
    pub extra: BTreeMap<String, String>,
}

/// All manifest records of a corpus, by file path relative to the corpus folder.
#[derive(Debug, Default)]
pub struct Manifests {
    /// Each record as (field, value) ids of `values`.
    records: HashMap<String, Box<[(u32, u32)]>>,
    values: Interned,
    /// Manifest files, or lines of them, that could not be used.
    pub problems: Vec<Skipped>,
    /// The manifest files read, relative to the corpus folder where possible.
    pub files: Vec<String>,
    /// Hash of the names and contents of every manifest read: an index built with other
    /// manifests has other metadata.
    pub fingerprint: String,
}

impl Manifests {
    /// Reads every manifest below `root`, or only `explicit` if given.
    pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Manifests> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let mut manifests = Manifests::default();
        let paths: Vec<PathBuf> = match explicit {
            Some(p) => {
                if !p.is_file() {
                    return Err(Error::io(
                        p,
                        std::io::Error::new(std::io::ErrorKind::NotFound, "manifest not found"),
                    ));
                }
                vec![p.to_path_buf()]
            }
            None => {
                // What the listing leaves out (links out, `.gongwenignore`) holds no
                // manifest either; the ignore file's problems are the listing's to say.
                let ignored = super::ignore_file::Ignored::load(&root, &mut Vec::new());
                let inside = root.clone();
                WalkDir::new(&root)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(move |e| {
                        super::link_out_of(&inside, e).is_none()
                            && (e.depth() == 0
                                || ignored.pattern(e.path(), e.file_type().is_dir()).is_none())
                    })
                    .filter_map(|e| e.ok())
                    .filter(|e| {
                        e.file_type().is_file()
                            && MANIFEST_NAMES.contains(&e.file_name().to_string_lossy().as_ref())
                    })
                    .map(|e| e.path().to_path_buf())
                    .collect()
            }
        };
        // Hashed as they are read: a corpus's manifests may be hundreds of megabytes.
        let mut contents = xxhash_rust::xxh3::Xxh3::new();
        for path in paths {
            contents.update(
                path.strip_prefix(&root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .as_bytes(),
            );
            contents.update(&[0]);
            contents.update(&read_manifest(&path).unwrap_or_default());
            contents.update(&[0]);
            manifests.read_file(&root, &path);
        }
        manifests.fingerprint = format!("{:032x}", contents.digest128());
        Ok(manifests)
    }

    fn read_file(&mut self, root: &Path, path: &Path) {
        let shown = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        let dir = path
            .parent()
            .and_then(|d| d.canonicalize().ok())
            .unwrap_or_else(|| root.to_path_buf());
        let rows = if path.extension().is_some_and(|e| e == "csv") {
            read_csv(path)
        } else {
            read_jsonl(path)
        };
        let rows = match rows {
            Ok((rows, bad_lines)) => {
                // One bad line costs its own record, never the manifest's others.
                for (line, reason) in bad_lines {
                    self.problems.push(Skipped {
                        path: format!("{shown}:{line}"),
                        reason: format!("manifest line left out: {reason}"),
                    });
                }
                rows
            }
            Err(reason) => {
                self.problems.push(Skipped {
                    path: shown,
                    reason,
                });
                return;
            }
        };
        self.files.push(shown.clone());
        for (line, row) in rows {
            let Some(file) = row.get("file").or_else(|| row.get("path")).cloned() else {
                self.problems.push(Skipped {
                    path: format!("{shown}:{line}"),
                    reason: "record names no file".into(),
                });
                continue;
            };
            let full = dir.join(&file);
            let full = full.canonicalize().unwrap_or(full);
            let inside = full.strip_prefix(root).ok().filter(|p| {
                // A name that does not exist is not resolved: `..` must not climb out.
                !p.components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
            });
            let Some(inside) = inside else {
                // `../x`, `/etc/x`: no document of the corpus; said, not dropped silently.
                self.problems.push(Skipped {
                    path: format!("{shown}:{line}"),
                    reason: format!("record names {file}, outside the corpus folder: left out"),
                });
                continue;
            };
            let relative = inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let kept = clean(row)
                .into_iter()
                .map(|(field, value)| (self.values.id(field), self.values.id(value)))
                .collect();
            self.records.insert(relative, kept);
        }
    }

    /// The record of a file, by path relative to the corpus folder.
    pub fn get(&self, relative: &str) -> Option<Record> {
        let kept = self.records.get(relative)?;
        let row: Row = kept
            .iter()
            .map(|&(field, value)| {
                (
                    self.values.get(field).to_string(),
                    self.values.get(value).to_string(),
                )
            })
            .collect();
        Some(record(row))
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no manifest record was read.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

type Row = BTreeMap<String, String>;

/// Manifest fields and values, each kept once: most values repeat from record to record
/// (a licence, a source, a note, a kind of document), and a corpus of 380,000 records
/// held its 410 MB of manifests in 1.5 GB of maps, one string per field of every record.
#[derive(Debug, Default)]
struct Interned {
    ids: HashMap<Arc<str>, u32>,
    values: Vec<Arc<str>>,
}

impl Interned {
    fn id(&mut self, value: String) -> u32 {
        if let Some(&id) = self.ids.get(value.as_str()) {
            return id;
        }
        let id = u32::try_from(self.values.len()).expect("fewer than 4 billion values");
        let value: Arc<str> = Arc::from(value);
        self.values.push(Arc::clone(&value));
        self.ids.insert(value, id);
        id
    }

    fn get(&self, id: u32) -> &str {
        &self.values[id as usize]
    }
}
/// Rows read with their line numbers, and the lines that could not be read, with why.
type Rows = (Vec<(usize, Row)>, Vec<(usize, String)>);

/// A manifest's bytes, within the side-file budget.
fn read_manifest(path: &Path) -> std::result::Result<Vec<u8>, String> {
    super::read_bounded(path, super::MAX_SIDE_FILE_BYTES).map_err(|e| e.to_string())
}

fn read_jsonl(path: &Path) -> std::result::Result<Rows, String> {
    let bytes = read_manifest(path)?;
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.trim_ascii().is_empty() {
            continue;
        }
        let value = match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(object)) => object,
            Ok(_) => {
                bad.push((n + 1, "not a JSON object".to_string()));
                continue;
            }
            Err(e) => {
                bad.push((n + 1, e.to_string()));
                continue;
            }
        };
        let row = value
            .into_iter()
            .filter_map(|(k, v)| {
                let text = match v {
                    serde_json::Value::Null => return None,
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                Some((k, text))
            })
            .collect();
        rows.push((n + 1, row));
    }
    Ok((rows, bad))
}

fn read_csv(path: &Path) -> std::result::Result<Rows, String> {
    let bytes = read_manifest(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                bad.push((line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let row = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        rows.push((line, row));
    }
    Ok((rows, bad))
}

/// Cleans a raw row: its file named no more, values made printable (a line break or tab
/// becomes a space; other control characters — an escape that would retitle or clear a
/// reader's terminal — and invisible ones go, as in the text), empty values and
/// `null`/`None` left out.
fn clean(mut row: Row) -> Row {
    row.remove("file");
    row.remove("path");
    for v in row.values_mut() {
        if v.chars()
            .any(|c| c.is_control() || crate::text::is_invisible(c))
        {
            *v = crate::text::strip_invisible(v)
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
        }
    }
    row.retain(|_, v| {
        let t = v.trim();
        !(t.is_empty() || t == "null" || t == "None")
    });
    row
}

/// The [`Record`] of a cleaned row.
fn record(mut row: Row) -> Record {
    Record {
        title: row.remove("title"),
        date: row.remove("date"),
        year: row.remove("year"),
        speaker: row.remove("speaker"),
        body: row.remove("body"),
        doc_type: row.remove("doc_type"),
        extra: row,
    }
}
