//! Mentions: every occurrence of each term in every passage (never top-k), with its
//! context, for concordances and counts. The index only narrows the passages to read;
//! occurrences are then counted on the stored text with the highlighter's scan, so counts
//! are exact: non-overlapping occurrences, as `str::matches` counts them, after folding.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::aliases::Entity;
use super::{DocumentIds, Filters, exact_query, filter_clauses, filtered_documents, highlight};
use crate::analysis::fold_char;
use crate::error::{Error, Result};
use crate::indexer::{DocumentRecord, IndexHandle};

/// Characters of context kept on each side of a mention.
pub const CONTEXT_CHARS: usize = 20;

/// One occurrence of a term.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The term as reported: the group name for an alias group. Shared, like the
    /// names and the document: a common term has hundreds of thousands of mentions.
    pub term: Arc<str>,
    /// The name that matched (differs from `term` for an alias).
    pub variant: Arc<str>,
    /// Shared: a common term has hundreds of thousands of mentions.
    pub document: Arc<DocumentRecord>,
    pub passage: u64,
    /// `[start, end)` character offsets of the match in the passage text.
    pub start: usize,
    pub end: usize,
    pub left: Box<str>,
    pub matched: Box<str>,
    pub right: Box<str>,
}

/// Non-overlapping occurrences of any of the folded `needles` in folded text, scanning
/// left to right and taking the longest needle that matches at each place (so 中国石油
/// inside 中国石油天然气集团有限公司 is one mention, not two). Returns (start, end, needle).
pub fn scan(haystack: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].is_empty())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(needles[i].len()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < haystack.len() {
        match order
            .iter()
            .find(|&&n| haystack[i..].starts_with(&needles[n]))
        {
            Some(&n) => {
                out.push((i, i + needles[n].len(), n));
                i += needles[n].len();
            }
            None => i += 1,
        }
    }
    out
}

/// Document records met while collecting mentions: read one line each while few are
/// needed, the whole list once many are (a rare name should not pay for reading every
/// record, a common character should not open the file thousands of times).
struct DocumentCache<'h> {
    handle: &'h IndexHandle,
    records: HashMap<u64, Arc<DocumentRecord>>,
}

impl<'h> DocumentCache<'h> {
    const READ_ALL_AFTER: usize = 200;

    fn new(handle: &'h IndexHandle) -> Self {
        DocumentCache {
            handle,
            records: HashMap::new(),
        }
    }

    fn get(&mut self, id: u64) -> Result<Arc<DocumentRecord>> {
        if let Some(r) = self.records.get(&id) {
            return Ok(Arc::clone(r));
        }
        let catalog = &self.handle.catalog;
        let record = if self.records.len() >= Self::READ_ALL_AFTER {
            catalog.record(id)?.clone()
        } else {
            catalog.document(id)?
        };
        let record = Arc::new(record);
        self.records.insert(id, Arc::clone(&record));
        Ok(record)
    }
}

/// Every mention of every term, ordered by document date (undated last), document,
/// passage and offset.
pub fn mentions(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
) -> Result<Vec<Mention>> {
    collect(handle, entities, filters, true)
}

/// The occurrences of one term in one passage.
#[derive(Debug, Clone)]
pub struct PassageCount {
    pub term: Arc<str>,
    pub document: Arc<DocumentRecord>,
    pub passage: u64,
    pub occurrences: usize,
}

/// What counts of mentions are made of: a [`Mention`] is one occurrence, a
/// [`PassageCount`] several in one passage.
pub trait Occurrences {
    fn document(&self) -> &DocumentRecord;
    fn passage(&self) -> u64;
    fn count(&self) -> usize;
}

impl Occurrences for Mention {
    fn document(&self) -> &DocumentRecord {
        &self.document
    }
    fn passage(&self) -> u64 {
        self.passage
    }
    fn count(&self) -> usize {
        1
    }
}

impl Occurrences for PassageCount {
    fn document(&self) -> &DocumentRecord {
        &self.document
    }
    fn passage(&self) -> u64 {
        self.passage
    }
    fn count(&self) -> usize {
        self.occurrences
    }
}

/// Every occurrence, counted per passage, with the counts [`mentions`] gives: for count
/// tables and trends, which need no context. A term made of single characters (的, 稳)
/// is counted from the index alone: each occurrence of a character starts exactly one
/// token of the exact field (its bigram, or the character alone before a space or the
/// end), so the term frequencies of the terms beginning with it add up to its count,
/// without reading a passage.
pub fn occurrences(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
) -> Result<Vec<PassageCount>> {
    let searcher = handle.reader.searcher();
    let ids = DocumentIds::new(&searcher).map_err(|e| Error::tantivy(&handle.path, e))?;
    let mut records = DocumentCache::new(handle);
    let mut out = Vec::new();
    for entity in entities {
        let term: Arc<str> = Arc::from(entity.name.as_str());
        let mut chars: Vec<String> = Vec::new();
        for variant in &entity.variants {
            match crate::analysis::exact_plan(variant) {
                Some(crate::analysis::ExactPlan::Prefix(c)) => chars.push(c),
                _ => {
                    chars.clear();
                    break;
                }
            }
        }
        chars.sort();
        chars.dedup();
        if chars.is_empty() {
            // Longer terms: count on the text, as mentions do.
            let mut per_passage: HashMap<(u64, u64), PassageCount> = HashMap::new();
            for m in collect(handle, std::slice::from_ref(entity), filters, false)? {
                per_passage
                    .entry((m.document.id, m.passage))
                    .or_insert_with(|| PassageCount {
                        term: Arc::clone(&term),
                        document: Arc::clone(&m.document),
                        passage: m.passage,
                        occurrences: 0,
                    })
                    .occurrences += 1;
            }
            out.extend(per_passage.into_values());
            continue;
        }
        let counted =
            char_counts(handle, &searcher, &chars).map_err(|e| Error::tantivy(&handle.path, e))?;
        for (address, occurrences) in counted {
            let (Some(id), Some(passage)) = (ids.of(address), ids.ordinal(address)) else {
                continue;
            };
            let document = records.get(id)?;
            // Every filter is a property of the document.
            if !filters.admits(&document) {
                continue;
            }
            out.push(PassageCount {
                term: Arc::clone(&term),
                document,
                passage,
                occurrences,
            });
        }
    }
    Ok(out)
}

/// Per live passage, the summed term frequencies of the exact-field terms beginning with
/// any of `chars`.
fn char_counts(
    handle: &IndexHandle,
    searcher: &tantivy::Searcher,
    chars: &[String],
) -> tantivy::Result<Vec<(DocAddress, usize)>> {
    use tantivy::postings::Postings;
    use tantivy::{DocSet, TERMINATED};
    let mut out = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(handle.fields.exact)?;
        let mut counts = vec![0u32; reader.max_doc() as usize];
        for c in chars {
            // Terms beginning with `c` sort between `c` and the next code point.
            let next = c
                .chars()
                .next()
                .and_then(|ch| char::from_u32(ch as u32 + 1))
                .unwrap_or('\u{E000}')
                .to_string();
            let mut stream = inverted
                .terms()
                .range()
                .ge(c.as_bytes())
                .lt(next.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    counts[doc as usize] += postings.term_freq();
                    doc = postings.advance();
                }
            }
        }
        let alive = reader.alive_bitset();
        for (doc, &n) in counts.iter().enumerate() {
            let doc = doc as u32;
            if n > 0 && alive.is_none_or(|a| a.is_alive(doc)) {
                out.push((DocAddress::new(ord as u32, doc), n as usize));
            }
        }
    }
    Ok(out)
}

fn collect(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    context: bool,
) -> Result<Vec<Mention>> {
    let searcher = handle.reader.searcher();
    let filters_q = filter_clauses(handle, filters)?;
    let allowed = filtered_documents(handle, &searcher, filters)?;
    let ids = DocumentIds::new(&searcher).map_err(|e| Error::tantivy(&handle.path, e))?;
    let mut records = DocumentCache::new(handle);
    let mut out = Vec::new();
    for entity in entities {
        let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for variant in &entity.variants {
            let q = exact_query(handle.fields.exact, variant)
                .ok_or_else(|| Error::query(variant, "nothing to search for"))?;
            any.push((Occur::Should, q));
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(any)))];
        clauses.extend(filters_q.iter().map(|(o, q)| (*o, q.box_clone())));
        let found = searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(|e| Error::tantivy(&handle.path, e))?;
        let mut addresses: Vec<DocAddress> = match &allowed {
            Some(allowed) => found
                .into_iter()
                .filter(|a| ids.of(*a).is_some_and(|id| allowed.contains(&id)))
                .collect(),
            None => found.into_iter().collect(),
        };
        addresses.sort();
        let needles: Vec<Vec<char>> = entity
            .variants
            .iter()
            .map(|v| highlight::needle(v))
            .collect();
        let term: Arc<str> = Arc::from(entity.name.as_str());
        let variants: Vec<Arc<str>> = entity
            .variants
            .iter()
            .map(|v| Arc::from(v.as_str()))
            .collect();
        for address in addresses {
            let stored: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| Error::tantivy(&handle.path, e))?;
            let text = stored
                .get_first(handle.fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let doc_id = stored
                .get_first(handle.fields.doc)
                .and_then(|v| v.as_u64())
                .unwrap_or(u64::MAX);
            let passage = stored
                .get_first(handle.fields.ordinal)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            let document = records.get(doc_id)?;
            let chars: Vec<char> = text.chars().collect();
            let folded: Vec<char> = chars.iter().map(|&c| fold_char(c)).collect();
            for (s, e, n) in scan(&folded, &needles) {
                out.push(Mention {
                    term: Arc::clone(&term),
                    variant: Arc::clone(&variants[n]),
                    document: Arc::clone(&document),
                    passage,
                    start: s,
                    end: e,
                    left: text_of(context, &chars[s.saturating_sub(CONTEXT_CHARS)..s]),
                    matched: text_of(context, &chars[s..e]),
                    right: text_of(context, &chars[e..(e + CONTEXT_CHARS).min(chars.len())]),
                });
            }
        }
    }
    // (path, section) order is the catalog's rank of the document: compare numbers, not
    // paths, hundreds of thousands of times for a common term.
    let catalog = &handle.catalog;
    // Counts need no order; a concordance does.
    if !context {
        return Ok(out);
    }
    let key = |m: &Mention| {
        (
            m.document.meta.date.map_or(i64::MAX, |d| d.first_day()),
            catalog.rank(m.document.id),
            m.passage,
            m.start,
        )
    };
    out.sort_unstable_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.term.cmp(&b.term)));
    Ok(out)
}

/// The group key of a document in counts by document: its file and section.
pub fn doc_key(doc: &DocumentRecord) -> String {
    format!("{} §{}", doc.path, doc.section)
}

/// `chars` as text when context is wanted, else nothing (an empty box allocates nothing).
fn text_of(context: bool, chars: &[char]) -> Box<str> {
    if context {
        chars.iter().collect::<String>().into_boxed_str()
    } else {
        Box::default()
    }
}

/// How mentions are grouped in a count table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Doc,
    Year,
    Speaker,
    Body,
}

/// Counts for one group: occurrences, distinct passages and documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub occurrences: usize,
    pub passages: usize,
    pub documents: usize,
}

/// Counts of `mentions` (of any term) per group key, in key order; `None` keys (no
/// date, speaker or body) are reported under "(none)" / "undated" by the printer.
pub fn count_by<'m, T: Occurrences + 'm>(
    mentions: impl IntoIterator<Item = &'m T>,
    by: GroupBy,
) -> BTreeMap<Option<String>, Counts> {
    // Per document first (an integer key, hundreds of thousands of mentions), then per
    // group: a document belongs to exactly one group, so passages and documents add up.
    let mut per_doc: HashMap<u64, (&'m DocumentRecord, usize, HashSet<u64>)> = HashMap::new();
    for m in mentions {
        let document = m.document();
        let entry = per_doc
            .entry(document.id)
            .or_insert_with(|| (document, 0, HashSet::new()));
        entry.1 += m.count();
        entry.2.insert(m.passage());
    }
    let mut groups: BTreeMap<Option<String>, Counts> = BTreeMap::new();
    for (document, occurrences, passages) in per_doc.into_values() {
        let meta = &document.meta;
        let key = match by {
            GroupBy::Doc => Some(doc_key(document)),
            GroupBy::Year => meta.date.map(|d| d.year.to_string()),
            GroupBy::Speaker => meta.speaker.clone(),
            GroupBy::Body => meta.body.clone(),
        };
        let entry = groups.entry(key).or_default();
        entry.occurrences += occurrences;
        entry.passages += passages.len();
        entry.documents += 1;
    }
    groups
}

/// Totals over all mentions.
pub fn totals<'m, T: Occurrences + 'm>(mentions: impl IntoIterator<Item = &'m T>) -> Counts {
    count_by(mentions, GroupBy::Doc)
        .values()
        .fold(Counts::default(), |mut acc, c| {
            acc.occurrences += c.occurrences;
            acc.passages += c.passages;
            acc.documents += c.documents;
            acc
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_non_overlapping_like_str_matches() {
        let hay: Vec<char> = "稳稳稳稳稳".chars().collect();
        let needle: Vec<char> = "稳稳".chars().collect();
        assert_eq!(
            scan(&hay, &[needle]).len(),
            "稳稳稳稳稳".matches("稳稳").count()
        );
    }

    #[test]
    fn longest_variant_wins_where_names_overlap() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let hay = chars("中国石油天然气集团有限公司与中国石油、中石油");
        let needles = [
            chars("中国石油"),
            chars("中国石油天然气集团有限公司"),
            chars("中石油"),
        ];
        let found: Vec<usize> = scan(&hay, &needles).iter().map(|m| m.2).collect();
        assert_eq!(found, vec![1, 0, 2]);
    }
}
