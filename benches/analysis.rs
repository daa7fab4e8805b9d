//! Analysis and query benchmarks over the bundled `corpus/`. Each asserts what it
//! measures (token and hit counts), so a broken engine cannot look fast.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongwen::analysis::{ExactTokenizer, Segmenter, WordTokenizer};
use gongwen::catalog::IndexHandle;
use gongwen::indexer::{self, BuildOptions};
use gongwen::search::{self, Filters, Sort, query};
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn corpus_text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (files, _) = gongwen::corpus::list(&dir).expect("corpus/ lists");
    files
        .iter()
        .map(|f| {
            gongwen::corpus::read(f, &Default::default())
                .expect("sample decodes")
                .text
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn count<T: Tokenizer>(mut tokenizer: T, text: &str) -> usize {
    let mut stream = tokenizer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

fn analysis(c: &mut Criterion) {
    let text = corpus_text();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("exact_chars", |b| {
        b.iter(|| assert_eq!(count(ExactTokenizer, black_box(&text)), chars))
    });
    let segmenter = std::sync::Arc::new(Segmenter::load(None).expect("built-in dictionary"));
    let words = count(WordTokenizer::new(segmenter.clone()), &text);
    assert!(
        words > chars / 4 && words < chars,
        "{words} words for {chars} chars"
    );
    group.bench_function("jieba_words", |b| {
        b.iter(|| {
            assert_eq!(
                count(WordTokenizer::new(segmenter.clone()), black_box(&text)),
                words
            )
        })
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    indexer::build(&corpus, dir.path(), &BuildOptions::default(), &mut |_| {})
        .expect("index builds");
    let handle = IndexHandle::open(dir.path()).expect("index opens");
    let mut group = c.benchmark_group("query");
    for (name, q, passages) in [
        ("rare_term", "尧柏水泥", 2),
        ("common_char", "稳", 39),
        ("phrase", "高质量发展", 14),
        ("two_terms", "工业 稳增长", 19),
        ("filtered", "工业 speaker:赵俊民 year:2021", 24),
    ] {
        let parsed = query::parse(q).expect("query parses");
        let got = search::search(&handle, &parsed, &Filters::default(), Sort::Relevance, 10)
            .expect("search runs");
        assert_eq!(got.passages, passages, "{name}: {q}");
        group.bench_function(name, |b| {
            b.iter(|| {
                search::search(
                    &handle,
                    black_box(&parsed),
                    &Filters::default(),
                    Sort::Relevance,
                    10,
                )
                .expect("search runs")
            })
        });
    }
    for (name, term, occurrences) in [
        ("mentions_rare", "尧柏水泥", 2),
        ("mentions_common", "稳", 66),
    ] {
        let entity = gongwen::search::aliases::Aliases::default().entity(term);
        let found = gongwen::mentions::mentions(
            &handle,
            std::slice::from_ref(&entity),
            &Filters::default(),
        )
        .expect("mentions run");
        assert_eq!(found.len(), occurrences, "{name}: {term}");
        group.bench_function(name, |b| {
            b.iter(|| {
                gongwen::mentions::mentions(
                    &handle,
                    std::slice::from_ref(black_box(&entity)),
                    &Filters::default(),
                )
                .expect("mentions run")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analysis, queries);
criterion_main!(benches);
