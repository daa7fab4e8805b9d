//! Analysis: the one place that decides how text becomes terms.
//!
//! Two views of every passage are indexed:
//! - `gw_exact` ([`exact`]), dictionary-independent: every non-space character is a
//!   term, positioned at its character index, so recall is exact whatever jieba does.
//!   (Characters rather than bigrams: a quarter smaller on disk and faster to build, and
//!   dense character postings compress well; phrase queries start from the rarest
//!   character.)
//! - `gw_words` ([`words`]), jieba words with gongwen's policy dictionary, for BM25
//!   ranking; queries are cut by [`query::segment_query`] against the index's own terms.
//!
//! Both fold each character with [`crate::text::fold_char`]; the query side and the
//! highlighter use the same function. Tokenizers are registered by [`register`] every
//! time an index is opened or created: tantivy stores only their names.

pub mod exact;
pub mod names;
pub mod query;
pub mod words;

use std::sync::Arc;

use tantivy::Index;
use tantivy::tokenizer::TextAnalyzer;

pub use exact::{ExactPlan, ExactTokenizer, exact_plan};
pub use query::{MAX_QUERY_WORD, segment_query};
pub use words::{POLICY_DICT, Segmenter, WordTokenizer};

/// Name of the exact (character) tokenizer in the schema.
pub const EXACT_TOKENIZER: &str = "gw_exact";
/// Name of the word (jieba) tokenizer in the schema.
pub const WORD_TOKENIZER: &str = "gw_words";
/// Bumped whenever tokenization changes in a way that invalidates existing indexes.
pub const ANALYSIS_VERSION: u32 = 3;

/// Registers gongwen's tokenizers on `index`, the word tokenizer with `segmenter`. Call
/// on every create and every open.
pub fn register(index: &Index, segmenter: &Arc<Segmenter>) {
    let manager = index.tokenizers();
    manager.register(EXACT_TOKENIZER, TextAnalyzer::from(ExactTokenizer));
    manager.register(
        WORD_TOKENIZER,
        TextAnalyzer::from(WordTokenizer::new(Arc::clone(segmenter))),
    );
}

/// Stable FNV-1a hash, used to fingerprint analysis settings.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Fingerprint of everything that decides which terms a text yields: the analysis
/// version, the built-in dictionary and the user dictionary's contents.
pub fn fingerprint(user_dict: Option<&str>) -> String {
    let mut bytes = ANALYSIS_VERSION.to_le_bytes().to_vec();
    bytes.extend_from_slice(POLICY_DICT.as_bytes());
    if let Some(extra) = user_dict {
        bytes.push(0);
        bytes.extend_from_slice(extra.as_bytes());
    }
    format!("{:016x}", fnv1a(&bytes))
}
