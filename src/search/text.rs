//! A whole document's text: its passages in order, read from the store, for reading a
//! document (the web page `/doc/ID`) with every hit of a query highlighted.

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::collect::{Passages, StoredText};
use super::highlight::highlights;
use crate::catalog::IndexHandle;
use crate::document::HEADER_PASSAGE;
use crate::error::{Error, Result};

/// One passage of a document, with the matches of the literals asked for.
#[derive(Debug, Clone)]
pub struct DocumentPassage {
    /// Its ordinal in the document ([`HEADER_PASSAGE`] for the header).
    pub passage: u64,
    pub text: String,
    /// `[start, end)` character offsets of the matches in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// The passages of document `id` in order (its header passage only when `header`), each
/// with the matches of `literals`.
pub fn document_text(
    handle: &IndexHandle,
    id: u64,
    literals: &[&str],
    header: bool,
) -> Result<Vec<DocumentPassage>> {
    let searcher = handle.reader.searcher();
    let query = TermQuery::new(
        Term::from_field_u64(handle.fields.doc, id),
        IndexRecordOption::Basic,
    );
    let mut found = searcher
        .search(&query, &Passages)
        .map_err(|e| Error::tantivy(&handle.path, e))?;
    found.retain(|p| p.doc == id && (header || p.ordinal != HEADER_PASSAGE));
    found.sort_by_key(|p| p.ordinal);
    found
        .into_iter()
        .map(|p| {
            let stored: StoredText = searcher
                .doc(p.address)
                .map_err(|e| Error::tantivy(&handle.path, e))?;
            let highlights = highlights(&stored.0, literals.iter().copied());
            Ok(DocumentPassage {
                passage: p.ordinal,
                text: stored.0,
                highlights,
            })
        })
        .collect()
}
