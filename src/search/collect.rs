//! Collectors: every matching passage, scored ([`AllMatches`]) or not ([`Passages`]),
//! with its document id and ordinal from the fast fields, so totals are exact.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// A matching passage before ranking.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub score: Score,
    pub doc: u64,
    pub ordinal: u64,
    pub date: i64,
    pub address: DocAddress,
    /// Words in the passage (its field norm): a bare heading has a handful.
    pub words: u32,
    /// Characters in the passage's document.
    pub doc_chars: u64,
}

/// The document id and ordinal of any passage, from the fast fields of each segment.
pub struct DocumentIds {
    docs: Vec<Column<u64>>,
    ordinals: Vec<Column<u64>>,
}

impl DocumentIds {
    pub fn new(searcher: &Searcher) -> tantivy::Result<DocumentIds> {
        let column = |name: &str| {
            searcher
                .segment_readers()
                .iter()
                .map(|r| r.fast_fields().u64(name))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(DocumentIds {
            docs: column("doc")?,
            ordinals: column("ordinal")?,
        })
    }

    /// The id of the passage's document.
    pub fn of(&self, address: DocAddress) -> Option<u64> {
        self.docs
            .get(address.segment_ord as usize)?
            .first(address.doc_id)
    }

    /// The passage's ordinal in its document.
    pub fn ordinal(&self, address: DocAddress) -> Option<u64> {
        self.ordinals
            .get(address.segment_ord as usize)?
            .first(address.doc_id)
    }
}

/// Collects every matching passage with its score, document, ordinal, date and length
/// in words of the `text` field.
pub struct AllMatches {
    pub text: tantivy::schema::Field,
}

pub struct SegmentMatches {
    segment: SegmentOrdinal,
    doc: Column<u64>,
    ordinal: Column<u64>,
    date: Column<i64>,
    doc_chars: Column<u64>,
    words: Option<tantivy::fieldnorm::FieldNormReader>,
    out: Vec<Candidate>,
}

/// The stored text of a passage, its only stored field, read without building a
/// general document (a quarter of the reading time for a common character).
pub struct StoredText(pub String);

impl tantivy::schema::document::DocumentDeserialize for StoredText {
    fn deserialize<'de, D>(
        mut fields: D,
    ) -> std::result::Result<Self, tantivy::schema::document::DeserializeError>
    where
        D: tantivy::schema::document::DocumentDeserializer<'de>,
    {
        let mut text = String::new();
        while let Some((_, value)) = fields.next_field::<String>()? {
            text = value;
        }
        Ok(StoredText(text))
    }
}

/// A matching passage, located: its address, document id and ordinal.
#[derive(Debug, Clone, Copy)]
pub struct PassageRef {
    pub address: DocAddress,
    pub doc: u64,
    pub ordinal: u64,
}

/// Collects every matching passage, unscored, in index order: for exhaustive answers,
/// where a hash set of addresses would cost more than the matching.
pub struct Passages;

pub struct SegmentPassages {
    segment: SegmentOrdinal,
    doc: Column<u64>,
    ordinal: Column<u64>,
    out: Vec<PassageRef>,
}

impl Collector for Passages {
    type Fruit = Vec<PassageRef>;
    type Child = SegmentPassages;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentPassages> {
        let fast = reader.fast_fields();
        Ok(SegmentPassages {
            segment,
            doc: fast.u64("doc")?,
            ordinal: fast.u64("ordinal")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<PassageRef>>) -> tantivy::Result<Vec<PassageRef>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentPassages {
    type Fruit = Vec<PassageRef>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let (Some(id), Some(ordinal)) = (self.doc.first(doc), self.ordinal.first(doc)) {
            self.out.push(PassageRef {
                address: DocAddress::new(self.segment, doc),
                doc: id,
                ordinal,
            });
        }
    }

    fn harvest(self) -> Vec<PassageRef> {
        self.out
    }
}

impl Collector for AllMatches {
    type Fruit = Vec<Candidate>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let fast = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            doc: fast.u64("doc")?,
            ordinal: fast.u64("ordinal")?,
            date: fast.i64("date_first")?,
            doc_chars: fast.u64("doc_chars")?,
            words: reader.fieldnorms_readers().get_field(self.text)?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Candidate>>) -> tantivy::Result<Vec<Candidate>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Candidate>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Candidate {
            score,
            doc: self.doc.first(doc).unwrap_or(u64::MAX),
            ordinal: self.ordinal.first(doc).unwrap_or(0),
            date: self.date.first(doc).unwrap_or(i64::MIN),
            address: DocAddress::new(self.segment, doc),
            words: self.words.as_ref().map_or(u32::MAX, |n| n.fieldnorm(doc)),
            doc_chars: self.doc_chars.first(doc).unwrap_or(0),
        });
    }

    fn harvest(self) -> Vec<Candidate> {
        self.out
    }
}
