//! Metadata of a document (title, speaker, issuing body, date, …), where each value came
//! from, and how it is read from the document's own text:
//! - [`patterns`]: the regexes, in one place;
//! - [`line`]: what one header line says ([`line::HeaderLine`]);
//! - [`header`]: the header's extent, then an ordered list of named passes over the
//!   classified lines, then field resolution;
//! - [`body`]: cues in the body text (work-report openings, signatures, printing records);
//! - [`issuer`]: issuing bodies named by acts, titles and report places;
//! - [`fields`]: the table of fields, by name.
//!
//! A value is set only when a pattern says so: a missing value is far better than a
//! wrong one. Which source wins over which is decided in `document::ingest`.

mod body;
pub mod fields;
mod header;
mod issuer;
mod line;
mod patterns;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::date::date_from;
pub use super::date::{DocDate, Precision, parse_cn_date};
pub use body::{read_body_cues, read_news_cues};
pub use header::{read_header, read_header_under};
pub use line::is_body_name;

/// What is known about one document. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub date: Option<DocDate>,
    /// A revised law's first act (its adoption or promulgation); `date` is then the
    /// latest revision's, the version the text is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enacted: Option<DocDate>,
    pub publish_date: Option<DocDate>,
    pub series: Option<String>,
    pub issue: Option<String>,
    pub collection: Option<String>,
    pub doc_type: Option<String>,
    /// Further fields from a manifest, kept as they were.
    #[serde(default, skip_serializing_if = "Extras::is_empty")]
    pub extra: Extras,
    /// Where each value came from: field name → source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, MetadataSource>,
    /// Where in the text each value read from it stands (see [`crate::document::provenance`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spans: BTreeMap<String, crate::document::provenance::ValueSpan>,
}

/// Further fields from a manifest, kept as they were. Read back from the index lazily:
/// a count over thousands of documents needs their dates, not their licences and notes,
/// and parsing those was two thirds of reading the document list.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The fields, once parsed (or set).
    parsed: OnceLock<BTreeMap<String, String>>,
    /// The JSON object they were read from, until then (not even tokenised).
    raw: Option<Box<str>>,
}

impl Extras {
    /// Extras from the JSON object text they were stored as, parsed when first asked for.
    pub fn from_json_text(text: &str) -> Extras {
        Extras {
            parsed: OnceLock::new(),
            raw: (text != "{}").then(|| text.into()),
        }
    }

    /// The JSON object text to store them as (`{}` for none).
    pub fn json_text(&self) -> String {
        match (&self.raw, self.parsed.get()) {
            (Some(raw), None) => raw.to_string(),
            _ => serde_json::to_string(self.map()).expect("extras serialise"),
        }
    }

    /// The fields by name.
    pub fn map(&self) -> &BTreeMap<String, String> {
        self.parsed.get_or_init(|| {
            self.raw
                .as_ref()
                .and_then(|raw| serde_json::from_str(raw).ok())
                .unwrap_or_default()
        })
    }

    /// The fields, to change them.
    pub fn map_mut(&mut self) -> &mut BTreeMap<String, String> {
        self.map();
        self.raw = None;
        self.parsed.get_mut().expect("parsed just now")
    }

    pub fn get(&self, name: &str) -> Option<&String> {
        self.map().get(name)
    }

    pub fn insert(&mut self, name: String, value: String) {
        self.map_mut().insert(name, value);
    }

    pub fn is_empty(&self) -> bool {
        match (&self.raw, self.parsed.get()) {
            (None, None) => true,
            _ => self.map().is_empty(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.map().iter()
    }
}

impl From<BTreeMap<String, String>> for Extras {
    fn from(map: BTreeMap<String, String>) -> Extras {
        Extras {
            parsed: OnceLock::from(map),
            raw: None,
        }
    }
}

impl PartialEq for Extras {
    fn eq(&self, other: &Extras) -> bool {
        self.map() == other.map()
    }
}

impl Eq for Extras {}

impl Serialize for Extras {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extras {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Extras, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(Extras::from_json_text(raw.get()))
    }
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetadataSource {
    /// A `manifest.jsonl` or `metadata.csv` record (wins over everything else).
    Manifest,
    /// The document's own header lines.
    Header,
    /// A year or date in the file name (used when nothing better exists).
    FileName,
    /// A news dateline's month and day (`新华社北京3月5日电`), in the year of the page's
    /// time stamp, the file name or the text.
    Dateline,
    /// The closing lines: a signature (`国务院总理 李强`, an issuing body over a date)
    /// or the printing record at the foot.
    Signature,
    /// A cue in the running text: `我代表国务院，向大会报告…`, `本办法自…起施行`.
    Text,
}

static FILE_NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)((?:1[89]|20)\d{2})(?:[-_.年]?(0[1-9]|1[0-2])(?:[-_.月]?(0[1-9]|[12]\d|3[01]))?)?(?:\D|$)")
        .expect("file name date pattern")
});

/// A year or date written in a file name (`gwr_2014.txt`, `2021-02-08_讲话.txt`).
pub fn date_from_file_name(path: &str) -> Option<DocDate> {
    let name = path.rsplit('/').next().unwrap_or(path);
    FILE_NAME_DATE.captures(name).and_then(|c| date_from(&c))
}
