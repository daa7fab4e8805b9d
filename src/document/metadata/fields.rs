//! The metadata fields in one table: each field's name and how to read it as text. The
//! catalog's field lookup (query filters such as `doc_type:`), `docs --missing`, the
//! sources bookkeeping and the JSON printers all go through it, so a field added here
//! is filterable and printed everywhere.

use std::borrow::Cow;

use super::{Metadata, MetadataSource};

/// One metadata field.
pub struct Field {
    /// Its name in queries, manifests and JSON.
    pub name: &'static str,
    /// Its value as text (`YYYY-MM-DD` for dates), if the document has one.
    pub text: fn(&Metadata) -> Option<Cow<'_, str>>,
}

fn text(value: &Option<String>) -> Option<Cow<'_, str>> {
    value.as_deref().map(Cow::Borrowed)
}

/// A text field of [`Metadata`], under its own name.
macro_rules! text_field {
    ($name:ident) => {
        Field {
            name: stringify!($name),
            text: |m| text(&m.$name),
        }
    };
}

/// A date field of [`Metadata`], as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
macro_rules! date_field {
    ($name:ident) => {
        Field {
            name: stringify!($name),
            text: |m| m.$name.map(|d| Cow::Owned(d.to_string())),
        }
    };
}

/// Every named metadata field, in the order JSON prints them.
pub const FIELDS: &[Field] = &[
    text_field!(title),
    text_field!(subtitle),
    text_field!(speaker),
    text_field!(body),
    date_field!(date),
    date_field!(enacted),
    date_field!(publish_date),
    text_field!(series),
    text_field!(issue),
    text_field!(collection),
    text_field!(doc_type),
];

/// The field named `name`, if it is one of the named fields.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

impl Metadata {
    /// The value of a field by name, as text: a named field, else a manifest extra.
    pub fn value(&self, name: &str) -> Option<Cow<'_, str>> {
        match field(name) {
            Some(f) => (f.text)(self),
            None => self.extra.get(name).map(|v| Cow::Borrowed(v.as_str())),
        }
    }

    /// Records `source` for every present value that has no source yet.
    pub fn mark_sources(&mut self, source: MetadataSource) {
        for f in FIELDS {
            if (f.text)(self).is_some() {
                self.sources.entry(f.name.to_string()).or_insert(source);
            }
        }
    }

    /// True when the value of `name` (title, speaker, body, date, …) is missing.
    pub fn is_missing(&self, name: &str) -> bool {
        self.value(name).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocDate;

    #[test]
    fn every_field_reads_through_the_table() {
        let mut m = Metadata {
            title: Some("标题".into()),
            doc_type: Some("地方性法规".into()),
            date: DocDate::parse("2021-02-08"),
            ..Metadata::default()
        };
        m.extra.insert("level".into(), "national".into());
        assert_eq!(m.value("doc_type").as_deref(), Some("地方性法规"));
        assert_eq!(m.value("date").as_deref(), Some("2021-02-08"));
        assert_eq!(m.value("level").as_deref(), Some("national"));
        assert!(m.is_missing("speaker") && !m.is_missing("title"));
        m.mark_sources(MetadataSource::Header);
        let marked: Vec<&str> = m.sources.keys().map(String::as_str).collect();
        assert_eq!(marked, ["date", "doc_type", "title"]);
    }
}
