//! Ranking statistics: BM25 over the passages the index holds now, whatever its history.

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// BM25 statistics that depend only on the passages in the index, not on its history:
/// the word-token total comes from the catalog (`indexer::writer::live_token_total`,
/// computed once per indexing run), not from tantivy's per-segment sums, which are
/// estimates for segments merged with deletions.
pub(crate) struct PassageStatistics<'s> {
    pub searcher: &'s Searcher,
    pub text: Field,
    pub text_tokens: u64,
}

impl tantivy::query::Bm25StatisticsProvider for PassageStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if field == self.text {
            return Ok(self.text_tokens);
        }
        tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}
