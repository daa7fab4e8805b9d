//! The passage schema: each passage is a tantivy document with its text twice analysed
//! (`text` with jieba words for ranking, `exact` with characters for exact recall), the
//! number of its document in the catalog, its ordinal, the document's date range
//! (`YYYYMMDD` numbers) and — on the document's first passage only — its title (and
//! subtitle), kind of document, speaker and body analysed like `exact`: a query's term
//! may be what the document is rather than a word of it. Document metadata lives once,
//! in the catalog.

use std::path::PathBuf;

use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{EXACT_TOKENIZER, WORD_TOKENIZER};
use crate::error::{Error, Result};

/// The fields of the passage schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub text: Field,
    pub exact: Field,
    pub doc: Field,
    pub ordinal: Field,
    pub date_first: Field,
    pub date_last: Field,
    pub doc_chars: Field,
    pub title: Field,
    pub doc_type: Field,
    pub speaker: Field,
    pub body: Field,
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::IncompatibleIndex {
                    path: PathBuf::new(),
                    reason: format!("field {name} missing"),
                })
        };
        Ok(Fields {
            text: get("text")?,
            exact: get("exact")?,
            doc: get("doc")?,
            ordinal: get("ordinal")?,
            date_first: get("date_first")?,
            date_last: get("date_last")?,
            doc_chars: get("doc_chars")?,
            title: get("title")?,
            doc_type: get("doc_type")?,
            speaker: get("speaker")?,
            body: get("body")?,
        })
    }
}

/// The passage schema.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let analysed = |tokenizer: &str| {
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
    };
    // Words only rank (BM25 needs frequencies, not positions); phrases use `exact`.
    builder.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(WORD_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
            .set_stored(),
    );
    // Exact fields only match, never score: no field norms.
    let exact = TextOptions::default()
        .set_indexing_options(analysed(EXACT_TOKENIZER).set_fieldnorms(false));
    builder.add_text_field("exact", exact.clone());
    // Indexed (without field norms) so an update can delete a document's passages by id.
    // Not stored: read from fast fields; the store holds only the text.
    builder.add_u64_field("doc", NumericOptions::default().set_fast().set_indexed());
    builder.add_u64_field("ordinal", FAST);
    // Date filters are range queries, which tantivy answers from fast fields.
    builder.add_i64_field("date_first", FAST);
    builder.add_i64_field("date_last", FAST);
    // The document's length in characters, on each of its passages: how much of the
    // document a term's passages are (ranking by document).
    builder.add_u64_field("doc_chars", FAST);
    builder.add_text_field("title", exact.clone());
    builder.add_text_field("doc_type", exact.clone());
    builder.add_text_field("speaker", exact.clone());
    builder.add_text_field("body", exact);
    builder.build()
}
