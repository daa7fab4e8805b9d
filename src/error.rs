//! The library's one error type. Every variant names the file, folder or query at
//! fault, so a message printed by the binary tells the user what to fix.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in gongwen.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("statistics file {0}: {1}")]
    BadStatistics(PathBuf, String),
    #[error("shard part {0}: {1}")]
    BadPart(PathBuf, String),
    #[error("corpus folder {0} does not exist")]
    MissingCorpus(PathBuf),
    #[error("corpus folder {0} holds no readable text files")]
    EmptyCorpus(PathBuf),
    #[error("no index at {0}")]
    MissingIndex(PathBuf),
    /// Neither an index to read nor a corpus to build one from: run elsewhere than the
    /// project folder, most often. Both paths are absolute, to say where it looked.
    #[error("no index at {} and no corpus folder at {} to build one from", index.display(), corpus.display())]
    NothingToOpen { index: PathBuf, corpus: PathBuf },
    #[error("index at {path} is incompatible ({reason})")]
    IncompatibleIndex { path: PathBuf, reason: String },
    /// Written by a newer gongwen: not read, and not replaced by a command that only
    /// reads (an older gongwen rebuilding it would undo the newer one's work, and a
    /// large index takes a quarter of an hour).
    #[error(
        "index at {path} was written by a newer gongwen (format {format}; this one reads {reads})"
    )]
    NewerIndex {
        path: PathBuf,
        format: u32,
        reads: u32,
    },
    #[error("index at {path}: {source}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("index {path} is locked by another indexing run{}; try again when it ends", pid.map_or_else(String::new, |p| format!(" (pid {p})")))]
    Locked { path: PathBuf, pid: Option<u32> },
    #[error("{path} cannot hold an index: {reason}")]
    NotAnIndexFolder { path: PathBuf, reason: String },
    #[error("index at {path} is damaged: {what}")]
    Damaged { path: PathBuf, what: String },
    #[error("query {query:?}: {message}")]
    Query { query: String, message: String },
    #[error("{0}")]
    Filter(String),
    /// The web server could not start or stopped with an error.
    #[error("serve: {0}")]
    Serve(String),
    #[error(
        "could not write a new generation of the index at {path} ({source}); it was removed, the index in use is unchanged"
    )]
    WriteFailed {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    #[error("date {0:?}: expected YYYY, YYYY-MM or YYYY-MM-DD with a real month and day")]
    Date(String),
    /// A computation that would hold more in memory than it is allowed (`allowed`
    /// bytes), refused before it starts or stopped as soon as it passes (`what`: the
    /// computation, as its command or page would name it).
    #[error("{what}: {overrun}, more than the {} allowed", bytes_text(*allowed))]
    OverBudget {
        what: String,
        overrun: Overrun,
        allowed: u64,
    },
    #[error("dictionary {path}: {message}")]
    Dictionary { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Metadata { path: PathBuf, message: String },
}

/// How a computation passed its memory budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overrun {
    /// Before it started: what it would compare, and the memory that needs.
    Texts {
        documents: usize,
        characters: u64,
        needed: u64,
    },
    /// While it aligned: how far it got, and the memory taken by then.
    Aligning {
        aligned: usize,
        candidates: usize,
        passages: usize,
        needed: u64,
    },
}

impl std::fmt::Display for Overrun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Overrun::Texts {
                documents,
                characters,
                needed,
            } => write!(
                f,
                "comparing {documents} documents ({:.1} million characters) would hold about \
                 {} in memory",
                characters as f64 / 1e6,
                bytes_text(needed)
            ),
            Overrun::Aligning {
                aligned,
                candidates,
                passages,
                needed,
            } => write!(
                f,
                "stopped after aligning {aligned} of {candidates} candidate pairs: the texts \
                 and the {passages} passages found so far hold about {} in memory \
                 (near-copies share their passages pair by pair, so those grow with the \
                 square of the copies)",
                bytes_text(needed)
            ),
        }
    }
}

/// Bytes as gigabytes with two decimals (megabytes under one).
pub fn bytes_text(bytes: u64) -> String {
    if bytes < 1 << 30 {
        format!("{} MB", bytes.div_ceil(1 << 20))
    } else {
        format!("{:.2} GB", bytes as f64 / f64::from(1u32 << 30))
    }
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Wraps a tantivy error with the index folder it happened in.
    pub fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
        Error::Tantivy {
            path: path.into(),
            source,
        }
    }

    /// A query the parser or planner rejects, with a one-line explanation.
    pub fn query(query: &str, message: impl Into<String>) -> Error {
        Error::Query {
            query: query.to_string(),
            message: message.into(),
        }
    }
}
