//! A document as the catalog records it: everything but its passages.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::analysis::names::FoundName;
use crate::document::Metadata;

/// A document as the catalog records it: everything but its passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: u64,
    pub path: String,
    pub section: usize,
    #[serde(flatten)]
    pub meta: Metadata,
    pub encoding: String,
    /// Whether the document has header lines (a header passage besides its passages).
    #[serde(default)]
    pub header: bool,
    pub passages: usize,
    pub chars: usize,
    /// The names the rules read in the document when it was indexed (`names` gathers
    /// them; not part of `docs` output).
    #[serde(skip)]
    pub names: Vec<FoundName>,
}

impl DocumentRecord {
    /// The value of a metadata field by name: the named fields, then manifest extras.
    pub fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        match name {
            "path" => Some(Cow::Borrowed(self.path.as_str())),
            "encoding" => Some(Cow::Borrowed(self.encoding.as_str())),
            other => self.meta.value(other),
        }
    }
}
