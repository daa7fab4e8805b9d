//! A document as the catalog records it: everything but its passages.

use std::borrow::Cow;
use std::sync::OnceLock;

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
    pub names: DocumentNames,
}

/// The names read in a document, read back from the index lazily: only `names` needs
/// them, and parsing them for every record was a third of reading the document list
/// (which every count, concordance and filter of a common term waits for).
#[derive(Debug, Clone, Default)]
pub struct DocumentNames {
    /// The names, once parsed (or set).
    parsed: OnceLock<Vec<FoundName>>,
    /// The JSON array they were stored as, until then (checked as JSON when read).
    raw: Option<Box<str>>,
}

impl DocumentNames {
    /// Names as the rules read them.
    pub fn new(names: Vec<FoundName>) -> DocumentNames {
        DocumentNames {
            parsed: OnceLock::from(names),
            raw: None,
        }
    }

    /// Names from the JSON array text they were stored as, parsed when first asked for.
    pub(crate) fn from_json_text(text: &str) -> DocumentNames {
        DocumentNames {
            parsed: OnceLock::new(),
            raw: Some(text.into()),
        }
    }

    /// The names, in name order.
    pub fn list(&self) -> &[FoundName] {
        self.parsed.get_or_init(|| {
            // Stored by this format's writer in a frame whose checksum was checked: an
            // array of another shape is another format, which the catalog refuses first.
            self.raw
                .as_ref()
                .and_then(|raw| serde_json::from_str(raw).ok())
                .unwrap_or_default()
        })
    }
}

impl PartialEq for DocumentNames {
    fn eq(&self, other: &DocumentNames) -> bool {
        self.list() == other.list()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::names::NameKind;

    #[test]
    fn names_read_back_lazily_are_the_names_stored() {
        // The names of `laws_lawrefbook/docs/law_00004.txt` as the sample index stores them.
        let stored = r#"[{"name":"上海市","kind":"place","times":2},{"name":"全国人民代表大会常务委员会","kind":"organisation","times":1}]"#;
        let read = DocumentNames::from_json_text(stored);
        let list = read.list();
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].name.as_str(), list[0].kind, list[0].times),
            ("上海市", NameKind::Place, 2)
        );
        assert_eq!(list[1].kind, NameKind::Organisation);
        assert_eq!(read, DocumentNames::new(list.to_vec()));
        assert_eq!(serde_json::to_string(read.list()).unwrap(), stored);
        assert!(DocumentNames::default().list().is_empty());
    }
}
