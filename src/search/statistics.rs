//! Ranking statistics one shard gives the others (`gongwen stats`): what BM25 and the
//! document score need beyond a passage's own text — passages and word tokens in all,
//! how many passages hold each word the query could be cut into, and for a one-term
//! query how many documents hold it and how long the matching ones are. Summed over
//! every shard of a corpus (`search --stats`), they make each shard score exactly as
//! one index of the whole corpus scores, so the shards' top documents, merged by
//! score, are that index's top documents.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::rank::PassageStatistics;
use super::{Filters, Query, lone, merged};
use crate::analysis::MAX_QUERY_WORD;
use crate::catalog::IndexHandle;
use crate::error::{Error, Result};
use crate::text::fold_str;

/// What one shard (or the sum of several) says of a query's ranking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardStatistics {
    /// The query and filters these are for, as `describe` writes them.
    pub query: String,
    pub passages: u64,
    pub documents: u64,
    /// Word tokens of the `text` field over all passages.
    pub text_tokens: u64,
    /// Passages holding each word a literal of the query could be cut into (every
    /// stretch of up to [`MAX_QUERY_WORD`] characters held by any passage).
    pub words: BTreeMap<String, u64>,
    /// One-term queries: the documents holding the term, filters aside.
    pub holding: u64,
    /// One-term queries: the documents matching under the filters, and their characters.
    pub matching: u64,
    pub matching_chars: u64,
}

/// What `search --stats` and `stats` are for: the query and filters in one line.
pub fn describe(query: &Query, filters: &Filters) -> String {
    let filters = merged(query, filters);
    match filters.is_empty() {
        true => query.describe(),
        false => format!("{} with {}", query.describe(), filters.describe()),
    }
}

impl ShardStatistics {
    /// This index's statistics for `query` under `filters`.
    pub fn of(handle: &IndexHandle, query: &Query, filters: &Filters) -> Result<ShardStatistics> {
        let searcher = handle.reader.searcher();
        let local = PassageStatistics::of(handle, &searcher, None);
        let mut words = BTreeMap::new();
        for clause in query.clauses.iter().filter(|c| !c.negated) {
            for literal in &clause.alternatives {
                for part in literal.split_whitespace() {
                    let chars: Vec<char> = fold_str(part).chars().collect();
                    for start in 0..chars.len() {
                        for end in start + 1..=(start + MAX_QUERY_WORD).min(chars.len()) {
                            let word: String = chars[start..end].iter().collect();
                            let freq = local.word_freq(&word);
                            if freq > 0 {
                                words.insert(word, freq);
                            }
                        }
                    }
                }
            }
        }
        let described = describe(query, filters);
        let filters = merged(query, filters);
        let lone = lone::rank_documents(handle, &searcher, (query, &filters), None)?;
        Ok(ShardStatistics {
            query: described,
            passages: local.passages(),
            documents: handle.catalog.len() as u64,
            text_tokens: handle.catalog.word_tokens,
            words,
            holding: lone.as_ref().map_or(0, |l| l.holding as u64),
            matching: lone.as_ref().map_or(0, |l| l.documents.len() as u64),
            matching_chars: lone.as_ref().map_or(0, |l| l.matching_chars),
        })
    }

    /// The sum of the statistics in `files` (JSON, as `gongwen stats` prints them), which
    /// must all be for `query` under `filters`.
    pub fn sum_of(files: &[PathBuf], query: &Query, filters: &Filters) -> Result<ShardStatistics> {
        let wanted = describe(query, filters);
        let mut sum = ShardStatistics {
            query: wanted.clone(),
            ..ShardStatistics::default()
        };
        for file in files {
            let bad = |why: String| Error::BadStatistics(file.clone(), why);
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let part: ShardStatistics =
                serde_json::from_str(text.trim()).map_err(|e| bad(e.to_string()))?;
            if part.query != wanted {
                return Err(bad(format!(
                    "they are for {:?}, not for {wanted:?}: give the same query and filters to `stats`",
                    part.query
                )));
            }
            sum.passages += part.passages;
            sum.documents += part.documents;
            sum.text_tokens += part.text_tokens;
            for (word, freq) in part.words {
                *sum.words.entry(word).or_default() += freq;
            }
            sum.holding += part.holding;
            sum.matching += part.matching;
            sum.matching_chars += part.matching_chars;
        }
        Ok(sum)
    }
}
