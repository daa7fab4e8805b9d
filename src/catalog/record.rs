//! A document as the catalog records it: everything but its passages.

use serde::{Deserialize, Serialize};

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
    pub passages: usize,
    pub chars: usize,
}

impl DocumentRecord {
    /// The value of a metadata field by name: the named fields, then manifest extras.
    pub fn field(&self, name: &str) -> Option<&str> {
        let m = &self.meta;
        match name {
            "title" => m.title.as_deref(),
            "subtitle" => m.subtitle.as_deref(),
            "speaker" => m.speaker.as_deref(),
            "body" => m.body.as_deref(),
            "series" => m.series.as_deref(),
            "issue" => m.issue.as_deref(),
            "collection" => m.collection.as_deref(),
            "doc_type" => m.doc_type.as_deref(),
            "path" => Some(self.path.as_str()),
            "encoding" => Some(self.encoding.as_str()),
            other => m.extra.get(other).map(String::as_str),
        }
    }
}
