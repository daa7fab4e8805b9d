//! Ranking statistics: BM25 over the passages the index holds now, whatever its history.

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// BM25 statistics that depend only on the passages in the index, not on its history:
/// the word-token total comes from the catalog (`indexer::writer::live_token_total`,
/// computed once per indexing run), not from tantivy's per-segment sums, which are
/// estimates for segments merged with deletions. With `shards`, the sums over every
/// shard of a corpus instead (`search --stats`): each shard then scores as the one
/// index of the whole corpus would.
pub(crate) struct PassageStatistics<'s> {
    pub searcher: &'s Searcher,
    pub text: Field,
    pub text_tokens: u64,
    pub shards: Option<&'s super::statistics::ShardStatistics>,
}

impl<'s> PassageStatistics<'s> {
    pub(crate) fn of(
        handle: &crate::catalog::IndexHandle,
        searcher: &'s Searcher,
        shards: Option<&'s super::statistics::ShardStatistics>,
    ) -> Self {
        PassageStatistics {
            searcher,
            text: handle.fields.text,
            text_tokens: handle.catalog.word_tokens,
            shards,
        }
    }

    /// Passages holding `word` in the `text` field.
    pub(crate) fn word_freq(&self, word: &str) -> u64 {
        match self.shards {
            Some(shards) => shards.words.get(word).copied().unwrap_or(0),
            None => self
                .searcher
                .doc_freq(&Term::from_field_text(self.text, word))
                .unwrap_or(0),
        }
    }

    /// Passages in all.
    pub(crate) fn passages(&self) -> u64 {
        self.shards.map_or(self.searcher.num_docs(), |s| s.passages)
    }
}

impl tantivy::query::Bm25StatisticsProvider for PassageStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if field == self.text {
            return Ok(self.shards.map_or(self.text_tokens, |s| s.text_tokens));
        }
        tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.passages())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if term.field() == self.text
            && self.shards.is_some()
            && let Some(word) = term.value().as_str()
        {
            return Ok(self.word_freq(word));
        }
        self.searcher.doc_freq(term)
    }
}

/// Added to a passage holding every positive term (below [`super::CONTIGUOUS_BONUS`],
/// above any BM25 score): the terms discussed together, not scattered.
pub const ALL_TERMS_BONUS: f32 = 100.0;
/// Half of it for every term found in two neighbouring passages.
pub const NEARBY_BONUS: f32 = ALL_TERMS_BONUS / 2.0;
/// Added to a document whose title, kind, speaker or body holds every term, once: as much as
/// a passage holding them all contiguously (`十九大 报告`: the report whose title says
/// 十九大 and whose body is the Central Committee's report, above a speech that writes
/// 十九大报告).
pub const DESCRIBED_BONUS: f32 = super::CONTIGUOUS_BONUS;
/// Passages of fewer words than this are weighed down in proportion: a bare heading
/// (`第七章促进高质量发展`, five words) wins BM25's length normalisation over the
/// paragraph that says something; at a fifth of its score it never outranks a passage
/// holding the same match.
pub const SUBSTANCE_WORDS: u32 = 25;
/// A match in the header (title, speaker, issuing body) weighs this much more.
pub const HEADER_WEIGHT: f32 = 2.0;
/// A document's score adds this times ln(1 + its matching passages) to its best
/// passage's: a report about the query above one that mentions it in passing.
pub const DOCUMENT_WEIGHT: f32 = 2.0;

/// A passage's score for ranking: its BM25 (with the contiguity bonus) plus the bonus
/// for holding every term, weighed by substance (length) or by header weight.
pub fn passage_score(bm25: f32, words: u32, header: bool, all_terms: bool) -> f32 {
    let score = bm25 + if all_terms { ALL_TERMS_BONUS } else { 0.0 };
    if header {
        score * HEADER_WEIGHT
    } else if words < SUBSTANCE_WORDS {
        score * (words.max(1) as f32 / SUBSTANCE_WORDS as f32).max(0.2)
    } else {
        score
    }
}

/// Weight of a lone term's repetition in a document ([`document_score`]): chosen on
/// a development set of 589 known-item phrases (`relevance_queries … 600 7`; 10 and 30
/// tie there), reported on others (see the README).
pub const REPETITION_WEIGHT: f32 = 30.0;
/// BM25's saturation and length normalisation for that repetition.
const REPETITION_K1: f32 = 1.2;
const REPETITION_B: f32 = 0.5;

/// A document's score: its best passage's, plus 2 × ln(1 + its `matching` passages);
/// and for a query of one term (`lone`: its weight, [`term_weight`], and the document's
/// length against the matching documents' mean), how often the document repeats it —
/// BM25 over documents, its passages beyond the first as the frequency: a report that
/// treats a rare phrase nine times above a law that has it once, a plan about 高质量发展
/// beside the titles that name it. One occurrence adds nothing (a governor's name in a
/// short list is no better than in his report); several terms rank by their passages.
pub fn document_score(best: f32, matching: usize, lone: Option<(f32, f32)>) -> f32 {
    let score = best + DOCUMENT_WEIGHT * (1.0 + matching as f32).ln();
    let Some((weight, length)) = lone else {
        return score;
    };
    let repeated = matching.saturating_sub(1) as f32;
    let normalised = REPETITION_K1 * (1.0 - REPETITION_B + REPETITION_B * length);
    score + REPETITION_WEIGHT * weight * repeated * (REPETITION_K1 + 1.0) / (repeated + normalised)
}

/// A term's weight: its inverse document frequency, as BM25 computes it, from the
/// documents holding it among all.
pub fn term_weight(holding: usize, documents: usize) -> f32 {
    let (f, n) = (holding as f32, documents as f32);
    (1.0 + (n - f + 0.5) / (f + 0.5)).ln()
}
