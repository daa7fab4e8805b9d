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

/// A record as one shard hands it to another (in a part: `reuse --gather`,
/// `mentions --by doc --part`): its manifest extras apart, because a record's metadata
/// is read back through a buffer (`flatten`) their lazy reader cannot take.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PortableRecord {
    pub record: DocumentRecord,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
}

impl From<DocumentRecord> for PortableRecord {
    fn from(mut record: DocumentRecord) -> PortableRecord {
        let extra = std::mem::take(&mut record.meta.extra);
        PortableRecord {
            record,
            extra: extra.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

impl From<PortableRecord> for DocumentRecord {
    fn from(portable: PortableRecord) -> DocumentRecord {
        let mut record = portable.record;
        record.meta.extra = crate::document::metadata::Extras::from(portable.extra);
        record
    }
}
