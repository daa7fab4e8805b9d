//! Checks over the 66 MB `../shared/corpus/` (not in a user's clone): `#[ignore]`d, run
//! with `cargo test --release -- --ignored shared_corpus --nocapture`.

use std::collections::BTreeSet;
use std::path::Path;

use gongwen::catalog::IndexHandle;
use gongwen::indexer::{self, BuildOptions};
use gongwen::search::{self, Filters, Sort, query};
use gongwen::text::fold_str;

use crate::util::parse_all;

#[test]
#[ignore = "needs ../shared/corpus"]
fn shared_corpus_search_and_mentions_equal_a_brute_force_scan() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let dir = tempfile::tempdir().unwrap();
    let summary =
        indexer::build(&corpus, dir.path(), &BuildOptions::default(), &mut |_| {}).unwrap();
    println!(
        "indexed {} documents, {} passages in {:.1} s",
        summary.documents, summary.passages, summary.seconds
    );
    let handle = IndexHandle::open(dir.path()).unwrap();
    let documents = parse_all(&corpus);
    let folded: Vec<(String, usize, u64, String)> = documents
        .iter()
        .flat_map(|d| {
            d.passages
                .iter()
                .enumerate()
                .map(|(i, p)| (i as u64, p.clone()))
                .chain([(gongwen::search::HEADER_PASSAGE, d.header_text())])
                .map(|(i, p)| (d.path.clone(), d.section, i, fold_str(&p)))
        })
        .collect();
    let terms = [
        "稳",
        "的",
        "碳",
        "高质量发展",
        "供给侧结构性改革",
        "碳中和",
        "碳达峰",
        "纾困",
        "新质生产力",
        "一带一路",
        "营商环境",
        "2020年",
        "1954年",
        "GDP",
        "中国石油",
        "国家发展和改革委员会",
        "安康高新集团",
        "尧柏水泥",
        "上海",
        "周恩来",
        "国务院",
        "人民代表大会",
        "%",
        "。",
        "放管服",
        "华为",
        "深圳市",
        "浦东新区",
        "李克强",
        "毛泽东",
        "1978年",
        "5%",
        "十四五",
        "乡村振兴",
        "粮",
        "2",
    ];
    let mut failures = Vec::new();
    for term in terms {
        let parsed = query::parse(term).unwrap();
        let results = search::search_passages(
            &handle,
            &parsed,
            &Filters::default(),
            Sort::Relevance,
            usize::MAX,
        )
        .unwrap();
        let found: BTreeSet<(String, usize, u64)> = results
            .hits
            .iter()
            .map(|h| (h.document.path.clone(), h.document.section, h.passage))
            .collect();
        let needle = fold_str(term);
        let scanned: BTreeSet<(String, usize, u64)> = folded
            .iter()
            .filter(|(_, _, _, text)| text.contains(&needle))
            .map(|(p, s, o, _)| (p.clone(), *s, *o))
            .collect();
        let entity = gongwen::search::aliases::Aliases::default().entity(term);
        let mentioned = gongwen::mentions::mentions(
            &handle,
            std::slice::from_ref(&entity),
            &Filters::default(),
        )
        .unwrap()
        .len();
        // Counts (from the postings for single characters) agree too.
        let counted = gongwen::mentions::totals(
            &gongwen::mentions::occurrences(&handle, &[entity], &Filters::default()).unwrap(),
        )
        .occurrences;
        let occurrences: usize = folded
            .iter()
            .map(|(_, _, _, text)| text.matches(&needle).count())
            .sum();
        println!(
            "{term}\tpassages found {} scanned {}\tmentions {} counted {counted} scanned {}",
            found.len(),
            scanned.len(),
            mentioned,
            occurrences
        );
        if found != scanned || mentioned != occurrences || counted != occurrences {
            failures.push(term);
        }
    }
    assert!(failures.is_empty(), "differ from the scan: {failures:?}");
}

/// The province each document of `../shared/corpus/` is put in by `spread --by province`,
/// printed to be read (`GONGWEN_INDEX`: an index of it already built, else one is built):
/// `cargo test --release -- --ignored shared_corpus_provinces --nocapture`.
#[test]
#[ignore = "needs ../shared/corpus"]
fn shared_corpus_provinces() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let dir = tempfile::tempdir().unwrap();
    let index = match std::env::var_os("GONGWEN_INDEX") {
        Some(built) => std::path::PathBuf::from(built),
        None => {
            indexer::build(&corpus, dir.path(), &BuildOptions::default(), &mut |_| {}).unwrap();
            dir.path().to_path_buf()
        }
    };
    let handle = IndexHandle::open(&index).unwrap();
    for d in handle.catalog.documents().unwrap().iter() {
        println!(
            "{}\t{}\t{}\t{}",
            gongwen::research::province::province_of(d).unwrap_or_else(|| "(none)".into()),
            d.meta.body.as_deref().unwrap_or("-"),
            d.meta.title.as_deref().unwrap_or("-"),
            d.path
        );
    }
}
