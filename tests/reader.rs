//! The read side as a long-running process uses it: several indexes with their own
//! dictionaries in one process, a live index that follows new generations, and many
//! threads answering from one handle.

use std::sync::Arc;

use gongwen::catalog::{IndexHandle, LiveIndex};
use gongwen::indexer::{self, BuildOptions};
use gongwen::search::{self, Filters, Sort, query};

use crate::util::corpus_copy;

fn build(corpus: &std::path::Path, index: &std::path::Path, dict: Option<std::path::PathBuf>) {
    let options = BuildOptions {
        user_dict: dict,
        ..BuildOptions::default()
    };
    indexer::build(corpus, index, &options, &mut |_| {}).expect("index builds");
}

fn word_count(handle: &IndexHandle, word: &str) -> u64 {
    let term = tantivy::Term::from_field_text(handle.fields.text, word);
    handle.reader.searcher().doc_freq(&term).unwrap()
}

/// Regression for the process-wide jieba: a second build in one process with another
/// dictionary segmented with the first one's.
#[test]
fn two_indexes_with_other_dictionaries_segment_each_with_its_own() {
    let dir = corpus_copy(&[(
        "enterprise.txt",
        "尧柏水泥集团有限公司今年扩大生产。".as_bytes(),
    )]);
    let corpus = dir.path().join("corpus");
    let dict = dir.path().join("words.txt");
    std::fs::write(&dict, "尧柏水泥集团有限公司 100000\n").unwrap();
    let plain = dir.path().join("plain");
    let with_dict = dir.path().join("with-dict");
    // The plain index first: a process-wide jieba would then keep the plain dictionary.
    build(&corpus, &plain, None);
    build(&corpus, &with_dict, Some(dict));
    let plain = IndexHandle::open(&plain).unwrap();
    let with_dict = IndexHandle::open(&with_dict).unwrap();
    assert_eq!(word_count(&plain, "尧柏水泥集团有限公司"), 0);
    assert_eq!(word_count(&with_dict, "尧柏水泥集团有限公司"), 1);
    assert_ne!(plain.catalog.analysis, with_dict.catalog.analysis);
}

fn passages(handle: &IndexHandle, text: &str) -> usize {
    let q = query::parse(text).unwrap();
    search::search(handle, &q, &Filters::default(), Sort::Relevance, 10)
        .unwrap()
        .passages
}

#[test]
fn a_live_index_answers_from_each_new_generation_and_keeps_old_handles_whole() {
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    build(&corpus, &index, None);
    let live = LiveIndex::open(&index).unwrap();
    let first = live.handle().unwrap();
    assert_eq!(passages(&first, "新发布的专项行动"), 0);
    assert!(
        Arc::ptr_eq(&first, &live.handle().unwrap()),
        "no reload without a new generation"
    );

    std::fs::write(
        corpus.join("new.txt"),
        "市政府新发布的专项行动方案。".as_bytes(),
    )
    .unwrap();
    build(&corpus, &index, None);
    let second = live.handle().unwrap();
    assert_ne!(first.generation(), second.generation());
    assert_eq!(passages(&second, "新发布的专项行动"), 1);
    // A request that started on the old generation finishes on it.
    assert_eq!(passages(&first, "新发布的专项行动"), 0);
    assert!(passages(&first, "纾困") > 0);
}

#[test]
fn one_handle_answers_many_threads_at_once() {
    let shared = crate::util::shared();
    let expected: Vec<usize> = ["纾困", "稳增长", "工业", "的"]
        .iter()
        .map(|q| passages(&shared.handle, q))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..5 {
                    let got: Vec<usize> = ["纾困", "稳增长", "工业", "的"]
                        .iter()
                        .map(|q| passages(&shared.handle, q))
                        .collect();
                    assert_eq!(got, expected);
                }
            });
        }
    });
}
