//! What a comparison may hold in memory. Reuse holds every compared text while it runs,
//! and every passage it finds until they are summed: before it reads a text the texts'
//! share is estimated from the catalog's counts, and while it aligns each passage found
//! is added, so that a comparison too large for its budget (the memory free when it
//! starts, or `--memory`) is refused — before it starts, or as soon as it passes the
//! budget — rather than exhausting the machine midway.

use std::sync::atomic::{AtomicU64, Ordering};

use super::AlignedPair;
use crate::error::{Error, Overrun, Result};

/// Bytes a comparison's texts hold at the peak per character of the compared documents
/// (their records' `chars`): each text as read, folded and the offset of each folded
/// character (4 bytes each), its fingerprints and their document frequencies; the
/// passages found are counted as they come ([`passage_bytes`]). Fitted on the peaks of
/// the sample corpus (`/usr/bin/time`): every pair, 22.4 million characters, 566 MB.
pub const PEAK_BYTES_PER_CHARACTER: u64 = 25;

/// What the process holds besides the comparison (the catalog, the index's readers).
pub const PROCESS_BYTES: u64 = 24 << 20;

/// How much a comparison would compare, known before any text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReuseSize {
    pub documents: usize,
    pub characters: u64,
}

impl ReuseSize {
    /// What its texts would hold in memory at the peak (estimated), the process's own
    /// memory included.
    pub fn peak_bytes(&self) -> u64 {
        PROCESS_BYTES.saturating_add(self.characters.saturating_mul(PEAK_BYTES_PER_CHARACTER))
    }
}

/// The memory a comparison may take, and what it has taken.
#[derive(Debug)]
pub struct Allowance {
    /// The comparison, as its command or page names it.
    what: String,
    limit: Option<u64>,
    used: AtomicU64,
}

impl Allowance {
    pub fn new(what: &str, limit: Option<u64>) -> Allowance {
        Allowance {
            what: what.to_string(),
            limit,
            used: AtomicU64::new(0),
        }
    }

    pub fn unlimited() -> Allowance {
        Allowance::new("", None)
    }

    /// Takes the texts' share; refuses a comparison they alone would take past the limit.
    pub fn texts(&self, size: ReuseSize) -> Result<()> {
        if self.take(size.peak_bytes()) {
            return Ok(());
        }
        Err(self.refused(Overrun::Texts {
            documents: size.documents,
            characters: size.characters,
            needed: size.peak_bytes(),
        }))
    }

    /// Takes `bytes` more: false once past the limit.
    pub fn take(&self, bytes: u64) -> bool {
        let used = self.used.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.limit.is_none_or(|limit| used <= limit)
    }

    /// Whether it is past the limit already.
    pub fn exceeded(&self) -> bool {
        let used = self.used.load(Ordering::Relaxed);
        self.limit.is_some_and(|limit| used > limit)
    }

    /// The refusal of a comparison stopped while aligning.
    pub fn stopped(&self, aligned: usize, candidates: usize, passages: usize) -> Error {
        self.refused(Overrun::Aligning {
            aligned,
            candidates,
            passages,
            needed: self.used.load(Ordering::Relaxed),
        })
    }

    fn refused(&self, overrun: Overrun) -> Error {
        Error::OverBudget {
            what: self.what.clone(),
            overrun,
            allowed: self.limit.unwrap_or(u64::MAX),
        }
    }
}

/// What an aligned passage holds until it is printed: itself, and once cut from the
/// texts its segments (both sides' text, about three bytes a character, and a segment
/// per run of same or differing characters).
pub(super) fn passage_bytes(p: &AlignedPair) -> u64 {
    let runs = p.alignment.runs.len() as u64;
    let chars =
        u64::from(p.alignment.a.1 - p.alignment.a.0) + u64::from(p.alignment.b.1 - p.alignment.b.0);
    256 + runs * (16 + 64) + chars * 3
}
